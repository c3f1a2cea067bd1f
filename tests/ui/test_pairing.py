"""Pairing a screen with a real hub: the code shown, a manager's approval, the credential
kept in the user's data folder (mode 0600), the dashboard's "Appareils" panel."""

from __future__ import annotations

import stat

import pytest

from kiosk import device_store
from kiosk.client import HubClient
from tests.conftest import sign_in_manager
from ui.dashboard.devices import DevicesPanel
from ui.ops import wait_for_pool
from ui.pairing import PairingScreen, saved_credential_works

WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """The user's data folder of these tests (not the environment's: Qt reads it too)."""
    monkeypatch.setattr(device_store, "folder", lambda: tmp_path / "data" / "devices")


@pytest.fixture
def client(running_hub):
    made = HubClient(running_hub.url, timeout=3.0)
    yield made
    wait_for_pool(WAIT_MS)
    made.close()


def test_a_display_shows_a_code_then_pairs_once_approved(qtbot, running_hub, client, api):
    screen = PairingScreen(client, "display")
    qtbot.addWidget(screen)
    screen._poll.setInterval(100)
    paired: list[str] = []
    screen.paired.connect(paired.append)
    screen.show()
    screen.start()
    qtbot.waitUntil(lambda: screen.code is not None, timeout=WAIT_MS)
    assert screen.code_label.text().replace(" ", "") == screen.code
    assert screen.code in screen.hint.text()
    running_hub.hub.devices.approve(screen.code, "direction")
    qtbot.waitUntil(lambda: bool(paired), timeout=WAIT_MS)
    assert paired == [screen.device_id]
    saved = device_store.path_for(client.base_url, "display")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    again = HubClient(running_hub.url)
    try:
        assert saved_credential_works(again, "display")
        assert again.device_state()["role"] == "display"
        running_hub.hub.devices.revoke(screen.device_id)
        assert not saved_credential_works(again, "display")
    finally:
        again.close()


def test_the_dashboard_panel_approves_a_code_and_revokes(qtbot, running_hub, client, api):
    asked = running_hub.hub.devices.request("kiosk", "10.0.0.5")
    client.token = sign_in_manager(api)["Authorization"].split()[1]
    panel = DevicesPanel(client)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=WAIT_MS)
    assert panel.table.item(0, 2).text() == "En attente d'approbation"
    assert panel.table.item(0, 4).text() == "10.0.0.5"
    panel.code.setText(f"{asked.code[:3]} {asked.code[3:].lower()}")
    panel.approve_button.click()
    qtbot.waitUntil(lambda: panel.table.item(0, 2).text() == "Appairé", timeout=WAIT_MS)
    assert "appairé" in panel.status.text()
    panel.table.selectRow(0)
    panel.revoke_button.click()
    qtbot.waitUntil(lambda: panel.table.item(0, 2).text() == "Révoqué", timeout=WAIT_MS)
