"""What kiosk terminals report and ask besides tickets: feedback, printer state, unlock.

Who may call: a paired kiosk (its device credential; in the demo's open mode, anyone) for
feedback, printer state and unlock; a signed-in counter or manager for the alerts.

Feedback is three faces, one tap, anonymous: only the service, the day and the score are
kept. A printer fault is stored as an event naming the reporting device's id (never a name
the client wrote), so an alert survives a hub restart, and is shown to counters until the
same device reports its printer fine again: no one else can raise or clear it.
Unlock checks the site's kiosk-unlock PIN or a staff PIN, under the sign-in lockout.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import Field
from sqlalchemy import select

from kiosk.domain.printer_faults import WARNINGS, PrinterFault
from kiosk.domain.schedule import local_day
from kiosk.errors import RateLimited, Unauthorized
from kiosk.hub.access import CallerDep
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


def take_token(hub: HubDep, key: str | None) -> None:
    """One token of the kiosk's bucket (tickets, check-ins, feedback), or 429."""
    if key is not None and (wait := hub.limiter.take(key)):
        raise RateLimited(wait)


@router.post("/api/feedback", status_code=204)
def feedback(body: FeedbackRequest, caller: CallerDep, hub: HubDep) -> Response:
    kiosk = caller.kiosk()
    hub.config.service(body.service)
    take_token(hub, kiosk.limit_key)
    now = hub.clock.now()
    with hub.store.write() as session:
        append_event(session, site=hub.config.site.slug, epoch=hub.store.epoch,
                     kind=EventKind.FEEDBACK, at=now, day=local_day(now, hub.config.tz),
                     service=body.service, score=body.score)
    hub.feed.notify()
    return Response(status_code=204)


@router.post("/api/printer-status", status_code=204)
def printer_status(body: PrinterStatusRequest, caller: CallerDep, hub: HubDep) -> Response:
    kiosk = caller.kiosk().id
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
def unlock(body: UnlockRequest, caller: CallerDep, hub: HubDep) -> Response:
    """The kiosk-unlock PIN (or a staff PIN) lets this kiosk's screen close; paired kiosks
    only, under the same lockout as sign-in (per source and subject, with backoff)."""
    caller.kiosk()
    hashes = [hub.config.security.kiosk_unlock_pin_hash,
              *(person.pin_hash for person in [*hub.config.counters, *hub.config.managers])]
    right = hub.staff.guard.attempt(
        "kiosk-unlock", caller.source, caller.device is not None,
        lambda: any(verify_pin(body.pin, h) for h in hashes if h),
    )
    if not right:
        raise Unauthorized("wrong PIN")
    return Response(status_code=204)
