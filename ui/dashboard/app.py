"""``kiosk dashboard``: the manager's dashboard on a desk PC, against the site's hub.

Like the counter console it gets a client of its own (no kiosk id). Without ``--hub`` the
hub runs in this process (a one-PC site).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.client import HubClient
from ui.app import application, open_session
from ui.i18n import Translations


def run_dashboard(
    config_path: Path, hub_url: str | None, db_url: str | None = None, language: str = "fr"
) -> int:
    from ui.dashboard.window import DashboardWindow

    app = application()
    # The desk PC pairs as a staff terminal: its manager's sign-in is then a lockout source
    # of its own, which no one failing PINs from elsewhere can lock (docs/security.md).
    session = open_session(config_path, hub_url, db_url, kiosk_id="", role="counter")
    client = HubClient(session.client.base_url,
                       device_credential=session.client.device_credential)
    window = DashboardWindow(client, translations=Translations(), language=language)
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
