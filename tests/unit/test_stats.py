"""Figures of a hand-built history with known answers, and the keeping of closed days.

The history (two sites, October 2026, Paris time):
- Tue 20 Oct, demo: C001 (priority) waits 5 min, served 10 min, solved; C002 waits 20 min
  and is not there; C003 is cancelled while waiting; E001 (issued by reception) waits
  10 min and is sent on to CPAM, where it waits 10 min more and is served 20 min
  (redirected). Feedback: happy and unhappy for CAF, neutral for CPAM. Someone asks for NUM
  while closed. Enquin-les-Mines: A001 waits 30 min, served 10 min; A002 waits 10 min and
  is not there.
- Sun 25 Oct, the night clocks go back (03:00 CEST → 02:00 CET): A001 arrives 02:50 CEST,
  is called 20 min later at 02:10 CET; A002 arrives 02:30 CET; both arrived in hour 2.
- Mon 26 Oct: nobody.
- Tue 27 Oct: A001 arrives 23:50 and is served until 00:10 the next day: it counts on the
  27th, its day of issue.
"""

from __future__ import annotations

import random
import statistics
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.clock import FixedClock
from kiosk.hub.routes_stats import stats_answer
from kiosk.services import stats as stats_module
from kiosk.services.stats import (
    Figures,
    Stats,
    invalidate_days,
    parts_percentile,
    percentile,
    total,
)
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import DayStats, Ticket

PARIS = ZoneInfo("Europe/Paris")
OTHER = "enquin-les-mines"
TUE, DST, EMPTY, MIDNIGHT = (
    date(2026, 10, 20),
    date(2026, 10, 25),
    date(2026, 10, 26),
    date(2026, 10, 27),
)
OCTOBER = (date(2026, 10, 19), date(2026, 10, 31))
NOW = datetime(2026, 11, 24, 10, tzinfo=PARIS)


def paris(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=PARIS)


def utc(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


def ticket(
    day: date,
    service: str,
    number: str,
    status: str,
    issued: datetime,
    called: datetime | None = None,
    started: datetime | None = None,
    finished: datetime | None = None,
    *,
    site: str = "demo",
    outcome: str | None = None,
    counter: str | None = None,
    priority: bool = False,
    origin: str = "walk_in",
    parent: Ticket | None = None,
    arrived: datetime | None = None,
) -> Ticket:
    return Ticket(
        id=str(uuid.uuid4()),
        site=site,
        day=day,
        service=service,
        number=number,
        seq=int(number[1:]),
        priority=priority,
        language="fr",
        origin=origin,
        status=status,
        arrived_at=arrived or issued,
        issued_at=issued,
        called_at=called,
        started_at=started,
        finished_at=finished,
        counter=counter,
        outcome=outcome,
        recalls=0,
        parent_id=parent.id if parent else None,
        token=None,
    )


def history() -> list[Ticket]:
    at = lambda hh, mm: paris(TUE, hh, mm)  # noqa: E731
    transferred = ticket(
        TUE,
        "EMPLOI",
        "E001",
        "transferred",
        at(10, 0),
        at(10, 10),
        finished=at(10, 15),
        origin="reception",
    )
    return [
        ticket(
            TUE,
            "CAF",
            "C001",
            "done",
            at(9, 0),
            at(9, 5),
            at(9, 6),
            at(9, 16),
            outcome="solved",
            counter="accueil",
            priority=True,
        ),
        ticket(TUE, "CAF", "C002", "no_show", at(9, 10), at(9, 30), finished=at(9, 32)),
        ticket(TUE, "CAF", "C003", "cancelled", at(9, 20), finished=at(9, 25)),
        transferred,
        ticket(
            TUE,
            "CPAM",
            "E001",
            "done",
            at(10, 15),
            at(10, 25),
            at(10, 25),
            at(10, 45),
            outcome="redirected",
            counter="bureau-2",
            origin="reception",
            parent=transferred,
            arrived=at(10, 0),
        ),
        ticket(
            TUE,
            "ACC",
            "A001",
            "done",
            at(8, 0),
            at(8, 30),
            at(8, 30),
            at(8, 40),
            site=OTHER,
            outcome="solved",
            counter="accueil",
        ),
        ticket(TUE, "ACC", "A002", "no_show", at(8, 10), at(8, 20), finished=at(8, 22), site=OTHER),
        # 25 Oct: 00:50 UTC is 02:50 CEST; 01:10 UTC is 02:10 CET (20 min later).
        ticket(
            DST,
            "ACC",
            "A001",
            "done",
            utc(DST, 0, 50),
            utc(DST, 1, 10),
            utc(DST, 1, 10),
            utc(DST, 1, 20),
            outcome="solved",
            counter="accueil",
        ),
        ticket(
            DST,
            "ACC",
            "A002",
            "done",
            utc(DST, 1, 30),
            utc(DST, 1, 40),
            utc(DST, 1, 40),
            utc(DST, 1, 45),
            outcome="solved",
            counter="accueil",
        ),
        ticket(
            MIDNIGHT,
            "ACC",
            "A001",
            "done",
            paris(MIDNIGHT, 23, 50),
            paris(MIDNIGHT, 23, 55),
            paris(MIDNIGHT, 23, 56),
            paris(MIDNIGHT + timedelta(days=1), 0, 10),
            outcome="solved",
            counter="accueil",
        ),
    ]


@pytest.fixture
def stats(store) -> Stats:
    with store.write() as session:
        session.add_all(history())
        for service, score in (("CAF", 3), ("CAF", 1), ("CPAM", 2)):
            append_event(
                session,
                site="demo",
                epoch=store.epoch,
                kind=EventKind.FEEDBACK,
                at=paris(TUE, 11, 0),
                day=TUE,
                service=service,
                score=score,
            )
        append_event(
            session,
            site="demo",
            epoch=store.epoch,
            kind=EventKind.UNMET_DEMAND,
            at=paris(TUE, 11, 5),
            day=TUE,
            service="NUM",
        )
    return Stats(store, PARIS, FixedClock(NOW))


@pytest.fixture
def computed(monkeypatch) -> list[tuple[date, date]]:
    """The ranges :func:`kiosk.services.stats.compute` was asked for, from now on."""
    calls: list[tuple[date, date]] = []
    real = stats_module.compute

    def spy(session, tz, start, end, only=None):
        calls.append((start, end))
        return real(session, tz, start, end, only)

    monkeypatch.setattr(stats_module, "compute", spy)
    return calls


@pytest.mark.both_stores
def test_headline_of_the_whole_history(stats):
    head = total(stats.figures(*OCTOBER).values()).headline()

    assert head == {
        "issued": 9,
        "served": 6,
        "solved": 5,
        "no_show": 2,
        "cancelled": 1,
        "transferred_in": 1,
        "transferred_out": 1,
        "priority": 1,
        "reception": 1,
        "appointment": 0,
        "unmet": 1,
        # waits 300 300 600 600 600 600 1200 1200 1800: p90 = 1200 × 0.8 + 1800 × 0.2
        "wait_p50_s": 600,
        "wait_p90_s": 1320,
        # service times 300 600 600 600 840 1200
        "service_p50_s": 600,
        "solved_share": round(5 / 6, 4),
        "priority_share": round(1 / 9, 4),
        "feedback_answers": 3,
        "feedback_shares": {"3": 0.3333, "2": 0.3333, "1": 0.3333},
    }


@pytest.mark.both_stores
def test_figures_per_site_day_and_service(stats):
    figures = stats.figures(*OCTOBER)

    assert sorted(figures) == [
        ("demo", TUE, "CAF"),
        ("demo", TUE, "CPAM"),
        ("demo", TUE, "EMPLOI"),
        ("demo", TUE, "NUM"),
        ("demo", DST, "ACC"),
        ("demo", MIDNIGHT, "ACC"),
        (OTHER, TUE, "ACC"),
    ]
    caf = figures[("demo", TUE, "CAF")]
    assert (
        caf.counts["issued"],
        caf.counts["served"],
        caf.counts["no_show"],
        caf.counts["cancelled"],
    ) == (3, 1, 1, 1)
    assert caf.waits == [300, 1200]  # the cancelled visitor was never called
    assert dict(caf.feedback) == {3: 1, 1: 1}
    emploi, cpam = figures[("demo", TUE, "EMPLOI")], figures[("demo", TUE, "CPAM")]
    assert (emploi.counts["issued"], emploi.counts["transferred_out"]) == (1, 1)
    assert (
        cpam.counts["issued"],
        cpam.counts["transferred_in"],
        cpam.counts["served"],
        cpam.counts["solved"],
    ) == (0, 1, 1, 0)
    assert cpam.waits == [600]  # from entering CPAM's queue, not from the first arrival
    assert figures[("demo", TUE, "NUM")].counts == {"unmet": 1}
    assert stats.figures(*OCTOBER, site=OTHER).keys() == {(OTHER, TUE, "ACC")}


@pytest.mark.both_stores
def test_the_night_clocks_go_back(stats):
    night = stats.figures(DST, DST)[("demo", DST, "ACC")]

    assert dict(night.hours) == {2: 2}  # 02:50 CEST and 02:30 CET
    assert night.waits == [600, 1200]  # 02:50 CEST → 02:10 CET is 20 minutes
    assert night.service_times == [300, 600]


def test_a_visit_across_midnight_counts_on_its_day_of_issue(stats):
    figures = stats.figures(MIDNIGHT, MIDNIGHT + timedelta(days=1))

    assert list(figures) == [("demo", MIDNIGHT, "ACC")]
    late = figures[("demo", MIDNIGHT, "ACC")]
    assert (dict(late.hours), late.waits, late.service_times) == ({23: 1}, [300], [840])


def test_a_day_without_visits(stats, store):
    assert stats.figures(EMPTY, EMPTY) == {}
    with store.read() as session:
        markers = session.query(DayStats).filter(DayStats.day == EMPTY).all()
    assert [(m.site, m.service) for m in markers] == [("*", "*")]  # kept as "nothing"


@pytest.mark.both_stores
def test_the_dashboard_answer(stats, demo_config):
    answer = stats_answer(demo_config, stats, *OCTOBER)

    assert answer["sites"] == ["demo", OTHER]
    assert {h: n for h, n in answer["by_hour"].items() if n} == {
        "2": 2,
        "8": 2,
        "9": 3,
        "10": 1,
        "23": 1,
    }
    days = {row["day"]: row for row in answer["by_day"]}
    assert [days[d.isoformat()]["issued"] for d in (TUE, DST, EMPTY, MIDNIGHT)] == [6, 2, 0, 1]
    assert days["2026-10-27"]["same_weekday_mean"] == 6 / 4  # 20 Oct, one week before
    assert [(r["site"], r["key"], r["issued"]) for r in answer["by_site_service"]] == [
        ("demo", "ACC", 3),
        ("demo", "CAF", 3),
        ("demo", "CPAM", 0),
        ("demo", "EMPLOI", 1),
        ("demo", "NUM", 0),
        (OTHER, "ACC", 2),
    ]
    assert [(r["key"], r["issued"], r["served"], r["wait_p50_s"]) for r in answer["by_site"]] == [
        ("demo", 7, 5, 600),
        (OTHER, 2, 1, 1200),
    ]
    assert answer["by_counter"] == [
        {
            "site": "demo",
            "counter": "accueil",
            "name": "Accueil",
            "served": 4,
            "service_p50_s": 600,
        },
        {
            "site": "demo",
            "counter": "bureau-2",
            "name": "Bureau 2",
            "served": 1,
            "service_p50_s": 1200,
        },
        {"site": OTHER, "counter": "accueil", "name": "accueil", "served": 1, "service_p50_s": 600},
    ]
    assert [(b["from_min"], b["count"]) for b in answer["wait_histogram"] if b["count"]] == [
        (5, 2),
        (10, 4),
        (20, 2),
        (30, 1),
    ]
    assert answer["headline"]["feedback_counts"] == {"3": 1, "2": 1, "1": 1}
    only_caf = stats_answer(demo_config, stats, *OCTOBER, service="CAF")
    assert (only_caf["headline"]["issued"], only_caf["headline"]["wait_p90_s"]) == (3, 1110)


def test_a_second_read_does_not_compute_again(stats, store, computed):
    first = stats.figures(*OCTOBER)
    assert len(computed) == 1

    assert stats.figures(*OCTOBER).keys() == first.keys()
    assert len(computed) == 1
    # Another process (no memory of its own) reads the kept rows.
    again = Stats(store, PARIS, FixedClock(NOW)).figures(*OCTOBER)
    assert len(computed) == 1
    assert {k: f.to_json() for k, f in again.items()} == {k: f.to_json() for k, f in first.items()}


@pytest.mark.both_stores
def test_invalidated_days_are_computed_again_with_the_new_numbers(stats, store, computed):
    other_reader = Stats(store, PARIS, FixedClock(NOW))
    assert stats.figures(*OCTOBER)[("demo", TUE, "CAF")].counts["issued"] == 3
    assert other_reader.figures(*OCTOBER)[("demo", TUE, "CAF")].counts["issued"] == 3
    with store.write() as session:  # a late row for the 20th, as sync would bring it
        session.add(
            ticket(
                TUE,
                "CAF",
                "C004",
                "done",
                paris(TUE, 11, 0),
                paris(TUE, 11, 2),
                paris(TUE, 11, 2),
                paris(TUE, 11, 9),
                outcome="solved",
                counter="accueil",
            )
        )
        invalidate_days(session, "demo", [TUE])

    assert stats.figures(*OCTOBER)[("demo", TUE, "CAF")].counts["issued"] == 4
    assert computed[1:] == [(TUE, TUE)]  # that day alone
    # The other reader held the 20th in memory: the new marker tells it to read again.
    assert other_reader.figures(*OCTOBER)[("demo", TUE, "CAF")].counts["issued"] == 4
    assert len(computed) == 2
    assert stats.figures(*OCTOBER)[(OTHER, TUE, "ACC")].counts["issued"] == 2


def test_the_day_keeper_keeps_every_closed_day_once(stats, store, computed):
    """As the hub does at start and after midnight: every closed day from the first visit
    on is kept, each once, and a dashboard then reads kept rows alone."""
    assert stats.keep_closed_days() == (NOW.date() - timedelta(days=2) - TUE).days + 1
    assert computed and all(end - start < timedelta(days=7) for start, end in computed)
    with store.read() as session:
        markers = {row.day for row in session.query(DayStats).filter(DayStats.site == "*")}
    assert min(markers) == TUE and max(markers) == NOW.date() - timedelta(days=2)
    assert len(markers) == len(set(markers))
    assert stats.keep_closed_days() == 0
    fresh = Stats(store, PARIS, FixedClock(NOW))  # a restarted hub, nothing in memory
    computed.clear()
    since_first = (TUE, OCTOBER[1])
    again = fresh.figures(*since_first)
    assert computed == []
    with store.read() as session:
        straight = stats_module.compute(session, PARIS, *since_first)
    assert {k: f.to_json() for k, f in again.items()} == {
        k: f.to_json() for k, f in straight.items()
    }


def test_the_day_keeper_has_nothing_to_do_on_a_new_site(store):
    assert Stats(store, PARIS, FixedClock(NOW)).keep_closed_days() == 0


def test_today_and_yesterday_are_never_kept(store, computed):
    clock = FixedClock(paris(TUE, 12, 0))
    with store.write() as session:
        session.add(history()[0])
    stats = Stats(store, PARIS, clock)
    assert stats.figures(TUE, TUE)[("demo", TUE, "CAF")].counts["served"] == 1
    assert stats.figures(TUE, TUE)[("demo", TUE, "CAF")].counts["served"] == 1
    assert len(computed) == 2
    with store.read() as session:
        assert session.query(DayStats).count() == 0


def test_old_unsorted_kept_rows_still_read():
    figures = Figures.from_json(
        {
            "counts": {"issued": 3},
            "waits": [900, 60, 300],
            "service_times": [5, 1],
            "hours": {"9": 3},
            "counters": {"accueil": {"served": 2, "service_times": [5, 1]}},
        }
    )
    assert figures.waits == [60, 300, 900]
    assert figures.counters["accueil"]["service_times"] == [1, 5]
    assert figures.headline()["wait_p50_s"] == 300


def _old_percentile(values: list[int], q: float) -> int | None:
    """The definition the figures were first computed with (statistics module)."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0])
    if q == 0.5:
        return round(statistics.median(values))
    return round(statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1])


def test_fast_percentiles_equal_the_statistics_module():
    rng = random.Random(5)
    for _ in range(3000):
        parts = [
            sorted(rng.randrange(0, 4000) for _ in range(rng.randrange(0, 9)))
            for _ in range(rng.randrange(1, 5))
        ]
        values = [v for part in parts for v in part]
        for q in (0.5, 0.9, 0.25):
            assert percentile(values, q) == _old_percentile(values, q)
            assert parts_percentile(parts, q) == _old_percentile(values, q)
    big = [sorted(rng.randrange(0, 9000) for _ in range(3000)) for _ in range(4)]
    every = [v for part in big for v in part]
    assert parts_percentile(big, 0.9) == _old_percentile(every, 0.9)
    assert parts_percentile(big, 0.5) == _old_percentile(every, 0.5)
