"""What kiosk terminals report and ask besides tickets: feedback, printer state, unlock.

Feedback is three faces, one tap, anonymous: only the service, the day and the score are
kept. A printer fault is stored as an event (so an alert survives a hub restart) and shown
to counters until the same kiosk reports its printer fine again.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import Field
from sqlalchemy import select

from kiosk.domain.printer_faults import WARNINGS, PrinterFault
from kiosk.domain.schedule import local_day
from kiosk.errors import RateLimited, Unauthorized
from kiosk.hub.context import HubDep, StaffDep
from kiosk.hub.inputs import ServiceCode
from kiosk.hub.schemas import Body
from kiosk.pins import verify_pin
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import Event

router = APIRouter()


class FeedbackRequest(Body):
    service: ServiceCode
    score: int = Field(ge=1, le=3)


class PrinterStatusRequest(Body):
    #: None when the printer works again; else one code of the fixed list (no free text).
    fault: PrinterFault | None = None


class UnlockRequest(Body):
    pin: str = Field(min_length=1, max_length=12)


def _kiosk_key(request: Request) -> tuple[str, str]:
    kiosk_id = request.headers.get("x-kiosk-id", "")[:40]
    client = request.client.host if request.client else "?"
    return kiosk_id or client, f"{client}/{kiosk_id}"


@router.post("/api/feedback", status_code=204)
def feedback(body: FeedbackRequest, request: Request, hub: HubDep) -> Response:
    hub.config.service(body.service)
    _, key = _kiosk_key(request)
    if wait := hub.limiter.take(key):
        raise RateLimited(wait)
    now = hub.clock.now()
    with hub.store.write() as session:
        append_event(session, site=hub.config.site.slug, epoch=hub.store.epoch,
                     kind=EventKind.FEEDBACK, at=now, day=local_day(now, hub.config.tz),
                     service=body.service, score=body.score)
    hub.feed.notify()
    return Response(status_code=204)


@router.post("/api/printer-status", status_code=204)
def printer_status(body: PrinterStatusRequest, request: Request, hub: HubDep) -> Response:
    kiosk, _ = _kiosk_key(request)
    now = hub.clock.now()
    fault = body.fault
    with hub.store.write() as session:
        append_event(session, site=hub.config.site.slug, epoch=hub.store.epoch,
                     kind=EventKind.PRINTER_FAULT if fault else EventKind.PRINTER_OK,
                     at=now, day=local_day(now, hub.config.tz), kiosk=kiosk, fault=fault)
    hub.feed.notify()
    return Response(status_code=204)


@router.get("/api/alerts")
def alerts(hub: HubDep, staff: StaffDep) -> list[dict]:
    """Printer faults not yet cleared, one per kiosk (the newest report of each wins)."""
    with hub.store.read() as session:
        rows = session.scalars(
            select(Event)
            .where(Event.site == hub.config.site.slug,
                   Event.kind.in_([EventKind.PRINTER_FAULT, EventKind.PRINTER_OK]))
            .order_by(Event.seq.desc())
            .limit(200)
        ).all()
    latest: dict[str, Event] = {}
    for event in rows:
        latest.setdefault(event.data.get("kiosk", "?"), event)
    return [
        {"kind": "printer", "kiosk": kiosk, "fault": event.data.get("fault"),
         "since": event.at.isoformat(),
         "level": "warning" if event.data.get("fault") in WARNINGS else "error"}
        for kiosk, event in latest.items() if event.kind == EventKind.PRINTER_FAULT
    ]


@router.post("/api/kiosk/unlock", status_code=204)
def unlock(body: UnlockRequest, request: Request, hub: HubDep) -> Response:
    """A staff PIN (any counter's or manager's) lets the kiosk screen close."""
    _, key = _kiosk_key(request)
    if wait := hub.limiter.take(f"unlock:{key}"):
        raise RateLimited(wait)
    people = [*hub.config.counters, *hub.config.managers]
    if not any(verify_pin(body.pin, person.pin_hash) for person in people):
        raise Unauthorized("wrong PIN")
    return Response(status_code=204)
