"""Paired devices: kiosks, displays and counter terminals the house enrolled.

The flow, as in MDM or Chromebook kiosk enrolment:

1. A device with no credential asks to pair (``request``): the hub makes a long random
   credential (given to that device only, once) and a short pairing code the device shows
   on its screen. The device is ``pending``; its credential opens nothing yet.
2. A manager reads the code on the device and approves it (dashboard or
   ``kiosk devices approve CODE``): the device becomes ``paired`` under its role and an id
   the hub chose (``kiosk-2``), never a name the device wrote. The code is then spent.
3. Every request of the device carries its credential; the hub keeps only its SHA-256 and
   when it was last seen. Revoking ends it at once.

Pending requests expire after :data:`PAIRING_TTL` and are bounded in number
(:data:`MAX_PENDING`), so a flood of pairing requests cannot fill the store or the
manager's list.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, func, select

from kiosk.clock import Clock
from kiosk.errors import Conflict, NotFound
from kiosk.store.db import Store
from kiosk.store.models import Device

Role = Literal["kiosk", "display", "counter"]
ROLES: tuple[str, ...] = ("kiosk", "display", "counter")
PAIRING_TTL = timedelta(minutes=15)
MAX_PENDING = 20
#: Unambiguous letters and digits (no 0/O, 1/I/L) for a code read off a screen.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: ``last_seen_at`` is written at most this often per device (not on every request).
SEEN_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class DeviceView:
    id: str
    role: str
    state: str
    pairing_code: str | None
    requested_at: datetime
    requested_from: str | None
    approved_at: datetime | None
    last_seen_at: datetime | None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "role": self.role,
            "state": self.state,
            "pairing_code": self.pairing_code,
            "requested_at": self.requested_at.isoformat(),
            "requested_from": self.requested_from,
            "approved_at": self.approved_at.isoformat() if self.approved_at else None,
            "last_seen_at": self.last_seen_at.isoformat() if self.last_seen_at else None,
        }


@dataclass(frozen=True)
class PairingRequest:
    device_id: str
    code: str
    credential: str
    expires_at: datetime


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def digest(credential: str) -> str:
    return hashlib.sha256(credential.encode()).hexdigest()


def _view(row: Device) -> DeviceView:
    return DeviceView(row.id, row.role, row.state, row.pairing_code, row.requested_at,
                      row.requested_from, row.approved_at, row.last_seen_at)


class Devices:
    def __init__(self, store: Store, clock: Clock):
        self.store, self.clock = store, clock
        self._seen: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def request(self, role: str, source: str | None) -> PairingRequest:
        """A new pending device of ``role``: its credential and the code to show."""
        if role not in ROLES:
            raise NotFound(f'unknown device role "{role}" (one of {", ".join(ROLES)})')
        now = self.clock.now()
        credential = secrets.token_urlsafe(32)
        with self.store.write() as session:
            session.execute(delete(Device).where(Device.state == "pending",
                                                 Device.requested_at < now - PAIRING_TTL))
            pending = session.scalars(select(Device).where(Device.state == "pending")
                                      .order_by(Device.requested_at)).all()
            for stale in pending[: max(0, len(pending) - MAX_PENDING + 1)]:
                session.delete(stale)  # the oldest request makes way: bounded, never stuck
            shown = {d.pairing_code for d in pending}
            code = _new_code()
            while code in shown:  # two screens never show the same code
                code = _new_code()
            device_id = self._next_id(session, role)
            session.add(Device(id=device_id, role=role, state="pending",
                               credential_hash=digest(credential), pairing_code=code,
                               requested_at=now, requested_from=(source or "")[:64] or None))
        return PairingRequest(device_id, code, credential, now + PAIRING_TTL)

    def enroll(self, role: str, by: str = "local") -> tuple[str, str]:
        """Pair a device at once (the screens of a one-PC site, ``kiosk demo``):
        ``(device id, credential)``."""
        asked = self.request(role, "local")
        self.approve(asked.code, by)
        return asked.device_id, asked.credential

    def approve(self, code: str, by: str) -> DeviceView:
        code = code.strip().upper().replace("-", "").replace(" ", "")
        now = self.clock.now()
        with self.store.write() as session:
            row = session.scalar(select(Device).where(Device.state == "pending",
                                                      Device.pairing_code == code))
            if row is None or row.requested_at < now - PAIRING_TTL:
                raise NotFound("no pending device shows this code (expired or mistyped)")
            row.state, row.pairing_code = "paired", None
            row.approved_at, row.approved_by = now, by[:40]
            return _view(row)

    def revoke(self, device_id: str) -> DeviceView:
        now = self.clock.now()
        with self.store.write() as session:
            row = session.get(Device, device_id)
            if row is None:
                raise NotFound(f'no device "{device_id}"')
            if row.state == "revoked":
                raise Conflict(f'device "{device_id}" is already revoked')
            row.state, row.pairing_code, row.revoked_at = "revoked", None, now
            return _view(row)

    def list(self) -> list[DeviceView]:
        now = self.clock.now()
        with self.store.read() as session:
            rows = session.scalars(select(Device).order_by(Device.requested_at)).all()
        return [_view(r) for r in rows
                if r.state != "pending" or r.requested_at >= now - PAIRING_TTL]

    def state_of(self, credential: str) -> DeviceView | None:
        """The device holding ``credential`` whatever its state (for the pairing screen)."""
        with self.store.read() as session:
            row = session.scalar(select(Device).where(Device.credential_hash == digest(credential)))
            return _view(row) if row else None

    def resolve(self, credential: str | None) -> DeviceView | None:
        """The paired device holding ``credential``, or None; notes it as seen."""
        if not credential or len(credential) > 200:
            return None
        device = self.state_of(credential)
        if device is None or device.state != "paired":
            return None
        now = self.clock.now()
        with self._lock:
            last = self._seen.get(device.id)
            due = last is None or now - last >= SEEN_EVERY
            if due:
                if len(self._seen) > 10_000:
                    self._seen.clear()
                self._seen[device.id] = now
        if due:
            with self.store.write() as session:
                row = session.get(Device, device.id)
                if row is not None:
                    row.last_seen_at = now
        return device

    @staticmethod
    def _next_id(session, role: str) -> str:
        taken = session.scalar(select(func.count()).select_from(Device)
                               .where(Device.role == role)) or 0
        number = taken + 1
        while session.get(Device, f"{role}-{number}") is not None:
            number += 1
        return f"{role}-{number}"
