"""``kiosk counter``: the counter console on a desk PC, against the site's hub.

The console gets a client of its own (no kiosk id): its sign-in token must never ride on a
kiosk's requests, which would then count as tickets issued at reception. Without ``--hub``
the hub runs in this process (a one-PC site), as for the kiosk.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.client import HubClient
from ui.app import application, open_session
from ui.i18n import Translations


def run_counter(config_path: Path, hub_url: str | None, db_url: str | None = None) -> int:
    from ui.counter.window import CounterWindow

    app = application()
    Translations().use("fr")
    session = open_session(config_path, hub_url, db_url, kiosk_id="", role="counter")
    client = HubClient(session.client.base_url,
                       device_credential=session.client.device_credential)
    window = CounterWindow(client)
    window.setWindowTitle(f"{window.windowTitle()} — {session.config.site.name}")
    window.resize(1280, 800)
    window.show()
    try:
        return app.exec()
    finally:
        if window.live is not None:
            window.live.stop()
        client.close()
        session.close()
