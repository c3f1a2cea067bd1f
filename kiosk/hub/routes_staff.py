"""Counters: sign in, see the queue, call, serve, pause.

Who may call: anyone on the LAN may try to sign in (under the PIN lockout, keyed on the
paired device or the TCP address); every other route needs a counter's or manager's
bearer token.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kiosk.domain.lifecycle import Action
from kiosk.errors import KioskError, NotFound
from kiosk.hub.access import CallerDep
from kiosk.hub.context import HubDep, StaffDep, bearer
from kiosk.hub.schemas import ActionRequest, PauseRequest, SessionRequest, ticket_json

router = APIRouter()

# URL spelling of each action (``no-show``) → the lifecycle's action.
ACTIONS = {a.value.replace("_", "-"): a for a in Action}


@router.post("/api/session")
def sign_in(body: SessionRequest, hub: HubDep, caller: CallerDep) -> dict:
    if (body.counter is None) == (body.manager is None):
        raise KioskError('give either "counter" or "manager", with "pin"')
    role = "counter" if body.counter else "manager"
    subject = body.counter or body.manager
    token = hub.staff.sign_in(role, subject, body.pin, caller.source, caller.device is not None)
    name = (
        hub.config.counters_by_id[subject].name
        if role == "counter"
        else next(m.name for m in hub.config.managers if m.id == subject)
    )
    return {"token": token, "role": role, "id": subject, "name": name}


@router.delete("/api/session", status_code=204)
def sign_out(request: Request, hub: HubDep, staff: StaffDep) -> Response:
    hub.staff.sign_out(bearer(request) or "")
    return Response(status_code=204)


@router.delete("/api/sessions", status_code=200)
def sign_out_everywhere(hub: HubDep, staff: StaffDep) -> dict:
    """End every session of the signed-in counter or manager (a PIN seen or shared)."""
    return {"ended": hub.staff.sign_out_everywhere(staff)}


@router.get("/api/queue")
def queue(hub: HubDep, staff: StaffDep) -> dict:
    """The counter's queue (its services) or, for a manager, the whole site's."""
    services = (
        hub.config.counters_by_id[staff.subject].services if staff.role == "counter" else None
    )
    now = hub.clock.now()
    states = hub.queue.counter_states()
    return {
        "counter": staff.subject if staff.role == "counter" else None,
        # What "call next" would call now (same rule, no call made); counters only.
        "next": hub.queue.peek_next(staff.subject) if staff.role == "counter" else None,
        "tickets": [ticket_json(t, hub.config, now) for t in hub.queue.waiting(services)],
        "counters": {
            c.id: {
                "name": c.name,
                "paused": bool(states.get(c.id) and states[c.id].paused),
                "reason": states[c.id].reason if c.id in states else None,
            }
            for c in hub.config.counters
        },
    }


@router.get("/api/today")
def today(hub: HubDep, staff: StaffDep) -> dict:
    """Today's tickets of this counter (to reactivate a no-show, and its day's figures)."""
    counter = staff.require_counter()
    now = hub.clock.now()
    return {"tickets": [ticket_json(t, hub.config, now) for t in hub.queue.today(counter)]}


@router.post("/api/counters/{counter}/call-next", responses={204: {"description": "nobody waits"}})
def call_next(counter: str, hub: HubDep, staff: StaffDep) -> Response:
    staff.require_counter(counter)
    ticket = hub.queue.call_next(counter)
    if ticket is None:
        return Response(status_code=204)
    return JSONResponse(ticket_json(ticket, hub.config, hub.clock.now()))


@router.post("/api/counters/{counter}/pause")
def pause(counter: str, body: PauseRequest, hub: HubDep, staff: StaffDep) -> dict:
    staff.require_counter(counter)
    hub.queue.pause(counter, body.reason)
    return {"counter": counter, "paused": True, "reason": body.reason}


@router.post("/api/counters/{counter}/resume")
def resume(counter: str, hub: HubDep, staff: StaffDep) -> dict:
    staff.require_counter(counter)
    hub.queue.resume(counter)
    return {"counter": counter, "paused": False}


@router.get("/api/tickets/{ticket_id}")
def get_ticket(ticket_id: str, hub: HubDep, staff: StaffDep) -> dict:
    return ticket_json(hub.queue.ticket(ticket_id), hub.config, hub.clock.now())


@router.post("/api/tickets/{ticket_id}/{action}")
def act(
    ticket_id: str, action: str, hub: HubDep, staff: StaffDep, body: ActionRequest | None = None
) -> dict:
    """call | recall | start | finish | no-show | transfer | cancel | reactivate."""
    if action not in ACTIONS:
        raise NotFound(f'unknown action "{action}" (one of {", ".join(ACTIONS)})')
    counter = staff.require_counter()
    body = body or ActionRequest()
    ticket = hub.queue.act(
        ticket_id, ACTIONS[action], counter, outcome=body.outcome, to_service=body.to_service
    )
    return ticket_json(ticket, hub.config, hub.clock.now())
