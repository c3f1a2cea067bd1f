"""Who may do what: staff and manager routes, PINs, lock-out, sign-out, restart."""

from __future__ import annotations

import httpx
import pytest

from kiosk.hub.server import build_hub, start_in_thread
from tests.conftest import DEMO_PIN, MANAGER_PIN, sign_in, sign_in_manager
from tests.integration.helpers import counts, db_ticket, issue

DAY = {"from": "2026-11-24", "to": "2026-11-24"}

# (method, path with {id} for a real waiting ticket, JSON body)
STAFF_ROUTES = [
    ("GET", "/api/queue", None),
    ("GET", "/api/today", None),
    ("POST", "/api/counters/accueil/call-next", None),
    ("POST", "/api/counters/accueil/pause", {"reason": "lunch"}),
    ("POST", "/api/counters/accueil/resume", None),
    ("GET", "/api/tickets/{id}", None),
    *[
        ("POST", f"/api/tickets/{{id}}/{action}", body)
        for action, body in [
            ("call", None),
            ("recall", None),
            ("start", None),
            ("finish", {"outcome": "solved"}),
            ("no-show", None),
            ("cancel", None),
            ("transfer", {"to_service": "CPAM"}),
            ("reactivate", None),
        ]
    ],
    ("DELETE", "/api/session", None),
]
MANAGER_ROUTES = [
    ("GET", "/api/footfall", None),
    ("GET", "/api/footfall.csv", None),
]
ALL_ROUTES = STAFF_ROUTES + MANAGER_ROUTES


def _send(api: httpx.Client, method: str, path: str, body, headers: dict, ticket_id: str):
    path = path.format(id=ticket_id)
    params = DAY if path.startswith("/api/footfall") else None
    return api.request(method, path, json=body, headers=headers, params=params)


def _route_id(route) -> str:
    return f"{route[0]} {route[1]}"


BAD_CREDENTIALS = {
    "no token": {},
    "garbage token": {"Authorization": "Bearer not-a-real-token"},
    "bearer without token": {"Authorization": "Bearer"},
    "basic auth": {"Authorization": "Basic YWNjdWVpbDoxMjM0"},
}


@pytest.mark.parametrize("route", ALL_ROUTES, ids=_route_id)
def test_staff_and_manager_routes_refuse_without_a_valid_token(shared_api, shared_hub, route):
    api, hub = shared_api, shared_hub.hub
    ticket = issue(api, "CAF")
    before = counts(hub)

    for name, headers in BAD_CREDENTIALS.items():
        response = _send(api, *route, headers=headers, ticket_id=ticket["id"])
        assert response.status_code == 401, (name, response.text)
        assert response.headers["WWW-Authenticate"] == "Bearer", name
        assert response.json()["detail"], name

    assert counts(hub) == before
    assert db_ticket(hub, ticket["id"]).status == "waiting"


def test_wrong_pin_is_401_and_says_nothing_about_which_part_was_wrong(api):
    wrong_pin = api.post("/api/session", json={"counter": "accueil", "pin": "0000"})
    unknown = api.post("/api/session", json={"counter": "nobody", "pin": DEMO_PIN})
    wrong_manager_pin = api.post("/api/session", json={"manager": "direction", "pin": DEMO_PIN})

    for response in (wrong_pin, unknown, wrong_manager_pin):
        assert response.status_code == 401, response.text
        assert "token" not in response.json()
    assert wrong_pin.json()["detail"] == unknown.json()["detail"]


def test_five_wrong_pins_lock_that_sign_in_for_a_minute(api, running_hub):
    clock = running_hub.hub.clock
    attempts = [
        api.post("/api/session", json={"counter": "accueil", "pin": "0000"}) for _ in range(5)
    ]
    assert [a.status_code for a in attempts] == [401] * 5

    # Locked now: even the right PIN is refused, with when to retry.
    locked = api.post("/api/session", json={"counter": "accueil", "pin": DEMO_PIN})
    assert locked.status_code == 429, locked.text
    assert 1 <= int(locked.headers["Retry-After"]) <= 60
    # Another counter, and the manager, are not locked.
    assert sign_in(api, "bureau-2")
    assert sign_in_manager(api)

    clock.advance(seconds=30)
    still = api.post("/api/session", json={"counter": "accueil", "pin": DEMO_PIN})
    assert still.status_code == 429
    clock.advance(seconds=31)
    assert api.post("/api/session", json={"counter": "accueil", "pin": DEMO_PIN}).status_code == 200


def test_four_wrong_pins_then_the_right_one_do_not_lock(api):
    for _ in range(4):
        assert api.post("/api/session", json={"counter": "accueil", "pin": "9"}).status_code == 401
    assert api.post("/api/session", json={"counter": "accueil", "pin": DEMO_PIN}).status_code == 200
    # The count starts again after a success.
    for _ in range(4):
        assert api.post("/api/session", json={"counter": "accueil", "pin": "9"}).status_code == 401
    assert api.post("/api/session", json={"counter": "accueil", "pin": DEMO_PIN}).status_code == 200


def test_sign_in_answers_role_and_name(api):
    counter = api.post("/api/session", json={"counter": "bureau-2", "pin": DEMO_PIN}).json()
    manager = api.post("/api/session", json={"manager": "direction", "pin": MANAGER_PIN}).json()

    assert (counter["role"], counter["id"], counter["name"]) == ("counter", "bureau-2", "Bureau 2")
    assert (manager["role"], manager["id"], manager["name"]) == (
        "manager",
        "direction",
        "Direction",
    )
    assert counter["token"] != manager["token"]


@pytest.mark.parametrize("path", ["/api/footfall", "/api/footfall.csv"])
def test_counter_token_on_manager_routes_is_403(api, path):
    headers = sign_in(api, "accueil")

    response = api.get(path, params=DAY, headers=headers)

    assert response.status_code == 403
    assert "manager" in response.json()["detail"]


def test_manager_token_on_counter_routes_is_403(api, running_hub):
    ticket = issue(api, "CAF")
    headers = sign_in_manager(api)
    before = counts(running_hub.hub)

    for method, path, body in [
        ("POST", "/api/counters/accueil/call-next", None),
        ("POST", "/api/counters/accueil/pause", {"reason": "lunch"}),
        ("POST", "/api/counters/accueil/resume", None),
        ("GET", "/api/today", None),
        ("POST", "/api/tickets/{id}/call", None),
        ("POST", "/api/tickets/{id}/cancel", None),
    ]:
        response = _send(api, method, path, body, headers, ticket["id"])
        assert response.status_code == 403, (path, response.text)
        assert "counter" in response.json()["detail"]

    assert counts(running_hub.hub) == before
    assert db_ticket(running_hub.hub, ticket["id"]).status == "waiting"
    # A manager may still look at the whole queue.
    assert api.get("/api/queue", headers=headers).status_code == 200


def test_a_counter_cannot_act_as_another_counter(api, running_hub):
    ticket = issue(api, "CAF")
    bureau_2 = sign_in(api, "bureau-2")
    before = counts(running_hub.hub)

    for suffix, body in [("call-next", None), ("pause", {"reason": "break"}), ("resume", None)]:
        response = api.post(f"/api/counters/accueil/{suffix}", json=body, headers=bureau_2)
        assert response.status_code == 403, response.text
        assert "bureau-2" in response.json()["detail"]

    assert counts(running_hub.hub) == before
    assert db_ticket(running_hub.hub, ticket["id"]).status == "waiting"
    # Its own route works.
    own = api.post("/api/counters/bureau-2/call-next", headers=bureau_2)
    assert own.status_code == 200 and own.json()["id"] == ticket["id"]


def test_a_ticket_held_by_one_counter_cannot_be_served_by_another(api, running_hub):
    ticket = issue(api, "CAF")
    bureau_2 = sign_in(api, "bureau-2")
    accueil = sign_in(api, "accueil")
    assert api.post("/api/counters/bureau-2/call-next", headers=bureau_2).status_code == 200

    for action in ("start", "no-show", "recall"):
        response = api.post(f"/api/tickets/{ticket['id']}/{action}", headers=accueil)
        assert response.status_code == 409, response.text
        assert "C001" in response.json()["detail"] and "Bureau 2" in response.json()["detail"]
    stored = db_ticket(running_hub.hub, ticket["id"])
    assert (stored.status, stored.counter, stored.recalls) == ("called", "bureau-2", 0)


def test_sign_out_invalidates_only_that_token(api):
    first = sign_in(api, "accueil")
    second = sign_in(api, "accueil")
    assert api.get("/api/queue", headers=first).status_code == 200

    assert api.delete("/api/session", headers=first).status_code == 204

    assert api.get("/api/queue", headers=first).status_code == 401
    assert api.delete("/api/session", headers=first).status_code == 401
    assert api.post("/api/counters/accueil/call-next", headers=first).status_code == 401
    assert api.get("/api/queue", headers=second).status_code == 200


def test_a_session_survives_a_hub_restart(api, running_hub, demo_config, db_url):
    hub = running_hub.hub
    counter = sign_in(api, "bureau-2")
    manager = sign_in_manager(api)
    signed_out = sign_in(api, "accueil")
    assert api.delete("/api/session", headers=signed_out).status_code == 204
    ticket = issue(api, "CAF")
    running_hub.stop()

    restarted = start_in_thread(build_hub(demo_config, db_url, hub.clock))
    try:
        with httpx.Client(base_url=restarted.url, timeout=10) as again:
            called = again.post("/api/counters/bureau-2/call-next", headers=counter)
            assert called.status_code == 200, called.text
            assert called.json()["id"] == ticket["id"]
            assert again.get("/api/footfall", params=DAY, headers=manager).status_code == 200
            assert again.get("/api/queue", headers=signed_out).status_code == 401
            garbage = {"Authorization": "Bearer not-a-real-token"}
            assert again.get("/api/queue", headers=garbage).status_code == 401
    finally:
        restarted.stop()


def test_a_session_is_renewed_while_used_and_ends_at_its_longest(api, running_hub):
    headers = sign_in(api, "accueil")
    for _ in range(9):  # used every 1.5 h: each use renews its 2 h idle allowance
        running_hub.hub.clock.advance(minutes=90)
        assert api.get("/api/queue", headers=headers).status_code == 200

    running_hub.hub.clock.advance(minutes=31)  # 14 h after sign-in, however busy

    assert api.get("/api/queue", headers=headers).status_code == 401


def test_an_unused_session_ends_after_its_idle_time(api, running_hub):
    headers = sign_in(api, "accueil")
    running_hub.hub.clock.advance(minutes=119)
    assert api.get("/api/queue", headers=headers).status_code == 200
    running_hub.hub.clock.advance(minutes=120, seconds=1)

    assert api.get("/api/queue", headers=headers).status_code == 401
