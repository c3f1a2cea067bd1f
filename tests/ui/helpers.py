"""Helpers of the screen tests: a real network printer, taps on real widgets, the store."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from sqlalchemy import select

from kiosk.hub.context import Hub
from kiosk.store.models import Event, Ticket
from printing import PrinterConfig, TicketPrinter

PORTRAIT, LANDSCAPE = (1080, 1920), (1280, 800)
SIZES = {"portrait": PORTRAIT, "landscape": LANDSCAPE}
#: Long enough for a loaded machine; every wait ends as soon as its condition holds.
WAIT_MS = 10_000
SHOTS_DIR_ENV = "KIOSK_UI_SHOTS"
TS_DIR = Path(__file__).resolve().parents[2] / "ui" / "translations"


def keep_shots() -> bool:
    return bool(os.environ.get(SHOTS_DIR_ENV))


def shots_dir(default: Path) -> Path:
    """Where screen grabs go: ``$KIOSK_UI_SHOTS`` to keep and look at them, else ``default``."""
    folder = Path(os.environ.get(SHOTS_DIR_ENV) or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ts_forms(language: str) -> dict[str, list[str]]:
    """Source text → its translated forms in the ``.ts`` file of ``language``: one, or one
    per plural form for a count's entry (``numerus="yes"``, "%Ln answer(s)")."""
    root = ElementTree.parse(TS_DIR / f"kiosk_{language}.ts").getroot()
    forms = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            found = [""]
        elif message.get("numerus") == "yes":
            found = [form.text or "" for form in translation.iter("numerusform")] or [""]
        else:
            found = [translation.text or ""]
        forms[message.findtext("source") or ""] = found
    return forms


def ts_translations(language: str) -> dict[str, str]:
    """Source text → translation, as the ``.ts`` file of ``language`` holds them (a count's
    entry: its plural forms, one a line)."""
    return {source: "\n".join(forms) for source, forms in ts_forms(language).items()}


# -- printers ----------------------------------------------------------------------------


def network_printer(port: int, timeout_s: float = 2.0) -> TicketPrinter:
    """The kiosk's real printer code on a network printer at 127.0.0.1:``port``."""
    return TicketPrinter(
        PrinterConfig.from_mapping(
            {"kind": "network", "host": "127.0.0.1", "port": port, "timeout_s": timeout_s}
        )
    )


# -- driving the screen like a person ------------------------------------------------------


def tap(qtbot, widget: QWidget, pos: QPoint | None = None) -> None:
    """A finger on ``widget`` (its middle by default), as the screen would deliver it.

    The click goes to the top-level window at that point and Qt finds the widget under
    it, so anything lying on top of ``widget`` gets the tap instead, as with a person.
    """
    assert widget.isVisible(), f"{widget.accessibleName()!r} is not on the screen"
    assert widget.isEnabled(), f"{widget.accessibleName()!r} is disabled"
    window = widget.window()
    at = widget.mapTo(window, pos if pos is not None else widget.rect().center())
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=at)


def button_named(parent: QWidget, test_name: str) -> QAbstractButton:
    """The one button whose ``testName`` property is ``test_name``."""
    found = [b for b in parent.findChildren(QAbstractButton) if b.property("testName") == test_name]
    assert len(found) == 1, f"{len(found)} buttons named {test_name!r}"
    return found[0]


def type_on_keypad(qtbot, keypad: QWidget, digits: str) -> None:
    """Tap each digit then OK on a :class:`ui.widgets.Keypad`."""
    keys = {b.accessibleName(): b for b in keypad.findChildren(QAbstractButton)}
    for digit in digits:
        tap(qtbot, keys[digit])
    assert keypad.value == digits
    tap(qtbot, keypad.ok)


def current_page(window) -> QWidget:
    return window.stack.currentWidget()


# -- reading the hub's store -----------------------------------------------------------------


def events_of(hub: Hub, kind: str) -> list[Event]:
    with hub.store.read() as session:
        return list(session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq)))


def stored_ticket(hub: Hub, ticket_id: str) -> Ticket:
    with hub.store.read() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None, f"no ticket {ticket_id} in the hub's store"
        session.expunge(ticket)
        return ticket
