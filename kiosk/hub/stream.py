"""``GET /api/events``: the live stream every screen listens to (Server-Sent Events).

Each event's SSE id is its site sequence number. A client that reconnects sends
``Last-Event-ID`` (browsers do it themselves; our Qt client too) and receives exactly what
it missed, read from the store, so nothing is lost across a network cut or a hub restart.
A comment line every few seconds keeps proxies and dead-peer detection honest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Header, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.sse import EventSourceResponse, ServerSentEvent
from sqlalchemy import func, select

from kiosk.hub.context import HubDep
from kiosk.hub.inputs import MAX_SEQ
from kiosk.store.models import Event

router = APIRouter()
KEEPALIVE_S = 10.0
BATCH = 200


def event_json(event: Event) -> dict:
    """The event as screens see it. Its facts come first so that the event's own fields win:
    an ``issued`` event's ``seq`` fact (the ticket's number of the day) is sent as
    ``ticket_seq``, never in place of the event's sequence number."""
    facts = {("ticket_seq" if key == "seq" else key): value for key, value in event.data.items()}
    return {
        **facts,
        "seq": event.seq,
        "kind": event.kind,
        "at": event.at.isoformat(),
        "day": event.day.isoformat(),
        "service": event.service,
        "ticket_id": event.ticket_id,
        "counter": event.counter,
    }


@router.get("/api/events", response_class=EventSourceResponse)
async def events(
    hub: HubDep,
    after: int | None = Query(None, ge=0, le=MAX_SEQ, description="replay events after this seq"),
    last_event_id: str | None = Header(
        None, pattern=r"^[0-9]{1,10}$", description="the last seq this client saw"
    ),
) -> AsyncIterator[ServerSentEvent]:
    site = hub.config.site.slug

    def latest() -> int:
        with hub.store.read() as session:
            return session.scalar(select(func.max(Event.seq)).where(Event.site == site)) or 0

    def newer(than: int) -> list[dict]:
        with hub.store.read() as session:
            rows = session.scalars(
                select(Event)
                .where(Event.site == site, Event.seq > than)
                .order_by(Event.seq)
                .limit(BATCH)
            ).all()
            return [event_json(row) for row in rows]

    cursor = after
    if cursor is None and last_event_id is not None:
        cursor = min(int(last_event_id), MAX_SEQ)
    if cursor is None:
        cursor = await run_in_threadpool(latest)
    yield ServerSentEvent(event="hello", data={"seq": cursor, "epoch": hub.store.epoch}, retry=1000)
    while not hub.feed.closing:
        batch = await run_in_threadpool(newer, cursor)
        for item in batch:
            cursor = item["seq"]
            yield ServerSentEvent(event="change", id=str(cursor), data=item)
        if len(batch) == BATCH:
            continue
        if not await hub.feed.wait(KEEPALIVE_S):
            yield ServerSentEvent(comment="keep-alive")
