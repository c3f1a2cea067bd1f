"""Visitor-facing wording that depends on numbers and dates, in the chosen language."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale

from ui.i18n import LOCALES
from ui.i18n import visitor_tr as tr


def minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def wait_text(waiting: int, wait_s: int) -> str:
    if waiting == 0:
        return tr("No wait")
    return tr("{count} waiting · ~{minutes} min").format(count=waiting,
                                                          minutes=minutes(wait_s))


def position_text(position: int) -> str:
    if position <= 1:
        return tr("You are next")
    return tr("You are number {position} in line").format(position=position)


def estimate_text(wait_s: int, position: int) -> str:
    if position <= 1 or wait_s <= 0:
        return tr("Estimated wait: a few minutes")
    return tr("Estimated wait: about {minutes} min").format(minutes=minutes(wait_s))


def opening_text(iso: str | None, now: datetime, tz: ZoneInfo, language: str) -> str:
    """ "today 13:30", "tomorrow 9:00", "Tuesday 9:00" or "02/12 9:00" in ``language``."""
    if not iso:
        return tr("no opening planned")
    when = datetime.fromisoformat(iso).astimezone(tz)
    today = now.astimezone(tz).date()
    clock = f"{when.hour}:{when.minute:02d}"
    if when.date() == today:
        return tr("today {time}").format(time=clock)
    if when.date() == today + timedelta(days=1):
        return tr("tomorrow {time}").format(time=clock)
    locale = QLocale(LOCALES.get(language, "fr_FR"))
    if when.date() < today + timedelta(days=7):
        day = locale.dayName(when.isoweekday(), QLocale.FormatType.LongFormat)
        return f"{day} {clock}"
    return f"{when:%d/%m} {clock}"
