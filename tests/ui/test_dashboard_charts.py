"""Honest charts: equal bins for the waits, gaps for closed days, one line per site, the
comparison not run into days to come, today's unfinished day set apart."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QBarSeries, QLineSeries, QScatterSeries

from kiosk.domain.schedule import Interval, WeeklySchedule
from kiosk.hub.routes_stats import _days
from kiosk.services.stats import Figures
from kiosk.siteconfig.schema import ServiceLevel
from ui.dashboard.charts import days_chart, wait_slots, waits_chart

BANDS = [(0, 5), (5, 10), (10, 15), (15, 20), (20, 30), (30, 45), (45, 60), (60, 90), (90, None)]


def histogram(counts: list[int]) -> list[dict]:
    return [{"from_min": low, "to_min": high, "count": n}
            for (low, high), n in zip(BANDS, counts, strict=True)]


def test_wait_bars_are_all_five_minutes_wide_and_hold_visitors_per_five_minutes(qapp):
    # 30 visitors in 20–30 is 15 per five minutes: as many as 15 in 15–20, not twice as
    # many (the old chart drew the 10-minute band as one bar of 30: a false peak).
    counts = [10, 10, 10, 15, 30, 45, 0, 30, 4]
    slots, over = wait_slots(histogram(counts))
    assert {high - low for low, high, _ in slots} == {5}
    assert [low for low, _, _ in slots] == list(range(0, 90, 5))
    assert dict((low, v) for low, _, v in slots)[20] == 15 == dict((low, v) for low, _, v in
                                                                   slots)[15]
    assert over == 4
    assert sum(v for _, _, v in slots) + over == sum(counts)  # nobody lost or counted twice
    chart = waits_chart(histogram(counts))
    [series] = [s for s in chart.series() if isinstance(s, QBarSeries)]
    values = [series.barSets()[0].at(i) for i in range(series.barSets()[0].count())]
    assert len(values) == 18 and max(values) == 15
    assert "90" in chart.title() and "4" in chart.title()  # the open band is told, not drawn


def day_rows(first: date, issued: list[dict[str, int]], closed: set[int]) -> list[dict]:
    return [{"day": (first + timedelta(days=i)).isoformat(), "issued": sum(sites.values()),
             "same_weekday_mean": 10.0, "by_site": sites, "closed": i in closed}
            for i, sites in enumerate(issued)]


def points(series: QLineSeries) -> list[float]:
    return [series.at(i).y() for i in range(series.count())]


def test_closed_days_are_gaps_and_each_site_has_its_line(qapp):
    first = date(2026, 11, 1)  # a Sunday
    issued = [{}, {"a": 5, "b": 3}, {"a": 6, "b": 2}, {}, {"a": 4, "b": 4}, {"a": 2, "b": 1},
              {"a": 7}]
    rows = day_rows(first, issued, closed={0, 3})
    chart = days_chart(rows, today=first + timedelta(days=5),
                       site_names={"a": "Fauquembergues", "b": "Enquin-les-Mines"})
    lines = [s for s in chart.series() if isinstance(s, QLineSeries)
             and not isinstance(s, QScatterSeries)]
    by_name: dict[str, list[list[float]]] = {}
    for series in lines:
        by_name.setdefault(series.name(), []).append(points(series))
    # No zero drawn for the closed days: each line is cut in two around day 3.
    assert by_name["Fauquembergues"] == [[5, 6], [4]]
    assert by_name["Enquin-les-Mines"] == [[3, 2], [4]]
    assert by_name["Both sites"] == [[8, 8], [8]]
    assert all(0 not in run for runs in by_name.values() for run in runs)
    # The comparison stops at today (day 5), never into day 6; and leaves closed days out.
    mean = by_name["Same weekday, mean of the 4 weeks before"]
    assert sum(len(run) for run in mean) == 4  # days 1, 2, 4, 5
    last_shown = max(s.at(s.count() - 1).x() for s in lines if s.name() in
                     ("Fauquembergues", "Enquin-les-Mines", "Both sites"))
    [today] = [s for s in chart.series() if isinstance(s, QScatterSeries)]
    assert today.name() == "Today, so far"
    assert sorted(points(today)) == [1, 2, 3]  # a, b and both: apart from the lines
    assert last_shown < today.at(0).x()


def test_the_hub_marks_days_the_house_was_shut_and_counts_per_site():
    weekdays = tuple((Interval.parse("09:00-12:00"),) if d < 5 else () for d in range(7))
    house = WeeklySchedule(weekdays, frozenset({date(2026, 11, 11)}))
    monday = date(2026, 11, 9)
    f = Figures()
    f.counts["issued"] = 3
    figures = {("fauq", monday, "ACC"): f, ("enquin", monday, "CAF"): f}
    rows = _days(figures, monday, monday + timedelta(days=6), ServiceLevel(), house)
    closed = {row["day"]: row["closed"] for row in rows}
    assert closed == {"2026-11-09": False, "2026-11-10": False, "2026-11-11": True,
                      "2026-11-12": False, "2026-11-13": False, "2026-11-14": True,
                      "2026-11-15": True}
    assert rows[0]["by_site"] == {"enquin": 3, "fauq": 3}
