"""Display numbers: per local day and per service, never twice, across DST and restarts."""

from __future__ import annotations

import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from config import site_file
from kiosk.errors import ServiceClosed
from kiosk.services.queue import QueueService
from kiosk.siteconfig import SiteConfig, parse_site_config
from kiosk.store.db import Store
from kiosk.store.models import DayNumber, Event, Ticket

PARIS = ZoneInfo("Europe/Paris")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def numbers(queue: QueueService, service: str, count: int) -> list[str]:
    return [queue.issue(service).ticket.number for _ in range(count)]


def config_with_slug(slug: str) -> SiteConfig:
    raw = tomllib.loads(site_file("demo").read_text(encoding="utf-8"))
    raw["site"]["slug"] = slug
    config = parse_site_config(raw, f"{slug}.toml")
    assert isinstance(config, SiteConfig)
    return config


def all_day_config() -> SiteConfig:
    """Every service (CAF included) open 00:00-24:00 every day."""
    raw = tomllib.loads(site_file("demo").read_text(encoding="utf-8"))
    for service in raw["services"]:
        service.pop("schedule", None)
    config = parse_site_config(raw, "all-day.toml")
    assert isinstance(config, SiteConfig)
    return config


@pytest.mark.both_stores
def test_numbers_count_per_service(queue):
    assert numbers(queue, "CAF", 2) == ["C001", "C002"]
    assert numbers(queue, "ACC", 1) == ["A001"]
    assert numbers(queue, "CAF", 1) == ["C003"]
    assert numbers(queue, "CPAM", 2) == ["M001", "M002"]
    assert numbers(queue, "ACC", 2) == ["A002", "A003"]


def test_ticket_row_carries_day_seq_and_prefix(queue, store):
    ticket = queue.issue("EMPLOI").ticket
    assert (ticket.number, ticket.seq, ticket.day) == ("E001", 1, date(2026, 11, 24))
    with store.read() as session:
        row = session.scalars(
            select(DayNumber).where(DayNumber.service == "EMPLOI", DayNumber.site == "demo")
        ).one()
        assert (row.day, row.last) == (date(2026, 11, 24), 1)


def test_numbers_have_three_digits(queue, store):
    with store.write() as session:
        session.add(DayNumber(site="demo", day=date(2026, 11, 24), service="NUM", last=8))
    assert numbers(queue, "NUM", 3) == ["N009", "N010", "N011"]


@pytest.mark.both_stores
def test_numbers_restart_at_local_midnight(queue, clock):
    clock.set(utc(2026, 11, 24, 22, 0))  # 23:00 in Paris, Tuesday
    assert numbers(queue, "ACC", 2) == ["A001", "A002"]
    clock.set(utc(2026, 11, 24, 22, 59, 59))  # 23:59:59 in Paris
    assert queue.issue("ACC").ticket.number == "A003"
    # 23:30 UTC on the 24th is already the 25th in Paris: numbering starts again.
    clock.set(utc(2026, 11, 24, 23, 30))
    ticket = queue.issue("ACC").ticket
    assert (ticket.number, ticket.day) == ("A001", date(2026, 11, 25))


def test_numbers_do_not_restart_at_utc_midnight(queue, clock):
    clock.set(utc(2026, 11, 24, 23, 50))  # 00:50 on the 25th in Paris
    assert queue.issue("ACC").ticket.number == "A001"
    clock.set(utc(2026, 11, 25, 0, 10))  # UTC midnight has passed, Paris day has not changed
    ticket = queue.issue("ACC").ticket
    assert (ticket.number, ticket.day) == ("A002", date(2026, 11, 25))


def test_next_day_numbering_is_independent_of_yesterday(queue, clock):
    assert numbers(queue, "CPAM", 3) == ["M001", "M002", "M003"]
    clock.advance(days=1)
    assert numbers(queue, "CPAM", 1) == ["M001"]
    clock.advance(days=-1)  # a late clock correction back into the first day
    assert numbers(queue, "CPAM", 1) == ["M004"]


@pytest.mark.parametrize(
    "moments",
    [
        # Spring forward, Sunday 2026-03-29: the local day runs 23:00Z (28th) to 22:00Z.
        [
            (utc(2026, 3, 28, 22, 59), "A001", date(2026, 3, 28)),
            (utc(2026, 3, 28, 23, 0), "A001", date(2026, 3, 29)),
            (utc(2026, 3, 29, 0, 59), "A002", date(2026, 3, 29)),  # 01:59 CET
            (utc(2026, 3, 29, 1, 0), "A003", date(2026, 3, 29)),  # 03:00 CEST
            (utc(2026, 3, 29, 21, 59), "A004", date(2026, 3, 29)),  # 23:59 CEST
            (utc(2026, 3, 29, 22, 0), "A001", date(2026, 3, 30)),
        ],
        # Fall back, Sunday 2026-10-25: the local day runs 22:00Z (24th) to 23:00Z.
        [
            (utc(2026, 10, 24, 21, 59), "A001", date(2026, 10, 24)),
            (utc(2026, 10, 24, 22, 0), "A001", date(2026, 10, 25)),
            (utc(2026, 10, 25, 0, 30), "A002", date(2026, 10, 25)),  # 02:30 CEST
            (utc(2026, 10, 25, 1, 30), "A003", date(2026, 10, 25)),  # 02:30 CET
            (utc(2026, 10, 25, 22, 30), "A004", date(2026, 10, 25)),  # 23:30 CET
            (utc(2026, 10, 25, 23, 0), "A001", date(2026, 10, 26)),
        ],
    ],
    ids=["spring-forward", "fall-back"],
)
def test_numbering_across_dst_change_days(store, clock, moments):
    queue = QueueService(store, all_day_config(), clock)
    for moment, number, day in moments:
        clock.set(moment)
        ticket = queue.issue("ACC").ticket
        assert (ticket.number, ticket.day) == (number, day), moment


def test_all_day_config_opens_caf_every_day(store, clock):
    queue = QueueService(store, all_day_config(), clock)
    clock.set(utc(2026, 10, 25, 1, 30))  # Sunday night of the fall-back change
    assert queue.issue("CAF").ticket.number == "C001"


@pytest.mark.both_stores
def test_numbers_are_never_duplicated_under_concurrency(queue, store):
    def issue_many(_: int) -> list[tuple[int, str]]:
        result = []
        for _ in range(25):
            ticket = queue.issue("CPAM").ticket
            result.append((ticket.seq, ticket.number))
        return result

    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(issue_many, range(8)))
    issued = [item for batch in batches for item in batch]
    assert len(issued) == 200
    assert sorted(seq for seq, _ in issued) == list(range(1, 201))
    assert sorted(number for _, number in issued) == [f"M{n:03d}" for n in range(1, 201)]
    # Each thread saw its own numbers rising.
    for batch in batches:
        assert [seq for seq, _ in batch] == sorted(seq for seq, _ in batch)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 200
        assert session.scalar(select(func.count(func.distinct(Ticket.number)))) == 200
        assert session.scalar(select(DayNumber.last).where(DayNumber.service == "CPAM")) == 200
        assert session.scalar(select(func.count()).select_from(Event)) == 200


@pytest.mark.both_stores
def test_concurrent_issuing_in_several_services_keeps_each_sequence(queue):
    services = ["ACC", "CPAM", "NUM", "CIAS"]

    def issue_many(index: int) -> list[str]:
        service = services[index % len(services)]
        return [queue.issue(service).ticket.number for _ in range(10)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        issued = [n for batch in pool.map(issue_many, range(8)) for n in batch]
    for prefix in "AMNS":
        mine = sorted(n for n in issued if n.startswith(prefix))
        assert mine == [f"{prefix}{n:03d}" for n in range(1, 21)]


@pytest.mark.both_stores
def test_numbers_survive_reopening_the_store(db_url, demo_config, clock):
    first = Store.open(db_url)
    try:
        queue = QueueService(first, demo_config, clock)
        assert numbers(queue, "ACC", 2) == ["A001", "A002"]
        assert numbers(queue, "CAF", 1) == ["C001"]
        epoch = first.epoch
    finally:
        first.close()
    second = Store.open(db_url)
    try:
        assert second.epoch == epoch
        queue = QueueService(second, demo_config, clock)
        assert numbers(queue, "ACC", 1) == ["A003"]
        assert numbers(queue, "CAF", 1) == ["C002"]
    finally:
        second.close()


def test_numbers_are_counted_per_site(store, clock, demo_config):
    here = QueueService(store, demo_config, clock)
    there = QueueService(store, config_with_slug("autre-site"), clock)
    assert numbers(here, "ACC", 2) == ["A001", "A002"]
    assert numbers(there, "ACC", 1) == ["A001"]
    assert numbers(here, "ACC", 1) == ["A003"]


@pytest.mark.both_stores
def test_a_refused_ticket_consumes_no_number(queue, clock, store):
    clock.set(datetime(2026, 11, 24, 8, 30, tzinfo=PARIS))  # CAF opens at 09:00
    with pytest.raises(ServiceClosed):
        queue.issue("CAF")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(DayNumber)) == 0
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=PARIS))
    assert queue.issue("CAF").ticket.number == "C001"


def test_transfer_keeps_the_number_and_arrival_time(queue, clock):
    original = queue.issue("ACC").ticket
    queue.issue("ACC")
    clock.advance(minutes=12)
    moved = queue.act(original.id, "transfer", "accueil", to_service="CPAM")
    assert moved.number == "A001" and moved.seq == 1
    assert moved.service == "CPAM"
    assert moved.day == original.day
    assert moved.arrived_at == original.arrived_at
    assert moved.issued_at == original.arrived_at + timedelta(minutes=12)
    # The transfer handed out no new number: CPAM's own numbering starts at M001.
    assert queue.issue("CPAM").ticket.number == "M001"
    assert queue.issue("ACC").ticket.number == "A003"
