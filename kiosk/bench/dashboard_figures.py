"""Dashboard figures for ``kiosk bench``: the stats query over a month and a year, the export.

The history holds both sites (the demo site and ``enquin-les-mines``, as after sync), open
Monday to Saturday, 400 visits per site and day between 09:00 and 17:00 Paris time, with
transfers, no-shows, cancellations, priority, reception and appointment tickets, feedback
and unmet demand: 1,000,000 tickets (100,000 with ``--quick``). It is written with plain
``sqlite3`` like :mod:`kiosk.bench.history` and kept in the user's cache folder.

Figures (milliseconds, medians of warm runs unless said):
- ``footfall_month_ms``, ``footfall_year_ms``: the dashboard's whole answer
  (:func:`kiosk.hub.routes_stats.stats_answer`, JSON-encoded) for October 2026 and for the
  365 closed days before the bench's "today", closed days kept (goals 100 and 500 ms);
- ``footfall_year_cold_ms``: the same year the first time, every day computed and kept;
- ``footfall_year_from_store_ms``: the same year by a new process, kept days read from
  ``day_stats`` (warm runs then find them in memory as well);
- ``export_year_s`` and ``export_year_peak_mb``: the CSV export of that year
  (:func:`kiosk.hub.routes_manager.export_lines`) by a new process (kept days read from the
  store, a month at a time), and its peak of Python memory by tracemalloc.

The figures a manager lives through are those over HTTP (:mod:`kiosk.bench.stats_http`):
``stats_year_http_cold_ms`` (a freshly started ``kiosk serve``, its first year), then
``stats_year_http_ms`` and ``stats_month_http_ms`` warm. The in-process ones above stay to
tell the query's cost from the server's.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from platformdirs import user_cache_dir

from config import site_file
from kiosk.bench import stats_http
from kiosk.bench.history import kept_history, store_time, write_rows
from kiosk.clock import FixedClock
from kiosk.hub.routes_manager import export_lines
from kiosk.hub.routes_stats import stats_answer
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig, load_site_config
from kiosk.store.db import Store

CACHE_VERSION = 1
PARIS = ZoneInfo("Europe/Paris")
#: The bench's "today" (a Tuesday): every day of the history before yesterday is closed.
TODAY = date(2026, 11, 24)
OTHER_SITE = "enquin-les-mines"
PER_SITE_DAY = 400
BATCH = 40_000
SERVICE_WEIGHTS = {"ACC": 30, "CAF": 14, "CPAM": 20, "EMPLOI": 16, "NUM": 12, "CIAS": 8}
COUNTERS = ("accueil", "bureau-2", "bureau-3")
MONTH = (date(2026, 10, 1), date(2026, 10, 31))
YEAR = (TODAY - timedelta(days=366), TODAY - timedelta(days=2))

METHOD = {
    "stats_month_http_ms": "GET /api/stats for October 2026 sent to its whole JSON body "
    "received, manager signed in, from a `kiosk serve` process on loopback, warm (after the "
    "same request once); median of runs",
    "stats_year_http_ms": "GET /api/stats for the 365 closed days before the bench's today, "
    "same path, warm; median of runs",
    "stats_year_http_cold_ms": "the same year's GET /api/stats, the first request after a "
    "fresh `kiosk serve` start on the history (closed days kept by the hub's day keeper, "
    "as every midnight; nothing in the hub's memory); median over fresh hubs",
    "footfall_month_ms": "in process: stats_answer for October 2026, JSON-encoded, warm",
    "footfall_year_ms": "in process: stats_answer for the year, JSON-encoded, warm",
    "footfall_year_cold_ms": "in process: the year computed from the tickets the very first "
    "time, no day kept yet (what the day keeper spares the dashboard)",
    "footfall_year_from_store_ms": "in process: the year read from kept rows, new Stats",
    "export_year_s": "the year's CSV export by a new reader (kept days from the store)",
    "export_year_peak_mb": "peak Python memory of that export (tracemalloc)",
    "dashboard_history_tickets": "tickets in the dashboard history (two sites)",
    "dashboard_history_build_or_copy_s": "building (first time) or finding the cached history",
}
GOALS = {
    "stats_month_http_ms": 100,
    "stats_year_http_ms": 500,
    "stats_year_http_cold_ms": 1000,
    "footfall_month_ms": 100,
    "footfall_year_ms": 500,
}


def dashboard_group(quick: bool) -> dict:
    tickets = 100_000 if quick else 1_000_000
    warm_runs = 5
    config = load_site_config(site_file("demo"))
    started = time.perf_counter()
    cached = dashboard_history(config, tickets)
    kept = kept_history(cached, config.tz)
    build_s = time.perf_counter() - started
    http = stats_http.measure(kept, YEAR, MONTH, starts=2 if quick else 3)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "dashboard.db"
        shutil.copyfile(cached, db)
        store = Store.open(f"sqlite:///{db}")
        try:
            clock = FixedClock(datetime(2026, 11, 24, 10, tzinfo=PARIS))
            year_cold = _timed(lambda: _answer(config, Stats(store, config.tz, clock), *YEAR))
            stats = Stats(store, config.tz, clock)  # kept days read from the store
            year_store = _timed(lambda: _answer(config, stats, *YEAR))
            year = [_timed(lambda: _answer(config, stats, *YEAR)) for _ in range(warm_runs)]
            _answer(config, stats, *MONTH)
            month = [_timed(lambda: _answer(config, stats, *MONTH)) for _ in range(warm_runs)]
            # As `kiosk report` does: a new process, kept days read from the store.
            exports = [
                _timed(lambda: _export(config, _reader(store, clock), *YEAR)) for _ in range(3)
            ]
            tracemalloc.start()
            try:
                _export(config, _reader(store, clock), *YEAR)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        finally:
            store.close()
    return {
        **http,
        "footfall_month_ms": round(statistics.median(month) * 1000, 1),
        "footfall_year_ms": round(statistics.median(year) * 1000, 1),
        "footfall_year_cold_ms": round(year_cold * 1000, 1),
        "footfall_year_from_store_ms": round(year_store * 1000, 1),
        "export_year_s": round(statistics.median(exports), 3),
        "export_year_peak_mb": round(peak / 2**20, 1),
        "dashboard_history_tickets": tickets,
        "dashboard_history_build_or_copy_s": round(build_s, 1),
    }


def _reader(store: Store, clock: FixedClock) -> Stats:
    return Stats(store, PARIS, clock, memory_days=0)


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _answer(config: SiteConfig, stats: Stats, start: date, end: date) -> str:
    return json.dumps(stats_answer(config, stats, start, end))


def _export(config: SiteConfig, stats: Stats, start: date, end: date) -> int:
    with tempfile.TemporaryFile("w", encoding="utf-8") as out:
        for chunk in export_lines(config, stats, start, end):
            out.write(chunk)
        return out.tell()


# -- the history -------------------------------------------------------------------------


def dashboard_history(config: SiteConfig, tickets: int) -> Path:
    """The kept history store of ``tickets`` tickets (built on first use); copy it to use."""
    cache = Path(user_cache_dir("kiosk", appauthor=False)) / "bench"
    cached = cache / f"dashboard-v{CACHE_VERSION}-{tickets}-{TODAY}.db"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        build_history(config, tickets, partial)
        partial.rename(cached)
    return cached


def build_history(config: SiteConfig, tickets: int, path: Path, today: date = TODAY) -> None:
    """Write ``tickets`` tickets of both sites, open days before ``today``, into ``path``."""
    store = Store.open(f"sqlite:///{path}")
    epoch = store.epoch
    store.close()
    rng = random.Random(20261124)
    prefixes = {s.code: s.prefix for s in config.services}
    codes = list(SERVICE_WEIGHTS)
    weights = list(SERVICE_WEIGHTS.values())
    open_days = []
    day = today - timedelta(days=1)
    while len(open_days) * PER_SITE_DAY * 2 < tickets:
        if day.weekday() != 6:
            open_days.append(day)
        day -= timedelta(days=1)
    open_days.reverse()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    seqs = {config.site.slug: 0, OTHER_SITE: 0}
    made = 0
    ticket_rows: list[tuple] = []
    event_rows: list[tuple] = []

    def event(
        site: str,
        at: datetime,
        kind: str,
        day: date,
        code: str | None,
        ticket: str | None,
        counter: str | None,
        data: dict,
    ) -> None:
        seqs[site] += 1
        event_rows.append(
            (
                site,
                seqs[site],
                epoch,
                store_time(at),
                kind,
                day.isoformat(),
                code,
                ticket,
                counter,
                json.dumps(data),
            )
        )

    for day in open_days:
        opening = datetime(day.year, day.month, day.day, 9, tzinfo=PARIS).astimezone(UTC)
        for site in seqs:
            count = min(PER_SITE_DAY, tickets - made)
            numbers: dict[str, int] = {}
            for i in range(count):
                code = rng.choices(codes, weights)[0]
                numbers[code] = numbers.get(code, 0) + 1
                issued = opening + timedelta(
                    seconds=i * 8 * 3600 // max(count, 1) + rng.randrange(60)
                )
                called = issued + timedelta(seconds=rng.randrange(30, 2700))
                finished = called + timedelta(seconds=rng.randrange(120, 1800))
                draw = rng.random()
                status = (
                    "no_show"
                    if draw < 0.06
                    else "cancelled"
                    if draw < 0.09
                    else "transferred"
                    if draw < 0.13
                    else "done"
                )
                ticket_id = str(uuid.UUID(int=rng.getrandbits(128)))
                number = f"{prefixes[code]}{numbers[code]:03d}"
                counter = COUNTERS[rng.randrange(3)]
                origin = "reception" if draw > 0.93 else "appointment" if draw > 0.87 else "walk_in"
                priority = int(rng.random() < 0.1)
                ticket_rows.append(
                    (
                        ticket_id,
                        site,
                        day.isoformat(),
                        code,
                        number,
                        numbers[code],
                        priority,
                        "fr",
                        origin,
                        status,
                        store_time(issued),
                        store_time(issued),
                        None if status == "cancelled" else store_time(called),
                        store_time(called) if status in ("done", "transferred") else None,
                        store_time(finished),
                        None,
                        counter if status == "done" else None,
                        ("solved" if rng.random() < 0.8 else "redirected")
                        if status == "done"
                        else None,
                        0,
                        None,
                        None,
                    )
                )
                event(site, issued, "issued", day, code, ticket_id, None, {"number": number})
                event(site, finished, status, day, code, ticket_id, counter, {"number": number})
                if status == "transferred":
                    to = codes[(codes.index(code) + 1) % len(codes)]
                    child = str(uuid.UUID(int=rng.getrandbits(128)))
                    moved = finished + timedelta(seconds=rng.randrange(60, 1200))
                    ticket_rows.append(
                        (
                            child,
                            site,
                            day.isoformat(),
                            to,
                            number,
                            numbers[code],
                            priority,
                            "fr",
                            origin,
                            "done",
                            store_time(issued),
                            store_time(finished),
                            store_time(moved),
                            store_time(moved),
                            store_time(moved + timedelta(seconds=rng.randrange(120, 1200))),
                            None,
                            counter,
                            "solved",
                            0,
                            ticket_id,
                            None,
                        )
                    )
                    event(site, finished, "issued", day, to, child, counter, {"number": number})
                if status == "done" and rng.random() < 0.12:
                    event(
                        site,
                        finished,
                        "feedback",
                        day,
                        code,
                        None,
                        None,
                        {"score": rng.choices((3, 2, 1), (70, 20, 10))[0]},
                    )
                if rng.random() < 0.01:
                    event(site, issued, "unmet_demand", day, "CAF", None, None, {})
                made += 1
            if len(ticket_rows) >= BATCH:
                write_rows(connection, ticket_rows, event_rows)
            if made >= tickets:
                break
        if made >= tickets:
            break
    write_rows(connection, ticket_rows, event_rows)
    connection.executemany(
        "INSERT OR REPLACE INTO sequences (site, last) VALUES (?, ?)", list(seqs.items())
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()

