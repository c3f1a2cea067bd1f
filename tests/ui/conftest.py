"""Fixtures of the screen tests: the real kiosk window, a real hub, a real TCP printer peer.

Set before Qt creates its application: Qt's ``mock`` speech engine (no sound card, no
speech daemon) and a logging rule that silences only ``qt.multimedia.*`` (the multimedia
backend complains about a missing PipeWire, which is no fault of ours: pyproject makes any
other Qt warning fail the test). The offscreen platform also warns that it cannot pass
size hints to a window manager it does not have; that one message is ignored, by its text.
"""

from __future__ import annotations

import os

os.environ.setdefault("KIOSK_TTS_ENGINE", "mock")
os.environ["QT_LOGGING_RULES"] = ";".join(
    rule for rule in (os.environ.get("QT_LOGGING_RULES", ""), "qt.multimedia.*=false") if rule
)

import uuid  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from kiosk.client import HubClient  # noqa: E402
from kiosk.hub.server import RunningHub  # noqa: E402
from tests.printing.printer_peer import Behaviour, PrinterPeer  # noqa: E402
from tests.ui.helpers import PORTRAIT, WAIT_MS  # noqa: E402

HERE = Path(__file__).resolve().parent
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.path)).is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


# -- printers ----------------------------------------------------------------------------


@pytest.fixture
def peer() -> Iterator[PrinterPeer]:
    """A healthy receipt printer on loopback."""
    with PrinterPeer(Behaviour.ONLINE) as printer:
        yield printer


# -- the kiosk window --------------------------------------------------------------------


KioskFactory = Callable[..., QWidget]


@pytest.fixture
def open_kiosk(qtbot) -> Iterator[KioskFactory]:
    """Open real kiosk windows on any hub URL; all are closed (unlocked) at teardown.

    Each window's client is unpaired (the demo's open mode lets it act as a kiosk, not
    rate-limited on loopback) unless a test passes a paired device's ``credential``; the
    kiosk id is a local label the hub ignores.
    """
    from ui.kiosk.window import KioskWindow
    from ui.ops import wait_for_pool

    opened: list[tuple[KioskWindow, HubClient]] = []
    locale = QLocale()  # the windows' languages set the default locale: put it back after

    def open_(
        url: str,
        clock,
        *,
        printer=None,
        idle_s: float = 120,
        ticket_s: float = 120,
        live: bool = False,
        size: tuple[int, int] = PORTRAIT,
        kiosk_id: str | None = None,
        credential: str | None = None,
        wait_ready: bool = True,
        speaker=None,
    ) -> KioskWindow:
        client = HubClient(url, kiosk_id=kiosk_id or f"kiosk-{uuid.uuid4().hex[:10]}", timeout=3.0,
                           device_credential=credential)
        window = KioskWindow(
            client,
            printer,
            idle_s=idle_s,
            ticket_s=ticket_s,
            live=live,
            clock=clock,
            speaker=speaker,
        )
        opened.append((window, client))
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if wait_ready:
            qtbot.waitUntil(
                lambda: (
                    window.hub_ok
                    and bool(window.welcome.tiles)
                    and all(tile.isVisible() for tile in window.welcome.tiles.values())
                ),
                timeout=WAIT_MS,
            )
        return window

    yield open_
    for window, _client in opened:
        window.may_close = True
        window.close()
    wait_for_pool(WAIT_MS)
    qtbot.wait(1)  # deliver what the pool finished (results to closed windows are dropped)
    for window, client in opened:
        if window.live:
            window.live.stop()
        window.translations.use("fr")  # the visitor language is process-wide: reset it
        window.deleteLater()
        client.close()
    QLocale.setDefault(locale)
    qtbot.wait(1)


@pytest.fixture
def make_kiosk(running_hub: RunningHub, open_kiosk: KioskFactory) -> KioskFactory:
    """A kiosk window on the test's hub, with the hub's clock (running_hub is set up first
    and torn down last, so no window outlives its hub)."""

    def make(**options) -> QWidget:
        return open_kiosk(running_hub.url, running_hub.hub.clock.now, **options)

    return make


@pytest.fixture
def counter_api(running_hub: RunningHub) -> Iterator[httpx.Client]:
    """The hub's API as the signed-in counter "accueil"."""
    with httpx.Client(base_url=running_hub.url, timeout=10) as api:
        response = api.post("/api/session", json={"counter": "accueil", "pin": "1234"})
        response.raise_for_status()
        api.headers["Authorization"] = f"Bearer {response.json()['token']}"
        yield api
