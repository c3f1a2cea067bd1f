"""Planning aid: demand and waits by weekday and hour against the permanences held, and
the few slots where an extra permanence would have served the most visitors.

What a house manager decides is which desk to hold on which day and hour. The figures:

- per weekday × local hour of the chosen days: visitors (tickets taken), unmet demand
  (a service asked for at the kiosk while it was closed, see
  :data:`kiosk.store.events.EventKind.UNMET_DEMAND`), the median wait and the service
  level of the visitors called in that hour, and which services were held then (from
  the site file's schedules: the permanences);
- *suggestions*: runs of consecutive closed hours of one service on one weekday that
  gathered unmet demand, ranked by the visitors they turned away (with the mean per
  week, since a month has four or five of each weekday): an extra permanence there would
  have served them;
- *busiest*: open hours whose service level fell below the target (at least five
  visitors called): where a second desk would help.

It reads one site's tickets and events of the range, against that site's own
permanences: this hub's site from its site file, another site (the house's other site,
or any house an observatory receives) from the description it syncs
(:mod:`kiosk.sync.peer_sites`: its services, their labels and hours, its time zone).
Manager-only through ``GET /api/planning``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.domain.schedule import WEEKDAYS
from kiosk.services.service_level import service_level
from kiosk.services.stats import percentile, waited
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.store.events import EventKind
from kiosk.store.models import Event, Ticket
from kiosk.sync.peer_sites import peer_sites

SUGGESTIONS = 3
BUSIEST = 3
MIN_CALLED = 5


@dataclass(frozen=True)
class Permanences:
    """One site's services as its planning needs them: their labels and their opening
    intervals per weekday (Monday first), in the site's time zone."""

    site: str
    tz: ZoneInfo
    labels: dict[str, dict[str, str]]
    week: dict[str, tuple[tuple, ...]]
    #: Days the site is shut (public holidays): no week of the range counts them.
    closed_dates: frozenset[date] = frozenset()


def permanences_of(store: Store, config: SiteConfig, site: str | None = None
                   ) -> Permanences | None:  # fmt: skip
    """``site``'s permanences (None: this hub's site); None when no description of that
    site has come."""
    if site is None or site == config.site.slug:
        return Permanences(
            config.site.slug,
            config.tz,
            {s.code: s.labels.model_dump() for s in config.services},
            {s.code: (s.schedule or config.site.hours).intervals() for s in config.services},
            frozenset(config.site.closed_dates),
        )
    other = next((p for p in peer_sites(store) if p.slug == site), None)
    if other is None:
        return None
    return Permanences(
        other.slug,
        other.tz,
        {code: dict(s.labels) for code, s in other.services.items()},
        {code: s.schedule.days for code, s in other.services.items()},
        other.closed_dates,
    )


def held_hours(config: SiteConfig, code: str) -> set[tuple[int, int]]:
    """(weekday, hour) slots in which ``code`` of this hub's site is held for at least
    part of the hour."""
    spec = config.services_by_code[code]
    return _held((spec.schedule if spec.schedule is not None else config.site.hours).intervals())


def _held(week: tuple[tuple, ...]) -> set[tuple[int, int]]:
    slots = set()
    for weekday, intervals in enumerate(week):
        for interval in intervals:
            for hour in range(24):
                start, end = time(hour), (time(hour + 1) if hour < 23 else time.max)
                if interval.start < end and start < interval.end:
                    slots.add((weekday, hour))
    return slots


def weekday_counts(start: date, end: date, closed: frozenset[date] = frozenset()) -> Counter:
    """How many of each weekday (0 = Monday) the range holds, the site's closed days
    (public holidays) left out: a month with Easter Monday had one Monday fewer to ask."""
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return Counter(day.weekday() for day in days if day not in closed)


def planning(
    store: Store,
    config: SiteConfig,
    start: date,
    end: date,
    service: str | None = None,
    permanences: Permanences | None = None,
) -> dict:
    """The planning of ``permanences``' site (default: this hub's)."""
    site_of = permanences or permanences_of(store, config)
    site, tz = site_of.site, site_of.tz
    codes = [service] if service else sorted(site_of.week)
    held = {code: _held(site_of.week[code]) for code in codes if code in site_of.week}
    visitors: Counter = Counter()
    unmet: Counter = Counter()
    unmet_by_service: Counter = Counter()
    waits: dict[tuple[int, int], list[int]] = defaultdict(list)
    abandoned: dict[tuple[int, int], list[int]] = defaultdict(list)
    with store.read() as session:
        tickets = session.execute(
            select(Ticket.parent_id, Ticket.issued_at, Ticket.called_at, Ticket.status,
                   Ticket.finished_at, Ticket.appointment_at).where(  # fmt: skip
                Ticket.site == site, Ticket.day >= start, Ticket.day <= end,
                Ticket.service.in_(codes),
            )  # fmt: skip
        )
        for parent, issued, called, status, finished, appointment in tickets:
            local = issued.astimezone(tz)
            slot = (local.weekday(), local.hour)
            if parent is None:
                visitors[slot] += 1
            ended = waited(issued, called, status, finished, appointment)
            if ended is not None:
                (waits if ended[0] == "called" else abandoned)[slot].append(ended[1])
        events = session.execute(
            select(Event.service, Event.at).where(
                Event.site == site, Event.day >= start, Event.day <= end,
                Event.kind == EventKind.UNMET_DEMAND, Event.service.in_(codes),
            )  # fmt: skip
        )
        for code, at in events:
            local = at.astimezone(tz)
            slot = (local.weekday(), local.hour)
            unmet[slot] += 1
            unmet_by_service[(code, *slot)] += 1
    weeks = weekday_counts(start, end, site_of.closed_dates)
    held_slots = {s for hours in held.values() for s in hours}
    slots = set(visitors) | set(unmet) | held_slots
    shown = {hour for _, hour in (*visitors, *unmet)}
    if len({hour for _, hour in held_slots}) < 24:  # a house open round the clock (the
        shown |= {hour for _, hour in held_slots}  # demo) shows only hours with visits
    hours = list(range(min(shown), max(shown) + 1)) if shown else []
    cells = []
    for weekday, hour in sorted(slots):
        slot = (weekday, hour)
        mine = sorted(waits.get(slot, []))
        enough = len(mine) >= MIN_CALLED
        cells.append(
            {
                "weekday": weekday,
                "hour": hour,
                "visitors": visitors.get(slot, 0),
                "unmet": unmet.get(slot, 0),
                "called": len(mine),
                "wait_p50_s": percentile(mine, 0.5),
                "service_level_share": (
                    service_level([mine], config.service_level,
                                  [sorted(abandoned.get(slot, []))])["service_level_share"]
                    if enough else None
                ),
                "held": sorted(code for code, hours in held.items() if slot in hours),
            }
        )  # fmt: skip
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "site": site,
        "service": service,
        "labels": {code: site_of.labels[code] for code in held},
        "weekdays": list(WEEKDAYS),
        "weeks": {str(day): n for day, n in sorted(weeks.items())},
        "hours": hours,
        "cells": cells,
        "suggestions": _suggestions(unmet_by_service, held, weeks),
        "busiest": _busiest(cells, config),
        "service_level_target": {
            "share": config.service_level.share,
            "minutes": config.service_level.minutes,
        },
    }


def _suggestions(unmet: Counter, held: dict[str, set], weeks: Counter) -> list[dict]:
    """Runs of consecutive closed hours (one service, one weekday) with unmet demand."""
    runs = []
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (code, weekday, hour), n in unmet.items():
        if (weekday, hour) not in held.get(code, set()) and n:
            by_day[(code, weekday)].append(hour)
    for (code, weekday), hours in by_day.items():
        hours.sort()
        run = [hours[0]]
        for hour in [*hours[1:], None]:
            if hour is not None and hour == run[-1] + 1:
                run.append(hour)
                continue
            count = sum(unmet[(code, weekday, h)] for h in run)
            runs.append(
                {
                    "service": code,
                    "weekday": weekday,
                    "from_hour": run[0],
                    "to_hour": run[-1] + 1,
                    "unmet": count,
                    "per_week": round(count / max(1, weeks.get(weekday, 0)), 1),
                }
            )
            if hour is not None:
                run = [hour]
    runs.sort(key=lambda r: (-r["unmet"], r["weekday"], r["from_hour"], r["service"]))
    return runs[:SUGGESTIONS]


def _busiest(cells: list[dict], config: SiteConfig) -> list[dict]:
    below = [
        c for c in cells
        if c["service_level_share"] is not None
        and c["service_level_share"] < config.service_level.share
    ]  # fmt: skip
    below.sort(key=lambda c: (c["service_level_share"], -c["visitors"]))
    return [
        {k: c[k] for k in ("weekday", "hour", "visitors", "wait_p50_s", "service_level_share")}
        for c in below[:BUSIEST]
    ]
