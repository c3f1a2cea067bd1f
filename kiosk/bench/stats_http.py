"""The dashboard's figures as a manager gets them: ``GET /api/stats`` from a real hub.

The history store holds every closed day's figures, as a site's hub keeps them at each
midnight (:func:`kiosk.bench.history.kept_history`, untimed and cached). A copy of it is
served by a fresh ``kiosk serve`` process per measure; a manager signs in, and the first
``GET /api/stats`` of the year is timed (cold: the hub reads kept rows from the store,
nothing in its memory yet). Warm figures follow in
the same process. Each time is from the request sent to the whole JSON body received
(httpx, keep-alive on loopback).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kiosk.bench import hub_figures

MANAGER, MANAGER_PIN = "direction", "9999"


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
