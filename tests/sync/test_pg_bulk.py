"""Rows written by kiosk.sync.pg_bulk (one JSON document a statement) on a real PostgreSQL
read back exactly as SQLAlchemy would have stored them: aware times in any offset as UTC,
dates, booleans, NULLs, a JSON column's nested value; an update sets only its columns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from kiosk.store.db import Store
from kiosk.store.models import Event, Ticket
from kiosk.sync import pg_bulk
from kiosk.sync.apply import apply_session

PARIS_SUMMER = timezone(timedelta(hours=2))
TICKETS, EVENTS = Ticket.__table__, Event.__table__


@pytest.fixture
def store(postgres, tmp_path):
    store = Store.open(postgres.url(f"bulk_{tmp_path.name[-16:].replace('-', '_').lower()}"))
    yield store
    store.close()


def ticket(n: int, **changes) -> dict:
    row = {
        "id": f"00000000-0000-4000-8000-{n:012d}", "site": "enquin-les-mines",
        "day": date(2026, 7, 1), "service": "CAF", "number": f"C{n:03d}", "seq": n,
        "priority": n % 2 == 0, "language": "nl", "origin": "walk_in", "status": "waiting",
        "arrived_at": datetime(2026, 7, 1, 9, 0, n, tzinfo=PARIS_SUMMER),
        "issued_at": datetime(2026, 7, 1, 7, 0, n, 250_000, tzinfo=UTC),
        "called_at": None, "started_at": None, "finished_at": None, "appointment_at": None,
        "counter": None, "outcome": None, "recalls": 0, "parent_id": None, "token": None,
    }  # fmt: skip
    return {**row, **changes}


def held(store: Store) -> dict[str, dict]:
    with store.read() as session:
        return {row.id: row for row in session.scalars(select(Ticket))}


def test_inserted_rows_read_back_as_sqlalchemy_stores_them(store):
    rows = [ticket(1), ticket(2, appointment_at=datetime(2026, 7, 1, 14, tzinfo=PARIS_SUMMER))]
    with apply_session(store) as session:
        pg_bulk.insert_rows(session, TICKETS, rows)
        pg_bulk.insert_rows(session, TICKETS, [ticket(1, number="C999")], ("id",))  # skipped
    got = held(store)
    first, second = got[rows[0]["id"]], got[rows[1]["id"]]
    assert first.arrived_at == datetime(2026, 7, 1, 7, 0, 1, tzinfo=UTC)  # +02:00 made UTC
    assert first.issued_at == datetime(2026, 7, 1, 7, 0, 1, 250_000, tzinfo=UTC)
    assert (first.priority, second.priority) == (False, True)
    assert first.day == date(2026, 7, 1) and first.number == "C001"
    assert first.called_at is None and first.appointment_at is None and first.token is None
    assert second.appointment_at == datetime(2026, 7, 1, 12, tzinfo=UTC)


def test_a_json_column_keeps_its_nested_value(store):
    data = {"number": "C001", "seq": 1, "arrived_at": "2026-07-01T09:00:01+02:00", "x": [1, 2]}
    event = {
        "site": "enquin-les-mines", "seq": 1, "epoch": "e", "kind": "issued",
        "at": datetime(2026, 7, 1, 9, 0, 1, tzinfo=PARIS_SUMMER), "day": date(2026, 7, 1),
        "service": "CAF", "ticket_id": ticket(1)["id"], "counter": None, "data": data,
    }  # fmt: skip
    with apply_session(store) as session:
        pg_bulk.insert_rows(session, EVENTS, [event], ("site", "seq"))
    with store.read() as session:
        [row] = session.scalars(select(Event))
    assert row.data == data and row.at == datetime(2026, 7, 1, 7, 0, 1, tzinfo=UTC)


def test_an_update_sets_only_the_columns_it_names(store):
    with apply_session(store) as session:
        pg_bulk.insert_rows(session, TICKETS, [ticket(1), ticket(2)])
    called = datetime(2026, 7, 1, 9, 30, tzinfo=PARIS_SUMMER)
    # The rows sent carry other changes too (number, language): only the named columns move.
    changed = [ticket(n, status="called", called_at=called, counter="accueil", number="Z999",
                      language="fr") for n in (1, 2)]  # fmt: skip
    with apply_session(store) as session:
        pg_bulk.update_rows(session, TICKETS, changed, ("status", "called_at", "counter"))
    for row in held(store).values():
        assert (row.status, row.counter) == ("called", "accueil")
        assert row.called_at == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
        assert row.number != "Z999" and row.language == "nl"


def test_a_naive_time_is_refused_before_it_reaches_the_store(store):
    with pytest.raises(ValueError, match="naive"), apply_session(store) as session:
        pg_bulk.insert_rows(session, TICKETS, [ticket(1, arrived_at=datetime(2026, 7, 1, 9))])
    assert held(store) == {}


def test_times_do_not_depend_on_the_server_session_time_zone(store):
    """Times travel with their offset and the statement makes them UTC itself, whatever
    zone the connection's session is in."""
    with apply_session(store) as session:
        session.connection().exec_driver_sql("SET LOCAL TIME ZONE 'Pacific/Auckland'")
        pg_bulk.insert_rows(session, TICKETS, [ticket(3)])
    [row] = held(store).values()
    assert row.arrived_at == datetime(2026, 7, 1, 7, 0, 3, tzinfo=UTC)
