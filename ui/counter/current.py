"""The ticket at this counter now, and the large buttons that act on it.

Each button shows its keyboard shortcut and is enabled only when :mod:`ui.counter.model`
says so (the ticket's allowed actions, whether the counter holds a ticket). The panel only
reports which action was asked for (``triggered(action)``); the window talks to the hub.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from ui.counter import texts
from ui.counter.model import Abilities
from ui.counter.style import ActionButton
from ui.i18n import tr
from ui.widgets import label

#: (action, row, column, column span, primary?) of the grid of buttons.
GRID = (
    ("call_next", 0, 0, 2, True),
    ("finish_next", 1, 0, 2, True),
    ("recall", 2, 0, 1, False),
    ("start", 2, 1, 1, False),
    ("finish", 3, 0, 1, False),
    ("no_show", 3, 1, 1, False),
    ("transfer", 4, 0, 1, False),
    ("cancel", 4, 1, 1, False),
    ("pause", 5, 0, 2, False),
)


class CurrentCard(QFrame):
    """The current ticket in large type: number, service, since when, recalls."""

    def __init__(self):
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        self.caption = label(role="small", align=Qt.AlignmentFlag.AlignLeft)
        self.number = label(role="number")
        self.service = label(role="heading")
        self.detail = label(role="small")
        for widget in (self.caption, self.number, self.service, self.detail):
            layout.addWidget(widget)
        self.ticket: dict | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(tr("Current ticket"))

    def show_ticket(
        self, ticket: dict | None, services: dict[str, dict], language: str, tz: ZoneInfo
    ) -> None:
        self.ticket = ticket
        if ticket is None:
            self.number.setText("—")
            self.service.setText(tr("No ticket at this counter"))
            self.detail.setText(tr("Call the next visitor when you are ready."))
            return
        self.number.setText(ticket["number"])
        spec = services.get(ticket["service"], {})
        self.service.setText(spec.get("labels", {}).get(language, ticket["service"]))
        if ticket["status"] == "serving":
            detail = tr("Being served since {time}").format(
                time=texts.clock_time(ticket.get("started_at"), tz)
            )
        else:
            detail = tr("Called at {time}").format(
                time=texts.clock_time(ticket.get("called_at"), tz)
            )
            if ticket.get("recalls"):
                detail += " · " + tr("recalled {n}×").format(n=ticket["recalls"])
        notes = texts.ticket_notes(ticket, tz)
        self.detail.setText(f"{detail} · {notes}" if notes else detail)


class ActionsPanel(QWidget):
    """Signals: ``triggered(action: str)`` with an action of :data:`GRID` (or ``resume``)."""

    triggered = Signal(str)

    def __init__(self):
        super().__init__()
        self.paused = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.buttons: dict[str, ActionButton] = {}
        for action, row, column, span, primary in GRID:
            button = ActionButton(name=action, secondary=not primary)
            # Reached with Tab, but a click leaves the focus where it was (the queue list),
            # so that disabling a button while an action runs never throws it elsewhere.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, a=action: self._clicked(a))
            grid.addWidget(button, row, column, 1, span)
            self.buttons[action] = button
        grid.setRowStretch(len(GRID), 1)
        self.retranslate()

        self.next_text = ""

    def retranslate(self) -> None:
        for action, button in self.buttons.items():
            name = "resume" if action == "pause" and self.paused else action
            button.setText(texts.with_shortcut(name))
        if getattr(self, "next_text", ""):
            self.buttons["call_next"].setText(
                f"{texts.with_shortcut('call_next')}\n{self.next_text}")

    def set_next(self, text: str) -> None:
        """Who "call next" will call ("M002, CPAM, priority"), on the button itself."""
        if text != self.next_text:
            self.next_text = text
            self.retranslate()

    def _clicked(self, action: str) -> None:
        self.triggered.emit("resume" if action == "pause" and self.paused else action)

    def button(self, action: str) -> ActionButton:
        return self.buttons["pause" if action == "resume" else action]

    def set_abilities(self, can: Abilities, paused: bool) -> None:
        if paused != self.paused:
            self.paused = paused
            self.retranslate()
        for action, button in self.buttons.items():
            button.setEnabled(can.enabled("resume" if action == "pause" and paused else action))
