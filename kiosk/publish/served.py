"""The public ``/quality`` pages as the hub serves them: a year's figures computed at most
once every :data:`KEEP_S` seconds, for its three languages together.

Anyone on the guest Wi-Fi may ask for any year from 2020 on, in any language, as often as
they like; computing a year reads every kept day of it. So a year is computed once and
its figures serve the three languages (each page is rendered from them once), and the
computation of one year holds only that year: asking for a year being computed waits for
that one computation instead of starting another, while the other years, already kept,
are answered at once. One entry a year asked for (the route takes 2020 to 2100 only).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kiosk.domain.schedule import local_day
from kiosk.publish.command import published_year
from kiosk.publish.figures import Published
from kiosk.publish.page import page
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig

#: How long a computed year is served before it is computed again.
KEEP_S = 600.0


@dataclass
class _Year:
    lock: threading.Lock = field(default_factory=threading.Lock)
    computed_at: float = 0.0
    published: Published | None = None
    made: date | None = None
    pages: dict[str, str] = field(default_factory=dict)


class QualityPages:
    def __init__(
        self,
        config: SiteConfig,
        stats: Stats,
        keep_s: float = KEEP_S,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.config, self.stats = config, stats
        self.keep_s = keep_s
        self._monotonic = monotonic
        self._years: dict[int, _Year] = {}
        self._lock = threading.Lock()
        #: How many times a year's figures were computed (for the tests and the logs).
        self.computed = 0

    def html(self, year: int, language: str) -> str:
        """The page of ``year`` in ``language``; raises KioskError for a year without a
        finished day (nothing is kept for it)."""
        with self._lock:
            kept = self._years.setdefault(year, _Year())
        with kept.lock:
            if kept.published is None or self._monotonic() - kept.computed_at > self.keep_s:
                published = published_year(self.config, self.stats, year)
                kept.published, kept.pages = published, {}
                kept.made = local_day(self.stats.clock.now(), self.config.tz)
                kept.computed_at = self._monotonic()
                self.computed += 1
            html = kept.pages.get(language)
            if html is None:
                html = page(kept.published, self.config, language, kept.made, links=True)
                kept.pages[language] = html
            return html
