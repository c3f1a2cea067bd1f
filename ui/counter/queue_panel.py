"""The waiting list of the counter's services, live: per service, each ticket's number,
wait and notes (priority, appointment, issued at reception, transferred).

Above the list, one chip per service with how many wait and the longest wait, and the total:
what a receptionist glances at without scrolling. The list keeps its selection across
refreshes (by ticket id), so a live update never steals the ticket someone is about to call.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.counter import texts
from ui.counter.model import Snapshot
from ui.counter.style import ActionButton
from ui.i18n import tr
from ui.theme import text_on
from ui.widgets import label

CHIP_COLUMNS = 3
ID_ROLE = Qt.ItemDataRole.UserRole


class QueuePanel(QWidget):
    """Signals: ``selection_changed()``; ``call_chosen()`` (button or double click)."""

    selection_changed = Signal()
    call_chosen = Signal()

    def __init__(self):
        super().__init__()
        self.tickets: list[dict] = []
        self.language = "fr"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.heading = label(role="heading", align=Qt.AlignmentFlag.AlignLeft)
        self.total = label(align=Qt.AlignmentFlag.AlignLeft)
        self.chips_host = QWidget()
        self.chips = QGridLayout(self.chips_host)
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips.setSpacing(6)
        self.chip_labels: dict[str, object] = {}
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self.selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.call_chosen.emit())
        self.call_button = ActionButton(name="call_chosen")
        self.call_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # the list keeps the focus
        self.call_button.clicked.connect(self.call_chosen)
        for widget in (self.heading, self.total, self.chips_host):
            layout.addWidget(widget)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.call_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Waiting"))
        self.table.setHorizontalHeaderLabels([tr("Number"), tr("Waited"), tr("Notes")])
        self.call_button.setText(texts.with_shortcut("call_chosen"))

    @property
    def chosen(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        ticket_id = item.data(ID_ROLE) if item else None
        return next((t for t in self.tickets if t["id"] == ticket_id), None)

    def select(self, ticket_id: str) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == ticket_id:
                self.table.selectRow(row)
                return True
        return False

    def numbers(self) -> list[str]:
        """The waiting tickets' numbers as listed (service headings and marks left out)."""
        return [
            item.text().removeprefix("★ ")
            for row in range(self.table.rowCount())
            if (item := self.table.item(row, 0)) is not None and item.data(ID_ROLE)
        ]

    def render(
        self, snapshot: Snapshot, now: float, services: dict[str, dict], language: str, tz: ZoneInfo
    ) -> None:
        """Show ``snapshot``; ``services`` maps codes to the site's service entries."""
        self.language = language
        self._render_counts(snapshot, now, services)
        chosen = self.chosen
        chosen_id = chosen["id"] if chosen else None
        self.tickets = snapshot.waiting
        table = self.table
        table.blockSignals(True)
        table.clearSpans()
        rows: list[tuple[str, dict]] = []
        for code in snapshot.services:
            # Priority first (the order they will be called in, within a service); the
            # sort is stable, so arrival order holds within each kind.
            mine = sorted((t for t in self.tickets if t["service"] == code),
                          key=lambda t: not t.get("priority"))
            if mine:
                rows.append(("heading", services.get(code, {"code": code})))
                rows += [("ticket", t) for t in mine]
        table.setRowCount(len(rows))
        for row, (kind, data) in enumerate(rows):
            if kind == "heading":
                self._heading_row(row, data, language)
                continue
            notes = texts.ticket_notes(data, tz)
            if data["id"] == snapshot.next_id:
                notes = tr("Next to be called") + (f", {notes}" if notes else "")
            # Priority is marked by a star and bold type as well as colour.
            number = f"★ {data['number']}" if data.get("priority") else data["number"]
            cells = [number, texts.duration(snapshot.waited_s(data, now)), notes]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, data["id"])
                if data.get("priority") or data["id"] == snapshot.next_id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == 0 and data.get("priority"):
                    item.setForeground(QColor("#8B1A1A"))
                table.setItem(row, column, item)
        table.clearSelection()
        table.resizeRowsToContents()
        table.blockSignals(False)
        still_there = chosen_id is not None and self.select(chosen_id)
        if chosen_id is not None and not still_there:
            self.selection_changed.emit()

    def _heading_row(self, row: int, spec: dict, language: str) -> None:
        colour = spec.get("colour", "#3D4650")
        text = spec.get("labels", {}).get(language, spec.get("code", ""))
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setBackground(QColor(colour))
        item.setForeground(QColor(text_on(colour)))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.table.setItem(row, 0, item)
        for column in (1, 2):
            filler = QTableWidgetItem("")
            filler.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, column, filler)
        self.table.setSpan(row, 0, 1, 3)

    def _render_counts(self, snapshot: Snapshot, now: float, services: dict[str, dict]) -> None:
        counts = snapshot.per_service(now)
        waiting = sum(c.waiting for c in counts)
        self.total.setText(
            tr("{n} waiting, the longest for {wait}").format(
                n=waiting, wait=texts.duration(snapshot.longest_s(now))
            )
            if waiting
            else tr("Nobody is waiting.")
        )
        if list(self.chip_labels) != [c.code for c in counts]:
            for chip in self.chip_labels.values():
                chip.deleteLater()
            self.chip_labels = {}
            for index, count in enumerate(counts):
                colour = services.get(count.code, {}).get("colour", "#3D4650")
                chip = label(role="chip")
                chip.setStyleSheet(f"background: {colour}; color: {text_on(colour)};")
                # Equal columns whatever the names' lengths.
                chip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                self.chips.addWidget(chip, index // CHIP_COLUMNS, index % CHIP_COLUMNS)
                self.chip_labels[count.code] = chip
        for count in counts:
            # Plain words: the service's name, then "2 waiting, 4 min" or "nobody".
            name = services.get(count.code, {}).get("labels", {}).get(self.language, count.code)
            name = name.split(" – ")[0]  # "CAF – Allocations familiales" → "CAF"
            state = (tr("{n} waiting, {wait}").format(n=count.waiting,
                                                       wait=texts.duration(count.longest_s))
                     if count.waiting else tr("nobody waiting"))
            text = f"{name}\n{state}"
            self.chip_labels[count.code].setText(text)
            self.chip_labels[count.code].setAccessibleName(text.replace("\n", ": "))
