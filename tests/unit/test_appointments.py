"""Appointments at service level: booking rules, check-in, ordering, races, wrong codes."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.errors import Conflict, KioskError, NotFound, RateLimited, ServiceClosed
from kiosk.services.appointments import MAX_WRONG_CODES, Appointments, NotToday
from kiosk.store.events import EventKind
from kiosk.store.models import Appointment, Event, Ticket
from tests.conftest import PARIS

TUESDAY = datetime(2026, 11, 24, tzinfo=PARIS).date()


def paris(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def appointments(store, demo_config, clock, queue) -> Appointments:
    return Appointments(store, demo_config, clock, queue)


def tickets(store) -> list[Ticket]:
    with store.read() as session:
        return list(session.scalars(select(Ticket)))


# -- booking ----------------------------------------------------------------------------


def test_book_gives_a_six_digit_code_and_an_event_without_it(appointments, store):
    booked = appointments.book("CAF", paris(24, 11, 30), "accueil")
    assert len(booked.code) == 6 and booked.code.isdigit()
    assert booked.service == "CAF" and booked.at == paris(24, 11, 30)
    assert booked.ticket_id is None and not booked.cancelled
    with store.read() as session:
        event = session.scalar(select(Event).where(Event.kind == EventKind.APPOINTMENT_BOOKED))
    assert event.service == "CAF" and event.counter == "accueil"
    assert event.day == TUESDAY and event.ticket_id is None
    assert set(event.data) == {"appointment_at"}
    assert datetime.fromisoformat(event.data["appointment_at"]) == paris(24, 11, 30)
    assert booked.code not in str(event.data)


def test_event_day_is_the_appointment_day(appointments, store):
    appointments.book("CAF", paris(1, 10, 30, month=12), "accueil")
    with store.read() as session:
        event = session.scalar(select(Event).where(Event.kind == EventKind.APPOINTMENT_BOOKED))
    assert event.day == paris(1, 10, 30, month=12).date()


def test_codes_are_unique(appointments):
    codes = {
        appointments.book("ACC", paris(25, 9) + timedelta(minutes=i), "accueil").code
        for i in range(40)
    }
    assert len(codes) == 40


def test_a_drawn_code_already_taken_is_drawn_again(appointments, monkeypatch):
    first = appointments.book("ACC", paris(25, 9), "accueil")
    draws = iter([first.code, first.code, "424242"])
    monkeypatch.setattr("kiosk.services.appointments._draw_code", lambda: next(draws))
    assert appointments.book("ACC", paris(25, 10), "accueil").code == "424242"


@pytest.mark.parametrize(
    ("service", "at", "needle"),
    [
        ("CAF", paris(24, 14), "not open"),  # CAF: Tuesday mornings only
        ("CAF", paris(25, 10), "not open"),  # a Wednesday
        ("ACC", paris(24, 9), "past"),
        ("ACC", paris(24, 10) + timedelta(days=91), "90 days"),
        ("ACC", datetime(2026, 11, 25, 10, 0), "time zone"),
    ],
)
def test_booking_refused_with_a_reason(appointments, service, at, needle):
    with pytest.raises(KioskError, match=needle):
        appointments.book(service, at, "accueil")


def test_booking_unknown_service_or_counter(appointments):
    with pytest.raises(NotFound):
        appointments.book("NOPE", paris(25, 10), "accueil")
    with pytest.raises(NotFound):
        appointments.book("ACC", paris(25, 10), "nobody")


# -- checking in ------------------------------------------------------------------------


def test_check_in_issues_an_appointment_ticket_and_links_it(appointments, store):
    booked = appointments.book("CAF", paris(24, 10, 30), "accueil")
    issued = appointments.check_in(booked.code, "en", kiosk="k1")
    ticket = issued.ticket
    assert ticket.origin == "appointment" and ticket.service == "CAF"
    assert ticket.appointment_at == paris(24, 10, 30) and ticket.language == "en"
    assert ticket.number == "C001"
    with store.read() as session:
        assert session.get(Appointment, booked.code).ticket_id == ticket.id


def test_due_appointment_is_called_before_earlier_walk_ins(appointments, queue, clock):
    booked = appointments.book("CAF", paris(24, 10, 20), "accueil")
    walk_ins = [queue.issue("CAF").ticket for _ in range(3)]
    clock.advance(minutes=2)
    ticket = appointments.check_in(booked.code).ticket
    # 10:02: not due yet (due from 10:05, 15 min early): arrival order.
    assert queue.call_next("bureau-2").id == walk_ins[0].id
    clock.advance(minutes=5)
    assert queue.call_next("bureau-2").id == ticket.id
    assert queue.call_next("bureau-2").id == walk_ins[1].id


def test_checking_in_twice_gives_one_ticket(appointments, store):
    booked = appointments.book("ACC", paris(24, 10, 30), "accueil")
    first = appointments.check_in(booked.code)
    with pytest.raises(Conflict, match=first.ticket.number):
        appointments.check_in(booked.code)
    assert len(tickets(store)) == 1


def test_concurrent_check_ins_give_one_ticket(appointments, store):
    booked = appointments.book("ACC", paris(24, 10, 30), "accueil")
    results: list[object] = []
    start = threading.Barrier(8)

    def attempt() -> None:
        start.wait()
        try:
            results.append(appointments.check_in(booked.code))
        except Conflict as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(results) == 8
    assert sum(not isinstance(r, Conflict) for r in results) == 1
    assert len(tickets(store)) == 1


def test_unknown_and_malformed_codes_get_the_same_answer(appointments):
    appointments.book("ACC", paris(24, 11), "accueil")
    messages = set()
    for code in ("000000", "12345", "abcdef", "", "1234567"):
        with pytest.raises(NotFound) as caught:
            appointments.check_in(code, source=None)
        messages.add(str(caught.value))
    assert len(messages) == 1 and "reception" in messages.pop()


def test_another_day_says_when(appointments, clock):
    booked = appointments.book("CAF", paris(1, 10, 30, month=12), "accueil")
    with pytest.raises(NotToday, match="is on 01/12 at 10:30"):
        appointments.check_in(booked.code)
    clock.set(paris(2, 10, month=12))
    with pytest.raises(NotToday, match="was on 01/12 at 10:30"):
        appointments.check_in(booked.code)


def test_cancelled_code_is_refused_and_a_checked_in_one_cannot_be_cancelled(appointments):
    booked = appointments.book("ACC", paris(24, 11), "accueil")
    appointments.cancel(booked.code, "accueil")
    with pytest.raises(Conflict, match="cancelled"):
        appointments.check_in(booked.code)
    with pytest.raises(Conflict, match="already cancelled"):
        appointments.cancel(booked.code, "accueil")
    other = appointments.book("ACC", paris(24, 11), "accueil")
    number = appointments.check_in(other.code).ticket.number
    with pytest.raises(Conflict, match=number):
        appointments.cancel(other.code, "bureau-2")
    with pytest.raises(NotFound):
        appointments.cancel("999999" if other.code != "999999" else "999998", "accueil")


def test_very_late_visitor_queues_like_a_walk_in(appointments, queue, clock):
    booked = appointments.book("ACC", paris(24, 10, 5), "accueil")
    walk_in = queue.issue("ACC").ticket
    clock.set(paris(24, 10, 40))  # 35 min late: the slot is gone
    ticket = appointments.check_in(booked.code).ticket
    assert ticket.origin == "appointment" and ticket.appointment_at is None
    assert queue.call_next("accueil").id == walk_in.id


def test_slightly_late_visitor_is_still_called_first(appointments, queue, clock):
    booked = appointments.book("ACC", paris(24, 10, 5), "accueil")
    walk_in = queue.issue("ACC").ticket
    clock.set(paris(24, 10, 30))
    ticket = appointments.check_in(booked.code).ticket
    assert ticket.appointment_at == paris(24, 10, 5)
    assert queue.call_next("accueil").id == ticket.id
    assert queue.call_next("accueil").id == walk_in.id


def test_service_closed_at_check_in_keeps_the_code_usable(appointments, clock, store):
    booked = appointments.book("CAF", paris(24, 11, 45), "accueil")
    clock.set(paris(24, 8, 30))  # before CAF opens (09:00)
    with pytest.raises(ServiceClosed):
        appointments.check_in(booked.code)
    with store.read() as session:
        assert session.get(Appointment, booked.code).ticket_id is None
    clock.set(paris(24, 11, 40))
    assert appointments.check_in(booked.code).ticket.origin == "appointment"


def test_bad_language_claims_nothing(appointments, store):
    booked = appointments.book("ACC", paris(24, 11), "accueil")
    with pytest.raises(KioskError, match="language"):
        appointments.check_in(booked.code, "de")
    assert appointments.check_in(booked.code, "nl").ticket.language == "nl"


def test_wrong_codes_lock_the_source_out(appointments, clock):
    booked = appointments.book("ACC", paris(24, 11), "accueil")
    wrong = "000000" if booked.code != "000000" else "000001"
    for _ in range(MAX_WRONG_CODES):
        with pytest.raises(NotFound):
            appointments.check_in(wrong, source="10.0.0.9")
    with pytest.raises(RateLimited, match="wrong appointment codes"):
        appointments.check_in(booked.code, source="10.0.0.9")
    # Another source is not affected; the lock ends by itself.
    other = appointments.book("ACC", paris(24, 11, 30), "accueil")
    appointments.check_in(other.code, source="10.0.0.10")
    clock.advance(minutes=6)
    appointments.check_in(booked.code, source="10.0.0.9")


# -- the day's list -----------------------------------------------------------------------


def test_list_for_day(appointments, clock):
    later = appointments.book("ACC", paris(24, 16), "accueil")
    checked = appointments.book("CAF", paris(24, 10, 30), "accueil")
    cancelled = appointments.book("ACC", paris(24, 12), "accueil")
    appointments.book("ACC", paris(25, 10), "accueil")  # another day
    number = appointments.check_in(checked.code).ticket.number
    appointments.cancel(cancelled.code, "accueil")
    lines = appointments.list_for_day(TUESDAY)
    assert [line.code for line in lines] == [checked.code, cancelled.code, later.code]
    assert [line.state for line in lines] == ["checked_in", "cancelled", "booked"]
    assert lines[0].ticket_number == number and lines[0].ticket_status == "waiting"
    clock.set(paris(24, 17))
    assert appointments.list_for_day(TUESDAY)[2].state == "late"
    clock.set(paris(25, 9))
    assert appointments.list_for_day(TUESDAY)[2].state == "missed"
