"""A small ESC/POS reader for tests: what would a printer make of these bytes?

It walks the command stream the way an Epson printer does, tracks the selected code page
(``ESC t n``, from its own table: :data:`EPSON_PAGES`), sizes (``GS !``), bold, reverse and
alignment, and collects printed lines decoded with the code page in force when each byte
arrived, QR codes (``GS ( k``), raster images (``GS v 0``) and cuts (``GS V``). Anything
it does not know fails loudly, so a stray command in a ticket is a failing test, not a
silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: ``ESC t n`` -> character table, written down from Epson's ESC/POS Command Reference
#: ("ESC t: Select character code table" and its code-table appendix) for the TM-T20II and
#: TM-T88V, each read with Python's own codec. Not taken from python-escpos, whose tables the
#: renderer uses: a wrong slot there would otherwise pass both. Epson tables Python has no
#: codec for (1 Katakana, 6 Hiragana, 11 PC851, 12 PC853, 20-26 Thai, 30-31 TCVN-3, 41
#: PC1098, 42-43 PC1118/1119) are left out: text printed under them fails the decoding.
EPSON_PAGES: dict[int, str] = {
    0: "cp437",  # PC437: USA, Standard Europe
    2: "cp850",  # PC850: Multilingual
    3: "cp860",  # PC860: Portuguese
    4: "cp863",  # PC863: Canadian-French
    5: "cp865",  # PC865: Nordic
    13: "cp857",  # PC857: Turkish
    14: "cp737",  # PC737: Greek
    15: "iso8859_7",  # ISO 8859-7: Greek
    16: "cp1252",  # WPC1252
    17: "cp866",  # PC866: Cyrillic #2
    18: "cp852",  # PC852: Latin 2
    19: "cp858",  # PC858: Euro
    32: "cp720",  # PC720: Arabic
    33: "cp775",  # WPC775: Baltic Rim
    34: "cp855",  # PC855: Cyrillic
    35: "cp861",  # PC861: Icelandic
    36: "cp862",  # PC862: Hebrew
    37: "cp864",  # PC864: Arabic
    38: "cp869",  # PC869: Greek
    39: "iso8859_2",  # ISO 8859-2: Latin 2
    40: "iso8859_15",  # ISO 8859-15: Latin 9
    44: "cp1125",  # PC1125: Ukrainian
    45: "cp1250",  # WPC1250: Latin 2
    46: "cp1251",  # WPC1251: Cyrillic
    47: "cp1253",  # WPC1253: Greek
    48: "cp1254",  # WPC1254: Turkish
    49: "cp1255",  # WPC1255: Hebrew
    50: "cp1256",  # WPC1256: Arabic
    51: "cp1257",  # WPC1257: Baltic Rim
    52: "cp1258",  # WPC1258: Vietnamese
    53: "kz1048",  # KZ-1048: Kazakhstan
}
#: Models whose code tables are Epson's. Another model's text must be ASCII unless the
#: caller passes that model's table (``decode(..., pages=...)``).
MODEL_PAGES: dict[str, dict[int, str]] = {"TM-T20II": EPSON_PAGES, "TM-T88V": EPSON_PAGES}


ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
# ESC commands with one parameter byte that only change state we do not model
_ESC_ONE_BYTE = {ord(c) for c in "-3J{M!"}


@dataclass
class Line:
    text: str
    width: int
    height: int
    bold: bool
    invert: bool
    align: int  # 0 left, 1 centre, 2 right


@dataclass
class Raster:
    width_bytes: int
    height: int
    data: bytes

    def pixel(self, x: int, y: int) -> bool:
        byte = self.data[y * self.width_bytes + x // 8]
        return bool(byte & (0x80 >> (x % 8)))


@dataclass
class Decoded:
    lines: list[Line] = field(default_factory=list)
    qr_payloads: list[bytes] = field(default_factory=list)
    qr_settings: dict[str, int] = field(default_factory=dict)
    qr_prints: int = 0
    rasters: list[Raster] = field(default_factory=list)
    code_pages: list[int] = field(default_factory=list)  # every ESC t n, in order
    inits: int = 0
    cuts: list[int] = field(default_factory=list)  # byte offsets of GS V
    feeds: list[int] = field(default_factory=list)  # ESC d n
    events: list[str] = field(default_factory=list)  # command names, in order
    length: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def lines_containing(self, needle: str) -> list[Line]:
        return [line for line in self.lines if needle in line.text]


class _State:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.page = 0
        self.width = self.height = 1
        self.bold = self.invert = False
        self.align = 0
        self.pending = ""


def decode(
    data: bytes, profile: str = "TM-T20II", pages: dict[int, str] | None = None
) -> Decoded:
    """Decode a whole ESC/POS job for a printer of model ``profile`` (code tables from
    :data:`MODEL_PAGES`, or ``pages``).

    Raises ``ValueError`` on anything unexpected.
    """
    pages = MODEL_PAGES.get(profile, {}) if pages is None else pages
    out = Decoded(length=len(data))
    state = _State()
    line_style: tuple[int, int, bool, bool, int] | None = None
    raw = bytearray()  # printable bytes under the current page, not yet decoded
    i = 0

    def flush_text() -> None:
        if raw:
            codec = pages.get(state.page) or ("ascii" if max(raw) < 0x80 else None)
            if codec is None:
                raise ValueError(f"text printed with unknown code page {state.page}")
            state.pending += raw.decode(codec)
            raw.clear()

    def end_line() -> None:
        nonlocal line_style
        flush_text()
        style = line_style or (state.width, state.height, state.bold, state.invert, state.align)
        out.lines.append(Line(state.pending, *style))
        state.pending = ""
        line_style = None

    def need(n: int) -> None:
        if i + n > len(data):
            raise ValueError(f"truncated command at byte {i}")

    while i < len(data):
        b = data[i]
        if b == LF:
            end_line()
            i += 1
        elif b == ESC:
            need(2)
            cmd = data[i + 1]
            if cmd == ord("@"):
                flush_text()
                state.reset()
                out.inits += 1
                out.events.append("ESC @")
                i += 2
            elif cmd == ord("t"):
                need(3)
                flush_text()
                state.page = data[i + 2]
                out.code_pages.append(state.page)
                out.events.append(f"ESC t {state.page}")
                i += 3
            elif cmd == ord("a"):
                need(3)
                state.align = data[i + 2] % 48
                out.events.append("ESC a")
                i += 3
            elif cmd == ord("E"):
                need(3)
                state.bold = bool(data[i + 2] & 1)
                out.events.append("ESC E")
                i += 3
            elif cmd == ord("d"):
                need(3)
                flush_text()
                out.feeds.append(data[i + 2])
                out.events.append("ESC d")
                i += 3
            elif cmd in _ESC_ONE_BYTE:
                need(3)
                out.events.append(f"ESC {chr(cmd)}")
                i += 3
            elif cmd == ord("2"):
                out.events.append("ESC 2")
                i += 2
            else:
                raise ValueError(f"unknown ESC 0x{cmd:02x} at byte {i}")
        elif b == GS:
            need(2)
            cmd = data[i + 1]
            if cmd == ord("!"):
                need(3)
                n = data[i + 2]
                state.width, state.height = (n >> 4) + 1, (n & 0x0F) + 1
                out.events.append("GS !")
                i += 3
            elif cmd == ord("B"):
                need(3)
                state.invert = bool(data[i + 2] & 1)
                out.events.append("GS B")
                i += 3
            elif cmd == ord("V"):
                need(3)
                flush_text()
                out.cuts.append(i)
                out.events.append("GS V")
                i += 4 if data[i + 2] in (65, 66) else 3
            elif cmd == ord("(") and i + 2 < len(data) and data[i + 2] == ord("k"):
                i = _two_d_code(data, i, out)
            elif cmd == ord("v") and i + 2 < len(data) and data[i + 2] == ord("0"):
                need(8)
                x_bytes = data[i + 4] | data[i + 5] << 8
                y_dots = data[i + 6] | data[i + 7] << 8
                need(8 + x_bytes * y_dots)
                out.rasters.append(Raster(x_bytes, y_dots, data[i + 8 : i + 8 + x_bytes * y_dots]))
                out.events.append("GS v 0")
                i += 8 + x_bytes * y_dots
            else:
                raise ValueError(f"unknown GS 0x{cmd:02x} at byte {i}")
        elif b == DLE:
            raise ValueError(f"real-time command (DLE) inside a ticket at byte {i}")
        elif b < 0x20:
            raise ValueError(f"unexpected control byte 0x{b:02x} at byte {i}")
        else:
            if not raw and not state.pending:
                line_style = (state.width, state.height, state.bold, state.invert, state.align)
            raw.append(b)
            i += 1
    flush_text()
    if state.pending:
        raise ValueError(f"text left unprinted at the end (no line feed): {state.pending!r}")
    return out


def _two_d_code(data: bytes, i: int, out: Decoded) -> int:
    """``GS ( k pL pH cn fn [m] d...``: QR model, size, error level, store, print."""
    if i + 7 > len(data):
        raise ValueError(f"truncated GS ( k at byte {i}")
    length = data[i + 3] | data[i + 4] << 8
    body = data[i + 5 : i + 5 + length]
    if len(body) != length:
        raise ValueError(f"truncated GS ( k at byte {i}")
    cn, fn, params = body[0], body[1], body[2:]
    if cn != ord("1"):
        raise ValueError(f"2D code other than QR (cn={cn}) at byte {i}")
    if fn == 65:
        out.qr_settings["model"] = params[0] - 48
    elif fn == 67:
        out.qr_settings["module_dots"] = params[0]
    elif fn == 69:
        out.qr_settings["error_level"] = params[0] - 48
    elif fn == 80:
        if params[:1] != b"0":
            raise ValueError("QR store without m=48")
        out.qr_payloads.append(bytes(params[1:]))
    elif fn == 81:
        out.qr_prints += 1
    else:
        raise ValueError(f"unknown QR function {fn} at byte {i}")
    out.events.append(f"GS ( k {fn}")
    return i + 5 + length
