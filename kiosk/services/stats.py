"""Figures per site, day and service, for the dashboard, the footfall API and reports.

Closed days (before yesterday, in the site's time zone) are computed once and kept in
``day_stats``; a day-wide marker row (site and service ``"*"``) says "every site of this
day is computed", so days without visits are not computed again. The hub keeps each day
as it closes (:meth:`Stats.keep_closed_days`, run by :mod:`kiosk.hub.daykeeper` at start
and after each midnight), so a dashboard's first year after a restart reads kept rows.
Today and yesterday are always computed from the tickets (a visit may still end after
midnight). Whatever changes a past day deletes its rows with :func:`invalidate_days`, in
the same transaction.

What is counted, over queue entries (``tickets``) of the day they were issued:
``issued`` visits that started in this service (a transfer is not a new visitor),
``transferred_in`` / ``transferred_out``, ``served`` (finished at a counter), ``solved``
(finished with the outcome "solved here"), ``no_show``, ``cancelled``, ``priority``,
``reception`` (issued by a counter for a visitor), ``appointment``; from the event log:
``unmet`` (asked for while closed) and ``feedback`` (faces 1–3). ``waits`` are seconds
from entering this service's queue (for a visitor come early for an appointment: from
the appointment's time) to the first call; ``abandoned`` from entering it to
leaving it uncalled (cancelled: gone, or still waiting when the day was closed; the
service level counts those past its target); ``service_times`` from the call (or the
start, when recorded) to the finish. ``hours`` counts issued visits per local hour.

Kept days carry :data:`FIGURES_VERSION`: a day kept by an older version is computed
again when its tickets are still there (a day past the retention cut-off keeps what it
has: its kept figures are all that remains of it).
"""

from __future__ import annotations

import gc
import threading
import time
import uuid
from bisect import bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import chain, repeat
from zoneinfo import ZoneInfo

from sqlalchemy import String, bindparam, cast, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.domain.schedule import local_day
from kiosk.store.db import Store
from kiosk.store.events import EventKind
from kiosk.store.models import DayStats, Event, Meta, Ticket

ALL = "*"
#: What a kept day's figures hold; a day kept by an older version is computed again while
#: its tickets are there (2: ``abandoned``, for the service level; 3: an appointment's
#: wait counted from its time).
FIGURES_VERSION = 3
#: Below this many values, percentiles of several sorted lists sort their concatenation.
MERGE_BELOW = 4096
COUNTS = (
    "issued",
    "served",
    "solved",
    "no_show",
    "cancelled",
    "transferred_in",
    "transferred_out",
    "priority",
    "reception",
    "appointment",
    "unmet",
)


#: Built once: they run in every applied sync batch.
_PURGED_BEFORE = select(Meta.value).where(Meta.key == "purged_before")
_FORGET_DAYS = delete(DayStats).where(
    DayStats.day.in_(bindparam("days", expanding=True)),
    or_(DayStats.site == bindparam("site"), DayStats.site == ALL),
)


def invalidate_days(session: Session, site: str, days: Iterable[date]) -> None:
    """Forget the kept figures of ``site`` on ``days`` (and the days' markers).

    Days before the store's retention cut-off (``kiosk.services.retention``) are left alone:
    their visits are gone, so their kept figures are all that remains of them.
    """
    days = sorted(set(days))
    connection = session.connection()  # Core: this runs in every applied sync batch
    purged_before = connection.scalar(_PURGED_BEFORE)
    if purged_before is not None:
        days = [d for d in days if d.isoformat() >= purged_before]
    if not days:
        return
    connection.execute(_FORGET_DAYS, {"days": days, "site": site})


@dataclass
class Figures:
    """Figures of one (site, day, service), or of any sum of them."""

    counts: Counter = field(default_factory=Counter)
    waits: list[int] = field(default_factory=list)
    service_times: list[int] = field(default_factory=list)
    hours: Counter = field(default_factory=Counter)
    feedback: Counter = field(default_factory=Counter)
    counters: dict[str, dict] = field(default_factory=dict)
    abandoned: list[int] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        _merge(self.counts, other.counts)
        self.waits += other.waits
        self.abandoned += other.abandoned
        self.service_times += other.service_times
        _merge(self.hours, other.hours)
        _merge(self.feedback, other.feedback)
        for counter, figures in other.counters.items():
            mine = self.counters.setdefault(counter, {"served": 0, "service_times": []})
            mine["served"] += figures["served"]
            mine["service_times"] += figures["service_times"]

    def to_json(self) -> dict:
        """Values sorted: a sum of kept days is then a few sorted runs, quick to sort."""
        return {
            "counts": dict(self.counts),
            "waits": sorted(self.waits),
            "service_times": sorted(self.service_times),
            "hours": {str(h): n for h, n in self.hours.items()},
            "feedback": {str(s): n for s, n in self.feedback.items()},
            "counters": {
                c: {"served": f["served"], "service_times": sorted(f["service_times"])}
                for c, f in self.counters.items()
            },
            "abandoned": sorted(self.abandoned),
        }

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        figures = cls(
            _counter(data.get("counts", {})),
            data.get("waits", []),
            data.get("service_times", []),
            _counter({int(h): n for h, n in data.get("hours", {}).items()}),
            _counter({int(s): n for s, n in data.get("feedback", {}).items()}),
            {c: dict(f) for c, f in data.get("counters", {}).items()},
            data.get("abandoned", []),
        )
        figures.sort()  # kept sorted since this version; older rows were not
        return figures

    def sort(self) -> None:
        """Sort the lists of values in place (quick when they are sorted already)."""
        self.waits.sort()
        self.abandoned.sort()
        self.service_times.sort()
        for mine in self.counters.values():
            mine["service_times"].sort()

    # -- derived figures ----------------------------------------------------------------

    def percentile(self, values: str, q: float) -> int | None:
        return percentile(getattr(self, values), q)

    def headline(self) -> dict:
        ordered = Figures(
            self.counts, sorted(self.waits), sorted(self.service_times), self.hours, self.feedback
        )
        return headline_of([ordered])


def _counter(counts: dict) -> Counter:
    """``Counter(counts)`` without its generic checks: a cold year reads thousands of kept
    rows, three counters each."""
    counter: Counter = Counter()
    dict.update(counter, counts)
    return counter


def percentile(values: list[int], q: float) -> int | None:
    """Inclusive-method quantile (as :func:`statistics.quantiles`; the median as
    :func:`statistics.median`), rounded to seconds."""
    if not values:
        return None
    return sorted_percentile(sorted(values), q)


def sorted_percentile(data: list[int], q: float) -> int | None:
    """:func:`percentile` of values already sorted: one sort serves every quantile."""
    n = len(data)
    if n == 0:
        return None
    if n == 1:
        return round(data[0])
    if q == 0.5:
        middle = n // 2
        return round(data[middle] if n % 2 else (data[middle - 1] + data[middle]) / 2)
    cut = round(q * 100)
    j, delta = divmod(cut * (n - 1), 100)
    if j + 1 >= n:
        return round(data[-1])
    return round((data[j] * (100 - delta) + data[j + 1] * delta) / 100)


def parts_percentile(parts: list[list[int]], q: float) -> int | None:
    """:func:`percentile` of the values of sorted lists taken together, without merging
    them: each value needed is found by bisecting the lists (whole seconds)."""
    parts = [p for p in parts if p]
    n = sum(len(p) for p in parts)
    if n == 0:
        return None
    if len(parts) == 1:
        return sorted_percentile(parts[0], q)
    if n <= MERGE_BELOW:  # a small sort costs less than bisecting many lists
        return sorted_percentile(sorted(chain.from_iterable(parts)), q)
    if n == 1:
        return round(parts[0][0])
    if q == 0.5:
        middle = n // 2
        if n % 2:
            return round(_kth(parts, middle))
        return round((_kth(parts, middle - 1) + _kth(parts, middle)) / 2)
    cut = round(q * 100)
    j, delta = divmod(cut * (n - 1), 100)
    if j + 1 >= n:
        return round(_kth(parts, n - 1))
    return round((_kth(parts, j) * (100 - delta) + _kth(parts, j + 1) * delta) / 100)


def _kth(parts: list[list[int]], k: int) -> int:
    """The ``k``-th smallest (from 0) of the values of sorted lists of integers."""
    low, high = min(p[0] for p in parts), max(p[-1] for p in parts)
    while low < high:
        middle = (low + high) // 2
        if sum(bisect_right(p, middle) for p in parts) > k:
            high = middle
        else:
            low = middle + 1
    return low


def merged(parts: Iterable[Figures]) -> Figures:
    """``total(parts)`` with its lists sorted, built faster (one sort per list of runs)."""
    result = Figures()
    counters: dict[str, list[dict]] = defaultdict(list)
    parts = list(parts)
    for f in parts:
        _merge(result.counts, f.counts)
        _merge(result.hours, f.hours)
        _merge(result.feedback, f.feedback)
        for counter, mine in f.counters.items():
            counters[counter].append(mine)
    result.waits = _sorted_values([f.waits for f in parts])
    result.abandoned = _sorted_values([f.abandoned for f in parts])
    result.service_times = _sorted_values([f.service_times for f in parts])
    result.counters = {
        counter: {
            "served": sum(m["served"] for m in mine),
            "service_times": _sorted_values([m["service_times"] for m in mine]),
        }
        for counter, mine in counters.items()
    }
    return result


def _sorted_values(lists: list[list[int]]) -> list[int]:
    """The values of ``lists`` in one sorted list. Many values (whole seconds, few distinct
    ones) are counted, then laid out in order: twice as quick as sorting them."""
    if sum(len(values) for values in lists) <= MERGE_BELOW:
        return sorted(chain.from_iterable(lists))
    counted = Counter(chain.from_iterable(lists))
    return list(chain.from_iterable(repeat(value, n) for value, n in sorted(counted.items())))


def headline_of(parts: list[Figures]) -> dict:
    """``total(parts).headline()``, for parts whose lists are sorted (as :class:`Stats`
    gives them), without building the sum's lists."""
    counts: Counter = Counter()
    feedback: Counter = Counter()
    for f in parts:
        _merge(counts, f.counts)
        _merge(feedback, f.feedback)
    waits = [f.waits for f in parts]
    times = [f.service_times for f in parts]
    answers = sum(feedback.values())
    return {
        **{name: counts.get(name, 0) for name in COUNTS},
        "wait_p50_s": parts_percentile(waits, 0.5),
        "wait_p90_s": parts_percentile(waits, 0.9),
        "service_p50_s": parts_percentile(times, 0.5),
        "solved_share": _share(counts.get("solved", 0), counts.get("served", 0)),
        "priority_share": _share(counts.get("priority", 0), counts.get("issued", 0)),
        "feedback_answers": answers,
        "feedback_shares": {str(s): _share(feedback.get(s, 0), answers) for s in (3, 2, 1)},
    }


def _merge(mine: Counter, theirs: dict) -> None:
    """``mine.update(theirs)`` without Counter's generic checks (it runs per kept row)."""
    get = mine.get
    for key, n in theirs.items():
        mine[key] = get(key, 0) + n


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


Key = tuple[str, date, str]


MEMORY_DAYS = 800


class Stats:
    """Reads figures for a range, computing and keeping closed days as needed.

    Kept days are also held in memory once read (up to ``memory_days`` days), each
    under its marker's token: a day invalidated and computed again gets a new marker, so a
    stale copy is never served. The :class:`Figures` returned may be such shared copies:
    callers sum them into new ones and never change them in place.
    """

    #: Missing days are computed and kept this many at a time, one short write each, so
    #: that ticket issuing never waits long behind a year's first computation.
    CHUNK_DAYS = 31

    def __init__(self, store: Store, tz: ZoneInfo, clock: Clock, memory_days: int = MEMORY_DAYS):
        self.store, self.tz, self.clock = store, tz, clock
        self.memory_days = memory_days
        self._memory: OrderedDict[date, tuple[str, dict[Key, Figures]]] = OrderedDict()
        self._lock = threading.Lock()

    def figures(self, start: date, end: date, site: str | None = None) -> dict[Key, Figures]:
        """Every (site, day, service) with figures in ``start..end`` (inclusive).

        Lists of values (waits, service times) come sorted.
        """
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
            markers = _current(
                session.execute(
                    select(DayStats.day, DayStats.figures).where(
                        DayStats.site == ALL, DayStats.day >= start, DayStats.day <= end
                    )
                ).all(),
                session.scalar(_PURGED_BEFORE),
            )
        result: dict[Key, Figures] = {}
        to_read: dict[date, str] = {}
        with self._lock:
            for day, marker in markers.items():
                token = marker.get("token", "")
                held = self._memory.get(day)
                if token and held is not None and held[0] == token:
                    self._memory.move_to_end(day)
                    result.update(held[1])
                else:
                    to_read[day] = token
        if to_read:
            result.update(self._read_kept(to_read))
        days = (start + timedelta(days=i) for i in range((end - start).days + 1))
        missing = [d for d in days if d not in markers]
        for chunk in _chunks(missing, self.CHUNK_DAYS):
            result.update(self._compute_and_keep(chunk))
        return result

    def _read_kept(self, days: dict[date, str]) -> dict[Key, Figures]:
        first, last = min(days), max(days)
        per_day: dict[date, dict[Key, Figures]] = {day: {} for day in days}
        with self.store.read() as session, _collector_paused():
            rows = session.execute(
                select(DayStats.site, DayStats.day, DayStats.service, DayStats.figures).where(
                    DayStats.site != ALL, DayStats.day >= first, DayStats.day <= last
                )
            ).all()
            for site, day, service, figures in rows:
                if day in per_day:
                    per_day[day][(site, day, service)] = Figures.from_json(figures)
        self._remember({day: (days[day], kept) for day, kept in per_day.items()})
        return {k: f for kept in per_day.values() for k, f in kept.items()}

    #: The day keeper computes one day per write, so a ticket waits at most that long.
    KEEP_CHUNK_DAYS = 1

    def keep_closed_days(self, pause: Callable[[float], object] = lambda _busy: None) -> int:
        """Compute and keep every closed day not kept yet, from the first ticket or event
        on; returns how many days were computed. Kept days are not held in memory (the
        dashboard's requests fill that). Between days, ``pause(busy_s)`` gets the seconds
        the last day took, to give the queue as long (a catch-up of years after an upgrade
        then never holds the store for long); it returns False to stop."""
        closed_end = local_day(self.clock.now(), self.tz) - timedelta(days=2)
        with self.store.read() as session:
            first = min(
                (d for d in (_first_day(session, Ticket), _first_day(session, Event)) if d),
                default=None,
            )
            if first is None or first > closed_end:
                return 0
            kept = _current(
                session.execute(
                    select(DayStats.day, DayStats.figures).where(
                        DayStats.site == ALL, DayStats.day >= first, DayStats.day <= closed_end
                    )
                ).all(),
                session.scalar(_PURGED_BEFORE),
            )
        days = (first + timedelta(days=i) for i in range((closed_end - first).days + 1))
        missing = [d for d in days if d not in kept]
        busy = 0.0
        for chunk in _chunks(missing, self.KEEP_CHUNK_DAYS):
            if busy and pause(busy) is False:
                break
            started = time.monotonic()
            self._compute_and_keep(chunk, remember=False)
            busy = time.monotonic() - started
        return len(missing)

    def _compute_and_keep(self, days: list[date], remember: bool = True) -> dict[Key, Figures]:
        try:
            with self.store.write() as session:
                computed, tokens = self._keep(session, days)
        except IntegrityError:
            # PostgreSQL: another process kept these days first (the day keeper and a
            # request, after an upgrade made every kept day stale). Its rows stand.
            with self.store.read() as session:
                return _kept(session, days)
        if not remember:
            return computed
        per_day: dict[date, dict[Key, Figures]] = {day: {} for day in tokens}
        for key, f in computed.items():
            if key[1] in per_day:
                per_day[key[1]][key] = f
        self._remember({day: (tokens[day], kept) for day, kept in per_day.items()})
        return computed

    def _keep(self, session: Session, days: list[date]) -> tuple[dict[Key, Figures], dict]:
        """Compute ``days`` and keep them, in the write transaction ``session``; (the
        figures, the new token of each day kept). A day whose tickets are gone keeps what
        was kept: past the retention cut-off (``kiosk purge`` may have moved it since the
        caller looked), or kept figures that would now compute to nothing (tickets are
        only ever deleted by the purge)."""
        purged = session.scalar(_PURGED_BEFORE)
        held = set(
            session.scalars(
                select(DayStats.day).where(DayStats.day.in_(days), DayStats.site != ALL).distinct()
            )
        )
        computed = compute(session, self.tz, days[0], days[-1], set(days))
        found = {key[1] for key in computed}
        stay = {
            day for day in days
            if (purged is not None and day.isoformat() < purged)
            or (day in held and day not in found)
        }  # fmt: skip
        fresh = [day for day in days if day not in stay]
        computed = {key: f for key, f in computed.items() if key[1] not in stay}
        if stay:
            computed.update(_kept(session, sorted(stay)))
        if not fresh:
            return computed, {}
        # Recomputed whole: rows of a half-kept day (a site invalidated) go first.
        session.execute(delete(DayStats).where(DayStats.day.in_(fresh)))
        now = self.clock.now()
        session.add_all(
            DayStats(site=s, day=d, service=svc, figures=f.to_json(), computed_at=now)
            for (s, d, svc), f in computed.items()
            if d not in stay
        )
        tokens = {d: uuid.uuid4().hex for d in fresh}
        session.add_all(
            DayStats(site=ALL, day=d, service=ALL, computed_at=now,
                     figures={"token": token, "version": FIGURES_VERSION})
            for d, token in tokens.items()  # fmt: skip
        )
        return computed, tokens

    def _remember(self, days: dict[date, tuple[str, dict[Key, Figures]]]) -> None:
        with self._lock:
            for day, held in days.items():
                if held[0]:
                    self._memory[day] = held
                    self._memory.move_to_end(day)
            while len(self._memory) > self.memory_days:
                self._memory.popitem(last=False)


def _kept(session: Session, days: list[date]) -> dict[Key, Figures]:
    """The figures kept for ``days``, as they are."""
    rows = session.execute(
        select(DayStats.site, DayStats.day, DayStats.service, DayStats.figures).where(
            DayStats.site != ALL, DayStats.day.in_(days)
        )
    )
    return {(site, day, service): Figures.from_json(f) for site, day, service, f in rows}


def _current(markers: Iterable[tuple[date, dict]], purged_before: str | None
             ) -> dict[date, dict]:  # fmt: skip
    """The day markers whose kept figures hold what this version computes, and those of
    days past the retention cut-off (their tickets are gone: what was kept stays)."""
    return {
        day: marker
        for day, marker in markers
        if marker.get("version", 1) >= FIGURES_VERSION
        or (purged_before is not None and day.isoformat() < purged_before)
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a year of kept rows is decoded: those
    thousands of new lists and dicts (no cycles among them) would otherwise set off full
    collections over the whole hub, which doubled a cold year's read."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _first_day(session: Session, model) -> date | None:
    """The first day of ``model``'s rows: per site, one probe of its (site, day) index."""
    days = [
        session.scalar(select(func.min(model.day)).where(model.site == site))
        for site in _sites(session, model.site)
    ]
    return min((d for d in days if d is not None), default=None)


def _chunks(days: list[date], size: int) -> Iterator[list[date]]:
    """Runs of at most ``size`` days from ``days`` (sorted), each within ``size`` days."""
    chunk: list[date] = []
    for day in days:
        if chunk and (day - chunk[0]).days >= size:
            yield chunk
            chunk = []
        chunk.append(day)
    if chunk:
        yield chunk


def compute(
    session: Session, tz: ZoneInfo, start: date, end: date, only: set[date] | None = None
) -> dict[Key, Figures]:
    """Figures straight from tickets and events (no keeping), for ``start..end``."""
    figures: dict[Key, Figures] = defaultdict(Figures)
    # Naming the sites lets the (site, day) indexes serve a range of days. Days and times
    # are read as their stored text and parsed here (UTC, naive): several times faster
    # than the column types' own processing, which a year's first computation feels.
    tickets = session.execute(
        select(
            Ticket.site,
            _text(Ticket.day),
            Ticket.service,
            Ticket.status,
            Ticket.parent_id,
            Ticket.priority,
            Ticket.origin,
            Ticket.outcome,
            Ticket.counter,
            _text(Ticket.arrived_at),
            _text(Ticket.issued_at),
            _text(Ticket.called_at),
            _text(Ticket.started_at),
            _text(Ticket.finished_at),
            _text(Ticket.appointment_at),
        ).where(
            Ticket.site.in_(_sites(session, Ticket.site)), Ticket.day >= start, Ticket.day <= end
        )
    )
    days = _Days()
    for (
        site,
        day,
        service,
        status,
        parent,
        priority,
        origin,
        outcome,
        counter,
        arrived,
        issued,
        called,
        started,
        finished,
        appointment,
    ) in tickets:
        day = days[day]
        if only is not None and day not in only:
            continue
        issued, called = _instant(issued), called and _instant(called)
        started, finished = started and _instant(started), finished and _instant(finished)
        f = figures[(site, day, service)]
        c = f.counts
        if parent is None:
            c["issued"] += 1
            c["priority"] += bool(priority)
            c["reception"] += origin == "reception"
            c["appointment"] += origin == "appointment"
            f.hours[_instant(arrived).replace(tzinfo=UTC).astimezone(tz).hour] += 1
        else:
            c["transferred_in"] += 1
        if status == "done":
            c["served"] += 1
            c["solved"] += outcome == "solved"
        elif status in ("no_show", "cancelled"):
            c[status] += 1
        elif status == "transferred":
            c["transferred_out"] += 1
        ended = waited(issued, called, status, finished, appointment and _instant(appointment))
        if ended is not None:
            (f.waits if ended[0] == "called" else f.abandoned).append(ended[1])
        if status == "done" and finished is not None and (started or called):
            seconds = max(0, round((finished - (started or called)).total_seconds()))
            f.service_times.append(seconds)
            if counter:
                mine = f.counters.setdefault(counter, {"served": 0, "service_times": []})
                mine["served"] += 1
                mine["service_times"].append(seconds)
    events = session.execute(
        select(Event.site, Event.day, Event.service, Event.kind, Event.data).where(
            Event.site.in_(_sites(session, Event.site)),
            Event.day >= start,
            Event.day <= end,
            Event.service.is_not(None),
            Event.kind.in_([EventKind.UNMET_DEMAND, EventKind.FEEDBACK]),
        )
    )
    for site, day, service, kind, data in events:
        if only is not None and day not in only:
            continue
        f = figures[(site, day, service)]
        if kind == EventKind.UNMET_DEMAND:
            f.counts["unmet"] += 1
        elif isinstance(data.get("score"), int):
            f.feedback[data["score"]] += 1
    for f in figures.values():
        f.sort()
    return dict(figures)


def waited(
    issued: datetime,
    called: datetime | None,
    status: str,
    finished: datetime | None,
    appointment: datetime | None,
) -> tuple[str, int] | None:
    """How a queue entry's wait ended and how long it was, in seconds: ("called", s),
    ("gone", s) for a visitor gone uncalled (cancelled: gave up, or still waiting when
    the day was closed), None while still waiting. An appointment's wait runs from its
    time: coming early is no wait of the house's. (The planning aid times waits the
    same way, per hour.)"""
    queued = max(issued, appointment) if appointment else issued
    if called is not None:
        return "called", max(0, round((called - queued).total_seconds()))
    if status == "cancelled" and finished is not None:
        return "gone", max(0, round((finished - queued).total_seconds()))
    return None


def _text(column):
    return cast(column, String)


_instant = datetime.fromisoformat


class _Days(dict):
    """Day text → date, each text parsed once."""

    def __missing__(self, text: str) -> date:
        self[text] = day = date.fromisoformat(text[:10])
        return day


def _sites(session: Session, column) -> list[str]:
    """The distinct sites of an indexed column, one index probe per site."""
    sites: list[str] = []
    while True:
        query = select(func.min(column))
        site = session.scalar(query.where(column > sites[-1]) if sites else query)
        if site is None:
            return sites
        sites.append(site)


def total(figures: Iterable[Figures]) -> Figures:
    result = Figures()
    for f in figures:
        result.add(f)
    return result
