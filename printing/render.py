"""Turns a ticket layout into the ESC/POS bytes a thermal printer understands.

Lessons of python-escpos 3.1 that this module encodes (DESIGN.md section 6):

- A real printer profile (TM-T20II by default), never ``default``: the profile gives the
  paper width in characters, the code pages and whether the printer draws QR codes itself.
- A fresh ``Dummy`` printer per ticket. python-escpos remembers which code page it last
  selected; after the ``ESC @`` that starts every ticket the printer is back on page 0, so a
  reused object would skip the ``ESC t`` and print accents from the wrong table.
- The "magic" encoder picks code pages per character. Left alone it tries the pages in the
  *string* order of their slot numbers, so a lone "€" lands on slot 15 (ISO 8859-7, Greek)
  and "œ" on 16 (CP1252). We only tell it to try CP1252 first (it holds every French and
  Dutch letter, "œ" and "€"), so a ticket normally needs a single ``ESC t 16``; anything
  CP1252 lacks still switches pages as usual.
- Native QR (``GS ( k``): about 300 bytes for a whole ticket against about 5 KB with an
  image QR, which matters on a serial line. ``center=True`` does not work with native QR,
  so alignment is set first. The image QR is only a fallback for profiles without it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import cache
from typing import Any

from escpos.capabilities import CAPABILITIES, BaseProfile, get_profile
from escpos.constants import QR_ECLEVEL_M
from escpos.magicencode import Encoder
from escpos.printer import Dummy

from kiosk.domain.ticket_view import TicketView
from kiosk.errors import PrinterError
from printing.layout import Feed, Qr, Text, TicketLayout, ticket_layout

DEFAULT_PROFILE = "TM-T20II"
PREFERRED_CODEPAGE = "CP1252"
QR_MODULE_DOTS = 6  # one QR module = 6 dots (0.75 mm at 203 dpi): easy for phone cameras
QR_ERROR_CORRECTION = QR_ECLEVEL_M  # survives a crease or a thermal-paper smudge


def known_profiles() -> list[str]:
    """Names accepted as ``profile`` (python-escpos' printer database)."""
    return sorted(CAPABILITIES["profiles"])


@cache
def load_profile(name: str) -> BaseProfile:
    """The python-escpos profile ``name``, or a staff-readable error listing the real ones."""
    if name not in CAPABILITIES["profiles"]:
        raise PrinterError(
            f"unknown printer profile {name!r}; known profiles: {', '.join(known_profiles())}"
        )
    return get_profile(name)


def columns_for(profile: str) -> int:
    """How many normal-size characters fit on a line (font A) with ``profile``."""
    return int(load_profile(profile).get_columns("a"))


def supports_native_qr(profile: str) -> bool:
    return bool(load_profile(profile).supports("qrCode"))


@dataclass
class _Style:
    """The text style the printer is in, so that only changes are sent (bytes matter)."""

    width: int = 1
    height: int = 1
    bold: bool = False
    invert: bool = False


class _TicketWriter:
    """Writes one layout on one fresh python-escpos ``Dummy`` printer (never reuse one)."""

    def __init__(self, profile: str) -> None:
        self.profile = load_profile(profile)
        self.columns = columns_for(profile)
        self.printer = Dummy(profile=profile, magic_encode_args=_magic_args(self.profile))
        self.style = _Style()

    def write(self, layout: TicketLayout) -> bytes:
        p = self.printer
        p.hw("INIT")  # ESC @: a known state, whatever the last (maybe broken) job left
        p.set(align="center")
        for block in layout.blocks:
            match block:
                case Text():
                    self._text(block)
                case Feed(lines=lines):
                    self._style(_Style(bold=self.style.bold))
                    p.ln(lines)
                case Qr(data=data):
                    self._qr(data)
        self._style(_Style())
        if self.profile.supports("paperFullCut") or self.profile.supports("paperPartCut"):
            # GS V 66 0: the printer feeds exactly to its cutter and cuts. The usual "feed
            # six lines, then cut" left about 17 mm of blank paper on every ticket.
            p.cut(feed=False)
        else:
            p.cut()  # no cutter: feed the ticket past the tear bar
        return bytes(p.output)

    def _style(self, wanted: _Style) -> None:
        now = self.style
        resize = (wanted.width, wanted.height) != (now.width, now.height)
        self.printer.set(
            custom_size=resize or None,  # GS ! n
            width=wanted.width,
            height=wanted.height,
            bold=wanted.bold if wanted.bold != now.bold else None,  # ESC E n
            invert=wanted.invert if wanted.invert != now.invert else None,  # GS B n
        )
        self.style = wanted

    def _text(self, line: Text) -> None:
        self._style(_Style(line.width, line.height, line.bold, line.invert))
        self.printer.textln(line.text)

    def _qr(self, data: str) -> None:
        self._style(_Style())
        p = self.printer
        if self.profile.supports("qrCode"):
            # alignment first: python-escpos refuses center=True for native QR codes
            p.set(align="center")
            p.qr(data, ec=QR_ERROR_CORRECTION, size=QR_MODULE_DOTS, native=True)
            p.ln()
            return
        impl = _image_impl(self.profile)
        if impl is None:  # a printer that draws neither QR codes nor images: print the link
            for piece in textwrap.wrap(data, self.columns, break_long_words=True):
                p.textln(piece)
            return
        # The alignment set above centres the raster image on Epson-like printers;
        # python-escpos' own center=True would pad it to the paper width and double its bytes.
        p.qr(
            data,
            ec=QR_ERROR_CORRECTION,
            size=QR_MODULE_DOTS,
            native=False,
            image_arguments={"impl": impl, "center": False},
        )


def _magic_args(profile: BaseProfile) -> dict[str, Any]:
    """Magic encoding as python-escpos does it, with CP1252 tried first when the printer has it."""
    encoder = Encoder(profile.get_code_pages())
    if PREFERRED_CODEPAGE in encoder.codepages:
        # the encoder tries the pages it has already used before the others
        encoder.used_encodings.add(PREFERRED_CODEPAGE)
    return {"encoder": encoder}


def _image_impl(profile: BaseProfile) -> str | None:
    for impl in ("bitImageRaster", "bitImageColumn", "graphics"):
        if profile.supports(impl):
            return impl
    return None


def render_layout(layout: TicketLayout, profile: str = DEFAULT_PROFILE) -> bytes:
    """The ESC/POS bytes of ``layout``, from ``ESC @`` to the cut, on a fresh printer object."""
    return _TicketWriter(profile).write(layout)


def render_ticket(view: TicketView, profile: str = DEFAULT_PROFILE) -> bytes:
    """The ESC/POS bytes of the ticket of ``view`` for a printer of model ``profile``."""
    return render_layout(ticket_layout(view, columns_for(profile)), profile)
