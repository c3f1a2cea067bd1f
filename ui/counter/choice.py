"""A small choice in place of the action buttons: the outcome of a visit, the service to
transfer to, the reason for a pause.

No dialog: a blocking window would hide the live queue and trap the keyboard. The panel
takes the buttons' place until a choice is made or ``Esc`` / "Back" leaves it; digits
1–9 choose from the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from ui.counter.style import ActionButton
from ui.i18n import tr
from ui.widgets import label


class ChoicePanel(QWidget):
    """Signals: ``chosen(purpose: str, key: str)``, ``back()``."""

    chosen = Signal(str, str)
    back = Signal()

    def __init__(self):
        super().__init__()
        self.purpose = ""
        self.options: dict[str, ActionButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.title = label(role="heading", align=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.title)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        layout.addWidget(self.grid_host)
        layout.addStretch(1)
        self.back_button = ActionButton(name="back", secondary=True)
        self.back_button.clicked.connect(self.back)
        layout.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(tr("Back (Esc)"))

    def open(
        self, purpose: str, title: str, options: list[tuple[str, str]], columns: int = 1
    ) -> None:
        """Show ``options`` as ``(key, text)``; ``chosen(purpose, key)`` reports the pick."""
        self.purpose = purpose
        self.title.setText(title)
        for button in self.options.values():
            button.deleteLater()
        self.options = {}
        for index, (key, text) in enumerate(options):
            shown = f"{index + 1}  {text}" if index < 9 else text
            button = ActionButton(shown, name=f"choice-{key}", secondary=True)
            button.clicked.connect(lambda _=False, k=key: self.chosen.emit(self.purpose, k))
            self.grid.addWidget(button, index // columns, index % columns)
            self.options[key] = button
        if self.options:
            next(iter(self.options.values())).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
        elif len(text) == 1 and text in "123456789" and int(text) <= len(self.options):
            list(self.options.values())[int(text) - 1].click()
        else:
            super().keyPressEvent(event)
