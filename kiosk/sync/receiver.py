"""The peer-only routes (``/sync/v1``): every request signed, every batch checked whole.

Order of the checks on ``POST /sync/v1/batches``, cheapest and safest first: protocol
version (409), signature headers, key and clock window (401), declared size (413, before
reading), the body read with a cap (413), the signature over the body (401), the nonce
(401 on replay), gzip inflated with a cap (413 for a bomb, 400 if corrupt), JSON and the
strict schema (400/422), the signer is the origin of every row (403), then the
transaction (200 with the new high-water mark, 409 gap/epoch/fork, 503 busy). Every
answer to a signed request is signed back.

The handlers here know nothing of the web framework: they take a :class:`PeerRequest`
and give a :class:`Reply`. An observatory takes a heartbeat from thousands of houses
every half minute, so :class:`kiosk.sync.door.SyncDoor` answers the hot routes before
the framework's routing and dependency machinery (most of a request's cost there); the
FastAPI routes below call the same handlers, and document the routes in the OpenAPI.
The store work runs on :data:`STORE_THREADS`, a small pool of its own: a bounded number
of transactions at once per process, and no per-call limiter.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import select
from starlette.requests import ClientDisconnect

from kiosk.errors import StoreError
from kiosk.hub.context import Hub
from kiosk.store.models import Event
from kiosk.sync import faults
from kiosk.sync.apply import apply_batch, apply_session, origin_state
from kiosk.sync.models import SyncOrigin
from kiosk.sync.peer_sites import SiteDescription, store_description
from kiosk.sync.signing import Refused, Signer, sign_reply
from kiosk.sync.wire import (
    MAX_BATCH_BYTES,
    MAX_ROWS,
    MAX_WIRE_BYTES,
    PROTOCOL,
    BadBatch,
    check_window,
    describe,
    parse_batch,
    row_size,
    to_wire,
)

#: A site description on its own (the heartbeat) weighs far less than a batch.
MAX_DESCRIPTION_BYTES = 256 * 1024
#: Store transactions of the sync routes at once in one process (PostgreSQL: each holds a
#: connection of the pool; SQLite: one writer at a time anyway).
STORE_THREADS = 8

log = logging.getLogger("kiosk.sync")
router = APIRouter(prefix="/sync/v1", include_in_schema=True, tags=["sync (peers only)"])
_store_pool = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="kiosk-sync-store")


async def in_store_thread(function, *args):
    """Run blocking store work on the sync routes' own threads (never on the event loop)."""
    return await asyncio.get_running_loop().run_in_executor(_store_pool, function, *args)


@dataclass
class PeerRequest:
    """What a sync handler needs of a request: method, path with its query (both signed),
    headers (case-insensitive) and a way to read the body."""

    method: str
    path: str
    headers: Mapping[str, str]
    chunks: Callable[[], object]  # an async iterator of the body's chunks

    @classmethod
    def of(cls, request: Request) -> PeerRequest:
        query = request.url.query
        path = request.url.path + (f"?{query}" if query else "")
        return cls(request.method, path, request.headers, request.stream)

    async def body(self, limit: int) -> bytes:
        """The body, refused (413) past ``limit`` bytes, declared or actually sent."""
        declared = self.headers.get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                raise Refused(400, "bad_request", "bad Content-Length")
            if int(declared) > limit:
                raise Refused(413, "too_large", f"request body too large (at most {limit} bytes)")
        parts, size = [], 0
        try:
            async for chunk in self.chunks():
                size += len(chunk)
                if size > limit:
                    raise Refused(
                        413, "too_large", f"request body too large (at most {limit} bytes)"
                    )
                parts.append(chunk)
        except ClientDisconnect:
            raise Refused(400, "disconnected", "the request body was cut short") from None
        return b"".join(parts)


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> Response:
        return Response(self.body, self.status, self.headers, media_type="application/json")


Handler = Callable[[Hub, PeerRequest], Awaitable[Reply]]


def _reply(status: int, body: dict, signer: Signer | None = None, headers: dict | None = None
           ) -> Reply:  # fmt: skip
    content = json.dumps(body, separators=(",", ":")).encode()
    headers = dict(headers or {})
    if signer is not None:
        headers["x-kiosk-sync-signature"] = sign_reply(signer.secret, signer.nonce, status, content)
    return Reply(status, content, headers)


def _refusal(exc: Refused, signer: Signer | None) -> Reply:
    headers = {}
    if exc.status == 503:
        headers["retry-after"] = str(exc.extra.get("retry_after_s", 1))
    if exc.status == 413:
        headers["connection"] = "close"
    return _reply(exc.status, exc.body(), signer, headers)


# -- the handlers -------------------------------------------------------------------------


async def take_batch(hub: Hub, request: PeerRequest) -> Reply:
    """``POST /sync/v1/batches``: one signed batch of the signer's own events."""
    agent = hub.sync
    signer = None
    try:
        now = hub.clock.now()
        agent.verifier.check_headers(request.headers, now)
        encoding = request.headers.get("content-encoding", "identity").lower()
        if encoding not in ("identity", "gzip"):
            raise Refused(415, "encoding", f"unsupported Content-Encoding {encoding[:20]!r}")
        body = await request.body(MAX_WIRE_BYTES)
        signer = agent.verifier.verify("POST", request.path, request.headers, body, now)
        agent.record_heard(signer.peer)
        try:
            batch = parse_batch(body, encoding)
            check_window(batch, now)
        except BadBatch as exc:
            raise Refused(
                exc.status, "schema" if exc.status == 422 else "bad_body", exc.message
            ) from None
        if batch.origin != signer.peer or any(row.site != signer.peer for row in batch.rows):
            raise Refused(
                403, "origin", f"a peer signing as {signer.peer} may only send its own events"
            )
        if batch.site is not None and batch.site.slug != signer.peer:
            raise Refused(403, "origin", f"a peer signing as {signer.peer} describes only itself")
        if batch.origin == hub.config.site.slug:
            raise Refused(403, "origin", "this hub's own events never come back to it")
        faults.crash_point("receiver_before_apply")
        ack = await in_store_thread(
            apply_batch, hub.store, batch, now, (signer.key_id, signer.nonce)
        )
    except Refused as exc:
        if exc.status >= 500 or exc.status == 409:
            log.info("sync batch refused (%s): %s", exc.status, exc.message)
        return _refusal(exc, signer)
    faults.crash_point("receiver_after_commit")
    if ack.pending_epoch is not None:
        log.warning(
            "%s announces a new lineage (epoch %s): waiting for `kiosk sync-lineage` here",
            batch.origin,
            ack.pending_epoch,
        )
        return _reply(
            409,
            {
                "detail": (
                    f"{batch.origin} says it was restored from a backup (new epoch "
                    f"{ack.pending_epoch}); the operator of {hub.config.site.slug} must "
                    f"confirm it: kiosk sync-lineage confirm {batch.origin} {ack.pending_epoch}"
                ),
                "error": "lineage_pending",
                "hw": ack.hw,
                "epoch": ack.epoch,
            },
            signer,
        )
    if ack.applied:
        agent.on_applied()  # live streams and dashboards show the other site's visits
    return _reply(
        200,
        {
            "site": hub.config.site.slug,
            "origin": batch.origin,
            "hw": ack.hw,
            "epoch": ack.epoch,
            "applied": ack.applied,
            "replayed": ack.replayed,
            # The sender stops carrying its description once this says it is held:
            "your_site_digest": ack.site_digest,
        },
        signer,
    )


def _signed_get(hub: Hub, request: PeerRequest) -> Signer:
    now = hub.clock.now()
    if request.headers.get("content-length", "0") not in ("", "0"):
        raise Refused(413, "too_large", "a GET carries no body")
    signer = hub.sync.verifier.verify("GET", request.path, request.headers, b"", now)
    hub.sync.record_heard(signer.peer)
    return signer


async def give_state(hub: Hub, request: PeerRequest) -> Reply:
    """``GET /sync/v1/state``: what this hub holds of the signer's events (the senders'
    heartbeat)."""
    try:
        signer = _signed_get(hub, request)
    except Refused as exc:
        return _refusal(exc, None)
    try:
        known = await in_store_thread(origin_state, hub.store, signer.peer)
    except StoreError as exc:
        return _refusal(Refused(503, "store_busy", str(exc), retry_after_s=1), signer)
    return _reply(
        200,
        {
            "site": hub.config.site.slug,
            "protocol": PROTOCOL,
            "epoch": hub.store.epoch,
            "time": hub.clock.now().isoformat(),
            "yours": known.yours,
            # Newer receivers take site descriptions (kiosk.sync.peer_sites):
            "takes_site": True,
            "your_site_digest": known.digest,
        },
        signer,
    )


async def take_site(hub: Hub, request: PeerRequest) -> Reply:
    """``POST /sync/v1/site``: the signer's public site description."""
    signer = None
    try:
        now = hub.clock.now()
        hub.sync.verifier.check_headers(request.headers, now)
        if request.headers.get("content-encoding", "identity").lower() != "identity":
            raise Refused(415, "encoding", "a site description is sent as plain JSON")
        body = await request.body(MAX_DESCRIPTION_BYTES)
        signer = hub.sync.verifier.verify("POST", request.path, request.headers, body, now)
        hub.sync.record_heard(signer.peer)
        try:
            description = SiteDescription.model_validate_json(body)
        except ValidationError as exc:
            errors = exc.errors()
            if any(e["type"] == "json_invalid" for e in errors):
                raise Refused(400, "bad_body", "the body is not valid JSON") from None
            raise Refused(422, "schema", describe(errors)) from None
        if description.slug != signer.peer:
            raise Refused(403, "origin", f"a peer signing as {signer.peer} describes only itself")
        digest = await in_store_thread(_keep_description, hub, description, now)
    except Refused as exc:
        return _refusal(exc, signer)
    return _reply(200, {"site": hub.config.site.slug, "digest": digest}, signer)


def _keep_description(hub: Hub, description: SiteDescription, now) -> str:
    try:
        with apply_session(hub.store) as session:
            return store_description(session, description.slug, description, now).digest
    except StoreError as exc:
        raise Refused(
            503, "store_busy", f"the receiving store cannot take it now: {exc}", retry_after_s=1
        ) from None


async def give_own_events(hub: Hub, request: PeerRequest, after: int) -> Reply:
    """Give the signer back its own events after ``after`` (a store restored from a backup
    recovers what it lost); never another site's."""
    try:
        signer = _signed_get(hub, request)
    except Refused as exc:
        return _refusal(exc, None)
    page = await in_store_thread(_own_page, hub, signer.peer, after)
    return _reply(200, page, signer)


def _own_page(hub: Hub, origin: str, after: int) -> dict:
    with hub.store.read() as session:
        known = session.get(SyncOrigin, origin)
        hw = known.hw if known else 0
        rows = session.execute(
            select(Event.__table__)
            .where(Event.site == origin, Event.seq > after, Event.seq <= hw)
            .order_by(Event.seq)
            .limit(MAX_ROWS)
        ).all()
    out, size = [], 16 * 1024
    for row in rows:
        item = to_wire(row, origin)
        size += row_size(item)
        if out and size > MAX_BATCH_BYTES:
            break
        out.append(item)
    return {
        "site": hub.config.site.slug,
        "origin": origin,
        "epoch": known.epoch if known else None,
        "hw": hw,
        "rows": out,
    }


#: The routes :class:`kiosk.sync.door.SyncDoor` answers before the framework.
HOT_ROUTES: dict[tuple[str, str], Handler] = {
    ("POST", "/sync/v1/batches"): take_batch,
    ("GET", "/sync/v1/state"): give_state,
    ("POST", "/sync/v1/site"): take_site,
}


# -- the same routes in the framework (OpenAPI, and any path the door lets through) -------


def _hub(request: Request) -> Hub:
    return request.app.state.hub


@router.post("/batches")
async def receive_batch(request: Request) -> Response:
    """A signed batch of the signer's own events (peer sites only)."""
    return (await take_batch(_hub(request), PeerRequest.of(request))).response()


@router.get("/state")
async def state(request: Request) -> Response:
    """What this hub holds of the signer's events (its high-water mark and epoch)."""
    return (await give_state(_hub(request), PeerRequest.of(request))).response()


@router.post("/site")
async def receive_site(request: Request) -> Response:
    """The signer's public site description (its heartbeat when it has no batch to send)."""
    return (await take_site(_hub(request), PeerRequest.of(request))).response()


@router.get("/own-events")
async def own_events(request: Request, after: int = Query(0, ge=0, le=2**31)) -> Response:
    """Give the signer back its own events after ``after`` (a store restored from a backup
    recovers what it lost); never another site's."""
    return (await give_own_events(_hub(request), PeerRequest.of(request), after)).response()
