"""SQLAlchemy models of a site store.

``tickets`` holds one row per queue entry (a transfer adds a linked row); rows of other
sites arrive through sync and carry their own ``site``. ``events`` is the append-only visit
log with a gap-free per-site ``seq``: the audit trail, the source of figures and what sync
replicates. Counters of numbers and sequences live in tables of their own, bumped inside
the same transaction as the row they number, so a crash can never hand a number out twice.
No table holds a name, a phone number or free text typed by a visitor.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def naive_utc(value: datetime) -> datetime:
    """An aware time as stored: naive, in UTC. A naive one is refused (whose time is it?)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store")
    return value.astimezone(UTC).replace(tzinfo=None)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else naive_utc(value)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Facts about this database: its ``epoch`` (made with it) and the site it serves."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)  # the site's local day of issue
    service: Mapped[str] = mapped_column(String(12))
    number: Mapped[str] = mapped_column(String(8))  # "C012"
    seq: Mapped[int] = mapped_column(Integer)  # 12: the per-day per-service number
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(2), default="fr")
    origin: Mapped[str] = mapped_column(String(12), default="walk_in")
    status: Mapped[str] = mapped_column(String(12))
    #: First arrival in the house; a transferred entry keeps its parent's.
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    appointment_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counter: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(20))
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[str | None] = mapped_column(String(36))
    #: Unguessable key of the phone status page (only the hub that issued it knows it).
    token: Mapped[str | None] = mapped_column(String(48))

    __table_args__ = (
        Index("ix_tickets_queue", "site", "status", "service"),
        Index("ix_tickets_day", "site", "day", "service"),
        Index("ix_tickets_token", "token", unique=True),
        # A number is handed out once a day; transferred entries reuse their parent's.
        Index(
            "uq_tickets_number",
            "site",
            "day",
            "service",
            "seq",
            unique=True,
            sqlite_where=text("parent_id IS NULL"),
            postgresql_where=text("parent_id IS NULL"),
        ),
    )


class DayNumber(Base):
    """The last number handed out per site, local day and service."""

    __tablename__ = "day_numbers"
    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(12), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Sequence(Base):
    """The last event ``seq`` per site: gap-free because it is bumped in the event's transaction."""

    __tablename__ = "sequences"
    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Event(Base):
    __tablename__ = "events"

    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(24))
    day: Mapped[date] = mapped_column(Date)
    service: Mapped[str | None] = mapped_column(String(12))
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    counter: Mapped[str | None] = mapped_column(String(40))
    #: Allow-listed facts of the change (number, state, outcome...); see kiosk.store.events.
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_events_day", "site", "day"),)


class CounterState(Base):
    __tablename__ = "counter_states"
    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    counter: Mapped[str] = mapped_column(String(40), primary_key=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(24))
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Last time staff used it: a counter seen in the last hours counts as open.
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """A signed-in counter or manager; only the token's hash is kept, so a copy of the
    database gives no one a session. Kept in the store so a hub restart signs nobody out."""

    __tablename__ = "staff_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(12))  # "counter" or "manager"
    subject: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: A digest of the PIN hash the session was opened with: a changed PIN ends it.
    pin_fingerprint: Mapped[str | None] = mapped_column(String(16))


class Device(Base):
    """A kiosk, display or counter terminal the house enrolled (docs/security.md).

    Only the SHA-256 of its credential is kept. ``pending`` until a manager approves its
    pairing code, then ``paired`` until revoked; the code is short-lived and single-use.
    """

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "kiosk-3"
    role: Mapped[str] = mapped_column(String(12))  # kiosk | display | counter
    state: Mapped[str] = mapped_column(String(12))  # pending | paired | revoked
    credential_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pairing_code: Mapped[str | None] = mapped_column(String(12))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The TCP address the pairing request came from (shown to the approving manager).
    requested_from: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(40))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Appointment(Base):
    """Booked at a counter, checked in at the kiosk with its short code; no name needed."""

    __tablename__ = "appointments"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    site: Mapped[str] = mapped_column(String(40))
    service: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class DayStats(Base):
    """Figures of one closed day, site and service, computed once and kept.

    Past days hardly change, so the dashboard reads these rows instead of a year of tickets.
    A change that reaches a past day (sync bringing another site's old events, a ticket
    finished after midnight) deletes the day's rows in the same transaction
    (:func:`kiosk.services.stats.invalidate_days`); the next read computes them again.
    ``waits`` and ``service_times`` keep every value (seconds) so that percentiles over any
    range are exact, not estimated from buckets.
    """

    __tablename__ = "day_stats"
    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(12), primary_key=True)
    figures: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
