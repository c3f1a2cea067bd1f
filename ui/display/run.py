"""``kiosk display``: the waiting-room screen, full screen on the TV (or in a window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ui.app import application, open_session
from ui.i18n import Translations

TV = (1920, 1080)


def run_display(
    config_path: Path, hub_url: str | None, db_url: str | None, windowed: bool = False
) -> int:
    from ui.display.chime import quiet_multimedia

    quiet_multimedia()  # before QtTextToSpeech (which loads QtMultimedia) is imported
    from ui.display.window import DisplayWindow

    app = application()
    Translations().use("fr")  # the room reads French; visitors hear their own language
    session = open_session(config_path, hub_url, db_url, kiosk_id="display", role="display")
    window = DisplayWindow(session.client)
    if windowed:
        window.resize(TV[0] * 2 // 3, TV[1] * 2 // 3)
        window.show()
    else:
        window.setCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    try:
        return app.exec()
    finally:
        session.close()
