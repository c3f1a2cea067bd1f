"""Every page of the kiosk, in every language, at both screen sizes: touchable and whole.

The window is driven through each page a visitor (or staff) can reach; at 1080×1920 and
1280×800, after layout, every visible button must have a name for screen readers and be
at least ``MIN_TOUCH_PX`` high, lie inside the window, and no text may be cut. Each screen
is grabbed to PNG (``$KIOSK_UI_SHOTS`` keeps them; see tests/ui/helpers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.hub.server import RunningHub
from tests.conftest import PARIS
from tests.ui.helpers import (
    LANDSCAPE,
    SIZES,
    WAIT_MS,
    current_page,
    keep_shots,
    shots_dir,
    tap,
)
from ui.theme import MIN_TOUCH_PX

WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)

#: A word may overhang its label by an anti-aliased pixel or so on each side, unseen.
INK_SLACK_PX = 2


def settle(qtbot, window: QWidget) -> None:
    """Wait until no widget of ``window`` moves any more (layouts and styles are done)."""
    last: list = [None]

    def still() -> None:
        now = [(w.geometry().getRect(), w.isVisible()) for w in window.findChildren(QWidget)]
        same, last[0] = now == last[0], now
        assert same, "the window's widgets keep moving"

    qtbot.waitUntil(still, timeout=WAIT_MS)


def resize(qtbot, window: QWidget, size: tuple[int, int]) -> None:
    """Turn the screen: the minimum size of the old orientation may hold the first resize
    back (the portrait top bar is two rows high), so ask again until it is done."""

    def done() -> None:
        if window.size() != QSize(*size):
            window.resize(*size)
        assert window.size() == QSize(*size), (
            f"the window stays {window.size().toTuple()}, its minimum being "
            f"{window.minimumSize().toTuple()}"
        )

    qtbot.waitUntil(done, timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.size() == QSize(*size)


def problems(window: QWidget) -> list[str]:
    """What a person would find wrong with the screen as it is now laid out."""
    found: list[str] = []
    whole = window.rect()
    page = current_page(window)
    stack = window.stack.size()
    hint = page.minimumSizeHint()
    if hint.width() > stack.width() or hint.height() > stack.height():
        found.append(f"page needs {hint.toTuple()}, has {stack.toTuple()}")
    if (
        window.minimumSizeHint().height() > window.height()
        or window.minimumSizeHint().width() > window.width()
    ):
        found.append(f"window needs {window.minimumSizeHint().toTuple()}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        name = button.accessibleName().strip()
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not name:
            found.append(f"a {type(button).__name__} at {where.getRect()} has no name")
        if button.height() < MIN_TOUCH_PX:
            found.append(f"{name!r} is {button.height()} px high")
        if not whole.contains(where):
            found.append(f"{name!r} at {where.getRect()} is outside the window")
    for text in window.findChildren(QLabel):
        if not text.isVisible() or not text.text():
            continue
        room = text.contentsRect().width() - 2 * text.margin() - 2 * text.indent()
        metrics = text.fontMetrics()
        words = text.text().split() if text.wordWrap() else text.text().splitlines()
        ink = max(metrics.tightBoundingRect(word).right() + 1 for word in words)
        if ink > room + INK_SLACK_PX:  # a word too long to wrap: its ends are cut off
            found.append(f"{max(words, key=len)!r}... needs {ink} px, its label has {room}")
        needed = text.heightForWidth(text.width()) if text.wordWrap() else -1
        if needed > text.height() + 1:
            found.append(f"{text.text()[:40]!r} needs {needed} px, has {text.height()}")
    return found


def visit(
    qtbot, window, running_hub: RunningHub, language: str
) -> list[tuple[str, Callable[[], None]]]:
    """Ways to every page in ``language``, in order, each leaving the window on that page.

    Back and Done start a new visit in French, so the language is chosen again after them.
    """

    def home_by(button) -> None:
        tap(qtbot, button)
        assert current_page(window) is window.welcome
        if window.language != language:
            tap(qtbot, window.language_buttons[language])

    def welcome() -> None:
        window.go_home()
        qtbot.waitUntil(lambda: current_page(window) is window.welcome)
        if window.language != language:
            tap(qtbot, window.language_buttons[language])

    def priority() -> None:
        tap(qtbot, window.welcome.tiles["CIAS"])
        assert current_page(window) is window.priority

    def ticket() -> None:
        with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
            tap(qtbot, window.priority.no)

    def closed() -> None:
        home_by(window.ticket.done_button)
        # Wednesday (CAF closed), a few minutes later on each walk: the kiosk's ticket
        # allowance (a burst of three) fills up again meanwhile.
        clock = running_hub.hub.clock
        clock.set(max(clock.now(), WEDNESDAY_10H) + timedelta(minutes=5))
        window.refresh()
        caf = window.welcome.tiles["CAF"]
        qtbot.waitUntil(lambda: caf.property("open") is False, timeout=WAIT_MS)
        tap(qtbot, caf)
        qtbot.waitUntil(lambda: current_page(window) is window.closed, timeout=WAIT_MS)

    def appointment() -> None:
        home_by(window.closed.back_button)
        tap(qtbot, window.welcome.appointment_button)
        for digit in "4821":
            tap(
                qtbot,
                next(
                    b
                    for b in window.appointment.keypad.findChildren(QAbstractButton)
                    if b.accessibleName() == digit
                ),
            )

    def pin() -> None:
        home_by(window.appointment.back_button)
        window.corner.held.emit()
        assert current_page(window) is window.pin

    def feedback_services() -> None:
        home_by(window.pin.back_button)
        tap(qtbot, window.welcome.feedback_button)

    def feedback_faces() -> None:
        tap(qtbot, window.feedback.service_buttons["CPAM"])

    def thanks() -> None:
        tap(qtbot, window.feedback.faces[0])
        assert current_page(window) is window.message

    return [
        ("welcome", welcome),
        ("priority", priority),
        ("ticket", ticket),
        ("closed", closed),
        ("appointment", appointment),
        ("pin", pin),
        ("feedback", feedback_services),
        ("feedback-faces", feedback_faces),
        ("thanks", thanks),
    ]


def check_and_grab(qtbot, window, size: tuple[int, int], shot: Path | None) -> list[str]:
    settle(qtbot, window)
    found = (
        []
        if window.size() == QSize(*size)
        else [f"the page made the window {window.size().toTuple()}"]
    )
    found += problems(window)
    grab = window.grab()
    if shot is not None:
        grab.save(str(shot))
    return found


@pytest.mark.parametrize("language", ["fr", "nl"])  # English is the shortest of the three
def test_every_page_is_touchable_named_and_whole_at_both_sizes(
    qtbot, make_kiosk, running_hub: RunningHub, tmp_path: Path, language
):
    window = make_kiosk(ticket_s=600)
    folder = shots_dir(tmp_path)
    save = language == "fr" or keep_shots()  # PNG files are slow to write
    found: list[str] = []
    for name, go in visit(qtbot, window, running_hub, language):
        go()
        assert window.language == language, f"{name} is not in {language}"
        # Each page in portrait, then landscape: a hidden page keeps the layout it last
        # had (see test_a_kiosk_started_on_a_landscape_screen_fits_it), so leaving every
        # page in landscape is what lets the window turn back to 800 px high.
        for size_name, size in SIZES.items():
            resize(qtbot, window, size)
            shot = folder / f"kiosk-{name}-{language}-{size_name}.png" if save else None
            found += [
                f"{name} {size_name} {language}: {problem}"
                for problem in check_and_grab(qtbot, window, size, shot)
            ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_high_contrast_pages_are_whole_at_both_sizes(qtbot, make_kiosk, tmp_path: Path, language):
    window = make_kiosk()
    tap(qtbot, window.language_buttons[language])
    found: list[str] = []
    for size_name, size in SIZES.items():
        resize(qtbot, window, size)
        if not window.high_contrast:
            tap(qtbot, window.contrast_button)
        for page, go in [
            ("welcome", lambda: None),
            ("priority", lambda: tap(qtbot, window.welcome.tiles["ACC"])),
        ]:
            go()
            assert window.high_contrast
            shot = shots_dir(tmp_path) / f"kiosk-{page}-contrast-{language}-{size_name}.png"
            found += [
                f"{page} {size_name}: {problem}"
                for problem in check_and_grab(qtbot, window, size, shot)
            ]
        tap(qtbot, window.priority.back_button)
        if window.language != language:  # Back starts a new visit (see test_kiosk_visit)
            tap(qtbot, window.language_buttons[language])
    assert not found, "\n".join(found)


def test_a_kiosk_started_on_a_landscape_screen_fits_it(qtbot, make_kiosk, tmp_path: Path):
    window = make_kiosk(size=LANDSCAPE)
    settle(qtbot, window)
    window.grab().save(str(shots_dir(tmp_path) / "kiosk-welcome-started-landscape.png"))
    assert window.size().toTuple() == LANDSCAPE
    assert window.minimumSizeHint().height() <= LANDSCAPE[1]
