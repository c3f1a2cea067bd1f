"""Applying a batch on the receiving hub: one transaction, then the acknowledgement.

In one write transaction: read the origin's high-water mark ``hw`` (row-locked on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` holds the database), refuse a gap or an epoch this
hub cannot place, check that rows it already holds are the same rows (a mismatch means the
origin forked, e.g. restored from a backup without ``kiosk sync-restored``), insert the new
events (``ON CONFLICT DO NOTHING``), fold them into ``tickets``, move ``hw``, and forget
the cached figures of every day touched. Only after commit does the caller answer with
the new ``hw``; a crash anywhere before leaves the store as it was, a crash after leaves
a commit whose replay is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from kiosk.errors import StoreError
from kiosk.services.stats import invalidate_days
from kiosk.store.db import SQLITE_BUSY_MS, Store, _known_failures
from kiosk.store.models import Event
from kiosk.sync import faults, nonces
from kiosk.sync.models import SyncOrigin
from kiosk.sync.projection import Fact, bulk_insert, fact_of, project
from kiosk.sync.signing import Refused
from kiosk.sync.wire import TIME_FACTS, Batch, WireRow

EVENTS = Event.__table__
#: How long an apply waits for SQLite's write lock before answering 503 (the sender retries).
APPLY_BUSY_MS = 2_000


@dataclass(frozen=True)
class Ack:
    hw: int
    epoch: str
    applied: int
    replayed: int


@contextmanager
def apply_session(store: Store, busy_ms: int = APPLY_BUSY_MS) -> Iterator[Session]:
    """A write transaction that gives up on a busy SQLite after ``busy_ms`` (503, retried)."""
    with _known_failures(store.url), store.write_engine.connect() as connection:
        raw = connection.connection.driver_connection if store.is_sqlite else None
        if raw is not None:
            raw.execute(f"PRAGMA busy_timeout={busy_ms}")
        try:
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session
        finally:
            if raw is not None:
                raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")


def apply_batch(
    store: Store, batch: Batch, now: datetime, nonce: tuple[str, str] | None = None
) -> Ack:
    """Apply ``batch``; ``nonce`` (key id, nonce) of its signed request is claimed in the
    same transaction (401 on a replay, whichever worker or host saw it first)."""
    try:
        try:
            with apply_session(store) as session:
                if nonce is not None:
                    nonces.claim(session, *nonce, now)
                ack = _apply(session, batch, now)
        except Refused as exc:
            if nonce is not None and exc.code != "replay":
                nonces.claim_alone(store, *nonce, now)
            raise
        nonces.purge_if_due(store, now)
        return ack
    except StoreError as exc:
        raise Refused(
            503, "store_busy", f"the receiving store cannot take it now: {exc}", retry_after_s=1
        ) from None
    except IntegrityError:
        # Two copies of one origin's first batch at once (PostgreSQL): the loser retries
        # and finds its rows there.
        raise Refused(
            503, "store_busy", "a concurrent batch of the same origin; retry", retry_after_s=1
        ) from None
    except DBAPIError as exc:
        if _retryable(exc):  # PostgreSQL deadlock or serialisation failure
            raise Refused(
                503, "store_busy", "the receiving store is busy; retry", retry_after_s=1
            ) from None
        raise


def _retryable(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40001", "40P01", "55P03")


def _apply(session: Session, batch: Batch, now: datetime) -> Ack:
    origin = batch.origin
    query = select(SyncOrigin).where(SyncOrigin.origin == origin)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    known = session.scalar(query)
    hw = known.hw if known is not None else 0
    if known is not None and known.epoch != batch.epoch:
        _check_lineage(batch, known)
    if batch.first_seq > hw + 1:
        raise Refused(
            409,
            "gap",
            f"expected seq {hw + 1} of {origin}, got {batch.first_seq}",
            expected_seq=hw + 1,
            hw=hw,
            epoch=known.epoch if known else None,
        )
    replayed = [row for row in batch.rows if row.seq <= hw]
    fresh = [row for row in batch.rows if row.seq > hw]
    if replayed:
        _check_replayed(session, origin, replayed)
    if known is None:
        known = SyncOrigin(origin=origin, epoch=batch.epoch, hw=0)
        session.add(known)
    if fresh:
        facts = [fact_of(row) for row in fresh]
        bulk_insert(
            session,
            EVENTS,
            [_event_row(f, origin, row.epoch) for f, row in zip(facts, fresh, strict=True)],
            ("site", "seq"),
        )
        try:
            days = project(session, origin, facts)
        except ValueError as exc:
            raise Refused(422, "schema", str(exc)) from None
        days |= {row.day for row in fresh}
        faults.crash_point("receiver_mid_apply")
        known.hw = fresh[-1].seq
        invalidate_days(session, origin, days)
    known.epoch = batch.epoch
    known.last_heard_at = now
    return Ack(hw=known.hw, epoch=known.epoch, applied=len(fresh), replayed=len(replayed))


def _check_lineage(batch: Batch, known: SyncOrigin) -> None:
    starts = [entry.epoch for entry in batch.lineage]
    if known.epoch not in starts:
        raise Refused(
            409,
            "epoch_unknown",
            f"{batch.origin} sends epoch {batch.epoch}, which does not descend from epoch "
            f"{known.epoch} that this hub holds up to seq {known.hw}",
            known_epoch=known.epoch,
            hw=known.hw,
            expected_seq=known.hw + 1,
        )
    index = starts.index(known.epoch)
    if index + 1 < len(batch.lineage) and known.hw >= batch.lineage[index + 1].first_seq:
        raise Refused(
            409,
            "fork",
            f"this hub holds {batch.origin}'s events up to seq {known.hw} under epoch "
            f"{known.epoch}, past where its epoch {batch.lineage[index + 1].epoch} begins",
            known_epoch=known.epoch,
            hw=known.hw,
        )


def _check_replayed(session: Session, origin: str, rows: list[WireRow]) -> None:
    held = {
        seq: (epoch, kind, ticket_id, at)
        for seq, epoch, kind, ticket_id, at in session.execute(
            select(Event.seq, Event.epoch, Event.kind, Event.ticket_id, Event.at).where(
                Event.site == origin, Event.seq >= rows[0].seq, Event.seq <= rows[-1].seq
            )
        )
    }
    for row in rows:
        mine = held.get(row.seq)
        if mine is None:
            continue
        if mine != (row.epoch, row.kind.value, row.ticket_id, row.at):
            raise Refused(
                409,
                "fork",
                f"seq {row.seq} of {origin} differs from the one this hub holds: was "
                f"{origin} restored from a backup? Run `kiosk sync-restored` there",
                seq=row.seq,
            )


def _event_row(fact: Fact, site: str, epoch: str) -> dict:
    data = fact.data
    if TIME_FACTS & data.keys():
        data = {k: v.isoformat() if k in TIME_FACTS else v for k, v in data.items()}
    return {
        "site": site,
        "seq": fact.seq,
        "epoch": epoch,
        "at": fact.at,
        "kind": fact.kind,
        "day": fact.day,
        "service": fact.service,
        "ticket_id": fact.ticket_id,
        "counter": fact.counter,
        "data": data,
    }
