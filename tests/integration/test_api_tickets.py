"""POST /api/tickets on a real hub: the answer, numbering, closed services, the kiosk limiter."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.store.events import EventKind
from tests.conftest import PARIS, TUESDAY_10H, sign_in
from tests.integration.helpers import counts, db_ticket, events, issue, kiosk, paired, token_of

TICKET_KEYS = {"id", "number", "service", "position", "estimated_wait_s", "status_url"}


def test_issuing_answers_201_with_the_ticket(api, running_hub):
    device, headers = paired(running_hub.hub)
    response = api.post(
        "/api/tickets", json={"service": "CAF", "language": "en"},
        headers={**headers, **kiosk("a name the hub ignores")},
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body.keys() >= TICKET_KEYS
    assert body["number"] == "C001"
    assert body["service"] == "CAF"
    assert body["service_label"]["en"] == "CAF – Family benefits"
    assert body["position"] == 1
    assert body["estimated_wait_s"] == 0  # nobody ahead
    assert body["status"] == "waiting"
    assert body["origin"] == "walk_in"
    assert body["language"] == "en"
    assert body["status_url"].startswith(f"{running_hub.url}/t/")
    # The ticket is in the store as answered, with the phone page's token.
    stored = db_ticket(running_hub.hub, body["id"])
    assert stored is not None
    assert (stored.number, stored.service, stored.status) == ("C001", "CAF", "waiting")
    assert stored.token == token_of(body)
    # ...and its "issued" event names the paired device, never what the client called itself.
    [issued] = [e for e in events(running_hub.hub) if e.ticket_id == body["id"]]
    assert issued.kind == EventKind.ISSUED
    assert issued.data["kiosk"] == device


def test_numbers_increment_per_service_and_positions_follow(api):
    caf = [issue(api, "CAF") for _ in range(3)]
    cpam = issue(api, "CPAM")

    assert [t["number"] for t in caf] == ["C001", "C002", "C003"]
    assert [t["position"] for t in caf] == [1, 2, 3]
    waits = [t["estimated_wait_s"] for t in caf]
    assert waits[0] == 0 and 0 < waits[1] < waits[2]
    assert (cpam["number"], cpam["position"]) == ("M001", 1)
    assert len({t["id"] for t in caf}) == 3
    assert len({token_of(t) for t in [*caf, cpam]}) == 4


def test_closed_service_is_refused_with_its_next_opening_and_recorded(api, running_hub):
    hub = running_hub.hub
    wednesday = TUESDAY_10H + timedelta(days=1)
    hub.clock.set(wednesday)
    device, headers = paired(hub)
    before = counts(hub)

    response = api.post("/api/tickets", json={"service": "CAF", "language": "nl"}, headers=headers)

    assert response.status_code == 409, response.text
    body = response.json()
    assert body["service"] == "CAF"
    # CAF opens on Tuesday mornings only: next Tuesday 09:00 in Paris.
    next_opening = datetime.fromisoformat(body["next_opening"])
    assert next_opening == datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    assert "closed" in body["detail"] and "CAF" in body["detail"]
    after = counts(hub)
    assert after.tickets == before.tickets and after.numbers == before.numbers
    assert after.events == before.events + 1
    unmet = events(hub)[-1]
    assert unmet.kind == EventKind.UNMET_DEMAND
    assert unmet.service == "CAF"
    assert unmet.data == {"language": "nl", "kiosk": device}
    assert unmet.day == wednesday.astimezone(PARIS).date()
    # An always-open service still issues, numbering from 1 on the new day.
    assert issue(api, "ACC")["number"] == "A001"


def test_a_kiosk_gets_its_burst_then_429_with_retry_after(api, running_hub):
    _, one_kiosk = paired(running_hub.hub)
    burst = running_hub.hub.config.queue.kiosk_burst
    assert burst == 3

    answers = [
        api.post("/api/tickets", json={"service": "ACC"}, headers=one_kiosk) for _ in range(5)
    ]

    assert [a.status_code for a in answers] == [201, 201, 201, 429, 429]
    refused = answers[3]
    retry_after = int(refused.headers["Retry-After"])
    # 6 tickets a minute: the next token comes within 10 s.
    assert 1 <= retry_after <= 10
    assert refused.json()["error"] == "RateLimited"
    assert counts(running_hub.hub).tickets == 3


def test_another_kiosk_has_its_own_bucket(api, running_hub):
    (_, first), (_, second) = paired(running_hub.hub), paired(running_hub.hub)
    for _ in range(3):
        issue(api, "ACC", headers=first)
    limited = api.post("/api/tickets", json={"service": "ACC"}, headers=first)
    assert limited.status_code == 429

    others = [issue(api, "ACC", headers=second) for _ in range(3)]

    assert [t["number"] for t in others] == ["A004", "A005", "A006"]


def test_a_signed_in_counter_issues_without_limit_as_reception(api, running_hub):
    headers = {**sign_in(api, "accueil"), **kiosk("desk")}

    issued = [issue(api, "CPAM", headers=headers) for _ in range(8)]

    assert [t["number"] for t in issued] == [f"M{n:03d}" for n in range(1, 9)]
    assert {t["origin"] for t in issued} == {"reception"}
    assert {db_ticket(running_hub.hub, t["id"]).origin for t in issued} == {"reception"}


def test_a_limited_kiosk_gets_one_ticket_per_token_as_time_passes(api, running_hub):
    clock = running_hub.hub.clock
    _, one_kiosk = paired(running_hub.hub)
    for _ in range(3):
        issue(api, "ACC", headers=one_kiosk)
    refused = api.post("/api/tickets", json={"service": "ACC"}, headers=one_kiosk)
    assert refused.status_code == 429
    retry_after = int(refused.headers["Retry-After"])

    clock.advance(seconds=retry_after)

    assert issue(api, "ACC", headers=one_kiosk)["number"] == "A004"
    again = api.post("/api/tickets", json={"service": "ACC"}, headers=one_kiosk)
    assert again.status_code == 429  # one token came back, not a new burst
