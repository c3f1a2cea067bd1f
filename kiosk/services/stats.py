"""Figures per site, day and service, for the dashboard, the footfall API and reports.

Closed days (before yesterday, in the site's time zone) are computed once and kept in
``day_stats``; a day-wide marker row (site and service ``"*"``) says "every site of this
day is computed", so days without visits are not computed again. Today and yesterday are
always computed from the tickets (a visit may still end after midnight). Whatever changes a
past day deletes its rows with :func:`invalidate_days`, in the same transaction.

What is counted, over queue entries (``tickets``) of the day they were issued:
``issued`` visits that started in this service (a transfer is not a new visitor),
``transferred_in`` / ``transferred_out``, ``served`` (finished at a counter), ``solved``
(finished with the outcome "solved here"), ``no_show``, ``cancelled``, ``priority``,
``reception`` (issued by a counter for a visitor), ``appointment``; from the event log:
``unmet`` (asked for while closed) and ``feedback`` (faces 1–3). ``waits`` are seconds
from entering this service's queue to the first call; ``service_times`` from the call (or
the start, when recorded) to the finish. ``hours`` counts issued visits per local hour.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.domain.schedule import local_day
from kiosk.store.db import Store
from kiosk.store.events import EventKind
from kiosk.store.models import DayStats, Event, Ticket

ALL = "*"
COUNTS = ("issued", "served", "solved", "no_show", "cancelled", "transferred_in",
          "transferred_out", "priority", "reception", "appointment", "unmet")


def invalidate_days(session: Session, site: str, days: Iterable[date]) -> None:
    """Forget the kept figures of ``site`` on ``days`` (and the days' markers)."""
    days = sorted(set(days))
    if not days:
        return
    session.execute(
        delete(DayStats).where(
            DayStats.day.in_(days), or_(DayStats.site == site, DayStats.site == ALL)
        )
    )


@dataclass
class Figures:
    """Figures of one (site, day, service), or of any sum of them."""

    counts: Counter = field(default_factory=Counter)
    waits: list[int] = field(default_factory=list)
    service_times: list[int] = field(default_factory=list)
    hours: Counter = field(default_factory=Counter)
    feedback: Counter = field(default_factory=Counter)
    counters: dict[str, dict] = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        self.counts.update(other.counts)
        self.waits += other.waits
        self.service_times += other.service_times
        self.hours.update(other.hours)
        self.feedback.update(other.feedback)
        for counter, figures in other.counters.items():
            mine = self.counters.setdefault(counter, {"served": 0, "service_times": []})
            mine["served"] += figures["served"]
            mine["service_times"] += figures["service_times"]

    def to_json(self) -> dict:
        return {"counts": dict(self.counts), "waits": self.waits,
                "service_times": self.service_times,
                "hours": {str(h): n for h, n in self.hours.items()},
                "feedback": {str(s): n for s, n in self.feedback.items()},
                "counters": self.counters}

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        return cls(Counter(data.get("counts", {})), list(data.get("waits", [])),
                   list(data.get("service_times", [])),
                   Counter({int(h): n for h, n in data.get("hours", {}).items()}),
                   Counter({int(s): n for s, n in data.get("feedback", {}).items()}),
                   {c: dict(f) for c, f in data.get("counters", {}).items()})

    # -- derived figures ----------------------------------------------------------------

    def percentile(self, values: str, q: float) -> int | None:
        return percentile(getattr(self, values), q)

    def headline(self) -> dict:
        c = self.counts
        answers = sum(self.feedback.values())
        return {
            **{name: c.get(name, 0) for name in COUNTS},
            "wait_p50_s": percentile(self.waits, 0.5),
            "wait_p90_s": percentile(self.waits, 0.9),
            "service_p50_s": percentile(self.service_times, 0.5),
            "solved_share": _share(c.get("solved", 0), c.get("served", 0)),
            "priority_share": _share(c.get("priority", 0), c.get("issued", 0)),
            "feedback_answers": answers,
            "feedback_shares": {str(s): _share(self.feedback.get(s, 0), answers)
                                for s in (3, 2, 1)},
        }


def percentile(values: list[int], q: float) -> int | None:
    """Inclusive-method quantile (as :func:`statistics.quantiles`), rounded to seconds."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0])
    if q == 0.5:
        return round(statistics.median(values))
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return round(cuts[round(q * 100) - 1])


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


Key = tuple[str, date, str]


class Stats:
    """Reads figures for a range, computing and keeping closed days as needed."""

    def __init__(self, store: Store, tz: ZoneInfo, clock: Clock):
        self.store, self.tz, self.clock = store, tz, clock

    def figures(self, start: date, end: date, site: str | None = None) -> dict[Key, Figures]:
        """Every (site, day, service) with figures in ``start..end`` (inclusive)."""
        today = local_day(self.clock.now(), self.tz)
        closed_end = min(end, today - timedelta(days=2))
        result: dict[Key, Figures] = {}
        if start <= closed_end:
            result.update(self._closed(start, closed_end))
        live_start = max(start, today - timedelta(days=1))
        if live_start <= end:
            with self.store.read() as session:
                result.update(compute(session, self.tz, live_start, end))
        if site:
            result = {k: v for k, v in result.items() if k[0] == site}
        return result

    def _closed(self, start: date, end: date) -> dict[Key, Figures]:
        with self.store.read() as session:
            rows = session.execute(
                select(DayStats.site, DayStats.day, DayStats.service, DayStats.figures)
                .where(DayStats.day >= start, DayStats.day <= end)
            ).all()
        kept = {day for s, day, svc, _ in rows if s == ALL}
        result = {(s, d, svc): Figures.from_json(f) for s, d, svc, f in rows if s != ALL}
        days = (start + timedelta(days=i) for i in range((end - start).days + 1))
        missing = [d for d in days if d not in kept]
        if missing:
            with self.store.write() as session:
                # Recomputed whole: rows of a half-kept day (a site invalidated) go first.
                session.execute(delete(DayStats).where(DayStats.day.in_(missing)))
                computed = compute(session, self.tz, missing[0], missing[-1], set(missing))
                now = self.clock.now()
                session.add_all(
                    DayStats(site=s, day=d, service=svc, figures=f.to_json(), computed_at=now)
                    for (s, d, svc), f in computed.items()
                )
                session.add_all(DayStats(site=ALL, day=d, service=ALL, figures={},
                                         computed_at=now) for d in missing)
            result = {k: v for k, v in result.items() if k[1] not in set(missing)}
            result.update(computed)
        return result


def compute(session: Session, tz: ZoneInfo, start: date, end: date,
            only: set[date] | None = None) -> dict[Key, Figures]:
    """Figures straight from tickets and events (no keeping), for ``start..end``."""
    figures: dict[Key, Figures] = defaultdict(Figures)
    tickets = session.execute(
        select(Ticket.site, Ticket.day, Ticket.service, Ticket.status, Ticket.parent_id,
               Ticket.priority, Ticket.origin, Ticket.outcome, Ticket.counter,
               Ticket.arrived_at, Ticket.issued_at, Ticket.called_at, Ticket.started_at,
               Ticket.finished_at)
        .where(Ticket.day >= start, Ticket.day <= end)
    )
    for (site, day, service, status, parent, priority, origin, outcome, counter, arrived,
         issued, called, started, finished) in tickets:
        if only is not None and day not in only:
            continue
        f = figures[(site, day, service)]
        c = f.counts
        if parent is None:
            c["issued"] += 1
            c["priority"] += bool(priority)
            c["reception"] += origin == "reception"
            c["appointment"] += origin == "appointment"
            f.hours[arrived.astimezone(tz).hour] += 1
        else:
            c["transferred_in"] += 1
        if status == "done":
            c["served"] += 1
            c["solved"] += outcome == "solved"
        elif status in ("no_show", "cancelled"):
            c[status] += 1
        elif status == "transferred":
            c["transferred_out"] += 1
        if called is not None:
            f.waits.append(max(0, round((called - issued).total_seconds())))
        if status == "done" and finished is not None and (started or called):
            seconds = max(0, round((finished - (started or called)).total_seconds()))
            f.service_times.append(seconds)
            if counter:
                mine = f.counters.setdefault(counter, {"served": 0, "service_times": []})
                mine["served"] += 1
                mine["service_times"].append(seconds)
    events = session.execute(
        select(Event.site, Event.day, Event.service, Event.kind, Event.data)
        .where(Event.day >= start, Event.day <= end, Event.service.is_not(None),
               Event.kind.in_([EventKind.UNMET_DEMAND, EventKind.FEEDBACK]))
    )
    for site, day, service, kind, data in events:
        if only is not None and day not in only:
            continue
        f = figures[(site, day, service)]
        if kind == EventKind.UNMET_DEMAND:
            f.counts["unmet"] += 1
        elif isinstance(data.get("score"), int):
            f.feedback[data["score"]] += 1
    return dict(figures)


def total(figures: Iterable[Figures]) -> Figures:
    result = Figures()
    for f in figures:
        result.add(f)
    return result
