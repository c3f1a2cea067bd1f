"""The receiver's edge: signatures, replays, spoofing, sizes, gzip bombs, strict schema, and
what may travel at all. Every refusal applies nothing."""

from __future__ import annotations

import gzip
import json
import socket
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from kiosk.store.models import Event
from kiosk.sync.signing import sign_request
from tests.sync.conftest import (
    SECRET_AB,
    SECRET_AB_NEXT,
    as_body,
    assert_converged,
    event_log,
    make_pair,
    play,
    post_signed,
    real_batch,
    write_site,
)


@pytest.fixture
def ready(started):
    play(started.a.hub.queue, 8)
    return started


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    """One pair for the refusals (they leave nothing behind), to keep the suite quick."""
    with make_pair(tmp_path_factory.mktemp("edge")) as pair:
        pair.start()
        play(pair.a.hub.queue, 8)
        yield pair


def nothing_applied(pair) -> bool:
    return event_log(pair.b.store, "site-a") == []


def test_unsigned_request_is_refused(edge):
    response = httpx.post(
        edge.b.url + "/sync/v1/batches",
        content=as_body(real_batch(edge.a)),
        headers={"x-kiosk-sync-protocol": "1"},
    )
    assert response.status_code == 401
    assert response.json()["error"] == "unsigned"
    assert nothing_applied(edge)


def test_wrong_secret_and_unknown_key_are_refused(edge):
    body = as_body(real_batch(edge.a))
    bad = post_signed(edge.b.url, body, secret="x" * 40)
    assert bad.status_code == 401 and bad.json()["error"] == "bad_signature"
    unknown = post_signed(edge.b.url, body, key_id="zz-9")
    assert unknown.status_code == 401 and unknown.json()["error"] == "unknown_key"
    assert nothing_applied(edge)


def test_one_byte_changed_breaks_the_signature(edge):
    body = as_body(real_batch(edge.a))
    tampered = body.replace(b'"language":"fr"', b'"language":"en"', 1)
    assert tampered != body
    response = post_signed(edge.b.url, tampered, sign_body=body)
    assert response.status_code == 401 and response.json()["error"] == "bad_signature"
    assert nothing_applied(edge)


def test_replay_inside_the_window_is_refused_and_outside_is_stale(ready):
    body = as_body(real_batch(ready.a))
    first = post_signed(ready.b.url, body, nonce="abcdef0123456789")
    assert first.status_code == 200, first.text
    again = post_signed(ready.b.url, body, nonce="abcdef0123456789")
    assert again.status_code == 401 and again.json()["error"] == "replay"
    old = post_signed(ready.b.url, body, now=datetime.now(UTC) - timedelta(seconds=301))
    assert old.status_code == 401 and old.json()["error"] == "clock_skew"
    assert_converged(ready.a.store, ready.b.store, "site-a")


def test_a_peer_cannot_send_another_sites_events(edge, tmp_path):
    batch = real_batch(edge.a)
    batch["origin"] = "site-c"
    for row in batch["rows"]:
        row["site"] = "site-c"
    response = post_signed(edge.b.url, as_body(batch))
    assert response.status_code == 403 and response.json()["error"] == "origin"
    own = real_batch(edge.a)
    own["rows"][0]["site"] = "site-b"
    response = post_signed(edge.b.url, as_body(own))
    assert response.status_code == 403
    assert nothing_applied(edge)


def test_oversized_body_is_refused_before_it_is_read(edge):
    """Content-Length of 10 MiB: 413 comes back although not one body byte was sent."""
    with socket.create_connection(("127.0.0.1", edge.b.port), timeout=5) as sock:
        head = (
            "POST /sync/v1/batches HTTP/1.1\r\nHost: x\r\nx-kiosk-sync-protocol: 1\r\n"
            f"x-kiosk-sync-key: ab-1\r\nx-kiosk-sync-time: {int(datetime.now(UTC).timestamp())}\r\n"
            "x-kiosk-sync-nonce: 0123456789abcdef\r\nx-kiosk-sync-signature: 00\r\n"
            f"content-type: application/json\r\ncontent-length: {10 * 1024 * 1024}\r\n\r\n"
        )
        sock.sendall(head.encode())
        reply = sock.recv(65536).decode()
    assert reply.startswith("HTTP/1.1 413"), reply[:200]


def test_oversized_chunked_body_is_cut_off_while_reading(edge):
    def chunks():
        for _ in range(10 * 16):
            yield b"x" * 65536

    headers = sign_request(
        SECRET_AB.encode(), "ab-1", "POST", "/sync/v1/batches", b"", datetime.now(UTC)
    )
    try:
        response = httpx.post(
            edge.b.url + "/sync/v1/batches", content=chunks(), headers=headers, timeout=10
        )
    except httpx.TransportError:
        return  # the hub closed the connection while the client was still writing
    assert response.status_code == 413


def test_gzip_bomb_is_refused(edge):
    bomb = gzip.compress(b"[" + b" " * (64 * 1024 * 1024) + b"]", compresslevel=9)
    assert len(bomb) < 200_000
    response = post_signed(edge.b.url, bomb, headers={"content-encoding": "gzip"})
    assert response.status_code == 413, response.text
    assert "inflates" in response.json()["detail"]
    assert nothing_applied(edge)


def test_gzip_body_is_accepted(ready):
    response = post_signed(
        ready.b.url,
        gzip.compress(as_body(real_batch(ready.a))),
        headers={"content-encoding": "gzip"},
    )
    assert response.status_code == 200, response.text
    assert_converged(ready.a.store, ready.b.store, "site-a")


@pytest.mark.parametrize(
    ("mutate", "status", "needle"),
    [
        (lambda b: b"{not json", 400, "not valid JSON"),
        (lambda b: {**b, "extra": 1}, 422, "unknown field"),
        (
            lambda b: {**b, "rows": [{**b["rows"][0], "name": "Jeanne"}, *b["rows"][1:]]},
            422,
            "unknown field",
        ),
        (
            lambda b: {**b, "rows": [{**b["rows"][0], "kind": "teleported"}, *b["rows"][1:]]},
            422,
            "kind",
        ),
        (lambda b: {**b, "count": -3}, 422, "count"),
        (lambda b: {**b, "rows": [{**b["rows"][0], "seq": -1}, *b["rows"][1:]]}, 422, "seq"),
        (
            lambda b: {**b, "rows": [{**b["rows"][0], "day": "1999-01-01"}, *b["rows"][1:]]},
            422,
            "out of range",
        ),
        (
            lambda b: {
                **b,
                "rows": [
                    {**b["rows"][0], "data": {**b["rows"][0]["data"], "seq": -5}},
                    *b["rows"][1:],
                ],
            },
            422,
            "seq",
        ),
        (
            lambda b: {
                **b,
                "rows": [
                    {**b["rows"][0], "data": {**b["rows"][0]["data"], "reason": "Jeanne"}},
                    *b["rows"][1:],
                ],
            },
            422,
            "reason",
        ),
        (lambda b: {**b, "rows": b["rows"][:-1]}, 422, "disagree"),
    ],
    ids=[
        "bad-json",
        "unknown-field",
        "unknown-row-field",
        "bad-enum",
        "negative-count",
        "negative-seq",
        "day-out-of-range",
        "negative-number",
        "free-text",
        "count-mismatch",
    ],
)
def test_malformed_batches_are_refused_whole(edge, mutate, status, needle):
    batch = real_batch(edge.a)
    mutated = mutate(batch)
    body = mutated if isinstance(mutated, bytes) else as_body(mutated)
    response = post_signed(edge.b.url, body)
    assert response.status_code == status, response.text
    assert needle in response.json()["detail"]
    assert nothing_applied(edge)


def test_protocol_version_mismatch_keeps_the_outbox(edge):
    response = post_signed(
        edge.b.url, as_body(real_batch(edge.a)), headers={"x-kiosk-sync-protocol": "2"}
    )
    assert response.status_code == 409 and response.json()["error"] == "protocol_version"
    assert nothing_applied(edge)


def test_sender_keeps_its_outbox_when_the_peer_speaks_another_version(ready, monkeypatch):
    import kiosk.sync.sender as sender

    def newer(*args, **kwargs):
        return {**sign_request(*args, **kwargs), "x-kiosk-sync-protocol": "2"}

    monkeypatch.setattr(sender, "sign_request", newer)
    result = ready.a.agent.run_once()[0]
    assert result.error and "protocol" in result.error
    assert ready.a.agent.cursor("site-b") == 0
    assert result.backlog and result.backlog > 0
    monkeypatch.undo()
    assert ready.a.agent.run_once()[0].error is None
    assert_converged(ready.a.store, ready.b.store, "site-a")


def test_two_keys_are_live_during_a_rotation(tmp_path, pair):
    """B accepts A's old and new key; A switches to the new one: nothing stops."""
    write_site(
        pair.b.folder,
        "site-b",
        [{"slug": "site-a", "url": pair.ba.url, "key_id": "ab-1", "accept": ["ab-2"]}],
    )
    write_site(pair.a.folder, "site-a", [{"slug": "site-b", "url": pair.ab.url, "key_id": "ab-2"}])
    pair.start()
    play(pair.a.hub.queue, 5)
    assert pair.a.agent.run_once()[0].error is None
    old = post_signed(pair.b.url, as_body(real_batch(pair.a)), key_id="ab-1")
    new = post_signed(pair.b.url, as_body(real_batch(pair.a)), key_id="ab-2", secret=SECRET_AB_NEXT)
    assert old.status_code == new.status_code == 200
    assert_converged(pair.a.store, pair.b.store, "site-a")


CANARY = "Jeanne Canari-Dupont"


def test_a_name_typed_anywhere_never_travels(started):
    a, b = started.a, started.b
    with httpx.Client(base_url=a.url, timeout=10) as api:
        answer = api.post("/api/tickets", json={"service": "ACC"}, headers={"X-Kiosk-Id": CANARY})
        assert answer.status_code == 201
        fault = api.post(
            "/api/printer-status",
            json={"fault": f"{CANARY} a renversé du café"},
            headers={"X-Kiosk-Id": CANARY},
        )
        feedback = api.post(
            "/api/feedback", json={"service": "ACC", "score": 3}, headers={"X-Kiosk-Id": CANARY}
        )
        assert fault.status_code in (204, 422)  # a free-text fault is refused at the door
        assert feedback.status_code == 204, feedback.text
        session = api.post("/api/session", json={"counter": "accueil", "pin": "1234"})
        staff = {"Authorization": f"Bearer {session.json()['token']}"}
        paused = api.post("/api/counters/accueil/pause", json={"reason": CANARY}, headers=staff)
        assert paused.status_code in (400, 422)
    with a.store.read() as session:
        local = json.dumps([e.data for e in session.scalars(select(Event))], ensure_ascii=False)
    assert CANARY not in local  # a client's self-description is not stored, nor typed-in text
    result = a.agent.run_once()[0]
    assert result.error is None and result.sent >= 2
    wire = b"".join(
        head + (gzip.decompress(body) if b"content-encoding: gzip" in head.lower() else body)
        for head, body in started.ab.wire
    )
    assert b"site-a" in wire and CANARY.encode() not in wire
    b.stop()
    stored = b"".join(p.read_bytes() for p in b.folder.glob("site-b.db*"))
    assert CANARY.encode() not in stored


def test_after_all_those_refusals_a_clean_round_converges(edge):
    """Runs last on the shared pair: the refusals above left nothing behind."""
    assert nothing_applied(edge)
    assert edge.a.agent.run_once()[0].error is None
    assert_converged(edge.a.store, edge.b.store, "site-a")
