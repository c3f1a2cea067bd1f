"""Appointments: booked at a counter, checked in at the kiosk with a 6-digit code.

No personal data: an appointment is a service, a time and a code, nothing else. The code
is what the visitor types on the kiosk's keypad, so it is digits only (``secrets``, one in
a million); it is the table's primary key, so a code is never handed out twice at a site,
not even after the appointment is past or cancelled: an old code typed by mistake can never
land on someone else's appointment. At a house's pace (a few thousand bookings a year) the
million codes last decades; a collision just draws again.

Checking in issues an ordinary ticket through :class:`QueueService` with
``origin="appointment"`` and ``appointment_at``, so the ordering calls it first once due.
``QueueService.issue`` opens its own transaction, so a check-in is three short ones:

1. **claim**: ``UPDATE appointments SET ticket_id = 'claim:…' WHERE code = … AND
   ticket_id IS NULL AND NOT cancelled``: only one check-in (or cancel) can win this
   conditional update, on SQLite (``BEGIN IMMEDIATE`` serialises writers) and PostgreSQL
   (row lock, the loser's condition no longer matches) alike;
2. **issue** the ticket;
3. **link**: replace the claim marker by the ticket's id. If issuing fails (the service is
   closed now, say) the claim is released and the error passed on.

A second check-in of the same code finds ``ticket_id`` set (a ticket or a claim) and gets a
:class:`Conflict`: never two tickets. A crash between 2 and 3 leaves the claim in place:
the code then counts as used (the ticket is in the queue, reception can see it), which is
the safe side, never a second ticket.

Wrong codes (unknown, cancelled, used, another day) are counted per source (the kiosk's
network address): after :data:`MAX_WRONG_CODES` within :data:`WRONG_CODES_WINDOW` the
source is refused for :data:`WRONG_CODES_LOCKOUT`, so the million codes cannot be tried
one by one, whatever kiosk id a client claims to be.

Appointments do not sync to other sites (codes are local bearer secrets); the event log
gets an ``appointment_booked`` event (service, the appointment's day, the booking counter
and ``appointment_at``: never the code).
"""

from __future__ import annotations

import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.domain.schedule import local_day
from kiosk.errors import Conflict, KioskError, NotFound, RateLimited
from kiosk.services.queue import Issued, QueueService
from kiosk.siteconfig import LANGUAGES, SiteConfig
from kiosk.store.db import Store
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import Appointment, Ticket

CODE_DIGITS = 6
CODE_ATTEMPTS = 20
MAX_DAYS_AHEAD = 90
#: Checked in more than this after the appointment's time, the visitor still gets a ticket
#: but queues like everyone else (the slot is gone; jumping the queue would be unfair).
LATE_AFTER = timedelta(minutes=30)
CLAIM_PREFIX = "claim:"
MAX_WRONG_CODES = 10
WRONG_CODES_WINDOW = timedelta(minutes=10)
WRONG_CODES_LOCKOUT = timedelta(minutes=5)
MAX_SOURCES = 10_000

UNKNOWN_CODE = "unknown appointment code: please check the 6 digits, or ask at reception"
_CODE_RE = re.compile(rf"\d{{{CODE_DIGITS}}}")


class NotToday(Conflict):
    """A real appointment, but on another day: the message says which."""

    def __init__(self, service: str, at: datetime, local: datetime, past: bool):
        self.service, self.at = service, at
        when = f"{local:%d/%m} at {local:%H:%M}"
        if past:
            message = f"your {service} appointment was on {when}: please ask at reception"
        else:
            message = (
                f"your {service} appointment is on {when}, not today: please come back that day"
            )
        super().__init__(message)


class TooManyWrongCodes(RateLimited):
    def __init__(self, retry_after_s: float):
        self.retry_after_s = retry_after_s
        KioskError.__init__(
            self,
            f"too many wrong appointment codes; try again in {retry_after_s:.0f} s "
            "or ask at reception",
        )


@dataclass(frozen=True)
class AppointmentLine:
    """One appointment as the counter console lists it."""

    code: str
    service: str
    at: datetime
    created_at: datetime
    #: booked | late (past its time today) | checking_in | checked_in | missed | cancelled
    state: str
    ticket_id: str | None
    ticket_number: str | None
    ticket_status: str | None


class Appointments:
    def __init__(
        self,
        store: Store,
        config: SiteConfig,
        clock: Clock,
        queue: QueueService,
        *,
        late_after: timedelta = LATE_AFTER,
    ):
        self.store, self.config, self.clock, self.queue = store, config, clock, queue
        self.site = config.site.slug
        self.late_after = late_after
        self._wrong: dict[str, tuple[int, datetime, datetime | None]] = {}
        self._lock = threading.Lock()

    # -- booking (counter) --------------------------------------------------------------

    def book(self, service: str, at: datetime, counter: str) -> Appointment:
        """Book ``service`` at ``at`` for a visitor; the answer's ``code`` is theirs.

        ``at`` must be aware, in the future (at most 90 days ahead) and in the service's
        opening hours.
        """
        self._known_counter(counter)
        self.config.service(service)  # NotFound for an unknown service
        if at.tzinfo is None or at.utcoffset() is None:
            raise KioskError("the appointment time needs a time zone offset (e.g. +01:00)")
        now = self.clock.now()
        local = at.astimezone(self.config.tz)
        if at <= now:
            raise KioskError(f"the appointment time {local:%d/%m/%Y %H:%M} is already past")
        if at - now > timedelta(days=MAX_DAYS_AHEAD):
            raise KioskError(
                f"appointments are booked at most {MAX_DAYS_AHEAD} days ahead "
                f"({local:%d/%m/%Y} is too far)"
            )
        if not self.config.schedules[service].is_open(at, self.config.tz):
            raise KioskError(
                f"service {service} is not open on {local:%A %d/%m/%Y at %H:%M}: "
                "choose a time within its opening hours"
            )
        for _ in range(CODE_ATTEMPTS):
            try:
                with self.store.write() as session:
                    code = _draw_code()
                    if session.get(Appointment, code) is not None:
                        continue  # drawn before (the key guards too): draw again
                    appointment = Appointment(
                        code=code,
                        site=self.site,
                        service=service,
                        at=at,
                        created_at=now,
                        ticket_id=None,
                        cancelled=False,
                    )
                    session.add(appointment)
                    session.flush()
                    append_event(
                        session,
                        site=self.site,
                        epoch=self.store.epoch,
                        kind=EventKind.APPOINTMENT_BOOKED,
                        at=now,
                        day=local_day(at, self.config.tz),
                        service=service,
                        counter=counter,
                        appointment_at=at,
                    )
                self.queue.on_change()  # live streams show the new event
                return appointment
            except IntegrityError:
                continue  # the same code booked at the same moment elsewhere: draw again
        raise Conflict("no free appointment code found; please try again")

    def cancel(self, code: str, counter: str) -> Appointment:
        """Cancel an appointment not checked in yet (a checked-in one: cancel its ticket)."""
        self._known_counter(counter)
        with self.store.write() as session:
            appointment = self._get(session, code)
            if appointment.cancelled:
                raise Conflict(f"appointment {code} is already cancelled")
            cancelled = session.execute(
                update(Appointment)
                .where(
                    Appointment.code == appointment.code,
                    Appointment.ticket_id.is_(None),
                    Appointment.cancelled.is_(False),
                )
                .values(cancelled=True)
                .execution_options(synchronize_session=False)
            ).rowcount
            if cancelled != 1:
                session.refresh(appointment)
                number = self._ticket_number(session, appointment.ticket_id)
                raise Conflict(
                    f"appointment {code} is already checked in"
                    + (f" (ticket {number}): cancel the ticket instead" if number else "")
                )
            session.refresh(appointment)
        return appointment

    def list_for_day(self, day: date) -> list[AppointmentLine]:
        """The site's appointments of a local day, earliest first, cancelled ones included."""
        tz = self.config.tz
        start = datetime.combine(day, time.min, tzinfo=tz)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
        now = self.clock.now()
        with self.store.read() as session:
            rows = session.execute(
                select(Appointment, Ticket.number, Ticket.status)
                .outerjoin(Ticket, Ticket.id == Appointment.ticket_id)
                .where(
                    Appointment.site == self.site,
                    Appointment.at >= start,
                    Appointment.at < end,
                )
                .order_by(Appointment.at, Appointment.code)
            ).all()
        return [
            AppointmentLine(
                code=a.code,
                service=a.service,
                at=a.at,
                created_at=a.created_at,
                state=self._state(a, now),
                ticket_id=None if _is_claim(a.ticket_id) else a.ticket_id,
                ticket_number=number,
                ticket_status=status,
            )
            for a, number, status in rows
        ]

    # -- checking in (kiosk) ------------------------------------------------------------

    def check_in(
        self,
        code: str,
        language: str = "fr",
        *,
        kiosk: str | None = None,
        source: str | None = None,
    ) -> Issued:
        """The visitor's ticket for the appointment ``code``, checked in today.

        - Unknown code → :class:`NotFound` (the same message whatever was typed, so that it
          reveals nothing about other appointments); cancelled or already used →
          :class:`Conflict`; an appointment of another day → :class:`NotToday` saying when.
          Each of these counts as a wrong code of ``source`` (see the module's docstring).
        - Early (any time the same day): the ticket is issued now; it is called first from
          ``appointment_early_min`` before the appointment, in arrival order before that.
        - Late by up to ``late_after`` (30 min): still called first.
        - Later than that the same day: the visitor still gets a ticket (origin
          ``appointment``) but without ``appointment_at``: they queue in arrival order like
          a walk-in, since their slot is gone and jumping the queue would be unfair.
        - The service closed now → :class:`ServiceClosed` from the queue; the code stays
          usable (the claim is released).
        - A second check-in of the same code → :class:`Conflict`, never a second ticket.
        """
        if language not in LANGUAGES:
            raise KioskError(f'unknown language "{language}" (use one of {", ".join(LANGUAGES)})')
        self._refuse_if_locked(source)
        try:
            claim, service, appointment_at = self._claim(code)
        except (NotFound, Conflict):
            self._count_wrong(source)
            raise
        try:
            issued = self.queue.issue(
                service,
                language=language,
                origin="appointment",
                appointment_at=appointment_at,
                kiosk=kiosk,
            )
        except BaseException:
            self._set_ticket(code, claim, None)
            raise
        self._set_ticket(code, claim, issued.ticket.id)
        return issued

    def _claim(self, code: str) -> tuple[str, str, datetime | None]:
        """Take the appointment for this check-in: (claim marker, service, appointment_at)."""
        now = self.clock.now()
        tz = self.config.tz
        claim = f"{CLAIM_PREFIX}{uuid.uuid4().hex[:24]}"  # fits ticket_id's 36
        with self.store.write() as session:
            appointment = self._get(session, code, message=UNKNOWN_CODE)
            if appointment.cancelled:
                raise Conflict("this appointment was cancelled: please ask at reception")
            if appointment.ticket_id is not None:
                raise self._used(session, appointment.ticket_id)
            appointment_day = local_day(appointment.at, tz)
            if appointment_day != local_day(now, tz):
                raise NotToday(
                    appointment.service,
                    appointment.at,
                    appointment.at.astimezone(tz),
                    past=appointment_day < local_day(now, tz),
                )
            claimed = session.execute(
                update(Appointment)
                .where(
                    Appointment.code == appointment.code,
                    Appointment.ticket_id.is_(None),
                    Appointment.cancelled.is_(False),
                )
                .values(ticket_id=claim)
                .execution_options(synchronize_session=False)
            ).rowcount
            if claimed != 1:
                raise Conflict("this code is being used right now: please ask at reception")
            due_at = appointment.at if now <= appointment.at + self.late_after else None
            return claim, appointment.service, due_at

    def _set_ticket(self, code: str, claim: str, ticket_id: str | None) -> None:
        """Replace our claim by the ticket's id (or release it with None)."""
        with self.store.write() as session:
            session.execute(
                update(Appointment)
                .where(Appointment.code == code, Appointment.ticket_id == claim)
                .values(ticket_id=ticket_id)
                .execution_options(synchronize_session=False)
            )

    def _used(self, session: Session, ticket_id: str) -> Conflict:
        number = self._ticket_number(session, ticket_id)
        if number:
            return Conflict(f"this code was already used: your ticket is {number}")
        return Conflict("this code was already used: please ask at reception")

    # -- wrong codes ----------------------------------------------------------------------

    def _refuse_if_locked(self, source: str | None) -> None:
        if source is None:
            return
        now = self.clock.now()
        with self._lock:
            _, _, locked_until = self._wrong.get(source, (0, now, None))
            if locked_until is not None and now < locked_until:
                raise TooManyWrongCodes((locked_until - now).total_seconds())

    def _count_wrong(self, source: str | None) -> None:
        if source is None:
            return
        now = self.clock.now()
        with self._lock:
            count, first, locked_until = self._wrong.get(source, (0, now, None))
            lock_over = locked_until is not None and now >= locked_until
            if lock_over or now - first > WRONG_CODES_WINDOW:
                count, first, locked_until = 0, now, None
            count += 1
            if count >= MAX_WRONG_CODES:
                locked_until = now + WRONG_CODES_LOCKOUT
            if len(self._wrong) >= MAX_SOURCES and source not in self._wrong:
                self._wrong.clear()
            self._wrong[source] = (count, first, locked_until)

    # -- helpers ------------------------------------------------------------------------

    def _get(self, session: Session, code: str, message: str | None = None) -> Appointment:
        code = (code or "").strip()
        appointment = session.get(Appointment, code) if _CODE_RE.fullmatch(code) else None
        if appointment is None or appointment.site != self.site:
            raise NotFound(message or f"no appointment {code[:12]}")
        return appointment

    def _known_counter(self, counter: str) -> None:
        if counter not in self.config.counters_by_id:
            raise NotFound(f'unknown counter "{counter}"')

    def _ticket_number(self, session: Session, ticket_id: str | None) -> str | None:
        if not ticket_id or _is_claim(ticket_id):
            return None
        return session.scalar(select(Ticket.number).where(Ticket.id == ticket_id))

    def _state(self, appointment: Appointment, now: datetime) -> str:
        if appointment.cancelled:
            return "cancelled"
        if _is_claim(appointment.ticket_id):
            return "checking_in"
        if appointment.ticket_id:
            return "checked_in"
        tz = self.config.tz
        if local_day(appointment.at, tz) < local_day(now, tz):
            return "missed"
        if now > appointment.at + self.late_after:
            return "late"  # may still check in today, as a walk-in
        return "booked"


def _draw_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _is_claim(ticket_id: str | None) -> bool:
    return ticket_id is not None and ticket_id.startswith(CLAIM_PREFIX)
