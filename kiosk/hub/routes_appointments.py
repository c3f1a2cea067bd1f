"""Appointments: counters book and cancel, the kiosk checks a visitor in with their code.

``POST /api/appointments`` (counter), ``GET /api/appointments?day=`` (counter or manager),
``DELETE /api/appointments/{code}`` (counter), ``POST /api/appointments/{code}/check-in``
(a paired kiosk: rate-limited per device like ``POST /api/tickets`` and answered the same
way; a signed-in counter may check a visitor in too).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kiosk.domain.schedule import local_day
from kiosk.hub.access import CallerDep
from kiosk.hub.context import HubDep, MaybeStaffDep, StaffDep
from kiosk.hub.inputs import Day, Instant, ServiceCode
from kiosk.hub.routes_kiosk import take_token
from kiosk.hub.routes_public import ticket_answer
from kiosk.hub.schemas import Body
from kiosk.services.appointments import AppointmentLine

router = APIRouter()


class AppointmentRequest(Body):
    service: ServiceCode
    #: ISO 8601 with its offset, e.g. "2026-12-01T10:30:00+01:00" (JSON has no datetime
    #: type, so this one field is parsed from its string), 2000..2099.
    at: Instant


class CheckInRequest(Body):
    language: Literal["fr", "en", "nl"] = "fr"


@router.post("/api/appointments", status_code=201)
def book(body: AppointmentRequest, hub: HubDep, staff: StaffDep) -> JSONResponse:
    counter = staff.require_counter()
    appointment = hub.appointments.book(body.service, body.at, counter)
    return JSONResponse(
        status_code=201,
        content={
            "code": appointment.code,
            "service": appointment.service,
            "at": appointment.at.astimezone(hub.config.tz).isoformat(),
        },
    )


@router.get("/api/appointments")
def list_for_day(hub: HubDep, staff: StaffDep, day: Day | None = None) -> dict:
    """A local day's appointments (today by default), cancelled ones included."""
    day = day or local_day(hub.clock.now(), hub.config.tz)
    return {
        "day": day.isoformat(),
        "appointments": [_line_json(line, hub) for line in hub.appointments.list_for_day(day)],
    }


@router.delete("/api/appointments/{code}", status_code=204)
def cancel(code: str, hub: HubDep, staff: StaffDep) -> Response:
    hub.appointments.cancel(code, staff.require_counter())
    return Response(status_code=204)


@router.post("/api/appointments/{code}/check-in", status_code=201)
def check_in(
    code: str, body: CheckInRequest, request: Request, hub: HubDep, staff: MaybeStaffDep,
    caller: CallerDep,
) -> JSONResponse:
    """A kiosk checks a visitor in: the ticket, as ``POST /api/tickets`` answers it.

    Every attempt, right or wrong, takes a token of the kiosk's bucket (the one tickets
    use); wrong codes also count against the source (the device, else the address), which
    gets locked out after a few. A signed-in counter is not limited.
    """
    source = None
    if staff is None:
        take_token(hub, caller.kiosk().limit_key)
        source = caller.source
    issued = hub.appointments.check_in(
        code, body.language, kiosk=caller.device.id if caller.device else None, source=source
    )
    return ticket_answer(hub, request, issued)


def _line_json(line: AppointmentLine, hub: HubDep) -> dict:
    return {
        "code": line.code,
        "service": line.service,
        "at": line.at.astimezone(hub.config.tz).isoformat(),
        "booked_at": line.created_at.astimezone(hub.config.tz).isoformat(),
        "state": line.state,
        "ticket_id": line.ticket_id,
        "ticket_number": line.ticket_number,
        "ticket_status": line.ticket_status,
    }
