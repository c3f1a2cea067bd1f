"""The site hub's FastAPI application: routes, and one place that turns errors into answers.

Every known error (:class:`KioskError`) becomes its HTTP status with ``{"detail": message}``;
bad input becomes a 4xx naming the field; anything else is logged and answered 500 with no
internals shown (and is a bug to fix).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk import __version__
from kiosk.errors import KioskError, RateLimited, ServiceClosed
from kiosk.hub import (
    routes_appointments,
    routes_devices,
    routes_kiosk,
    routes_manager,
    routes_phone,
    routes_planning,
    routes_public,
    routes_publication,
    routes_staff,
    routes_stats,
    stream,
)
from kiosk.hub.context import Hub
from kiosk.hub.daykeeper import DayKeeper
from kiosk.hub.limits import BodyLimit
from kiosk.hub.openapi import install as install_openapi
from kiosk.sync import receiver as sync_receiver
from kiosk.sync.door import SyncDoor

log = logging.getLogger("kiosk.hub")
MAX_BODY_BYTES = 64 * 1024

#: Every router of the hub, in one place. The LAN listener serves them all; the public
#: listener (``[security] public_listen``, the guest Wi-Fi) serves only their routes whose
#: path starts with one of :data:`PUBLIC_PREFIXES`.
ROUTERS = (
    routes_public.router,
    routes_phone.router,
    routes_staff.router,
    routes_manager.router,
    routes_appointments.router,
    routes_kiosk.router,
    routes_stats.router,
    routes_devices.router,
    routes_publication.router,
    routes_planning.router,
    stream.router,
    sync_receiver.router,
)
#: What a visitor's phone may reach on the public listener: its ticket's page, the page's
#: live updates and assets (all under ``/t/``), and the public poster (``/quality``).
PUBLIC_PREFIXES = ("/t/", "/quality")


def create_app(hub: Hub) -> FastAPI:
    """The LAN listener's application: every route (each says who may call it)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        hub.feed.attach(asyncio.get_running_loop())
        hub.feed.start_reader(
            lambda after, limit: stream.read_after(hub, after, limit), stream.latest_seq(hub)
        )
        if hub.config.security.open_mode:
            log.warning(
                "OPEN MODE (%s): unpaired clients act as kiosks and read the full live "
                "stream; a demo setting, never for a real site", hub.config.source,
            )
        hub.sync.start()
        keeper = app.state.day_keeper = DayKeeper(hub.stats)
        keeper.start()
        yield
        keeper.stop()
        hub.sync.stop()
        hub.feed.close()

    app = FastAPI(
        title=f"kiosk hub — {hub.config.site.name}",
        version=__version__,
        lifespan=lifespan,
    )
    _finish(app, hub, ROUTERS)
    # Peer heartbeats and batches skip the framework's routing (kiosk.sync.door):
    app.add_middleware(SyncDoor, hub=hub)
    return app


def create_public_app(hub: Hub) -> FastAPI:
    """The public listener's application: only paths under :data:`PUBLIC_PREFIXES`;
    anything else is 404 there (refused before routing), and there is no OpenAPI page.
    It shares the LAN app's hub (and its live feed), so it must run beside it."""
    app = FastAPI(title=f"kiosk — {hub.config.site.name}", version=__version__,
                  docs_url=None, redoc_url=None, openapi_url=None)
    _finish(app, hub, ROUTERS)
    app.add_middleware(PublicOnly, prefixes=PUBLIC_PREFIXES)
    return app


def route_paths(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) an app serves, its included routers' routes included."""
    found = []
    pending = list(app.routes)
    while pending:
        route = pending.pop(0)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            pending.extend(inner.routes)
            continue
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            found.append((method, route.path))
    return found


class PublicOnly:
    """ASGI gate of the public listener: a path outside ``prefixes`` is 404, unrouted."""

    def __init__(self, app, prefixes: tuple[str, ...]):
        self.app, self.prefixes = app, prefixes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(self.prefixes):
            body = b'{"detail":"Not Found"}'
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "websocket" and not scope["path"].startswith(self.prefixes):
            await send({"type": "websocket.close", "code": 1008})
            return
        await self.app(scope, receive, send)


def _finish(app: FastAPI, hub: Hub, routers) -> FastAPI:
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.state.hub = hub
    for router in routers:
        app.include_router(router)
    app.add_exception_handler(KioskError, _known_error)
    app.add_exception_handler(RequestValidationError, _bad_input)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _bug)
    install_openapi(app)
    return app


async def _known_error(request: Request, exc: KioskError) -> JSONResponse:
    content: dict = {"detail": str(exc), "error": type(exc).__name__}
    headers = {}
    if isinstance(exc, ServiceClosed):
        content["service"] = exc.service
        content["next_opening"] = exc.next_opening.isoformat() if exc.next_opening else None
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(max(1, round(exc.retry_after_s)))
        content["retry_after_s"] = round(exc.retry_after_s, 1)
    if exc.http_status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(content, status_code=exc.http_status, headers=headers)


async def _bad_input(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = error.get("msg", "invalid")
        if error.get("type") == "extra_forbidden":
            message = "unknown field"
        elif error.get("type") == "json_invalid":
            where, message = "", "the body is not valid JSON"
        problems.append(f"{where}: {message}" if where else message)
    status = 400 if any(e.get("type") == "json_invalid" for e in exc.errors()) else 422
    return JSONResponse(
        {"detail": "; ".join(problems) or "invalid request", "error": "BadInput"},
        status_code=status,
    )


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else "request refused"
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 413:
        detail = f"request body too large (at most {MAX_BODY_BYTES} bytes)"
    if exc.status_code == 405:
        # Starlette names the methods of the first route on the path only; a path served
        # by several routes (GET and POST apart) allows all of theirs.
        headers["Allow"] = ", ".join(_methods_of(request))
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers or None)


def _methods_of(request: Request) -> list[str]:
    from starlette.routing import Match, Route

    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": next(iter(route.methods))})
            if match is Match.FULL:
                methods |= route.methods
    return sorted(methods)


async def _bug(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error; the hub logged it"}, status_code=500)
