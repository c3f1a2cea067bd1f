"""Managers: footfall figures as JSON and as CSV for the observatory."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from kiosk.errors import KioskError
from kiosk.hub.context import HubDep, StaffDep
from kiosk.services.footfall import FootfallRow, rows_from

router = APIRouter()
MAX_RANGE_DAYS = 3 * 366
FromDay = Annotated[date, Query(alias="from", description="first day, YYYY-MM-DD")]
ToDay = Annotated[date, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]
SiteFilter = Annotated[str | None, Query(max_length=40, description="one site's slug")]


def _rows(hub: HubDep, start: date, end: date, site: str | None) -> list[FootfallRow]:
    if end < start:
        raise KioskError(f"'to' ({end}) is before 'from' ({start})")
    if (end - start).days > MAX_RANGE_DAYS:
        raise KioskError(f"a range of at most {MAX_RANGE_DAYS} days, please")
    return rows_from(hub.stats.figures(start, end, site))


@router.get("/api/footfall")
def footfall_json(
    hub: HubDep,
    staff: StaffDep,
    start: FromDay,
    end: ToDay,
    site: SiteFilter = None,
) -> list[dict]:
    staff.require_manager()
    return [row.as_dict() for row in _rows(hub, start, end, site)]


@router.get("/api/footfall.csv")
def footfall_csv(
    hub: HubDep,
    staff: StaffDep,
    start: FromDay,
    end: ToDay,
    site: SiteFilter = None,
) -> Response:
    """One row per site × day × service, with the France Services operator and theme."""
    staff.require_manager()
    services = hub.config.services_by_code
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "site",
            "day",
            "service",
            "operator",
            "theme",
            "issued",
            "served",
            "no_show",
            "cancelled",
            "transferred_in",
            "wait_p50_s",
            "wait_p90_s",
        ]
    )
    for row in _rows(hub, start, end, site):
        spec = services.get(row.service)
        writer.writerow(
            [
                row.site,
                row.day.isoformat(),
                row.service,
                spec.operator if spec else "",
                spec.theme if spec else "",
                row.issued,
                row.served,
                row.no_show,
                row.cancelled,
                row.transferred_in,
                "" if row.wait_p50_s is None else row.wait_p50_s,
                "" if row.wait_p90_s is None else row.wait_p90_s,
            ]
        )
    name = f"footfall-{start}-{end}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
