"""The hub's day keeper: each closed day's figures computed once, soon after it closes.

A background thread of the hub keeps every closed day not kept yet (at start, which also
catches up days closed while the hub was stopped, then a few minutes after each local
midnight), so the dashboard's first year after a restart reads kept rows instead of a
year of tickets. It works a day at a time and, after each, rests as long as that day took
(at least 50 ms): a first start on years of history catches up in the background at half
pace, and a ticket never waits behind more than one day's computation. An error is logged
and tried again at the next midnight.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time, timedelta

from kiosk.domain.schedule import local_day
from kiosk.services.stats import Stats

log = logging.getLogger("kiosk.hub")
AFTER_MIDNIGHT = timedelta(minutes=5)
GIVE_WAY_S = 0.05


class DayKeeper:
    def __init__(self, stats: Stats):
        self.stats = stats
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-day-keeper", daemon=True)
        #: Set after each pass (tests and the bench wait on it).
        self.passed = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                days = self.stats.keep_closed_days(pause=self._give_way)
                if days:
                    log.info("kept the figures of %d closed day(s)", days)
            except Exception:  # a bad row must not stop the hub; tried again next night
                log.exception("could not keep the closed days' figures")
            self.passed.set()
            self._stop.wait(self.seconds_to_next_pass())

    def _give_way(self, busy_s: float) -> bool:
        """Between days: as long a rest as the last day took; False once the hub stops."""
        return not self._stop.wait(max(GIVE_WAY_S, busy_s))

    def seconds_to_next_pass(self) -> float:
        now = self.stats.clock.now()
        tz = self.stats.tz
        tomorrow = local_day(now, tz) + timedelta(days=1)
        wake = datetime.combine(tomorrow, time(), tzinfo=tz) + AFTER_MIDNIGHT
        return max(60.0, (wake - now).total_seconds())
