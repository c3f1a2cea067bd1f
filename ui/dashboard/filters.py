"""The filter bar: a day, a week, a month or a range; both sites or one; a service or all.

It holds a :class:`~ui.dashboard.period.Query` and says when it changes
(``changed(Query)``); the window asks the hub. Dates show in the UI language.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QSizePolicy,
    QWidget,
)

from ui.counter.style import ActionButton, set_current
from ui.dashboard import fmt
from ui.dashboard.period import KINDS, MAX_RANGE_DAYS, Query
from ui.i18n import tr
from ui.widgets import label

ALL = ""


def kind_names() -> dict[str, str]:
    return {"day": tr("Day"), "week": tr("Week"), "month": tr("Month"), "range": tr("Range")}


class FilterBar(QWidget):
    """Signals: ``changed(object)`` with the new :class:`Query`."""

    changed = Signal(object)

    def __init__(self, today: date):
        super().__init__()
        self.today = today
        self.query = Query("day", today, today)
        self._quiet = False
        self._sites: list[tuple[str, str]] = []
        self._services: list[tuple[str, str]] = []
        # Period on the left, site and service on the right; on a narrow screen (French
        # words at 1280 px) the choices go under the period rather than squeeze it.
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        row, choices = QHBoxLayout(), QHBoxLayout()
        for part in (row, choices):
            part.setSpacing(6)
        self.rows.addLayout(row)
        self.rows.addLayout(choices, stretch=1)
        self._period_row, self._choice_row = row, choices
        self.kind_buttons: dict[str, ActionButton] = {}
        for kind in KINDS:
            button = self._button(f"kind-{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.set_kind(k))
            self.kind_buttons[kind] = button
            row.addWidget(button)
        row.addSpacing(10)
        self.previous = self._button("previous", "◀")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.start_edit, self.end_edit = self._date_edit(), self._date_edit()
        self.start_edit.dateChanged.connect(self._dates_edited)
        self.end_edit.dateChanged.connect(self._dates_edited)
        self.dash = label("–", wrap=False)
        self.next = self._button("next", "▶")
        self.next.clicked.connect(lambda: self.step(1))
        self.today_button = self._button("today")
        self.today_button.clicked.connect(self.go_today)
        for widget in (
            self.previous,
            self.start_edit,
            self.dash,
            self.end_edit,
            self.next,
            self.today_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.site_box, self.service_box = QComboBox(), QComboBox()
        for box, name in ((self.site_box, "site"), (self.service_box, "service")):
            box.setAccessibleName(name)
            # A fixed width: long site and service names show in full in the list only.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(11)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            box.currentIndexChanged.connect(self._choices_edited)
            choices.addWidget(box)
        choices.addStretch(1)
        self.retranslate()
        self._show()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wanted = (self._period_row.sizeHint().width() + self._choice_row.sizeHint().width()
                  + self.rows.spacing())
        self.rows.setDirection(QBoxLayout.Direction.LeftToRight if self.width() >= wanted
                               else QBoxLayout.Direction.TopToBottom)

    def _button(self, name: str, text: str = "") -> ActionButton:
        button = ActionButton(text, name=name, secondary=True)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        return button

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def retranslate(self) -> None:
        for kind, name in kind_names().items():
            self.kind_buttons[kind].setText(name)
        self.today_button.setText(tr("Today"))
        self.previous.setAccessibleName(tr("Previous"))
        self.next.setAccessibleName(tr("Next"))
        self.set_choices(self._sites, self._services)
        self._show()  # the date fields follow the language (month names)

    # -- choices ---------------------------------------------------------------------------

    def set_choices(self, sites: list[tuple[str, str]], services: list[tuple[str, str]]) -> None:
        """``(value, label)`` pairs for the site and service lists (value "" = all)."""
        self._sites, self._services = sites, services
        self._quiet = True
        try:
            for box, items, everything in (
                (self.site_box, sites, tr("Both sites") if len(sites) == 2 else tr("All sites")),
                (self.service_box, services, tr("All services")),
            ):
                current = box.currentData()
                box.clear()
                box.addItem(everything, ALL)
                for value, text in items:
                    box.addItem(text, value)
                box.setCurrentIndex(max(0, box.findData(current)))
        finally:
            self._quiet = False

    # -- changing the query ----------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        if query.days > MAX_RANGE_DAYS:
            query = replace(
                query, start=query.end.fromordinal(query.end.toordinal() - MAX_RANGE_DAYS)
            )
        self.query = query
        self._show()
        self.changed.emit(query)

    def set_kind(self, kind: str) -> None:
        self.set_query(self.query.with_period(kind, min(self.query.end, self.today)))

    def step(self, direction: int) -> None:
        self.set_query(self.query.stepped(direction))

    def go_today(self) -> None:
        self.set_query(self.query.with_period(self.query.kind, self.today))

    def set_range(self, start: date, end: date) -> None:
        self.set_query(replace(self.query, kind="range", start=start, end=end))

    def set_site(self, site: str | None) -> None:
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(site or ALL)))

    def set_service(self, service: str | None) -> None:
        self.service_box.setCurrentIndex(max(0, self.service_box.findData(service or ALL)))

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        start = self.start_edit.date().toPython()
        if self.query.kind == "range":
            end = self.end_edit.date().toPython()
            if end < start:
                end = start
            self.set_query(replace(self.query, start=start, end=end))
        else:
            self.set_query(self.query.with_period(self.query.kind, start))

    def _choices_edited(self) -> None:
        if self._quiet:
            return
        self.set_query(
            replace(
                self.query,
                site=self.site_box.currentData() or None,
                service=self.service_box.currentData() or None,
            )
        )

    def _show(self) -> None:
        self._quiet = True
        try:
            query = self.query
            for kind, button in self.kind_buttons.items():
                set_current(button, kind == query.kind)
            ranged = query.kind == "range"
            spans = query.kind in ("week", "range")
            for edit in (self.start_edit, self.end_edit):
                edit.setLocale(QLocale())
            self.start_edit.setDisplayFormat("MMMM yyyy" if query.kind == "month" else "dd/MM/yyyy")
            self.start_edit.setDate(fmt.qdate(query.start))
            self.end_edit.setDate(fmt.qdate(query.end))
            self.end_edit.setVisible(spans)
            self.end_edit.setEnabled(ranged)
            self.dash.setVisible(spans)
            self.next.setEnabled(query.end < self.today or ranged)
            self.start_edit.setToolTip(fmt.span(query.start, query.end))
            self.setToolTip(fmt.span(query.start, query.end))
        finally:
            self._quiet = False
