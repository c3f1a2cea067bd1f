"""What matters most is largest, and nothing internal reaches people.

The ticket page used to give the QR code half the screen while the place in line was body
text; "(démo)" was on every screen and every paper ticket. These tests read the real
window's fonts and the shipped site files.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from config import site_file
from tests.printing.printer_peer import PrinterPeer
from tests.ui.helpers import SIZES, WAIT_MS, network_printer, tap


def _shown_sizes(page) -> list[tuple[int, str]]:
    """(pixel size, text) of every visible label of ``page``, largest first."""
    found = [(label.font().pixelSize(), label.text()) for label in page.findChildren(QLabel)
             if label.isVisibleTo(page) and label.text().strip()]
    return sorted(found, key=lambda item: -item[0])


@pytest.mark.parametrize("size_name", list(SIZES))
def test_on_the_ticket_page_the_number_is_largest_then_the_place_in_line(
    qtbot, make_kiosk, peer: PrinterPeer, size_name
):
    window = make_kiosk(printer=network_printer(peer.port), size=SIZES[size_name])
    with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as shown:
        tap(qtbot, window.welcome.tiles["NUM"])
    page = window.ticket
    sizes = _shown_sizes(page)
    assert sizes[0][1] == shown.args[0]["number"]
    second = [text for px, text in sizes if px < sizes[0][0]][0]
    assert second == page.position.text()
    assert sizes[0][0] > page.position.font().pixelSize() > page.estimate.font().pixelSize()
    assert page.estimate.font().pixelSize() >= page.qr_hint.font().pixelSize()
    assert page.watch.isVisibleTo(page)  # "watch the screen: your number will be called"
    assert page.qr.width() < page.width() / 2  # the QR code no longer takes half the page


def test_on_the_welcome_page_the_instruction_is_the_largest_text(qtbot, make_kiosk):
    window = make_kiosk()
    sizes = _shown_sizes(window.welcome)
    assert sizes[0][1] == "Touchez le service pour lequel vous venez"
    assert sizes[0][0] > window.welcome.title.font().pixelSize()


def test_no_site_file_says_demo_to_visitors():
    """Every text a visitor may see (site name, address, info line, service labels) in
    every shipped site file, the demo's included: the demo is named only by the demo's
    own window ("kiosk demo"), never on its screens or paper."""
    folder = Path(site_file("demo")).parent
    files = sorted(folder.glob("*.toml"))
    assert len(files) >= 3
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        site = data["site"]
        texts = [site["name"], site.get("address", ""), *(site.get("info") or {}).values()]
        texts += [label for service in data["services"] for label in service["labels"].values()]
        said = [text for text in texts if "démo" in text.lower() or "demo" in text.lower()]
        assert not said, f"{path.name}: {said}"
