"""This counter's day at a glance (served, waiting, median wait, no-shows) and its tickets,
newest first: a no-show among them may be brought back to the queue when the visitor turns
up after all (the button follows the chosen ticket's allowed actions)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.counter import texts
from ui.counter.model import Snapshot
from ui.counter.style import ActionButton, card
from ui.i18n import tr
from ui.widgets import label

ID_ROLE = Qt.ItemDataRole.UserRole
FIGURES = ("served", "waiting", "median_wait", "no_shows")


class TodayPanel(QWidget):
    """Signals: ``selection_changed()``, ``reactivate()``."""

    selection_changed = Signal()
    reactivate = Signal()

    def __init__(self):
        super().__init__()
        self.tickets: list[dict] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.values: dict[str, object] = {}
        self.captions: dict[str, object] = {}
        for index, key in enumerate(FIGURES):
            frame, inner = card(6)
            self.values[key] = label("–", role="figure")
            self.captions[key] = label(role="small")
            inner.addWidget(self.values[key])
            inner.addWidget(self.captions[key])
            grid.addWidget(frame, index // 2, index % 2)
        layout.addLayout(grid)
        self.list_title = label(role="heading", align=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list_title)
        self.list = QListWidget()
        self.list.itemSelectionChanged.connect(self.selection_changed)
        layout.addWidget(self.list, stretch=1)
        self.reactivate_button = ActionButton(name="reactivate", secondary=True)
        self.reactivate_button.clicked.connect(self.reactivate)
        layout.addWidget(self.reactivate_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.captions["served"].setText(tr("served"))
        self.captions["waiting"].setText(tr("waiting"))
        self.captions["median_wait"].setText(tr("median wait"))
        self.captions["no_shows"].setText(tr("no-shows"))
        self.list_title.setText(tr("Today at this counter"))
        self.reactivate_button.setText(texts.with_shortcut("reactivate"))

    @property
    def chosen(self) -> dict | None:
        items = self.list.selectedItems()
        if not items:
            return None
        ticket_id = items[0].data(ID_ROLE)
        return next((t for t in self.tickets if t["id"] == ticket_id), None)

    def select(self, ticket_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == ticket_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def render(self, snapshot: Snapshot, tz: ZoneInfo) -> None:
        figures = snapshot.figures()
        self.values["served"].setText(str(figures.served))
        self.values["waiting"].setText(str(figures.waiting))
        self.values["median_wait"].setText(texts.duration(figures.median_wait_s))
        self.values["no_shows"].setText(str(figures.no_shows))
        chosen = self.chosen
        self.tickets = sorted(snapshot.today, key=lambda t: t.get("called_at") or "", reverse=True)
        self.list.blockSignals(True)
        self.list.clear()
        for ticket in self.tickets:
            status = texts.status_name(ticket["status"])
            if ticket.get("outcome"):
                status += f" ({texts.outcome_name(ticket['outcome'])})"
            item = QListWidgetItem(
                f"{ticket['number']} · {status} · {texts.clock_time(ticket.get('called_at'), tz)}"
            )
            item.setData(ID_ROLE, ticket["id"])
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not (chosen and self.select(chosen["id"])) and chosen:
            self.selection_changed.emit()
