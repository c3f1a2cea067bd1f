"""GET /api/events: the live stream (Server-Sent Events) read over a real connection."""

from __future__ import annotations

from kiosk.store.events import EventKind
from tests.conftest import sign_in
from tests.integration.helpers import SseReader, events, issue, last_seq


def _facts(changes):
    return [(c.data["kind"], c.data["ticket_id"], c.data.get("number")) for c in changes]


def _store_facts(hub, after):
    return [(e.kind, e.ticket_id, e.data.get("number")) for e in events(hub, after)]


def test_an_issued_ticket_reaches_a_listener(api, running_hub):
    reader = SseReader(running_hub.url, until=lambda changes: len(changes) >= 1).start()
    [hello] = reader.events
    assert hello.event == "hello"
    assert hello.data == {"seq": 0, "epoch": api.get("/api/health").json()["epoch"], "full": True}

    ticket = issue(api, "CAF")
    [change] = reader.join()

    assert reader.error is None and reader.status == 200
    assert change.data["kind"] == "issued"
    assert change.data["ticket_id"] == ticket["id"]
    assert change.data["number"] == "C001"
    assert change.data["service"] == "CAF"
    assert change.id is not None


def test_a_counters_work_streams_in_order(api, running_hub):
    ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    reader = SseReader(running_hub.url, until=lambda changes: len(changes) >= 5).start()

    for action, body in [
        ("call", None),
        ("recall", None),
        ("start", None),
        ("finish", {"outcome": "solved"}),
    ]:
        response = api.post(f"/api/tickets/{ticket['id']}/{action}", json=body, headers=staff)
        assert response.status_code == 200, response.text
    paused = api.post("/api/counters/bureau-2/pause", json={"reason": "break"}, headers=staff)
    assert paused.status_code == 200, paused.text
    changes = reader.join()

    assert reader.error is None
    assert [c.data["kind"] for c in changes] == [
        EventKind.CALLED,
        EventKind.RECALLED,
        EventKind.STARTED,
        EventKind.FINISHED,
        EventKind.COUNTER_PAUSED,
    ]
    assert changes[0].data["counter"] == "bureau-2"
    assert changes[3].data["outcome"] == "solved"
    assert changes[4].data["reason"] == "break"


def test_reconnecting_with_last_event_id_replays_exactly_the_missed_events(api, running_hub):
    hub = running_hub.hub
    issue(api, "ACC")
    first = SseReader(running_hub.url, until=lambda changes: len(changes) >= 1).start()
    seen = issue(api, "ACC")
    [change] = first.join()  # the reader hangs up here
    assert change.data["ticket_id"] == seen["id"]
    cursor = last_seq(hub)

    # While nobody listens: a CAF visitor is issued and called, a counter pauses, one more.
    missed_ticket = issue(api, "CAF")
    staff = sign_in(api, "bureau-2")
    assert api.post("/api/counters/bureau-2/call-next", headers=staff).status_code == 200
    paused = api.post("/api/counters/bureau-2/pause", json={"reason": "phone"}, headers=staff)
    assert paused.status_code == 200, paused.text
    issue(api, "CPAM")
    missed = _store_facts(hub, cursor)
    assert len(missed) == 4 and missed[0][1] == missed_ticket["id"]

    again = SseReader(running_hub.url, headers={"Last-Event-ID": str(cursor)}, quiet_s=1.0).start()
    replayed = again.join()

    assert again.error is None
    assert _facts(replayed) == missed  # all of them, in order, and nothing more


def test_replay_from_zero_or_from_an_after_parameter(api, running_hub):
    tickets = [issue(api, "ACC") for _ in range(3)]

    from_zero = SseReader(running_hub.url, headers={"Last-Event-ID": "0"}, quiet_s=1.0).start()
    after_one = SseReader(running_hub.url, path="/api/events?after=1", quiet_s=1.0).start()

    assert [c.data["ticket_id"] for c in from_zero.join()] == [t["id"] for t in tickets]
    assert [c.data["ticket_id"] for c in after_one.join()] == [t["id"] for t in tickets[1:]]
    assert after_one.events[0].data["seq"] == 1  # the hello names the cursor


def test_live_stream_sends_each_change_once_with_its_store_seq_as_id(api, running_hub):
    hub = running_hub.hub
    reader = SseReader(running_hub.url, quiet_s=1.0).start()
    issue(api, "ACC")  # event 1: A001 (number seq 1)
    ticket = issue(api, "CAF")  # event 2: C001 (number seq 1 again)
    staff = sign_in(api, "bureau-2")
    assert api.post(f"/api/tickets/{ticket['id']}/call", headers=staff).status_code == 200
    changes = reader.join()

    store = events(hub)
    assert [c.id for c in changes] == [str(e.seq) for e in store] == ["1", "2", "3"]
    assert [c.data["seq"] for c in changes] == [1, 2, 3]
    assert _facts(changes) == _store_facts(hub, 0)


def test_reconnecting_with_the_last_id_received_gets_no_duplicates(api, running_hub):
    hub = running_hub.hub
    issue(api, "ACC")
    first = SseReader(
        running_hub.url, headers={"Last-Event-ID": "0"}, until=lambda c: len(c) >= 2
    ).start()
    issue(api, "CAF")
    before = first.join()
    assert len(before) == 2
    cursor = last_seq(hub)
    missed = issue(api, "CPAM")

    again = SseReader(
        running_hub.url, headers={"Last-Event-ID": before[-1].id}, quiet_s=1.0
    ).start()

    assert _facts(again.join()) == _store_facts(hub, cursor)
    assert _facts(again.changes()) == [("issued", missed["id"], "M001")]
