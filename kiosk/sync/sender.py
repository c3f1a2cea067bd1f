"""Pushing this site's events to one peer: batches from the cursor, moved only on a signed ack.

The outbox is the event log itself: every event of this site with ``seq`` above the peer's
cursor. A round sends consecutive batches (≤ 500 rows, ≤ 1 MiB of JSON, gzipped) until
the peer holds everything, or something fails. Only events of this site's origin are
sent, never those received from other sites (no echo). The cursor moves to the peer's
acknowledged high-water mark only on a reply whose signature proves it came from the peer;
a 409 "gap" moves it back to what the peer really holds (a peer restored from a backup).
Nothing here holds a database transaction while waiting on the network.

This site's description (kiosk.sync.peer_sites) rides in a batch only while the peer is not
known to hold its current digest: the peer tells the digest it holds in its state answer
(``your_site_digest``) and in each batch acknowledgement (same key; an acknowledgement
without it, from an older receiver, means "unknown": the description goes in the next
batch again). Validating a description costs the receiver a fifth of a small batch's CPU;
an observatory taking thousands of sites should not pay it for every batch.
"""

from __future__ import annotations

import json
import logging
import math
import ssl
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

import httpx
from sqlalchemy import func, select

from kiosk.clock import Clock
from kiosk.errors import KioskError
from kiosk.siteconfig import SiteConfig
from kiosk.siteconfig.schema import Peer
from kiosk.store.db import Store
from kiosk.store.models import Event, Sequence
from kiosk.sync import faults
from kiosk.sync.peer_sites import describe_site, digest_as_received
from kiosk.sync.signing import H_SIGNATURE, reply_is_genuine, sign_request
from kiosk.sync.trouble import PeerTrouble
from kiosk.sync.wire import MAX_BATCH_BYTES, MAX_ROWS, encode, row_size, to_wire

log = logging.getLogger("kiosk.sync")
BATCHES_PATH = "/sync/v1/batches"
STATE_PATH = "/sync/v1/state"
SITE_PATH = "/sync/v1/site"
EVENTS = Event.__table__
#: Room kept in a batch for its envelope (origin, epoch, lineage, seqs).
ENVELOPE_BYTES = 16 * 1024
#: How often a long round saves its cursor (it always does at the end of a round).
SAVE_EVERY_S = 1.0


@dataclass
class RoundResult:
    peer: str
    sent: int = 0
    replayed: int = 0
    batches: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    acked: int | None = None
    backlog: int | None = None
    error: str | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    #: Round-trip time of each batch (sign, send, the peer's transaction, the ack), in ms.
    batch_ms: list[float] = field(default_factory=list)

    def summary(self) -> str:
        if self.error:
            moved = f" after sending {self.sent} events" if self.sent else ""
            return f"{self.peer}: FAILED{moved}: {self.error}"
        if not self.batches:
            return f"{self.peer}: up to date (peer holds seq {self.acked})"
        return (
            f"{self.peer}: sent {self.sent} events (seq {self.first_seq}..{self.last_seq}) "
            f"in {self.batches} batches, {self.replayed} already there; peer holds seq "
            f"{self.acked}; {self.seconds:.2f} s, batch p95 {self.batch_p95_ms():.0f} ms"
        )

    def batch_p95_ms(self) -> float:
        ordered = sorted(self.batch_ms) or [0.0]
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class LinkOwner(Protocol):
    """What a link needs from the one who owns it (:class:`kiosk.sync.agent.SyncAgent`):
    the store, the keys, and the per-peer state rows it reads and moves.

    Declared here, on the side that needs it, so that the sender does not import the agent
    that drives it (the two would form an import circle)."""

    store: Store
    config: SiteConfig
    clock: Clock
    site: str
    verify: ssl.SSLContext | bool

    def secret_for(self, peer: Peer) -> bytes: ...
    def lineage(self) -> list[dict]: ...
    def rejoin_needed(self, why: str) -> None: ...
    def cursor(self, slug: str) -> int: ...
    def backlog(self, slug: str) -> int | None: ...
    def record_ack(self, slug: str, hw: int, applied: int) -> None: ...
    def record_contact(self, slug: str) -> None: ...
    def record_failure(self, slug: str, error: str) -> None: ...
    def record_heard(self, slug: str) -> None: ...
    def quarantine(self, slug: str, first: int, last: int, status: int, reason: str) -> None: ...
    def quarantined(self, slug: str) -> str | None: ...


class PeerLink:
    def __init__(self, agent: LinkOwner, peer: Peer):
        self.agent, self.peer = agent, peer
        self.site = agent.site
        self._client: httpx.Client | None = None
        self._prepare = ThreadPoolExecutor(1, thread_name_prefix=f"kiosk-sync-{peer.slug}-read")
        self._counted = 0
        #: Rows per batch: halved after each 422 to find the one row a peer refuses.
        self._limit = MAX_ROWS
        #: Whether the peer takes site descriptions (older receivers refuse the field).
        self.takes_site = True
        self.description = describe_site(agent.config)
        #: As the receiver computes it (and answers it as ``your_site_digest``).
        self.digest = digest_as_received(self.description)
        #: The description digest the peer is known to hold (None: unknown, as after a
        #: restart, or told by an older receiver): the description rides in each batch
        #: until the peer is known to hold ``self.digest``.
        self.peer_digest: str | None = None
        #: A seam for tests: the monotonic clock of :attr:`heard_at`.
        self.monotonic: Callable[[], float] = time.monotonic
        #: When the peer last gave a signed 200 answer (state, ack, description taken).
        self.heard_at = -math.inf

    # -- HTTP -------------------------------------------------------------------------

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.peer.url.rstrip("/"),
                timeout=httpx.Timeout(30.0, connect=5.0),
                verify=self.agent.verify,
            )
        return self._client

    def close(self) -> None:
        self._prepare.shutdown(wait=False)
        self._prepare = ThreadPoolExecutor(
            1, thread_name_prefix=f"kiosk-sync-{self.peer.slug}-read"
        )
        if self._client is not None:
            self._client.close()
            self._client = None

    def request(
        self, method: str, path: str, body: bytes = b"", encoding: str | None = None
    ) -> tuple[int, dict]:
        """A signed request; returns (status, JSON) of a reply whose signature holds."""
        secret = self.agent.secret_for(self.peer)
        headers = sign_request(secret, self.peer.key_id, method, path, body, self.agent.clock.now())
        nonce = headers["x-kiosk-sync-nonce"]
        headers["content-type"] = "application/json"
        if encoding:
            headers["content-encoding"] = encoding
        try:
            response = self.client.request(method, path, content=body, headers=headers)
        except httpx.HTTPError as exc:
            self.close()  # a fresh connection next time
            raise PeerTrouble(f"cannot reach {self.peer.url}: {_transport(exc)}") from None
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        genuine = reply_is_genuine(
            secret,
            nonce,
            response.status_code,
            response.content,
            response.headers.get(H_SIGNATURE),
        )
        if response.status_code == 200 and not genuine:
            raise PeerTrouble(f"{self.peer.slug} answered without a valid signature")
        if response.status_code == 200:
            self.heard_at = self.monotonic()
        if not genuine:
            answer = {"detail": answer.get("detail"), "error": answer.get("error")}
        answer["_genuine"] = genuine
        return response.status_code, answer

    # -- pushing ----------------------------------------------------------------------

    def silent_for(self) -> float:
        """Seconds since the peer last answered a signed request with a 200 (inf: never)."""
        return self.monotonic() - self.heard_at

    def push(self, max_batches: int | None = None) -> RoundResult:
        """Send batches until the peer holds every event of this site, or trouble.

        The next batch is read and encoded on a helper thread while the current one is on
        the wire; the cursor is saved after each ack (at most every ``SAVE_EVERY_S``, and at
        the end: a crash in between only means replays, which are no-ops).
        """
        result = RoundResult(self.peer.slug)
        started = time.monotonic()
        saved = cursor = None
        self._limit = MAX_ROWS
        held = self.agent.quarantined(self.peer.slug)
        if held is not None:
            result.error = held
            result.backlog = self.agent.backlog(self.peer.slug)
            return result
        try:
            cursor = saved = self.agent.cursor(self.peer.slug)
            lineage = self.agent.lineage()
            saved_at = time.monotonic()
            ahead = self._prepare.submit(self._next_batch, cursor, lineage)
            while max_batches is None or result.batches < max_batches:
                batch = ahead.result()
                if batch is None:
                    break
                ahead = self._prepare.submit(self._next_batch, batch["last_seq"], lineage)
                cursor = self._send(batch, result)
                if cursor != batch["last_seq"]:
                    ahead.result()
                    ahead = self._prepare.submit(self._next_batch, cursor, lineage)
                if time.monotonic() - saved_at > SAVE_EVERY_S:
                    self.agent.record_ack(self.peer.slug, cursor, result.sent - self._counted)
                    self._counted, saved, saved_at = result.sent, cursor, time.monotonic()
            result.acked = cursor
        except PeerTrouble as exc:
            result.error = str(exc)
        except KioskError as exc:  # store trouble on this side
            result.error = str(exc)
        try:
            if cursor is not None and (cursor != saved or result.sent != self._counted):
                self.agent.record_ack(self.peer.slug, cursor, result.sent - self._counted)
                faults.crash_point("sender_after_save")
            if result.error:
                self.agent.record_failure(self.peer.slug, result.error)
        except KioskError as exc:
            result.error = result.error or str(exc)
        self._counted = 0
        result.seconds = time.monotonic() - started
        result.backlog = self.agent.backlog(self.peer.slug)
        return result

    def _next_batch(self, cursor: int, lineage: list[dict]) -> dict | None:
        with self.agent.store.read() as session:
            rows = session.execute(
                select(EVENTS)
                .where(EVENTS.c.site == self.site, EVENTS.c.seq > cursor)
                .order_by(EVENTS.c.seq)
                .limit(self._limit)
            ).all()
        if not rows:
            return None
        # Room for the description whether it goes or not: whether it does is settled when
        # the batch is sent (the ack of the batch on the wire may change it).
        site = self.description if self.takes_site else None
        wire, size = [], ENVELOPE_BYTES + (row_size(site) if site else 0)
        for row in rows:
            item = to_wire(row, self.site)
            size += row_size(item)
            if wire and size > MAX_BATCH_BYTES:
                break
            wire.append(item)
        batch = {
            "origin": self.site,
            "epoch": self.agent.store.epoch,
            "lineage": lineage,
            "first_seq": wire[0]["seq"],
            "last_seq": wire[-1]["seq"],
            "count": len(wire),
            "rows": wire,
        }
        if self._carries_site():
            batch["site"] = self.description
        batch["_body"], batch["_encoding"] = encode(batch)
        return batch

    def _carries_site(self) -> bool:
        """Whether the next batch must carry this site's description."""
        return self.takes_site and self.peer_digest != self.digest

    def _settle_site(self, batch: dict) -> None:
        """Put the description in (or leave it out of) a batch prepared ahead, as the
        latest answer says: re-encoded only when that answer changed what it needs."""
        carries = self._carries_site()
        if carries == ("site" in batch):
            return
        if carries:
            batch["site"] = self.description
        else:
            del batch["site"]
        envelope = {key: value for key, value in batch.items() if not key.startswith("_")}
        batch["_body"], batch["_encoding"] = encode(envelope)

    def _send(self, batch: dict, result: RoundResult) -> int:
        self._settle_site(batch)
        sent_at = time.perf_counter()
        faults.crash_point("sender_before_send")
        status, answer = self.request("POST", BATCHES_PATH, batch["_body"], batch["_encoding"])
        result.batch_ms.append((time.perf_counter() - sent_at) * 1000)
        if status == 200:
            hw = int(answer["hw"])
            # An older receiver's ack has no such key: unknown, the next batch carries it.
            self.peer_digest = _digest_or_none(answer.get("your_site_digest"))
            faults.crash_point("sender_after_ack")
            if hw > batch["last_seq"]:
                self._check_not_behind(hw)
            result.batches += 1
            result.sent += int(answer.get("applied", 0))
            result.replayed += int(answer.get("replayed", 0))
            result.first_seq = result.first_seq or batch["first_seq"]
            result.last_seq = batch["last_seq"]
            return hw
        error = answer.get("error")
        if status == 409 and error == "gap" and answer["_genuine"]:
            expected = int(answer["expected_seq"])
            self.peer_digest = None  # restored from a backup: it may hold an older one
            result.notes.append(f"peer expects seq {expected}: resending from there")
            return expected - 1
        if status == 409 and error == "undescribed" and answer["_genuine"]:
            self.send_description()
            if not self.takes_site:  # the peer has no /sync/v1/site: it cannot take one
                raise PeerTrouble(f"{self.peer.slug} wants a site description it cannot take")
            result.notes.append("peer had no site description: sent it")
            return batch["first_seq"] - 1
        if status == 422 and answer["_genuine"]:
            return self._refused_as_invalid(batch, answer)
        if status == 409 and error == "lineage_pending" and answer["_genuine"]:
            raise PeerTrouble(
                f"{self.peer.slug} holds this store's new lineage until its operator confirms "
                f"it there (`kiosk sync-lineage confirm {self.site} {self.agent.store.epoch}`);"
                " the outbox is kept",
                status=status,
            )
        if status == 409 and error == "epoch_unknown" and answer["_genuine"]:
            self.agent.rejoin_needed(f"{self.peer.slug} does not know this store's epoch")
        detail = answer.get("detail") or f"HTTP {status}"
        if status == 409 and error == "protocol_version":
            detail = f"{detail}: upgrade the older hub (the outbox is kept)"
        raise PeerTrouble(
            f"{self.peer.slug} refused the batch ({status} {error}): {detail}", status=status
        )

    def _refused_as_invalid(self, batch: dict, answer: dict) -> int:
        """A 422: halve the batch until the one refused row is found, then quarantine it
        (the rows before it went through); never resend the same refusal forever."""
        detail = str(answer.get("detail") or "invalid")[:200]
        if batch["count"] > 1:
            self._limit = max(1, batch["count"] // 2)
            return batch["first_seq"] - 1
        self.agent.quarantine(self.peer.slug, batch["first_seq"], batch["last_seq"], 422, detail)
        raise PeerTrouble(self.agent.quarantined(self.peer.slug) or detail, retry=False, status=422)

    def send_description(self) -> None:
        """Give the peer this site's public description (heartbeat or on its request)."""
        body = json.dumps(self.description, separators=(",", ":"), ensure_ascii=False).encode()
        status, answer = self.request("POST", SITE_PATH, body)
        if status == 404:
            self.takes_site = False  # an older peer: it simply does not keep descriptions
            return
        if status != 200:
            raise PeerTrouble(
                f"{self.peer.slug} refused this site's description ({status} "
                f"{answer.get('error')}): {answer.get('detail')}",
                status=status,
            )
        self.peer_digest = _digest_or_none(answer.get("digest"))

    def _check_not_behind(self, hw: int) -> None:
        with self.agent.store.read() as session:
            mine = session.scalar(
                select(func.coalesce(func.max(Sequence.last), 0)).where(Sequence.site == self.site)
            )
        if hw > mine:
            raise PeerTrouble(
                f"{self.peer.slug} holds this site's events up to seq {hw}, but this store "
                f"only made {mine}: it was restored from a backup. Stop the hub and run "
                "`kiosk sync-restored` (see docs/sync.md)",
                retry=False,
            )

    # -- state ------------------------------------------------------------------------

    def state(self) -> dict:
        """The peer's view of this site (``{"epoch", "hw"}`` or None) and its own epoch."""
        status, answer = self.request("GET", STATE_PATH)
        if status != 200:
            raise PeerTrouble(
                f"{self.peer.slug} refused the state request ({status} {answer.get('error')}):"
                f" {answer.get('detail')}",
                status=status,
            )
        self.agent.record_heard(self.peer.slug)
        return answer

    def check_state(self) -> None:
        """Follow what the peer really holds: a peer restored from a backup holds less."""
        answer = self.state()
        self.agent.record_contact(self.peer.slug)
        self.takes_site = bool(answer.get("takes_site"))
        self.peer_digest = _digest_or_none(answer.get("your_site_digest"))
        if self.takes_site and self.peer_digest != self.digest:
            self.send_description()
        yours = answer.get("yours")
        hw = int(yours["hw"]) if yours else 0
        cursor = self.agent.cursor(self.peer.slug)
        if hw < cursor:
            log.warning(
                "%s holds %s's events up to %d only (cursor %d): resending",
                self.peer.slug,
                self.site,
                hw,
                cursor,
            )
            self.agent.record_ack(self.peer.slug, hw, 0)
        elif hw > cursor:
            self._check_not_behind(hw)
            self.agent.record_ack(self.peer.slug, hw, 0)


def _digest_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _transport(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    return json.dumps(text)[1:-1][:160]
