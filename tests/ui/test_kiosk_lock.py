"""Lock-down: the kiosk cannot be closed by visitors; staff hold a corner, then type a PIN.

The PIN is checked by the real hub (demo counters' PIN 1234).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.helpers import LANDSCAPE, PORTRAIT, WAIT_MS, current_page, tap, type_on_keypad
from ui.widgets import LongPressCorner

HOLD_MS = 150


@pytest.fixture
def short_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LongPressCorner, "HOLD_MS", HOLD_MS)


def hold_corner(qtbot, window) -> None:
    """Press the top-left corner and keep the finger there until the PIN page shows."""
    corner = window.corner
    assert corner.geometry().topLeft().isNull() and corner.isVisible()
    assert window.childAt(10, 10) is corner  # on top of whatever lies there
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton, pos=corner.rect().center())
    qtbot.waitUntil(lambda: current_page(window) is window.pin, timeout=WAIT_MS)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton, pos=corner.rect().center())


def test_closing_is_refused_while_locked(qtbot, make_kiosk):
    window = make_kiosk()
    assert window.close() is False
    assert window.isVisible()


def test_wrong_pin_then_right_pin_unlocks_and_closes(qtbot, make_kiosk, short_hold):
    window = make_kiosk()
    window.unlocked.connect(window.close)  # as ui.app.run_kiosk wires it
    hold_corner(qtbot, window)
    pin = window.pin
    assert pin.title.text() == "Réservé au personnel"
    assert pin.keypad.display.text() == "_" * 12

    type_on_keypad(qtbot, pin.keypad, "0000")
    qtbot.waitUntil(pin.error.isVisible, timeout=WAIT_MS)
    assert pin.error.text() == "Code incorrect."
    assert window.isVisible() and not window.may_close
    assert window.close() is False

    for digit in "1234":
        pin.keypad.press(digit)
    assert pin.keypad.display.text() == "••••"  # the PIN is never shown
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        tap(qtbot, pin.keypad.ok)
    assert window.may_close
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


def test_held_signal_opens_the_pin_page_and_back_returns_home(qtbot, make_kiosk):
    window = make_kiosk()
    window.corner.held.emit()
    assert current_page(window) is window.pin
    assert not window.pin.error.isVisible() and window.pin.keypad.value == ""
    tap(qtbot, window.pin.back_button)
    assert current_page(window) is window.welcome
    assert window.close() is False


def test_a_short_tap_on_the_corner_does_not_open_the_pin_page(qtbot, make_kiosk, short_hold):
    window = make_kiosk()
    corner = window.corner
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton, pos=corner.rect().center())
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton, pos=corner.rect().center())
    with qtbot.assertNotEmitted(corner.held, wait=HOLD_MS * 3):
        pass
    assert current_page(window) is window.welcome


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_staff_corner_swallows_no_visitor_tap(qtbot, make_kiosk, size):
    window = make_kiosk(size=size)
    button = window.contrast_button
    assert button.mapTo(window, QPoint(0, 0)).x() < window.corner.width()  # where it lies
    tap(qtbot, button, pos=QPoint(20, 20))  # well inside the button, as drawn
    assert window.high_contrast
