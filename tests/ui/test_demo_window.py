"""``kiosk demo`` on a 1920×1080 desktop: one window, every screen fits, a picker between them.

The four windows used to open stacked in one corner, the kiosk alone 1280 px tall. Here the
real screens, on a real hub, are put in the demo's window at 1920×1080 and each one, picked
in turn, must fit the space it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt

from kiosk.client import HubClient
from tests.ui.helpers import WAIT_MS
from ui.counter.window import CounterWindow
from ui.dashboard.window import DashboardWindow
from ui.demo_window import DemoWindow
from ui.display.window import DisplayWindow
from ui.ops import wait_for_pool


def test_every_demo_screen_fits_a_full_hd_desktop(qtbot, running_hub, make_kiosk):
    kiosk = make_kiosk()
    clients = [HubClient(running_hub.url) for _ in range(3)]
    counter = CounterWindow(clients[0], live=False)
    display = DisplayWindow(clients[1], live=False, clock=running_hub.hub.clock.now)
    dashboard = DashboardWindow(clients[2], live=False)
    window = DemoWindow([("Borne", kiosk), ("Guichet", counter), ("Écran", display),
                         ("Tableau de bord", dashboard)], "Maison des services publics")
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert "démonstration" in window.windowTitle() or "demonstration" in window.windowTitle()
    try:
        for index, (button, screen) in enumerate(
                zip(window.buttons, (kiosk, counter, display, dashboard), strict=True)):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert window.stack.currentIndex() == index and button.isChecked()
            qtbot.waitUntil(screen.isVisible, timeout=WAIT_MS)
            room = window.stack.size()
            need = screen.minimumSizeHint().expandedTo(screen.minimumSize())
            assert room.height() <= 1080 and room.width() <= 1920
            assert need.width() <= room.width() and need.height() <= room.height(), (
                f"{button.text()} needs {need.toTuple()}, has {room.toTuple()}")
            assert screen.size() == room  # it takes the whole space, nothing overflows
    finally:
        window.hide()
        window.stack.removeWidget(kiosk)  # the kiosk fixture closes its own window
        kiosk.setParent(None)
        for screen in (counter, display, dashboard):
            screen.close()
        wait_for_pool()
        window.deleteLater()
        # The dashboard installs its language on the application: take it off again,
        # as the dashboard tests do, so that later tests see the source strings.
        if dashboard.translations._translator is not None:
            QCoreApplication.instance().removeTranslator(dashboard.translations._translator)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        for client in clients:
            client.close()
