"""Another site's events turned into ``tickets`` rows, so footfall counts every site alike.

Footfall, waits and the dashboard read ``tickets``; a receiver therefore folds each event it
applies into the ticket row it is about (``site`` = the origin): ``issued`` inserts the row
(with no phone token: phone pages belong to the hub that issued the ticket), every other
ticket event moves its state and times exactly as the origin's queue did. Events that are
not about a ticket (feedback, unmet demand, pauses, printers) only live in ``events``.

Rows are handled in bulk (one select, one insert, one update per batch) so a 30-day
backlog drains in seconds. :func:`rebuild` folds a ticket again from its whole event log
(a restored site recovering its own lost events, see :mod:`kiosk.sync.rejoin`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, any_, bindparam, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from kiosk.domain.lifecycle import State
from kiosk.store.events import EventKind
from kiosk.store.models import Event, Ticket
from kiosk.sync import pg_bulk
from kiosk.sync.wire import data_of

TICKETS = Ticket.__table__
COLUMNS = [column.name for column in TICKETS.columns]
#: Built once: these run in every applied batch.
_TICKETS_BY_ID = select(TICKETS).where(TICKETS.c.id.in_(bindparam("ids", expanding=True)))
#: On PostgreSQL the ids travel as one array: a statement of the same text whatever their
#: number (an ``IN`` of hundreds of placeholders was parsed again by the driver each time).
_TICKETS_BY_ID_ARRAY = select(TICKETS).where(
    TICKETS.c.id == any_(bindparam("ids", type_=postgresql.ARRAY(String)))
)
_NUMBERS_TAKEN = select(Ticket.day, Ticket.service, Ticket.seq).where(
    Ticket.site == bindparam("site"),
    Ticket.parent_id.is_(None),
    Ticket.day.in_(bindparam("days", expanding=True)),
)


@dataclass(frozen=True)
class Fact:
    """One event as the projection needs it, from the wire or from the store."""

    seq: int
    kind: str
    at: datetime
    day: date
    service: str | None
    ticket_id: str | None
    counter: str | None
    data: dict[str, Any]


def fact_of(row: Any) -> Fact:
    data = row.data if isinstance(row.data, dict) else data_of(row.data)
    return Fact(
        row.seq, str(row.kind), row.at, row.day, row.service, row.ticket_id, row.counter, data
    )


def _time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def fold(ticket: dict | None, fact: Fact, site: str) -> dict | None:
    """The ticket row after ``fact`` (None: not a ticket event, or an unknown ticket)."""
    kind = fact.kind
    if kind == EventKind.ISSUED:
        if ticket is not None:
            return ticket  # replayed: the row exists
        data = fact.data
        return {
            "id": fact.ticket_id,
            "site": site,
            "day": fact.day,
            "service": fact.service,
            "number": data["number"],
            "seq": data["seq"],
            "priority": bool(data.get("priority", False)),
            "language": data.get("language", "fr"),
            "origin": data.get("origin", "walk_in"),
            "status": State.WAITING.value,
            "arrived_at": _time(data.get("arrived_at")) or fact.at,
            "issued_at": fact.at,
            "called_at": None,
            "started_at": None,
            "finished_at": None,
            "appointment_at": _time(data.get("appointment_at")),
            "counter": None,
            "outcome": None,
            "recalls": 0,
            "parent_id": data.get("parent_id"),
            "token": None,
        }
    if ticket is None:
        return None
    ticket = dict(ticket)
    if kind == EventKind.CALLED:
        ticket.update(status=State.CALLED.value, called_at=fact.at, counter=fact.counter)
    elif kind == EventKind.RECALLED:
        ticket["recalls"] = (ticket["recalls"] or 0) + 1
        ticket["called_at"] = ticket["called_at"] or fact.at
    elif kind == EventKind.STARTED:
        ticket.update(status=State.SERVING.value, started_at=fact.at, counter=fact.counter)
    elif kind == EventKind.FINISHED:
        ticket.update(
            status=State.DONE.value, finished_at=fact.at, outcome=fact.data.get("outcome")
        )
    elif kind == EventKind.NO_SHOW:
        ticket.update(status=State.NO_SHOW.value, finished_at=fact.at)
    elif kind == EventKind.CANCELLED:
        ticket.update(status=State.CANCELLED.value, finished_at=fact.at)
    elif kind == EventKind.TRANSFERRED:
        ticket.update(status=State.TRANSFERRED.value, finished_at=fact.at)
    elif kind == EventKind.REACTIVATED:
        ticket.update(status=State.WAITING.value, finished_at=None, counter=None, called_at=None)
    else:
        return None
    return ticket


def project(session: Session, site: str, facts: Iterable[Fact]) -> set[date]:
    """Fold ``facts`` (in seq order) into ``site``'s tickets; returns the days touched."""
    facts = [f for f in facts if f.ticket_id is not None]
    if not facts:
        return set()
    ids = {f.ticket_id for f in facts}
    connection = session.connection()
    known = {
        row["id"]: dict(row)
        for row in connection.execute(
            _TICKETS_BY_ID_ARRAY if connection.dialect.name == "postgresql" else _TICKETS_BY_ID,
            {"ids": list(ids)},
        ).mappings()
    }
    for row in known.values():
        if row["site"] != site:
            raise ValueError(f"ticket {row['id']} belongs to another site")
    state = dict(known)
    for fact in facts:
        folded = fold(state.get(fact.ticket_id), fact, site)
        if folded is not None:
            state[fact.ticket_id] = folded
    new = [row for tid, row in state.items() if tid not in known]
    changed = [row for tid, row in state.items() if tid in known and row != known[tid]]
    if new:
        _free_numbers(session, site, new)
        bulk_insert(session, TICKETS, new)
    if changed:
        _update(session, changed, _changed_columns(changed, known))
    return {row["day"] for row in (*new, *changed)}


def _changed_columns(rows: list[dict], known: dict[str, dict]) -> tuple[str, ...]:
    """The columns any of ``rows`` changes against its row as held (in table order)."""
    changed = set()
    for row in rows:
        held = known[row["id"]]
        changed.update(name for name in COLUMNS if row[name] != held[name])
    return tuple(name for name in COLUMNS if name in changed)


def bulk_insert(
    session: Session, table, rows: list[dict], skip_conflicts_on: tuple[str, ...] = ()
) -> None:
    """``INSERT`` many rows; on SQLite straight through the driver's ``executemany`` with
    the columns' own converters (SQLAlchemy's per-row work is most of a batch's cost there),
    on PostgreSQL as one set-based statement (:mod:`kiosk.sync.pg_bulk`), elsewhere
    through SQLAlchemy. ``skip_conflicts_on``: ``ON CONFLICT (…) DO NOTHING``."""
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "postgresql":
        pg_bulk.insert_rows(session, table, rows, skip_conflicts_on)
        return
    if dialect.name != "sqlite":
        statement = postgresql.insert(table)
        if skip_conflicts_on:
            statement = statement.on_conflict_do_nothing(index_elements=list(skip_conflicts_on))
        session.execute(statement, rows)
        return
    columns = list(table.columns)
    convert = [column.type._cached_bind_processor(dialect) for column in columns]
    names = ", ".join(column.name for column in columns)
    marks = ", ".join("?" for _ in columns)
    conflict = (
        f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING" if skip_conflicts_on else ""
    )
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks}){conflict}"
    pairs = [(column.name, fn) for column, fn in zip(columns, convert, strict=True)]
    connection.exec_driver_sql(
        sql,
        [
            tuple(
                value if (value := row.get(name)) is None or fn is None else fn(value)
                for name, fn in pairs
            )
            for row in rows
        ],
    )


def rebuild(session: Session, site: str, ticket_ids: Iterable[str]) -> set[date]:
    """Fold each ticket again from all its events in seq order, keeping its phone token."""
    ids = set(ticket_ids)
    if not ids:
        return set()
    known = {
        row["id"]: dict(row)
        for row in session.execute(select(TICKETS).where(TICKETS.c.id.in_(ids))).mappings()
    }
    events = session.scalars(
        select(Event).where(Event.site == site, Event.ticket_id.in_(ids)).order_by(Event.seq)
    ).all()
    state: dict[str, dict] = {}
    for event in events:
        folded = fold(state.get(event.ticket_id), fact_of(event), site)
        if folded is not None:
            state[event.ticket_id] = folded
    new = []
    changed = []
    for tid, row in state.items():
        if tid in known:
            row["token"], row["seq"] = known[tid]["token"], known[tid]["seq"]
            if row != known[tid]:
                changed.append(row)
        else:
            new.append(row)
    if new:
        _free_numbers(session, site, new)
        session.execute(TICKETS.insert(), new)
    if changed:
        _update(session, changed, _changed_columns(changed, known))
    return {row["day"] for row in (*new, *changed)}


def _update(session: Session, rows: list[dict], columns: tuple[str, ...]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        pg_bulk.update_rows(session, TICKETS, rows, columns)
        return
    values = {name: bindparam(f"v_{name}") for name in COLUMNS if name != "id"}
    statement = update(TICKETS).where(TICKETS.c.id == bindparam("v_id")).values(values)
    session.execute(
        statement.execution_options(synchronize_session=False),
        [{f"v_{name}": row[name] for name in COLUMNS} for row in rows],
    )


def _free_numbers(session: Session, site: str, rows: list[dict]) -> None:
    """A display number handed out twice (only after a restore from backup) still counts.

    ``tickets`` keeps a number once per site, day and service; a second visit that got the
    same number keeps its ``number`` text but stores its numeric ``seq`` negated, so both
    visits are counted and the unique index holds.
    """
    firsts = [r for r in rows if r["parent_id"] is None]
    if not firsts:
        return
    taken = {
        (d, s, n)
        for d, s, n in session.connection().execute(
            _NUMBERS_TAKEN, {"site": site, "days": sorted({r["day"] for r in firsts})}
        )
    }
    for row in firsts:
        key = (row["day"], row["service"], row["seq"])
        while key in taken:
            row["seq"] = -abs(row["seq"]) - 100_000
            key = (row["day"], row["service"], row["seq"])
        taken.add(key)
