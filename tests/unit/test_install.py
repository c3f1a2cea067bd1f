"""``kiosk install``: the systemd units of every role pass ``systemd-analyze verify`` without a
single warning, say what the issue asks of them, and install/uninstall into a staging root."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from config import site_file
from kiosk.cli import main
from kiosk.commands.install import InstallError, install, make_plan, uninstall
from tests.needs import need_program

HUB = "http://hub.fauquembergues.msp.lan:8470"


def verify(folder: Path, files: dict[Path, str]) -> None:
    analyze = need_program("systemd-analyze", "systemd")
    written = []
    for path, text in files.items():
        if path.suffix in (".service", ".timer"):
            (folder / path.name).write_text(text, encoding="utf-8")
            written.append(str(folder / path.name))
    result = subprocess.run([analyze, "verify", *written], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_hub_units(tmp_path):
    the_plan = make_plan("hub", site_file("fauquembergues"), None, "0.0.0.0", 8470)
    verify(tmp_path, the_plan.files)
    units = {path.name: text for path, text in the_plan.files.items()}
    hub = units["kiosk-hub.service"]
    for line in ("Restart=on-failure", "StateDirectory=kiosk", "User=kiosk", "Type=notify",
                 "ProtectSystem=strict", "NoNewPrivileges=yes", "WantedBy=multi-user.target"):
        assert line in hub.splitlines(), line
    assert " --db sqlite:////var/lib/kiosk/fauquembergues.db" in hub
    assert " --out /var/lib/kiosk/backups --keep 14" in units["kiosk-backup.service"]
    assert "OnCalendar=*-*-* 21:30" in units["kiosk-backup.timer"]
    assert " purge --config " in units["kiosk-purge.service"]
    assert the_plan.enable == ["kiosk-hub.service", "kiosk-backup.timer", "kiosk-purge.timer"]


@pytest.mark.parametrize("role", ["kiosk", "display"])
def test_screen_session_restarts_the_app_full_screen(tmp_path, role):
    need_program("cage", "cage")
    the_plan = make_plan(role, site_file("enquin-les-mines"), HUB, "0.0.0.0", 8470)
    verify(tmp_path, the_plan.files)
    unit = the_plan.files[Path("/etc/systemd/system/kiosk-screen.service")]
    assert "Restart=always" in unit.splitlines() and "PAMName=login" in unit
    assert " -d -- " in unit and f" {role} --config " in unit and f"--hub {HUB}" in unit
    udev = Path("/etc/udev/rules.d/60-kiosk-printers.rules")
    assert (udev in the_plan.files) == (role == "kiosk")
    if role == "kiosk":
        assert 'ATTR{idVendor}=="04b8"' in the_plan.files[udev]
        assert 'ATTR{idVendor}=="0519"' in the_plan.files[udev]


def test_a_landscape_monitor_mounted_in_portrait(tmp_path):
    need_program("cage", "cage")
    the_plan = make_plan("kiosk", site_file("fauquembergues"), HUB, "0.0.0.0", 8470, rotate=90)
    verify(tmp_path, the_plan.files)
    unit = the_plan.files[Path("/etc/systemd/system/kiosk-screen.service")]
    assert "/cage -d -r -- " in unit


def test_counter_is_a_user_service(tmp_path):
    the_plan = make_plan("counter", site_file("fauquembergues"), HUB, "0.0.0.0", 8470)
    verify(tmp_path, the_plan.files)
    (path,) = the_plan.files
    assert path == Path("/etc/systemd/user/kiosk-counter.service")
    assert the_plan.commands == [["systemctl", "--global", "enable", "kiosk-counter.service"]]


def test_install_then_uninstall_in_a_staging_root(tmp_path):
    need_program("cage", "cage")
    ran: list[list[str]] = []
    said: list[str] = []
    the_plan = make_plan("kiosk", site_file("enquin-les-mines"), HUB, "0.0.0.0", 8470)
    install(the_plan, dry_run=False, root=tmp_path, run=ran.append, say=said.append)
    unit = tmp_path / "etc/systemd/system/kiosk-screen.service"
    assert unit.read_text() == the_plan.files[Path("/etc/systemd/system/kiosk-screen.service")]
    assert (tmp_path / "etc/udev/rules.d/60-kiosk-printers.rules").exists()
    assert ["systemctl", "enable", "kiosk-screen.service"] in ran
    assert "wrote /etc/systemd/system/kiosk-screen.service" in said
    ran.clear(), said.clear()
    uninstall(dry_run=False, root=tmp_path, run=ran.append, say=said.append)
    assert not unit.exists()
    assert ran[0] == ["systemctl", "disable", "--now", "kiosk-screen.service"]
    assert "removed /etc/udev/rules.d/60-kiosk-printers.rules" in said
    assert "kept /var/lib/kiosk" in said[-1]


def test_dry_run_prints_and_changes_nothing(capsys):
    assert main(["install", "--role", "hub", "--config", "fauquembergues", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "# --- /etc/systemd/system/kiosk-hub.service" in out
    assert "would run: systemctl enable --now kiosk-hub.service" in out


def test_a_screen_needs_its_hub(capsys):
    assert main(["install", "--role", "display", "--config", "fauquembergues", "--dry-run"]) == 1
    assert "--hub URL is needed for a display" in capsys.readouterr().err
    with pytest.raises(InstallError, match="--hub"):
        make_plan("counter", site_file("fauquembergues"), None, "0.0.0.0", 8470)
