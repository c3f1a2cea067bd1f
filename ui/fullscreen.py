"""Full screen for real, where kiosks run: a bare X session without a window manager, or a
Wayland kiosk compositor (cage).

``QWidget.showFullScreen()`` only *asks* a window manager for the full-screen state
(``_NET_WM_STATE_FULLSCREEN`` on X11). With no window manager nobody answers, and the window
stays at its size hint in the top-left corner. So the window is also given the screen's
geometry itself, without a frame, and follows the screen when its resolution or rotation
changes (``xrandr --rotate left`` on a kiosk turned to portrait) or when it moves to another
screen. Under cage the compositor makes the window full screen anyway; the same calls are
harmless there.

The mouse pointer is hidden on a touchscreen: a cursor left in the middle of a kiosk is
the first thing visitors point at. ``hide_pointer=None`` decides by the input devices Qt
sees (any touchscreen hides it); a display that nobody touches passes ``True``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QScreen
from PySide6.QtWidgets import QWidget


def has_touchscreen() -> bool:
    return any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )


class FullScreen(QObject):
    """Keeps ``window`` covering its screen for as long as the window lives."""

    def __init__(self, window: QWidget, hide_pointer: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.screen: QScreen | None = None
        self.pointer_hidden = has_touchscreen() if hide_pointer is None else hide_pointer
        self.covering = False
        window.installEventFilter(self)
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        app = QGuiApplication.instance()
        app.primaryScreenChanged.connect(lambda _screen: self._follow())
        if self.pointer_hidden:
            window.setCursor(Qt.CursorShape.BlankCursor)
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            window.destroyed.connect(QGuiApplication.restoreOverrideCursor)

    def show(self) -> None:
        self._follow()
        self.window.showFullScreen()
        self._cover(self._geometry())  # again once mapped: nobody else will size it
        self.window.raise_()
        self.window.activateWindow()  # no window manager gives the keyboard focus either

    def _follow(self) -> None:
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        if screen is self.screen:
            return
        if self.screen is not None:
            self.screen.geometryChanged.disconnect(self._cover)
        self.screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._cover)
            self._cover(screen.geometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._report()
        return False

    def _report(self) -> None:
        """One line in the journal each time the window comes to cover its screen (or not)."""
        screen = self.screen
        covering = screen is not None and self.window.size() == screen.size()
        if covering != self.covering and screen is not None:
            self.covering = covering
            size = self.window.size()
            print(
                f"kiosk: window {size.width()}x{size.height()} "
                + ("covers" if covering else "no longer covers")
                + f" screen {screen.name()} ({screen.size().width()}x{screen.size().height()})"
                + (", pointer hidden" if self.pointer_hidden else ""),
                file=sys.stderr,
                flush=True,
            )

    def _geometry(self) -> QRect:
        return self.screen.geometry() if self.screen is not None else self.window.geometry()

    def _cover(self, geometry: QRect) -> None:
        if self.window.geometry() != geometry:
            self.window.setGeometry(geometry)


def show_full_screen(window: QWidget, *, hide_pointer: bool | None = None) -> FullScreen:
    """Show ``window`` over the whole of its screen and keep it there."""
    keeper = FullScreen(window, hide_pointer)
    keeper.show()
    return keeper
