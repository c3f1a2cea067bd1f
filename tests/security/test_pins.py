"""PIN guessing against a real ``kiosk serve``: every route that checks a PIN.

A four-digit PIN falls to 10,000 guesses; the hub must allow a handful per source and per
subject, count guesses sent in parallel each as one, and ignore every header an attacker
can rotate (``X-Kiosk-Id``, ``X-Forwarded-For``).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.security.hub import COUNTER_PIN, UNLOCK_PIN, pair

pytestmark = pytest.mark.slow
PARALLEL = 24
MAX_FAILURES = 5  # the demo site file's queue.pin_max_failures


def rotated() -> dict:
    """Headers an attacker changes on every request."""
    return {"X-Kiosk-Id": uuid.uuid4().hex, "X-Forwarded-For": f"10.9.{uuid.uuid4().int % 250}.7"}


def in_parallel(url: str, path: str, bodies: list[dict], headers: dict) -> list[int]:
    def one(body: dict) -> int:
        with httpx.Client(base_url=url, timeout=20) as client:
            return client.post(path, json=body, headers={**headers, **rotated()}).status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, bodies))


def wrong_pins(count: int) -> list[str]:
    pins = [f"{n:04d}" for n in range(count + 3)]
    return [p for p in pins if p not in (COUNTER_PIN, UNLOCK_PIN, "9999")][:count]


@pytest.mark.parametrize("route", ["sign-in", "unlock"])
def test_parallel_guesses_with_rotated_headers_are_each_counted(hub, api, route):
    """Attack: 24 wrong PINs at once, each with a new X-Kiosk-Id and X-Forwarded-For, hoping
    the lockout counts them once (a stale write-back) or per header. Only 5 may be checked;
    then even the right PIN is refused."""
    _, kiosk = pair(api)
    if route == "sign-in":
        path, body = "/api/session", lambda pin: {"counter": "accueil", "pin": pin}
    else:
        path, body = "/api/kiosk/unlock", lambda pin: {"pin": pin}
    statuses = in_parallel(hub.url, path, [body(p) for p in wrong_pins(PARALLEL)], kiosk)

    assert statuses.count(401) == MAX_FAILURES, statuses
    assert statuses.count(429) == PARALLEL - MAX_FAILURES
    right = api.post(path, json=body(COUNTER_PIN), headers={**kiosk, **rotated()})
    assert right.status_code == 429 and int(right.headers["Retry-After"]) >= 1


def test_locking_a_counter_out_from_the_hall_spares_its_paired_terminal(hub, api):
    """Attack: lock the counter "bureau-3" out by failing its sign-in from the guest network,
    so its adviser cannot sign in. Its paired counter terminal is a source of its own."""
    statuses = in_parallel(hub.url, "/api/session",
                           [{"counter": "bureau-3", "pin": p} for p in wrong_pins(8)], {})
    assert statuses.count(401) == MAX_FAILURES and 429 in statuses
    assert api.post("/api/session", json={"counter": "bureau-3", "pin": COUNTER_PIN}
                    ).status_code == 429  # the unpaired way in is locked...
    _, terminal = pair(api, "counter")
    signed = api.post("/api/session", json={"counter": "bureau-3", "pin": COUNTER_PIN},
                      headers=terminal)
    assert signed.status_code == 200, signed.text  # ...her own terminal is not


def test_unlock_is_no_pin_oracle_without_a_paired_kiosk(hub, api):
    """Attack: use the kiosk unlock route as an oracle for staff PINs from any laptop. Without
    a paired kiosk's credential the answer is 401 whatever the PIN, and nothing is checked."""
    for pin in (COUNTER_PIN, UNLOCK_PIN, "0000"):
        answer = api.post("/api/kiosk/unlock", json={"pin": pin}, headers=rotated())
        assert answer.status_code == 401
        assert "paired kiosk" in answer.json()["detail"]
    _, display = pair(api, "display")
    assert api.post("/api/kiosk/unlock", json={"pin": UNLOCK_PIN},
                    headers=display).status_code == 403
    _, kiosk = pair(api)
    for pin in (UNLOCK_PIN, COUNTER_PIN):  # the unlock PIN, or a staff PIN
        assert api.post("/api/kiosk/unlock", json={"pin": pin}, headers=kiosk).status_code == 204


def test_backoff_doubles_for_each_further_wrong_pin(hub, api):
    """Attack: wait out each lockout and keep guessing at the old pace. Each further wrong PIN
    after the lockout doubles the wait (one minute, two, four...)."""
    _, kiosk = pair(api)
    for pin in wrong_pins(MAX_FAILURES):
        assert api.post("/api/kiosk/unlock", json={"pin": pin}, headers=kiosk).status_code == 401
    first = api.post("/api/kiosk/unlock", json={"pin": "5555"}, headers=kiosk)
    assert first.status_code == 429
    assert 30 < int(first.headers["Retry-After"]) <= 60
