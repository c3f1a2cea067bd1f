"""Running a hub: as the process's main job (``kiosk serve``) or in a background thread
beside the screens on a one-PC site. One code path either way.

With ``[security] public_listen`` a second listener serves the guest Wi-Fi (phone pages and
the public poster only, see :func:`kiosk.hub.app.create_public_app`) on a thread of its
own, beside the LAN listener. Uvicorn believes ``X-Forwarded-For`` only from the site
file's ``trusted_proxies`` (never from loopback by default, unlike uvicorn's default).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from platformdirs import user_data_dir

from kiosk.clock import Clock, SystemClock
from kiosk.errors import KioskError
from kiosk.hub import sdnotify
from kiosk.hub.app import create_app, create_public_app
from kiosk.hub.collector import settle_collector
from kiosk.hub.context import Hub
from kiosk.siteconfig import SiteConfig, load_site_config
from kiosk.store.db import Store

SHUTDOWN_GRACE_S = 2


def default_db_url(config: SiteConfig) -> str:
    """SQLite in the user's data folder, one file per site."""
    folder = Path(user_data_dir("kiosk", appauthor=False))
    return f"sqlite:///{folder / (config.site.slug + '.db')}"


def build_hub(
    config: SiteConfig | str | Path, db_url: str | None = None, clock: Clock | None = None
) -> Hub:
    if not isinstance(config, SiteConfig):
        config = load_site_config(config)
    store = Store.open(db_url or default_db_url(config))
    return Hub(config=config, store=store, clock=clock or SystemClock())


def _uvicorn_config(hub: Hub, host: str, port: int, log_level: str,
                    public: bool = False) -> uvicorn.Config:
    proxies = list(hub.config.security.trusted_proxies)
    return uvicorn.Config(
        create_public_app(hub) if public else create_app(hub),
        host=host,
        port=port,
        log_level=log_level,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        access_log=False,
        lifespan="off" if public else "on",
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies,
        server_header=False,
        **_tls(hub.config),
    )


def split_listen(value: str) -> tuple[str, int]:
    """``"0.0.0.0:8480"`` or ``"[::1]:8480"`` → host and port."""
    host, _, port = value.rpartition(":")
    return host.strip("[]"), int(port)


class PublicListener:
    """The guest Wi-Fi listener on a thread of its own (its own event loop)."""

    def __init__(self, hub: Hub, log_level: str, listen: str | None = None):
        host, port = split_listen(listen or hub.config.security.public_listen)
        self.server = uvicorn.Server(_uvicorn_config(hub, host, port, log_level, public=True))
        self.thread = threading.Thread(target=self.server.run, name="kiosk-public", daemon=True)

    def start(self) -> PublicListener:
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the public listener could not start "
                                   "([security] public_listen: address in use?)")
            self.thread.join(timeout=0.01)
        return self

    @property
    def url(self) -> str:
        host, port = self.server.servers[0].sockets[0].getsockname()[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _tls(config: SiteConfig) -> dict:
    """HTTPS when the site file names a certificate and key (``[sync] tls_cert/tls_key``)."""
    if not config.sync.tls_cert:
        return {}
    from kiosk.sync.keys import resolve

    return {
        "ssl_certfile": str(resolve(config, config.sync.tls_cert)),
        "ssl_keyfile": str(resolve(config, config.sync.tls_key)),
    }


class _NotifyingServer(uvicorn.Server):
    """uvicorn telling systemd when it listens, pinging its watchdog from the event loop
    (a hung loop stops the pings and systemd restarts the hub), and when it stops."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._ping_s = sdnotify.watchdog_interval_s()
        self._last_ping = 0.0

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if self.started:
            sdnotify.notify(f"READY=1\nSTATUS=serving on {self.config.host}:{self.config.port}")

    async def on_tick(self, counter: int) -> bool:
        if self._ping_s is not None and time.monotonic() - self._last_ping >= self._ping_s:
            self._last_ping = time.monotonic()
            sdnotify.notify("WATCHDOG=1")
        return await super().on_tick(counter)

    async def shutdown(self, sockets=None) -> None:
        sdnotify.notify("STOPPING=1")
        await super().shutdown(sockets)


def serve(hub: Hub, host: str = "127.0.0.1", port: int = 8470, log_level: str = "info") -> None:
    public = PublicListener(hub, log_level).start() if hub.config.security.public_listen else None
    try:
        server = _NotifyingServer(_uvicorn_config(hub, host, port, log_level))
        settle_collector()
        server.run()
    finally:
        if public is not None:
            public.stop()
        hub.store.close()


#: How ``kiosk serve --workers N`` tells its worker processes what to serve.
ENV_CONFIG = "KIOSK_SERVE_CONFIG"
ENV_DB = "KIOSK_SERVE_DB"


def worker_app():
    """The app of one worker process of ``kiosk serve --workers N`` (an app factory that
    uvicorn imports by name in each process it starts): its own hub over the shared store."""
    app = create_app(build_hub(os.environ[ENV_CONFIG], os.environ[ENV_DB]))
    settle_collector()
    return app


def check_workers(config: SiteConfig, db_url: str, workers: int) -> None:
    """Several workers share one PostgreSQL store and only receive: the nonces of signed
    batches live in that store (:mod:`kiosk.sync.nonces`); a hub that pushes to peers or
    keeps a site's queue runs one process (its sync worker, its live streams)."""
    if workers <= 1:
        return
    if db_url.startswith("sqlite"):
        raise KioskError(
            f"--workers {workers} needs a PostgreSQL store (--db postgresql+psycopg://…): "
            "one SQLite file takes one writer at a time"
        )
    pushing = [peer.slug for peer in config.peers if peer.url]
    if pushing:
        raise KioskError(
            f"--workers {workers} is for an observatory that only receives; "
            f"{config.source} pushes to {', '.join(pushing)}: run it with one worker"
        )


def serve_workers(
    config_path: Path,
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8470,
    workers: int = 2,
    log_level: str = "info",
) -> None:
    """``workers`` uvicorn processes on one listening socket, each with its own hub over
    the same store (migrated once here, before they start)."""
    config = load_site_config(config_path)
    check_workers(config, db_url, workers)
    Store.open(db_url).close()
    os.environ[ENV_CONFIG], os.environ[ENV_DB] = str(config_path), db_url
    uvicorn.run(
        "kiosk.hub.server:worker_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        access_log=False,
        lifespan="on",
        **_tls(config),
    )


@dataclass
class RunningHub:
    hub: Hub
    server: uvicorn.Server
    thread: threading.Thread
    public: PublicListener | None = None

    @property
    def url(self) -> str:
        sockets = self.server.servers[0].sockets
        host, port = sockets[0].getsockname()[:2]
        scheme = "https" if self.hub.config.sync.tls_cert else "http"
        return f"{scheme}://{host}:{port}"

    def stop(self) -> None:
        if self.public is not None:
            self.public.stop()
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.hub.store.close()


def start_in_thread(
    hub: Hub, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
) -> RunningHub:
    """Start the hub on a background thread; returns once it accepts connections."""
    server = uvicorn.Server(_uvicorn_config(hub, host, port, log_level))
    thread = threading.Thread(target=server.run, name="kiosk-hub", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the hub could not start on {host}:{port}")
        thread.join(timeout=0.01)
    public = PublicListener(hub, log_level).start() if hub.config.security.public_listen else None
    return RunningHub(hub, server, thread, public)
