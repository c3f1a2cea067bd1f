"""What the manager asks for: a day, a week, a month or a range; a site; a service.

Plain dates, no Qt: the filter bar and the window derive everything from a :class:`Query`.
Weeks start on Monday (French usage).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

KINDS = ("day", "week", "month", "range")
#: Longer ranges are prepared month by month, with progress, before the answer is asked.
CHUNKED_FROM_DAYS = 62
MAX_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Query:
    kind: str
    start: date
    end: date
    site: str | None = None
    service: str | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def includes(self, day: date) -> bool:
        return self.start <= day <= self.end

    def params(self) -> dict:
        """Arguments of :meth:`kiosk.client.HubClient.stats` and ``footfall_csv``."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "site": self.site,
            "service": self.service,
        }

    def with_period(self, kind: str, anchor: date) -> Query:
        start, end = period_of(kind, anchor, self.end - self.start)
        return replace(self, kind=kind, start=start, end=end)

    def stepped(self, direction: int) -> Query:
        """The previous (-1) or next (+1) day, week, month or range of the same length."""
        if self.kind == "month":
            anchor = _add_months(self.start, direction)
            return replace(self, start=anchor, end=month_end(anchor))
        length = timedelta(days=self.days)
        return replace(
            self, start=self.start + direction * length, end=self.end + direction * length
        )

    def whole_month(self) -> bool:
        return self.start.day == 1 and self.end == month_end(self.start)


def period_of(kind: str, anchor: date, span: timedelta = timedelta(days=6)) -> tuple[date, date]:
    if kind == "day":
        return anchor, anchor
    if kind == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    if kind == "month":
        first = anchor.replace(day=1)
        return first, month_end(first)
    if kind == "range":
        return anchor - span, anchor
    raise ValueError(f"unknown period kind {kind!r}")


def months(start: date, end: date) -> list[tuple[date, date]]:
    """``start..end`` cut at month ends: the steps of a long range's preparation."""
    pieces = []
    first = start
    while first <= end:
        last = min(end, month_end(first))
        pieces.append((first, last))
        first = last + timedelta(days=1)
    return pieces


def month_end(day: date) -> date:
    return _add_months(day.replace(day=1), 1) - timedelta(days=1)


def _add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)
