"""The hub's surfaces against a real ``kiosk serve``: the guest listener, the live stream,
and a real site that still has its shipped PINs."""

from __future__ import annotations

import re
import socket

import httpx
import pytest

from config import site_file as shipped_site_file
from kiosk.cli import main
from kiosk.hub.app import PUBLIC_PREFIXES, create_app, route_paths
from kiosk.hub.context import Hub
from kiosk.hub.preflight import check_before_serving
from kiosk.hub.server import build_hub
from kiosk.siteconfig import load_site_config
from tests.integration.helpers import SseReader, wait_until
from tests.security.hub import pair, sign_in

pytestmark = pytest.mark.slow


def lan_routes(tmp_path) -> list[tuple[str, str]]:
    """Every (method, path) the LAN app serves, path parameters filled with a sample."""
    hub: Hub = build_hub(shipped_site_file("demo"), f"sqlite:///{tmp_path / 'routes.db'}")
    try:
        app = create_app(hub)
    finally:
        hub.store.close()
    return [(method, re.sub(r"\{[^}]+\}", "x1", path))
            for method, path in route_paths(app) if method != "HEAD"]


def test_the_guest_listener_serves_the_phone_page_and_nothing_else(hub, api, tmp_path):
    """Attack: from the guest Wi-Fi, reach any staff, device, manager or sync route (and the
    OpenAPI map of them) through the public listener. Everything but /t/ answers 404."""
    routes = lan_routes(tmp_path)
    assert len(routes) > 30
    with httpx.Client(base_url=hub.public_url, timeout=10) as guest:
        for method, path in routes:
            if path.startswith(PUBLIC_PREFIXES):
                continue
            answer = guest.request(method, path, json={})
            assert answer.status_code == 404, (method, path, answer.status_code)
        _, kiosk = pair(api)
        ticket = api.post("/api/tickets", json={"service": "ACC"}, headers=kiosk).json()
        token = ticket["status_url"].rsplit("/t/", 1)[1]
        assert guest.get(f"/t/{token}").status_code == 200
        assert guest.get("/t/not-a-token").status_code == 404
    assert any(path.startswith("/t/") for _, path in routes)


def test_the_stream_without_credentials_shows_only_the_display_view(hub, api):
    """Attack: read the live stream without credentials to learn who does what (kiosks,
    feedback scores, languages, printer faults). Anonymous: calls and counters only."""
    _, kiosk = pair(api)
    _, display = pair(api, "display")
    staff = sign_in(api, "bureau-3")  # serves CIAS, which nobody else here issues
    anonymous = SseReader(hub.url, until=lambda changes: len(changes) >= 3).start()
    full = SseReader(hub.url, headers=display, until=lambda changes: len(changes) >= 3).start()
    assert anonymous.events[0].data["full"] is False and full.events[0].data["full"] is True
    ticket = api.post("/api/tickets", json={"service": "CIAS", "language": "nl"}, headers=kiosk)
    api.post("/api/feedback", json={"service": "CIAS", "score": 1}, headers=kiosk)
    called = api.post("/api/counters/bureau-3/call-next", headers=staff)
    assert called.status_code == 200 and ticket.status_code == 201

    seen = [e.data for e in anonymous.join()]
    assert [e["kind"] for e in seen] == ["other", "other", "called"]
    assert set(seen[2]) == {"seq", "kind", "at", "day", "service", "counter", "number"}
    assert seen[2]["number"] == ticket.json()["number"]
    assert "nl" not in str(seen) and "score" not in str(seen)
    everything = [e.data for e in full.join()]
    assert [e["kind"] for e in everything] == ["issued", "feedback", "called"]
    assert everything[1]["score"] == 1


def test_a_real_site_with_its_shipped_pins_does_not_open(tmp_path, capsys):
    """Attack: walk up to a site freshly installed, whose PINs are still the 0000 of the
    manual. `kiosk serve` refuses to open it (before opening its store or a port), naming
    who must change their PIN, in one line."""
    db = tmp_path / "site.db"
    status = main(["serve", "--config", str(shipped_site_file("fauquembergues")),
                   "--db", f"sqlite:///{db}", "--port", "1"])
    assert status == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "shipped PIN 0000" in lines[0] and "accueil" in lines[0] and "direction" in lines[0]
    assert "--insecure-demo" in lines[0]
    assert not db.exists()
    config = load_site_config(shipped_site_file("fauquembergues"))
    [warning] = check_before_serving(config, insecure_demo=True)  # a trial run, said so
    assert warning.endswith("(--insecure-demo)")


def open_stream(url: str, headers: dict, path: str = "/api/events",
                first: bytes = b"event: hello") -> socket.socket:
    """A live stream held open on a raw socket, once its first event (``first``) came."""
    host, port = url.split("://", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    lines = "".join(f"{key}: {value}\r\n" for key, value in headers.items())
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{lines}\r\n".encode())
    seen = b""
    while first not in seen and b"HTTP/1.1 429" not in seen:
        chunk = sock.recv(65536)
        assert chunk, "the stream closed before its hello"
        seen += chunk
    assert b"HTTP/1.1 200" in seen, seen[:200]
    return sock


def test_one_source_cannot_hold_more_streams_than_its_share(hub, api):
    """Attack: open live streams from one device until the hub runs out of connections or
    every change costs hundreds of wake-ups. The source gets its share (16), then 429."""
    _, display = pair(api, "display")
    held = [open_stream(hub.url, display) for _ in range(16)]
    try:
        refused = api.get("/api/events", headers=display)
        assert refused.status_code == 429, refused.text
        _, other = pair(api, "display")  # another device has its own share
        held.append(open_stream(hub.url, other))
        held.pop(0).close()  # one stream ends: its slot comes back
        wait_until(lambda: _stream_allowed(api, display), 10, "a freed stream slot")
    finally:
        for sock in held:
            sock.close()


def test_a_phone_cannot_hold_the_hub_with_streams_of_its_ticket(hub, api):
    """Attack: from the guest Wi-Fi, open the live stream of one's own ticket page again and
    again (each wakes and reads the store at every change). One address gets its share (16),
    counted with its other streams, then 429; a freed stream gives its slot back."""
    _, kiosk = pair(api, "kiosk")
    ticket = api.post("/api/tickets", json={"service": "ACC"}, headers=kiosk)
    assert ticket.status_code == 201, ticket.text
    live = "/t/" + ticket.json()["status_url"].rsplit("/", 1)[1] + "/live"
    held = [open_stream(hub.url, {}, live, b"event: state") for _ in range(16)]
    try:
        refused = api.get(live)
        assert refused.status_code == 429, refused.text
        assert api.get("/api/events").status_code == 429  # one share for both kinds
        held.pop(0).close()
        wait_until(lambda: _stream_allowed(api, {}, live), 10, "a freed stream slot")
    finally:
        for sock in held:
            sock.close()


def _stream_allowed(api: httpx.Client, headers: dict, path: str = "/api/events") -> bool:
    with api.stream("GET", path, headers=headers) as response:
        return response.status_code == 200
