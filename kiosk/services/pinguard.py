"""Lockouts for everything that checks a PIN (staff sign-in, kiosk unlock).

A PIN has four digits: what protects it is how few guesses anyone gets. The rules:

- **Atomic**: an attempt is charged *before* its PIN is checked, under one lock, and
  refunded only if the PIN was right. Twenty-four guesses sent in parallel are twenty-four
  failures, never one (the count is never written back from a stale value).
- **Per source and per subject**: failures are counted under two keys, the source alone
  (a paired device, or else the TCP address) and the subject as seen from that kind of
  source (a paired device has its own; every unpaired address shares one). Someone on the
  guest network can lock the unpaired way into a counter, never the counter's own paired
  terminal, and one source cannot try every counter in turn.
- **Exponential backoff**: after ``max_failures`` failures (a source alone:
  :data:`SOURCE_FACTOR` times as many, since a shared desk mistypes several PINs) the key is
  locked for
  :data:`BASE_LOCK`, doubling with each further failure, up to :data:`MAX_LOCK`.
  A key quiet for :data:`FORGET_AFTER` is forgotten.
- **Bounded**: at most :data:`MAX_KEYS` keys are remembered, the stalest dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.clock import Clock
from kiosk.errors import RateLimited

BASE_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
FORGET_AFTER = timedelta(hours=1)
MAX_KEYS = 20_000
SOURCE_FACTOR = 3


@dataclass
class _Record:
    failures: int
    last: datetime
    locked_until: datetime | None = None


class PinGuard:
    def __init__(self, clock: Clock, max_failures: int):
        self.clock, self.max_failures = clock, max_failures
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def attempt(self, subject: str, source: str, paired: bool, check: Callable[[], bool]) -> bool:
        """Run ``check`` (the PIN comparison) unless locked; count it unless it succeeds.

        Raises :class:`RateLimited` while a key is locked (nothing is checked then).
        """
        keys = (f"source:{source}", f"subject:{subject}@{source if paired else 'network'}")
        now = self.clock.now()
        with self._lock:
            wait = max((self._locked_for(key, now) for key in keys), default=0.0)
            if wait > 0:
                raise RateLimited(wait, "too many wrong PINs; locked")
            self._charge(keys[0], now, self.max_failures * SOURCE_FACTOR)
            self._charge(keys[1], now, self.max_failures)
        ok = check()
        if ok:
            with self._lock:
                self._refund(keys[1])
                if paired:
                    self._refund(keys[0])
                else:
                    self._uncharge(keys[0])
        return ok

    def _locked_for(self, key: str, now: datetime) -> float:
        record = self._records.get(key)
        if record is None or record.locked_until is None:
            return 0.0
        return max(0.0, (record.locked_until - now).total_seconds())

    def _charge(self, key: str, now: datetime, allowed: int) -> None:
        record = self._records.pop(key, None)
        if record is None or now - record.last > FORGET_AFTER:
            record = _Record(0, now)
        record.failures += 1
        record.last = now
        over = record.failures - allowed
        if over >= 0:
            record.locked_until = now + min(MAX_LOCK, BASE_LOCK * (2 ** min(over, 12)))
        self._records[key] = record  # newest at the end
        while len(self._records) > MAX_KEYS:
            self._records.popitem(last=False)

    def _refund(self, key: str) -> None:
        self._records.pop(key, None)

    def _uncharge(self, key: str) -> None:
        """Take back this attempt's charge on a shared source (a right PIN is no failure)."""
        record = self._records.get(key)
        if record is not None and record.failures > 0:
            record.failures -= 1
