"""Booking an appointment for a visitor: service, day, time; no name needed.

The hub answers a six-digit code, shown very large so the receptionist can read it out or
write it down; the visitor types it at the kiosk on the day. Defaults follow the hub's
clock (the next half hour), not the desk PC's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ui.counter import texts
from ui.counter.style import ActionButton, card
from ui.i18n import tr
from ui.widgets import label


class BookingPanel(QWidget):
    """Signals: ``book(service: str, at: datetime)`` (aware, in the site's time zone)."""

    book = Signal(str, object)

    def __init__(self):
        super().__init__()
        self.tz = ZoneInfo("Europe/Paris")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.service = QComboBox()
        self.service.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.service.setMinimumContentsLength(8)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.service_label, self.day_label, self.time_label = label(), label(), label()
        for caption, field in (
            (self.service_label, self.service),
            (self.day_label, self.day),
            (self.time_label, self.time),
        ):
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            caption.setWordWrap(False)
            form.addRow(caption, field)
        layout.addLayout(form)
        self.book_button = ActionButton(name="book")
        self.book_button.clicked.connect(self._book)
        layout.addWidget(self.book_button)
        self.result, inner = card(8)
        self.code = label(role="code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.what = label(role="small")
        inner.addWidget(self.code)
        inner.addWidget(self.what)
        self.result.hide()
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.service_label.setText(tr("Service"))
        self.day_label.setText(tr("Day"))
        self.time_label.setText(tr("Time"))
        self.book_button.setText(tr("Book the appointment"))

    def set_site(
        self, services: list[dict], language: str, tz: ZoneInfo, hub_now: datetime | None
    ) -> None:
        self.tz = tz
        chosen = self.service.currentData()
        self.service.clear()
        for spec in services:
            self.service.addItem(spec["labels"].get(language, spec["code"]), spec["code"])
        if chosen is not None:
            self.service.setCurrentIndex(max(0, self.service.findData(chosen)))
        if hub_now is not None:
            local = hub_now.astimezone(tz)
            slot = (local + timedelta(minutes=30)).replace(second=0, microsecond=0)
            slot = slot.replace(minute=0 if slot.minute < 30 else 30)
            self.day.setMinimumDate(QDate(local.year, local.month, local.day))
            self.day.setDate(QDate(slot.year, slot.month, slot.day))
            self.time.setTime(QTime(slot.hour, slot.minute))

    def chosen_at(self) -> datetime:
        day, time = self.day.date(), self.time.time()
        return datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=self.tz
        )

    def _book(self) -> None:
        code = self.service.currentData()
        if code:
            self.book_button.setEnabled(False)
            self.book.emit(code, self.chosen_at())

    def show_booked(self, answer: dict, service_label: str) -> None:
        self.book_button.setEnabled(True)
        code = answer["code"]
        self.code.setText(f"{code[:3]} {code[3:]}")
        self.code.setAccessibleName(code)
        at = datetime.fromisoformat(answer["at"]).astimezone(self.tz)
        self.what.setText(
            tr(
                "{service}, {day} at {time}. The visitor types this code at the kiosk on the day."
            ).format(
                service=service_label,
                day=at.strftime("%d/%m/%Y"),
                time=texts.clock_time(answer["at"], self.tz),
            )
        )
        self.result.show()

    def failed(self) -> None:
        self.book_button.setEnabled(True)
