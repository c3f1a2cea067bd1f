"""Building a large ticket history for the benchmarks, fast, and keeping it for next time.

The history is written with plain ``sqlite3`` executemany in large transactions (the ORM
would take minutes for a million rows) into a database made by the real migrations, then
kept in the user's cache folder and copied for each run, so a second bench starts at once.
Each ticket gets its ``issued`` and closing events, so the event log is as large as a real
site's would be. A real site's store also holds each closed day's figures, kept by its hub
at each midnight: :func:`kept_history` adds them with the hub day keeper's own code.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from platformdirs import user_cache_dir

from kiosk.clock import SystemClock
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store

CACHE_VERSION = 1
BATCH = 20_000


def history_db(
    config: SiteConfig, tickets: int, folder: Path, today: date, kept: bool = False
) -> Path:
    """A fresh copy of a store holding ``tickets`` past tickets of ``config``'s site (with
    ``kept``, and the closed days' figures a running hub would have kept)."""
    cache = Path(user_cache_dir("kiosk", appauthor=False)) / "bench"
    cached = cache / f"history-v{CACHE_VERSION}-{config.site.slug}-{tickets}-{today}.db"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        _build(config, tickets, partial, today)
        partial.rename(cached)
    if kept:
        cached = kept_history(cached, config.tz)
    target = folder / "history.db"
    shutil.copyfile(cached, target)
    return target


def kept_history(raw: Path, tz: ZoneInfo) -> Path:
    """``raw`` (a cached history) with every closed day kept, as the hub's day keeper
    leaves a store (:meth:`Stats.keep_closed_days`, run here directly); cached too."""
    kept = raw.with_name(f"{raw.stem}-kept-{date.today()}.db")
    if kept.exists():
        return kept
    partial = kept.with_suffix(".partial")
    shutil.copyfile(raw, partial)
    store = Store.open(f"sqlite:///{partial}")
    try:
        Stats(store, tz, SystemClock(), memory_days=0).keep_closed_days()
    finally:
        store.close()
    with sqlite3.connect(partial) as connection:  # everything into the file itself
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    partial.rename(kept)
    return kept


def _build(config: SiteConfig, tickets: int, path: Path, today: date) -> None:
    store = Store.open(f"sqlite:///{path}")
    epoch = store.epoch
    store.close()
    rng = random.Random(42)
    site = config.site.slug
    services = [(s.code, s.prefix) for s in config.services]
    per_day = 400
    days = max(1, tickets // per_day)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    seq = 0
    made = 0
    ticket_rows: list[tuple] = []
    event_rows: list[tuple] = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        opening = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        numbers: dict[str, int] = {}
        count = per_day if offset > 1 else tickets - made
        for i in range(count):
            code, prefix = services[rng.randrange(len(services))]
            numbers[code] = numbers.get(code, 0) + 1
            issued = opening + timedelta(seconds=i * 60 + rng.randrange(60))
            called = issued + timedelta(seconds=rng.randrange(60, 2400))
            finished = called + timedelta(seconds=rng.randrange(120, 1500))
            status = "done" if rng.random() > 0.08 else "no_show"
            ticket_id = str(uuid.UUID(int=rng.getrandbits(128)))
            number = f"{prefix}{numbers[code]:03d}"
            ticket_rows.append(
                (
                    ticket_id,
                    site,
                    day.isoformat(),
                    code,
                    number,
                    numbers[code],
                    0,
                    "fr",
                    "walk_in",
                    status,
                    store_time(issued),
                    store_time(issued),
                    store_time(called),
                    store_time(called) if status == "done" else None,
                    store_time(finished),
                    None,
                    "accueil",
                    "solved" if status == "done" else None,
                    0,
                    None,
                    None,
                )
            )
            for kind, at in (("issued", issued), (status, finished)):
                seq += 1
                event_rows.append(
                    (
                        site,
                        seq,
                        epoch,
                        store_time(at),
                        kind,
                        day.isoformat(),
                        code,
                        ticket_id,
                        None,
                        json.dumps({"number": number}),
                    )
                )
            made += 1
        if len(ticket_rows) >= BATCH or offset == 1:
            write_rows(connection, ticket_rows, event_rows)
    connection.execute("INSERT OR REPLACE INTO sequences (site, last) VALUES (?, ?)", (site, seq))
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def write_rows(connection: sqlite3.Connection, tickets: list[tuple], events: list[tuple]) -> None:
    connection.executemany(
        "INSERT INTO tickets (id, site, day, service, number, seq, priority, language, origin,"
        " status, arrived_at, issued_at, called_at, started_at, finished_at, appointment_at,"
        " counter, outcome, recalls, parent_id, token)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        tickets,
    )
    connection.executemany(
        "INSERT INTO events (site, seq, epoch, at, kind, day, service, ticket_id, counter, data)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        events,
    )
    connection.commit()
    tickets.clear()
    events.clear()


def store_time(moment: datetime) -> str:
    """A UTC instant as the store's SQLite columns hold it (see ``UTCDateTime``)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
