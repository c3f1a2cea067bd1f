"""Stream figures: does a waiting room full of open live streams slow a counter down?

The real path: a ``kiosk serve`` process on a real (not open-mode) site file; 300 live
streams (``GET /api/events``) held open by paired display devices from another process, as
TVs, kiosks and counter consoles of a big site would; a counter then signs in and calls
tickets one by one over keep-alive HTTP, each call an event every stream receives. The
figure is the p95 of ``call-next`` with the 300 streams open, beside the same with none.
The hub feeds all streams from one reader of the store (kiosk.hub.live), so the goal is
``call_next_p95_ms_300_streams`` ≤ 20 ms.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from config import site_file
from kiosk.bench.hub_figures import free_port, p95
from kiosk.bench.processes import wait_for_health
from kiosk.clock import SystemClock
from kiosk.services.devices import Devices
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store

STREAMS = 300
COUNTER, PIN = "accueil", "1234"


def real_site_file(folder: Path) -> Path:
    """The demo site without its open mode: streams need a device credential."""
    text = site_file("demo").read_text(encoding="utf-8")
    path = folder / "site.toml"
    path.write_text(text.replace("open_mode = true", "open_mode = false"), encoding="utf-8")
    return path


def _hold_streams(url: str, credentials: list[str], per_device: int, opened, stop) -> None:
    """In a process of its own: open ``per_device`` streams per credential and read them
    (raw sockets, discarding what comes, as a TV on another machine costs this one
    nothing) until ``stop`` is set, counting each stream's hello in ``opened``."""
    host, port = url.split("://", 1)[1].split(":")

    async def one(credential: str) -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write((f"GET /api/events HTTP/1.1\r\nHost: {host}\r\n"
                      f"X-Device-Credential: {credential}\r\nAccept: text/event-stream\r\n\r\n"
                      ).encode())
        await writer.drain()
        seen = b""
        while b"event: hello" not in seen:
            chunk = await reader.read(65536)
            if not chunk:
                raise RuntimeError("a stream closed before its hello")
            seen += chunk
        with opened.get_lock():
            opened.value += 1
        try:
            while await reader.read(65536):
                pass
        finally:
            writer.close()

    async def main() -> None:
        tasks = [asyncio.create_task(one(c)) for c in credentials for _ in range(per_device)]
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(main())


def _call_next_p95(client: httpx.Client, count: int) -> float:
    token = client.post("/api/session", json={"counter": COUNTER, "pin": PIN}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    for _ in range(count + 5):  # issued at the counter (reception): no kiosk limit applies
        answer = client.post("/api/tickets", json={"service": "ACC"}, headers=auth)
        assert answer.status_code == 201, answer.text
    for _ in range(5):  # warm-up
        client.post(f"/api/counters/{COUNTER}/call-next", headers=auth)
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        answer = client.post(f"/api/counters/{COUNTER}/call-next", headers=auth)
        timings.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.text
    return p95(timings)


def measure(folder: Path, streams: int, calls: int) -> float:
    """call-next p95 (ms) on a fresh hub with ``streams`` live streams open."""
    config_path = real_site_file(folder)
    db = folder / f"streams-{streams}.db"
    config = load_site_config(config_path)
    per_device = config.security.streams_per_source
    store = Store.open(f"sqlite:///{db}")
    devices = Devices(store, SystemClock())
    credentials = [devices.enroll("display")[1] for _ in range(math.ceil(streams / per_device))]
    store.close()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    hub = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "serve", "--config", str(config_path),
         "--db", f"sqlite:///{db}", "--port", str(port), "--log-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    context = multiprocessing.get_context("spawn")
    opened, stop = context.Value("i", 0), context.Event()
    holder = extra = None
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            wait_for_health(url, hub, lambda: "(the stream figures' hub; its output is not kept)")
            if streams:
                full, rest = divmod(streams, per_device)
                holder = context.Process(
                    target=_hold_streams,
                    args=(url, credentials[:full], per_device, opened, stop), daemon=True)
                holder.start()
                if rest:
                    extra = context.Process(
                        target=_hold_streams,
                        args=(url, credentials[full:full + 1], rest, opened, stop), daemon=True)
                    extra.start()
                deadline = time.monotonic() + 60
                while opened.value < streams:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"only {opened.value} of {streams} streams opened")
                    time.sleep(0.05)
            return _call_next_p95(client, calls)
    finally:
        stop.set()
        for process in (holder, extra):
            if process is not None:
                process.join(timeout=10)
                if process.is_alive():
                    process.kill()
        hub.terminate()
        try:
            hub.wait(timeout=10)
        except subprocess.TimeoutExpired:
            hub.kill()


def stream_group(quick: bool) -> dict[str, float]:
    calls, runs = (100, 1) if quick else (200, 3)
    with_streams, without = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            without.append(measure(Path(folder), 0, calls))
        with tempfile.TemporaryDirectory() as folder:
            with_streams.append(measure(Path(folder), STREAMS, calls))
    return {
        "call_next_p95_ms_no_streams": round(statistics.median(without), 3),
        f"call_next_p95_ms_{STREAMS}_streams": round(statistics.median(with_streams), 3),
        "stream_runs": runs,
    }
