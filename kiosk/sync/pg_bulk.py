"""A batch's rows written to PostgreSQL in one statement each, the rows sent as one JSON
document: ``INSERT … SELECT FROM json_populate_recordset(NULL::table, %s)`` and
``UPDATE … FROM json_populate_recordset(…)``.

Row-by-row ``executemany`` sends one statement per row (the server plans and runs 500
inserts for a 500-row batch, and the Python side adapts every value one by one). One
parameter holding every row as JSON is serialised by the standard library's C encoder and
read by the server in one go, into the table's own row type: no per-column array for the
driver to adapt (that was most of a small batch's CPU), and the statement's text is the
same for any number of rows, so the server keeps it prepared. ``ON CONFLICT DO NOTHING``
keeps the semantics of the row-by-row insert, which ``COPY`` could not.

Values go through each column's own bind processing first (aware UTC times made naive),
then to their JSON form (ISO dates and times), so the rows are stored exactly as
SQLAlchemy stores them; a JSON column's value is nested as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table
from sqlalchemy.orm import Session

from kiosk.store.models import UTCDateTime, naive_utc


def _utc_text(value: datetime) -> str:
    """An aware time as the naive UTC text it is stored as (what :class:`UTCDateTime`
    binds), without the type machinery around each value: this runs for every time of
    every row."""
    return naive_utc(value).isoformat()


def _iso_text(value: date | datetime) -> str:
    return value.isoformat()


@cache
def _converters(table: Table) -> tuple[tuple[str, Callable], ...]:
    """The columns of ``table`` whose values need turning into their JSON form, and how
    (text, numbers and a JSON column's value are their JSON form already)."""
    out = []
    for column in table.columns:
        kind = column.type
        if isinstance(kind, UTCDateTime):
            out.append((column.name, _utc_text))
        elif isinstance(kind, DateTime | Date):
            out.append((column.name, _iso_text))
        elif isinstance(kind, Boolean):
            out.append((column.name, bool))
        elif not isinstance(kind, JSON | Integer | String):
            # A new column type with its own bind processing: say how it travels.
            raise TypeError(f"no JSON form for {table.name}.{column.name} ({kind})")
    return tuple(out)


def _document(table: Table, rows: list[dict]) -> str:
    """``rows`` as one JSON array; a key a row lacks is NULL in the table's row type."""
    converters = _converters(table)
    items = []
    for row in rows:
        item = dict(row)
        for name, convert in converters:
            value = item.get(name)
            if value is not None:
                item[name] = convert(value)
        items.append(item)
    return json.dumps(items, separators=(",", ":"), ensure_ascii=False)


@cache
def _insert_sql(table: Table, skip_conflicts_on: tuple[str, ...]) -> str:
    names = ", ".join(c.name for c in table.columns)
    conflict = (
        f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING" if skip_conflicts_on else ""
    )
    return (
        f"INSERT INTO {table.name} ({names}) SELECT {names} "
        f"FROM json_populate_recordset(NULL::{table.name}, %s::json){conflict}"
    )


@cache
def _update_sql(table: Table, key: str, columns: tuple[str, ...]) -> str:
    sets = ", ".join(f"{name} = u.{name}" for name in columns)
    return (
        f"UPDATE {table.name} SET {sets} "
        f"FROM json_populate_recordset(NULL::{table.name}, %s::json) AS u "
        f"WHERE {table.name}.{key} = u.{key}"
    )


def insert_rows(
    session: Session, table: Table, rows: list[dict], skip_conflicts_on: tuple[str, ...] = ()
) -> None:
    """``INSERT`` ``rows`` into ``table`` in one statement (``ON CONFLICT (…) DO NOTHING``
    with ``skip_conflicts_on``)."""
    _execute(session, _insert_sql(table, skip_conflicts_on), _document(table, rows))


def update_rows(
    session: Session, table: Table, rows: list[dict], columns: tuple[str, ...], key: str = "id"
) -> None:
    """Set ``columns`` of ``rows`` (matched on ``key``) in one ``UPDATE … FROM`` (the
    other columns of the rows are not sent)."""
    slim = [{name: row[name] for name in (key, *columns)} for row in rows]
    _execute(session, _update_sql(table, key, columns), _document(table, slim))


def _execute(session: Session, sql: str, document: str) -> None:
    """Run ``sql`` on the session's own connection (its transaction)."""
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(sql, (document,))
