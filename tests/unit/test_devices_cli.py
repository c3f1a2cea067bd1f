"""``kiosk devices list|approve|revoke`` on a real SQLite store, as the operator runs it."""

from __future__ import annotations

from config import site_file
from kiosk.cli import main
from kiosk.clock import SystemClock
from kiosk.services.devices import Devices
from kiosk.store.db import Store


def test_list_approve_and_revoke_a_pending_kiosk(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.db'}"
    store = Store.open(url)
    asked = Devices(store, SystemClock()).request("kiosk", "192.168.1.20")
    store.close()
    common = ["--config", str(site_file("demo")), "--db", url]

    assert main(["devices", "list", *common]) == 0
    listed = capsys.readouterr().out
    assert "kiosk-1" in listed and "pending" in listed and asked.code in listed
    assert main(["devices", "approve", asked.code.lower(), *common]) == 0
    assert "paired kiosk-1 (kiosk)" in capsys.readouterr().out
    assert main(["devices", "approve", asked.code, *common]) == 1  # a code serves once
    assert "no pending device" in capsys.readouterr().err
    assert main(["devices", "revoke", "kiosk-1", *common]) == 0
    assert main(["devices", "list", *common]) == 0
    assert "revoked" in capsys.readouterr().out
