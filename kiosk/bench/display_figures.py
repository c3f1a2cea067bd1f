"""Display figures: how fast a call reaches the waiting-room screen, and whether the screen
holds its memory over a long day.

- ``call_to_display_paint_p95_ms``: a counter's call-next over loopback HTTP, to the
  display (offscreen, in this process) repainting its large panel with that number (the
  first paint event of the panel or its parts after the display took the call): what the
  people in the waiting room see. p95 per run, median of runs. The hub is a real
  ``kiosk serve`` process; the display hears of the call on its live stream and reads
  ``GET /api/display``, as on site.
- ``call_to_display_p95_ms``: the same start, to the display's ``shown`` signal (the call
  taken, before the repaint); kept to tell the network's share from the drawing's.
- ``display_rss_ratio_10k_100``: the display's resident memory after 10,000 calls over its
  memory after 100, in a process of its own (``--quick``: 2,000 calls, and the figure is
  named ``display_rss_ratio_2k_100``). Calls follow each other as fast as the hub takes
  them; every 20 calls (and before each measure) the bench waits until the display shows
  the last one, so it never lags far behind.

Tickets are issued by a signed-in counter (on a visitor's behalf), which the hub does not
rate-limit as it does a kiosk. Qt is imported only when a figure is measured: ``kiosk``
itself stays free of it.
"""

from __future__ import annotations

import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from kiosk.bench import hub_figures

COUNTER, PIN = hub_figures.COUNTER, hub_figures.PIN
SERVICE = hub_figures.BENCH_SERVICE
LANGUAGES = ("fr", "en", "nl")
SETTLE_S = 2.0
SYNC_EVERY = 20
WAIT_S = 15.0
METHOD = {
    "call_to_display_paint_p95_ms": "POST call-next sent (counter, HTTP, real `kiosk serve`) to "
    "the display window's first repaint of its large call panel showing that number (live "
    "stream, then GET /api/display); p95 per run, median of runs",
    "call_to_display_p95_ms": "the same start to the display's shown signal (before the "
    "repaint); p95 per run, median of runs",
    "display_rss_mb_100": "display process resident memory after 100 calls",
    "display_calls_per_run": "timed calls per run",
    "display_runs": "runs (fresh hub and display each)",
}
for _label in ("10k", "2k"):
    METHOD[f"display_rss_ratio_{_label}_100"] = (
        f"display process resident memory after {_label[:-1]},000 calls over after 100"
    )
    METHOD[f"display_rss_mb_{_label}"] = f"display process resident memory after {_label} calls"
GOALS = {
    "call_to_display_paint_p95_ms": 300,
    "call_to_display_p95_ms": 300,
    "display_rss_ratio_10k_100": 1.1,
}


def display_group(quick: bool) -> dict:
    calls, runs = (30, 3) if quick else (100, 3)
    long_day = 2_000 if quick else 10_000
    runs_ = [call_to_display_p95(calls) for _ in range(runs)]
    small, large = display_rss(long_day)
    label = f"{long_day // 1000}k"
    return {
        "call_to_display_paint_p95_ms": round(statistics.median(r[1] for r in runs_), 1),
        "call_to_display_p95_ms": round(statistics.median(r[0] for r in runs_), 1),
        f"display_rss_ratio_{label}_100": round(large / small, 3),
        "display_rss_mb_100": round(small, 1),
        f"display_rss_mb_{label}": round(large, 1),
        "display_calls_per_run": calls,
        "display_runs": runs,
    }


class _Staff:
    """A counter signed in over HTTP: issues on a visitor's behalf, then calls next."""

    def __init__(self, client: httpx.Client):
        self.client = client
        token = client.post("/api/session", json={"counter": COUNTER, "pin": PIN}).json()
        self.auth = {"Authorization": f"Bearer {token['token']}"}
        self.count = 0

    def issue(self) -> None:
        language = LANGUAGES[self.count % len(LANGUAGES)]
        self.count += 1
        response = self.client.post(
            "/api/tickets", headers=self.auth, json={"service": SERVICE, "language": language}
        )
        assert response.status_code == 201, response.text

    def call_next(self) -> str:
        response = self.client.post(f"/api/counters/{COUNTER}/call-next", headers=self.auth)
        assert response.status_code == 200 and response.json(), response.text
        return response.json()["number"]


def _offscreen_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.display.chime import quiet_multimedia

    quiet_multimedia()
    return QApplication.instance() or QApplication(sys.argv[:1])


def _display(url: str):
    from kiosk.client import HubClient
    from ui.display.chime import Chime
    from ui.display.window import DisplayWindow
    from ui.speech import Speaker

    window = DisplayWindow(
        HubClient(url, kiosk_id="display"),
        speaker=Speaker(engine="mock"),
        chime=Chime(enabled=False),
    )
    window.resize(1920, 1080)
    window.show()
    return window


def _spin_until(condition, timeout_s: float = WAIT_S) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the display did not catch up")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def call_to_display_p95(calls: int) -> tuple[float, float]:
    """p95s in ms, over ``calls`` calls, from call-next sent to the display taking the call
    (its ``shown`` signal) and to the repaint of its large panel with that number."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer

    app = _offscreen_app()
    with (
        tempfile.TemporaryDirectory() as folder,
        hub_figures.hub_process(Path(folder) / "display.db") as (client, _process, _),
    ):
        staff = _Staff(client)
        window = _display(str(client.base_url))
        try:
            _spin_until(lambda: window.site is not None and window.live.is_connected)
            shown: dict[str, float] = {}
            loop = QEventLoop()
            target = {"number": ""}

            painted: dict[str, float] = {}

            class HeroPaints(QObject):
                def eventFilter(self, watched, event) -> bool:
                    number = target["number"]
                    if (
                        event.type() == QEvent.Type.Paint
                        and number in shown
                        and number not in painted
                        and (watched is window.hero or window.hero.isAncestorOf(watched))
                    ):
                        painted[number] = time.perf_counter()
                        loop.quit()
                    return False

            paints = HeroPaints()
            app.installEventFilter(paints)

            def on_shown(call: dict) -> None:
                shown[call["number"]] = time.perf_counter()

            window.shown.connect(on_shown)
            guard = QTimer(singleShot=True, interval=round(WAIT_S * 1000))
            guard.timeout.connect(loop.quit)
            for _ in range(calls + 5):  # everyone is already waiting: only calls are timed
                staff.issue()
            _spin_until(lambda: window.idle)
            latencies, paint_latencies = [], []
            for index in range(calls + 5):
                start = time.perf_counter()
                number = staff.call_next()
                target["number"] = number
                if number not in painted:
                    guard.start()
                    loop.exec()
                    guard.stop()
                if number not in painted:
                    raise RuntimeError(f"the display never painted {number}")
                if index >= 5:  # the first calls warm up connections and caches
                    latencies.append((shown[number] - start) * 1000)
                    paint_latencies.append((painted[number] - start) * 1000)
                shown.clear()
                painted.clear()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.removeEventFilter(paints)
            return hub_figures.p95(latencies), hub_figures.p95(paint_latencies)
        finally:
            window.close()
            window.client.close()


def display_rss(long_day: int, first: int = 100) -> tuple[float, float]:
    """The display process's RSS in MB after ``first`` calls and after ``long_day``."""
    with (
        tempfile.TemporaryDirectory() as folder,
        hub_figures.hub_process(Path(folder) / "display.db") as (client, _process, _),
    ):
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_TTS_ENGINE": "mock",
            "KIOSK_CHIME": "off",
        }
        errors = open(Path(folder) / "display.err", "w+")  # noqa: SIM115 - closed below
        child = subprocess.Popen(
            [sys.executable, "-m", "kiosk.bench.display_figures", str(client.base_url)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line.strip()) for line in child.stdout], daemon=True
        ).start()
        try:
            _expect(lines, "ready", child, errors)
            staff = _Staff(client)
            rss_first = rss_long = 0.0
            for index in range(1, long_day + 1):
                staff.issue()
                number = staff.call_next()
                if index % SYNC_EVERY == 0 or index in (first, long_day):
                    _expect(lines, number, child, errors)  # it keeps up with the counters
                if index in (first, long_day):
                    time.sleep(SETTLE_S)  # announcements drain, deferred deletes run
                    rss = hub_figures.rss_mb(child.pid)
                    rss_first, rss_long = (rss, rss_long) if index == first else (rss_first, rss)
            return rss_first, rss_long
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
            errors.close()


def _expect(lines: queue.Queue, wanted: str, child: subprocess.Popen, errors) -> None:
    deadline = time.monotonic() + WAIT_S
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or child.poll() is not None:
            errors.seek(0)
            tail = errors.read()[-6000:]
            raise RuntimeError(f"the display process never showed {wanted}:\n{tail}")
        try:
            if lines.get(timeout=min(left, 0.5)) == wanted:
                return
        except queue.Empty:
            continue


def _child(url: str) -> int:
    """The display alone in its process; prints ``ready``, then each number it shows."""
    app = _offscreen_app()
    from PySide6.QtCore import QTimer

    window = _display(url)
    window.shown.connect(lambda call: print(call["number"], flush=True))

    def ready() -> None:
        if window.site is not None and window.live.is_connected:
            print("ready", flush=True)
        else:
            QTimer.singleShot(50, ready)

    ready()
    return app.exec()


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
