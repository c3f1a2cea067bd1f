"""Daily footfall per site, day and service: what managers and the observatory read.

Counted over queue entries (``tickets``), whose rows exist for this site and, through sync,
for the other sites:
- ``issued``: visits that started in this service (a transfer is not a new visitor);
- ``served``: entries finished at a counter; ``no_show``; ``cancelled``;
- ``transferred_in``: entries that arrived here by transfer from another service;
- waits: from entering this service's queue to the first call, over entries that were called.
Percentiles use the "inclusive" method of :func:`statistics.quantiles`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kiosk.domain.lifecycle import State
from kiosk.store.models import Ticket


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


def footfall(
    session: Session, start: date, end: date, site: str | None = None
) -> list[FootfallRow]:
    """Rows for ``start``..``end`` inclusive, ordered by site, day, service."""
    where = [Ticket.day >= start, Ticket.day <= end]
    if site:
        where.append(Ticket.site == site)
    keys = (Ticket.site, Ticket.day, Ticket.service)
    counts = session.execute(
        select(
            *keys,
            func.sum(case((Ticket.parent_id.is_(None), 1), else_=0)),
            func.sum(case((Ticket.status == State.DONE, 1), else_=0)),
            func.sum(case((Ticket.status == State.NO_SHOW, 1), else_=0)),
            func.sum(case((Ticket.status == State.CANCELLED, 1), else_=0)),
            func.sum(case((Ticket.parent_id.is_not(None), 1), else_=0)),
        )
        .where(*where)
        .group_by(*keys)
    ).all()
    waits: dict[tuple, list[float]] = defaultdict(list)
    for row_site, day, service, issued_at, called_at in session.execute(
        select(*keys, Ticket.issued_at, Ticket.called_at).where(
            *where, Ticket.called_at.is_not(None)
        )
    ):
        waits[(row_site, day, service)].append((called_at - issued_at).total_seconds())
    rows = [
        FootfallRow(
            s,
            d,
            svc,
            int(i or 0),
            int(sv or 0),
            int(ns or 0),
            int(c or 0),
            int(t or 0),
            *_p50_p90(waits.get((s, d, svc), [])),
        )
        for s, d, svc, i, sv, ns, c, t in counts
    ]
    return sorted(rows, key=lambda r: (r.site, r.day, r.service))


def _p50_p90(values: list[float]) -> tuple[int | None, int | None]:
    if not values:
        return None, None
    if len(values) == 1:
        return round(values[0]), round(values[0])
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    return round(statistics.median(values)), round(deciles[8])
