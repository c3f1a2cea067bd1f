"""Numbers, durations, shares and dates in the UI language's conventions (QLocale).

French: ``1 234``, ``12,5 min``, ``62,5 %``, ``28/11/2026``; English: ``1,234``,
``12.5 min``, ``62.5%``. The locale is Qt's default one, which
:class:`ui.i18n.Translations` sets with the language. A missing figure is a dash.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from ui.i18n import tr

MISSING = "—"


def locale() -> QLocale:
    return QLocale()


def count(value: int | None) -> str:
    return MISSING if value is None else locale().toString(int(value))


def minutes(seconds: int | float | None) -> str:
    """A duration in minutes with one decimal: ``12,5 min``."""
    if seconds is None:
        return MISSING
    return tr("{0} min").format(locale().toString(seconds / 60, "f", 1))


def share(value: float | None) -> str:
    """A share (0..1) as a percentage with one decimal, spaced as the language wants."""
    if value is None:
        return MISSING
    number = locale().toString(value * 100, "f", 1)
    space = "\u202f" if locale().language() == QLocale.Language.French else ""
    return f"{number}{space}%"


def decimal(value: float | None, digits: int = 1) -> str:
    return MISSING if value is None else locale().toString(float(value), "f", digits)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day(value: date) -> str:
    """``28/11/2026`` in French."""
    return locale().toString(qdate(value), "dd/MM/yyyy")


def day_short(value: date) -> str:
    """``28/11`` (chart axes)."""
    return locale().toString(qdate(value), "dd/MM")


def day_long(value: date) -> str:
    """``mardi 24 novembre 2026``."""
    return locale().toString(qdate(value), QLocale.FormatType.LongFormat)


def month_name(value: date) -> str:
    """``novembre 2026``."""
    return locale().toString(qdate(value), "MMMM yyyy")


def span(start: date, end: date) -> str:
    return day(start) if start == end else tr("{0} to {1}").format(day(start), day(end))


def moment(value: datetime, zone: str) -> str:
    """``28/11/2026 14:05`` in the site's time zone."""
    when = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone(zone.encode()))
    return locale().toString(when, "dd/MM/yyyy HH:mm")
