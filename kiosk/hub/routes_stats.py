"""``GET /api/stats``: everything the manager's dashboard shows for a range, in one answer.

Headline figures, visitors per hour, per service, per counter, per site and per day (with
the mean of the same weekday over the four weeks before, for comparison) and the waiting
time distribution. Every figure carries its site, so the other site's rows appear as soon
as sync brings them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.errors import KioskError
from kiosk.hub.context import HubDep, StaffDep
from kiosk.services.stats import Figures, total

router = APIRouter()
MAX_RANGE_DAYS = 3 * 366
COMPARE_WEEKS = 4
WAIT_BUCKETS_MIN = (0, 5, 10, 15, 20, 30, 45, 60, 90)

FromDay = Annotated[date, Query(alias="from", description="first day, YYYY-MM-DD")]
ToDay = Annotated[date, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]
Filter = Annotated[str | None, Query(max_length=40)]


@router.get("/api/stats")
def stats(hub: HubDep, staff: StaffDep, start: FromDay, end: ToDay, site: Filter = None,
          service: Filter = None) -> dict:
    staff.require_manager()
    if end < start:
        raise KioskError(f"'to' ({end}) is before 'from' ({start})")
    if (end - start).days > MAX_RANGE_DAYS:
        raise KioskError(f"a range of at most {MAX_RANGE_DAYS} days, please")
    if service is not None:
        hub.config.service(service)
    compare_start = start - timedelta(weeks=COMPARE_WEEKS)
    every = hub.stats.figures(compare_start, end, site)
    if service is not None:
        every = {k: v for k, v in every.items() if k[2] == service}
    chosen = {k: v for k, v in every.items() if k[1] >= start}
    everything = total(chosen.values())
    return {
        "from": start.isoformat(), "to": end.isoformat(), "site": site, "service": service,
        "sites": sorted({k[0] for k in chosen} | {hub.config.site.slug}),
        "headline": everything.headline(),
        "by_hour": {str(h): everything.hours.get(h, 0) for h in range(24)},
        "by_service": _grouped(chosen, lambda k: k[2], hub),
        "by_site": _grouped(chosen, lambda k: k[0], hub),
        "by_counter": _counters(everything, hub),
        "by_day": _days(every, start, end),
        "wait_histogram": _histogram(everything.waits),
    }


def _grouped(figures: dict, key, hub: HubDep) -> list[dict]:
    groups: dict[str, Figures] = defaultdict(Figures)
    for k, f in figures.items():
        groups[key(k)].add(f)
    rows = []
    for name, f in sorted(groups.items()):
        spec = hub.config.services_by_code.get(name)
        rows.append({
            "key": name,
            "labels": spec.labels.model_dump() if spec else None,
            "operator": spec.operator if spec else None,
            "theme": spec.theme if spec else None,
            **f.headline(),
        })
    return rows


def _counters(figures: Figures, hub: HubDep) -> list[dict]:
    from kiosk.services.stats import percentile

    names = {c.id: c.name for c in hub.config.counters}
    return [
        {"counter": counter, "name": names.get(counter, counter), "served": f["served"],
         "service_p50_s": percentile(f["service_times"], 0.5)}
        for counter, f in sorted(figures.counters.items())
    ]


def _days(figures: dict, start: date, end: date) -> list[dict]:
    per_day: dict[date, Figures] = defaultdict(Figures)
    for (_, day, _), f in figures.items():
        per_day[day].add(f)
    rows = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        f = per_day.get(day, Figures())
        before = [per_day[day - timedelta(weeks=w)].counts.get("issued", 0)
                  if day - timedelta(weeks=w) in per_day else 0
                  for w in range(1, COMPARE_WEEKS + 1)]
        rows.append({
            "day": day.isoformat(),
            "issued": f.counts.get("issued", 0),
            "served": f.counts.get("served", 0),
            "unmet": f.counts.get("unmet", 0),
            "wait_p50_s": f.percentile("waits", 0.5),
            "same_weekday_mean": round(sum(before) / COMPARE_WEEKS, 1),
        })
    return rows


def _histogram(waits: list[int]) -> list[dict]:
    edges_s = [minutes * 60 for minutes in WAIT_BUCKETS_MIN]
    counts = [0] * len(edges_s)
    for wait in waits:
        counts[bisect_right(edges_s, wait) - 1] += 1
    highs = [*WAIT_BUCKETS_MIN[1:], None]
    return [{"from_min": low, "to_min": high, "count": count}
            for low, high, count in zip(WAIT_BUCKETS_MIN, highs, counts, strict=True)]
