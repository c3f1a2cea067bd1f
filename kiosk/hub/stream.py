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

import contextlib
import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable

from fastapi import APIRouter, Header, Query
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import func, select
from starlette.responses import StreamingResponse

from kiosk.errors import RateLimited
from kiosk.hub.access import CallerDep
from kiosk.hub.context import Hub, HubDep, MaybeStaffDep
from kiosk.hub.inputs import MAX_SEQ
from kiosk.store.models import Event

router = APIRouter()
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


class FrameCache:
    """Each event's SSE frame, encoded once however many streams send it (bounded)."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._frames: OrderedDict[tuple[int, bool], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def frame(self, item: dict, full: bool) -> bytes:
        key = (item["seq"], full)
        with self._lock:
            found = self._frames.get(key)
        if found is None:
            data = json.dumps(item if full else public_json(item), separators=(",", ":"))
            found = f"id: {item['seq']}\nevent: change\ndata: {data}\n\n".encode()
            with self._lock:
                self._frames[key] = found
                while len(self._frames) > self.size:
                    self._frames.popitem(last=False)
        return found


def _frames(hub: Hub) -> FrameCache:
    cache = getattr(hub, "stream_frames", None)
    if cache is None:
        cache = hub.stream_frames = FrameCache()
    return cache


class EventStream(StreamingResponse):
    """An SSE response that gives its stream slot back however it ends (even a client
    gone before the first byte)."""

    media_type = "text/event-stream"

    def __init__(self, content: AsyncIterator[bytes], on_close: Callable[[], None]):
        super().__init__(content, headers={"Cache-Control": "no-cache",
                                           "X-Accel-Buffering": "no"})
        self._on_close = on_close

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with contextlib.suppress(Exception):
                await self.body_iterator.aclose()
            self._on_close()


@router.get(
    "/api/events",
    response_class=EventStream,
    status_code=200,  # EventStream takes no status_code: FastAPI cannot infer it
    responses={200: {"content": {"text/event-stream": {}},
                     "description": "Server-Sent Events: hello, then change events"},
               429: {"description": "too many streams from this source"}},
)
async def events(
    hub: HubDep,
    caller: CallerDep,
    staff: MaybeStaffDep,
    after: int | None = Query(None, ge=0, le=MAX_SEQ, description="replay events after this seq"),
    last_event_id: str | None = Header(
        None, pattern=r"^[0-9]{1,10}$", description="the last seq this client saw"
    ),
) -> EventStream:
    full = caller.full_stream or staff is not None
    source = f"staff:{staff.role}:{staff.subject}" if staff and not caller.device else caller.source
    give_back = take_stream_slot(hub, caller, source)
    cursor = after
    if cursor is None and last_event_id is not None:
        cursor = min(int(last_event_id), MAX_SEQ)
    return EventStream(_event_frames(hub, cursor, full), give_back)


def take_stream_slot(hub: Hub, caller, source: str) -> Callable[[], None]:
    """Count one more open stream of ``source`` (429 past the site's cap) and return what
    gives it back. Every live stream takes one, the screens' and the phones' alike, so one
    source cannot hold the hub with streams of either kind. Open mode spares loopback
    clients without a device (the demo's screens and the tests share 127.0.0.1)."""
    if caller.open_mode and caller.loopback and caller.device is None:
        return lambda: None
    slots = _slots(hub)
    slots.take(source)
    return lambda: slots.give_back(source)


async def _event_frames(hub: Hub, cursor: int | None, full: bool) -> AsyncIterator[bytes]:
    if cursor is None:
        cursor = await run_in_threadpool(latest_seq, hub)
    hello = json.dumps({"seq": cursor, "epoch": hub.store.epoch, "full": full})
    yield f"event: hello\ndata: {hello}\nretry: 1000\n\n".encode()
    frames = _frames(hub)
    feed = hub.feed
    tick = feed.ticks
    generation = feed.generation
    while not feed.closing and feed.generation == generation:
        waiter = feed.waiter()
        batch = feed.since(cursor)
        from_store = batch is None
        if batch is None:
            batch = await run_in_threadpool(read_after, hub, cursor)
        if batch:
            cursor = batch[-1]["seq"]
            yield b"".join(frames.frame(item, full) for item in batch)
        elif feed.ticks != tick:
            tick = feed.ticks
            yield b": keep-alive\n\n"
        if from_store and batch:
            continue  # caught up from the store: look again before waiting
        await feed.next_wake(waiter)
