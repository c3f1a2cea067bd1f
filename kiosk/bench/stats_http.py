"""The dashboard's figures as a manager gets them: ``GET /api/stats`` from a real hub.

The history store first goes through a real ``kiosk serve`` whose day keeper keeps every
closed day, as a site's hub does at each midnight (untimed; the result is cached next to
the raw history). Then, per measure, a fresh ``kiosk serve`` process starts on a copy of
it, a manager signs in, and the first ``GET /api/stats`` of the year is timed (cold: the
hub reads kept rows from the store, nothing in its memory yet). Warm figures follow in
the same process. Each time is from the request sent to the whole JSON body received
(httpx, keep-alive on loopback).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from kiosk.bench import hub_figures
from kiosk.store.db import Store
from kiosk.store.models import DayStats, Ticket

MANAGER, MANAGER_PIN = "direction", "9999"
KEEP_WAIT_S = 600


def kept_history(raw: Path) -> Path:
    """``raw`` with every closed day kept by a real hub's day keeper (cached)."""
    kept = raw.with_name(f"{raw.stem}-kept-{date.today()}.db")
    if kept.exists():
        return kept
    partial = kept.with_suffix(".partial")
    shutil.copyfile(raw, partial)
    expected = _closed_days(partial)
    with hub_figures.hub_process(partial):
        store = Store.open(f"sqlite:///{partial}")
        try:
            deadline = time.monotonic() + KEEP_WAIT_S
            while _markers(store) < expected:
                if time.monotonic() > deadline:
                    raise RuntimeError("the hub's day keeper did not keep the history in time")
                time.sleep(0.5)
        finally:
            store.close()
    with sqlite3.connect(partial) as connection:  # the kept rows into the file itself
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    partial.rename(kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return kept


def _closed_days(db: Path) -> int:
    store = Store.open(f"sqlite:///{db}")
    try:
        with store.read() as session:
            first = session.query(Ticket.day).order_by(Ticket.day).limit(1).scalar()
    finally:
        store.close()
    return (date.today() - timedelta(days=2) - first).days + 1


def _markers(store: Store) -> int:
    with store.read() as session:
        return session.query(DayStats).filter(DayStats.site == "*").count()


def _get(client, path: str, params: dict, auth: dict) -> float:
    started = time.perf_counter()
    response = client.get(path, params=params, headers=auth)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return elapsed * 1000


def measure(kept: Path, year: tuple[date, date], month: tuple[date, date], starts: int,
            warm_runs: int = 5) -> dict:
    """Cold year (one per fresh hub), warm year and warm month (medians), in ms."""
    colds, years, months = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "stats.db"
        shutil.copyfile(kept, db)
        with open(db, "rb+") as copied:  # the copy on disk, not still being written out
            os.fsync(copied.fileno())
        for _ in range(starts):  # each a new process: nothing of the store in its memory
            with hub_figures.hub_process(db) as (client, _process, _):
                token = client.post(
                    "/api/session", json={"manager": MANAGER, "pin": MANAGER_PIN}
                ).json()["token"]
                auth = {"Authorization": f"Bearer {token}"}
                year_q = {"from": year[0].isoformat(), "to": year[1].isoformat()}
                month_q = {"from": month[0].isoformat(), "to": month[1].isoformat()}
                colds.append(_get(client, "/api/stats", year_q, auth))
                years += [_get(client, "/api/stats", year_q, auth) for _ in range(warm_runs)]
                _get(client, "/api/stats", month_q, auth)
                months += [_get(client, "/api/stats", month_q, auth) for _ in range(warm_runs)]
    return {
        "stats_year_http_cold_ms": round(statistics.median(colds), 1),
        "stats_year_http_ms": round(statistics.median(years), 1),
        "stats_month_http_ms": round(statistics.median(months), 1),
    }
