"""Service level: the share of visitors seen within a target wait ("85 % within 15 min").

Public services state their reception targets this way. The target comes from the site
file (``[service_level]``, :class:`kiosk.siteconfig.schema.ServiceLevel`); an observatory
applies its own file's target to every site it receives, so that all sites are measured
against one yardstick.

Who counts: every wait in a service's queue that ended in a call (from entering the
queue to the first call, as :mod:`kiosk.services.stats` records it; a visitor sent on to
another desk queues, and counts, again there), and every wait that ended with the
visitor gone uncalled after the target: given up, or still waiting at closing (sent home
unseen: counted however late they came, as the day is closed the next morning). Those
were not seen within the target, and leaving them out would make the figure best
exactly when the wait is worst. A ticket cancelled within the target (taken by mistake,
or the visitor gone at once) tells nothing of the wait and is left out. The values are
the figures' sorted lists, so one bisection per list counts each side of the target.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction

from kiosk.siteconfig.schema import ServiceLevel


def service_level(
    waits: Iterable[list[int]], target: ServiceLevel, abandoned: Iterable[list[int]] = ()
) -> dict:
    """The service level of sorted lists of waits ending in a call and of waits ending
    uncalled (``abandoned``), all in seconds, taken together."""
    limit = target.minutes * 60
    lists = [w for w in waits if w]
    called = sum(len(w) for w in lists)
    within = sum(bisect_right(w, limit) for w in lists)
    gave_up = sum(len(w) - bisect_right(w, limit) for w in abandoned if w)
    seen = called + gave_up
    share = round(within / seen, 4) if seen else None
    return {
        "service_level_share": share,
        "service_level_within": within,
        "service_level_seen": seen,
        "service_level_gave_up": gave_up,
        # On the counts, exactly: 84.996 % does not meet 85 %, and 55 of 100 meets 55 %.
        "service_level_met": None if not seen else within >= Fraction(str(target.share)) * seen,
    }


def service_level_of(parts: Iterable, target: ServiceLevel) -> dict:
    """:func:`service_level` of figures (:class:`kiosk.services.stats.Figures`)."""
    parts = list(parts)
    return service_level(
        (f.waits for f in parts), target, (f.abandoned for f in parts)
    )


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
