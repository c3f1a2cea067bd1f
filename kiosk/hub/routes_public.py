"""What the site's LAN may use without signing in: kiosks, the display, phones.

Who may call: anyone on the LAN for health, site, services and the display's summary;
a paired kiosk (or a signed-in counter, as reception) to issue tickets; a visitor's phone,
by its ticket's unguessable token, for ``/t/{token}`` (also on the public listener).
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from kiosk import __version__
from kiosk.domain.schedule import WEEKDAYS, local_day
from kiosk.errors import RateLimited
from kiosk.hub.access import CallerDep
from kiosk.hub.context import HubDep, MaybeStaffDep
from kiosk.hub.schemas import TicketRequest
from kiosk.services.elsewhere import held_elsewhere
from kiosk.services.queue import Issued
from kiosk.store.events import EventKind
from kiosk.store.models import Event, Ticket
from kiosk.sync.peer_sites import peer_sites

router = APIRouter()
RECENT_CALLS = 10


@router.get("/api/health")
def health(hub: HubDep) -> dict:
    return {
        "status": "ok",
        "site": hub.config.site.slug,
        "epoch": hub.store.epoch,
        "version": __version__,
        "time": hub.clock.now().isoformat(),
        "peers": [peer.as_health() for peer in hub.sync.status()],
    }


@router.get("/api/site")
def site(hub: HubDep) -> dict:
    """Names and labels the screens need: services, counters, the display's info line."""
    config = hub.config
    return {
        "slug": config.site.slug,
        "name": config.site.name,
        "timezone": config.site.timezone,
        "address": config.site.address,
        "hours": [list(getattr(config.site.hours, day)) for day in WEEKDAYS],
        "info": config.site.info.model_dump() if config.site.info else None,
        "services": [
            {
                "code": s.code,
                "prefix": s.prefix,
                "labels": s.labels.model_dump(),
                "colour": s.colour,
                "icon": s.icon,
                "priority": s.priority,
            }
            for s in config.services
        ],
        "counters": [{"id": c.id, "name": c.name, "services": c.services} for c in config.counters],
        "managers": [{"id": m.id, "name": m.name} for m in config.managers],
    }


@router.get("/api/services")
def services(hub: HubDep) -> list[dict]:
    """Public: each service's state now; a closed one also says where else in the house
    it is held soon (``elsewhere``, from the other sites' schedules that sync brings)."""
    labels = hub.config.services_by_code
    now_services = hub.queue.services_now()
    peers = peer_sites(hub.store) if any(not s.open for s in now_services) else []
    now = hub.clock.now()

    def elsewhere(s) -> dict | None:
        found = None if s.open else held_elsewhere(peers, s.code, now, s.next_opening)
        return found.as_json() if found else None

    return [
        {
            "code": s.code,
            "labels": labels[s.code].labels.model_dump(),
            "open": s.open,
            "next_opening": s.next_opening.isoformat() if s.next_opening else None,
            "waiting": s.waiting,
            "wait_s": s.wait_s,
            "elsewhere": elsewhere(s),
        }
        for s in now_services
    ]


@router.post("/api/tickets", status_code=201)
def issue_ticket(
    body: TicketRequest, request: Request, hub: HubDep, staff: MaybeStaffDep, caller: CallerDep
) -> JSONResponse:
    """Issue a ticket: a paired kiosk (rate-limited per device), or a signed-in counter
    issuing for a visitor at reception (not limited)."""
    kiosk = None
    if staff is None:
        kiosk = caller.kiosk()
        if kiosk.limit_key is not None and (wait := hub.limiter.take(kiosk.limit_key)):
            raise RateLimited(wait)
    issued = hub.queue.issue(
        body.service,
        priority=body.priority,
        language=body.language,
        origin="reception" if staff is not None else "walk_in",
        kiosk=caller.device.id if caller.device else None,
    )
    return ticket_answer(hub, request, issued)


def ticket_answer(hub: HubDep, request: Request, issued: Issued) -> JSONResponse:
    """The 201 answer of a newly issued ticket (``POST /api/tickets``, appointment check-in)."""
    ticket = issued.ticket
    service = hub.config.service(ticket.service)
    return JSONResponse(
        status_code=201,
        content={
            "id": ticket.id,
            "number": ticket.number,
            "service": ticket.service,
            "service_label": service.labels.model_dump(),
            "priority": ticket.priority,
            "language": ticket.language,
            "origin": ticket.origin,
            "status": ticket.status,
            "issued_at": ticket.issued_at.isoformat(),
            "position": issued.position,
            "estimated_wait_s": issued.estimated_wait_s,
            "status_url": status_url(hub, request, ticket.token),
        },
    )


def status_url(hub: HubDep, request: Request, token: str) -> str:
    """The phone page's address for the ticket's QR code: never from the ``Host`` header.

    ``public_url`` first, else the public listener's address, else the address of the
    socket this request arrived on (the server's own, as the kernel reports it)."""
    return f"{public_base(hub, request)}/t/{token}"


def public_base(hub: HubDep, request: Request) -> str:
    if hub.config.site.public_url:
        return hub.config.site.public_url.rstrip("/")
    listen = hub.config.security.public_listen
    scheme = "https" if hub.config.sync.tls_cert else "http"
    if listen and listen.rsplit(":", 1)[0].strip("[]") not in WILDCARDS:
        return f"{scheme}://{listen}"
    host, port = request.scope.get("server") or ("127.0.0.1", 80)
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}:{port}"


WILDCARDS = ("0.0.0.0", "::", "")


@router.get("/api/display")
def display(hub: HubDep) -> dict:
    """The waiting room: the last calls of today (newest first) and waiting counts."""
    now = hub.clock.now()
    today = local_day(now, hub.config.tz)
    with hub.store.read() as session:
        events = session.scalars(
            select(Event)
            .where(
                Event.site == hub.config.site.slug,
                Event.day == today,
                Event.kind.in_([EventKind.CALLED, EventKind.RECALLED]),
            )
            .order_by(Event.seq.desc())
            .limit(RECENT_CALLS)
        ).all()
        ids = {e.ticket_id for e in events}
        languages = dict(
            session.execute(select(Ticket.id, Ticket.language).where(Ticket.id.in_(ids))).all()
        )
    counters = hub.config.counters_by_id
    now_services = hub.queue.services_now()
    return {
        "site": hub.config.site.name,
        "time": now.isoformat(),
        "calls": [
            {
                "seq": e.seq,
                "number": e.data.get("number"),
                "service": e.service,
                "counter": e.counter,
                "counter_name": counters[e.counter].name if e.counter in counters else e.counter,
                "recall": e.kind == EventKind.RECALLED,
                "language": languages.get(e.ticket_id, "fr"),
                "at": e.at.isoformat(),
            }
            for e in events
        ],
        "waiting": {s.code: s.waiting for s in now_services if s.open},
        # Closed services with their next opening (None: none planned), so the waiting
        # room reads "closed, opens at 13:30" rather than seeing the service vanish.
        "closed": {
            s.code: s.next_opening.isoformat() if s.next_opening else None
            for s in now_services
            if not s.open
        },
        "fresh_for_s": int(timedelta(seconds=8).total_seconds()),
    }
