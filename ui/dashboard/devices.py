"""The dashboard's "Appareils" panel: paired and waiting devices, approve a code, revoke.

A kiosk, display or counter terminal that asks to pair shows a short code on its screen;
the manager types it here (or runs ``kiosk devices approve CODE`` on the hub). The list
shows each device's role, state, where it asked from and when it was last seen; revoking
one ends its credential at once (it must pair again). Every call runs off the GUI thread.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.client import HubClient
from ui.counter.style import ActionButton
from ui.ops import Op
from ui.widgets import label, timer

REFRESH_MS = 5000
ROLES = {"kiosk": "Borne", "display": "Écran d'affichage", "counter": "Poste de guichet"}
STATES = {"pending": "En attente d'approbation", "paired": "Appairé", "revoked": "Révoqué"}
COLUMNS = ("Appareil", "Rôle", "État", "Code", "Demandé depuis", "Vu pour la dernière fois")


class DevicesPanel(QWidget):
    def __init__(self, client: HubClient, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.client = client
        self.rows: list[dict] = []
        self.setWindowTitle("Appareils")
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        approve_row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("Code affiché par l'appareil, ex. K7P 4QX")
        self.code.setAccessibleName("pairing code")
        self.code.returnPressed.connect(self.approve)
        self.approve_button = ActionButton("Approuver", name="approve_device")
        self.approve_button.clicked.connect(self.approve)
        approve_row.addWidget(self.code, stretch=1)
        approve_row.addWidget(self.approve_button)
        layout.addLayout(approve_row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, stretch=1)
        bottom = QHBoxLayout()
        self.status = label(role="status", align=Qt.AlignmentFlag.AlignLeft)
        self.revoke_button = ActionButton("Révoquer", name="revoke_device", secondary=True)
        self.revoke_button.clicked.connect(self.revoke)
        bottom.addWidget(self.status, stretch=1)
        bottom.addWidget(self.revoke_button)
        layout.addLayout(bottom)
        self._timer = timer(self, REFRESH_MS, self.refresh)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        Op(self, self.client.devices).success(self._show).failure(self._failed).run()

    def approve(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        Op(self, lambda: self.client.approve_device(code)).success(self._approved).failure(
            self._failed).run()

    def revoke(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.status.setText("Choisissez d'abord un appareil dans la liste.")
            return
        device = self.rows[rows[0].row()]["id"]
        Op(self, lambda: self.client.revoke_device(device)).success(
            lambda d: self._done(f"{d['id']} révoqué : il devra être appairé de nouveau.")
        ).failure(self._failed).run()

    def _approved(self, device: dict) -> None:
        self.code.clear()
        self._done(f"{device['id']} ({ROLES.get(device['role'], device['role'])}) appairé.")

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.status.setText(str(error))

    def _show(self, devices: list[dict]) -> None:
        self.rows = devices
        self.table.setRowCount(len(devices))
        for row, device in enumerate(devices):
            code = device.get("pairing_code") or ""
            values = (
                device["id"],
                ROLES.get(device["role"], device["role"]),
                STATES.get(device["state"], device["state"]),
                f"{code[:3]} {code[3:]}".strip(),
                device.get("requested_from") or "",
                _when(device.get("last_seen_at")),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))


def _when(value: str | None) -> str:
    if not value:
        return "jamais"
    return datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")
