"""``GET /api/planning``: demand and waits by weekday and hour against the permanences
held, with the slots where an extra permanence would have served the most visitors
(:mod:`kiosk.services.planning`), of one site: this hub's, or (``site=``) another whose
description it holds. Manager only: it is the dashboard's planning tab."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.errors import NotFound
from kiosk.hub.context import HubDep, StaffDep
from kiosk.hub.routes_stats import check_range
from kiosk.services.planning import permanences_of, planning

router = APIRouter()
FromDay = Annotated[date, Query(alias="from", description="first day, YYYY-MM-DD")]
ToDay = Annotated[date, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]
ServiceFilter = Annotated[
    str | None, Query(pattern=r"^[A-Z][A-Z0-9_]{1,11}$", description="one service's code")
]
SiteFilter = Annotated[
    str | None,
    Query(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$", description="a site's slug (default: this one)"),
]


@router.get("/api/planning")
def planning_route(
    hub: HubDep,
    staff: StaffDep,
    start: FromDay,
    end: ToDay,
    service: ServiceFilter = None,
    site: SiteFilter = None,
) -> dict:
    staff.require_manager()
    check_range(start, end)
    permanences = permanences_of(hub.store, hub.config, site)
    if permanences is None:
        raise NotFound(f'no site "{site}" is known here (it never sent its description)')
    if service is not None and service not in permanences.week:
        raise NotFound(f'unknown service "{service}" at {permanences.site}')
    return planning(hub.store, hub.config, start, end, service, permanences)
