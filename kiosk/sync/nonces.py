"""Replay protection in the store: a signed batch's nonce is claimed in the batch's own
transaction, so every worker process and host of an observatory over one PostgreSQL (or
the processes of one SQLite file) refuse the same replay.

Why in the batch's transaction: it costs no extra commit per batch, and a batch and its
nonce are kept or lost together. ``INSERT … ON CONFLICT DO NOTHING`` on the primary key
(key id, nonce): of two concurrent copies of one request, PostgreSQL lets the second wait
for the first's commit and then inserts nothing, so exactly one is applied. A batch
refused after its signature passed (a gap, a fork: its transaction rolls back) still has
its nonce claimed in a short transaction of its own.

Bounded: a nonce is kept for twice the signature window (a request outside the window
fails the clock check anyway); expired rows are deleted at most every
:data:`PURGE_EVERY_S` per process, in their own short transaction, through the
``expires_at`` index.

Signed GETs (``/sync/v1/state``, ``/own-events``: the senders' heartbeats) only read, and
a replay of one gives back what its eavesdropper already saw; they keep the per-process
memory of :class:`kiosk.sync.signing.Verifier` and cost the store nothing.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.store.db import Store
from kiosk.sync.models import SyncNonce
from kiosk.sync.signing import WINDOW_S, Refused

NONCES = SyncNonce.__table__
#: A nonce is remembered this long after its request's arrival.
KEEP_S = 2 * WINDOW_S
PURGE_EVERY_S = 30.0

_purged_at = 0.0
_purge_lock = threading.Lock()


#: The claim, per dialect, built once (it runs in every batch).
_CLAIM = {
    name: dialect.insert(NONCES)
    .on_conflict_do_nothing(index_elements=["key_id", "nonce"])
    .returning(NONCES.c.nonce)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def claim(session: Session, key_id: str, nonce: str, now: datetime) -> None:
    """Claim ``nonce`` of ``key_id`` in ``session``'s transaction; 401 if already held."""
    connection = session.connection()
    kept = connection.scalar(
        _CLAIM[connection.dialect.name],
        {"key_id": key_id, "nonce": nonce, "expires_at": now + timedelta(seconds=KEEP_S)},
    )
    if kept is None:
        raise Refused(401, "replay", "this request was already received (replay)")


def claim_alone(store: Store, key_id: str, nonce: str, now: datetime) -> None:
    """:func:`claim` in a transaction of its own (a refused batch's nonce)."""
    with store.write() as session:
        claim(session, key_id, nonce, now)


def purge_if_due(store: Store, now: datetime) -> int:
    """Delete expired nonces, at most once every :data:`PURGE_EVERY_S` in this process."""
    global _purged_at
    with _purge_lock:
        if time.monotonic() - _purged_at < PURGE_EVERY_S:
            return 0
        _purged_at = time.monotonic()
    with store.write() as session:
        return session.execute(delete(SyncNonce).where(SyncNonce.expires_at < now)).rowcount
