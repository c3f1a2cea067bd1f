"""A picture of the paper ticket, for sites without a printer and for people checking layouts.

The ``preview`` connection is the default printer: it keeps the exact ESC/POS bytes that
a printer would have received (``.bin``, replayable with ``cat file > /dev/usb/lp0``) and a
PNG drawn from the same layout, at the printer's own scale (1 pixel = 1 dot of a 203 dpi,
72 mm print width, 12x24-dot font A), so what staff see is what a visitor would get.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from printing.layout import Feed, Qr, Text, TicketLayout

DOTS_WIDE = 576  # printable width of a TM-T20II (72 mm at 203 dpi)
CELL_W, CELL_H = 12, 24  # font A character cell, in dots
QR_MODULE_DOTS = 6  # as in render.py
FEED_BEFORE_CUT = 1  # the printer feeds to its cutter (GS V 66 0): about one line
_FONT_FILES = {False: "DejaVuSansMono.ttf", True: "DejaVuSansMono-Bold.ttf"}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class PreviewFiles:
    bin: Path
    png: Path | None


@cache
def _font(size: int, bold: bool) -> tuple[Font, bool]:
    """A monospaced font like the printer's, and whether it is really bold.

    DejaVu Sans Mono has every accent of French and Dutch; without it Pillow's own font is
    used (accents then show as boxes, the layout is still right).
    """
    try:
        return ImageFont.truetype(_FONT_FILES[bold], size), bold
    except OSError:
        try:
            return ImageFont.truetype(_FONT_FILES[False], size), False
        except OSError:
            return ImageFont.load_default(size), False


def _text_image(line: Text) -> Image.Image:
    """One line drawn at its magnification: ``height`` sets the font, ``width`` stretches it."""
    height_px = CELL_H * line.height
    natural_w = CELL_W * line.height * len(line.text)
    font, real_bold = _font(round(20 * line.height), line.bold)
    ink, paper = (255, 0) if line.invert else (0, 255)
    image = Image.new("L", (max(1, natural_w), height_px), paper)
    ImageDraw.Draw(image).text(
        (natural_w / 2, height_px / 2),
        line.text,
        fill=ink,
        font=font,
        anchor="mm",
        stroke_width=0 if real_bold or not line.bold else max(1, line.height // 2),
        stroke_fill=ink,
    )
    wanted_w = CELL_W * line.width * len(line.text)
    if wanted_w != natural_w:
        image = image.resize((max(1, wanted_w), height_px), Image.Resampling.LANCZOS)
    return image


def _qr_image(data: str) -> Image.Image:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_MODULE_DOTS, border=0)
    code.add_data(data)
    code.make(fit=True)
    image: Image.Image = code.make_image().get_image()
    return image.convert("L")


def render_png(layout: TicketLayout, width: int = DOTS_WIDE) -> Image.Image:
    """The ticket as a grayscale image, one pixel per printer dot, centred like the paper."""
    pieces: list[Image.Image | int] = [CELL_H // 2]  # ints are blank paper, in pixels
    for block in layout.blocks:
        match block:
            case Text():
                pieces.append(_text_image(block))
            case Feed(lines=lines):
                pieces.append(CELL_H * lines)
            case Qr(data=data):
                pieces += [_qr_image(data), CELL_H]
    pieces.append(CELL_H * FEED_BEFORE_CUT)
    height = sum(p if isinstance(p, int) else p.height for p in pieces)
    ticket = Image.new("L", (width, height), 255)
    y = 0
    for piece in pieces:
        if isinstance(piece, int):
            y += piece
            continue
        ticket.paste(piece, ((width - piece.width) // 2, y))
        y += piece.height
    draw = ImageDraw.Draw(ticket)
    for x in range(0, width, 16):  # where the cutter goes
        draw.line([(x, height - 2), (x + 8, height - 2)], fill=128, width=2)
    return ticket


def _free_stem(folder: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``... so that a reprint never overwrites a ticket."""
    candidate, n = stem, 1
    while (folder / f"{candidate}.bin").exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def write_preview(
    folder: Path, data: bytes, layout: TicketLayout | None = None, *, now: datetime | None = None
) -> PreviewFiles:
    """Write ``<number>-<time>.bin`` (the ESC/POS bytes) and ``.png`` (the picture).

    Without a layout (raw bytes from elsewhere), only ``job-<time>.bin`` is written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if layout is not None:
        stem = f"{_safe(layout.number)}-{layout.issued_at:%Y%m%d-%H%M%S}"
    else:
        stem = f"job-{(now or datetime.now()):%Y%m%d-%H%M%S-%f}"
    stem = _free_stem(folder, stem)
    bin_path = folder / f"{stem}.bin"
    _write_atomically(bin_path, data)
    if layout is None:
        return PreviewFiles(bin=bin_path, png=None)
    png_path = folder / f"{stem}.png"
    render_png(layout).save(png_path, format="PNG", optimize=True)
    return PreviewFiles(bin=bin_path, png=png_path)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "ticket"


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
