"""``kiosk install`` and ``kiosk uninstall``: make a machine start its part of the site at boot.

The units come from :mod:`kiosk.commands.units`; this module checks what is needed (root,
the site file, cage for a screen), writes the files, runs ``systemctl`` and says each step
as it does it. ``--dry-run`` prints the files and the commands, and touches nothing. Data
(``/var/lib/kiosk``: the store and its backups) is never removed by an uninstall.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.commands.units import ALL_FILES, STATE_DIR, USER, Plan, plan
from kiosk.errors import KioskError
from kiosk.siteconfig import load_site_config


class InstallError(KioskError):
    pass


def program_path() -> Path:
    """The ``kiosk`` command of this installation (the one running now)."""
    beside = Path(sys.executable).parent / "kiosk"
    if beside.exists():
        return beside.absolute()
    found = shutil.which("kiosk")
    if found is None:
        raise InstallError("cannot find the kiosk command; install the package first")
    return Path(found).absolute()


def make_plan(role: str, config_path: Path, hub: str | None, listen: str, port: int,
              rotate: int = 0) -> Plan:
    config_path = config_path.absolute()
    config = load_site_config(config_path)  # a wrong site file stops here, named
    cage = Path(shutil.which("cage") or "/usr/bin/cage")
    from config import UDEV_RULES

    try:
        return plan(
            role,
            program=program_path(),
            config=config_path,
            slug=config.site.slug,
            site_name=config.site.name,
            hub=hub,
            listen=listen,
            port=port,
            cage=cage,
            udev_rule=UDEV_RULES.read_text(encoding="utf-8"),
            rotate=rotate,
        )
    except ValueError as e:
        raise InstallError(str(e)) from None


def install(the_plan: Plan, *, dry_run: bool, root: Path = Path("/"),
            run: Callable[[list[str]], None] | None = None, say=print) -> None:
    if dry_run:
        for path, text in the_plan.files.items():
            say(f"# --- {path}\n{text}")
        for command in the_plan.commands:
            say("would run: " + " ".join(command))
        return
    _need_root(root)
    if the_plan.role in ("kiosk", "display") and not Path(_cage(the_plan)).exists():
        raise InstallError("a screen needs cage (and Xwayland): "
                           "sudo apt-get install cage xwayland")
    run = run or _run
    for path, text in the_plan.files.items():
        target = root / path.relative_to("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        target.chmod(0o644)
        say(f"wrote {path}")
    for command in the_plan.commands:
        if command[0] == "useradd" and _user_exists(USER):
            say(f"user {USER} already exists")
            continue
        run(command)
        say("ran: " + " ".join(command))
    if the_plan.role == "hub":
        say(f"the hub runs as {USER}, its store and backups in {STATE_DIR}; "
            "see it with: systemctl status kiosk-hub; journalctl -u kiosk-hub")
    elif the_plan.role == "counter":
        say("the counter console starts with each desk session (log out and in once)")
    else:
        say("reboot to start the full-screen session (or: sudo systemctl start "
            "kiosk-screen); the device asks its hub for pairing on first run")


def uninstall(*, dry_run: bool, root: Path = Path("/"),
              run: Callable[[list[str]], None] | None = None, say=print) -> None:
    present = [p for p in ALL_FILES if (root / p.relative_to("/")).exists()]
    units = [p.name for p in present if p.suffix in (".service", ".timer")]
    system = [u for u in units if u != "kiosk-counter.service"]
    commands = []
    if system:
        commands.append(["systemctl", "disable", "--now", *system])
    if "kiosk-counter.service" in units:
        commands.append(["systemctl", "--global", "disable", "kiosk-counter.service"])
    if dry_run:
        for command in commands:
            say("would run: " + " ".join(command))
        for path in present:
            say(f"would remove {path}")
        say(f"{STATE_DIR} (the store and its backups) is kept")
        return
    _need_root(root)
    run = run or _run
    for command in commands:
        run(command)
        say("ran: " + " ".join(command))
    for path in present:
        (root / path.relative_to("/")).unlink()
        say(f"removed {path}")
    if present:
        run(["systemctl", "daemon-reload"])
    say(f"kept {STATE_DIR} (the store and its backups); remove it by hand if you mean it"
        if present else "nothing of kiosk was installed here")


def _cage(the_plan: Plan) -> str:
    unit = next(iter(the_plan.files.values()))
    return unit.split("ExecStart=", 1)[1].split()[0]


def _need_root(root: Path) -> None:
    """The real system needs root; a staging folder (``root``, for packaging) does not."""
    if root == Path("/") and os.geteuid() != 0:
        raise InstallError("this changes the system: run it with sudo "
                           "(or add --dry-run to see what it would do)")


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise InstallError(f"{command[0]} is not installed here (needed for: "
                           f"{' '.join(command)})")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise InstallError(f"{' '.join(command)} failed: "
                           f"{(result.stderr or result.stdout).strip()}")
