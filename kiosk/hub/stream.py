"""``GET /api/events``: the live stream every screen listens to (Server-Sent Events).

Each event's SSE id is its site sequence number. A client that reconnects sends
``Last-Event-ID`` (browsers do it themselves; our Qt client too) and receives exactly what
it missed, read from the store, so nothing is lost across a network cut or a hub restart.
A comment line every few seconds keeps proxies and dead-peer detection honest.

Who may call: anyone on the LAN gets what the waiting-room display shows (numbers called
and at which counter; other changes only as "something changed"); a paired device or a
signed-in counter or manager gets every event (in the demo's open mode, anyone). Each
source (device, person, address) may hold :attr:`streams_per_source` streams at once.
All streams are fed by the hub's one reader of the store (:mod:`kiosk.hub.live`).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.sse import EventSourceResponse, ServerSentEvent
from sqlalchemy import func, select

from kiosk.errors import RateLimited
from kiosk.hub.access import CallerDep
from kiosk.hub.context import Hub, HubDep, MaybeStaffDep
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


#: What an unauthenticated client sees of a call: what the waiting-room display shows.
PUBLIC_KINDS = ("called", "recalled")
PUBLIC_FIELDS = ("seq", "kind", "at", "day", "service", "counter", "number")


def public_json(item: dict) -> dict:
    """An event cut down to the display's view; any other change is only "other"."""
    if item["kind"] in PUBLIC_KINDS:
        return {key: item.get(key) for key in PUBLIC_FIELDS}
    return {"seq": item["seq"], "kind": "other"}


def latest_seq(hub: Hub) -> int:
    with hub.store.read() as session:
        return session.scalar(
            select(func.max(Event.seq)).where(Event.site == hub.config.site.slug)
        ) or 0


def read_after(hub: Hub, than: int, limit: int = BATCH) -> list[dict]:
    """This site's events after ``than`` as screens see them, oldest first."""
    with hub.store.read() as session:
        rows = session.scalars(
            select(Event)
            .where(Event.site == hub.config.site.slug, Event.seq > than)
            .order_by(Event.seq)
            .limit(limit)
        ).all()
        return [event_json(row) for row in rows]


class StreamSlots:
    """Open streams per source, capped; bounded by the cap times the sources present."""

    def __init__(self, cap: int):
        self.cap = cap
        self._open: dict[str, int] = {}
        self._lock = threading.Lock()

    def take(self, source: str) -> None:
        with self._lock:
            if self._open.get(source, 0) >= self.cap:
                raise RateLimited(5.0, f"at most {self.cap} live streams per device, "
                                       "person or address")
            self._open[source] = self._open.get(source, 0) + 1

    def give_back(self, source: str) -> None:
        with self._lock:
            left = self._open.get(source, 1) - 1
            if left > 0:
                self._open[source] = left
            else:
                self._open.pop(source, None)


def _slots(hub: Hub) -> StreamSlots:
    slots = getattr(hub, "stream_slots", None)
    if slots is None:
        slots = hub.stream_slots = StreamSlots(hub.config.security.streams_per_source)
    return slots


async def stream_access(
    hub: HubDep, caller: CallerDep, staff: MaybeStaffDep
) -> AsyncIterator[bool]:
    """Whether this client gets the full stream; holds one of its source's stream slots
    (refused with 429 before the stream opens) until the stream ends."""
    source = f"staff:{staff.role}:{staff.subject}" if staff and not caller.device else caller.source
    capped = not (caller.open_mode and caller.loopback and caller.device is None)
    if capped:
        _slots(hub).take(source)
    try:
        yield caller.full_stream or staff is not None
    finally:
        if capped:
            _slots(hub).give_back(source)


@router.get("/api/events", response_class=EventSourceResponse)
async def events(
    hub: HubDep,
    full: Annotated[bool, Depends(stream_access)],
    after: int | None = Query(None, ge=0, description="replay events after this seq"),
    last_event_id: str | None = Header(None),
) -> AsyncIterator[ServerSentEvent]:
    cursor = after
    if cursor is None and last_event_id and last_event_id.isdigit():
        cursor = int(last_event_id)
    if cursor is None:
        cursor = await run_in_threadpool(latest_seq, hub)
    yield ServerSentEvent(
        event="hello", data={"seq": cursor, "epoch": hub.store.epoch, "full": full}, retry=1000
    )
    while not hub.feed.closing:
        waiter = hub.feed.waiter()
        batch = hub.feed.since(cursor)
        from_store = batch is None
        if batch is None:
            batch = await run_in_threadpool(read_after, hub, cursor)
        for item in batch:
            cursor = item["seq"]
            yield ServerSentEvent(event="change", id=str(cursor),
                                  data=item if full else public_json(item))
        if from_store and batch:
            continue  # caught up from the store: look again before waiting
        if not await hub.feed.wait(KEEPALIVE_S, waiter):
            yield ServerSentEvent(comment="keep-alive")
