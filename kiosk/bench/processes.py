"""Waiting for a `kiosk serve` process the bench started: one loop for every group.

A figure that starts a hub must not time (or fail on) a hub still binding its port; this
polls `/api/health` until it answers 200, and says why when the process died or the wait ran
out (``why`` gives the process's own last words: its stderr or its log).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import httpx


def wait_for_health(
    url: str,
    process: subprocess.Popen,
    why: Callable[[], str],
    timeout_s: float = 60.0,
    poll_s: float = 0.05,
) -> None:
    """Return once ``url``/api/health answers 200; raise RuntimeError if ``process`` exits
    or ``timeout_s`` passes first."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"hub did not start: {why()[-800:]}")
        time.sleep(poll_s)
