"""Tables of the sync: what this store has received from each origin, and sent to each peer.

- ``sync_origins`` (receiver side): per origin site, the epoch we follow and the high-water
  mark ``hw``: every event ``1..hw`` of that origin is in ``events``, none above. It moves in
  the same transaction as the events it covers, so it never lies after a crash.
- ``sync_peers`` (sender side): per peer, the ``cursor`` (the peer's acknowledged high-water
  mark of our events) and what the status screens show (last success, last error).
- ``sync_epochs``: this store's own lineage. A store restored from a backup gets a new epoch
  whose ``first_seq`` is fixed when it rejoins its peers (see :mod:`kiosk.sync.rejoin`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base, UTCDateTime


class SyncOrigin(Base):
    __tablename__ = "sync_origins"
    origin: Mapped[str] = mapped_column(String(40), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    hw: Mapped[int] = mapped_column(Integer, default=0)
    last_heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncPeer(Base):
    __tablename__ = "sync_peers"
    peer: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    sent_total: Mapped[int] = mapped_column(Integer, default=0)


class SyncEpoch(Base):
    __tablename__ = "sync_epochs"
    epoch: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: First seq made under this epoch; None while a restored store has not rejoined yet.
    first_seq: Mapped[int | None] = mapped_column(Integer)
    #: For a restored store: the last seq the backup held (what came after was lost).
    restored_at_seq: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LineagePending(Base):
    """A new epoch of an origin (it says it was restored from a backup) that this hub's
    operator has not confirmed yet: batches under it wait (409 ``lineage_pending``), those
    under the epoch this hub follows still apply. ``kiosk sync-lineage`` confirms it."""

    __tablename__ = "sync_lineage_pending"
    origin: Mapped[str] = mapped_column(String(40), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    #: The lineage the batch carried: ``[{"epoch", "first_seq"}, ...]`` oldest first.
    lineage: Mapped[list] = mapped_column(JSON)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    batches: Mapped[int] = mapped_column(Integer, default=0)


class Quarantine(Base):
    """Events a peer refused as invalid (422): the sender stops there instead of retrying
    the same refusal forever, and ``kiosk sync-status`` names the seq and the reason."""

    __tablename__ = "sync_quarantine"
    peer: Mapped[str] = mapped_column(String(40), primary_key=True)
    first_seq: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncNonce(Base):
    """A signed request's nonce, kept until its signature could no longer pass the clock
    window: shared by every worker and host over one database, so a replay is refused
    whichever of them it reaches (see :mod:`kiosk.sync.nonces`)."""

    __tablename__ = "sync_nonces"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
