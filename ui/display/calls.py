"""The calls on the display: the one being made, large and highlighted, and the last ones.

Both panels are built once and only their texts change afterwards, so a display that
runs for weeks holds the same widgets on its last call as on its first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ui.display.board import Call
from ui.display.fit import FitLabel
from ui.i18n import tr
from ui.widgets import label

ARROW = "→"
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class HeroPanel(QFrame):
    """The call being made: number → counter, black on yellow, flashing a few times."""

    FLASHES, FLASH_MS = 6, 450

    def __init__(self):
        super().__init__()
        self.setObjectName("hero")
        self.call: Call | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 18, 36, 24)
        outer.setSpacing(0)
        self.title = label(role="heroTitle", wrap=False)
        outer.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.number = FitLabel("heroNumber", LEFT)
        self.arrow = label(ARROW, role="heroArrow", wrap=False)
        self.counter = FitLabel("heroCounter", RIGHT)
        row.addWidget(self.number, 6)
        row.addWidget(self.arrow, 0)
        row.addWidget(self.counter, 5)
        outer.addLayout(row, 1)
        self._flashes = 0
        self._flash = QTimer(self, interval=self.FLASH_MS)
        self._flash.timeout.connect(self._toggle)
        self.setProperty("flash", False)

    def show_call(self, call: Call, *, flash: bool) -> None:
        self.call = call
        self.title.setText(tr("Recall") if call.recall else tr("Now calling"))
        self.number.setText(call.number)
        self.counter.setText(call.counter_name)
        self.setAccessibleName(f"{call.number} {ARROW} {call.counter_name}")
        if flash:
            self._flashes = self.FLASHES
            self._flash.start()

    def retranslate(self) -> None:
        if self.call is not None:
            self.title.setText(tr("Recall") if self.call.recall else tr("Now calling"))

    def stop(self) -> None:
        self._flash.stop()
        self._set_flash(False)

    def _toggle(self) -> None:
        self._flashes -= 1
        self._set_flash(self._flashes > 0 and not self.property("flash"))
        if self._flashes <= 0:
            self._flash.stop()

    def _set_flash(self, on: bool) -> None:
        if bool(self.property("flash")) != on:
            self.setProperty("flash", on)
            for widget in (self, *self.findChildren(QWidget)):
                widget.style().unpolish(widget)
                widget.style().polish(widget)


class CallRow(QFrame):
    def __init__(self):
        super().__init__()
        self.setObjectName("callRow")
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 4, 28, 4)
        row.setSpacing(18)
        self.number = FitLabel("rowNumber", LEFT)
        self.tag = label(role="rowTag", wrap=False)
        self.arrow = label(ARROW, role="rowArrow", wrap=False)
        self.counter = FitLabel("rowCounter", RIGHT)
        row.addWidget(self.number, 4)
        row.addWidget(self.tag, 0)
        row.addWidget(self.arrow, 0)
        row.addWidget(self.counter, 5)

    def show_call(self, call: Call, *, newest: bool = False) -> None:
        """``newest``: the latest call, outlined in yellow and tagged, so that it stands out
        from the older ones once the large highlight is over."""
        self.number.setText(call.number)
        self.counter.setText(call.counter_name)
        self.tag.setText(tr("recall") if call.recall else (tr("latest") if newest else ""))
        self.setAccessibleName(f"{call.number} {ARROW} {call.counter_name}")
        if bool(self.property("newest")) != newest:
            self.setProperty("newest", newest)
            for widget in (self, *self.findChildren(QWidget)):
                widget.style().unpolish(widget)
                widget.style().polish(widget)


class CallList(QWidget):
    """The last calls, newest first, in a fixed pool of rows."""

    POOL = 6

    def __init__(self):
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.heading = label(role="heading", wrap=False, align=LEFT)
        outer.addWidget(self.heading)
        self.placeholder = label(role="placeholder")
        outer.addWidget(self.placeholder, 1)
        self.rows = [CallRow() for _ in range(self.POOL)]
        for row in self.rows:
            outer.addWidget(row, 1)
            row.hide()
        self.filler = QWidget()
        outer.addWidget(self.filler, 0)
        self.shown: list[Call] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Last calls"))
        self.placeholder.setText(
            tr("Welcome. Please take a seat: your number will be shown here and called out.")
        )
        for index, (row, call) in enumerate(zip(self.rows, self.shown, strict=False)):
            row.show_call(call, newest=getattr(self, "newest_first", False) and index == 0)

    def set_calls(self, calls: list[Call], rows: int, *, anything_shown: bool,
                  newest_first: bool = False) -> None:
        """Show the first ``rows`` of ``calls``; the welcome text when nothing is called.
        ``newest_first``: the first row is the latest call (no highlight above it)."""
        self.shown = calls[: min(rows, self.POOL)]
        self.newest_first = newest_first
        for index, row in enumerate(self.rows):
            if index < len(self.shown):
                row.show_call(self.shown[index], newest=newest_first and index == 0)
                row.show()
            else:
                row.hide()
        self.heading.setVisible(bool(self.shown))
        self.placeholder.setVisible(not anything_shown)
        # Rows keep their height when few are shown: the filler takes the rest.
        empty = min(rows, self.POOL) - len(self.shown)
        layout = self.layout()
        layout.setStretchFactor(self.filler, max(0, empty) if anything_shown else 0)
