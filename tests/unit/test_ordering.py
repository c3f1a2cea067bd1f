"""Who is called next: appointments due, priority interleaved fairly, then arrival order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.domain.ordering import Candidate, is_due, normals_since_priority, pick_next

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
EARLY = timedelta(minutes=15)


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


def normal(name: str, arrived_min: float, seq: int = 0, **kw) -> Candidate:
    return Candidate(name, False, at(arrived_min), seq, **kw)


def prio(name: str, arrived_min: float, seq: int = 0, **kw) -> Candidate:
    return Candidate(name, True, at(arrived_min), seq, **kw)


def pick(candidates, recent=(), *, every=2, now=NOW, early=EARLY):
    return pick_next(candidates, list(recent), priority_every=every, now=now, early=early)


def simulate(candidates: list[Candidate], *, every: int, recent=(), now=NOW) -> list[str]:
    """Call until nobody waits; returns the ids in call order."""
    waiting = list(candidates)
    history = list(recent)  # newest first
    order = []
    while waiting:
        chosen = pick(waiting, history, every=every, now=now)
        assert chosen is not None
        order.append(chosen.id)
        waiting.remove(chosen)
        if chosen.appointment_at is None:
            history.insert(0, chosen.priority)
    assert pick(waiting, history, every=every, now=now) is None
    return order


# -- empty and single kinds -------------------------------------------------------------


def test_nobody_waiting_gives_none():
    assert pick([]) is None
    assert pick([], [True, False], every=0) is None


def test_only_normal_tickets_go_by_arrival():
    queue = [normal("n3", 3), normal("n1", 1), normal("n2", 2)]
    assert simulate(queue, every=2) == ["n1", "n2", "n3"]


def test_only_priority_tickets_go_by_arrival_at_once():
    queue = [prio("p2", 2), prio("p1", 1), prio("p3", 3)]
    # No normal ticket waits, so priority ones are served even right after a priority call.
    assert pick(queue, [True, True, True]).id == "p1"
    assert simulate(queue, every=2, recent=[True]) == ["p1", "p2", "p3"]


def test_only_normal_even_when_a_priority_is_owed():
    queue = [normal("n2", 2), normal("n1", 1)]
    assert pick(queue, [False, False, False]).id == "n1"


# -- arrival order ----------------------------------------------------------------------


def test_arrival_order_is_ascending_not_descending():
    # Novo SGA once served the newest arrival first; the oldest must go first.
    queue = [normal("late", 30), normal("early", 1), normal("middle", 10)]
    assert pick(queue).id == "early"


def test_ties_on_arrival_are_broken_by_seq():
    same = at(5)
    queue = [
        Candidate("third", False, same, 3),
        Candidate("first", False, same, 1),
        Candidate("second", False, same, 2),
    ]
    assert simulate(queue, every=2) == ["first", "second", "third"]


def test_arrival_beats_seq():
    # seq is only the tie-breaker: a transferred visitor with a high seq but an early
    # arrival goes before a newer visitor with a lower seq.
    queue = [normal("new-low-seq", 10, seq=1), normal("old-high-seq", 2, seq=99)]
    assert pick(queue).id == "old-high-seq"


def test_order_does_not_depend_on_input_order():
    queue = [normal(f"n{i}", i, seq=i) for i in range(10)]
    assert pick(list(reversed(queue))).id == "n0"
    assert pick(queue[3:] + queue[:3]).id == "n0"


# -- priority interleaving --------------------------------------------------------------


def test_priority_every_two_over_a_long_sequence():
    normals = [normal(f"n{i:02d}", i, seq=i) for i in range(20)]
    # Priority visitors all arrived before every normal one: still only one per two normals.
    prios = [prio(f"p{i:02d}", -100 + i, seq=100 + i) for i in range(8)]
    order = simulate(normals + prios, every=2)
    kinds = "".join("P" if c.startswith("p") else "N" for c in order)
    assert kinds == "NNP" * 8 + "NNNN"
    # Within each kind, arrival order.
    assert [c for c in order if c.startswith("n")] == [f"n{i:02d}" for i in range(20)]
    assert [c for c in order if c.startswith("p")] == [f"p{i:02d}" for i in range(8)]


def test_priority_every_two_with_more_priority_than_normal():
    normals = [normal(f"n{i}", i, seq=i) for i in range(4)]
    prios = [prio(f"p{i}", i, seq=10 + i) for i in range(6)]
    order = simulate(normals + prios, every=2)
    kinds = "".join("P" if c.startswith("p") else "N" for c in order)
    # N N P N N P, then only priority visitors are left and go one after another.
    assert kinds == "NNPNNPPPPP"


@pytest.mark.parametrize("every", [1, 3, 5])
def test_priority_every_n(every):
    normals = [normal(f"n{i:02d}", i, seq=i) for i in range(every * 4)]
    prios = [prio(f"p{i}", i, seq=100 + i) for i in range(4)]
    order = simulate(normals + prios, every=every)
    kinds = "".join("P" if c.startswith("p") else "N" for c in order)
    assert kinds == ("N" * every + "P") * 4


def test_priority_every_zero_serves_priority_first():
    queue = [normal("n0", 0), normal("n1", 1), prio("p0", 5), prio("p1", 6), normal("n2", 2)]
    assert simulate(queue, every=0) == ["p0", "p1", "n0", "n1", "n2"]


def test_priority_every_zero_ignores_history():
    queue = [normal("n0", 0), prio("p0", 5)]
    assert pick(queue, [True, True, True, True], every=0).id == "p0"


def test_the_count_of_normals_is_taken_from_the_recent_calls():
    queue = [normal("n", 0), prio("p", 10)]
    assert pick(queue, []).id == "n"
    assert pick(queue, [False]).id == "n"
    assert pick(queue, [False, False]).id == "p"
    assert pick(queue, [False, False, True]).id == "p"
    assert pick(queue, [True, False, False]).id == "n"
    assert pick(queue, [False, True, False, False]).id == "n"
    assert pick(queue, [False, False, False, False, False]).id == "p"


def test_resuming_a_started_day_continues_the_rhythm():
    queue = [normal(f"n{i}", i, seq=i) for i in range(4)] + [prio("p0", 0), prio("p1", 1)]
    # One normal was already called after the last priority one: one more normal, then P.
    order = simulate(queue, every=2, recent=[False, True])
    assert order == ["n0", "p0", "n1", "n2", "p1", "n3"]


@pytest.mark.parametrize(
    ("recent", "expected"),
    [
        ([], 0),
        ([True], 0),
        ([False], 1),
        ([False, False, True, False], 2),
        ([False] * 7, 7),
        ([True, False, False], 0),
    ],
)
def test_normals_since_priority(recent, expected):
    assert normals_since_priority(recent) == expected


# -- appointments -----------------------------------------------------------------------


def test_due_appointment_goes_first_even_before_priority_and_early_arrivals():
    queue = [
        normal("walk-in", -60),
        prio("prio", -50),
        normal("appt", 0, appointment_at=at(10)),  # due: 10 min away, window is 15
    ]
    assert pick(queue, [False, False]).id == "appt"


def test_several_due_appointments_go_by_appointment_time():
    queue = [
        normal("later-appt", -30, appointment_at=at(5)),
        normal("earlier-appt", -1, appointment_at=at(-5)),
        normal("walk-in", -90),
    ]
    assert simulate(queue, every=2) == ["earlier-appt", "later-appt", "walk-in"]


def test_due_appointments_with_the_same_time_go_by_arrival_then_seq():
    slot = at(0)
    queue = [
        Candidate("b", False, at(-5), 2, slot),
        Candidate("c", False, at(-5), 3, slot),
        Candidate("a", False, at(-10), 9, slot),
    ]
    assert simulate(queue, every=2) == ["a", "b", "c"]


def test_not_yet_due_appointment_is_treated_by_arrival():
    # The appointment is at +60 min: not due, so the visitor waits like any other.
    queue = [
        normal("walk-in-before", -20),
        normal("appt-not-due", -10, appointment_at=at(60)),
        normal("walk-in-after", -5),
    ]
    assert simulate(queue, every=2) == ["walk-in-before", "appt-not-due", "walk-in-after"]


def test_due_window_boundaries():
    exactly = normal("x", 0, appointment_at=NOW + EARLY)
    just_after = normal("y", 0, appointment_at=NOW + EARLY + timedelta(seconds=1))
    assert is_due(exactly, NOW, EARLY)
    assert not is_due(just_after, NOW, EARLY)
    assert not is_due(normal("z", 0), NOW, EARLY)
    assert is_due(normal("w", 0, appointment_at=at(-120)), NOW, EARLY)
    assert not is_due(normal("v", 0, appointment_at=at(1)), NOW, timedelta(0))


def test_appointment_becomes_due_as_time_passes():
    queue = [normal("walk-in", -30), normal("appt", 0, appointment_at=at(40))]
    assert pick(queue, now=NOW).id == "walk-in"
    assert pick(queue, now=at(24)).id == "walk-in"
    assert pick(queue, now=at(25)).id == "appt"


def test_due_appointment_beats_priority_every_zero():
    queue = [prio("p", -30), normal("appt", 0, appointment_at=at(0))]
    assert pick(queue, every=0).id == "appt"
