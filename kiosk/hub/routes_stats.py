"""``GET /api/stats``: everything the manager's dashboard shows for a range, in one answer.

Headline figures, visitors per hour, per service, per site, per site and service, per
counter and per day (with the mean of the same weekday over the four weeks before, for
comparison) and the waiting time distribution. Every figure carries its site, so the other
site's rows appear as soon as sync brings them.

:func:`stats_answer` builds the answer from a :class:`~kiosk.services.stats.Stats` and the
site file alone, so ``kiosk report`` and the benchmarks get the very same figures without
an HTTP server.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from kiosk.domain.schedule import WeeklySchedule, local_day
from kiosk.errors import KioskError, NotFound
from kiosk.hub.context import HubDep, StaffDep
from kiosk.hub.inputs import Day
from kiosk.services.service_level import (
    months_of,
    previous_period,
    service_level_of,
    target_of,
)
from kiosk.services.stats import Figures, Key, Stats, headline_of, merged, parts_percentile
from kiosk.siteconfig import SiteConfig
from kiosk.siteconfig.schema import ServiceLevel
from kiosk.store.models import Event

router = APIRouter()
MAX_RANGE_DAYS = 3 * 366
COMPARE_WEEKS = 4
WAIT_BUCKETS_MIN = (0, 5, 10, 15, 20, 30, 45, 60, 90)

FromDay = Annotated[Day, Query(alias="from", description="first day, YYYY-MM-DD (2000..2099)")]
ToDay = Annotated[Day, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]
Filter = Annotated[str | None, Query(max_length=40)]


@router.get("/api/stats")
def stats(
    hub: HubDep,
    staff: StaffDep,
    start: FromDay,
    end: ToDay,
    site: Filter = None,
    service: Filter = None,
) -> dict:
    staff.require_manager()
    return stats_answer(hub.config, hub.stats, start, end, site, service)


def check_range(start: date, end: date) -> None:
    """The range rules shared by every figure route (400 with a message)."""
    if end < start:
        raise KioskError(f"'to' ({end}) is before 'from' ({start})")
    if (end - start).days > MAX_RANGE_DAYS:
        raise KioskError(f"a range of at most {MAX_RANGE_DAYS} days, please")


def check_service(config: SiteConfig, service: str | None, figures: dict[Key, Figures]) -> None:
    """A service of this site's file, or one the figures hold (another site may offer
    services this one does not); else 404."""
    if (
        service is not None
        and service not in config.services_by_code
        and not any(k[2] == service for k in figures)
    ):
        raise NotFound(f'unknown service "{service}"')


def stats_answer(
    config: SiteConfig,
    stats: Stats,
    start: date,
    end: date,
    site: str | None = None,
    service: str | None = None,
) -> dict:
    check_range(start, end)
    compare_start = start - timedelta(weeks=COMPARE_WEEKS)
    every = stats.figures(compare_start, end, site)
    check_service(config, service, every)
    if service is not None:
        every = {k: v for k, v in every.items() if k[2] == service}
    chosen = {k: v for k, v in every.items() if k[1] >= start}
    # Summed once per (site, service) and sorted; every other grouping reads those few
    # sorted parts without merging their values (kiosk.services.stats.headline_of).
    pairs = {key: merged(parts) for key, parts in _parts(chosen, lambda k: (k[0], k[2])).items()}
    target = config.service_level
    now = stats.clock.now()
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "site": site,
        "service": service,
        "own_site": config.site.slug,
        # Sites with figures in the range or the four weeks before it.
        "sites": sorted({k[0] for k in every} | {config.site.slug}),
        "today": local_day(now, config.tz).isoformat(),
        "generated_at": now.isoformat(),
        "service_level_target": target_of(target),
        "headline": _headline(list(pairs.values()), target),
        "previous": _previous(stats, start, end, site, service, target),
        "by_hour": _hours(pairs.values()),
        "by_service": _rows(_parts(pairs, lambda k: k[1]), config),
        "by_site": [
            {"key": name, **_headline(parts, target)}
            for name, parts in sorted(_parts(pairs, lambda k: k[0]).items())
        ],
        "by_site_service": _rows({k: [f] for k, f in pairs.items()}, config),
        "by_counter": _counters(_parts(pairs, lambda k: k[0]), config),
        "by_day": _days(every, start, end, target, config.house_schedule),
        "by_month": _months(chosen, start, end, target),
        "wait_histogram": _histogram([f.waits for f in pairs.values()]),
        "data_until": {
            **{site: day.isoformat() for site, day in _last_days(every, start).items()},
            **data_until(stats, start, end),
        },
    }


def _last_days(figures: dict[Key, Figures], start: date) -> dict[str, date]:
    """Per site, the last day in the range with figures (kept days carry no events)."""
    last: dict[str, date] = {}
    for site, day, _ in figures:
        if day >= start and (site not in last or day > last[site]):
            last[site] = day
    return last


def data_until(stats: Stats, start: date, end: date) -> dict[str, str]:
    """Per site, the time of the latest event this hub holds in the range (ISO): how far
    each site's figures go, whatever the link to it says ("data from Enquin-les-Mines up
    to 10:42"). One indexed probe per site."""
    with stats.store.read() as session:
        rows = session.execute(
            select(Event.site, func.max(Event.at))
            .where(Event.day >= start, Event.day <= end)
            .group_by(Event.site)
        ).all()
    return {site: at.isoformat() for site, at in sorted(rows) if at is not None}


def _headline(parts: list[Figures], target: ServiceLevel) -> dict:
    feedback = {str(s): sum(f.feedback.get(s, 0) for f in parts) for s in (3, 2, 1)}
    return {
        **headline_of(parts),
        "feedback_counts": feedback,
        **service_level_of(parts, target),
    }


def _previous(
    stats: Stats,
    start: date,
    end: date,
    site: str | None,
    service: str | None,
    target: ServiceLevel,
) -> dict:
    """The headline of the period just before (the previous month for a month), so that
    every headline figure can show where it came from."""
    first, last = previous_period(start, end)
    figures = stats.figures(first, last, site)
    parts = [f for k, f in figures.items() if service is None or k[2] == service]
    return {"from": first.isoformat(), "to": last.isoformat(), "headline": _headline(parts, target)}


def _months(
    figures: dict[Key, Figures], start: date, end: date, target: ServiceLevel
) -> list[dict]:
    """Per calendar month of the range: visitors, median wait and the service level."""
    rows = []
    for first, last in months_of(start, end):
        parts = [f for k, f in figures.items() if first <= k[1] <= last]
        waits = [f.waits for f in parts]
        rows.append(
            {
                "month": first.strftime("%Y-%m"),
                "from": first.isoformat(),
                "to": last.isoformat(),
                "issued": sum(f.counts.get("issued", 0) for f in parts),
                "served": sum(f.counts.get("served", 0) for f in parts),
                "wait_p50_s": parts_percentile(waits, 0.5),
                **service_level_of(parts, target),
            }
        )
    return rows


def _parts(figures: dict, key: Callable) -> dict[object, list[Figures]]:
    groups: dict = defaultdict(list)
    for k, f in figures.items():
        groups[key(k)].append(f)
    return groups


def _hours(parts) -> dict[str, int]:
    hours = [0] * 24
    for f in parts:
        for hour, n in f.hours.items():
            hours[hour] += n
    return {str(h): n for h, n in enumerate(hours)}


def service_facts(config: SiteConfig, code: str) -> dict:
    """Labels, France Services operator and theme of a service (None when unknown here:
    another site may hold services this one does not)."""
    spec = config.services_by_code.get(code)
    return {
        "labels": spec.labels.model_dump() if spec else None,
        "operator": spec.operator if spec else None,
        "theme": spec.theme if spec else None,
    }


def _rows(groups: dict, config: SiteConfig) -> list[dict]:
    """Rows per service (key: code) or per site and service (key: (site, code))."""
    rows = []
    for name, parts in sorted(groups.items()):
        site, code = name if isinstance(name, tuple) else (None, name)
        rows.append(
            {
                **({"site": site} if site else {}),
                "key": code,
                **service_facts(config, code),
                **_headline(parts, config.service_level),
            }
        )
    return rows


def _counters(per_site: dict[str, list[Figures]], config: SiteConfig) -> list[dict]:
    own = config.site.slug
    names = {c.id: c.name for c in config.counters}
    rows = []
    for site, parts in sorted(per_site.items()):
        for counter in sorted({c for f in parts for c in f.counters}):
            mine = [f.counters[counter] for f in parts if counter in f.counters]
            rows.append(
                {
                    "site": site,
                    "counter": counter,
                    "name": names.get(counter, counter) if site == own else counter,
                    "served": sum(m["served"] for m in mine),
                    "service_p50_s": parts_percentile([m["service_times"] for m in mine], 0.5),
                }
            )
    return rows


def _days(
    figures: dict[Key, Figures],
    start: date,
    end: date,
    target: ServiceLevel,
    house: WeeklySchedule | None = None,
) -> list[dict]:
    """One row per day: visitors (all sites and per site), served, unmet, median wait, the
    same weekday's mean over the four weeks before, and ``closed``: the house was shut
    that day (no hours, or a closed date) and nobody came, so a chart leaves a gap rather
    than drawing a zero."""
    per_site: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    issued: dict[date, int] = defaultdict(int)
    served: dict[date, int] = defaultdict(int)
    unmet: dict[date, int] = defaultdict(int)
    waits: dict[date, list[list[int]]] = defaultdict(list)
    parts: dict[date, list[Figures]] = defaultdict(list)
    for (site, day, _), f in figures.items():
        issued[day] += f.counts.get("issued", 0)
        per_site[day][site] += f.counts.get("issued", 0)
        if day >= start:
            served[day] += f.counts.get("served", 0)
            unmet[day] += f.counts.get("unmet", 0)
            waits[day].append(f.waits)
            parts[day].append(f)
    rows = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        before = [issued.get(day - timedelta(weeks=w), 0) for w in range(1, COMPARE_WEEKS + 1)]
        rows.append(
            {
                "day": day.isoformat(),
                "issued": issued.get(day, 0),
                "served": served.get(day, 0),
                "unmet": unmet.get(day, 0),
                "wait_p50_s": parts_percentile(waits.get(day, []), 0.5),
                "service_level_share": service_level_of(parts.get(day, []), target)[
                    "service_level_share"
                ],
                "same_weekday_mean": round(sum(before) / COMPARE_WEEKS, 2),
                "by_site": dict(sorted(per_site.get(day, {}).items())),
                "closed": bool(house is not None and not issued.get(day, 0)
                               and not house.intervals_on(day)),
            }
        )
    return rows


def _histogram(parts: list[list[int]]) -> list[dict]:
    """Visits per waiting time band, from sorted lists of waits (seconds)."""
    edges = [sum(bisect_left(p, minutes * 60) for p in parts) for minutes in WAIT_BUCKETS_MIN]
    counts = [
        high - low
        for low, high in zip(edges, [*edges[1:], sum(len(p) for p in parts)], strict=True)
    ]
    highs = [*WAIT_BUCKETS_MIN[1:], None]
    return [
        {"from_min": low, "to_min": high, "count": count}
        for low, high, count in zip(WAIT_BUCKETS_MIN, highs, counts, strict=True)
    ]
