"""Hub figures: ticket issuing and call-next over loopback HTTP, cold start, memory.

A real ``kiosk serve`` process per measurement, reached by httpx with keep-alive, as a
kiosk terminal would. Each request comes from its own kiosk id, so the per-kiosk rate
limit (which a real burst of visitors never meets) does not shape the figure.

The large history is a running site's store: its tickets and the figures of each closed
day, kept by the hub's day keeper (:func:`kiosk.bench.history.kept_history`). Warm
figures follow five untimed tickets, which read the history of past service times (cached
per day by the hub). Cold figures are the first requests of freshly started hubs on
the large history: the first ticket of each service of the day reads that service's four
weeks of history, and the first call-next of the day is the counter's first; these are
what the first visitor and the first counter of the morning meet after a restart.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

from config import site_file
from kiosk.bench.history import history_db
from kiosk.bench.processes import wait_for_health
from kiosk.siteconfig import load_site_config

BENCH_SERVICE = "ACC"  # open at every hour on the demo site
COUNTER, PIN = "accueil", "1234"
#: Open at every hour on the demo site: each one's first ticket of a hub's day is cold.
COLD_SERVICES = ("ACC", "CPAM", "EMPLOI", "NUM", "CIAS")

METHOD = {
    "issue_p95_ms_empty": "POST /api/tickets sent to its 201 answer read, warm hub process "
    "on an empty store, loopback keep-alive; p95 per run, median of runs",
    "call_next_p95_ms_empty": "POST /api/counters/accueil/call-next sent to its answer read, "
    "warm hub on an empty store; p95 per run, median of runs",
    "hub_cold_start_s": "`kiosk serve` process started to its first 200 on /api/health "
    "(empty store); median of runs",
    "hub_rss_mb": "resident memory of the hub process after the warm run on the history",
    "history_tickets": "tickets in the large history (one site, 400 a day)",
    "history_build_or_copy_s": "building (first time) or copying the cached history; untimed "
    "by the figures",
    "runs": "hub processes per store for the warm figures",
    "requests_per_run": "tickets issued, then called, per warm run",
}
for _label in ("1m", "100k"):
    METHOD.update({
        f"issue_p95_ms_{_label}": "as issue_p95_ms_empty, on the large history with its closed "
        "days kept as on a running site (warm: five untimed tickets first)",
        f"call_next_p95_ms_{_label}": "as call_next_p95_ms_empty, on the large history (warm)",
        f"issue_ratio_{_label}_empty": "warm issue p95 on the history over the empty store's",
        f"call_next_ratio_{_label}_empty": "warm call-next p95 on the history over the empty "
        "store's",
        f"issue_p95_ms_{_label}_cold": "POST /api/tickets sent to its answer, the first ticket "
        "of each service (ACC, CPAM, EMPLOI, NUM, CIAS) in a freshly started `kiosk serve` on "
        "the large history (history caches cold; only staff sign-in before it); p95 over all "
        "hubs' first tickets",
        f"call_next_ms_{_label}_cold": "POST call-next sent to its answer, the first call of a "
        "freshly started hub on the large history, right after those tickets; median of hubs",
    })
GOALS = {
    "issue_p95_ms_empty": 20,
    "issue_p95_ms_1m": 20,
    "issue_p95_ms_100k": 20,
    "issue_p95_ms_1m_cold": 20,
    "issue_p95_ms_100k_cold": 20,
    "call_next_p95_ms_empty": 20,
    "call_next_p95_ms_1m": 20,
    "call_next_p95_ms_100k": 20,
    "issue_ratio_1m_empty": 1.2,
    "issue_ratio_100k_empty": 1.2,
    "call_next_ratio_1m_empty": 1.2,
    "call_next_ratio_100k_empty": 1.2,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def hub_process(db: Path):
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "serve",
            "--config",
            str(site_file("demo")),
            "--db",
            f"sqlite:///{db}",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            wait_for_health(url, process, lambda: process.stderr.read().decode(), poll_s=0.02)
            cold_start = time.perf_counter() - started
            yield client, process, cold_start
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def issue_and_call(client: httpx.Client, count: int) -> tuple[float, float]:
    """p95 in ms of issuing ``count`` tickets, then of calling them one by one."""
    token = client.post("/api/session", json={"counter": COUNTER, "pin": PIN}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    body = {"service": BENCH_SERVICE, "priority": False, "language": "fr"}
    for _ in range(5):  # warm-up: connection, caches, first queries
        client.post("/api/tickets", json=body, headers={"X-Kiosk-Id": uuid.uuid4().hex})
    issue_ms, call_ms = [], []
    for _ in range(count):
        headers = {"X-Kiosk-Id": uuid.uuid4().hex}
        start = time.perf_counter()
        response = client.post("/api/tickets", json=body, headers=headers)
        issue_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.text
    for _ in range(count):
        start = time.perf_counter()
        response = client.post(f"/api/counters/{COUNTER}/call-next", headers=auth)
        call_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text
    return p95(issue_ms), p95(call_ms)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(db: Path, count: int) -> dict[str, float]:
    with hub_process(db) as (client, process, cold_start):
        issue_p95, call_p95 = issue_and_call(client, count)
        return {
            "issue_p95_ms": issue_p95,
            "call_next_p95_ms": call_p95,
            "cold_start_s": cold_start,
            "rss_mb": rss_mb(process.pid),
        }


def cpu_count() -> int:
    return os.cpu_count() or 1


def cold_requests(db: Path) -> tuple[list[float], float]:
    """A fresh hub on ``db``: ms of each service's first ticket, then of the first call."""
    with hub_process(db) as (client, _process, _):
        token = client.post("/api/session", json={"counter": COUNTER, "pin": PIN}).json()
        auth = {"Authorization": f"Bearer {token['token']}"}
        issued = []
        for service in COLD_SERVICES:
            body = {"service": service, "priority": False, "language": "fr"}
            headers = {"X-Kiosk-Id": uuid.uuid4().hex}
            start = time.perf_counter()
            response = client.post("/api/tickets", json=body, headers=headers)
            issued.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 201, response.text
        start = time.perf_counter()
        response = client.post(f"/api/counters/{COUNTER}/call-next", headers=auth)
        called = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.text
        return issued, called


def hub_group(quick: bool) -> dict[str, float]:
    history = 100_000 if quick else 1_000_000
    label = "100k" if quick else "1m"
    requests, runs, cold_hubs = (150, 3, 4) if quick else (300, 5, 8)
    config = load_site_config(site_file("demo"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        history_db(config, history, Path(folder), date.today(), kept=True)  # untimed
    build_s = time.perf_counter() - started
    empty, full = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            empty.append(measure(Path(folder) / "empty.db", requests))
        with tempfile.TemporaryDirectory() as folder:
            db = history_db(config, history, Path(folder), date.today(), kept=True)
            full.append(measure(db, requests))
    cold_issues: list[float] = []
    cold_calls: list[float] = []
    for _ in range(cold_hubs):
        with tempfile.TemporaryDirectory() as folder:
            db = history_db(config, history, Path(folder), date.today(), kept=True)
            issued, called = cold_requests(db)
        cold_issues += issued
        cold_calls.append(called)

    def median(runs_: list[dict], key: str) -> float:
        return round(statistics.median(run[key] for run in runs_), 3)

    figures = {
        "issue_p95_ms_empty": median(empty, "issue_p95_ms"),
        f"issue_p95_ms_{label}": median(full, "issue_p95_ms"),
        f"issue_p95_ms_{label}_cold": round(p95(cold_issues), 3),
        "call_next_p95_ms_empty": median(empty, "call_next_p95_ms"),
        f"call_next_p95_ms_{label}": median(full, "call_next_p95_ms"),
        f"call_next_ms_{label}_cold": round(statistics.median(cold_calls), 3),
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
