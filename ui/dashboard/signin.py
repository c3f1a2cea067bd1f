"""Manager sign-in: who (the site file's managers) and the PIN, typed on the keyboard.

The page only collects them (``submitted(manager, pin)``); the window asks the hub and
tells here, in one line, what went wrong: a wrong PIN, a locked sign-in, a counter's
session (counters cannot open the dashboard), an unreachable hub.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.counter.style import ActionButton
from ui.i18n import tr
from ui.widgets import Banner, label

PIN_MAX = 12


class SignInPage(QWidget):
    """Signals: ``submitted(manager: str, pin: str)``."""

    submitted = Signal(str, str)

    def __init__(self):
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addStretch(1)
        box = QWidget()
        box.setFixedWidth(600)
        column = QVBoxLayout(box)
        column.setSpacing(14)
        self.title = label(role="title", align=Qt.AlignmentFlag.AlignLeft)
        self.site_name = label(role="subtitle", align=Qt.AlignmentFlag.AlignLeft)
        self.prompt = label(align=Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.who = QComboBox()
        self.who.setAccessibleName("manager")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setAccessibleName("PIN")
        self.pin.returnPressed.connect(self._submit)
        self.who_label, self.pin_label = label(wrap=False), label(wrap=False)
        form.addRow(self.who_label, self.who)
        form.addRow(self.pin_label, self.pin)
        self.button = ActionButton(name="sign_in")
        self.button.clicked.connect(self._submit)
        self.error = Banner()
        for widget in (self.title, self.site_name, self.prompt):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.button)
        column.addWidget(self.error)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Dashboard sign-in"))
        self.prompt.setText(
            tr("Figures are for the house's managers. Choose your name and type your PIN.")
        )
        self.who_label.setText(tr("Manager"))
        self.pin_label.setText(tr("PIN"))
        self.button.setText(tr("Sign in"))

    def set_site(self, site: dict) -> None:
        self.site_name.setText(site.get("name", ""))
        chosen = self.who.currentData()
        self.who.clear()
        for manager in site.get("managers", []):
            self.who.addItem(manager["name"], manager["id"])
        index = self.who.findData(chosen)
        self.who.setCurrentIndex(max(0, index))
        if not site.get("managers"):
            self.show_error(
                tr(
                    "No manager is declared in this site's file: add one under "
                    "[[managers]] to open the dashboard."
                )
            )

    def show_error(self, text: str, level: str = "error") -> None:
        self.error.show_message(level, text)

    def reset(self, message: str = "", level: str = "warning") -> None:
        self.pin.clear()
        if message:
            self.show_error(message, level)
        else:
            self.error.hide()
        self.pin.setFocus()

    def _submit(self) -> None:
        manager, pin = self.who.currentData(), self.pin.text().strip()
        if not manager:
            self.show_error(tr("Choose your name first."))
        elif not pin:
            self.show_error(tr("Type your PIN first."))
        else:
            self.submitted.emit(manager, pin)
