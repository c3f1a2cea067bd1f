"""A counter's day through the hub: call, recall, serve, no-show, transfer, cancel, pause."""

from __future__ import annotations

import threading

import httpx

from kiosk.store.events import EventKind
from tests.conftest import sign_in, sign_in_manager
from tests.integration.helpers import counts, db_ticket, events, issue, kiosk, token_of


def _post(api, path, headers, body=None):
    response = api.post(path, json=body, headers=headers)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text}"
    return response.json()


def _kinds(hub, ticket_id):
    return [e.kind for e in events(hub) if e.ticket_id == ticket_id]


def test_full_flow_call_recall_start_finish(api, running_hub):
    hub = running_hub.hub
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    base = f"/api/tickets/{ticket['id']}"

    called = _post(api, "/api/counters/bureau-2/call-next", staff)
    assert (called["id"], called["status"], called["counter"]) == (
        ticket["id"],
        "called",
        "bureau-2",
    )
    assert called["called_at"] is not None
    assert called["allowed_actions"] == ["recall", "start", "no_show", "cancel", "transfer"]

    hub.clock.advance(minutes=1)
    recalled = _post(api, f"{base}/recall", staff)
    assert (recalled["status"], recalled["recalls"]) == ("called", 1)
    assert recalled["called_at"] == called["called_at"]  # the wait ends at the first call
    display = api.get("/api/display").json()
    assert [(c["number"], c["recall"], c["counter_name"]) for c in display["calls"]] == [
        ("C001", True, "Bureau 2"),
        ("C001", False, "Bureau 2"),
    ]

    hub.clock.advance(minutes=1)
    started = _post(api, f"{base}/start", staff)
    assert started["status"] == "serving" and started["started_at"] is not None
    assert started["allowed_actions"] == ["finish", "transfer"]

    hub.clock.advance(minutes=7)
    finished = _post(api, f"{base}/finish", staff, {"outcome": "appointment_booked"})
    assert (finished["status"], finished["outcome"]) == ("done", "appointment_booked")
    assert finished["allowed_actions"] == []
    assert finished["finished_at"] > finished["started_at"] > finished["called_at"]

    assert _kinds(hub, ticket["id"]) == [
        EventKind.ISSUED,
        EventKind.CALLED,
        EventKind.RECALLED,
        EventKind.STARTED,
        EventKind.FINISHED,
    ]
    finish_event = events(hub)[-1]
    assert (finish_event.counter, finish_event.data["outcome"]) == (
        "bureau-2",
        "appointment_booked",
    )
    stored = db_ticket(hub, ticket["id"])
    assert (stored.status, stored.outcome, stored.recalls) == ("done", "appointment_booked", 1)
    # Nothing left for this counter.
    assert api.post("/api/counters/bureau-2/call-next", headers=staff).status_code == 204


def test_no_show_then_reactivate_puts_the_visitor_back_first(api, running_hub):
    hub = running_hub.hub
    first = issue(api, "CAF")
    hub.clock.advance(minutes=2)
    second = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")

    first_call = _post(api, "/api/counters/bureau-2/call-next", staff)
    assert first_call["id"] == first["id"]
    hub.clock.advance(minutes=3)
    gone = _post(api, f"/api/tickets/{first['id']}/no-show", staff)
    assert gone["status"] == "no_show" and gone["allowed_actions"] == ["reactivate"]
    queue = api.get("/api/queue", headers=staff).json()["tickets"]
    assert first["id"] not in [t["id"] for t in queue]
    today = {t["id"]: t for t in api.get("/api/today", headers=staff).json()["tickets"]}
    assert today[first["id"]]["status"] == "no_show"

    hub.clock.advance(minutes=2)
    back = _post(api, f"/api/tickets/{first['id']}/reactivate", staff)
    assert (back["status"], back["counter"], back["finished_at"], back["number"]) == (
        "waiting",
        None,
        None,
        "C001",
    )
    assert back["allowed_actions"] == ["call", "cancel", "transfer"]
    # Their wait ended at the first call: that is the one the figures keep.
    assert back["called_at"] == first_call["called_at"]
    # The visitor kept their arrival time, so they come before C002.
    again = _post(api, "/api/counters/bureau-2/call-next", staff)
    assert again["id"] == first["id"]
    assert again["called_at"] == first_call["called_at"]
    assert _post(api, "/api/counters/bureau-2/call-next", staff)["id"] == second["id"]
    assert _kinds(hub, first["id"]) == [
        EventKind.ISSUED,
        EventKind.CALLED,
        EventKind.NO_SHOW,
        EventKind.REACTIVATED,
        EventKind.CALLED,
    ]


def test_transfer_keeps_the_number_and_the_phone_page(api, running_hub):
    hub = running_hub.hub
    ticket = issue(api, "CAF", language="en")
    staff = sign_in(api, "bureau-2")
    _post(api, "/api/counters/bureau-2/call-next", staff)
    hub.clock.advance(minutes=3)

    moved = _post(api, f"/api/tickets/{ticket['id']}/transfer", staff, {"to_service": "CPAM"})

    assert moved["id"] != ticket["id"]
    assert (moved["number"], moved["service"], moved["status"]) == ("C001", "CPAM", "waiting")
    assert moved["transferred_from"] == ticket["id"]
    assert moved["arrived_at"] == ticket["issued_at"]
    assert db_ticket(hub, ticket["id"]).status == "transferred"
    # The phone page the visitor holds now follows the CPAM entry.
    page = api.get(f"/t/{token_of(ticket)}")
    assert page.status_code == 200 and "CPAM" in page.text and "C001" in page.text
    assert _post(api, "/api/counters/bureau-2/call-next", staff)["id"] == moved["id"]


def test_cancel_a_waiting_ticket(api, running_hub):
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")

    cancelled = _post(api, f"/api/tickets/{ticket['id']}/cancel", staff)

    assert cancelled["status"] == "cancelled" and cancelled["finished_at"] is not None
    assert api.get("/api/queue", headers=staff).json()["tickets"] == []
    assert api.post("/api/counters/bureau-2/call-next", headers=staff).status_code == 204
    assert _kinds(running_hub.hub, ticket["id"]) == [EventKind.ISSUED, EventKind.CANCELLED]
    again = api.post(f"/api/tickets/{ticket['id']}/cancel", headers=staff)
    assert again.status_code == 409


def test_cancel_a_called_ticket(api, running_hub):
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    _post(api, "/api/counters/bureau-2/call-next", staff)

    assert _post(api, f"/api/tickets/{ticket['id']}/cancel", staff)["status"] == "cancelled"
    assert db_ticket(running_hub.hub, ticket["id"]).status == "cancelled"


def test_pause_and_resume(api, running_hub):
    hub = running_hub.hub
    staff = sign_in(api, "bureau-2")

    bad = api.post("/api/counters/bureau-2/pause", json={"reason": "siesta"}, headers=staff)
    assert bad.status_code == 422
    for reason in ("break", "lunch", "back_office", "phone", "meeting", "other"):
        assert reason in bad.json()["detail"]

    paused = _post(api, "/api/counters/bureau-2/pause", staff, {"reason": "lunch"})
    assert paused == {"counter": "bureau-2", "paused": True, "reason": "lunch"}
    state = api.get("/api/queue", headers=staff).json()["counters"]["bureau-2"]
    assert state == {"name": "Bureau 2", "paused": True, "reason": "lunch"}
    last = events(hub)[-1]
    assert (last.kind, last.counter, last.data) == (
        EventKind.COUNTER_PAUSED,
        "bureau-2",
        {"reason": "lunch"},
    )
    # Pausing again for the same reason changes nothing.
    before = counts(hub)
    _post(api, "/api/counters/bureau-2/pause", staff, {"reason": "lunch"})
    assert counts(hub) == before

    resumed = _post(api, "/api/counters/bureau-2/resume", staff)
    assert resumed == {"counter": "bureau-2", "paused": False}
    state = api.get("/api/queue", headers=staff).json()["counters"]["bureau-2"]
    assert state["paused"] is False and state["reason"] is None
    assert events(hub)[-1].kind == EventKind.COUNTER_RESUMED


def test_calling_ends_a_pause(api, running_hub):
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    _post(api, "/api/counters/bureau-2/pause", staff, {"reason": "phone"})

    assert _post(api, "/api/counters/bureau-2/call-next", staff)["id"] == ticket["id"]

    assert api.get("/api/queue", headers=staff).json()["counters"]["bureau-2"]["paused"] is False
    kinds = [e.kind for e in events(running_hub.hub)]
    assert kinds[-2:] == [EventKind.COUNTER_RESUMED, EventKind.CALLED]


def test_queue_lists_the_counters_tickets_with_their_allowed_actions(api):
    caf = [issue(api, "CAF") for _ in range(3)]
    cias = issue(api, "CIAS")
    bureau_2 = sign_in(api, "bureau-2")
    _post(api, "/api/counters/bureau-2/call-next", bureau_2)
    _post(api, f"/api/tickets/{caf[1]['id']}/call", bureau_2)
    _post(api, f"/api/tickets/{caf[1]['id']}/start", bureau_2)

    queue = api.get("/api/queue", headers=bureau_2).json()

    assert queue["counter"] == "bureau-2"
    listed = {t["number"]: t for t in queue["tickets"]}
    assert list(listed) == ["C001", "C002", "C003"]  # CIAS is not Bureau 2's
    assert listed["C001"]["status"] == "called"
    assert listed["C001"]["allowed_actions"] == ["recall", "start", "no_show", "cancel", "transfer"]
    assert listed["C002"]["status"] == "serving"
    assert listed["C002"]["allowed_actions"] == ["finish", "transfer"]
    assert listed["C003"]["status"] == "waiting"
    assert listed["C003"]["allowed_actions"] == ["call", "cancel", "transfer"]
    assert listed["C003"]["waited_s"] == 0
    # Bureau 3 sees CIAS only; a manager sees the whole site.
    bureau_3 = api.get("/api/queue", headers=sign_in(api, "bureau-3")).json()
    assert [t["id"] for t in bureau_3["tickets"]] == [cias["id"]]
    whole = api.get("/api/queue", headers=sign_in_manager(api)).json()
    assert whole["counter"] is None and len(whole["tickets"]) == 4


def test_calling_a_ticket_of_a_service_the_counter_does_not_serve_is_409(api, running_hub):
    ticket = issue(api, "CAF")
    bureau_3 = sign_in(api, "bureau-3")  # CIAS and NUM only

    response = api.post(f"/api/tickets/{ticket['id']}/call", headers=bureau_3)

    assert response.status_code == 409 and "CAF" in response.json()["detail"]
    assert db_ticket(running_hub.hub, ticket["id"]).status == "waiting"
    assert api.post("/api/counters/bureau-3/call-next", headers=bureau_3).status_code == 204


def test_204_when_nobody_waits(api):
    staff = sign_in(api, "accueil")

    response = api.post("/api/counters/accueil/call-next", headers=staff)

    assert response.status_code == 204
    assert response.content == b""


def test_two_counters_calling_at_once_never_get_the_same_ticket(api, running_hub):
    hub = running_hub.hub
    reception = {**sign_in(api, "accueil"), **kiosk("desk")}
    services = ["CAF", "CPAM", "EMPLOI"]  # served by both Accueil and Bureau 2
    issued = [issue(api, services[n % 3], headers=reception) for n in range(60)]
    tokens = {"accueil": sign_in(api, "accueil"), "bureau-2": sign_in(api, "bureau-2")}
    got: dict[str, list[str]] = {"accueil": [], "bureau-2": []}
    errors: list[str] = []
    start = threading.Barrier(4)

    def counter_desk(counter: str) -> None:
        try:
            with httpx.Client(base_url=running_hub.url, timeout=15) as client:
                start.wait(timeout=10)
                while True:
                    response = client.post(
                        f"/api/counters/{counter}/call-next", headers=tokens[counter]
                    )
                    if response.status_code == 204:
                        return
                    if response.status_code != 200:
                        errors.append(f"{counter}: {response.status_code} {response.text}")
                        return
                    got[counter].append(response.json()["id"])
        except Exception as exc:  # reported below, never lost on a thread
            errors.append(f"{counter}: {exc!r}")

    # Two desks per counter (two browser tabs), four callers in all.
    threads = [
        threading.Thread(target=counter_desk, args=(c,))
        for c in ("accueil", "bureau-2", "accueil", "bureau-2")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    all_calls = got["accueil"] + got["bureau-2"]
    assert len(all_calls) == len(set(all_calls)), "a ticket was called twice"
    assert set(all_calls) == {t["id"] for t in issued}
    called_events = [e for e in events(hub) if e.kind == EventKind.CALLED]
    assert len(called_events) == 60
    assert len({e.ticket_id for e in called_events}) == 60
    for counter, ids in got.items():
        for ticket_id in ids:
            assert db_ticket(hub, ticket_id).counter == counter
