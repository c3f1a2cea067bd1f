"""A store restored from a backup takes its place again: new epoch, no seq reused, no loss.

A backup is behind what the peers already hold: the events made after it (seq
``restored_at+1 … S``) live on at the peers, and a restored store that went on numbering
from ``restored_at`` would hand out those seqs a second time. So:

1. ``kiosk sync-restored`` (hub stopped, backup copied in place) gives the store a **new
   epoch** and records ``restored_at`` (its last seq). Tickets can be issued at once:
   their events get seqs after ``restored_at`` under the new epoch and are not sent yet.
2. Before sending anything, the store **rejoins**: every peer it pushes to tells its
   high-water mark for this site (``GET /sync/v1/state``); ``S`` is the highest. The store
   pulls its own lost events ``restored_at+1 … S`` back from the peer that holds them
   (``GET /sync/v1/own-events``), then in one transaction moves the events made since the
   restore to ``S+1 …`` (they were never sent), inserts the recovered ones, folds the
   touched tickets again from their events, bumps the day's ticket numbers past the
   recovered ones, and records that the new epoch begins at ``S+1``.
3. Batches then carry the lineage ``[{old epoch, 1}, {new epoch, S+1}]``: a peer that
   follows the old epoch and holds no more than ``S`` accepts the new one; anything else
   is a fork and is refused (409) rather than counted twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.services.stats import invalidate_days
from kiosk.store.db import Store
from kiosk.store.models import DayNumber, Event, Meta, Sequence
from kiosk.sync.models import SyncEpoch, SyncPeer
from kiosk.sync.projection import rebuild
from kiosk.sync.sender import PeerLink
from kiosk.sync.trouble import PeerTrouble
from kiosk.sync.wire import MAX_ROWS, WireRow

OWN_EVENTS_PATH = "/sync/v1/own-events"


class Page(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    epoch: str | None = None
    hw: int = Field(0, ge=0)
    rows: list[WireRow] = Field(default_factory=list, max_length=MAX_ROWS)


def _ensure(session: Session, store: Store, site: str) -> SyncEpoch:
    row = session.get(SyncEpoch, store.epoch)
    if row is None:
        first = session.scalar(select(SyncEpoch.epoch).limit(1)) is None
        row = SyncEpoch(epoch=store.epoch, first_seq=1 if first else None, created_at=_now())
        if not first:  # the epoch changed behind our back: treat it as a restore
            row.restored_at_seq = _last_seq(session, site)
        session.add(row)
    return row


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _last_seq(session: Session, site: str) -> int:
    return session.scalar(select(Sequence.last).where(Sequence.site == site)) or 0


def lineage(store: Store, site: str) -> list[dict]:
    """This store's epochs with the first seq of each; raises while a rejoin is pending."""
    with store.read() as session:
        rows = session.scalars(select(SyncEpoch)).all()
        current = next((r for r in rows if r.epoch == store.epoch), None)
    if current is None:
        with store.write() as session:
            _ensure(session, store, site)
        return lineage(store, site)
    if current.first_seq is None:
        raise PeerTrouble(
            "this store was restored from a backup and has not rejoined its peers yet"
        )
    known = sorted((r for r in rows if r.first_seq is not None), key=lambda r: r.first_seq)
    return [{"epoch": r.epoch, "first_seq": r.first_seq} for r in known]


def pending(store: Store, site: str) -> SyncEpoch | None:
    with store.read() as session:
        row = session.get(SyncEpoch, store.epoch)
    if row is None:
        with store.write() as session:
            row = _ensure(session, store, site)
    return row if row.first_seq is None else None


def mark_restored(store: Store, site: str) -> str:
    """Give a store just restored from a backup a new epoch; returns it. Hub stopped!"""
    new = str(uuid.uuid4())
    with store.write() as session:
        _ensure(session, store, site)
        meta = session.get(Meta, "epoch")
        meta.value = new
        session.add(
            SyncEpoch(
                epoch=new,
                first_seq=None,
                created_at=_now(),
                restored_at_seq=_last_seq(session, site),
            )
        )
    store.epoch = new
    return new


def rejoin(store: Store, site: str, links: Mapping[str, PeerLink]) -> dict:
    """Learn every push peer's high-water mark for this site, recover what the backup
    lacked, renumber what was made since, and open the new epoch. Returns a summary.

    ``links`` are the agent's links to its push peers (``SyncAgent.links``), handed in
    rather than the agent itself: the agent calls this, so this does not import it."""
    pend = pending(store, site)
    if pend is None:
        return {}
    restored_at = pend.restored_at_seq or 0
    with store.read() as session:
        old_epochs = {
            r.epoch for r in session.scalars(select(SyncEpoch)) if r.first_seq is not None
        }
    marks: dict[str, int] = {}
    for slug, link in links.items():
        try:
            answer = link.state()
        except PeerTrouble as exc:
            raise PeerTrouble(f"rejoining after a restore needs every peer; {exc}") from None
        yours = answer.get("yours") or {}
        hw = int(yours.get("hw") or 0)
        if hw and yours.get("epoch") not in old_epochs | {store.epoch}:
            raise PeerTrouble(
                f"{slug} follows epoch {yours.get('epoch')} of this site, unknown to this "
                "store (restored from an unrelated backup?)",
                retry=False,
            )
        marks[slug] = hw
    top = max([restored_at, *marks.values()])
    recovered: list[WireRow] = []
    if top > restored_at:
        donor = max(marks, key=marks.get)
        recovered = _pull(links[donor], restored_at, top)
    with store.write() as session:
        summary = _rebase(session, site, pend.epoch, restored_at, top, recovered, marks)
    return summary


def _pull(link: PeerLink, after: int, top: int) -> list[WireRow]:
    rows: list[WireRow] = []
    while after < top:
        status, answer = link.request("GET", f"{OWN_EVENTS_PATH}?after={after}")
        if status != 200:
            raise PeerTrouble(
                f"{link.peer.slug} refused to give back this site's events "
                f"({status}): {answer.get('detail')}"
            )
        answer.pop("_genuine", None)
        page = Page.model_validate_json(_json(answer))
        if not page.rows:
            raise PeerTrouble(f"{link.peer.slug} stopped at seq {after}, below {top}")
        for row in page.rows:
            if row.seq != after + 1 or row.site != link.site:
                raise PeerTrouble(f"{link.peer.slug} gave back seq {row.seq} out of order")
            rows.append(row)
            after = row.seq
    return [r for r in rows if r.seq <= top]


def _json(answer: dict) -> str:
    import json

    return json.dumps(answer)


def _rebase(
    session: Session,
    site: str,
    epoch: str,
    restored_at: int,
    top: int,
    recovered: list[WireRow],
    marks: dict[str, int],
) -> dict:
    from kiosk.sync.apply import _event_row
    from kiosk.sync.projection import fact_of

    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    made = _last_seq(session, site)
    shift = top - restored_at
    since = made - restored_at
    moved_ids = set(
        session.scalars(select(Event.ticket_id).where(Event.site == site, Event.seq > restored_at))
    )
    if shift:
        session.execute(
            update(Event)
            .where(Event.site == site, Event.seq > restored_at)
            .values(seq=-Event.seq)
            .execution_options(synchronize_session=False)
        )
        if recovered:
            session.execute(
                insert(Event.__table__).on_conflict_do_nothing(index_elements=["site", "seq"]),
                [_event_row(fact_of(row), site, row.epoch) for row in recovered],
            )
        session.execute(
            update(Event)
            .where(Event.site == site, Event.seq < 0)
            .values(seq=-Event.seq + shift)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            insert(Sequence)
            .values(site=site, last=made + shift)
            .on_conflict_do_update(index_elements=["site"], set_={"last": made + shift})
        )
    for row in recovered:
        if row.kind.value == "issued" and row.data.parent_id is None and row.data.seq:
            session.execute(
                insert(DayNumber)
                .values(site=site, day=row.day, service=row.service, last=row.data.seq)
                .on_conflict_do_update(
                    index_elements=["site", "day", "service"],
                    set_={"last": _greatest(dialect, DayNumber.last, row.data.seq)},
                )
            )
    ticket_ids = {r.ticket_id for r in recovered if r.ticket_id} | (moved_ids - {None})
    days = rebuild(session, site, ticket_ids) | {r.day for r in recovered}
    invalidate_days(session, site, days)
    row = session.get(SyncEpoch, epoch)
    row.first_seq = top + 1
    for slug, hw in marks.items():
        peer = session.get(SyncPeer, slug)
        if peer is None:
            peer = SyncPeer(peer=slug, cursor=0, failures=0, sent_total=0)
            session.add(peer)
        peer.cursor = hw
    return {
        "restored_at": restored_at,
        "recovered": len(recovered),
        "renumbered": since,
        "first_seq": top + 1,
    }


def _greatest(dialect: str, column, value: int):
    from sqlalchemy import func

    if dialect == "postgresql":
        return func.greatest(column, value)
    return func.max(column, value)
