"""The preview printer: exact bytes and a picture of the ticket, in a folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps

from printing.layout import ticket_layout
from printing.preview import DOTS_WIDE, render_png, write_preview
from printing.render import render_layout
from tests.printing.tickets import make_view


def test_writes_bin_and_png_named_after_the_ticket(tmp_path: Path, language: str) -> None:
    layout = ticket_layout(make_view(language, priority=True))
    data = render_layout(layout)
    files = write_preview(tmp_path, data, layout)
    assert files.bin.name == "C012-20261128-140533.bin"
    assert files.png is not None and files.png.name == "C012-20261128-140533.png"
    assert files.bin.read_bytes() == data
    with Image.open(files.png) as image:
        assert image.format == "PNG" and image.width == DOTS_WIDE
        assert 800 < image.height < 1400  # a ticket, not a banner


def test_a_reprint_does_not_overwrite(tmp_path: Path) -> None:
    layout = ticket_layout(make_view())
    first = write_preview(tmp_path, b"1", layout)
    second = write_preview(tmp_path, b"2", layout)
    assert second.bin.name == "C012-20261128-140533-2.bin"
    assert (first.bin.read_bytes(), second.bin.read_bytes()) == (b"1", b"2")


def test_raw_bytes_without_a_layout_get_only_a_bin(tmp_path: Path) -> None:
    files = write_preview(tmp_path, b"\x1b@", now=datetime(2026, 11, 28, 14, 5, 0, 1234))
    assert files.png is None and files.bin.name == "job-20261128-140500-001234.bin"


def test_the_picture_has_ink_where_the_number_and_qr_are() -> None:
    image = render_png(ticket_layout(make_view()))
    ink = ImageOps.invert(image).point(lambda v: 255 if v > 127 else 0)
    rows_with_ink = [y for y in range(ink.height) if ink.crop((0, y, ink.width, y + 1)).getbbox()]
    assert len(rows_with_ink) > image.height // 3  # text, a 6x number and a QR code
    assert image.getpixel((0, 0)) == 255  # white paper around
