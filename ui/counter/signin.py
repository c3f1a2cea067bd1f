"""Signing in at a counter: choose the counter, type its PIN on the keypad or the keyboard.

The page only collects the choice and the PIN (``submitted(counter, pin)``); the window asks
the hub. A wrong PIN, a locked counter or an unreachable hub are told here in one line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.counter.style import ActionButton, set_current, show_banner
from ui.i18n import tr
from ui.widgets import Banner, Keypad, label

PIN_MAX = 12
MAX_WIDTH_PX = 1200


class SignInPage(QWidget):
    """Signals: ``submitted(counter_id: str, pin: str)``."""

    submitted = Signal(str, str)

    def __init__(self):
        super().__init__()
        self.counter: str | None = None
        self.counter_buttons: dict[str, ActionButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addStretch(1)
        frame = QWidget()
        frame.setMaximumWidth(MAX_WIDTH_PX)
        centred = QHBoxLayout()
        centred.addWidget(frame)
        outer.addLayout(centred)
        outer.addStretch(1)
        columns = QHBoxLayout(frame)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(12)
        self.title = label(role="title", align=Qt.AlignmentFlag.AlignLeft)
        self.site_name = label(role="subtitle", align=Qt.AlignmentFlag.AlignLeft)
        self.prompt = label(align=Qt.AlignmentFlag.AlignLeft)
        self.counters_host = QWidget()
        self.counters_grid = QGridLayout(self.counters_host)
        self.counters_grid.setContentsMargins(0, 0, 0, 0)
        self.counters_grid.setSpacing(10)
        self.error = Banner()
        for widget in (self.title, self.site_name, self.prompt, self.counters_host, self.error):
            left.addWidget(widget)
        left.addStretch(1)
        columns.addLayout(left, stretch=3)
        right = QVBoxLayout()
        self.pin_prompt = label(align=Qt.AlignmentFlag.AlignLeft)
        self.keypad = Keypad(max_len=PIN_MAX, secret=True)
        self.keypad.setObjectName("keypad")
        self.keypad.submitted.connect(self._submit)
        right.addWidget(self.pin_prompt)
        right.addWidget(self.keypad)
        right.addStretch(1)
        columns.addLayout(right, stretch=2)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(tr("Counter sign-in"))
        self.prompt.setText(tr("Choose your counter:"))
        self.pin_prompt.setText(tr("Your PIN (keypad or keyboard), then OK:"))

    def set_site(self, site: dict) -> None:
        self.site_name.setText(site.get("name", ""))
        counters = site.get("counters", [])
        if [c["id"] for c in counters] == list(self.counter_buttons):
            return
        for button in self.counter_buttons.values():
            button.deleteLater()
        self.counter_buttons = {}
        columns = 2 if len(counters) > 3 else 1
        for index, counter in enumerate(counters):
            button = ActionButton(counter["name"], name=f"counter-{counter['id']}", secondary=True)
            button.clicked.connect(lambda _=False, c=counter["id"]: self.choose(c))
            self.counters_grid.addWidget(button, index // columns, index % columns)
            self.counter_buttons[counter["id"]] = button
        if self.counter not in self.counter_buttons:
            self.counter = None
        if self.counter is None and len(counters) == 1:
            self.counter = counters[0]["id"]
        self._refresh()

    def choose(self, counter: str) -> None:
        self.counter = counter
        self.keypad.clear()
        self.error.hide()
        self._refresh()
        self.keypad.setFocus()

    def show_error(self, text: str, level: str = "error") -> None:
        show_banner(self.error, level, text)

    def reset(self, message: str = "") -> None:
        self.keypad.clear()
        if message:
            self.show_error(message, "warning")
        else:
            self.error.hide()

    def _refresh(self) -> None:
        for counter, button in self.counter_buttons.items():
            set_current(button, counter == self.counter)
        self.keypad.setEnabled(self.counter is not None)

    def _submit(self, pin: str) -> None:
        if self.counter is None:
            self.show_error(tr("Choose your counter first."))
        elif pin:
            self.submitted.emit(self.counter, pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1 and self.keypad.isEnabled():
            self.keypad.press(text)
        elif event.key() == Qt.Key.Key_Backspace and self.keypad.value:
            self.keypad.erase.click()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit(self.keypad.value)
        else:
            super().keyPressEvent(event)
