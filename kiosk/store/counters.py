"""Atomic "take the next number" on a counter row, the same way on SQLite and PostgreSQL.

``INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last`` bumps the row and
returns the new value in one statement. Inside the caller's transaction it holds the row
(PostgreSQL) or the database (SQLite ``BEGIN IMMEDIATE``) until commit, so numbers are
handed out in commit order, never twice, and a rolled-back transaction leaves no gap.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def take_next(session: Session, model: type, keys: dict[str, Any]) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(model)
        .values(**keys, last=1)
        .on_conflict_do_update(index_elements=list(keys), set_={"last": model.last + 1})
        .returning(model.last)
    )
    return session.execute(statement).scalar_one()
