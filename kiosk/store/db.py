"""Opening a store: engines, transactions, migrations and the database's epoch.

SQLite is the site's store: WAL so readers never wait for a writer, foreign keys on, a
busy timeout, ``synchronous=FULL`` so a committed ticket survives a power cut, and write
transactions opened with ``BEGIN IMMEDIATE`` so that two writers queue up at the start
rather than failing half-way. PostgreSQL (an observatory) needs none of that: its row locks
on the number and sequence rows serialise what must be serialised, and :meth:`Store.queue_up`
serialises a choice made over many rows (who is next), as ``BEGIN IMMEDIATE`` does on SQLite.
Any SQLAlchemy URL is accepted; one session per operation (``with store.write() as s:``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import StoreError
from kiosk.store.models import Meta

SQLITE_BUSY_MS = 15_000


class Store:
    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_parent_folder(url)
            self.write_engine = _sqlite_engine(url, begin="BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, begin="BEGIN")
        else:
            # Plans made for each execution: a statement prepared while a table was small
            # (a new observatory's first minutes) would otherwise keep a sequential scan
            # of it for good, one sync batch's ticket updates taking 30 ms instead of 1.
            # No ping before each use (a round trip a fifth of a heartbeat's cost): a
            # connection found dead (the server restarted) fails its one request with a
            # StoreError (503, try again) and the pool drops every older connection.
            self.write_engine = create_engine(
                url,
                pool_pre_ping=False,
                pool_size=10,
                connect_args={"options": "-c plan_cache_mode=force_custom_plan"},
            )
            self.read_engine = self.write_engine
        #: For a single-statement read that needs no transaction of its own (PostgreSQL:
        #: no BEGIN and ROLLBACK around it; a sync heartbeat is one such read).
        self.lone_read_engine = (
            self.read_engine
            if self.is_sqlite
            else self.read_engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)
        self.epoch = ""

    @classmethod
    def open(cls, url: str) -> Store:
        """Open ``url``, bring its schema to the newest version and read its epoch."""
        store = cls(url)
        with _known_failures(url):
            from kiosk.store.migrate import upgrade

            upgrade(store.write_engine)
            store.epoch = store._ensure_epoch()
        return store

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one write transaction, committed on exit, rolled back on error."""
        with _known_failures(self.url), self._writer.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _known_failures(self.url), self._reader() as session, session.begin():
            yield session

    def queue_up(self, session: Session, name: str) -> None:
        """Make write transactions that read-then-decide on ``name`` (e.g. who is next at a
        site) take turns, until the end of ``session``'s transaction.

        SQLite's ``BEGIN IMMEDIATE`` already makes every writer take its turn. On PostgreSQL
        two "call next" would otherwise both pick the same head of the queue, one would lose
        the conditional update, pick again, and could lose again and again to a busy
        neighbour: a transaction-scoped advisory lock makes them queue instead.
        """
        if self.is_sqlite:
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    def close(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()

    def _ensure_epoch(self) -> str:
        with self.write() as session:
            epoch = session.get(Meta, "epoch")
            if epoch is None:
                epoch = Meta(key="epoch", value=str(uuid.uuid4()))
                session.add(epoch)
            return epoch.value

    def meta(self, key: str) -> str | None:
        with self.read() as session:
            return session.scalar(select(Meta.value).where(Meta.key == key))


def _sqlite_engine(url: str, *, begin: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        pool_size=8,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own
        # transaction handling would defer it and break IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql(begin)

    return engine


def _ensure_parent_folder(url: str) -> None:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def _known_failures(url: str) -> Iterator[None]:
    """Storage failures people can act on become a StoreError saying what to do."""
    try:
        yield
    except OperationalError as exc:
        if exc.connection_invalidated:
            raise StoreError(
                f"store {_redact(url)}: the connection to the database server was lost "
                "(did it restart?): try again"
            ) from exc
        text = str(exc.orig).lower()
        for needle, advice in (
            ("disk is full", "the disk is full: free some space"),
            ("database or disk is full", "the disk is full: free some space"),
            ("readonly", "the database file is read-only: check its permissions"),
            ("read-only", "the database file is read-only: check its permissions"),
            ("locked", "the database is busy (locked by another program): try again"),
            ("malformed", "the database file is damaged: restore the last backup"),
            ("not a database", "this file is not a kiosk database"),
            ("unable to open", "the database file cannot be opened: check its folder"),
            ("could not connect", "the database server cannot be reached"),
            ("connection refused", "the database server cannot be reached"),
        ):
            if needle in text:
                raise StoreError(f"store {_redact(url)}: {advice}") from exc
        raise
    except SQLAlchemyError:
        raise


def _redact(url: str) -> str:
    """Never print a password that sits in a database URL."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url
