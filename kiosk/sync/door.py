"""The sync routes' front door: ``/sync/v1`` heartbeats and batches answered in front of
the web framework.

An observatory hears from every house of a region (a national one: 2,840) every half
minute, and most of a small request's CPU went to the framework around the handler:
middleware layers, route matching over every route of the hub, dependency solving. The
signed peer routes need none of it: they read their own headers, check their own
signature and answer JSON. This ASGI layer (the outermost of the LAN app, see
:func:`kiosk.hub.app.create_app`) hands exactly the paths of
:data:`kiosk.sync.receiver.HOT_ROUTES` to their handlers and everything else, other
methods and paths under ``/sync/`` included, to the framework as before.

Nothing is trusted more for it: the handlers are the ones the framework's routes call,
with the same checks in the same order. A handler's bug still reaches the framework's
error layer (a 500, logged), as it would through the routes.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from kiosk.hub.context import Hub
from kiosk.sync.receiver import HOT_ROUTES, PeerRequest


class SyncDoor:
    def __init__(self, app: ASGIApp, hub: Hub):
        self.app, self.hub = app, hub

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = None
        if scope["type"] == "http":
            handler = HOT_ROUTES.get((scope["method"], scope["path"]))
        if handler is None:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope["path"] + (f"?{query}" if query else "")
        request = PeerRequest(scope["method"], path, Headers(scope=scope), _chunks(receive))
        reply = await handler(self.hub, request)
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(reply.body)).encode())]  # fmt: skip
        headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers.items()]
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})


def _chunks(receive: Receive):
    """The body's chunks as an async iterator (once), as Starlette's ``Request.stream``."""

    async def stream():
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            body = message.get("body", b"")
            if body:
                yield body
            if not message.get("more_body", False):
                return

    return stream
