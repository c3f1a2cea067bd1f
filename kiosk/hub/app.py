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
    routes_kiosk,
    routes_manager,
    routes_public,
    routes_staff,
    routes_stats,
    stream,
)
from kiosk.hub.context import Hub
from kiosk.hub.daykeeper import DayKeeper
from kiosk.hub.limits import BodyLimit
from kiosk.sync import receiver as sync_receiver

log = logging.getLogger("kiosk.hub")
MAX_BODY_BYTES = 64 * 1024


def create_app(hub: Hub) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        hub.feed.attach(asyncio.get_running_loop())
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
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.state.hub = hub
    for module in (routes_public, routes_staff, routes_manager, routes_appointments,
                   routes_kiosk, routes_stats, stream):
        app.include_router(module.router)
    app.include_router(sync_receiver.router)
    app.add_exception_handler(KioskError, _known_error)
    app.add_exception_handler(RequestValidationError, _bad_input)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _bug)
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
    if exc.status_code == 413:
        detail = f"request body too large (at most {MAX_BODY_BYTES} bytes)"
    return JSONResponse(
        {"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
    )


async def _bug(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error; the hub logged it"}, status_code=500)
