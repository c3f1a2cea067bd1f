"""Retention: visits older than the site's ``[retention] days`` are removed, the figures stay.

At day end (``kiosk purge``, from the purge timer) every day before the cut-off first gets
its figures computed and kept in ``day_stats`` (the dashboard, the footfall API and the
exports read those, not the tickets), then in one transaction its tickets, events,
appointments and day numbers are deleted, and the store records ``purged_before``: from
then on nothing may invalidate the kept figures of those days
(:func:`kiosk.services.stats.invalidate_days` leaves them alone), since nothing is left to
compute them again from.

Sync (docs/sync.md) is kept whole:
- this site's own events are the outbox. One is removed only once every peer this site
  pushes to has acknowledged it (its seq is at or below each peer's cursor), so no peer
  ever sees a gap or is sent anything twice; and the latest own event always stays, so the
  event stream's position never goes back;
- other sites' events are removed freely: the receiver's high-water mark lives in
  ``sync_origins``, not in the events, and a replayed row that is no longer held is
  acknowledged without being applied again.

Phone links die with their ticket; between the cut-off and the purge they already answer
"expired" (:func:`is_expired`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.domain.schedule import local_day
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.store.models import Appointment, DayNumber, Event, Meta, Sequence, Ticket
from kiosk.sync.models import SyncPeer

PURGED_BEFORE = "purged_before"


def cutoff(today: date, days: int) -> date:
    """The first day kept: visits of earlier days are past retention."""
    return today - timedelta(days=days)


def is_expired(ticket_day: date, today: date, days: int) -> bool:
    return ticket_day < cutoff(today, days)


@dataclass(frozen=True)
class PurgeResult:
    cutoff: date
    tickets: int
    events: int
    appointments: int
    #: Own events past retention kept because a peer has not acknowledged them yet.
    held_for_peers: int
    dry_run: bool

    def summary(self) -> str:
        verb = "would remove" if self.dry_run else "removed"
        text = (
            f"{verb} what came before {self.cutoff.isoformat()}: {self.tickets} tickets, "
            f"{self.events} events, {self.appointments} appointments; the day figures stay"
        )
        if self.held_for_peers:
            text += (
                f"; {self.held_for_peers} events kept until the peers have them "
                "(`kiosk sync-status`)"
            )
        return text


def purge(store: Store, config: SiteConfig, clock: Clock, *, dry_run: bool = False) -> PurgeResult:
    first_kept = cutoff(local_day(clock.now(), config.tz), config.retention.days)
    first_kept_at = datetime.combine(first_kept, time(), tzinfo=config.tz)
    site = config.site.slug
    with store.read() as session:
        oldest = _oldest_day(session)
    if oldest is not None and oldest < first_kept and not dry_run:
        # Figures of every day about to go are computed and kept before anything goes.
        Stats(store, config.tz, clock).figures(oldest, first_kept - timedelta(days=1))
    with store.read() if dry_run else store.write() as session:
        floor = _acknowledged_by_all(session, config)
        own_last = session.scalar(select(Sequence.last).where(Sequence.site == site)) or 0
        removable = min(floor, own_last - 1)
        old_events = Event.day < first_kept
        own_clause = (Event.site != site) | (Event.seq <= removable)
        counts = {
            "tickets": _count(session, Ticket, Ticket.day < first_kept),
            "events": _count(session, Event, old_events & own_clause),
            "held": _count(session, Event, old_events & ~own_clause),
            "appointments": _count(session, Appointment, Appointment.at < first_kept_at),
        }
        if not dry_run:
            session.execute(delete(Event).where(old_events & own_clause))
            session.execute(delete(Ticket).where(Ticket.day < first_kept))
            session.execute(delete(DayNumber).where(DayNumber.day < first_kept))
            session.execute(delete(Appointment).where(Appointment.at < first_kept_at))
            mark = session.get(Meta, PURGED_BEFORE)
            if mark is None:
                session.add(Meta(key=PURGED_BEFORE, value=first_kept.isoformat()))
            elif mark.value < first_kept.isoformat():
                mark.value = first_kept.isoformat()
    return PurgeResult(
        first_kept,
        counts["tickets"],
        counts["events"],
        counts["appointments"],
        counts["held"],
        dry_run,
    )


def _oldest_day(session: Session) -> date | None:
    days = [
        session.scalar(select(func.min(Ticket.day))),
        session.scalar(select(func.min(Event.day))),
    ]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _acknowledged_by_all(session: Session, config: SiteConfig) -> int:
    """The highest own seq that every peer this site pushes to holds (no peer: all of them)."""
    pushed = [peer.slug for peer in config.peers if peer.url]
    if not pushed:
        return 2**62
    rows = session.execute(
        select(SyncPeer.peer, SyncPeer.cursor).where(SyncPeer.peer.in_(pushed))
    ).all()
    cursors = {peer: cursor for peer, cursor in rows}
    return min(cursors.get(slug) or 0 for slug in pushed)


def _count(session: Session, model, clause) -> int:
    return session.scalar(select(func.count()).select_from(model).where(clause)) or 0
