"""The counter console's part of ``kiosk demo --shots``: ``counter-*.png`` at a desk PC's
two usual sizes (1280×800, 1920×1080).

Signed in as Accueil, one ticket called, a kiosk in the hall warning that its paper roll
is nearly finished: the console as a receptionist sees it on a normal morning.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.client import HubClient
from ui.event_loop import pump, wait_until

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
HALL_KIOSK = "kiosk-hall"


def counter_shots(session, folder: Path, counter: str = "accueil", pin: str = "1234",
                  empty: bool = False) -> list[Path]:
    """The morning's console (sign-in, a call, the finish step); ``empty``: only the
    console of a counter nobody waits for (``counter-empty-*.png``)."""
    from ui.counter.window import CounterWindow

    base = session.client.base_url
    client, hall = HubClient(base), HubClient(base, kiosk_id=HALL_KIOSK)
    window = CounterWindow(client)
    window.resize(*SIZES["1280x800"])
    window.show()
    saved: list[Path] = []

    def shot(name: str) -> None:
        for size_name, size in SIZES.items():
            window.resize(*size)
            pump(150)
            path = folder / f"counter-{name}-{size_name}.png"
            window.grab().save(str(path))
            saved.append(path)

    try:
        wait_until(lambda: window.site is not None and window.live.is_connected)
        pump(100)
        window.sign_in_page.choose(counter)
        if empty:
            window.sign_in(counter, pin)
            wait_until(lambda: window.snapshot is not None and not window.snapshot.waiting)
            shot("empty")
            return saved
        shot("sign-in")
        window.sign_in(counter, pin)
        wait_until(lambda: window.snapshot is not None)
        hall.printer_status("paper_near_end")
        window.trigger("call_next")
        wait_until(
            lambda: (
                window.snapshot.current is not None
                and not window.busy
                and window.alerts.isVisible()
            )
        )
        shot("console")
        window.trigger("start")
        wait_until(lambda: window.snapshot.current["status"] == "serving" and not window.busy)
        window.trigger("finish")
        shot("finish")
        window.choice.options["solved"].click()
        wait_until(lambda: window.snapshot.current is None and not window.busy)
    finally:
        hall.printer_status(None)
        window.close()
        feed = session.hub.hub.feed if session.hub is not None else None
        if feed is not None:  # end the live stream as a hub shutting down does
            feed.drop_streams()
            wait_until(lambda: not window.live._thread.is_alive())
        client.close()
        hall.close()
    return saved
