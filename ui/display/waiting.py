"""How many people wait, per open service, with the service's French label and colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets import label

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class WaitRow(QFrame):
    def __init__(self, code: str, text: str, colour: str):
        super().__init__()
        self.setObjectName("waitRow")
        self.code = code
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 22, 0)
        row.setSpacing(18)
        self.chip = QFrame()
        self.chip.setFixedWidth(16)
        self.chip.setStyleSheet(f"background: {colour}; border-radius: 0px;")
        self.label = label(text, role="waitLabel", align=LEFT)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count = label(
            "",
            role="waitCount",
            wrap=False,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        row.addWidget(self.chip)
        row.addWidget(self.label, 1)
        row.addWidget(self.count)

    def set_count(self, count: int) -> None:
        self._set(str(count), zero=count == 0, closed=False)

    def set_closed(self, text: str) -> None:
        """A closed service stays listed and says so ("Fermé, ouvre demain à 9 h")."""
        self._set(text, zero=True, closed=True)

    def _set(self, text: str, *, zero: bool, closed: bool) -> None:
        if self.count.text() != text:
            self.count.setText(text)
            self.count.setProperty("zero", zero)  # a 0 is muted: the others stand out
            self.count.setProperty("closed", closed)
            self.count.style().unpolish(self.count)
            self.count.style().polish(self.count)
        self.setAccessibleName(f"{self.label.text()}: {text}")


class WaitingPanel(QWidget):
    """Rows are made once per service of the site file (a handful) and shown or hidden as
    services open and close."""

    def __init__(self):
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self.heading = label(role="heading", align=LEFT)
        self._layout.addWidget(self.heading)
        self.closed = label(role="placeholder")
        self._layout.addWidget(self.closed)
        self.rows: dict[str, WaitRow] = {}
        self._services: list[tuple[str, str, str]] = []
        self._layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Waiting"))
        self.closed.setText(tr("All services are closed at the moment."))

    def set_services(self, services: list[tuple[str, str, str]]) -> None:
        """``(code, French label, colour)`` of each service, in the site file's order."""
        if services == self._services:
            return
        self._services = services
        for row in self.rows.values():
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        for index, (code, text, colour) in enumerate(services):
            row = WaitRow(code, text, colour)
            row.hide()
            self.rows[code] = row
            self._layout.insertWidget(2 + index, row)

    def set_waiting(self, waiting: dict[str, int], closed: dict[str, str] | None = None) -> None:
        """Open services with their count; closed ones with the words given in ``closed``
        (code → "Fermé, ouvre …"); a service in neither is hidden."""
        closed = closed or {}
        for code, row in self.rows.items():
            if code in waiting:
                row.set_count(waiting[code])
                row.show()
            elif code in closed:
                row.set_closed(closed[code])
                row.show()
            else:
                row.hide()
        self.closed.setVisible(self.rows != {} and not waiting)
