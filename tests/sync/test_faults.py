"""Exactly-once across reordered batches, busy or full disks, wrong clocks and long outages,
with in-process hubs whose rounds the test drives (the network faults and the kill -9 of
either side run between real processes: tests/sync/test_matrix.py)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from kiosk.bench.sync_figures import make_backlog
from kiosk.store.models import DayStats
from tests.sync.conftest import (
    as_body,
    assert_converged,
    counts,
    drain,
    event_log,
    play,
    post_signed,
    real_batch,
)


def _slice(batch: dict, first: int, last: int) -> dict:
    rows = [r for r in batch["rows"] if first <= r["seq"] <= last]
    return {**batch, "rows": rows, "first_seq": first, "last_seq": last, "count": len(rows)}


def test_batch_n_plus_one_before_n(started):
    a, b = started.a, started.b
    play(a.hub.queue, 6)
    batch = real_batch(a)
    one, two = _slice(batch, 1, 8), _slice(batch, 9, 16)
    early = post_signed(b.url, as_body(two))
    assert early.status_code == 409
    assert early.json()["error"] == "gap" and early.json()["expected_seq"] == 1
    assert event_log(b.store, "site-a") == []
    assert post_signed(b.url, as_body(one)).json()["hw"] == 8
    assert post_signed(b.url, as_body(two)).json()["hw"] == 16
    assert post_signed(b.url, as_body(one)).json()["replayed"] == 8
    drain(a.agent)
    assert_converged(a.store, b.store, "site-a")


def test_thirty_day_outage_drains_and_refreshes_past_figures(started):
    a, b = started.a, started.b
    today = datetime.now(UTC).date()
    past = today - timedelta(days=12)
    with b.store.write() as session:
        for site in ("site-a", "*"):
            session.add(
                DayStats(
                    site=site,
                    day=past,
                    service="ACC" if site != "*" else "*",
                    figures={"issued": 0},
                    computed_at=datetime.now(UTC),
                )
            )
    b.stop()
    make_backlog(a.store, "site-a", 6_000, 30, today)
    play(a.hub.queue, 5)
    down = a.agent.run_once()[0]
    assert down.error and "cannot reach" in down.error
    assert down.backlog and down.backlog > 6_000
    b.start()
    result = drain(a.agent)
    assert result[0].backlog == 0
    assert_converged(a.store, b.store, "site-a")
    days = {day for (_, day, _) in counts(b.store, "site-a")}
    assert len(days) >= 30
    with b.store.read() as session:  # the stale figures are gone (the hub's day keeper
        # may have kept the day again since, from the rows sync brought)
        kept = session.scalars(select(DayStats).where(DayStats.day == past)).all()
        assert not [row for row in kept if row.figures == {"issued": 0}]


def test_database_busy_during_apply(started):
    a, b = started.a, started.b
    play(a.hub.queue, 8)
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        connection = sqlite3.connect(b.db_path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        connection.execute("ROLLBACK")
        connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait(5)
    try:
        busy = a.agent.run_once()[0]
    finally:
        release.set()
        holder.join()
    assert busy.error and "503" in busy.error and "busy" in busy.error
    assert event_log(b.store, "site-a") == []
    drain(a.agent)
    assert_converged(a.store, b.store, "site-a")


def test_disk_full_during_apply(started):
    a, b = started.a, started.b
    play(a.hub.queue, 40)

    def full(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine = b.store.write_engine
    event.listen(engine, "connect", full)
    engine.dispose()
    try:
        result = a.agent.run_once()[0]
    finally:
        event.remove(engine, "connect", full)
        engine.dispose()
    assert result.error and "disk is full" in result.error
    assert event_log(b.store, "site-a") == []
    drain(a.agent)
    assert_converged(a.store, b.store, "site-a")


@pytest.mark.parametrize("skew_s", [7200, -7200])
def test_clock_skew_is_a_clear_error_and_drains_once_fixed(started, skew_s):
    a, b = started.a, started.b
    play(a.hub.queue, 6)
    a.clock.offset_s = skew_s
    result = a.agent.run_once()[0]
    assert result.error and "clock" in result.error
    assert ("ahead of" if skew_s > 0 else "behind") in result.error
    assert "2 h 00 min" in result.error
    assert a.agent.status()[0].last_error == result.error
    a.clock.offset_s = 0
    drain(a.agent)
    assert_converged(a.store, b.store, "site-a")
    assert a.agent.status()[0].last_error is None


def test_backlog_day_is_kept(started):
    """Events keep their site's day: a visit of yesterday stays on yesterday at the peer."""
    a, b = started.a, started.b
    make_backlog(a.store, "site-a", 40, 2, date.today())
    drain(a.agent)
    assert counts(a.store, "site-a") == counts(b.store, "site-a")
