"""Phone figure: how soon a visitor's phone shows that the counter called them.

- ``phone_update_p95_ms``: from a counter calling a chosen ticket (``POST
  /api/tickets/{id}/call`` over loopback HTTP, as the counter console does) to the phone
  page of that ticket, open in Debian's Chromium (headless, driven by Playwright), showing
  "called" in its page: the hub's live feed wakes the page's stream (``/t/{token}/live``),
  the page swaps in its new state, and the figure ends at the first animation frame that
  has it. p95 per run, median of runs; goal ≤ 2,000 ms (the page used to refresh itself
  every 15 s). The hub is a real ``kiosk serve`` process; a few other phones follow their
  own waiting tickets meanwhile, so every call wakes several streams, as in a waiting room.

Chromium (Debian package ``chromium``) and Playwright's Python package (the ``test`` extra)
are needed; without them the group says what is missing instead of a figure.
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kiosk.bench import hub_figures

COUNTER, PIN = hub_figures.COUNTER, hub_figures.PIN
SERVICE = hub_figures.BENCH_SERVICE
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
OTHER_PHONES = 5
WAIT_MS = 15_000


def phone_group(quick: bool) -> dict:
    chromium = shutil.which("chromium")
    if chromium is None or importlib.util.find_spec("playwright") is None:
        return {"phone_unavailable": "needs Debian's chromium and playwright (pip '.[test]')"}
    calls, runs = (15, 3) if quick else (40, 3)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            results = [_run(browser, calls) for _ in range(runs)]
        finally:
            browser.close()
    return {
        "phone_update_p95_ms": round(statistics.median(results), 1),
        "phone_calls_per_run": calls,
        "phone_runs": runs,
    }


def _run(browser, calls: int) -> float:
    with tempfile.TemporaryDirectory() as folder, hub_figures.hub_process(
        Path(folder) / "phone.db"
    ) as (client, _process, _cold):
        token = client.post("/api/session", json={"counter": COUNTER, "pin": PIN}).json()
        auth = {"Authorization": f"Bearer {token['token']}"}

        def issue() -> dict:
            answer = client.post("/api/tickets", headers=auth,
                                 json={"service": SERVICE, "language": "fr"})
            answer.raise_for_status()
            return answer.json()

        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        try:
            for _ in range(OTHER_PHONES):
                _open(context, issue()["status_url"])
            phone = context.new_page()
            latencies = []
            for _ in range(calls):
                ticket = issue()
                _open(context, ticket["status_url"], phone)
                started = time.perf_counter()
                client.post(f"/api/tickets/{ticket['id']}/call", headers=auth).raise_for_status()
                phone.wait_for_function(
                    "document.getElementById('page').dataset.status === 'called'",
                    polling="raf", timeout=WAIT_MS)
                latencies.append((time.perf_counter() - started) * 1000)
                for action, body in (("start", None), ("finish", {"outcome": "solved"})):
                    client.post(f"/api/tickets/{ticket['id']}/{action}", headers=auth,
                                json=body).raise_for_status()
        finally:
            context.close()
    return hub_figures.p95(latencies)


def _open(context, url: str, page=None):
    """The page of a ticket, once its live stream has delivered the first state."""
    page = page or context.new_page()
    page.goto(url)
    page.wait_for_function("document.getElementById('page').dataset.connected === 'yes'",
                           timeout=WAIT_MS)
    return page
