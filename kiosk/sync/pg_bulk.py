"""A batch's rows written to PostgreSQL in one statement each: ``INSERT … SELECT FROM
unnest(arrays)`` and ``UPDATE … FROM unnest(arrays)``.

Row-by-row ``executemany`` sends one statement per row (psycopg pipelines them, but the
server still plans and runs 500 inserts for a 500-row batch, and the Python side adapts
every value one by one); one array per column is adapted once and the server inserts the
set in one go. ``ON CONFLICT DO NOTHING`` keeps the semantics of the row-by-row insert,
which ``COPY`` could not. Values go through each column's own bind processing (aware UTC
times made naive, JSON serialised), so the rows are stored exactly as SQLAlchemy stores
them.
"""

from __future__ import annotations

import json

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table
from sqlalchemy.orm import Session

from kiosk.store.models import UTCDateTime


def _pg_type(column) -> str:
    kind = column.type
    if isinstance(kind, UTCDateTime | DateTime):
        return "timestamp"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, String):
        return "text"
    raise TypeError(f"no array type for {table_name(column)}")  # a new column type: add it


def table_name(column) -> str:
    return f"{column.table.name}.{column.name}"


def _arrays(session: Session, table: Table, rows: list[dict]) -> tuple[list, list[list]]:
    dialect = session.get_bind().dialect
    columns = list(table.columns)
    arrays = []
    for column in columns:
        process = column.type._cached_bind_processor(dialect)
        values = [row.get(column.name) for row in rows]
        if isinstance(column.type, JSON):
            # Sent as text and cast by the server: psycopg has no adapter for a list of dicts.
            values = [None if v is None else _json_text(v) for v in values]
        elif process is not None:
            values = [None if v is None else process(v) for v in values]
        arrays.append(values)
    return columns, arrays


def _json_text(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def _unnest(columns: list) -> tuple[str, str]:
    """``unnest(%s::t1[], …) AS u(c1, …)`` and the select list casting JSON back."""
    arrays = ", ".join(
        f"%b::{'text' if _pg_type(c) == 'json' else _pg_type(c)}[]" for c in columns
    )
    names = ", ".join(c.name for c in columns)
    select = ", ".join(f"u.{c.name}::json" if _pg_type(c) == "json" else f"u.{c.name}"
                       for c in columns)  # fmt: skip
    return f"unnest({arrays}) AS u({names})", select


def insert_rows(
    session: Session, table: Table, rows: list[dict], skip_conflicts_on: tuple[str, ...] = ()
) -> None:
    """``INSERT`` ``rows`` into ``table`` in one statement (``ON CONFLICT (…) DO NOTHING``
    with ``skip_conflicts_on``)."""
    columns, arrays = _arrays(session, table, rows)
    source, select = _unnest(columns)
    conflict = (
        f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING" if skip_conflicts_on else ""
    )
    names = ", ".join(c.name for c in columns)
    sql = f"INSERT INTO {table.name} ({names}) SELECT {select} FROM {source}{conflict}"
    _execute(session, sql, arrays)


def update_rows(session: Session, table: Table, rows: list[dict], key: str = "id") -> None:
    """Set every column of ``rows`` (matched on ``key``) in one ``UPDATE … FROM``."""
    columns, arrays = _arrays(session, table, rows)
    source, _ = _unnest(columns)
    sets = ", ".join(
        f"{c.name} = u.{c.name}::json" if _pg_type(c) == "json" else f"{c.name} = u.{c.name}"
        for c in columns
        if c.name != key
    )
    sql = f"UPDATE {table.name} SET {sets} FROM {source} WHERE {table.name}.{key} = u.{key}"
    _execute(session, sql, arrays)


def _execute(session: Session, sql: str, arrays: list[list]) -> None:
    """Run ``sql`` on the session's own connection (its transaction), the arrays sent in
    PostgreSQL's binary format: no text escaping of each value on either side."""
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(sql, arrays)
