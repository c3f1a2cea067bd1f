"""Service level: the share of visitors seen within a target wait ("85 % within 15 min").

Public services state their reception targets this way. The target comes from the site
file (``[service_level]``, :class:`kiosk.siteconfig.schema.ServiceLevel`); an observatory
applies its own file's target to every site it receives, so that all sites are measured
against one yardstick.

Who counts: every visitor called at a counter (their wait is known: from entering the
service's queue to the first call, as :mod:`kiosk.services.stats` records it). A visitor
who left before being called has no wait and is not counted; the dashboard shows the
cancelled and unmet counts beside it. The values are the figures' sorted wait lists, so
one bisection per list counts the visitors within the target.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from kiosk.siteconfig.schema import ServiceLevel


def service_level(waits: Iterable[list[int]], target: ServiceLevel) -> dict:
    """The service level of sorted lists of waits (seconds) taken together."""
    lists = [w for w in waits if w]
    seen = sum(len(w) for w in lists)
    within = sum(bisect_right(w, target.minutes * 60) for w in lists)
    share = round(within / seen, 4) if seen else None
    return {
        "service_level_share": share,
        "service_level_within": within,
        "service_level_seen": seen,
        "service_level_met": None if share is None else share >= target.share,
    }


def target_of(target: ServiceLevel) -> dict:
    return {"share": target.share, "minutes": target.minutes}


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period just before ``start..end`` that a manager compares it with: the same
    number of whole months before a range of whole months (March → February, a year → the
    year before), else the same number of days just before."""
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        first = date(index // 12, index % 12 + 1, 1)
        return first, start - timedelta(days=1)
    length = end - start
    last = start - timedelta(days=1)
    return last - length, last


def months_of(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months that ``start..end`` touches, each cut to the range."""
    result = []
    first = start
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(end, following - timedelta(days=1))
        result.append((first, last))
        first = last + timedelta(days=1)
    return result
