"""Service level ("85 % within 15 min") per site, service, day and month, with the previous
period, from real SQLite rows; the site file's target and its default; the CSV columns."""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date, datetime, timedelta

import pytest

from kiosk.hub.routes_manager import EXPORT_COLUMNS, export_lines
from kiosk.hub.routes_stats import stats_answer
from kiosk.services.service_level import months_of, previous_period
from kiosk.services.stats import Stats
from kiosk.siteconfig.loader import parse_site_config
from tests.conftest import PARIS
from tests.factories import served_visit

OTHER = "enquin-les-mines"


def _visits(store, site: str, day: date, service: str, waits_min: list[float]) -> None:
    with store.write() as session:
        session.add_all(
            served_visit(
                site, day, service, n + 1,
                datetime(day.year, day.month, day.day, 9, tzinfo=PARIS) + timedelta(minutes=n),
                wait, service_min=5,
            )
            for n, wait in enumerate(waits_min)
        )


@pytest.fixture
def answer(store, demo_config, clock):
    # November: CAF 3 of 4 within 15 min (15:00 exactly counts), EMPLOI 0 of 1, Enquin 1 of 2.
    _visits(store, "demo", date(2026, 11, 10), "CAF", [2, 14, 15, 16])
    _visits(store, "demo", date(2026, 11, 12), "EMPLOI", [30])
    _visits(store, OTHER, date(2026, 11, 12), "CAF", [1, 45])
    # October (the previous period): 1 of 1.
    _visits(store, "demo", date(2026, 10, 20), "CAF", [3])
    stats = Stats(store, demo_config.tz, clock)
    return stats_answer(demo_config, stats, date(2026, 11, 1), date(2026, 11, 30))


def test_service_level_per_site_service_day_and_month(answer):
    assert answer["service_level_target"] == {"share": 0.85, "minutes": 15}
    head = answer["headline"]
    assert (head["service_level_within"], head["service_level_seen"]) == (4, 7)
    assert head["service_level_share"] == round(4 / 7, 4)
    assert head["service_level_met"] is False
    by_site = {row["key"]: row for row in answer["by_site"]}
    assert by_site["demo"]["service_level_share"] == 0.6
    assert by_site[OTHER]["service_level_share"] == 0.5
    rows = {(r["site"], r["key"]): r for r in answer["by_site_service"]}
    assert rows[("demo", "CAF")]["service_level_share"] == 0.75
    assert rows[("demo", "EMPLOI")]["service_level_share"] == 0.0
    days = {r["day"]: r for r in answer["by_day"]}
    assert days["2026-11-10"]["service_level_share"] == 0.75
    assert days["2026-11-12"]["service_level_share"] == round(1 / 3, 4)
    assert days["2026-11-11"]["service_level_share"] is None
    (month,) = answer["by_month"]
    assert (month["month"], month["service_level_within"], month["issued"]) == ("2026-11", 4, 7)


def test_previous_period_is_the_month_before(answer):
    previous = answer["previous"]
    assert (previous["from"], previous["to"]) == ("2026-10-01", "2026-10-31")
    assert previous["headline"]["issued"] == 1
    assert previous["headline"]["service_level_share"] == 1.0
    assert previous["headline"]["service_level_met"] is True


def test_periods():
    assert previous_period(date(2026, 3, 1), date(2026, 3, 31)) == (
        date(2026, 2, 1), date(2026, 2, 28))
    assert previous_period(date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2025, 1, 1), date(2025, 12, 31))
    assert previous_period(date(2026, 11, 24), date(2026, 11, 24)) == (
        date(2026, 11, 23), date(2026, 11, 23))
    assert previous_period(date(2026, 11, 9), date(2026, 11, 15)) == (
        date(2026, 11, 2), date(2026, 11, 8))
    assert months_of(date(2026, 11, 20), date(2027, 1, 3)) == [
        (date(2026, 11, 20), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 3)),
    ]


def test_export_carries_the_service_level(store, demo_config, clock):
    _visits(store, "demo", date(2026, 11, 10), "CAF", [2, 14, 15, 16])
    stats = Stats(store, demo_config.tz, clock)
    text = "".join(export_lines(demo_config, stats, date(2026, 11, 10), date(2026, 11, 10)))
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert list(row) == list(EXPORT_COLUMNS)
    assert (row["service_level_within"], row["service_level_seen"]) == ("3", "4")
    assert row["service_level_share"] == "0.75"
    assert (row["service_level_target_share"], row["service_level_target_min"]) == ("0.85", "15")


def test_target_in_the_site_file(demo_config):
    from config import site_file

    text = site_file("demo").read_text(encoding="utf-8")
    text = text.replace("share = 0.85\nminutes = 15", "share = 0.9\nminutes = 10")
    config = parse_site_config(tomllib.loads(text), "demo.toml")
    assert (config.service_level.share, config.service_level.minutes) == (0.9, 10)
    bare = text.split("[service_level]")[0]
    assert parse_site_config(tomllib.loads(bare), "demo.toml").service_level.minutes == 15
    problems = parse_site_config(
        tomllib.loads(bare + "[service_level]\nshare = 1.5\n"), "demo.toml"
    )
    assert isinstance(problems, list)
    assert "service_level.share" in str(problems[0])


def _gone(store, site: str, day: date, service: str, after_min: list[float]) -> None:
    """Visitors who left uncalled ``after_min`` minutes after taking their ticket."""
    with store.write() as session:
        for n, minutes in enumerate(after_min):
            issued = datetime(day.year, day.month, day.day, 11, tzinfo=PARIS) + timedelta(
                minutes=n
            )
            visit = served_visit(site, day, service, 100 + n, issued, 0, 0)
            visit.status, visit.outcome, visit.counter = "cancelled", None, None
            visit.called_at = visit.started_at = None
            visit.finished_at = issued + timedelta(minutes=minutes)
            session.add(visit)


def test_a_visitor_who_gave_up_after_the_target_was_not_seen_within_it(
    store, demo_config, clock
):
    """Leaving out those who gave up would make the figure best exactly when the wait is
    worst; a ticket cancelled within the target tells nothing of the wait."""
    day = date(2026, 11, 10)
    _visits(store, "demo", day, "CAF", [2, 14, 15, 16])  # 3 of 4 within
    _gone(store, "demo", day, "CAF", [40, 16, 3])  # two gave up past 15 min, one at once
    stats = Stats(store, demo_config.tz, clock)
    answer = stats_answer(demo_config, stats, date(2026, 11, 1), date(2026, 11, 30))
    head = answer["headline"]
    assert (head["service_level_within"], head["service_level_seen"]) == (3, 6)
    assert head["service_level_gave_up"] == 2 and head["service_level_share"] == 0.5
    assert {r["day"]: r for r in answer["by_day"]}["2026-11-10"]["service_level_share"] == 0.5
    assert answer["by_month"][0]["service_level_share"] == 0.5
    line = next(csv.DictReader(io.StringIO("".join(
        export_lines(demo_config, stats, day, day, None, None)))))  # fmt: skip
    assert (line["service_level_within"], line["service_level_seen"]) == ("3", "6")
    assert line["service_level_gave_up"] == "2"


def test_met_is_decided_on_the_counts_not_the_rounded_share():
    from kiosk.services.service_level import service_level
    from kiosk.siteconfig.schema import ServiceLevel

    target = ServiceLevel(share=0.85, minutes=15)
    # 33,999 of 40,000 is 84.9975 %: its share rounds to 0.85, yet the target is not met.
    short = service_level([[60] * 33999 + [3600] * 6001], target)
    assert short["service_level_share"] == 0.85 and short["service_level_met"] is False
    assert service_level([[60] * 34000 + [3600] * 6000], target)["service_level_met"] is True
    # 55 of 100 against 55 %: met (0.55 × 100 is 55.000000000000007 in floating point).
    level = service_level([[60] * 55 + [3600] * 45], ServiceLevel(share=0.55, minutes=15))
    assert level["service_level_met"] is True


def test_a_day_kept_by_an_older_version_is_computed_again_unless_its_tickets_are_gone(
    store, demo_config, clock
):
    """Kept figures from before ``abandoned`` was kept would leave the given-up visitors
    out for good; a day past the retention cut-off keeps what it has."""
    from kiosk.services.stats import ALL, DayStats
    from kiosk.store.models import Meta

    old, purged = date(2026, 11, 3), date(2026, 10, 6)
    for day in (old, purged):
        _visits(store, "demo", day, "CAF", [2])
        _gone(store, "demo", day, "CAF", [40])
    stats = Stats(store, demo_config.tz, clock)
    assert stats.keep_closed_days() > 0
    with store.write() as session:  # as an older version kept them: no abandoned, no version
        for row in session.query(DayStats).filter(DayStats.day.in_([old, purged])):
            row.figures = {k: v for k, v in row.figures.items()
                           if k not in ("abandoned", "version")}  # fmt: skip
        session.merge(Meta(key="purged_before", value="2026-10-10"))
    fresh = Stats(store, demo_config.tz, clock)
    figures = fresh.figures(date(2026, 10, 1), date(2026, 11, 5))
    assert figures[("demo", old, "CAF")].abandoned == [2400]  # computed again
    assert figures[("demo", purged, "CAF")].abandoned == []  # kept as it was
    with store.read() as session:
        marker = session.query(DayStats).filter_by(site=ALL, day=old).one()
        assert marker.figures["version"] >= 2
    assert fresh.keep_closed_days() == 0  # nothing stale left to keep again


def test_an_appointment_waits_from_its_time_not_from_an_early_arrival(store, demo_config, clock):
    day = date(2026, 11, 10)
    arrived = datetime(2026, 11, 10, 9, 35, tzinfo=PARIS)
    with store.write() as session:
        early = served_visit("demo", day, "CAF", 1, arrived, 27, 5)  # called at 10:02
        early.origin, early.appointment_at = "appointment", arrived + timedelta(minutes=25)
        late = served_visit("demo", day, "CAF", 2, arrived + timedelta(minutes=40), 20, 5)
        late.origin, late.appointment_at = "appointment", arrived + timedelta(minutes=25)
        session.add_all([early, late])
    stats = Stats(store, demo_config.tz, clock)
    figures = stats.figures(day, day)[("demo", day, "CAF")]
    assert figures.waits == [120, 1200]  # 2 min after 10:00; the late one from its arrival
    head = stats_answer(demo_config, stats, day, day)["headline"]
    assert (head["service_level_within"], head["service_level_seen"]) == (1, 2)


@pytest.mark.parametrize("mark_purged", [True, False])
def test_a_day_kept_then_purged_meanwhile_is_never_wiped(store, demo_config, clock, mark_purged):
    """A reader saw a day's kept figures as stale and recomputes it; meanwhile `kiosk
    purge` (its own process) kept it and deleted its tickets. Its figures stay as kept:
    recomputing them now would find nothing and replace them with nothing, for good."""
    from sqlalchemy import delete

    from kiosk.services.stats import ALL, DayStats
    from kiosk.store.models import Meta, Ticket

    day = date(2026, 11, 3)
    _visits(store, "demo", day, "CAF", [2, 3])
    _gone(store, "demo", day, "CAF", [40])
    stats = Stats(store, demo_config.tz, clock)
    stats.keep_closed_days()
    with store.write() as session:  # an older version's marker; then the purge
        marker = session.query(DayStats).filter_by(site=ALL, day=day).one()
        marker.figures = {"token": "old"}
        session.execute(delete(Ticket).where(Ticket.day == day))
        if mark_purged:
            session.merge(Meta(key="purged_before", value="2026-11-10"))
    stats._compute_and_keep([day])  # what the stale reader goes on to do
    kept = Stats(store, demo_config.tz, clock).figures(day, day)[("demo", day, "CAF")]
    assert kept.waits == [120, 180] and kept.abandoned == [2400]
