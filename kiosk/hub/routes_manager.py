"""Managers: footfall figures as JSON and as CSV for the observatory, and the full export.

``GET /api/footfall`` and ``/api/footfall.csv`` keep their first, short shape.
``GET /api/export.csv`` is the dashboard's export: one row per site × day × service with
the France Services operator and theme and every headline figure (feedback counts too).
It is written month by month (:func:`export_lines`), so a year's export never holds a
year of waiting times in memory; ``kiosk report`` writes the same lines without a hub.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from kiosk.errors import KioskError
from kiosk.hub.context import HubDep, StaffDep
from kiosk.hub.inputs import Day
from kiosk.hub.routes_stats import check_range
from kiosk.services.footfall import FootfallRow, rows_from
from kiosk.services.service_level import service_level_of
from kiosk.services.stats import COUNTS, Stats
from kiosk.siteconfig import SiteConfig

router = APIRouter()
MAX_RANGE_DAYS = 3 * 366
FromDay = Annotated[Day, Query(alias="from", description="first day, YYYY-MM-DD (2000..2099)")]
ToDay = Annotated[Day, Query(alias="to", description="last day (inclusive), YYYY-MM-DD")]
SiteFilter = Annotated[str | None, Query(max_length=40, description="one site's slug")]
#: Any well-formed code: another site's rows may hold services this site's file does not.
ServiceFilter = Annotated[
    str | None, Query(pattern=r"^[A-Z][A-Z0-9_]{1,11}$", description="one service's code")
]


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


EXPORT_COLUMNS = (
    "site",
    "day",
    "service",
    "operator",
    "theme",
    *COUNTS,
    "wait_p50_s",
    "wait_p90_s",
    "service_p50_s",
    "solved_share",
    "priority_share",
    "feedback_answers",
    "feedback_happy",
    "feedback_neutral",
    "feedback_unhappy",
    "service_level_within",
    "service_level_seen",
    # Of ``seen``: gone uncalled after the target (kiosk.services.service_level).
    "service_level_gave_up",
    "service_level_share",
    "service_level_target_share",
    "service_level_target_min",
)
CHUNK_DAYS = 31


def export_lines(
    config: SiteConfig,
    stats: Stats,
    start: date,
    end: date,
    site: str | None = None,
    service: str | None = None,
    progress: Callable[[date], None] | None = None,
) -> Iterator[str]:
    """The export's CSV text, header first, then a chunk of days at a time, rows ordered by
    day, site and service (UTF-8 once encoded).

    ``progress`` hears the last day of each chunk once its lines are out.
    """
    yield _csv_line(EXPORT_COLUMNS)
    chunk_start = start
    while chunk_start <= end:
        chunk_end = min(end, chunk_start + timedelta(days=CHUNK_DAYS - 1))
        figures = stats.figures(chunk_start, chunk_end, site)
        lines = []
        for (row_site, day, code), f in sorted(figures.items(), key=_by_day):
            if service is not None and code != service:
                continue
            spec = config.services_by_code.get(code)
            head = f.headline()
            level = service_level_of([f], config.service_level)
            lines.append(
                _csv_line(
                    [
                        row_site,
                        day.isoformat(),
                        code,
                        spec.operator if spec else "",
                        spec.theme if spec else "",
                        *(head[name] for name in EXPORT_COLUMNS[5:16]),
                        *(_blank(head[name]) for name in EXPORT_COLUMNS[16:21]),
                        head["feedback_answers"],
                        *(f.feedback.get(score, 0) for score in (3, 2, 1)),
                        level["service_level_within"],
                        level["service_level_seen"],
                        level["service_level_gave_up"],
                        _blank(level["service_level_share"]),
                        config.service_level.share,
                        config.service_level.minutes,
                    ]
                )
            )
        del figures
        yield "".join(lines)
        if progress is not None:
            progress(chunk_end)
        chunk_start = chunk_end + timedelta(days=1)


def _by_day(item) -> tuple:
    (site, day, code), _ = item
    return day, site, code


def _blank(value) -> object:
    return "" if value is None else value


def _csv_line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


@router.get("/api/export.csv")
def export_csv(
    hub: HubDep,
    staff: StaffDep,
    start: FromDay,
    end: ToDay,
    site: SiteFilter = None,
    service: ServiceFilter = None,
) -> StreamingResponse:
    """Every headline figure per site × day × service, operator and theme included."""
    staff.require_manager()
    check_range(start, end)
    lines = export_lines(hub.config, hub.stats, start, end, site, service)
    name = f"export-{site or 'all-sites'}-{start}-{end}.csv"
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in lines if chunk),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
