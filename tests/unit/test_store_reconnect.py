"""PostgreSQL connections are not pinged before each use (a round trip on every request of
an observatory): a connection the server dropped (a restart) fails its one use with a
StoreError (503: try again, nothing half-done), and the next use gets a fresh connection."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from kiosk.errors import StoreError
from kiosk.store.db import Store
from kiosk.sync.apply import origin_state


@pytest.fixture
def store(postgres, tmp_path):
    name = f"re_{tmp_path.name[-16:].replace('-', '_').lower()}"
    store = Store.open(postgres.url(name))
    yield store, postgres, name
    store.close()


def drop_connections(postgres, database: str) -> int:
    """What a server restart does to the hub's pooled connections."""
    with psycopg.connect(
        f"host=127.0.0.1 port={postgres.port} user=kiosk dbname=postgres", autocommit=True
    ) as admin:
        return admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            (database,),
        ).fetchone()[0]


def test_a_dropped_connection_fails_one_use_with_a_store_error(store):
    store, postgres, name = store
    assert origin_state(store, "site-1").yours is None  # a pooled connection now exists
    with store.read() as session:
        assert session.scalar(text("SELECT 1")) == 1
    assert drop_connections(postgres, name) >= 1
    lost = "connection to the database server was lost"
    with pytest.raises(StoreError, match=lost), store.read() as session:
        session.scalar(text("SELECT 1"))
    with store.read() as session:  # the pool gave up the dead connections
        assert session.scalar(text("SELECT 1")) == 1
    assert origin_state(store, "site-1").digest is None
