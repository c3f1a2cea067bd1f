"""Daily footfall per site, day and service, from a hand-built history with known answers."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.services.footfall import FootfallRow, footfall

DAY1, DAY2, DAY3 = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def at(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    # 08:00 UTC is 09:00 in Paris in November; any instant will do, only differences count.
    return datetime(day.year, day.month, day.day, hh, mm, ss, tzinfo=UTC)


def row(
    day: date,
    service: str,
    number: str,
    status: str,
    issued: datetime,
    called: datetime | None = None,
    *,
    site: str = "demo",
    parent: str | None = None,
    arrived: datetime | None = None,
    ticket_id: str | None = None,
):
    from kiosk.store.models import Ticket

    finished = None
    if status in ("done", "no_show", "cancelled", "transferred"):
        finished = (called or issued) + timedelta(minutes=5)
    return Ticket(
        id=ticket_id or str(uuid.uuid4()),
        site=site,
        day=day,
        service=service,
        number=number,
        seq=int(number[1:]),
        priority=False,
        language="fr",
        origin="walk_in",
        status=status,
        arrived_at=arrived or issued,
        issued_at=issued,
        called_at=called,
        started_at=called,
        finished_at=finished,
        outcome="solved" if status == "done" else None,
        recalls=0,
        parent_id=parent,
        token=None,
    )


@pytest.fixture
def history(store):
    transferred = str(uuid.uuid4())
    rows = [
        # Day 1, ACC: two served, a no-show, a cancellation, one sent on to CPAM.
        row(DAY1, "ACC", "A001", "done", at(DAY1, 8, 0), at(DAY1, 8, 2)),  # wait 120
        row(DAY1, "ACC", "A002", "done", at(DAY1, 8, 5), at(DAY1, 8, 10)),  # 300
        row(DAY1, "ACC", "A003", "no_show", at(DAY1, 8, 6), at(DAY1, 8, 16)),  # 600
        row(DAY1, "ACC", "A004", "cancelled", at(DAY1, 8, 7)),  # never called
        row(
            DAY1,
            "ACC",
            "A005",
            "transferred",
            at(DAY1, 8, 8),
            at(DAY1, 8, 20),  # 720
            ticket_id=transferred,
        ),
        # Day 1, CPAM: the transferred visitor (entered CPAM's queue at 08:25) and M001.
        row(
            DAY1,
            "CPAM",
            "A005",
            "done",
            at(DAY1, 8, 25),
            at(DAY1, 8, 31),  # 360
            parent=transferred,
            arrived=at(DAY1, 8, 8),
        ),
        row(DAY1, "CPAM", "M001", "waiting", at(DAY1, 8, 30)),
        # Day 2, ACC: five served with known waits.
        row(DAY2, "ACC", "A001", "done", at(DAY2, 8, 0), at(DAY2, 8, 1)),  # 60
        row(DAY2, "ACC", "A002", "done", at(DAY2, 8, 0), at(DAY2, 8, 2)),  # 120
        row(DAY2, "ACC", "A003", "done", at(DAY2, 8, 0), at(DAY2, 8, 3)),  # 180
        row(DAY2, "ACC", "A004", "done", at(DAY2, 8, 0), at(DAY2, 8, 4)),  # 240
        row(DAY2, "ACC", "A005", "done", at(DAY2, 8, 0), at(DAY2, 8, 10)),  # 600
        # Day 2, the other site (arrived through sync).
        row(DAY2, "ACC", "A001", "called", at(DAY2, 9, 0), at(DAY2, 9, 0, 45), site="autre"),
        # Day 3: outside the range asked below.
        row(DAY3, "ACC", "A001", "done", at(DAY3, 8, 0), at(DAY3, 9, 0)),
    ]
    with store.write() as session:
        session.add_all(rows)
    return store


EXPECTED = [
    FootfallRow("autre", DAY2, "ACC", 1, 0, 0, 0, 0, 45, 45),
    # waits 120, 300, 600, 720: median 450; inclusive 9th decile 600 + 0.7 × 120 = 684.
    FootfallRow("demo", DAY1, "ACC", 5, 2, 1, 1, 0, 450, 684),
    # The transferred entry is no new visitor; its wait runs from entering CPAM's queue.
    FootfallRow("demo", DAY1, "CPAM", 1, 1, 0, 0, 1, 360, 360),
    # waits 60, 120, 180, 240, 600: median 180; 9th decile 240 + 0.6 × 360 = 456.
    FootfallRow("demo", DAY2, "ACC", 5, 5, 0, 0, 0, 180, 456),
]


def test_footfall_of_both_sites(history):
    with history.read() as session:
        assert footfall(session, DAY1, DAY2) == EXPECTED


def test_site_filter(history):
    with history.read() as session:
        assert footfall(session, DAY1, DAY2, site="demo") == EXPECTED[1:]
        assert footfall(session, DAY1, DAY2, site="autre") == EXPECTED[:1]
        assert footfall(session, DAY1, DAY2, site="nowhere") == []


def test_range_is_inclusive_on_both_ends(history):
    with history.read() as session:
        assert footfall(session, DAY2, DAY2, site="demo") == [EXPECTED[3]]
        assert footfall(session, DAY1, DAY1) == EXPECTED[1:3]
        later = footfall(session, DAY2, DAY3, site="demo")
    assert [(r.day, r.service) for r in later] == [(DAY2, "ACC"), (DAY3, "ACC")]
    assert (later[1].issued, later[1].wait_p50_s, later[1].wait_p90_s) == (1, 3600, 3600)


def test_empty_range(history):
    with history.read() as session:
        assert footfall(session, date(2026, 1, 1), date(2026, 1, 31)) == []
        assert footfall(session, DAY2, DAY1) == []


def test_no_call_means_no_wait_figures(store):
    with store.write() as session:
        session.add(row(DAY1, "NUM", "N001", "cancelled", at(DAY1, 8, 0)))
    with store.read() as session:
        (only,) = footfall(session, DAY1, DAY1)
    assert (only.issued, only.cancelled, only.wait_p50_s, only.wait_p90_s) == (1, 1, None, None)


def test_as_dict_is_json_ready(history):
    with history.read() as session:
        first = footfall(session, DAY1, DAY1)[0]
    assert first.as_dict() == {
        "site": "demo",
        "day": "2026-11-23",
        "service": "ACC",
        "issued": 5,
        "served": 2,
        "no_show": 1,
        "cancelled": 1,
        "transferred_in": 0,
        "wait_p50_s": 450,
        "wait_p90_s": 684,
    }


def test_footfall_of_a_day_run_through_the_queue_service(queue, clock, store):
    served = queue.issue("CPAM").ticket
    clock.advance(minutes=1)
    absent = queue.issue("CPAM").ticket
    clock.advance(minutes=1)
    gone = queue.issue("CPAM").ticket
    queue.act(gone.id, "cancel", "accueil")
    clock.advance(minutes=3)
    assert queue.call_next("bureau-2").id == served.id  # waited 5 min
    queue.act(served.id, "start", "bureau-2")
    clock.advance(minutes=7)
    queue.act(served.id, "finish", "bureau-2", outcome="solved")
    assert queue.call_next("bureau-2").id == absent.id  # waited 11 min
    queue.act(absent.id, "no_show", "bureau-2")
    with store.read() as session:
        rows = footfall(session, DAY2, DAY2)
    # waits 300 and 660: median 480; inclusive 9th decile 300 + 0.9 × 360 = 624.
    assert rows == [FootfallRow("demo", DAY2, "CPAM", 3, 1, 1, 1, 0, 480, 624)]


def test_wait_of_a_reactivated_no_show_runs_to_the_first_call(queue, clock, store):
    ticket = queue.issue("ACC").ticket
    clock.advance(minutes=5)
    queue.call_next("accueil")  # first call after 5 minutes
    clock.advance(minutes=2)
    queue.act(ticket.id, "no_show", "accueil")
    clock.advance(minutes=30)
    queue.act(ticket.id, "reactivate", "accueil")
    queue.call_next("accueil")
    with store.read() as session:
        (only,) = footfall(session, DAY2, DAY2)
    assert (only.wait_p50_s, only.wait_p90_s) == (300, 300)
