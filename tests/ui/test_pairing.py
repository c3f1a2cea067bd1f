"""Pairing a screen with a real hub: the code shown, a manager's approval, the credential
kept in the user's data folder (mode 0600), the dashboard's "Appareils" panel.

The hub calls are real; :class:`InlineOp` runs each one at once on the test's thread
instead of ``ui.ops``'s thread pool, with the same success/failure wiring, so what the
screens show is checked step by step without waiting on threads.
"""

from __future__ import annotations

import stat

import pytest

from kiosk import device_store
from kiosk.client import HubClient
from tests.conftest import sign_in_manager
from ui.dashboard.devices import DevicesPanel
from ui.pairing import PairingScreen, saved_credential_works


class InlineOp:
    """``ui.ops.Op`` run inline: ``fn`` now, then its success or failure callback."""

    def __init__(self, _parent, fn):
        self._fn = fn
        self._success = self._failure = lambda _value: None

    def success(self, callback):
        self._success = callback
        return self

    def failure(self, callback):
        self._failure = callback
        return self

    def run(self) -> None:
        try:
            value = self._fn()
        except Exception as error:  # delivered to the failure callback, as ui.ops does
            self._failure(error)
            return
        self._success(value)


@pytest.fixture(autouse=True)
def inline_ops(monkeypatch):
    monkeypatch.setattr("ui.pairing.Op", InlineOp)
    monkeypatch.setattr("ui.dashboard.devices.Op", InlineOp)


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """The user's data folder of these tests (not the environment's: Qt reads it too)."""
    monkeypatch.setattr(device_store, "folder", lambda: tmp_path / "data" / "devices")


@pytest.fixture
def client(running_hub):
    made = HubClient(running_hub.url, timeout=3.0)
    yield made
    made.close()


def test_a_display_shows_a_code_then_pairs_once_approved(qtbot, running_hub, client, api):
    screen = PairingScreen(client, "display")
    qtbot.addWidget(screen)
    paired: list[str] = []

    def heard(device_id: str) -> None:
        paired.append(device_id)

    screen.paired.connect(heard)
    screen.show()
    screen.start()
    assert screen.code is not None and screen._poll.isActive()
    assert screen.code_label.text().replace(" ", "") == screen.code
    assert screen.code in screen.hint.text()
    screen._check()  # a look before approval: still waiting
    assert paired == [] and screen._poll.isActive()
    running_hub.hub.devices.approve(screen.code, "direction")
    screen._check()
    assert paired == [screen.device_id] and not screen._poll.isActive()
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
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 2).text() == "En attente d'approbation"
    assert panel.table.item(0, 4).text() == "10.0.0.5"
    panel.code.setText(f"{asked.code[:3]} {asked.code[3:].lower()}")
    panel.approve_button.click()
    assert panel.table.item(0, 2).text() == "Appairé"
    assert "appairé" in panel.status.text() and panel.code.text() == ""
    panel.revoke_button.click()  # nothing chosen yet
    assert "Choisissez" in panel.status.text()
    panel.table.selectRow(0)
    panel.revoke_button.click()
    assert panel.table.item(0, 2).text() == "Révoqué"
    panel.code.setText("ZZZZZZ")
    panel.approve_button.click()
    assert "no pending device" in panel.status.text()
