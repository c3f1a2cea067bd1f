"""Hub figures: ticket issuing and call-next over loopback HTTP, cold start, memory.

A real ``kiosk serve`` process per measurement, reached by httpx with keep-alive, as a
kiosk terminal would. Each request comes from its own kiosk id, so the per-kiosk rate
limit (which a real burst of visitors never meets) does not shape the figure.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx

from config import site_file

BENCH_SERVICE = "ACC"  # open at every hour on the demo site
COUNTER, PIN = "accueil", "1234"


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
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"hub did not start: {process.stderr.read().decode()}")
                time.sleep(0.02)
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
