"""Token buckets for ticket issuing, one per kiosk.

A kiosk may issue ``burst`` tickets at once, then one every ``60 / per_minute`` seconds:
a family of four gets its tickets; a child tapping fifty times gets a few, not a roll.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

MAX_KIOSKS = 10_000


class RateLimiter:
    def __init__(self, per_minute: float, burst: int, monotonic: Callable[[], float]):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._now = monotonic
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0.0 when allowed (one token taken), else the seconds until the next token."""
        with self._lock:
            now = self._now()
            tokens, stamp = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                self._remember(key, (tokens - 1.0, now))
                return 0.0
            self._remember(key, (tokens, now))
            return (1.0 - tokens) / self.rate

    def _remember(self, key: str, value: tuple[float, float]) -> None:
        if len(self._buckets) >= MAX_KIOSKS and key not in self._buckets:
            self._buckets.clear()  # a flood of made-up kiosk ids must not grow memory
        self._buckets[key] = value
