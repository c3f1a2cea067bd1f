"""The queue of one site: issue, call, serve, finish, and everything in between.

Each operation is one write transaction that changes the ticket and appends its event, so
the event log never disagrees with the tickets. After commit, ``on_change`` wakes whoever
listens (the hub's live stream). Times come from the injected clock; days are the site's
local days, so numbers restart at local midnight whatever DST does.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.domain.lifecycle import Action, Outcome, State, allowed_actions, next_state
from kiosk.domain.ordering import Candidate, pick_next
from kiosk.domain.schedule import local_day
from kiosk.errors import Conflict, KioskError, NotFound, ServiceClosed
from kiosk.services import waits
from kiosk.services.stats import invalidate_days
from kiosk.siteconfig import LANGUAGES, SiteConfig
from kiosk.store.counters import take_next
from kiosk.store.db import Store
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import CounterState, DayNumber, Ticket

Origin = Literal["walk_in", "appointment", "reception"]
PAUSE_REASONS = ("break", "lunch", "back_office", "phone", "meeting", "other")
CALL_RETRIES = 5
#: The last number a service hands out in a day ("C9999999"): numbers have at least three
#: digits and fit the store's and the wire's 8 characters; past it the kiosk says so (409).
MAX_DAY_NUMBER = 9_999_999
#: A kiosk asking again for the same closed service within this is the same visitor.
UNMET_REPEAT = timedelta(minutes=3)


@dataclass(frozen=True)
class Issued:
    ticket: Ticket
    position: int
    estimated_wait_s: int


@dataclass(frozen=True)
class ServiceNow:
    code: str
    open: bool
    next_opening: datetime | None
    waiting: int
    wait_s: int


class QueueService:
    def __init__(
        self,
        store: Store,
        config: SiteConfig,
        clock: Clock,
        on_change: Callable[[], None] = lambda: None,
    ):
        self.store, self.config, self.clock, self.on_change = store, config, clock, on_change
        self.site = config.site.slug
        self.service_times = waits.ServiceTimes(config)
        self._closed_through: date | None = None
        #: (kiosk, service) -> when that kiosk last recorded that service as asked closed.
        self._unmet_asked: dict[tuple[str, str], datetime] = {}

    # -- issuing -----------------------------------------------------------------------

    def issue(
        self,
        service: str,
        *,
        priority: bool = False,
        language: str = "fr",
        origin: Origin = "walk_in",
        appointment_at: datetime | None = None,
        kiosk: str | None = None,
    ) -> Issued:
        """A new ticket, or :class:`ServiceClosed` (recorded as unmet demand)."""
        spec = self.config.service(service)
        if language not in LANGUAGES:
            raise KioskError(f'unknown language "{language}" (use one of {", ".join(LANGUAGES)})')
        now = self.clock.now()
        if not self.config.schedules[service].is_open(now, self.config.tz):
            self.record_unmet_demand(service, language=language, kiosk=kiosk)
            raise ServiceClosed(service, self.next_opening(service, now))
        if priority and not spec.priority:
            raise KioskError(f"service {service} has no priority queue")
        day = self._day(now)
        self.close_past_days()
        with self.store.write() as session:
            seq = take_next(session, DayNumber, {"site": self.site, "day": day, "service": service})
            if seq > MAX_DAY_NUMBER:
                raise Conflict(
                    f"service {service} has handed out its {MAX_DAY_NUMBER:,} numbers of the day"
                )
            ticket = Ticket(
                id=str(uuid.uuid4()),
                site=self.site,
                day=day,
                service=service,
                number=f"{spec.prefix}{seq:03d}",
                seq=seq,
                priority=priority,
                language=language,
                origin=origin,
                status=State.WAITING.value,
                arrived_at=now,
                issued_at=now,
                appointment_at=appointment_at,
                token=secrets.token_urlsafe(18),
                recalls=0,
            )
            session.add(ticket)
            self._event(
                session, EventKind.ISSUED, ticket, now, kiosk=kiosk, **_ticket_facts(ticket)
            )
            position = self._position(session, ticket)
            wait = self._estimate(session, service, position - 1, now)
        self.on_change()
        return Issued(ticket, position, wait)

    def record_unmet_demand(
        self, service: str, *, language: str = "fr", kiosk: str | None = None
    ) -> None:
        """One visitor asking for a closed service. The same kiosk asking for the same
        service again within :data:`UNMET_REPEAT` is taken for the same visitor tapping
        again (the planning aid counts people, not taps)."""
        now = self.clock.now()
        if kiosk is not None:
            key = (kiosk, service)
            last = self._unmet_asked.get(key)
            if last is not None and timedelta(0) <= now - last < UNMET_REPEAT:
                return
            if len(self._unmet_asked) >= 10_000:  # made-up kiosk ids must not grow memory
                self._unmet_asked.clear()
            self._unmet_asked[key] = now
        with self.store.write() as session:
            append_event(
                session,
                site=self.site,
                epoch=self.store.epoch,
                kind=EventKind.UNMET_DEMAND,
                at=now,
                day=self._day(now),
                service=service,
                language=language,
                kiosk=kiosk,
            )
        self.on_change()

    def next_opening(self, service: str, now: datetime | None = None) -> datetime | None:
        return self.config.schedules[service].next_opening(now or self.clock.now(), self.config.tz)

    # -- calling -----------------------------------------------------------------------

    def call_next(self, counter: str) -> Ticket | None:
        """Call whoever is next for ``counter``; None when nobody waits.

        Two counters calling at once never get the same ticket: the state change is a
        conditional update (``… WHERE status = 'waiting'``), retried on a lost race.
        """
        services = self._counter_services(counter)
        self.close_past_days()
        for _ in range(CALL_RETRIES):
            now = self.clock.now()
            with self.store.write() as session:
                self.store.queue_up(session, f"call-next:{self.site}")
                self._touch_counter(session, counter, now, resume=True)
                chosen = self._choose(session, services, now)
                if chosen is None:
                    return None
                ticket = self._claim(session, chosen.id, counter, now)
            if ticket is not None:
                self.on_change()
                return ticket
        raise Conflict("the queue is very busy; please call again")

    def peek_next(self, counter: str) -> str | None:
        """The id of the ticket :meth:`call_next` would call for ``counter`` now, without
        calling it: the console shows it on its "Call next" button."""
        services = self._counter_services(counter)
        with self.store.read() as session:
            chosen = self._choose(session, services, self.clock.now())
        return chosen.id if chosen else None

    def call(self, counter: str, ticket_id: str) -> Ticket:
        """Call a chosen waiting ticket (out of order, e.g. a visitor in a hurry)."""
        services = self._counter_services(counter)
        now = self.clock.now()
        with self.store.write() as session:
            ticket = self._get(session, ticket_id)
            if ticket.service not in services:
                raise Conflict(f"counter {counter} does not serve {ticket.service}")
            next_state(ticket.status, Action.CALL, number=ticket.number)
            self._touch_counter(session, counter, now, resume=True)
            claimed = self._claim(session, ticket.id, counter, now)
            if claimed is None:
                raise Conflict(f"ticket {ticket.number} was just called by another counter")
        self.on_change()
        return claimed

    def _choose(self, session: Session, services: list[str], now: datetime) -> Candidate | None:
        rows = session.execute(
            select(
                Ticket.id, Ticket.priority, Ticket.arrived_at, Ticket.seq, Ticket.appointment_at
            ).where(
                Ticket.site == self.site,
                Ticket.status == State.WAITING,
                Ticket.day == self._day(now),
                Ticket.service.in_(services),
            )
        ).all()
        candidates = [Candidate(*row) for row in rows]
        every = self.config.queue.priority_every
        recent = session.scalars(
            select(Ticket.priority)
            .where(
                Ticket.site == self.site,
                Ticket.day == self._day(now),
                Ticket.service.in_(services),
                Ticket.called_at.is_not(None),
                Ticket.origin != "appointment",
            )
            .order_by(Ticket.called_at.desc())
            .limit(max(every, 1))
        ).all()
        return pick_next(
            candidates,
            recent,
            priority_every=every,
            now=now,
            early=timedelta(minutes=self.config.queue.appointment_early_min),
        )

    def _claim(
        self, session: Session, ticket_id: str, counter: str, now: datetime
    ) -> Ticket | None:
        claimed = session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.status == State.WAITING)
            .values(status=State.CALLED.value, counter=counter,
                    called_at=func.coalesce(Ticket.called_at, now))
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            return None
        ticket = session.get(Ticket, ticket_id, populate_existing=True)
        self._event(session, EventKind.CALLED, ticket, now, counter=counter)
        return ticket

    # -- acting on a ticket -------------------------------------------------------------

    def act(
        self,
        ticket_id: str,
        action: Action | str,
        counter: str,
        *,
        outcome: Outcome | str | None = None,
        to_service: str | None = None,
    ) -> Ticket:
        """Recall, start, finish, no-show, cancel, transfer or reactivate a ticket.

        Returns the ticket after the action (for a transfer: the new queue entry).
        """
        action = Action(action)
        if action is Action.CALL:
            return self.call(counter, ticket_id)
        self._counter_services(counter)
        now = self.clock.now()
        with self.store.write() as session:
            ticket = self._get(session, ticket_id)
            new_state = next_state(ticket.status, action, number=ticket.number)
            if (
                ticket.counter
                and ticket.counter != counter
                and ticket.status in (State.CALLED, State.SERVING)
            ):
                held_by = self.config.counters_by_id.get(ticket.counter)
                raise Conflict(
                    f"ticket {ticket.number} is with {held_by.name if held_by else ticket.counter}"
                )
            self._touch_counter(session, counter, now)
            result = getattr(self, f"_do_{action.value}")(
                session, ticket, counter, now, outcome=outcome, to_service=to_service
            )
            ticket.status = new_state.value
        self.on_change()
        return result

    def _do_recall(self, session, ticket, counter, now, **_) -> Ticket:
        ticket.recalls += 1
        ticket.called_at = ticket.called_at or now
        self._event(session, EventKind.RECALLED, ticket, now, counter=counter)
        return ticket

    def _do_start(self, session, ticket, counter, now, **_) -> Ticket:
        ticket.started_at, ticket.counter = now, counter
        self._event(session, EventKind.STARTED, ticket, now, counter=counter)
        return ticket

    def _do_finish(self, session, ticket, counter, now, *, outcome, **_) -> Ticket:
        if outcome is None:
            raise KioskError(
                f"finishing {ticket.number} needs an outcome "
                f"({', '.join(o.value for o in Outcome)})"
            )
        try:
            outcome = Outcome(outcome)
        except ValueError:
            raise KioskError(
                f'unknown outcome "{outcome}" ({", ".join(o.value for o in Outcome)})'
            ) from None
        ticket.finished_at, ticket.outcome = now, outcome.value
        self._event(
            session, EventKind.FINISHED, ticket, now, counter=counter, outcome=outcome.value
        )
        return ticket

    def _do_no_show(self, session, ticket, counter, now, **_) -> Ticket:
        ticket.finished_at = now
        self._event(session, EventKind.NO_SHOW, ticket, now, counter=counter)
        return ticket

    def _do_cancel(self, session, ticket, counter, now, **_) -> Ticket:
        ticket.finished_at = now
        self._event(session, EventKind.CANCELLED, ticket, now, counter=counter)
        return ticket

    def _do_reactivate(self, session, ticket, counter, now, **_) -> Ticket:
        # called_at keeps the first call: the visitor's wait ended then (figures use it).
        ticket.finished_at, ticket.counter = None, None
        self._event(session, EventKind.REACTIVATED, ticket, now, counter=counter)
        return ticket

    def _do_transfer(self, session, ticket, counter, now, *, to_service, **_) -> Ticket:
        if not to_service:
            raise KioskError(f"transferring {ticket.number} needs a service to transfer to")
        self.config.service(to_service)
        if to_service == ticket.service:
            raise KioskError(f"ticket {ticket.number} is already in {to_service}")
        if not self.config.schedules[to_service].is_open(now, self.config.tz):
            raise ServiceClosed(to_service, self.next_opening(to_service, now))
        ticket.finished_at = now
        # The visitor's phone page follows the new entry with the token they hold; the old
        # entry gets a fresh one first (the token column is unique).
        held, ticket.token = ticket.token, secrets.token_urlsafe(18)
        session.flush()
        moved = Ticket(
            id=str(uuid.uuid4()),
            site=self.site,
            day=ticket.day,
            service=to_service,
            number=ticket.number,
            seq=ticket.seq,
            priority=ticket.priority,
            language=ticket.language,
            origin=ticket.origin,
            status=State.WAITING.value,
            arrived_at=ticket.arrived_at,
            issued_at=now,
            appointment_at=None,
            parent_id=ticket.id,
            token=held,
            recalls=0,
        )
        session.add(moved)
        self._event(
            session,
            EventKind.TRANSFERRED,
            ticket,
            now,
            counter=counter,
            to_service=to_service,
            to_ticket=moved.id,
        )
        self._event(session, EventKind.ISSUED, moved, now, counter=counter, **_ticket_facts(moved))
        return moved

    # -- the end of a day ---------------------------------------------------------------

    def close_past_days(self) -> int:
        """Close the tickets a past day left open; returns how many.

        Nobody will call yesterday's waiting visitors today (their numbers restart), so
        each waiting or called ticket of a past day is cancelled and each one still being
        served is finished without an outcome, with an event saying ``reason="day_end"``.
        Run at start-up and, lazily, at the first issue or call of each day.
        """
        now = self.clock.now()
        today = self._day(now)
        if self._closed_through == today:
            return 0
        closed = 0
        with self.store.write() as session:
            stale = session.scalars(
                select(Ticket).where(
                    Ticket.site == self.site, Ticket.day < today,
                    Ticket.status.in_([State.WAITING, State.CALLED, State.SERVING]),
                )
            ).all()
            for ticket in stale:
                serving = ticket.status == State.SERVING
                ticket.status = (State.DONE if serving else State.CANCELLED).value
                ticket.finished_at = now
                self._event(session, EventKind.FINISHED if serving else EventKind.CANCELLED,
                            ticket, now, counter=ticket.counter, reason="day_end")
                closed += 1
            # Figures kept of those days before they were closed miss these visitors.
            invalidate_days(session, self.site, {ticket.day for ticket in stale})
        self._closed_through = today
        if closed:
            self.on_change()
        return closed

    # -- counters -----------------------------------------------------------------------

    def pause(self, counter: str, reason: str) -> None:
        if reason not in PAUSE_REASONS:
            raise KioskError(f'unknown pause reason "{reason}" ({", ".join(PAUSE_REASONS)})')
        self._set_paused(counter, True, reason)

    def resume(self, counter: str) -> None:
        self._set_paused(counter, False, None)

    def _set_paused(self, counter: str, paused: bool, reason: str | None) -> None:
        self._counter_services(counter)
        now = self.clock.now()
        with self.store.write() as session:
            state = self._touch_counter(session, counter, now)
            if state.paused == paused and state.reason == reason:
                return
            state.paused, state.reason, state.since = paused, reason, now
            append_event(
                session,
                site=self.site,
                epoch=self.store.epoch,
                kind=EventKind.COUNTER_PAUSED if paused else EventKind.COUNTER_RESUMED,
                at=now,
                day=self._day(now),
                counter=counter,
                reason=reason,
            )
        self.on_change()

    def _touch_counter(
        self, session: Session, counter: str, now: datetime, resume: bool = False
    ) -> CounterState:
        """Mark the counter staffed now; calling a ticket ends a pause (staff are back)."""
        state = session.get(CounterState, (self.site, counter))
        if state is None:
            state = CounterState(site=self.site, counter=counter, paused=False)
            session.add(state)
        state.seen_at = now
        if resume and state.paused:
            state.paused, state.reason, state.since = False, None, now
            append_event(
                session,
                site=self.site,
                epoch=self.store.epoch,
                kind=EventKind.COUNTER_RESUMED,
                at=now,
                day=self._day(now),
                counter=counter,
            )
        return state

    def counter_states(self) -> dict[str, CounterState]:
        with self.store.read() as session:
            return {
                s.counter: s
                for s in session.scalars(select(CounterState).where(CounterState.site == self.site))
            }

    # -- reading ------------------------------------------------------------------------

    def waiting(self, services: list[str] | None = None) -> list[Ticket]:
        """Tickets in the queue (waiting, called, serving), oldest arrival first."""
        with self.store.read() as session:
            query = select(Ticket).where(
                Ticket.site == self.site,
                Ticket.status.in_([State.WAITING, State.CALLED, State.SERVING]),
                Ticket.day == self._day(self.clock.now()),
            )
            if services is not None:
                query = query.where(Ticket.service.in_(services))
            return list(session.scalars(query.order_by(Ticket.arrived_at, Ticket.seq)))

    def today(self, counter: str | None = None) -> list[Ticket]:
        """Every ticket of the local day (for today's lists: no-shows to reactivate...)."""
        with self.store.read() as session:
            query = select(Ticket).where(
                Ticket.site == self.site, Ticket.day == self._day(self.clock.now())
            )
            if counter:
                query = query.where(Ticket.counter == counter)
            return list(session.scalars(query.order_by(Ticket.issued_at)))

    def ticket(self, ticket_id: str) -> Ticket:
        with self.store.read() as session:
            return self._get(session, ticket_id)

    def by_token(self, token: str) -> tuple[Ticket, int, int] | None:
        """The ticket a phone page follows, its position and wait now (None if unknown)."""
        if not token or len(token) > 64:
            return None
        with self.store.read() as session:
            ticket = session.scalar(select(Ticket).where(Ticket.token == token))
            if ticket is None:
                return None
            if ticket.status != State.WAITING:
                return ticket, 0, 0
            position = self._position(session, ticket)
            return (
                ticket,
                position,
                self._estimate(session, ticket.service, position - 1, self.clock.now()),
            )

    def services_now(self) -> list[ServiceNow]:
        now = self.clock.now()
        with self.store.read() as session:
            counts = dict(
                session.execute(
                    select(Ticket.service, func.count())
                    .where(Ticket.site == self.site, Ticket.status == State.WAITING,
                           Ticket.day == self._day(now))
                    .group_by(Ticket.service)
                ).all()
            )
            result = []
            for service in self.config.services:
                is_open = self.config.schedules[service.code].is_open(now, self.config.tz)
                waiting = counts.get(service.code, 0)
                result.append(
                    ServiceNow(
                        code=service.code,
                        open=is_open,
                        next_opening=None if is_open else self.next_opening(service.code, now),
                        waiting=waiting,
                        wait_s=self._estimate(session, service.code, waiting, now)
                        if is_open
                        else 0,
                    )
                )
            return result

    def allowed(self, ticket: Ticket) -> list[str]:
        return [a.value for a in allowed_actions(ticket.status)]

    # -- helpers ------------------------------------------------------------------------

    def _day(self, now: datetime) -> date:
        return local_day(now, self.config.tz)

    def _counter_services(self, counter: str) -> list[str]:
        spec = self.config.counters_by_id.get(counter)
        if spec is None:
            raise NotFound(f'unknown counter "{counter}"')
        return spec.services

    def _get(self, session: Session, ticket_id: str) -> Ticket:
        ticket = session.get(Ticket, ticket_id) if ticket_id else None
        if ticket is None or ticket.site != self.site:
            raise NotFound(f"no ticket {ticket_id}")
        return ticket

    def _position(self, session: Session, ticket: Ticket) -> int:
        ahead = session.scalar(
            select(func.count()).where(
                Ticket.site == self.site,
                Ticket.status == State.WAITING,
                Ticket.day == ticket.day,
                Ticket.service == ticket.service,
                (Ticket.arrived_at < ticket.arrived_at)
                | ((Ticket.arrived_at == ticket.arrived_at) & (Ticket.seq < ticket.seq)),
            )
        )
        return ahead + 1

    def _estimate(self, session: Session, service: str, ahead: int, now: datetime) -> int:
        if ahead <= 0:
            return 0
        return waits.estimate_s(
            ahead,
            self.service_times.median_s(session, service, self._day(now)),
            waits.open_counters(session, self.config, service, now),
        )

    def _event(
        self,
        session: Session,
        kind: EventKind,
        ticket: Ticket,
        now: datetime,
        counter: str | None = None,
        **data,
    ) -> None:
        append_event(
            session,
            site=self.site,
            epoch=self.store.epoch,
            kind=kind,
            at=now,
            day=ticket.day,
            service=ticket.service,
            ticket_id=ticket.id,
            counter=counter,
            number=ticket.number,
            **data,
        )


def _ticket_facts(ticket: Ticket) -> dict:
    """What an ``issued`` event carries, enough for a peer to rebuild the visit."""
    return {
        "seq": ticket.seq,
        "priority": ticket.priority,
        "language": ticket.language,
        "origin": ticket.origin,
        "arrived_at": ticket.arrived_at,
        "appointment_at": ticket.appointment_at,
        "parent_id": ticket.parent_id,
    }
