"""Weekly opening hours in the site's time zone: parsing, open/closed, next opening, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.schedule import WEEKDAYS, Interval, WeeklySchedule, local_day

PARIS = ZoneInfo("Europe/Paris")


def schedule(closed: tuple[date, ...] = (), **days: list[str]) -> WeeklySchedule:
    return WeeklySchedule(
        tuple(tuple(Interval.parse(text) for text in days.get(day, [])) for day in WEEKDAYS),
        frozenset(closed),
    )


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


OFFICE = schedule(
    mon=["08:30-12:00", "13:30-17:00"],
    tue=["08:30-12:00", "13:30-17:00"],
    wed=["08:30-12:00"],
    thu=["08:30-12:00", "13:30-17:00"],
    fri=["08:30-12:00", "13:30-16:30"],
)

# -- Interval parsing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09:00-12:00", time(9), time(12)),
        ("00:00-24:00", time(0), time.max),
        ("13:30-24:00", time(13, 30), time.max),
        (" 08:30 - 12:15 ", time(8, 30), time(12, 15)),
        ("23:59-24:00", time(23, 59), time.max),
        ("00:00-00:01", time(0), time(0, 1)),
    ],
)
def test_interval_parse(text, start, end):
    interval = Interval.parse(text)
    assert (interval.start, interval.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "09:00",
        "0900-1200",
        "09:00-12:00-13:00",
        "09h00-12h00",
        "ab:cd-ef:gh",
        "25:00-26:00",
        "09:60-10:00",
        "09:0-10:00",
        "09:000-10:00",
        "24:01-24:30",
        "-09:00-10:00",
        "09:00 to 12:00",
    ],
)
def test_interval_parse_refuses_malformed_text(text):
    with pytest.raises(ValueError) as info:
        Interval.parse(text)
    message = str(info.value)
    assert f'"{text}"' in message
    assert "HH:MM-HH:MM" in message


@pytest.mark.parametrize("text", ["12:00-09:00", "10:00-10:00", "24:00-24:00", "00:00-00:00"])
def test_interval_parse_refuses_backwards_or_empty_ranges(text):
    with pytest.raises(ValueError, match="ends before it starts") as info:
        Interval.parse(text)
    assert f'"{text}"' in str(info.value)


@pytest.mark.parametrize("text", ["09:00-12:00", "00:00-24:00", "13:30-24:00", "08:05-08:06"])
def test_interval_str_round_trips(text):
    assert str(Interval.parse(text)) == text


def test_interval_contains_start_but_not_end():
    morning = Interval.parse("09:00-12:00")
    assert morning.contains(time(9, 0))
    assert morning.contains(time(11, 59, 59, 999999))
    assert not morning.contains(time(12, 0))
    assert not morning.contains(time(8, 59, 59))


def test_interval_ending_at_24_contains_the_last_minute():
    evening = Interval.parse("18:00-24:00")
    assert evening.contains(time(23, 59, 59))
    assert not evening.contains(time(17, 59))


def test_intervals_sort_by_start():
    later, earlier = Interval.parse("13:30-17:00"), Interval.parse("08:30-12:00")
    assert sorted([later, earlier]) == [earlier, later]


# -- is_open ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 11, 24, 8, 29, 59), False),
        (paris(2026, 11, 24, 8, 30), True),
        (paris(2026, 11, 24, 11, 59), True),
        (paris(2026, 11, 24, 12, 0), False),
        (paris(2026, 11, 24, 13, 29), False),
        (paris(2026, 11, 24, 13, 30), True),
        (paris(2026, 11, 24, 16, 59, 59), True),
        (paris(2026, 11, 24, 17, 0), False),
        (paris(2026, 11, 25, 14, 0), False),  # Wednesday afternoon: shut
        (paris(2026, 11, 27, 16, 30), False),  # Friday closes at 16:30
        (paris(2026, 11, 27, 16, 29), True),
        (paris(2026, 11, 28, 10, 0), False),  # Saturday
        (paris(2026, 11, 29, 10, 0), False),  # Sunday
    ],
)
def test_is_open_at_boundaries(moment, expected):
    assert OFFICE.is_open(moment, PARIS) is expected


def test_is_open_uses_the_site_zone_not_utc():
    # 08:00 UTC in November is 09:00 in Paris: open; 07:45 UTC is 08:45 in Paris: open;
    # 07:15 UTC is 08:15 in Paris: closed (though a UTC reading would say 07:15 anyway).
    assert OFFICE.is_open(utc(2026, 11, 24, 7, 45), PARIS)
    assert not OFFICE.is_open(utc(2026, 11, 24, 7, 15), PARIS)
    # 11:30 UTC is 12:30 in Paris: lunch, though 11:30 would be open.
    assert not OFFICE.is_open(utc(2026, 11, 24, 11, 30), PARIS)
    # In summer Paris is UTC+2: 06:45 UTC is 08:45.
    assert OFFICE.is_open(utc(2026, 6, 30, 6, 45), PARIS)
    assert not OFFICE.is_open(utc(2026, 6, 30, 6, 15), PARIS)


def test_all_day_schedule_is_open_around_midnight():
    always = schedule(**{day: ["00:00-24:00"] for day in WEEKDAYS})
    assert always.is_open(paris(2026, 11, 24, 0, 0), PARIS)
    assert always.is_open(paris(2026, 11, 24, 23, 59, 59), PARIS)
    assert always.is_open(utc(2026, 11, 24, 23, 0), PARIS)


def test_closed_dates_shut_the_whole_day():
    holiday = date(2026, 11, 11)  # Wednesday, Armistice
    office = schedule((holiday,), wed=["08:30-12:00"])
    assert office.intervals_on(holiday) == ()
    assert office.intervals_on(date(2026, 11, 18)) == (Interval.parse("08:30-12:00"),)
    assert not office.is_open(paris(2026, 11, 11, 10, 0), PARIS)
    assert office.is_open(paris(2026, 11, 18, 10, 0), PARIS)


def test_default_schedule_is_always_closed():
    empty = WeeklySchedule()
    assert not empty.is_open(paris(2026, 11, 24, 10, 0), PARIS)
    assert empty.next_opening(paris(2026, 11, 24, 10, 0), PARIS) is None


# -- next_opening -----------------------------------------------------------------------


def test_next_opening_later_the_same_day():
    result = OFFICE.next_opening(paris(2026, 11, 24, 12, 30), PARIS)
    assert result == paris(2026, 11, 24, 13, 30)
    assert result.utcoffset() == timedelta(hours=1)


def test_next_opening_is_strictly_after_the_moment():
    # At 08:30 exactly the morning has begun: the next start is the afternoon.
    assert OFFICE.next_opening(paris(2026, 11, 24, 8, 30), PARIS) == paris(2026, 11, 24, 13, 30)
    assert OFFICE.next_opening(paris(2026, 11, 24, 8, 29, 59), PARIS) == paris(2026, 11, 24, 8, 30)


def test_next_opening_while_open_is_the_next_interval():
    assert OFFICE.next_opening(paris(2026, 11, 24, 9, 0), PARIS) == paris(2026, 11, 24, 13, 30)


def test_next_opening_across_the_weekend():
    friday_evening = paris(2026, 11, 27, 17, 0)
    assert OFFICE.next_opening(friday_evening, PARIS) == paris(2026, 11, 30, 8, 30)
    saturday = paris(2026, 11, 28, 10, 0)
    assert OFFICE.next_opening(saturday, PARIS) == paris(2026, 11, 30, 8, 30)


def test_next_opening_of_a_weekly_desk_is_a_week_later():
    caf = schedule(tue=["09:00-12:00"])
    assert caf.next_opening(paris(2026, 11, 24, 10, 0), PARIS) == paris(2026, 12, 1, 9, 0)
    assert caf.next_opening(paris(2026, 11, 25, 10, 0), PARIS) == paris(2026, 12, 1, 9, 0)
    assert caf.next_opening(paris(2026, 11, 24, 8, 0), PARIS) == paris(2026, 11, 24, 9, 0)


def test_next_opening_skips_closed_dates():
    office = schedule((date(2026, 11, 11),), tue=["17:00-18:00"], wed=["08:30-12:00"])
    # Tuesday 10 Nov after hours: Wednesday 11 is a holiday, next is Tuesday 17 at 17:00.
    assert office.next_opening(paris(2026, 11, 10, 18, 0), PARIS) == paris(2026, 11, 17, 17, 0)


def test_next_opening_skips_a_run_of_closed_dates():
    daily = schedule(**{day: ["09:00-10:00"] for day in WEEKDAYS[:5]})
    closed = tuple(date(2026, 12, d) for d in range(21, 32))
    office = WeeklySchedule(daily.days, frozenset(closed))
    assert office.next_opening(paris(2026, 12, 18, 12, 0), PARIS) == paris(2027, 1, 1, 9, 0)


def test_next_opening_in_a_utc_moment_uses_the_local_day():
    # 23:30 UTC on Monday is 00:30 on Tuesday in Paris: the Tuesday morning is next.
    result = OFFICE.next_opening(utc(2026, 11, 23, 23, 30), PARIS)
    assert result == paris(2026, 11, 24, 8, 30)
    assert result.astimezone(UTC) == utc(2026, 11, 24, 7, 30)


def test_next_opening_beyond_the_horizon_is_none():
    closed = frozenset(date(2026, 11, 24) + timedelta(days=d) for d in range(0, 70))
    office = WeeklySchedule(OFFICE.days, closed)
    assert office.next_opening(paris(2026, 11, 24, 0, 0), PARIS) is None
    assert office.next_opening(paris(2026, 11, 24, 0, 0), PARIS, horizon_days=80) == paris(
        2027, 2, 2, 8, 30
    )


def test_next_opening_returns_an_aware_datetime_in_the_site_zone():
    result = OFFICE.next_opening(utc(2026, 11, 24, 12, 0), PARIS)
    assert result.tzinfo is not None
    assert result.tzinfo.key == "Europe/Paris"  # type: ignore[union-attr]


# -- DST --------------------------------------------------------------------------------


def test_next_opening_across_spring_forward_has_summer_offset():
    # DST starts on Sunday 2026-03-29: Friday is UTC+1, Monday is UTC+2.
    result = OFFICE.next_opening(paris(2026, 3, 27, 17, 0), PARIS)
    assert result == paris(2026, 3, 30, 8, 30)
    assert result.utcoffset() == timedelta(hours=2)
    assert result.astimezone(UTC) == utc(2026, 3, 30, 6, 30)


def test_next_opening_across_fall_back_has_winter_offset():
    # DST ends on Sunday 2026-10-25: Friday is UTC+2, Monday is UTC+1.
    result = OFFICE.next_opening(paris(2026, 10, 23, 17, 0), PARIS)
    assert result == paris(2026, 10, 26, 8, 30)
    assert result.utcoffset() == timedelta(hours=1)
    assert result.astimezone(UTC) == utc(2026, 10, 26, 7, 30)


def test_next_opening_on_the_spring_forward_day_itself():
    sunday = schedule(sun=["10:00-12:00"])
    result = sunday.next_opening(paris(2026, 3, 28, 12, 0), PARIS)
    assert result.astimezone(UTC) == utc(2026, 3, 29, 8, 0)  # 10:00 CEST
    assert result.utcoffset() == timedelta(hours=2)


def test_next_opening_on_the_fall_back_day_itself():
    sunday = schedule(sun=["10:00-12:00"])
    result = sunday.next_opening(paris(2026, 10, 24, 12, 0), PARIS)
    assert result.astimezone(UTC) == utc(2026, 10, 25, 9, 0)  # 10:00 CET
    assert result.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 3, 29, 7, 59), False),  # 09:59 CEST
        (utc(2026, 3, 29, 8, 0), True),  # 10:00 CEST
        (utc(2026, 3, 29, 9, 59), True),
        (utc(2026, 3, 29, 10, 0), False),  # 12:00 CEST
        (utc(2026, 10, 25, 8, 59), False),  # 09:59 CET
        (utc(2026, 10, 25, 9, 0), True),  # 10:00 CET
        (utc(2026, 10, 25, 10, 59), True),
        (utc(2026, 10, 25, 11, 0), False),  # 12:00 CET
    ],
)
def test_is_open_on_dst_days_uses_the_wall_clock(moment, expected):
    sunday = schedule(sun=["10:00-12:00"])
    assert sunday.is_open(moment, PARIS) is expected


def test_all_day_service_is_open_through_both_dst_changes():
    always = schedule(sun=["00:00-24:00"])
    for start in (utc(2026, 3, 28, 23, 0), utc(2026, 10, 24, 22, 0)):
        moment = start
        while local_day(moment, PARIS).weekday() == 6:
            assert always.is_open(moment, PARIS), moment
            moment += timedelta(minutes=15)
        assert not always.is_open(moment, PARIS)


def test_spring_forward_day_is_23_hours_and_fall_back_day_is_25():
    def hours_of(day: date) -> float:
        start = datetime.combine(day, time(0), tzinfo=PARIS)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS)
        return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600

    assert hours_of(date(2026, 3, 29)) == 23
    assert hours_of(date(2026, 10, 25)) == 25


def test_next_opening_in_the_repeated_hour_is_after_the_moment():
    # 01:30 UTC on 2026-10-25 is 02:30 CET, the *second* pass through 02:30. A desk that
    # opens at 02:45 wall time opened (first pass) at 00:45 UTC, before the moment.
    desk = schedule(sun=["02:45-04:00"])
    moment = utc(2026, 10, 25, 1, 30)
    result = desk.next_opening(moment, PARIS)
    assert result is not None and result > moment


def test_next_opening_in_the_spring_gap_agrees_with_is_open():
    # 02:30 does not exist on 2026-03-29 (02:00 CET jumps to 03:00 CEST = 01:00 UTC).
    desk = schedule(sun=["02:30-04:00"])
    moment = utc(2026, 3, 29, 0, 30)
    result = desk.next_opening(moment, PARIS)
    assert result is not None
    opening = result.astimezone(UTC)  # compare instants, not wall-clock readings
    assert not desk.is_open(opening - timedelta(seconds=1), PARIS)
    assert desk.is_open(opening, PARIS)
    assert opening == utc(2026, 3, 29, 1, 0)  # the jump itself: 03:00 CEST


def test_an_opening_hour_wholly_skipped_by_the_clocks_waits_a_week():
    desk = schedule(sun=["02:10-02:50"])
    result = desk.next_opening(utc(2026, 3, 29, 0, 30), PARIS)
    assert result is not None
    assert result.astimezone(UTC) == utc(2026, 4, 5, 0, 10)  # 02:10 CEST a week later


# -- local_day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (utc(2026, 11, 24, 22, 59, 59), date(2026, 11, 24)),  # 23:59:59 CET
        (utc(2026, 11, 24, 23, 0), date(2026, 11, 25)),  # midnight CET
        (utc(2026, 11, 24, 23, 30), date(2026, 11, 25)),
        (utc(2026, 6, 30, 21, 59, 59), date(2026, 6, 30)),  # 23:59:59 CEST
        (utc(2026, 6, 30, 22, 0), date(2026, 7, 1)),  # midnight CEST
        (utc(2026, 3, 28, 22, 59), date(2026, 3, 28)),
        (utc(2026, 3, 28, 23, 0), date(2026, 3, 29)),  # spring-forward day starts at 23:00Z
        (utc(2026, 3, 29, 21, 59), date(2026, 3, 29)),
        (utc(2026, 3, 29, 22, 0), date(2026, 3, 30)),  # and ends at 22:00Z (23 h)
        (utc(2026, 10, 24, 21, 59), date(2026, 10, 24)),
        (utc(2026, 10, 24, 22, 0), date(2026, 10, 25)),  # fall-back day starts at 22:00Z
        (utc(2026, 10, 25, 22, 59), date(2026, 10, 25)),
        (utc(2026, 10, 25, 23, 0), date(2026, 10, 26)),  # and ends at 23:00Z (25 h)
        (utc(2026, 12, 31, 23, 0), date(2027, 1, 1)),
        (paris(2026, 11, 24, 0, 0), date(2026, 11, 24)),
    ],
)
def test_local_day(moment, day):
    assert local_day(moment, PARIS) == day


def test_local_day_depends_on_the_zone():
    moment = utc(2026, 11, 24, 23, 30)
    assert local_day(moment, ZoneInfo("UTC")) == date(2026, 11, 24)
    assert local_day(moment, ZoneInfo("America/Cayenne")) == date(2026, 11, 24)
    assert local_day(moment, PARIS) == date(2026, 11, 25)


# -- intersect --------------------------------------------------------------------------


def test_intersect_keeps_only_common_hours_and_both_closed_dates():
    house = schedule((date(2026, 12, 25),), tue=["08:30-12:00", "13:30-17:00"], wed=["08:30-12:00"])
    desk = schedule((date(2026, 12, 24),), tue=["09:00-15:00"], wed=["13:00-17:00"])
    both = house.intersect(desk)
    assert both.days[1] == (Interval.parse("09:00-12:00"), Interval.parse("13:30-15:00"))
    assert both.days[2] == ()
    assert both.closed_dates == {date(2026, 12, 24), date(2026, 12, 25)}
