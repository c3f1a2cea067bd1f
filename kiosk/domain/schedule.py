"""Weekly opening hours, evaluated in the site's time zone.

Partners hold desks on given days (CAF only Tuesday morning, say), so "is it open now"
and "when does it open next" are asked of every service at every tap. Times are compared
as local wall-clock times; the next opening is returned as an aware datetime built with
``zoneinfo``, and an opening hour the clocks skip (spring forward) opens at the jump, as
``is_open`` sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, order=True)
class Interval:
    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> Interval:
        """``"09:00-12:00"`` → Interval; ValueError with a reason otherwise."""
        try:
            start_text, end_text = (part.strip() for part in text.split("-"))
            start, end = _parse_hhmm(start_text), _parse_hhmm(end_text)
        except ValueError:
            raise ValueError(f'bad time range "{text}", expected "HH:MM-HH:MM"') from None
        if end <= start:
            raise ValueError(f'time range "{text}" ends before it starts')
        return cls(start, end)

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end

    def __str__(self) -> str:
        end = "24:00" if self.end == time.max else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}"


def _parse_hhmm(text: str) -> time:
    """``HH:MM``; ``24:00`` stands for the end of the day."""
    hours, minutes = text.split(":")
    if len(minutes) != 2 or not hours.isdigit() or not minutes.isdigit():
        raise ValueError(text)
    if (hours, minutes) == ("24", "00"):
        return time.max
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class WeeklySchedule:
    """Intervals per weekday (0 = Monday) plus dates when the site is shut (holidays)."""

    days: tuple[tuple[Interval, ...], ...] = field(default_factory=lambda: ((),) * 7)
    closed_dates: frozenset[date] = frozenset()

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        if day in self.closed_dates:
            return ()
        return self.days[day.weekday()]

    def is_open(self, moment: datetime, tz: ZoneInfo) -> bool:
        local = moment.astimezone(tz)
        return any(i.contains(local.time()) for i in self.intervals_on(local.date()))

    def next_opening(
        self, moment: datetime, tz: ZoneInfo, horizon_days: int = 60
    ) -> datetime | None:
        """The next start of an interval strictly after ``moment`` (None if none planned)."""
        local = moment.astimezone(tz)
        for offset in range(horizon_days + 1):
            day = local.date() + timedelta(days=offset)
            for interval in sorted(self.intervals_on(day)):
                start = _first_instant_reading(day, interval.start, tz)
                if _wall(start, tz) >= datetime.combine(day, interval.end):
                    continue  # the whole interval lies in a spring-forward gap
                # Compare instants, not wall clocks: on the day clocks go back, 02:45
                # exists twice, and the first one may already be past.
                if start.astimezone(UTC) > moment.astimezone(UTC):
                    return start
        return None

    def intersect(self, other: WeeklySchedule) -> WeeklySchedule:
        """Opening of a service inside the house's own hours (both must be open)."""
        days = tuple(
            tuple(
                Interval(max(a.start, b.start), min(a.end, b.end))
                for a in mine
                for b in theirs
                if max(a.start, b.start) < min(a.end, b.end)
            )
            for mine, theirs in zip(self.days, other.days, strict=True)
        )
        return WeeklySchedule(days, self.closed_dates | other.closed_dates)


def _wall(moment: datetime, tz: ZoneInfo) -> datetime:
    """What the local clock reads at ``moment`` (through UTC: ``astimezone`` to the same
    zone returns a skipped reading unchanged)."""
    return moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None, fold=0)


def _first_instant_reading(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The first instant at which the local clock of ``day`` reads ``wall`` or later.

    Usually ``wall`` itself. When the clocks jump over it (02:30 on a spring-forward night
    does not exist), it is the instant of the jump: from then on the clock reads later than
    ``wall``, which is when :meth:`WeeklySchedule.is_open` starts to say open. The jump is
    found by bisection on whole seconds between the two readings ``fold`` gives.
    """
    start = datetime.combine(day, wall, tzinfo=tz)
    target = start.replace(tzinfo=None)
    if _wall(start, tz) == target:
        return start
    low = int(start.replace(fold=1).timestamp())  # read with the offset after the jump
    high = int(start.replace(fold=0).timestamp())  # read with the offset before it
    low, high = min(low, high), max(low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if _wall(datetime.fromtimestamp(middle, UTC), tz) >= target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC).astimezone(tz)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The site's calendar day of an instant: ticket numbers restart on it."""
    return moment.astimezone(tz).date()
