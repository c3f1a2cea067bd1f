"""The sync routes' front door (kiosk.sync.door): the hot peer routes are answered before
the framework, with the same request the framework's routes would give their handler;
every other request goes through to the framework untouched."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from kiosk.sync import receiver
from kiosk.sync.door import SyncDoor
from kiosk.sync.receiver import PeerRequest, Reply
from kiosk.sync.signing import Refused


@pytest.fixture
def door(monkeypatch):
    """A door in front of a stand-in framework, with a recording handler on the batches
    route; yields (client, requests the handler got, paths the framework got)."""
    handled: list[tuple[PeerRequest, bytes]] = []
    passed: list[str] = []

    async def framework(scope, receive, send):
        passed.append(f"{scope['method']} {scope['path']}")
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"not here"})

    async def handler(hub, request: PeerRequest) -> Reply:
        assert hub == "the hub"
        try:
            body = await request.body(limit=16)
        except Refused as exc:
            return Reply(exc.status, exc.code.encode())
        handled.append((request, body))
        return Reply(200, b'{"ok":true}', {"x-kiosk-sync-signature": "abc"})

    monkeypatch.setitem(receiver.HOT_ROUTES, ("POST", "/sync/v1/batches"), handler)
    yield Client(SyncDoor(framework, hub="the hub")), handled, passed


class Client:
    """Requests straight into an ASGI app (httpx's ASGI transport), one event loop each."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, path: str, **options) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
                return await client.request(method, path, **options)

        return asyncio.run(send())

    def get(self, path: str, **options) -> httpx.Response:
        return self.request("GET", path, **options)

    def post(self, path: str, **options) -> httpx.Response:
        return self.request("POST", path, **options)


def test_a_hot_route_is_answered_by_its_handler_alone(door):
    client, handled, passed = door
    answer = client.post(
        "/sync/v1/batches?after=3", content=b"rows", headers={"X-Kiosk-Sync-Key": "k1"}
    )
    assert answer.status_code == 200 and answer.json() == {"ok": True}
    assert answer.headers["x-kiosk-sync-signature"] == "abc"
    assert answer.headers["content-type"] == "application/json"
    assert passed == []  # the framework never saw it
    [(request, body)] = handled
    assert (request.method, request.path, body) == ("POST", "/sync/v1/batches?after=3", b"rows")
    assert request.headers["x-kiosk-sync-key"] == "k1"  # headers read case-insensitively


def test_a_body_past_the_limit_is_refused_while_read(door):
    client, handled, _ = door
    answer = client.post("/sync/v1/batches", content=b"x" * 17)
    assert (answer.status_code, answer.text) == (413, "too_large")
    assert handled == []


def test_other_methods_and_paths_go_to_the_framework(door):
    client, handled, passed = door
    assert client.get("/sync/v1/batches").status_code == 404
    assert client.get("/sync/v1/own-events?after=1").status_code == 404
    assert client.post("/sync/v1/batches/").status_code == 404
    assert client.get("/api/health").status_code == 404
    assert passed == [
        "GET /sync/v1/batches",
        "GET /sync/v1/own-events",
        "POST /sync/v1/batches/",
        "GET /api/health",
    ]
    assert handled == []
