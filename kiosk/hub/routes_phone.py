"""The visitor's phone: every route under ``/t/`` (the public listener serves nothing else).

Who may call: anyone holding the ticket's unguessable token (the QR on the ticket); the
token is the only key, and it opens that one ticket: its page, its live state, its one
feedback answer. ``/t/assets/...`` are the page's static files. A token the hub does not
know, or a ticket left over from an earlier day, gets the kind page (404), which says what
to do and nothing about which tickets exist.

``GET /t/{token}/live`` is a Server-Sent Events stream of the page's state: the current one
at once (so a reconnect after a hub restart catches up), then each change, woken by the
hub's live feed (``hub.feed``) and checked again every few seconds in any case.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select

from kiosk.domain.schedule import local_day
from kiosk.errors import Conflict, KioskError, NotFound
from kiosk.hub import phone
from kiosk.hub.access import CallerDep
from kiosk.hub.context import HubDep
from kiosk.hub.stream import EventStream, take_stream_slot
from kiosk.services.retention import is_expired
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import Event, Ticket

router = APIRouter()
STATIC = Path(__file__).resolve().parent / "static"
RECHECK_S = 5.0
Lang = Annotated[str | None, Query(description="fr, en or nl; anything else: the ticket's")]


@router.get("/t/assets/phone.js", include_in_schema=False)
def phone_script() -> Response:
    return Response(
        (STATIC / "phone.js").read_bytes(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/t/{token}", response_class=HTMLResponse, include_in_schema=False)
def phone_page(token: str, hub: HubDep, lang: Lang = None) -> HTMLResponse:
    found = hub.queue.by_token(token)
    days = hub.config.retention.days
    if found is not None and is_expired(
        found[0].day, local_day(hub.clock.now(), hub.config.tz), days
    ):
        return HTMLResponse(phone.expired(days), status_code=410)  # past it, not purged yet
    if found is None or _expired(hub, found[0]):
        language = lang or (found[0].language if found else None)  # theirs, if we know it
        return HTMLResponse(
            phone.not_found(language, hub.config.site.name, retention_days=days),
            status_code=404,
        )
    ticket, position, wait_s = found
    language = phone.language_of(lang, ticket.language)
    answered = ticket.status == "done" and _has_feedback(hub, ticket.id)
    calls = _calls(hub, ticket.id) if ticket.status == "called" else 0
    return HTMLResponse(
        phone.render(hub.config, ticket, position, wait_s, language, answered, calls),
        headers={"Cache-Control": "no-store"},
    )


def _known_token(token: str, hub: HubDep) -> str:
    if _find(hub, token) is None:
        raise NotFound("unknown ticket")
    return token


@router.get(
    "/t/{token}/live", response_class=EventStream, status_code=200, include_in_schema=False
)
async def phone_live(
    token: Annotated[str, Depends(_known_token)], hub: HubDep, caller: CallerDep,
    lang: Lang = None,
) -> EventStream:
    """Capped per source like every live stream (429 past the cap): a phone on the guest
    Wi-Fi cannot hold the hub with streams of its one ticket."""
    give_back = take_stream_slot(hub, caller, caller.source)
    return EventStream(_phone_frames(hub, token, lang), give_back)


async def _phone_frames(hub: HubDep, token: str, lang: str | None) -> AsyncIterator[bytes]:
    last = None
    while not hub.feed.closing:
        state = await run_in_threadpool(_state, hub, token, lang)
        if state is None:
            return
        if state != last:
            last = state
            data = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
            yield f"event: state\ndata: {data}\nretry: 1000\n\n".encode()
        if not await hub.feed.wait(RECHECK_S):
            yield b": keep-alive\n\n"


def _state(hub: HubDep, token: str, lang: str | None) -> dict | None:
    found = _find(hub, token)
    if found is None:
        return None
    ticket, position, wait_s = found
    language = phone.language_of(lang, ticket.language)
    answered = ticket.status == "done" and _has_feedback(hub, ticket.id)
    calls = _calls(hub, ticket.id) if ticket.status == "called" else 0
    return {
        "status": ticket.status,
        "calls": calls,
        "final": ticket.status in phone.FINAL,
        "title": phone.title(ticket, language),
        "html": phone.fragment(hub.config, ticket, position, wait_s, language, answered, calls),
    }


def _find(hub: HubDep, token: str) -> tuple[Ticket, int, int] | None:
    """The ticket, its position and wait; None when unknown or left over from another day."""
    found = hub.queue.by_token(token)
    return None if found is None or _expired(hub, found[0]) else found


def _expired(hub: HubDep, ticket: Ticket) -> bool:
    """A visit still open from an earlier day is nobody's turn today."""
    return ticket.status not in phone.FINAL and ticket.day < local_day(
        hub.clock.now(), hub.config.tz
    )


@router.post("/t/{token}/feedback", include_in_schema=False)
async def phone_feedback(token: str, request: Request, hub: HubDep) -> Response:
    """The three faces of the phone page: one answer per finished visit, then thanks."""
    found = await run_in_threadpool(_find, hub, token)
    if found is None:
        return HTMLResponse(phone.not_found(None, hub.config.site.name), status_code=404)
    ticket = found[0]
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    score = (form.get("score") or [""])[0]
    if score not in ("1", "2", "3"):
        raise KioskError("score must be 1, 2 or 3")
    if ticket.status != "done":
        raise Conflict("feedback comes once the visit is over")
    await run_in_threadpool(_record_feedback, hub, ticket, int(score))
    language = phone.language_of(request.query_params.get("lang"), ticket.language)
    return RedirectResponse(f"/t/{token}?lang={language}", status_code=303)


def _calls(hub: HubDep, ticket_id: str) -> int:
    """How many times the ticket was called (the call and its recalls)."""
    with hub.store.read() as session:
        return session.scalar(
            select(func.count())
            .select_from(Event)
            .where(
                Event.site == hub.config.site.slug,
                Event.kind.in_([EventKind.CALLED, EventKind.RECALLED]),
                Event.ticket_id == ticket_id,
            )
        ) or 0


def _has_feedback(hub: HubDep, ticket_id: str) -> bool:
    with hub.store.read() as session:
        return (
            session.scalar(
                select(Event.seq)
                .where(
                    Event.site == hub.config.site.slug,
                    Event.kind == EventKind.FEEDBACK,
                    Event.ticket_id == ticket_id,
                )
                .limit(1)
            )
            is not None
        )


def _record_feedback(hub: HubDep, ticket, score: int) -> None:
    now = hub.clock.now()
    with hub.store.write() as session:
        already = session.scalar(
            select(Event.seq)
            .where(
                Event.site == hub.config.site.slug,
                Event.kind == EventKind.FEEDBACK,
                Event.ticket_id == ticket.id,
            )
            .limit(1)
        )
        if already is None:  # a second tap (or a reload) is not a second answer
            append_event(
                session,
                site=hub.config.site.slug,
                epoch=hub.store.epoch,
                kind=EventKind.FEEDBACK,
                at=now,
                day=ticket.day,
                service=ticket.service,
                ticket_id=ticket.id,
                score=score,
            )
    hub.feed.notify()
