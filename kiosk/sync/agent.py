"""The hub's sync agent: keys, the receiver's verifier, and one worker thread per peer.

Each peer that has a URL gets a thread that pushes this site's new events, woken when the
queue writes one (and every ``[sync] poll_s`` anyway), backing off on trouble: 0.25 s
doubling up to 10 minutes, with jitter so that sites do not retry in step. The threads
only read the store and write their own cursor rows; ticket issuing never waits on them.
State for the status screens (last success, backlog, last error, last heard from) is kept
in ``sync_peers`` so that ``kiosk sync-status`` reads it from another process.

The heartbeat (``GET /sync/v1/state``: is the peer there, what does it hold) runs only when
the peer has said nothing for ``HEARTBEAT_S`` (no state answer, no batch ack) or after a
failure: while batches flow, each signed ack already proves the peer is there and tells
its high-water mark (a peer restored from a backup answers a batch with a 409 gap).
"""

from __future__ import annotations

import logging
import random
import ssl
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from kiosk.clock import Clock
from kiosk.errors import KioskError, SyncError
from kiosk.siteconfig import SiteConfig
from kiosk.siteconfig.schema import Peer
from kiosk.store.db import Store
from kiosk.store.models import Sequence
from kiosk.sync import rejoin
from kiosk.sync.keys import load_keys, peer_keys, resolve
from kiosk.sync.models import LineagePending, Quarantine, SyncOrigin, SyncPeer
from kiosk.sync.sender import PeerLink, RoundResult
from kiosk.sync.signing import Verifier
from kiosk.sync.trouble import PeerTrouble

log = logging.getLogger("kiosk.sync")
BACKOFF_BASE_S = 0.25
BACKOFF_CAP_S = 600.0
HEARTBEAT_S = 30.0


def backoff_s(
    failures: int, rng: random.Random | None = None, cap_s: float = BACKOFF_CAP_S
) -> float:
    """Delay before retry number ``failures`` (1, 2, …): doubling from 0.25 s, capped
    (``[sync] retry_cap_s``), then drawn in [½, 1] of that so that many senders spread out."""
    if failures <= 0:
        return 0.0
    ceiling = min(cap_s, BACKOFF_BASE_S * 2 ** min(failures - 1, 32))
    return ceiling * (0.5 + 0.5 * (rng or random).random())


@dataclass
class PeerStatus:
    site: str
    url: str
    last_heard_at: datetime | None
    last_success_at: datetime | None
    backlog: int | None
    last_error: str | None
    cursor: int | None
    #: Why pushing is stopped until an operator acts (a refused batch), or None.
    quarantine: str | None = None

    def as_health(self) -> dict:
        return {
            "site": self.site,
            "last_heard_at": self.last_heard_at.isoformat() if self.last_heard_at else None,
            "backlog": self.backlog,
            "last_error": self.last_error,
        }


class SyncAgent:
    def __init__(self, store: Store, config: SiteConfig, clock: Clock, on_applied=lambda: None):
        self.store, self.config, self.clock = store, config, clock
        self.site = config.site.slug
        self.on_applied = on_applied
        self.key_error: str | None = None
        try:
            self.secrets = load_keys(config)
        except SyncError as exc:
            self.secrets, self.key_error = {}, str(exc)
            log.error("%s", exc)
        self.verifier = Verifier(peer_keys(config, self.secrets))
        self.verify: ssl.SSLContext | bool = True
        if config.sync.ca_file:
            path = resolve(config, config.sync.ca_file)
            try:
                self.verify = ssl.create_default_context(cafile=str(path))
            except (OSError, ssl.SSLError) as exc:
                self.key_error = f"sync ca_file {path}: cannot use it ({exc})"
                log.error("%s", self.key_error)
        self.links = {p.slug: PeerLink(self, p) for p in config.peers if p.url}
        self._wake = {slug: threading.Event() for slug in self.links}
        self._stop = threading.Event()
        self._kicked: set[str] = set()
        self._threads: list[threading.Thread] = []
        self._heard: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self._rejoin_lock = threading.Lock()
        #: Tests and ``kiosk sync --once`` drive rounds themselves.
        self.autostart = True

    # -- keys ---------------------------------------------------------------------------

    def secret_for(self, peer: Peer) -> bytes:
        if self.key_error:
            raise PeerTrouble(self.key_error, retry=False)
        secret = self.secrets.get(peer.key_id)
        if secret is None:
            raise PeerTrouble(
                f'no secret for key "{peer.key_id}" (keys file or KIOSK_SYNC_KEYS)', retry=False
            )
        return secret

    # -- worker threads -----------------------------------------------------------------

    def start(self) -> None:
        """Start the worker threads (with the hub), unless ``autostart`` was turned off."""
        if self._threads or not self.links or not self.autostart:
            return
        self._stop.clear()
        for slug, link in self.links.items():
            thread = threading.Thread(
                target=self._run, args=(link,), name=f"kiosk-sync-{slug}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for event in self._wake.values():
            event.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []
        for link in self.links.values():
            link.close()

    def wake(self) -> None:
        """Something was written: push it now (thread-safe, never blocks)."""
        for event in self._wake.values():
            event.set()

    def kick(self) -> None:
        """Retry every peer now, whatever its backoff (a person pressed "sync now")."""
        with self._lock:
            self._kicked.update(self.links)
        self.wake()

    def _run(self, link: PeerLink) -> None:
        failures = 0
        while not self._stop.is_set():
            if self.quarantined(link.peer.slug) is not None:
                # A person must act (`kiosk sync-release`); look again now and then.
                self._sleep(max(5.0, self.config.sync.poll_s), link.peer.slug, wakeable=False)
                continue
            try:
                trouble = self._round(link, failures)
            except PeerTrouble as exc:
                trouble = str(exc)
                self.record_failure(link.peer.slug, trouble)
            except KioskError as exc:
                trouble = str(exc)
                self.record_failure(link.peer.slug, trouble)
            except Exception:  # a bug: keep the thread alive, say it loudly
                log.exception("sync with %s failed", link.peer.slug)
                trouble = "internal error (see the hub's log)"
            if trouble:
                failures += 1
                delay = backoff_s(failures, cap_s=self.config.sync.retry_cap_s)
                log.warning("sync with %s: %s (retry in %.1f s)", link.peer.slug, trouble, delay)
                self._sleep(delay, link.peer.slug, wakeable=False)
            else:
                failures = 0
                self._sleep(self.config.sync.poll_s, link.peer.slug, wakeable=True)

    def _round(self, link: PeerLink, failures: int) -> str | None:
        """One pass of a peer's worker: the heartbeat when due, then a push; its trouble."""
        if failures or link.silent_for() > HEARTBEAT_S:
            self.ensure_rejoined()
            link.check_state()
        return link.push().error

    def _sleep(self, seconds: float, slug: str, wakeable: bool) -> None:
        """Wait ``seconds``; a wake-up ends the wait only when ``wakeable`` (not during a
        backoff: new tickets are no reason to hammer a peer that is down), a kick always."""
        event = self._wake[slug]
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or not event.wait(left):
                return
            event.clear()
            with self._lock:
                kicked = slug in self._kicked
                self._kicked.discard(slug)
            if wakeable or kicked:
                return

    # -- one round (``kiosk sync --once``) ----------------------------------------------

    def run_once(self, max_batches: int | None = None) -> list[RoundResult]:
        results = []
        for slug, link in self.links.items():
            try:
                self.ensure_rejoined()
                link.check_state()
            except (PeerTrouble, KioskError) as exc:
                self.record_failure(slug, str(exc))
                results.append(RoundResult(slug, error=str(exc), backlog=self.backlog(slug)))
                continue
            results.append(link.push(max_batches))
        return results

    # -- restore from backup ------------------------------------------------------------

    def ensure_rejoined(self) -> None:
        """A store restored from a backup takes its place again before it sends anything."""
        with self._rejoin_lock:
            if rejoin.pending(self.store, self.site) is not None:
                rejoin.rejoin(self.store, self.site, self.links)

    def rejoin_needed(self, why: str) -> None:
        if rejoin.pending(self.store, self.site) is None:
            raise PeerTrouble(
                f"{why}: its events differ from this store's. If this store was restored "
                "from a backup, stop the hub and run `kiosk sync-restored`",
                retry=False,
            )

    def lineage(self) -> list[dict]:
        return rejoin.lineage(self.store, self.site)

    # -- quarantine and lineage (operator actions) ---------------------------------------

    def quarantine(self, slug: str, first: int, last: int, status: int, reason: str) -> None:
        now = self.clock.now()
        with self.store.write() as session:
            row = session.get(Quarantine, slug) or Quarantine(peer=slug)
            row.first_seq, row.last_seq, row.status = first, last, status
            row.reason, row.at = reason[:300], now
            session.add(row)
        log.error("sync with %s: seq %d..%d quarantined: %s", slug, first, last, reason)

    def quarantined(self, slug: str) -> str | None:
        """Why pushing to ``slug`` is stopped (and what to do), or None."""
        with self.store.read() as session:
            row = session.get(Quarantine, slug)
        if row is None:
            return None
        seqs = f"seq {row.first_seq}" + (
            f"..{row.last_seq}" if row.last_seq != row.first_seq else ""
        )
        return (
            f"QUARANTINED: {slug} refused {seqs} as invalid ({row.status}: {row.reason}); "
            f"nothing after it is sent. Upgrade or fix, then `kiosk sync-release {slug}`"
        )

    def release(self, slug: str) -> bool:
        with self.store.write() as session:
            row = session.get(Quarantine, slug)
            if row is None:
                return False
            session.delete(row)
        self.kick()
        return True

    def pending_lineages(self) -> list[LineagePending]:
        with self.store.read() as session:
            rows = list(session.scalars(select(LineagePending).order_by(LineagePending.origin)))
            for row in rows:
                session.expunge(row)
        return rows

    # -- state rows ---------------------------------------------------------------------

    def _peer_row(self, session, slug: str) -> SyncPeer:
        row = session.get(SyncPeer, slug)
        if row is None:
            row = SyncPeer(peer=slug, cursor=0, failures=0, sent_total=0)
            session.add(row)
        return row

    def cursor(self, slug: str) -> int:
        with self.store.read() as session:
            return session.scalar(select(SyncPeer.cursor).where(SyncPeer.peer == slug)) or 0

    def record_ack(self, slug: str, hw: int, applied: int) -> None:
        now = self.clock.now()
        with self.store.write() as session:
            row = self._peer_row(session, slug)
            row.cursor = hw
            row.last_success_at = row.last_heard_at = now
            row.last_error, row.failures = None, 0
            row.sent_total = (row.sent_total or 0) + applied

    def record_contact(self, slug: str) -> None:
        """The peer answered a signed request: it is heard from, and no longer in error."""
        now = self.clock.now()
        with self.store.write() as session:
            row = self._peer_row(session, slug)
            row.last_heard_at = now
            row.last_error, row.failures = None, 0

    def record_failure(self, slug: str, error: str) -> None:
        try:
            with self.store.write() as session:
                row = self._peer_row(session, slug)
                row.last_attempt_at = self.clock.now()
                row.last_error = error[:300]
                row.failures = (row.failures or 0) + 1
        except KioskError:
            log.warning("could not record a sync failure with %s: %s", slug, error)

    def record_heard(self, slug: str) -> None:
        with self._lock:
            self._heard[slug] = self.clock.now()

    def backlog(self, slug: str) -> int | None:
        if slug not in self.links:
            return None
        with self.store.read() as session:
            last = session.scalar(select(Sequence.last).where(Sequence.site == self.site)) or 0
            cursor = session.scalar(select(SyncPeer.cursor).where(SyncPeer.peer == slug)) or 0
        return max(0, last - cursor)

    def status(self) -> list[PeerStatus]:
        """Per configured peer: when it was last heard from, backlog, last error."""
        with self.store.read() as session:
            sent = {row.peer: row for row in session.scalars(select(SyncPeer))}
            received = {row.origin: row for row in session.scalars(select(SyncOrigin))}
            last = session.scalar(
                select(func.coalesce(func.max(Sequence.last), 0)).where(Sequence.site == self.site)
            )
        result = []
        for peer in self.config.peers:
            out, inbound = sent.get(peer.slug), received.get(peer.slug)
            heard = [
                t
                for t in (
                    out.last_heard_at if out else None,
                    inbound.last_heard_at if inbound else None,
                    self._heard.get(peer.slug),
                )
                if t is not None
            ]
            error = out.last_error if out else None
            held = self.quarantined(peer.slug) if peer.url else None
            if peer.url and self.key_error:
                error = self.key_error
            elif held:
                error = held
            result.append(
                PeerStatus(
                    site=peer.slug,
                    url=peer.url,
                    last_heard_at=max(heard) if heard else None,
                    last_success_at=out.last_success_at if out else None,
                    backlog=max(0, last - (out.cursor if out else 0)) if peer.url else None,
                    last_error=error,
                    cursor=out.cursor if out else None,
                    quarantine=held,
                )
            )
        return result
