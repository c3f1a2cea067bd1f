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
from starlette.requests import Request
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
        body = Request(scope, receive).stream  # Starlette's own reading of the body
        reply = await handler(self.hub, PeerRequest(scope["method"], path, Headers(scope=scope),
                                                    body))  # fmt: skip
        await reply.response()(scope, receive, send)
