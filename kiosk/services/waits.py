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


def service_time_s(session: Session, config: SiteConfig, service: str, today: date) -> float:
    site = config.site.slug
    durations = _durations(
        session.execute(
            select(Ticket.called_at, Ticket.finished_at).where(
                Ticket.site == site,
                Ticket.day == today,
                Ticket.service == service,
                Ticket.status == State.DONE,
            )
        )
    )
    if len(durations) < MIN_SAMPLES:
        durations += _durations(
            session.execute(
                select(Ticket.called_at, Ticket.finished_at)
                .where(
                    Ticket.site == site,
                    Ticket.service == service,
                    Ticket.status == State.DONE,
                    Ticket.day >= today - timedelta(days=HISTORY_DAYS),
                    Ticket.day < today,
                )
                .order_by(Ticket.day.desc())
                .limit(HISTORY_SAMPLES)
            )
        )
    if len(durations) < MIN_SAMPLES:
        return config.queue.default_service_min * 60
    return statistics.median(durations)


def _durations(rows) -> list[float]:
    return [
        (finished - called).total_seconds()
        for called, finished in rows
        if called is not None and finished is not None and finished >= called
    ]


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
