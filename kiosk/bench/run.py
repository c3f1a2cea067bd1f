"""``kiosk bench``: every figure the issues ask for, as one JSON object of medians.

Figures are medians over several runs; compare runs by ratios within one run, not across
machines. ``--quick`` uses a smaller history (100,000 tickets instead of 1,000,000) and
fewer requests, to finish in under a minute.
"""

from __future__ import annotations

import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from config import site_file
from kiosk.bench import dashboard_figures, hub_figures
from kiosk.bench.history import history_db
from kiosk.siteconfig import load_site_config


def hub_group(quick: bool) -> dict[str, float]:
    history = 100_000 if quick else 1_000_000
    label = "100k" if quick else "1m"
    requests, runs = (150, 3) if quick else (300, 5)
    config = load_site_config(site_file("demo"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        history_db(config, history, Path(folder), date.today())  # build or reuse, untimed
    build_s = time.perf_counter() - started
    empty, full = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            empty.append(hub_figures.measure(Path(folder) / "empty.db", requests))
        with tempfile.TemporaryDirectory() as folder:
            db = history_db(config, history, Path(folder), date.today())
            full.append(hub_figures.measure(db, requests))

    def median(runs_: list[dict], key: str) -> float:
        return round(statistics.median(run[key] for run in runs_), 3)

    figures = {
        "issue_p95_ms_empty": median(empty, "issue_p95_ms"),
        f"issue_p95_ms_{label}": median(full, "issue_p95_ms"),
        "call_next_p95_ms_empty": median(empty, "call_next_p95_ms"),
        f"call_next_p95_ms_{label}": median(full, "call_next_p95_ms"),
        "hub_cold_start_s": median(empty, "cold_start_s"),
        "hub_rss_mb": median(full, "rss_mb"),
    }
    figures[f"issue_ratio_{label}_empty"] = round(
        figures[f"issue_p95_ms_{label}"] / figures["issue_p95_ms_empty"], 3
    )
    figures[f"call_next_ratio_{label}_empty"] = round(
        figures[f"call_next_p95_ms_{label}"] / figures["call_next_p95_ms_empty"], 3
    )
    figures["history_tickets"] = history
    figures["history_build_or_copy_s"] = round(build_s, 1)
    figures["runs"] = runs
    figures["requests_per_run"] = requests
    return figures


GROUPS: dict[str, Callable[[bool], dict[str, float]]] = {"hub": hub_group}
GROUPS["dashboard"] = dashboard_figures.dashboard_group
GROUPS["kiosk"] = __import__("kiosk.bench.kiosk_figures", fromlist=["_"]).kiosk_group
GROUPS["sync"] = __import__("kiosk.bench.sync_figures", fromlist=["_"]).sync_group
GROUPS["display"] = __import__("kiosk.bench.display_figures", fromlist=["_"]).display_group
GROUPS["phone"] = __import__("kiosk.bench.phone_figures", fromlist=["_"]).phone_group

GROUPS["streams"] = __import__("kiosk.bench.stream_figures", fromlist=["_"]).stream_group

GROUPS["observatory"] = __import__(
    "kiosk.bench.observatory_figures", fromlist=["_"]
).observatory_group


def run_bench(quick: bool = False, only: list[str] | None = None) -> dict:
    result: dict = {
        "machine": {"python": platform.python_version(), "cpus": hub_figures.cpu_count()},
        "quick": quick,
    }
    for name, group in GROUPS.items():
        if only and name not in only:
            continue
        result.update(group(quick))
    return result
