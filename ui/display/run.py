"""``kiosk display``: the waiting-room screen, full screen on the TV (or in a window)."""

from __future__ import annotations

from pathlib import Path

from ui.app import application, open_session, site_speaker
from ui.i18n import Translations

TV = (1920, 1080)


def run_display(
    config_path: Path, hub_url: str | None, db_url: str | None, windowed: bool = False
) -> int:
    from ui.display.chime import Chime, quiet_multimedia

    quiet_multimedia()  # before QtMultimedia is loaded
    from ui.display.window import DisplayWindow

    app = application()
    Translations().use("fr")  # the room reads French; visitors hear their own language
    session = open_session(config_path, hub_url, db_url, kiosk_id="display", role="display")
    voice = session.config.voice
    window = DisplayWindow(
        session.client, speaker=site_speaker(session.config), chime=Chime(enabled=voice.chime)
    )
    if windowed:
        window.resize(TV[0] * 2 // 3, TV[1] * 2 // 3)
        window.show()
    else:
        from ui.fullscreen import show_full_screen

        window.full_screen = show_full_screen(window, hide_pointer=True)  # nobody touches a TV
    try:
        return app.exec()
    finally:
        session.close()
