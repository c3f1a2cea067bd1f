"""Daily footfall per site, day and service: what managers and the observatory read.

Counted over queue entries (``tickets``), whose rows exist for this site and, through sync,
for the other sites:
- ``issued``: visits that started in this service (a transfer is not a new visitor);
- ``served``: entries finished at a counter; ``no_show``; ``cancelled``;
- ``transferred_in``: entries that arrived here by transfer from another service;
- waits: from entering this service's queue to the first call, over entries that were called.
Percentiles use the "inclusive" method of :func:`statistics.quantiles`. The figures come
from :mod:`kiosk.services.stats`, which keeps closed days.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.services.stats import Figures, compute

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class FootfallRow:
    site: str
    day: date
    service: str
    issued: int
    served: int
    no_show: int
    cancelled: int
    transferred_in: int
    wait_p50_s: int | None
    wait_p90_s: int | None

    def as_dict(self) -> dict:
        row = asdict(self)
        row["day"] = self.day.isoformat()
        return row


def rows_from(figures: dict[tuple[str, date, str], Figures]) -> list[FootfallRow]:
    """One row per (site, day, service), ordered by site, day, service."""
    rows = []
    for (site, day, service), f in sorted(figures.items()):
        c = f.counts
        rows.append(FootfallRow(
            site, day, service, c.get("issued", 0), c.get("served", 0), c.get("no_show", 0),
            c.get("cancelled", 0), c.get("transferred_in", 0),
            f.percentile("waits", 0.5), f.percentile("waits", 0.9),
        ))
    return rows


def footfall(session: Session, start: date, end: date, site: str | None = None,
             tz: ZoneInfo = PARIS) -> list[FootfallRow]:
    """Rows for ``start``..``end`` inclusive, computed straight from the store."""
    rows = rows_from(compute(session, tz, start, end))
    return [row for row in rows if site is None or row.site == site]
