"""The queue service through a real SQLite store: calling, acting, pausing, events, waits."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from kiosk.domain.lifecycle import Outcome
from kiosk.errors import (
    Conflict,
    InvalidTransition,
    KioskError,
    NotFound,
    ServiceClosed,
)
from kiosk.services.queue import QueueService
from kiosk.store.events import ALLOWED_DATA, EventKind, clean_data
from kiosk.store.models import Event, Ticket

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def events(store) -> list[Event]:
    with store.read() as session:
        return list(session.scalars(select(Event).order_by(Event.site, Event.seq)))


def kinds(store) -> list[str]:
    return [e.kind for e in events(store)]


def event_count(store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Event))


def issue_at_intervals(queue, clock, service, count, **kw) -> list[Ticket]:
    tickets = []
    for _ in range(count):
        tickets.append(queue.issue(service, **kw).ticket)
        clock.advance(minutes=1)
    return tickets


def call_all(queue, clock, counter) -> list[str]:
    """call_next until nobody waits, a minute apart; the numbers in call order."""
    called = []
    while (ticket := queue.call_next(counter)) is not None:
        called.append(ticket.number)
        clock.advance(minutes=1)
    return called


def serve(queue, clock, counter, minutes, outcome="solved"):
    """Call the next ticket, serve it for ``minutes`` (call to finish) and finish it."""
    ticket = queue.call_next(counter)
    assert ticket is not None
    queue.act(ticket.id, "start", counter)
    clock.advance(minutes=minutes)
    queue.act(ticket.id, "finish", counter, outcome=outcome)
    return ticket


# -- issuing ----------------------------------------------------------------------------


def test_issue_gives_position_and_a_waiting_ticket(queue, clock):
    first = queue.issue("ACC", language="nl", kiosk="borne-1")
    assert first.position == 1 and first.estimated_wait_s == 0
    t = first.ticket
    assert (t.status, t.service, t.site, t.language, t.origin) == (
        "waiting",
        "ACC",
        "demo",
        "nl",
        "walk_in",
    )
    assert t.arrived_at == t.issued_at == clock.now()
    assert t.token and len(t.token) >= 20
    clock.advance(minutes=1)
    assert queue.issue("ACC").position == 2
    assert queue.issue("CPAM").position == 1


def test_issue_refuses_bad_requests(queue):
    with pytest.raises(NotFound):
        queue.issue("XYZ")
    with pytest.raises(KioskError, match="unknown language"):
        queue.issue("ACC", language="de")
    with pytest.raises(KioskError, match="no priority queue"):
        queue.issue("EMPLOI", priority=True)


def test_tokens_are_unique(queue):
    tokens = {queue.issue("ACC").ticket.token for _ in range(20)}
    assert len(tokens) == 20


def test_by_token_follows_the_ticket(queue, clock):
    first = queue.issue("ACC").ticket
    clock.advance(minutes=1)
    second = queue.issue("ACC").ticket
    ticket, position, _ = queue.by_token(second.token)
    assert (ticket.id, position) == (second.id, 2)
    queue.call_next("accueil")
    ticket, position, wait = queue.by_token(second.token)
    assert (position, wait) == (1, 0)
    assert queue.by_token(first.token)[1:] == (0, 0)  # called: no position any more
    assert queue.by_token("nope") is None
    assert queue.by_token("") is None
    assert queue.by_token("x" * 65) is None


# -- call_next order --------------------------------------------------------------------


def test_call_next_when_nobody_waits(queue):
    assert queue.call_next("accueil") is None
    with pytest.raises(NotFound, match="unknown counter"):
        queue.call_next("bureau-9")


def test_call_next_goes_by_arrival_across_the_counter_services(queue, clock):
    queue.issue("NUM")
    clock.advance(minutes=1)
    queue.issue("ACC")
    clock.advance(minutes=1)
    queue.issue("CPAM")
    clock.advance(minutes=1)
    queue.issue("ACC")
    clock.advance(minutes=1)
    assert call_all(queue, clock, "accueil") == ["N001", "A001", "M001", "A002"]


def test_call_next_only_takes_the_counter_services(queue, clock):
    queue.issue("ACC")
    clock.advance(minutes=1)
    queue.issue("CIAS")
    assert call_all(queue, clock, "bureau-3") == ["S001"]
    assert call_all(queue, clock, "bureau-2") == []
    assert call_all(queue, clock, "accueil") == ["A001"]


def test_call_next_marks_the_ticket_called_by_the_counter(queue, clock):
    issued = queue.issue("CPAM").ticket
    clock.advance(minutes=5)
    called = queue.call_next("bureau-2")
    assert called.id == issued.id
    assert (called.status, called.counter, called.called_at) == (
        "called",
        "bureau-2",
        clock.now(),
    )
    assert queue.ticket(issued.id).status == "called"


@pytest.mark.both_stores
def test_call_next_interleaves_priority_one_per_two_normal(queue, clock):
    # Priority visitors arrive first, yet only one is called per two normal ones.
    issue_at_intervals(queue, clock, "CIAS", 3, priority=True)  # S001..S003
    issue_at_intervals(queue, clock, "CIAS", 4)  # S004..S007
    assert call_all(queue, clock, "bureau-3") == [
        "S004",
        "S005",
        "S001",
        "S006",
        "S007",
        "S002",
        "S003",
    ]


def test_interleaving_counts_calls_of_other_counters_on_the_same_services(queue, clock):
    issue_at_intervals(queue, clock, "CIAS", 1, priority=True)  # S001
    issue_at_intervals(queue, clock, "CIAS", 3)  # S002..S004
    assert queue.call_next("bureau-3").number == "S002"
    clock.advance(minutes=1)
    assert queue.call_next("accueil").number == "S003"
    clock.advance(minutes=1)
    assert queue.call_next("bureau-3").number == "S001"


def test_due_appointment_is_called_first_and_does_not_count_as_normal(queue, clock):
    issue_at_intervals(queue, clock, "ACC", 1, priority=True)  # A001
    issue_at_intervals(queue, clock, "ACC", 2)  # A002, A003
    appointment = queue.issue(
        "ACC", origin="appointment", appointment_at=clock.now() + timedelta(minutes=10)
    ).ticket  # A004, due (15 min window)
    clock.advance(minutes=1)
    later = queue.issue(
        "ACC", origin="appointment", appointment_at=clock.now() + timedelta(hours=3)
    ).ticket  # A005, not due: waits by arrival
    clock.advance(minutes=1)
    assert appointment.origin == "appointment"
    assert call_all(queue, clock, "accueil") == ["A004", "A002", "A003", "A001", later.number]


@pytest.mark.both_stores
def test_two_counters_calling_at_once_never_get_the_same_ticket(queue, store):
    issued = {queue.issue("CPAM").ticket.id for _ in range(80)}

    start = threading.Barrier(2)

    def drain(counter: str) -> list[str]:
        got = []
        start.wait(timeout=10)
        while (ticket := queue.call_next(counter)) is not None:
            got.append(ticket.id)
        return got

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(drain, ["accueil", "bureau-2"])
    assert not set(first) & set(second)
    assert len(first) + len(second) == 80
    assert set(first) | set(second) == issued
    with store.read() as session:
        holders = dict(session.execute(select(Ticket.id, Ticket.counter)).all())
        called_events = session.scalar(
            select(func.count()).select_from(Event).where(Event.kind == "called")
        )
    assert all(holders[t] == "accueil" for t in first)
    assert all(holders[t] == "bureau-2" for t in second)
    assert called_events == 80


@pytest.mark.both_stores
def test_concurrent_calls_on_many_rounds(queue):
    # Many short races: each round two counters call while two tickets wait.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(20):
            a, b = queue.issue("CPAM").ticket.id, queue.issue("CPAM").ticket.id
            start = threading.Barrier(2)

            def call(counter: str, start=start):
                start.wait(timeout=10)
                return queue.call_next(counter)

            got = list(pool.map(call, ["accueil", "bureau-2"]))
            assert {t.id for t in got} == {a, b}
            assert [t.counter for t in got] == ["accueil", "bureau-2"]


# -- calling a chosen ticket ------------------------------------------------------------


def test_call_a_chosen_ticket(queue, clock):
    tickets = issue_at_intervals(queue, clock, "CPAM", 3)
    chosen = queue.call("bureau-2", tickets[2].id)
    assert (chosen.id, chosen.status, chosen.counter) == (tickets[2].id, "called", "bureau-2")
    assert queue.call_next("accueil").id == tickets[0].id


def test_call_a_chosen_ticket_through_act(queue):
    ticket = queue.issue("CPAM").ticket
    assert queue.act(ticket.id, "call", "bureau-2").status == "called"


def test_calling_a_ticket_twice_is_refused(queue):
    ticket = queue.issue("CPAM").ticket
    queue.call("accueil", ticket.id)
    with pytest.raises(InvalidTransition, match="M001 is called: cannot call"):
        queue.call("bureau-2", ticket.id)
    assert queue.ticket(ticket.id).counter == "accueil"


def test_calling_a_ticket_of_another_service_is_refused(queue):
    ticket = queue.issue("ACC").ticket
    with pytest.raises(Conflict, match="does not serve ACC"):
        queue.call("bureau-2", ticket.id)
    assert queue.ticket(ticket.id).status == "waiting"


def test_unknown_ticket_or_counter(queue):
    ticket = queue.issue("ACC").ticket
    with pytest.raises(NotFound):
        queue.call("accueil", "00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        queue.act("", "cancel", "accueil")
    with pytest.raises(NotFound):
        queue.act(ticket.id, "cancel", "nobody")
    with pytest.raises(NotFound):
        queue.ticket("missing")


# -- acting on a ticket -----------------------------------------------------------------


def test_recall_increments_recalls_and_keeps_the_first_call_time(queue, clock, store):
    queue.issue("ACC")
    called = queue.call_next("accueil")
    first_call = called.called_at
    for expected in (1, 2, 3):
        clock.advance(minutes=1)
        ticket = queue.act(called.id, "recall", "accueil")
        assert (ticket.recalls, ticket.status, ticket.called_at) == (
            expected,
            "called",
            first_call,
        )
    assert kinds(store) == ["issued", "called", "recalled", "recalled", "recalled"]


def test_full_visit_and_finish_needs_an_outcome(queue, clock, store):
    queue.issue("ACC")
    ticket = queue.call_next("accueil")
    clock.advance(minutes=1)
    started = queue.act(ticket.id, "start", "accueil")
    assert (started.status, started.started_at) == ("serving", clock.now())
    before = event_count(store)
    clock.advance(minutes=7)
    with pytest.raises(KioskError, match="needs an outcome") as info:
        queue.act(ticket.id, "finish", "accueil")
    for outcome in Outcome:
        assert outcome.value in str(info.value)
    with pytest.raises(KioskError, match='unknown outcome "fixed"'):
        queue.act(ticket.id, "finish", "accueil", outcome="fixed")
    # Nothing changed, nothing logged.
    assert queue.ticket(ticket.id).status == "serving"
    assert queue.ticket(ticket.id).finished_at is None
    assert event_count(store) == before
    done = queue.act(ticket.id, "finish", "accueil", outcome="redirected")
    assert (done.status, done.outcome, done.finished_at) == ("done", "redirected", clock.now())
    last = events(store)[-1]
    assert (last.kind, last.data["outcome"], last.counter) == ("finished", "redirected", "accueil")


def test_invalid_transitions_through_the_service(queue, store):
    ticket = queue.issue("ACC").ticket
    before = event_count(store)
    with pytest.raises(InvalidTransition, match="A001 is waiting: cannot finish"):
        queue.act(ticket.id, "finish", "accueil", outcome="solved")
    with pytest.raises(InvalidTransition, match="cannot start"):
        queue.act(ticket.id, "start", "accueil")
    with pytest.raises(InvalidTransition, match="cannot reactivate"):
        queue.act(ticket.id, "reactivate", "accueil")
    with pytest.raises(ValueError):
        queue.act(ticket.id, "teleport", "accueil")
    assert event_count(store) == before


def test_cancel_a_waiting_ticket(queue, clock):
    ticket = queue.issue("ACC").ticket
    cancelled = queue.act(ticket.id, "cancel", "accueil")
    assert (cancelled.status, cancelled.finished_at) == ("cancelled", clock.now())
    assert queue.call_next("accueil") is None
    assert queue.allowed(queue.ticket(ticket.id)) == []


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        ("start", {}),
        ("recall", {}),
        ("no_show", {}),
        ("cancel", {}),
        ("transfer", {"to_service": "EMPLOI"}),
    ],
)
def test_another_counter_cannot_act_on_a_called_ticket(queue, store, action, kwargs):
    queue.issue("CAF")
    ticket = queue.call_next("accueil")
    before = event_count(store)
    with pytest.raises(Conflict, match="C001 is with Accueil"):
        queue.act(ticket.id, action, "bureau-2", **kwargs)
    after = queue.ticket(ticket.id)
    assert (after.status, after.counter, after.recalls) == ("called", "accueil", 0)
    assert event_count(store) == before


def test_another_counter_cannot_finish_a_ticket_being_served(queue):
    queue.issue("CAF")
    ticket = queue.call_next("bureau-2")
    queue.act(ticket.id, "start", "bureau-2")
    with pytest.raises(Conflict, match="is with Bureau 2"):
        queue.act(ticket.id, "finish", "accueil", outcome="solved")
    assert queue.act(ticket.id, "finish", "bureau-2", outcome="solved").status == "done"


def test_no_show_and_reactivate(queue, clock, store):
    first = queue.issue("ACC").ticket
    clock.advance(minutes=1)
    second = queue.issue("ACC").ticket
    clock.advance(minutes=1)
    assert queue.call_next("accueil").id == first.id
    clock.advance(minutes=2)
    gone = queue.act(first.id, "no_show", "accueil")
    assert (gone.status, gone.finished_at) == ("no_show", clock.now())
    assert queue.allowed(gone) == ["reactivate"]
    clock.advance(minutes=10)
    back = queue.act(first.id, "reactivate", "accueil")
    assert back.status == "waiting"
    # The first call is kept: the visitor's wait ended then (footfall waits use it).
    assert (back.counter, back.called_at, back.finished_at) == (None, gone.called_at, None)
    assert back.arrived_at == first.arrived_at
    # Back in the queue with their original arrival: before the second visitor.
    assert queue.call_next("accueil").id == first.id
    assert queue.call_next("accueil").id == second.id
    assert kinds(store)[-4:] == ["no_show", "reactivated", "called", "called"]


def test_another_counter_may_reactivate_a_no_show(queue):
    queue.issue("CAF")
    ticket = queue.call_next("accueil")
    queue.act(ticket.id, "no_show", "accueil")
    assert queue.act(ticket.id, "reactivate", "bureau-2").status == "waiting"
    assert queue.call_next("bureau-2").id == ticket.id


# -- transfer ---------------------------------------------------------------------------


@pytest.mark.both_stores
def test_transfer_opens_a_linked_entry_keeping_arrival_and_token(queue, clock, store):
    original = queue.issue("ACC", language="en").ticket
    token = original.token
    clock.advance(minutes=3)
    earlier_emploi = queue.issue("EMPLOI").ticket  # arrived after the visitor
    clock.advance(minutes=3)
    called = queue.call_next("accueil")
    assert called.id == original.id
    clock.advance(minutes=4)
    before = event_count(store)
    moved = queue.act(original.id, "transfer", "accueil", to_service="EMPLOI")
    old = queue.ticket(original.id)
    assert (old.status, old.finished_at) == ("transferred", clock.now())
    assert (moved.service, moved.status, moved.parent_id) == ("EMPLOI", "waiting", old.id)
    assert (moved.number, moved.seq, moved.language) == ("A001", 1, "en")
    assert moved.arrived_at == original.arrived_at
    assert moved.issued_at == clock.now()
    assert moved.counter is None and moved.called_at is None
    # The phone page keeps following the visitor, now on the new entry.
    assert moved.token == token and old.token != token
    followed, position, _ = queue.by_token(token)
    assert (followed.id, position) == (moved.id, 1)
    # One event for the transfer, one for the new entry.
    log = events(store)
    assert len(log) == before + 2
    assert (log[-2].kind, log[-2].ticket_id, log[-2].data["to_ticket"]) == (
        "transferred",
        old.id,
        moved.id,
    )
    assert (log[-1].kind, log[-1].ticket_id, log[-1].data["parent_id"]) == (
        "issued",
        moved.id,
        old.id,
    )
    # Kept arrival: the transferred visitor goes before the EMPLOI visitor who came later.
    assert queue.call_next("bureau-2").id == moved.id
    assert queue.call_next("bureau-2").id == earlier_emploi.id


@pytest.mark.parametrize(
    ("to_service", "error", "match"),
    [
        (None, KioskError, "needs a service"),
        ("ACC", KioskError, "already in ACC"),
        ("XYZ", NotFound, "XYZ"),
    ],
)
def test_transfer_refusals_change_nothing(queue, store, to_service, error, match):
    ticket = queue.issue("ACC").ticket
    before = event_count(store)
    with pytest.raises(error, match=match):
        queue.act(ticket.id, "transfer", "accueil", to_service=to_service)
    after = queue.ticket(ticket.id)
    assert (after.status, after.token, after.finished_at) == ("waiting", ticket.token, None)
    assert event_count(store) == before
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_transfer_to_a_closed_service(queue, clock):
    clock.set(paris(2026, 11, 24, 12, 30))  # CAF closed since noon
    ticket = queue.issue("ACC").ticket
    with pytest.raises(ServiceClosed) as info:
        queue.act(ticket.id, "transfer", "accueil", to_service="CAF")
    assert info.value.next_opening == paris(2026, 12, 1, 9, 0)
    assert queue.ticket(ticket.id).status == "waiting"


# -- counters: pause and resume ---------------------------------------------------------


def test_pause_and_resume(queue, clock, store):
    queue.pause("bureau-2", "lunch")
    state = queue.counter_states()["bureau-2"]
    assert (state.paused, state.reason, state.since) == (True, "lunch", clock.now())
    queue.pause("bureau-2", "lunch")  # already so: nothing new
    clock.advance(minutes=30)
    queue.resume("bureau-2")
    state = queue.counter_states()["bureau-2"]
    assert (state.paused, state.reason, state.since) == (False, None, clock.now())
    queue.resume("bureau-2")  # not paused: nothing new
    log = events(store)
    assert [e.kind for e in log] == ["counter_paused", "counter_resumed"]
    assert (log[0].counter, log[0].data) == ("bureau-2", {"reason": "lunch"})
    assert log[1].data == {}


def test_pause_with_another_reason_is_a_new_pause_event(queue, store):
    queue.pause("accueil", "phone")
    queue.pause("accueil", "meeting")
    assert queue.counter_states()["accueil"].reason == "meeting"
    assert [e.data["reason"] for e in events(store)] == ["phone", "meeting"]


def test_pause_refuses_unknown_reasons_and_counters(queue, store):
    with pytest.raises(KioskError, match='unknown pause reason "nap"'):
        queue.pause("accueil", "nap")
    with pytest.raises(NotFound):
        queue.pause("bureau-9", "lunch")
    assert events(store) == []


def test_call_next_resumes_a_paused_counter(queue, clock, store):
    queue.issue("ACC")
    queue.pause("accueil", "break")
    clock.advance(minutes=5)
    ticket = queue.call_next("accueil")
    assert ticket is not None
    state = queue.counter_states()["accueil"]
    assert (state.paused, state.reason, state.since) == (False, None, clock.now())
    assert kinds(store) == ["issued", "counter_paused", "counter_resumed", "called"]


def test_call_next_with_nobody_waiting_still_resumes(queue, store):
    queue.pause("accueil", "break")
    assert queue.call_next("accueil") is None
    assert queue.counter_states()["accueil"].paused is False
    assert kinds(store) == ["counter_paused", "counter_resumed"]


# -- closed services --------------------------------------------------------------------


def test_closed_service_raises_with_next_opening_and_records_unmet_demand(queue, clock, store):
    clock.set(paris(2026, 11, 25, 10, 0))  # Wednesday: CAF only comes on Tuesdays
    with pytest.raises(ServiceClosed) as info:
        queue.issue("CAF", language="en", kiosk="borne-1")
    error = info.value
    assert error.service == "CAF"
    assert error.next_opening == paris(2026, 12, 1, 9, 0)
    assert error.next_opening.utcoffset() == timedelta(hours=1)
    assert "CAF" in str(error) and "2026-12-01T09:00:00+01:00" in str(error)
    assert error.http_status == 409
    log = events(store)
    assert len(log) == 1
    event = log[0]
    assert (event.kind, event.service, event.seq, event.ticket_id) == (
        "unmet_demand",
        "CAF",
        1,
        None,
    )
    assert event.day == date(2026, 11, 25)
    assert event.data == {"language": "en", "kiosk": "borne-1"}
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_a_visitor_tapping_a_closed_service_again_is_asked_once(queue, clock, store):
    """The planning aid counts people: the same kiosk asking for the same closed service
    within three minutes is the same visitor tapping again; another kiosk or a later
    request is someone else."""
    for kiosk, minute in (("borne-1", 0), ("borne-1", 0), ("borne-1", 2), ("borne-2", 2),
                          ("borne-1", 6)):  # fmt: skip
        clock.set(paris(2026, 11, 25, 10, minute))  # Wednesday: CAF only comes on Tuesdays
        with pytest.raises(ServiceClosed):
            queue.issue("CAF", kiosk=kiosk)
    asked = [(e.data["kiosk"], e.at.astimezone(PARIS).minute) for e in events(store)]
    assert asked == [("borne-1", 0), ("borne-2", 2), ("borne-1", 6)]


def test_closed_service_at_the_end_of_its_hours(queue, clock):
    clock.set(paris(2026, 11, 24, 11, 59))
    assert queue.issue("CAF").ticket.number == "C001"
    clock.set(paris(2026, 11, 24, 12, 0))
    with pytest.raises(ServiceClosed):
        queue.issue("CAF")


def test_services_now(queue, clock):
    clock.set(paris(2026, 11, 24, 12, 30))
    queue.issue("ACC")
    queue.issue("ACC")
    now = {s.code: s for s in queue.services_now()}
    assert set(now) == {"ACC", "CAF", "CPAM", "EMPLOI", "NUM", "CIAS"}
    assert (now["CAF"].open, now["CAF"].next_opening, now["CAF"].wait_s) == (
        False,
        paris(2026, 12, 1, 9, 0),
        0,
    )
    assert (now["ACC"].open, now["ACC"].next_opening, now["ACC"].waiting) == (True, None, 2)
    # Two waiting, default 8 min each, one counter (accueil) serves ACC.
    assert now["ACC"].wait_s == 2 * 8 * 60


# -- the event log ----------------------------------------------------------------------


def assert_clean(event: Event) -> None:
    assert set(event.data) <= set(ALLOWED_DATA), event.data
    for key, value in event.data.items():
        assert isinstance(value, ALLOWED_DATA[key]), (key, value)
        assert not (isinstance(value, str) and len(value) > 64)


def test_every_change_appends_exactly_one_event_with_gap_free_seq(queue, clock, store):
    steps = [
        (lambda: queue.issue("ACC", kiosk="borne-1"), ["issued"]),
        (lambda: queue.issue("CIAS", priority=True, language="nl"), ["issued"]),
        (lambda: queue.issue("CPAM"), ["issued"]),
        (lambda: queue.pause("accueil", "phone"), ["counter_paused"]),
        (lambda: queue.call_next("accueil"), ["counter_resumed", "called"]),
        (lambda: queue.act(ids["A001"], "recall", "accueil"), ["recalled"]),
        (lambda: queue.act(ids["A001"], "start", "accueil"), ["started"]),
        (
            lambda: queue.act(ids["A001"], "finish", "accueil", outcome="solved"),
            ["finished"],
        ),
        (lambda: queue.call_next("bureau-3"), ["called"]),
        (lambda: queue.act(ids["S001"], "no_show", "bureau-3"), ["no_show"]),
        (lambda: queue.act(ids["S001"], "reactivate", "bureau-3"), ["reactivated"]),
        (lambda: queue.act(ids["M001"], "cancel", "bureau-2"), ["cancelled"]),
        (lambda: queue.pause("bureau-3", "lunch"), ["counter_paused"]),
        (lambda: queue.resume("bureau-3"), ["counter_resumed"]),
    ]
    ids: dict[str, str] = {}
    seen = 0
    for step, expected in steps:
        result = step()
        if result is not None and hasattr(result, "ticket"):
            ids[result.ticket.number] = result.ticket.id
        clock.advance(seconds=30)
        log = events(store)
        assert [e.kind for e in log[seen:]] == expected
        seen = len(log)
    # A refused change logs nothing.
    with pytest.raises(InvalidTransition):
        queue.act(ids["M001"], "cancel", "bureau-2")
    log = events(store)
    assert len(log) == seen
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    assert {e.site for e in log} == {"demo"}
    assert {e.epoch for e in log} == {store.epoch}
    assert all(e.day == date(2026, 11, 24) for e in log)
    assert [e.at for e in log] == sorted(e.at for e in log)
    for event in log:
        assert_clean(event)
    issued = [e for e in log if e.kind == "issued"]
    assert issued[1].data == {
        "number": "S001",
        "seq": 1,
        "priority": True,
        "language": "nl",
        "origin": "walk_in",
        "arrived_at": issued[1].at.isoformat(),
    }
    assert issued[0].data["kiosk"] == "borne-1"
    ticket_events = [e for e in log if e.ticket_id]
    assert all(e.data["number"] for e in ticket_events)


@pytest.mark.both_stores
def test_event_seq_stays_gap_free_under_concurrency(queue, store):
    def work(index: int) -> None:
        for _ in range(10):
            queue.issue("CPAM" if index % 2 else "NUM")

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(work, range(6)))
    assert [e.seq for e in events(store)] == list(range(1, 61))


def test_events_of_two_sites_have_their_own_sequence(store, clock, demo_config):
    import tomllib

    from config import site_file
    from kiosk.siteconfig import parse_site_config

    raw = tomllib.loads(site_file("demo").read_text(encoding="utf-8"))
    raw["site"]["slug"] = "autre"
    other = QueueService(store, parse_site_config(raw), clock)
    here = QueueService(store, demo_config, clock)
    here.issue("ACC")
    other.issue("ACC")
    here.issue("ACC")
    other.issue("ACC")
    by_site = {}
    for e in events(store):
        by_site.setdefault(e.site, []).append(e.seq)
    assert by_site == {"autre": [1, 2], "demo": [1, 2]}


def test_clean_data_keeps_only_allow_listed_facts():
    moment = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    cleaned = clean_data(
        {
            "number": "A001",
            "name": "Jean Dupont",
            "phone": "0601020304",
            "note": "free text",
            "arrived_at": moment,
            "appointment_at": None,
            "priority": False,
        }
    )
    assert cleaned == {"number": "A001", "arrived_at": moment.isoformat(), "priority": False}


def test_clean_data_refuses_wrong_types_and_drops_free_text():
    with pytest.raises(TypeError):
        clean_data({"seq": "1"})
    with pytest.raises(TypeError):
        clean_data({"reason": 3})
    assert clean_data({"reason": "x" * 65}) == {}
    assert clean_data({"reason": "x" * 64}) == {"reason": "x" * 64}
    for typed in ("Jeanne Dupont", "jeanne@example.org", "06 12 34 56 78", "Hélène", ""):
        assert clean_data({"kiosk": typed, "number": "A001"}) == {"number": "A001"}


def test_event_kinds_are_the_documented_ones():
    assert {k.value for k in EventKind} >= {
        "issued",
        "called",
        "recalled",
        "started",
        "finished",
        "no_show",
        "cancelled",
        "transferred",
        "reactivated",
        "unmet_demand",
        "counter_paused",
        "counter_resumed",
    }


# -- estimated wait ---------------------------------------------------------------------


def test_estimate_uses_the_default_before_any_history(queue):
    # CPAM is served by accueil and bureau-2; neither has been used yet, so both count.
    waits = [queue.issue("CPAM").estimated_wait_s for _ in range(4)]
    assert waits == [0, 8 * 60 * 1 // 2, 8 * 60 * 2 // 2, 8 * 60 * 3 // 2]


def test_estimate_uses_the_median_of_today_over_open_counters(queue, clock):
    for minutes in (4, 6, 20):
        queue.issue("CPAM")
        serve(queue, clock, "accueil", minutes)
    # The median of the day is 6 minutes; only accueil has been staffed.
    assert queue.issue("CPAM").estimated_wait_s == 0
    assert queue.issue("CPAM").estimated_wait_s == 360
    assert queue.issue("CPAM").estimated_wait_s == 720
    # bureau-2 comes in: two open counters share the queue.
    queue.pause("bureau-2", "meeting")
    queue.resume("bureau-2")
    assert queue.issue("CPAM").estimated_wait_s == 3 * 360 // 2
    # A paused counter does not count.
    queue.pause("bureau-2", "lunch")
    assert queue.issue("CPAM").estimated_wait_s == 4 * 360
    ticket = queue.waiting(["CPAM"])[-1]
    assert queue.by_token(ticket.token)[1:] == (5, 4 * 360)


def test_estimate_median_ignores_unfinished_and_other_services(queue, clock):
    for minutes in (2, 10, 12):
        queue.issue("CPAM")
        serve(queue, clock, "accueil", minutes)
    queue.issue("EMPLOI")
    serve(queue, clock, "accueil", 90)  # another service: not counted
    queue.issue("CPAM")
    queue.call_next("accueil")  # called, not finished: not counted
    queue.issue("CPAM")
    assert queue.issue("CPAM").estimated_wait_s == 600


def test_estimate_falls_back_to_history_then_today_takes_over(queue, clock):
    clock.set(paris(2026, 11, 23, 10, 0))  # yesterday
    for minutes in (2, 3, 10):
        queue.issue("ACC")
        serve(queue, clock, "accueil", minutes)
    clock.set(paris(2026, 11, 24, 10, 0))
    queue.issue("ACC")
    # Yesterday's median (3 min); accueil not seen for hours, but it is the only counter.
    assert queue.issue("ACC").estimated_wait_s == 180
    # Two visits today are not enough: history still fills in (2, 3, 10, 30, 30 → 10).
    clock.advance(minutes=1)
    for _ in range(2):
        serve(queue, clock, "accueil", 30)
    queue.issue("ACC")
    assert queue.issue("ACC").estimated_wait_s == 600
    # A third visit today: today's median (30 min) alone, for the one visitor ahead.
    serve(queue, clock, "accueil", 30)
    assert queue.issue("ACC").estimated_wait_s == 1800


def test_waiting_and_today_lists(queue, clock):
    issue_at_intervals(queue, clock, "ACC", 2)
    issue_at_intervals(queue, clock, "CPAM", 1)
    called = queue.call_next("accueil")
    assert [t.number for t in queue.waiting()] == ["A001", "A002", "M001"]
    assert [t.number for t in queue.waiting(["CPAM"])] == ["M001"]
    queue.act(called.id, "cancel", "accueil")
    assert [t.number for t in queue.waiting()] == ["A002", "M001"]
    assert [t.number for t in queue.today()] == ["A001", "A002", "M001"]
    assert [t.number for t in queue.today("accueil")] == ["A001"]
    clock.advance(days=1)
    assert queue.today() == []


def test_acting_on_a_ticket_marks_the_counter_staffed(queue, clock):
    queue.issue("CPAM")
    queue.issue("CPAM")
    queue.call_next("accueil")  # accueil staffed; bureau-2 never seen, so only one counts
    assert queue.issue("CPAM").estimated_wait_s == 480
    clock.advance(minutes=1)
    waiting = queue.waiting(["CPAM"])
    queue.act(waiting[1].id, "cancel", "bureau-2")
    assert queue.counter_states()["bureau-2"].seen_at == clock.now()
    # Two staffed counters now share the one visitor ahead.
    assert queue.issue("CPAM").estimated_wait_s == 240


def test_staff_seen_long_ago_no_longer_counts_as_open(queue, clock):
    queue.pause("bureau-2", "meeting")
    queue.resume("bureau-2")
    queue.issue("CPAM")
    queue.call_next("accueil")
    clock.advance(hours=5)
    queue.call_next("accueil")  # accueil seen now, bureau-2 five hours ago
    queue.issue("CPAM")
    assert queue.issue("CPAM").estimated_wait_s == 480


def test_yesterdays_leftover_tickets_are_not_called_today(queue, clock):
    clock.set(paris(2026, 11, 23, 18, 0))  # Monday evening: nobody calls A001 any more
    stale = queue.issue("ACC").ticket
    clock.set(paris(2026, 11, 24, 9, 0))
    today = queue.issue("ACC").ticket
    assert (stale.number, today.number) == ("A001", "A001")
    # Today's queue must not show two "A001", nor call yesterday's ticket first.
    assert [t.id for t in queue.waiting(["ACC"])] == [today.id]
    assert queue.call_next("accueil").id == today.id


def test_a_new_day_closes_what_the_last_one_left_open(queue, clock, store):
    from sqlalchemy import select

    from kiosk.store.models import Event

    clock.set(paris(2026, 11, 23, 16, 0))
    waiting = queue.issue("ACC").ticket
    serving = queue.issue("ACC").ticket
    queue.call(counter="accueil", ticket_id=serving.id)
    queue.act(serving.id, "start", "accueil")
    clock.set(paris(2026, 11, 24, 8, 30))
    assert queue.close_past_days() == 2
    assert queue.ticket(waiting.id).status == "cancelled"
    assert queue.ticket(serving.id).status == "done"
    with store.read() as session:
        reasons = [
            e.data.get("reason")
            for e in session.scalars(
                select(Event).where(
                    Event.ticket_id.in_([waiting.id, serving.id]),
                    Event.kind.in_(["cancelled", "finished"]),
                )
            )
        ]
    assert reasons == ["day_end", "day_end"]
    assert queue.close_past_days() == 0  # once a day


def test_closing_a_past_day_forgets_the_figures_kept_of_it(queue, clock, store, demo_config):
    """The day keeper may keep a day before anybody closed it (nothing issued since
    midnight): its visitor still waiting was in no figure. Closing the day forgets what
    was kept, so the figures count them (as not seen within the target)."""
    from kiosk.services.stats import Stats

    clock.set(paris(2026, 11, 20, 16, 0))  # a Friday
    queue.issue("ACC")
    clock.set(paris(2026, 11, 23, 0, 5))
    stats = Stats(store, demo_config.tz, clock)
    assert stats.keep_closed_days() > 0
    friday = date(2026, 11, 20)
    assert stats.figures(friday, friday)[("demo", friday, "ACC")].abandoned == []
    queue.close_past_days()
    figures = Stats(store, demo_config.tz, clock).figures(friday, friday)
    assert len(figures[("demo", friday, "ACC")].abandoned) == 1
