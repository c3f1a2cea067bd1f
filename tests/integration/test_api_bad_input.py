"""Bad input gets a 4xx with a message, never a 500, and nothing is half-written."""

from __future__ import annotations

import logging

import httpx
import pytest

from tests.conftest import sign_in, sign_in_manager
from tests.integration.helpers import counts, issue, kiosk

JSON = {"content-type": "application/json"}
MIB = 1024 * 1024

# (name, request keyword arguments, expected status, words the message must contain)
TICKET_CASES = [
    ("malformed JSON", {"content": b'{"service": "ACC",', "headers": JSON}, 400, ["JSON"]),
    ("service not a string", {"json": {"service": 123}}, 422, ["service"]),
    ("priority not a boolean", {"json": {"service": "ACC", "priority": "yes"}}, 422, ["priority"]),
    ("unknown field", {"json": {"service": "ACC", "name": "Dupont"}}, 422, ["name", "unknown"]),
    ("unknown service", {"json": {"service": "TAXES"}}, 404, ["unknown service", "TAXES"]),
    ("unknown language", {"json": {"service": "ACC", "language": "de"}}, 422, ["language"]),
    ("empty service", {"json": {"service": ""}}, 422, ["service"]),
    ("service too long", {"json": {"service": "A" * 200}}, 422, ["service"]),
    ("missing service", {"json": {"priority": False}}, 422, ["service"]),
    ("no priority queue", {"json": {"service": "EMPLOI", "priority": True}}, 422, ["EMPLOI"]),
    ("a JSON array", {"json": ["ACC"]}, 422, []),
    ("JSON null", {"content": b"null", "headers": JSON}, 422, []),
    ("empty body", {"content": b"", "headers": JSON}, 422, []),
    ("no body at all", {}, 422, []),
    (
        "wrong content-type",
        {"content": b"service=ACC", "headers": {"content-type": "text/plain"}},
        None,
        [],
    ),
    ("form encoded", {"data": {"service": "ACC"}}, None, []),
    (
        "huge body (1 MiB)",
        {
            "content": b'{"service": "ACC", "pad": "' + b"x" * MIB + b'"}',
            "headers": JSON,
        },
        413,
        [],
    ),
]


@pytest.mark.parametrize(
    ("request_kwargs", "status", "words"),
    [pytest.param(kw, status, words, id=name) for name, kw, status, words in TICKET_CASES],
)
def test_bad_ticket_requests_are_refused_cleanly(
    shared_api, shared_hub, caplog, request_kwargs, status, words
):
    api, hub = shared_api, shared_hub.hub
    issue(api, "ACC")  # something in the store to keep intact
    before = counts(hub)
    kwargs = dict(request_kwargs)
    kwargs["headers"] = {**kiosk(), **kwargs.get("headers", {})}

    with caplog.at_level(logging.ERROR, logger="kiosk.hub"):
        response = api.post("/api/tickets", **kwargs)

    if status is None:
        assert 400 <= response.status_code < 500, response.text
    else:
        assert response.status_code == status, response.text
    assert response.text.strip(), "a refusal must say why"
    if words:
        detail = response.json()["detail"]
        for word in words:
            assert word in detail, f"{word!r} not in {detail!r}"
    assert counts(hub) == before, "a refused request changed the store"
    assert not [r for r in caplog.records if "unexpected error" in r.getMessage()]
    # The hub still works afterwards, and the next number follows on.
    last = int(issue(api, "ACC")["number"][1:])
    assert counts(hub).tickets == before.tickets + 1 and last == before.numbers + 1


def test_too_large_body_is_refused_with_a_json_message(api):
    response = api.post(
        "/api/tickets",
        content=b'{"service": "ACC", "pad": "' + b"x" * MIB + b'"}',
        headers={**JSON, **kiosk()},
    )

    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_too_large_streamed_body_is_refused_with_a_json_message(api, running_hub):
    before = counts(running_hub.hub)

    def chunks():
        yield b'{"service": "ACC", "pad": "'
        for _ in range(256):
            yield b"x" * 4096
        yield b'"}'

    response = api.post("/api/tickets", content=chunks(), headers={**JSON, **kiosk()})

    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert counts(running_hub.hub) == before


@pytest.fixture
def called(api):
    """A CAF ticket called at Bureau 2, with that counter's headers."""
    ticket = issue(api, "CAF")
    headers = sign_in(api, "bureau-2")
    response = api.post("/api/counters/bureau-2/call-next", headers=headers)
    assert response.status_code == 200 and response.json()["id"] == ticket["id"]
    return ticket, headers


ACTION_CASES = [
    # (name, path suffix, JSON body or None, expected status, words in the message)
    ("unknown action", "fly", None, 404, ['unknown action "fly"', "no-show"]),
    (
        "finish while called",
        "finish",
        {"outcome": "solved"},
        409,
        ["C001", "called", "cannot finish"],
    ),
    ("reactivate while called", "reactivate", None, 409, ["C001", "called", "reactivate"]),
    ("unknown outcome", "finish", {"outcome": "perfect"}, 422, ["outcome"]),
    ("unknown field", "recall", {"why": "x"}, 422, ["why", "unknown"]),
    ("transfer without a service", "transfer", None, 422, ["C001", "service"]),
    ("transfer to an unknown service", "transfer", {"to_service": "TAXES"}, 404, ["TAXES"]),
    ("transfer to the same service", "transfer", {"to_service": "CAF"}, 422, ["C001", "CAF"]),
    ("malformed JSON", "recall", b"{oops", 400, ["JSON"]),
]


@pytest.mark.parametrize(
    ("suffix", "body", "status", "words"),
    [pytest.param(s, b, st, w, id=name) for name, s, b, st, w in ACTION_CASES],
)
def test_bad_ticket_actions_are_refused_cleanly(
    api, running_hub, called, suffix, body, status, words
):
    ticket, headers = called
    before = counts(running_hub.hub)
    url = f"/api/tickets/{ticket['id']}/{suffix}"

    if isinstance(body, bytes):
        response = api.post(url, content=body, headers={**headers, **JSON})
    else:
        response = api.post(url, json=body, headers=headers)

    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    for word in words:
        assert word in detail, f"{word!r} not in {detail!r}"
    assert counts(running_hub.hub) == before
    assert api.get(f"/api/tickets/{ticket['id']}", headers=headers).json()["status"] == "called"


def test_finish_without_outcome_is_refused_and_the_ticket_stays_serving(api, running_hub, called):
    ticket, headers = called
    assert api.post(f"/api/tickets/{ticket['id']}/start", headers=headers).status_code == 200
    before = counts(running_hub.hub)

    for body in (None, {}, {"outcome": None}):
        response = api.post(f"/api/tickets/{ticket['id']}/finish", json=body, headers=headers)
        assert 400 <= response.status_code < 500, response.text
        assert "outcome" in response.json()["detail"]
        assert "C001" in response.json()["detail"]

    assert counts(running_hub.hub) == before
    stored = api.get(f"/api/tickets/{ticket['id']}", headers=headers).json()
    assert (stored["status"], stored["outcome"], stored["finished_at"]) == ("serving", None, None)


def test_invalid_transition_names_ticket_state_and_action(api, running_hub):
    ticket = issue(api, "CAF")
    headers = sign_in(api, "bureau-2")

    response = api.post(f"/api/tickets/{ticket['id']}/start", headers=headers)

    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "InvalidTransition"
    assert body["detail"].startswith("ticket C001 is waiting: cannot start")
    assert "call" in body["detail"]  # what is allowed now


def test_unknown_ticket_is_404(api, running_hub):
    headers = sign_in(api, "bureau-2")
    before = counts(running_hub.hub)

    for path in ("/api/tickets/no-such-ticket/start", "/api/tickets/no-such-ticket/cancel"):
        response = api.post(path, headers=headers)
        assert response.status_code == 404
        assert "no-such-ticket" in response.json()["detail"]
    assert api.get("/api/tickets/no-such-ticket", headers=headers).status_code == 404
    assert counts(running_hub.hub) == before


BAD_PAUSES = [
    ({"reason": "nap"}, 422, "nap"),
    ({"reason": ""}, 422, "reason"),
    ({}, 422, "reason"),
    ({"reason": 5}, 422, "reason"),
    ({"reason": "lunch", "minutes": 30}, 422, "minutes"),
]


def test_bad_pauses_are_refused(api, running_hub):
    headers = sign_in(api, "bureau-2")
    before = counts(running_hub.hub)

    for body, status, word in BAD_PAUSES:
        response = api.post("/api/counters/bureau-2/pause", json=body, headers=headers)
        assert response.status_code == status, (body, response.text)
        assert word in response.json()["detail"], body

    assert counts(running_hub.hub) == before
    assert api.get("/api/queue", headers=headers).json()["counters"]["bureau-2"]["paused"] is False


BAD_SIGN_INS = [
    ({"counter": "accueil"}, 422),
    ({"counter": "accueil", "pin": 1234}, 422),
    ({"pin": "1234"}, 422),
    ({"counter": "accueil", "manager": "direction", "pin": "1234"}, 422),
    ({"counter": "accueil", "pin": "1234", "role": "admin"}, 422),
]


def test_bad_sign_in_bodies_are_refused(api, running_hub):
    before = counts(running_hub.hub)

    for body, status in BAD_SIGN_INS:
        response = api.post("/api/session", json=body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["detail"], body
        assert "token" not in response.json()

    assert counts(running_hub.hub) == before


BAD_DATES = [
    ({"from": "2026-13-01", "to": "2026-11-30"}, "query.from"),
    ({"from": "yesterday", "to": "2026-11-30"}, "query.from"),
    ({"from": "2026-11-01", "to": "2026-11-31"}, "query.to"),
    ({"from": "2026-11-01"}, "query.to"),
    ({"to": "2026-11-01"}, "query.from"),
]


def test_bad_footfall_dates_are_422_naming_the_parameter(api):
    headers = sign_in_manager(api)

    for params, word in BAD_DATES:
        for path in ("/api/footfall", "/api/footfall.csv"):
            response = api.get(path, params=params, headers=headers)
            assert response.status_code == 422, (path, params, response.text)
            assert word in response.json()["detail"], (path, params)


def test_the_hub_keeps_serving_after_a_storm_of_bad_requests(api, running_hub):
    before = counts(running_hub.hub)
    payloads = [b"", b"{", b"[]", b'{"service": null}', b"\xff\xfe", b'{"service": "ACC"' * 50]
    for payload in payloads:
        response = api.post("/api/tickets", content=payload, headers={**JSON, **kiosk()})
        assert 400 <= response.status_code < 500, (payload, response.text)
    assert counts(running_hub.hub) == before
    with httpx.Client(base_url=running_hub.url, timeout=10) as other:
        assert other.get("/api/health").json()["status"] == "ok"
