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

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from kiosk.errors import StoreError
from kiosk.services.stats import invalidate_days
from kiosk.store.db import SQLITE_BUSY_MS, Store, _known_failures
from kiosk.store.models import Event
from kiosk.sync import faults, nonces
from kiosk.sync.models import LineagePending, SyncOrigin
from kiosk.sync.peer_sites import PeerSiteRow, declared_sets, store_description, undeclared
from kiosk.sync.projection import Fact, bulk_insert, fact_of, project
from kiosk.sync.signing import Refused
from kiosk.sync.wire import TIME_FACTS, Batch, WireData, WireRow, data_of, to_wire

EVENTS = Event.__table__
ORIGINS = SyncOrigin.__table__
PENDING = LineagePending.__table__
SITES = PeerSiteRow.__table__
#: How long an apply waits for SQLite's write lock before answering 503 (the sender retries).
APPLY_BUSY_MS = 2_000


@dataclass(frozen=True)
class Ack:
    hw: int
    epoch: str
    applied: int
    replayed: int
    #: A lineage change held for this hub's operator (nothing applied): its new epoch.
    pending_epoch: str | None = None
    #: The digest of the origin's site description held here after the batch.
    site_digest: str | None = None


@dataclass(frozen=True)
class OriginState:
    """What this hub holds of an origin: ``{"epoch", "hw"[, "pending_epoch"]}`` or None,
    and the digest of its site description (None: never described)."""

    yours: dict | None
    digest: str | None


def _of_origin(column):
    return select(column).where(column.table.c.origin == bindparam("origin")).scalar_subquery()


#: One round trip for a heartbeat: the origin's epoch and mark, a pending lineage, a digest.
_STATE = select(
    _of_origin(ORIGINS.c.epoch),
    _of_origin(ORIGINS.c.hw),
    _of_origin(PENDING.c.epoch),
    _of_origin(SITES.c.digest),
)


# A batch's statements, built once (building and keying a statement per call cost more
# than running it):
_MARK = select(ORIGINS.c.epoch, ORIGINS.c.hw).where(ORIGINS.c.origin == bindparam("origin"))
_MARK_LOCKED = _MARK.with_for_update()
_DECLARED = select(SITES.c.digest, SITES.c.declared).where(SITES.c.origin == bindparam("origin"))
_NEW_MARK = insert(ORIGINS)
_MOVE_MARK = (
    update(ORIGINS)
    .where(ORIGINS.c.origin == bindparam("of_origin"))
    .values(
        epoch=bindparam("epoch", type_=ORIGINS.c.epoch.type),
        hw=bindparam("hw", type_=ORIGINS.c.hw.type),
        last_heard_at=bindparam("last_heard_at", type_=ORIGINS.c.last_heard_at.type),
    )
)


def origin_state(store: Store, origin: str) -> OriginState:
    """What this hub holds of ``origin`` (the answer to its heartbeat), in one query."""
    with _known_failures(store.url), store.lone_read_engine.connect() as connection:
        epoch, hw, pending, digest = connection.execute(_STATE, {"origin": origin}).one()
    if epoch is None:
        return OriginState(None, digest)
    yours = {"epoch": epoch, "hw": hw}
    if pending is not None:
        yours["pending_epoch"] = pending
    return OriginState(yours, digest)


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
    """The batch in ``session``'s transaction. The statements of a batch that simply
    continues its origin (every batch but a first, a replay or a lineage change) are Core
    ones on the session's connection: no ORM objects to load, track and flush."""
    origin = batch.origin
    connection = session.connection()
    locked = _MARK_LOCKED if connection.dialect.name == "postgresql" else _MARK
    known = connection.execute(locked, {"origin": origin}).first()
    hw = known.hw if known is not None else 0
    if batch.site is not None:
        store_description(session, origin, batch.site, now)
        session.flush()
    site = connection.execute(_DECLARED, {"origin": origin}).first()
    if site is None:
        raise Refused(
            409,
            "undescribed",
            f"{origin} never sent its site description: upgrade its hub (sync keeps the outbox)",
        )
    why = undeclared(batch.rows, *declared_sets(site.declared))
    if why is not None:
        raise Refused(422, "undeclared", why)
    if known is not None and known.epoch != batch.epoch:
        followed = session.get(SyncOrigin, origin)
        _check_lineage(batch, followed)
        return _hold_lineage(session, batch, followed, now, site.digest)
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
        hw = fresh[-1].seq
        invalidate_days(session, origin, days)
    mark = {"epoch": batch.epoch, "hw": hw, "last_heard_at": now}
    if known is None:
        connection.execute(_NEW_MARK, {"origin": origin, **mark})
    else:
        connection.execute(_MOVE_MARK, {"of_origin": origin, **mark})
    return Ack(
        hw=hw,
        epoch=batch.epoch,
        applied=len(fresh),
        replayed=len(replayed),
        site_digest=site.digest,
    )


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


def _hold_lineage(
    session: Session, batch: Batch, known: SyncOrigin, now: datetime, digest: str | None
) -> Ack:
    """A new epoch that descends from the one followed: keep it for the operator to confirm
    (``kiosk sync-lineage``); batches under the followed epoch still apply meanwhile, so a
    key holder announcing a fake restore cannot stop the real sender."""
    pending = session.get(LineagePending, batch.origin)
    lineage = [entry.model_dump() for entry in batch.lineage]
    if pending is None:
        pending = LineagePending(
            origin=batch.origin, epoch=batch.epoch, first_seen_at=now, batches=0
        )
        session.add(pending)
    elif pending.epoch != batch.epoch:
        pending.epoch, pending.first_seen_at, pending.batches = batch.epoch, now, 0
    pending.lineage = lineage
    pending.last_seen_at = now
    pending.batches = (pending.batches or 0) + 1
    known.last_heard_at = now
    return Ack(
        hw=known.hw,
        epoch=known.epoch,
        applied=0,
        replayed=0,
        pending_epoch=batch.epoch,
        site_digest=digest,
    )


def confirm_lineage(store: Store, origin: str, epoch: str, now: datetime) -> SyncOrigin:
    """The operator confirms ``origin``'s new epoch: follow it from now on.

    Raises ValueError (said to the operator) when nothing of that epoch is pending or when
    following it would count events twice (this hub holds more under the old epoch).
    """
    with store.write() as session:
        pending = session.get(LineagePending, origin)
        known = session.get(SyncOrigin, origin)
        if pending is None or pending.epoch != epoch or known is None:
            raise ValueError(f"no lineage change of {origin} to epoch {epoch} is pending")
        starts = [entry["epoch"] for entry in pending.lineage]
        if known.epoch not in starts:
            raise ValueError(f"epoch {epoch} does not descend from {known.epoch}")
        index = starts.index(known.epoch)
        begins = pending.lineage[index + 1]["first_seq"] if index + 1 < len(starts) else None
        if begins is not None and known.hw >= begins:
            raise ValueError(
                f"this hub holds {origin}'s events up to seq {known.hw} under epoch "
                f"{known.epoch}, past where the new lineage begins ({begins}): a fork"
            )
        known.epoch = epoch
        known.last_heard_at = now
        session.delete(pending)
        session.flush()
        session.expunge(known)
        return known


def reject_lineage(store: Store, origin: str) -> bool:
    """Forget a pending lineage change (the operator does not believe it)."""
    with store.write() as session:
        pending = session.get(LineagePending, origin)
        if pending is None:
            return False
        session.delete(pending)
        return True


def _fingerprint(epoch, kind, day, service, ticket_id, counter, at, data: WireData) -> tuple:
    facts = tuple(sorted(data_of(data).items()))
    return (epoch, str(kind), day, service, ticket_id, counter, at, facts)


def _check_replayed(session: Session, origin: str, rows: list[WireRow]) -> None:
    """Rows at or below ``hw`` must be the very rows held: any change (a counter, a number,
    a time) is a fork, never silently taken as a replay."""
    held = {}
    for row in session.execute(
        select(EVENTS).where(
            EVENTS.c.site == origin, EVENTS.c.seq >= rows[0].seq, EVENTS.c.seq <= rows[-1].seq
        )
    ):
        wire = to_wire(row, origin)
        held[row.seq] = _fingerprint(
            row.epoch,
            row.kind,
            row.day,
            row.service,
            row.ticket_id,
            row.counter,
            row.at,
            WireData.model_validate(wire["data"], strict=False),
        )
    for row in rows:
        mine = held.get(row.seq)
        if mine is None:
            continue
        theirs = _fingerprint(
            row.epoch,
            row.kind.value,
            row.day,
            row.service,
            row.ticket_id,
            row.counter,
            row.at,
            row.data,
        )
        if mine != theirs:
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
