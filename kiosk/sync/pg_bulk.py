"""A batch's rows written to PostgreSQL in one statement each, the rows sent as one JSON
document: ``INSERT … SELECT FROM json_to_recordset(%s) AS r(…)`` and
``UPDATE … FROM json_to_recordset(…)``.

Row-by-row ``executemany`` sends one statement per row (the server plans and runs 500
inserts for a 500-row batch, and the Python side adapts every value one by one). One
parameter holding every row as JSON is serialised in one call by ``orjson`` (dates and
times included) and read by the server in one go: no per-column array for the driver to
adapt (that was most of a small batch's CPU), and the statement's text is the same for any
number of rows, so the server keeps it prepared. ``ON CONFLICT DO NOTHING`` keeps the
semantics of the row-by-row insert, which ``COPY`` could not.

Times travel as the aware ISO text they are (``…+01:00``) and the server makes them naive
UTC, as :class:`kiosk.store.models.UTCDateTime` stores them: the record declares those
columns ``timestamptz`` and the statement reads them ``AT TIME ZONE 'UTC'`` (a
``timestamp`` column would silently drop the offset). Converting them in Python was a
third of a batch's cost. A naive time is still refused here, as the column type refuses it.
"""

from __future__ import annotations

from functools import cache

import orjson
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from kiosk.store.models import UTCDateTime

_DIALECT = postgresql.dialect()


@cache
def _times(table: Table) -> tuple[str, ...]:
    """The columns of ``table`` holding UTC times."""
    return tuple(c.name for c in table.columns if isinstance(c.type, UTCDateTime))


@cache
def _record(table: Table, names: tuple[str, ...]) -> tuple[str, str]:
    """(the record's column definitions, the values to take from it) for ``names``: each
    column's own type, times read as ``timestamptz`` and made naive UTC."""
    times = _times(table)
    definitions, values = [], []
    for name in names:
        column = table.columns[name]
        if name in times:
            definitions.append(f"{name} timestamptz")
            values.append(f"(r.{name} AT TIME ZONE 'UTC')")
        else:
            definitions.append(f"{name} {column.type.compile(dialect=_DIALECT)}")
            values.append(f"r.{name}")
    return ", ".join(definitions), ", ".join(values)


def _document(table: Table, rows: list[dict]) -> str:
    """``rows`` as one JSON array; a key a row lacks is NULL in the record."""
    for name in _times(table):
        if any(row.get(name) is not None and row[name].tzinfo is None for row in rows):
            raise ValueError(f"naive datetime given to the store ({table.name}.{name})")
    return orjson.dumps(rows).decode()


@cache
def _insert_sql(table: Table, skip_conflicts_on: tuple[str, ...]) -> str:
    names = tuple(c.name for c in table.columns)
    definitions, values = _record(table, names)
    conflict = (
        f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING" if skip_conflicts_on else ""
    )
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {values} "
        f"FROM json_to_recordset(%s::json) AS r({definitions}){conflict}"
    )


@cache
def _update_sql(table: Table, key: str, columns: tuple[str, ...]) -> str:
    definitions, values = _record(table, (key, *columns))
    sets = ", ".join(f"{name} = u.{name}" for name in columns)
    return (
        f"UPDATE {table.name} SET {sets} "
        f"FROM (SELECT {values} FROM json_to_recordset(%s::json) AS r({definitions})) "
        f"AS u ({key}, {', '.join(columns)}) "
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
