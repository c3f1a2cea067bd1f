"""The display's part of ``kiosk demo --shots``: a few calls, then PNGs at TV and small sizes.

Counters call through the hub's HTTP API as the counter console would; the display only
listens. Speech uses Qt's mock engine and no chime plays, so the run stays silent.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.client import HubClient
from ui.display.chime import Chime, quiet_multimedia
from ui.event_loop import pump, wait_until

SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}
#: (service, visitor's language, counter that calls it)
CALLS = [
    ("ACC", "fr", "accueil"),
    ("CPAM", "en", "bureau-2"),
    ("NUM", "nl", "bureau-3"),
    ("EMPLOI", "fr", "bureau-2"),
    ("ACC", "en", "accueil"),
]


def display_shots(session, clock, folder: Path, pin: str = "1234") -> list[Path]:
    """Play :data:`CALLS` on the session's hub and save ``display-*.png`` in ``folder``."""
    quiet_multimedia()  # before QtTextToSpeech (which loads QtMultimedia) is imported
    from ui.display.window import DisplayWindow
    from ui.speech import Speaker

    base = session.client.base_url
    counters = {}
    for counter in {counter for _, _, counter in CALLS}:
        counters[counter] = HubClient(base)
        counters[counter].sign_in(counter=counter, pin=pin)
    display = DisplayWindow(
        HubClient(base, kiosk_id="display"),
        clock=clock.now,
        speaker=Speaker(engine="mock"),
        chime=Chime(enabled=False),
    )
    display.resize(*SIZES["1920x1080"])
    display.show()
    saved: list[Path] = []

    def shot(name: str) -> None:
        display.header.tick()
        for size_name, size in SIZES.items():
            display.resize(*size)
            pump(150)
            path = folder / f"display-{name}-{size_name}.png"
            display.grab().save(str(path))
            saved.append(path)

    try:
        wait_until(lambda: display.site is not None and display.live.is_connected)
        wait_until(lambda: display.idle and not display.board.calls)
        shot("empty")  # a new day: nobody called yet
        for code in ("ACC", "CIAS", "EMPLOI", "NUM"):  # people waiting in the room
            counters["accueil"].issue_ticket(code)
        last = None
        for code, language, counter in CALLS:
            ticket = counters[counter].issue_ticket(code, language=language)
            counters[counter].act(ticket["id"], "call")
            clock.advance(minutes=2)
            last = ticket["number"]
        wait_until(
            lambda: (
                display.board.newest is not None
                and display.board.newest.number == last
                and display.highlighted
            )
        )

        display.hero.stop()  # the steady colour, not a flash
        shot("call")
        display.end_highlight()
        shot("list")
    finally:
        display.close()
        feed = session.hub.hub.feed if session.hub is not None else None
        if feed is not None:  # end the live stream as a hub shutting down does
            feed.drop_streams()
            wait_until(lambda: not display.live.is_connected)
        for client in counters.values():
            client.close()
        display.client.close()
    return saved
