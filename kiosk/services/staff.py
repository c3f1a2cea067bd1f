"""Staff sign-in: a counter's or a manager's PIN exchanged for a bearer token.

Tokens are random; only their SHA-256 is stored, in the store, so sessions survive a hub
restart and a copy of the database signs no one in. A few wrong PINs in a row lock that
counter's sign-in for a minute (a PIN has only a few digits).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import delete, select

from kiosk.clock import Clock
from kiosk.errors import Forbidden, RateLimited, Unauthorized
from kiosk.pins import verify_pin
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.store.models import StaffSession

Role = Literal["counter", "manager"]
SESSION_LIFETIME = timedelta(hours=14)
LOCKOUT = timedelta(minutes=1)


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
        self._failures: dict[str, tuple[int, object]] = {}
        self._lock = threading.Lock()

    def sign_in(self, role: Role, subject: str, pin: str) -> str:
        """A new token, or Unauthorized (same message whether the id or the PIN is wrong)."""
        people = (
            self.config.counters_by_id
            if role == "counter"
            else {m.id: m for m in self.config.managers}
        )
        now = self.clock.now()
        key = f"{role}:{subject}"
        with self._lock:
            count, until = self._failures.get(key, (0, None))
            if until is not None and now < until:
                raise RateLimited((until - now).total_seconds())
        person = people.get(subject)
        if person is None or not verify_pin(pin, person.pin_hash):
            with self._lock:
                count += 1
                locked = now + LOCKOUT if count >= self.config.queue.pin_max_failures else None
                self._failures[key] = (0 if locked else count, locked)
            raise Unauthorized(f"wrong {role} or PIN")
        with self._lock:
            self._failures.pop(key, None)
        token = secrets.token_urlsafe(32)
        with self.store.write() as session:
            session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
            session.add(
                StaffSession(
                    token_hash=_digest(token),
                    role=role,
                    subject=subject,
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
        return token

    def resolve(self, token: str | None) -> Principal:
        if not token:
            raise Unauthorized("sign in first (Authorization: Bearer <token>)")
        with self.store.read() as session:
            row = session.scalar(
                select(StaffSession).where(StaffSession.token_hash == _digest(token))
            )
        if row is None or row.expires_at <= self.clock.now():
            raise Unauthorized("session unknown or expired: sign in again")
        return Principal(row.role, row.subject)

    def sign_out(self, token: str) -> None:
        with self.store.write() as session:
            session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
