"""Running a hub: as the process's main job (``kiosk serve``) or in a background thread
beside the screens on a one-PC site. One code path either way."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from platformdirs import user_data_dir

from kiosk.clock import Clock, SystemClock
from kiosk.errors import KioskError
from kiosk.hub.app import create_app
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


def _uvicorn_config(hub: Hub, host: str, port: int, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(hub),
        host=host,
        port=port,
        log_level=log_level,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        access_log=False,
        lifespan="on",
        **_tls(hub.config),
    )


def _tls(config: SiteConfig) -> dict:
    """HTTPS when the site file names a certificate and key (``[sync] tls_cert/tls_key``)."""
    if not config.sync.tls_cert:
        return {}
    from kiosk.sync.keys import resolve

    return {
        "ssl_certfile": str(resolve(config, config.sync.tls_cert)),
        "ssl_keyfile": str(resolve(config, config.sync.tls_key)),
    }


def serve(hub: Hub, host: str = "127.0.0.1", port: int = 8470, log_level: str = "info") -> None:
    try:
        uvicorn.Server(_uvicorn_config(hub, host, port, log_level)).run()
    finally:
        hub.store.close()


#: How ``kiosk serve --workers N`` tells its worker processes what to serve.
ENV_CONFIG = "KIOSK_SERVE_CONFIG"
ENV_DB = "KIOSK_SERVE_DB"


def worker_app():
    """The app of one worker process of ``kiosk serve --workers N`` (an app factory that
    uvicorn imports by name in each process it starts): its own hub over the shared store."""
    return create_app(build_hub(os.environ[ENV_CONFIG], os.environ[ENV_DB]))


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

    @property
    def url(self) -> str:
        sockets = self.server.servers[0].sockets
        host, port = sockets[0].getsockname()[:2]
        scheme = "https" if self.hub.config.sync.tls_cert else "http"
        return f"{scheme}://{host}:{port}"

    def stop(self) -> None:
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
    return RunningHub(hub, server, thread)
