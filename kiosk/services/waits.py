"""Estimated waits: how long until a counter calls you, from what the day has shown.

The service time of a service is the median of today's finished visits (from call to
finish), falling back to the last four weeks when today has fewer than three, then to the
site file's default. The wait of someone with ``ahead`` people before them is
``ahead × service time ÷ open counters``. A counter is open when it serves the service,
is not paused and was used by staff in the last hours; with none such, every unpaused
counter that serves it counts (the first visitor of the morning still gets an estimate).
"""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.lifecycle import State
from kiosk.siteconfig import SiteConfig
from kiosk.store.models import CounterState, Ticket

MIN_SAMPLES = 3
HISTORY_DAYS = 28
HISTORY_SAMPLES = 200
STAFFED_WITHIN = timedelta(hours=4)


class ServiceTimes:
    """Median service time per service; the history part is computed once per local day.

    Past days do not change during the day, so their median is cached; today's finished
    visits are few and indexed, so they are read on every estimate.
    """

    def __init__(self, config: SiteConfig):
        self.config = config
        self._history: dict[tuple[str, date], list[float]] = {}

    def median_s(self, session: Session, service: str, today: date) -> float:
        site = self.config.site.slug
        durations = _durations(
            session.execute(
                select(Ticket.called_at, Ticket.started_at, Ticket.finished_at).where(
                    Ticket.site == site, Ticket.day == today, Ticket.service == service,
                    Ticket.status == State.DONE,
                )
            )
        )
        if len(durations) < MIN_SAMPLES:
            durations += self._past(session, service, today)
        if len(durations) < MIN_SAMPLES:
            return self.config.queue.default_service_min * 60
        return statistics.median(durations)

    def _past(self, session: Session, service: str, today: date) -> list[float]:
        key = (service, today)
        if key not in self._history:
            if len(self._history) > 4 * len(self.config.services):
                self._history.clear()  # yesterday's entries
            self._history[key] = _durations(
                session.execute(
                    select(Ticket.called_at, Ticket.started_at, Ticket.finished_at)
                    .where(
                        Ticket.site == self.config.site.slug, Ticket.service == service,
                        Ticket.status == State.DONE,
                        Ticket.day >= today - timedelta(days=HISTORY_DAYS), Ticket.day < today,
                    )
                    .order_by(Ticket.day.desc())
                    .limit(HISTORY_SAMPLES)
                )
            )
        return self._history[key]


def _durations(rows) -> list[float]:
    """Call (or start, when recorded) to finish: the time a counter spends per visitor."""
    durations = []
    for called, started, finished in rows:
        begin = started or called
        if begin is not None and finished is not None and finished >= begin:
            durations.append((finished - begin).total_seconds())
    return durations


def open_counters(session: Session, config: SiteConfig, service: str, now: datetime) -> int:
    serving = [c.id for c in config.counters if service in c.services]
    states = {
        state.counter: state
        for state in session.scalars(
            select(CounterState).where(CounterState.site == config.site.slug)
        )
    }
    unpaused = [c for c in serving if not (c in states and states[c].paused)]
    staffed = [
        c
        for c in unpaused
        if c in states and states[c].seen_at and now - states[c].seen_at <= STAFFED_WITHIN
    ]
    return max(1, len(staffed) or len(unpaused))


def estimate_s(ahead: int, service_time: float, counters: int) -> int:
    return round(ahead * service_time / max(1, counters))
