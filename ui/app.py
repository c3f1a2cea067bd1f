"""Starting the Qt screens: one application, a hub (in-process or remote), the printer.

On a one-PC site the hub runs in a background thread of this process (one code path with
a multi-PC site, whose screens point at the hub's URL instead).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.client import HubClient
from kiosk.errors import KioskError
from kiosk.hub.server import RunningHub, build_hub, start_in_thread
from kiosk.siteconfig import SiteConfig, load_site_config
from ui.i18n import Translations
from ui.theme import NORMAL, style_sheet


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(platform and platform != "xcb") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setStyleSheet(style_sheet(NORMAL))
    if not hasattr(app, "staff_language"):
        # Staff screens speak French (the house's language); the kiosk and the display's
        # announcements follow each visitor's own choice (ui.i18n.visitor_tr).
        app.staff_language = Translations()
        app.staff_language.use("fr")
    return app


def make_printer(config: SiteConfig, folder: Path | None = None):
    """The kiosk's printer from the site file (a preview folder may be forced)."""
    from printing import PrinterConfig, TicketPrinter

    values = config.printer.model_dump()
    if folder is not None:
        values.update(kind="preview", folder=str(folder))
    return TicketPrinter(PrinterConfig.from_mapping(values))


def site_speaker(config: SiteConfig):
    """The speech engine with the site file's voice, speed and volume (``[voice]``)."""
    from ui.espeak import VoiceSettings
    from ui.speech import Speaker

    return Speaker(settings=VoiceSettings.from_config(config.voice))


@dataclass
class Session:
    """What the screens share: the site file, the hub (ours or remote), a client for it."""

    config: SiteConfig
    client: HubClient
    hub: RunningHub | None = None

    def close(self) -> None:
        self.client.close()
        if self.hub is not None:
            self.hub.stop()


def open_session(config_path: Path, hub_url: str | None, db_url: str | None,
                 clock=None, kiosk_id: str = "kiosk-1", role: str | None = "kiosk") -> Session:
    """The site file, a hub and a client that holds a device credential of ``role``.

    An in-process hub (a one-PC site, ``kiosk demo``) pairs its own screens at once; a
    remote hub needs a manager's approval the first time (:func:`ui.pairing.ensure_paired`,
    which shows the pairing code). ``role=None``: a client without a device credential.
    """
    config = load_site_config(config_path)
    running = None
    credential = None
    if hub_url is None:
        running = start_in_thread(build_hub(config, db_url, clock))
        hub_url = running.url
        if role is not None:
            credential = _own_screen_credential(running, role, keep=db_url is None)
    client = HubClient(hub_url, kiosk_id=kiosk_id, device_credential=credential)
    if running is None and role is not None:
        from ui.pairing import ensure_paired

        if not ensure_paired(client, role):
            client.close()
            raise KioskError(f"this {role} was not paired with {hub_url}")
    return Session(config, client, running)


def _own_screen_credential(running: RunningHub, role: str, keep: bool) -> str:
    """A one-PC site pairs its own screen: the saved credential while the hub still knows
    it, else a new one (saved when ``keep``, i.e. on the site's own store)."""
    from kiosk import device_store

    place = f"in-process-{running.hub.config.site.slug}"
    saved = device_store.load(place, role) if keep else None
    if saved is not None and running.hub.devices.resolve(saved["credential"]) is not None:
        return saved["credential"]
    device_id, credential = running.hub.devices.enroll(role)
    if keep:
        device_store.save(place, role, device_id, credential)
    return credential


def run_kiosk(config_path: Path, hub_url: str | None, db_url: str | None,
              windowed: bool = False) -> int:
    from ui.kiosk.window import KioskWindow

    app = application()
    session = open_session(config_path, hub_url, db_url)
    window = KioskWindow(session.client, make_printer(session.config),
                         speaker=site_speaker(session.config))
    window.unlocked.connect(window.close)
    if windowed:
        window.may_close = True
        window.resize(1080 * 2 // 3, 1920 * 2 // 3)
        window.show()
    else:
        from ui.fullscreen import show_full_screen

        window.full_screen = show_full_screen(window)  # pointer hidden on a touchscreen
    try:
        return app.exec()
    finally:
        session.close()
