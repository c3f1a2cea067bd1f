"""The systemd units that start a site's machines at boot, as text (``kiosk install`` writes them).

- **hub**: a system service (``kiosk-hub.service``) as the ``kiosk`` user, its store in
  ``/var/lib/kiosk`` (``StateDirectory``), restarted on failure, with systemd's hardening
  options; ``Type=notify`` with a watchdog (``kiosk serve`` says READY once it listens and
  pings from its event loop, so a hung hub is restarted too). Two timers beside it: the daily
  backup (``kiosk backup``) and the day-end purge of what is past its retention
  (``kiosk purge``).
- **kiosk** and **display**: an autologin session on tty1, the way a kiosk compositor is
  meant to be started (cage's own advice): ``kiosk-screen.service`` runs ``cage`` as the
  ``kiosk`` user with a logind session (``PAMName=login``), full screen on the only app,
  and starts it again whenever it exits.
- **counter**: a user service for every desk session (``/etc/systemd/user``), started with
  the graphical session and again if it crashes.

Screens only run ``kiosk kiosk|display|counter --config ... --hub ...``: the device's pairing
with its hub starts by itself on first run.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

STATE_DIR = Path("/var/lib/kiosk")
BACKUP_DIR = STATE_DIR / "backups"
USER = "kiosk"
ROLES = ("hub", "kiosk", "display", "counter")
SYSTEM = Path("/etc/systemd/system")
USER_UNITS = Path("/etc/systemd/user")
UDEV_RULE = Path("/etc/udev/rules.d/60-kiosk-printers.rules")

HARDENING = """\
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome={protect_home}
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
CapabilityBoundingSet=
UMask=0027
"""


@dataclass(frozen=True)
class Plan:
    """What ``kiosk install`` will do: files to write and commands to run, in order."""

    role: str
    files: dict[Path, str]
    commands: list[list[str]]
    enable: list[str]


def _q(*words: str | Path) -> str:
    """A command line for ``ExecStart=``: shell-quoted, ``%`` escaped from systemd."""
    return " ".join(shlex.quote(str(w)) for w in words).replace("%", "%%")


def _text(value: str) -> str:
    """Free text (a site's name) in a unit: no specifier, no line break."""
    return " ".join(value.split()).replace("%", "%%")


def _protect_home(*paths: Path) -> str:
    """``yes`` hides /home, /root and /run/user; read-only when the program lives there."""
    homes = (Path("/home"), Path("/root"), Path("/run/user"))
    return "read-only" if any(p.is_relative_to(h) for p in paths for h in homes) else "yes"


def hub_units(
    program: Path, config: Path, slug: str, site_name: str, listen: str, port: int
) -> dict[Path, str]:
    db = f"sqlite:///{STATE_DIR / (slug + '.db')}"
    hardening = HARDENING.format(protect_home=_protect_home(program, config))
    site_name = _text(site_name)
    common = f"""\
User={USER}
Group={USER}
StateDirectory=kiosk
StateDirectoryMode=0750
WorkingDirectory={STATE_DIR}
Environment=XDG_DATA_HOME={STATE_DIR} XDG_CACHE_HOME={STATE_DIR}/.cache
{hardening}"""
    hub = f"""\
[Unit]
Description=kiosk hub of {site_name}
Documentation=man:systemd.service(5)
Wants=network-online.target
After=network-online.target

[Service]
Type=notify
NotifyAccess=main
ExecStart={_q(program, "serve", "--config", config, "--host", listen, "--port", str(port),
             "--db", db)}
Restart=on-failure
RestartSec=2
WatchdogSec=30
TimeoutStopSec=20
{common}
[Install]
WantedBy=multi-user.target
"""
    backup = f"""\
[Unit]
Description=kiosk: daily backup of the {site_name} store

[Service]
Type=oneshot
ExecStart={_q(program, "backup", "--config", config, "--db", db, "--out", BACKUP_DIR,
             "--keep", "14")}
{common}"""
    purge = f"""\
[Unit]
Description=kiosk: remove visits past their retention ({site_name})

[Service]
Type=oneshot
ExecStart={_q(program, "purge", "--config", config, "--db", db)}
{common}"""
    return {
        SYSTEM / "kiosk-hub.service": hub,
        SYSTEM / "kiosk-backup.service": backup,
        SYSTEM / "kiosk-backup.timer": _timer("daily backup of the store", "*-*-* 21:30"),
        SYSTEM / "kiosk-purge.service": purge,
        SYSTEM / "kiosk-purge.timer": _timer("day-end purge", "*-*-* 22:15"),
    }


def _timer(what: str, when: str) -> str:
    return f"""\
[Unit]
Description=kiosk: {what}

[Timer]
OnCalendar={when}
Persistent=true
RandomizedDelaySec=10min

[Install]
WantedBy=timers.target
"""


def screen_unit(
    program: Path, cage: Path, role: str, config: Path, hub: str, rotate: int = 0
) -> str:
    """The autologin session of a kiosk or display: cage on tty1, restarted when it exits.

    ``rotate`` (degrees clockwise, a multiple of 90) turns the screen, for a landscape
    monitor mounted in portrait; cage turns the touch input with it.
    """
    turns = ["-r"] * ((rotate // 90) % 4)
    what = {"kiosk": "visitor kiosk", "display": "waiting-room display"}[role]
    return f"""\
[Unit]
Description=kiosk: {what} (full screen session on tty1)
After=systemd-user-sessions.service plymouth-quit-wait.service network-online.target
Wants=network-online.target
After=dbus.socket systemd-logind.service
Wants=dbus.socket systemd-logind.service
Conflicts=getty@tty1.service
After=getty@tty1.service
ConditionPathExists=/dev/tty1
StartLimitIntervalSec=0

[Service]
Type=simple
User={USER}
PAMName=login
TTYPath=/dev/tty1
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier=tty1
UtmpMode=user
Environment=XDG_SESSION_TYPE=wayland QT_QPA_PLATFORM=wayland
ExecStart={_q(cage, "-d", *turns, "--", program, role, "--config", config, "--hub", hub)}
Restart=always
RestartSec=2

[Install]
WantedBy=graphical.target
"""


def counter_unit(program: Path, config: Path, hub: str) -> str:
    """A user service: the counter console in each desk session, back after a crash."""
    return f"""\
[Unit]
Description=kiosk: counter console
PartOf=graphical-session.target
After=graphical-session.target

[Service]
ExecStart={_q(program, "counter", "--config", config, "--hub", hub)}
Restart=on-failure
RestartSec=2

[Install]
WantedBy=graphical-session.target
"""


def plan(
    role: str,
    *,
    program: Path,
    config: Path,
    slug: str,
    site_name: str,
    hub: str | None,
    listen: str = "0.0.0.0",
    port: int = 8470,
    cage: Path = Path("/usr/bin/cage"),
    udev_rule: str = "",
    rotate: int = 0,
) -> Plan:
    """Everything ``kiosk install --role ROLE`` does, before doing any of it."""
    add_user = ["useradd", "--system", "--create-home", "--home-dir", str(STATE_DIR),
                "--shell", "/usr/sbin/nologin", "--user-group", USER]
    if role == "hub":
        files = hub_units(program, config, slug, site_name, listen, port)
        enable = ["kiosk-hub.service", "kiosk-backup.timer", "kiosk-purge.timer"]
        return Plan(role, files, [add_user, ["systemctl", "daemon-reload"],
                                  ["systemctl", "enable", "--now", *enable]], enable)
    if not hub:
        raise ValueError(f"--hub URL is needed for a {role}: the address of the site's hub")
    if role == "counter":
        files = {USER_UNITS / "kiosk-counter.service": counter_unit(program, config, hub)}
        enable = ["kiosk-counter.service"]
        return Plan(role, files, [["systemctl", "--global", "enable", *enable]], enable)
    if rotate % 90:
        raise ValueError(f"--rotate takes 0, 90, 180 or 270 degrees, not {rotate}")
    files = {
        SYSTEM / "kiosk-screen.service": screen_unit(program, cage, role, config, hub, rotate)
    }
    commands = [add_user,
                ["usermod", "--append", "--groups", "lp,dialout,video,input,render", USER]]
    if role == "kiosk" and udev_rule:
        files[UDEV_RULE] = udev_rule
        commands += [["udevadm", "control", "--reload-rules"],
                     ["udevadm", "trigger", "--subsystem-match=usb",
                      "--subsystem-match=usbmisc"]]
    enable = ["kiosk-screen.service"]
    commands += [["systemctl", "daemon-reload"], ["systemctl", "set-default", "graphical.target"],
                 ["systemctl", "enable", *enable]]
    return Plan(role, files, commands, enable)


#: Every file any role may have written, for ``kiosk uninstall``.
ALL_FILES = (
    SYSTEM / "kiosk-hub.service",
    SYSTEM / "kiosk-backup.service",
    SYSTEM / "kiosk-backup.timer",
    SYSTEM / "kiosk-purge.service",
    SYSTEM / "kiosk-purge.timer",
    SYSTEM / "kiosk-screen.service",
    USER_UNITS / "kiosk-counter.service",
    UDEV_RULE,
)
