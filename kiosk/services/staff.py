"""Staff sign-in: a counter's or a manager's PIN exchanged for a bearer token.

Tokens are random; only their SHA-256 is stored, in the store, so sessions survive a hub
restart and a copy of the database signs no one in. Wrong PINs are counted by
:class:`~kiosk.services.pinguard.PinGuard` (atomic, per source and subject, with backoff).

A session ends when unused for ``[security] session_idle_minutes`` (each use renews it),
``session_max_hours`` after sign-in at the latest, when its person's PIN hash changes in
the site file, when its counter leaves the site file, or on "sign out everywhere".
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import delete, select, update

from kiosk.clock import Clock
from kiosk.errors import Forbidden, Unauthorized
from kiosk.pins import verify_pin
from kiosk.services.pinguard import PinGuard
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.store.models import StaffSession

Role = Literal["counter", "manager"]
#: A session is renewed on use once less than this is left of its idle allowance.
RENEW_SLACK = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    role: Role
    subject: str  # counter id or manager id

    def require_counter(self, counter: str | None = None) -> str:
        if self.role != "counter":
            raise Forbidden("this needs a counter's sign-in")
        if counter is not None and counter != self.subject:
            raise Forbidden(f"signed in as counter {self.subject}, not {counter}")
        return self.subject

    def require_manager(self) -> str:
        if self.role != "manager":
            raise Forbidden("this needs a manager's sign-in")
        return self.subject


class StaffAuth:
    def __init__(self, store: Store, config: SiteConfig, clock: Clock):
        self.store, self.config, self.clock = store, config, clock
        self.guard = PinGuard(clock, config.queue.pin_max_failures)
        self.idle = timedelta(minutes=config.security.session_idle_minutes)
        self.longest = timedelta(hours=config.security.session_max_hours)
        self._lock = threading.Lock()

    def _people(self, role: str) -> dict:
        if role == "counter":
            return self.config.counters_by_id
        return {m.id: m for m in self.config.managers}

    def sign_in(self, role: Role, subject: str, pin: str, source: str = "local",
                paired: bool = False) -> str:
        """A new token, or Unauthorized (same message whether the id or the PIN is wrong).

        ``source`` is who asks (a paired device's id, else the TCP address): see PinGuard.
        """
        person = self._people(role).get(subject)
        right = self.guard.attempt(
            f"{role}:{subject}", source, paired,
            lambda: person is not None and verify_pin(pin, person.pin_hash),
        )
        if not right:
            raise Unauthorized(f"wrong {role} or PIN")
        now = self.clock.now()
        token = secrets.token_urlsafe(32)
        with self.store.write() as session:
            session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
            session.add(
                StaffSession(
                    token_hash=_digest(token),
                    role=role,
                    subject=subject,
                    created_at=now,
                    expires_at=min(now + self.idle, now + self.longest),
                    pin_fingerprint=fingerprint(person.pin_hash),
                )
            )
        return token

    def resolve(self, token: str | None) -> Principal:
        """The session's person, renewing its idle allowance; Unauthorized when it ended
        (expired, signed out, PIN changed, counter or manager gone from the site file)."""
        if not token:
            raise Unauthorized("sign in first (Authorization: Bearer <token>)")
        if len(token) > 200:
            raise Unauthorized("session unknown or expired: sign in again")
        now = self.clock.now()
        with self.store.read() as session:
            row = session.scalar(
                select(StaffSession).where(StaffSession.token_hash == _digest(token))
            )
        person = self._people(row.role).get(row.subject) if row is not None else None
        if (
            row is None
            or row.expires_at <= now
            or person is None
            or row.pin_fingerprint != fingerprint(person.pin_hash)
        ):
            if row is not None:
                self.sign_out(token)
            raise Unauthorized("session unknown or expired: sign in again")
        renewed = min(now + self.idle, row.created_at + self.longest)
        if renewed - row.expires_at >= RENEW_SLACK:
            with self.store.write() as session:
                session.execute(update(StaffSession)
                                .where(StaffSession.token_hash == row.token_hash)
                                .values(expires_at=renewed))
        return Principal(row.role, row.subject)

    def sign_out(self, token: str) -> None:
        with self.store.write() as session:
            session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))

    def sign_out_everywhere(self, who: Principal) -> int:
        """End every session of this counter or manager (a lost or shared PIN): how many."""
        with self.store.write() as session:
            result = session.execute(delete(StaffSession).where(
                StaffSession.role == who.role, StaffSession.subject == who.subject))
            return result.rowcount or 0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def fingerprint(pin_hash: str) -> str:
    """16 hex digits of the PIN hash's SHA-256: equal while the site file's hash is."""
    return hashlib.sha256(pin_hash.encode()).hexdigest()[:16]
