"""Helpers shared by the hub integration tests: issuing, reading the store, an SSE reader.

Nothing here replaces a part of the product: requests go to a real hub over loopback and the
store is read with the product's own models.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from sqlalchemy import func, select

from kiosk.hub.context import Hub
from kiosk.store.models import DayNumber, Event, Ticket


def kiosk(kiosk_id: str | None = None) -> dict:
    """Headers of an unpaired client naming itself (the hub ignores the name: in the demo's
    open mode such a client acts as a kiosk; elsewhere it is refused)."""
    return {"X-Kiosk-Id": kiosk_id or f"kiosk-{uuid.uuid4().hex[:12]}"}


def paired(hub: Hub, role: str = "kiosk") -> tuple[str, dict]:
    """A device of ``role`` paired straight in the hub's store: its id and the headers
    carrying its credential (as ``kiosk devices approve`` would have left it)."""
    device_id, credential = hub.devices.enroll(role)
    return device_id, {"X-Device-Credential": credential}


def issue(api: httpx.Client, service: str = "ACC", headers: dict | None = None, **body) -> dict:
    """Issue a ticket (201 expected) and return the answer's JSON."""
    response = api.post(
        "/api/tickets", json={"service": service, **body}, headers=headers or kiosk()
    )
    assert response.status_code == 201, response.text
    return response.json()


def token_of(ticket: dict) -> str:
    return ticket["status_url"].rsplit("/t/", 1)[1]


@dataclass(frozen=True)
class StoreCounts:
    tickets: int
    events: int
    numbers: int  # sum of day_numbers.last: a burned number shows here


def counts(hub: Hub) -> StoreCounts:
    with hub.store.read() as session:
        return StoreCounts(
            tickets=session.scalar(select(func.count()).select_from(Ticket)) or 0,
            events=session.scalar(select(func.count()).select_from(Event)) or 0,
            numbers=session.scalar(select(func.coalesce(func.sum(DayNumber.last), 0))) or 0,
        )


def events(hub: Hub, after: int = 0) -> list[Event]:
    with hub.store.read() as session:
        return list(
            session.scalars(select(Event).where(Event.seq > after).order_by(Event.seq)).all()
        )


def last_seq(hub: Hub) -> int:
    with hub.store.read() as session:
        return session.scalar(select(func.max(Event.seq))) or 0


def db_ticket(hub: Hub, ticket_id: str) -> Ticket | None:
    with hub.store.read() as session:
        return session.get(Ticket, ticket_id)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


# -- Server-Sent Events ---------------------------------------------------------------------


@dataclass
class SseEvent:
    event: str
    data: dict | None
    id: str | None
    received_at: float


@dataclass
class SseReader:
    """Reads ``GET /api/events`` on a thread, parsing events as a browser would.

    It stops by itself once ``until(events)`` holds, or when the hub is quiet for
    ``quiet_s`` seconds (a read timeout), so a test never leaves a stream open.
    """

    url: str
    headers: dict = field(default_factory=dict)
    until: Callable[[list[SseEvent]], bool] = lambda events: False
    quiet_s: float = 3.0
    path: str = "/api/events"
    events: list[SseEvent] = field(default_factory=list)
    error: BaseException | None = None
    status: int | None = None

    def __post_init__(self) -> None:
        self.hello = threading.Event()
        self.done = threading.Event()
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="sse-reader", daemon=True)

    def start(self) -> SseReader:
        self.thread.start()
        assert self.hello.wait(5), f"no hello from the event stream ({self.error!r})"
        return self

    def join(self, timeout: float = 10) -> list[SseEvent]:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the event stream reader did not stop"
        return self.changes()

    def changes(self) -> list[SseEvent]:
        with self._lock:
            return [e for e in self.events if e.event == "change"]

    def _run(self) -> None:
        timeout = httpx.Timeout(5.0, read=self.quiet_s)
        try:
            with httpx.stream(
                "GET", self.url + self.path, headers=self.headers, timeout=timeout
            ) as response:
                self.status = response.status_code
                for item in parse_sse(response.iter_lines()):
                    with self._lock:
                        self.events.append(item)
                        snapshot = list(self.events)
                    if item.event == "hello":
                        self.hello.set()
                    if self.until([e for e in snapshot if e.event == "change"]):
                        return
        except httpx.ReadTimeout:
            pass  # quiet: nothing more to read
        except BaseException as exc:  # reported by the test, never lost on a thread
            self.error = exc
        finally:
            self.hello.set()
            self.done.set()


def parse_sse(lines):
    """Yield :class:`SseEvent` from the lines of a ``text/event-stream``."""
    kind, data, event_id = "message", [], None
    for line in lines:
        if line == "":
            if data or kind != "message":
                payload = "\n".join(data)
                yield SseEvent(
                    kind, json.loads(payload) if payload else None, event_id, time.monotonic()
                )
            kind, data, event_id = "message", [], None
            continue
        if line.startswith(":"):
            continue  # comment (keep-alive)
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            kind = value
        elif name == "data":
            data.append(value)
        elif name == "id":
            event_id = value
