"""Far-off dates, huge ids, odd headers and typed-in text against a real ``kiosk serve``.

Each of these once answered 500 or killed a stream with a traceback in the hub's log (a
free log flood for anyone on the network). Each must now be a 4xx naming the problem,
checked before anything is read or streamed, and the hub's log must stay clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from config import site_file
from kiosk.store.db import Store
from kiosk.store.models import Event
from kiosk.sync.signing import sign_request
from tests.conftest import DEMO_PIN, MANAGER_PIN
from tests.sync.conftest import SECRET_AB, Site, make_pair


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[Site]:
    site = Site("demo", tmp_path_factory.mktemp("ranges"), site_file("demo"))
    site.spawn()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def manager(hub) -> dict:
    token = httpx.post(
        f"{hub.url}/api/session", json={"manager": "direction", "pin": MANAGER_PIN}
    ).json()["token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def counter(hub) -> dict:
    token = httpx.post(
        f"{hub.url}/api/session", json={"counter": "accueil", "pin": DEMO_PIN}
    ).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def _clean_log(site: Site) -> None:
    log = (site.folder / "hub.log").read_text(errors="replace")
    assert "Traceback" not in log and "internal error" not in log, log[-3000:]


def _refused(response: httpx.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    for word in words:
        assert word in detail, detail


@pytest.mark.parametrize(
    ("path", "params", "words"),
    [
        ("/api/stats", {"from": "0001-01-01", "to": "0001-01-02"}, ["0001-01-01", "2000"]),
        ("/api/stats", {"from": "9999-12-30", "to": "9999-12-31"}, ["9999-12-30"]),
        ("/api/footfall", {"from": "0001-01-01", "to": "0001-01-02"}, ["0001-01-01"]),
        ("/api/footfall.csv", {"from": "9999-12-30", "to": "9999-12-31"}, ["9999"]),
        ("/api/export.csv", {"from": "9999-12-30", "to": "9999-12-31"}, ["9999-12-30"]),
        ("/api/appointments", {"day": "9999-12-31"}, ["9999-12-31"]),
        ("/api/appointments", {"day": "0"}, ["YYYY-MM-DD"]),
        ("/api/stats", {"from": "1700000000", "to": "2026-11-24"}, ["YYYY-MM-DD"]),
    ],
)
def test_far_off_days_are_refused_before_use(hub, manager, path, params, words):
    """Attack: days at the ends of the calendar (0001-01-01, 9999-12-31) or a Unix time
    instead of a day make the date arithmetic overflow: a 500, or a CSV cut half-way."""
    response = httpx.get(f"{hub.url}{path}", params=params, headers=manager, timeout=10)
    _refused(response, 422, *words)
    assert response.headers["content-type"].startswith("application/json")
    _clean_log(hub)


def test_an_appointment_at_the_end_of_time_is_refused(hub, counter):
    """Attack: booking an appointment at 9999-12-31 (the day after overflows)."""
    for at in ("9999-12-31T10:00:00+01:00", "0001-01-01T00:00:00+00:00"):
        response = httpx.post(
            f"{hub.url}/api/appointments", json={"service": "ACC", "at": at}, headers=counter
        )
        _refused(response, 422, "at", "2000-01-01")
    _clean_log(hub)


@pytest.mark.parametrize(
    ("params", "headers", "where"),
    [
        ({"after": "9223372036854775808"}, {}, "after"),
        ({"after": "-1"}, {}, "after"),
        ({}, {"Last-Event-ID": "²".encode("latin-1")}, "last-event-id"),
        ({}, {"Last-Event-ID": "9" * 5000}, "last-event-id"),
        ({}, {"Last-Event-ID": "12 OR 1=1"}, "last-event-id"),
    ],
    ids=["after-past-64-bits", "after-negative", "superscript-two", "5000-digits", "text"],
)
def test_a_bad_stream_position_is_refused_before_the_stream(hub, params, headers, where):
    """Attack: without any credential, a stream position past 64 bits, a "²" (a digit to
    Python's isdigit) or 5,000 digits killed the stream with a traceback in the log, once
    per request: a free log flood."""
    response = httpx.get(f"{hub.url}/api/events", params=params, headers=headers, timeout=10)
    _refused(response, 422, where)
    _clean_log(hub)


def test_a_valid_last_event_id_still_replays(hub, counter):
    """The browser's own reconnection (a plain number) keeps working."""
    httpx.post(f"{hub.url}/api/tickets", json={"service": "ACC"})
    with httpx.stream(
        "GET", f"{hub.url}/api/events", headers={"Last-Event-ID": "0", **counter}, timeout=10
    ) as stream:
        assert stream.status_code == 200
        lines = stream.iter_lines()
        assert any(line.startswith("event: change") for line in lines)


def test_typed_in_text_never_reaches_the_event_log(hub):
    """Attack: a client writes a person's name, a phone number or an e-mail address in a
    header (X-Kiosk-Id) that the hub copied into the event log, from where statistics
    and sync took it; and a forged Host header chose the link printed on the ticket."""
    typed = ["Jeanne Dupont", "06 12 34 56 78", "jeanne.dupont@example.org"]
    for text in typed:
        response = httpx.post(
            f"{hub.url}/api/tickets",
            json={"service": "ACC"},
            headers={"X-Kiosk-Id": text, "Host": "evil.example"},
        )
        assert response.status_code in (201, 429), response.text
        if response.status_code == 201:
            assert "evil.example" not in response.json()["status_url"]
            assert response.json()["status_url"].startswith(f"{hub.url}/t/")
    store = Store.open(hub.db_url)
    try:
        with store.read() as session:
            facts = [str(data) for data in session.scalars(select(Event.data))]
    finally:
        store.close()
    assert facts
    for text in typed:
        assert not any(text in fact for fact in facts), text
    _clean_log(hub)


@pytest.fixture(scope="module")
def peer(tmp_path_factory) -> Iterator[Site]:
    with make_pair(tmp_path_factory.mktemp("peer")) as pair:
        pair.b.spawn()
        yield pair.b


@pytest.mark.parametrize(
    "change",
    [
        {"x-kiosk-sync-time": "²".encode("latin-1")},
        {"x-kiosk-sync-time": "1" * 13},
        {"x-kiosk-sync-signature": ("é" * 64).encode("latin-1")},
        {"x-kiosk-sync-signature": "Z" * 64},
        {"x-kiosk-sync-nonce": ("é" * 16).encode("latin-1")},
    ],
    ids=["time-superscript", "time-13-digits", "signature-latin1", "signature-not-hex", "nonce"],
)
def test_odd_sync_headers_are_refused_not_crashed(peer, change):
    """Attack: a sync request whose time header is "²" or whose signature holds non-ASCII
    characters made the signature check itself raise (a 500 for any unsigned client)."""
    body = b'{"origin": "site-a"}'
    headers = sign_request(
        SECRET_AB.encode(), "ab-1", "POST", "/sync/v1/batches", body, datetime.now(UTC)
    )
    headers.update(change)
    for path in ("/sync/v1/batches", "/sync/v1/site"):
        response = httpx.post(f"{peer.url}{path}", content=body, headers=headers, timeout=10)
        assert response.status_code == 401, response.text
        assert response.json()["error"] in ("bad_signature", "clock_skew")
    _clean_log(peer)


def test_every_refusal_is_documented(hub: Site, tmp_path: Path):
    """The published schema says what these refusals look like: one JSON shape, and the
    CSV routes answer text/csv."""
    schema = httpx.get(f"{hub.url}/openapi.json").json()
    stats = schema["paths"]["/api/stats"]["get"]["responses"]
    for code in ("400", "401", "403", "404", "409", "422", "429"):
        assert stats[code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert "HTTPValidationError" not in str(schema)
    assert set(schema["paths"]["/api/export.csv"]["get"]["responses"]["200"]["content"]) == {
        "text/csv"
    }
    assert "413" in schema["paths"]["/api/tickets"]["post"]["responses"]
