"""Pairing a screen with its hub: the code to show, waiting for a manager's approval.

A kiosk, display or counter terminal started against a remote hub (``--hub URL``) needs a
device credential (docs/security.md). :func:`ensure_paired` uses the saved one when the hub
still knows it; otherwise :class:`PairingScreen` asks the hub to pair, shows the short code
in big letters and checks every few seconds (off the GUI thread) until a manager approves
it from the dashboard ("Appareils") or with ``kiosk devices approve CODE``. The credential
is then saved in the user's data folder (mode 0600) and rides on every call of the client.

Signals: ``paired(str)`` with the device id once approved.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import device_store
from kiosk.client import HubClient, HubUnreachable
from kiosk.errors import KioskError, Unauthorized
from ui.ops import Op
from ui.widgets import label, timer

POLL_MS = 3000
ROLE_NAMES = {"kiosk": "Borne d'accueil", "display": "Écran de la salle d'attente",
              "counter": "Poste de guichet"}


class PairingScreen(QWidget):
    paired = Signal(str)

    def __init__(self, client: HubClient, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.client, self.role = client, role
        self.device_id: str | None = None
        self.code: str | None = None
        self._asked: dict | None = None
        self.setWindowTitle(f"kiosk — {ROLE_NAMES.get(role, role)} : appairage")
        layout = QVBoxLayout(self)
        self.title = label(f"{ROLE_NAMES.get(role, role)} — appairage", role="title")
        self.code_label = label("…", role="pairing-code")
        self.code_label.setStyleSheet("font-size: 72px; font-weight: bold; letter-spacing: 8px;")
        self.hint = label("Demande d'appairage au serveur…")
        for widget in (self.title, self.code_label, self.hint):
            layout.addWidget(widget)
        #: One look at a time: the next is scheduled once the previous answer came.
        self._poll = timer(self, POLL_MS, self._check, single=True)
        self._retry = timer(self, POLL_MS, self.start, single=True)

    def start(self) -> None:
        Op(self, lambda: self.client.pair(self.role)).success(self._shown).failure(
            self._failed).run()

    def _shown(self, asked: dict) -> None:
        self._asked = asked
        self.device_id, self.code = asked["device_id"], asked["code"]
        self.client.set_device_credential(asked["credential"])
        self.code_label.setText(f"{self.code[:3]} {self.code[3:]}")
        self.hint.setText(
            "Un responsable valide ce code dans le tableau de bord (Appareils) "
            f"ou avec « kiosk devices approve {self.code} » ; cet écran continue seul ensuite.")
        self._poll.start()

    def _check(self) -> None:
        Op(self, self.client.device_state).success(self._state).failure(self._failed).run()

    def _state(self, state: dict) -> None:
        if state.get("state") == "pending":
            self._poll.start()
        elif state.get("state") == "paired" and self._asked is not None:
            asked, self._asked = self._asked, None  # once, whatever answers are in flight
            self._poll.stop()
            device_store.save(self.client.base_url, self.role, state["id"], asked["credential"])
            self.paired.emit(state["id"])
        elif state.get("state") == "revoked":
            self._poll.stop()
            self.hint.setText("Appairage refusé ou révoqué : redémarrez l'écran.")

    def _failed(self, error: Exception) -> None:
        if isinstance(error, Unauthorized):  # expired unapproved: ask again
            self.start()
            return
        text = "Serveur injoignable" if isinstance(error, HubUnreachable) else str(error)
        self.hint.setText(f"{text} — nouvel essai dans quelques secondes.")
        if self._asked is None:
            self._retry.start()
        else:
            self._poll.start()


def saved_credential_works(client: HubClient, role: str) -> bool:
    """Load the saved credential into ``client``; True when the hub knows it as paired."""
    saved = device_store.load(client.base_url, role)
    if saved is None:
        return False
    client.set_device_credential(saved["credential"])
    try:
        return client.device_state().get("state") == "paired"
    except Unauthorized:
        device_store.forget(client.base_url, role)
    except KioskError:
        return True  # hub unreachable now: keep the credential, the screen shows offline
    client.set_device_credential(None)
    return False


def ensure_paired(client: HubClient, role: str) -> bool:
    """Block (running the Qt event loop) until ``client`` holds a paired credential.

    False if the pairing screen was closed first.
    """
    if saved_credential_works(client, role):
        return True
    screen = PairingScreen(client, role)
    loop = QEventLoop()
    result: list[str] = []
    screen.paired.connect(lambda device_id: (result.append(device_id), loop.quit()))
    screen.destroyed.connect(loop.quit)
    screen.resize(900, 600)
    screen.show()
    screen.start()
    loop.exec()
    if result:
        screen.close()
        screen.deleteLater()
    return bool(result)
