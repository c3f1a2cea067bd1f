"""What a printer says about itself, decoded from Epson's real-time status bytes.

``DLE EOT n`` is answered at once by ESC/POS printers, even while offline or out of paper,
which makes it the one honest way to tell staff "load a new roll" before a visitor walks
away with nothing. python-escpos' ``paper_status()`` reports "paper adequate" when the
printer does not answer at all, so the bits are decoded here (Epson ESC/POS reference,
"DLE EOT": bits 1 and 4 are always 1, bits 0 and 7 always 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.errors import PrinterError

DLE_EOT = b"\x10\x04"
PRINTER_STATUS = 1  # bit 3: offline
OFFLINE_CAUSE = 2  # bit 2: cover open, bit 3: paper fed by button, bit 5: paper end, bit 6: error
ERROR_CAUSE = 3  # bit 3: autocutter, bit 5: unrecoverable, bit 6: auto-recoverable (head hot)
PAPER_SENSOR = 4  # bits 2-3: roll near its end, bits 5-6: no paper

_FIXED_MASK, _FIXED_BITS = 0b1001_0011, 0b0001_0010


def query(n: int) -> bytes:
    """The three bytes asking for status ``n`` (1-4)."""
    return DLE_EOT + bytes([n])


class PaperState(StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """The printer as staff need to know it; ``None``/``UNKNOWN`` when it cannot say.

    ``error`` is a short English sentence for the counter console, or ``None`` when there
    is nothing to do.
    """

    online: bool | None
    paper: PaperState = PaperState.UNKNOWN
    error: str | None = None

    @property
    def can_print(self) -> bool:
        return self.online is not False and self.paper is not PaperState.OUT and not self.error

    @property
    def alert(self) -> str | None:
        """What the counter console should show, if anything (near-end is only a warning)."""
        if self.error:
            return self.error
        if self.paper is PaperState.NEAR_END:
            return "paper roll nearly finished: prepare a new roll"
        return None


def fault_kind(ok: bool, status: PrinterStatus) -> str | None:
    """The code a kiosk reports to its hub (``kiosk.domain.printer_faults``), or None."""
    if status.paper is PaperState.OUT:
        return "paper_out"
    error = (status.error or "").lower()
    if "cover open" in error:
        return "cover_open"
    if any(word in error for word in ("refused", "reachable", "not found", "timed out")):
        return "unreachable"
    if status.online is False:
        return "offline"
    if not ok:
        return "unreachable" if status.online is None else "error"
    if status.paper is PaperState.NEAR_END:
        return "paper_near_end"
    return None


class PrinterFault(PrinterError):
    """A ``PrinterError`` that also says what was known of the printer when it failed."""

    def __init__(self, message: str, status: PrinterStatus | None = None) -> None:
        super().__init__(message)
        self.status = status or PrinterStatus(online=None, error=message)


def is_status_byte(value: int) -> bool:
    """Whether ``value`` looks like a ``DLE EOT`` answer (its fixed bits are right)."""
    return value & _FIXED_MASK == _FIXED_BITS


def paper_state(value: int) -> PaperState:
    """Decode the answer to ``DLE EOT 4`` (roll paper sensor status)."""
    if value & 0b0110_0000:
        return PaperState.OUT
    if value & 0b0000_1100:
        return PaperState.NEAR_END
    return PaperState.OK


def offline_causes(value: int) -> list[str]:
    """Decode the answer to ``DLE EOT 2`` (why the printer is offline)."""
    causes = []
    if value & 0b0000_0100:
        causes.append("cover open")
    if value & 0b0000_1000:
        causes.append("paper being fed with the FEED button")
    if value & 0b0010_0000:
        causes.append("stopped at the end of the paper")
    if value & 0b0100_0000:
        causes.append("printer error")
    return causes


def error_causes(value: int) -> list[str]:
    """Decode the answer to ``DLE EOT 3`` (which error)."""
    causes = []
    if value & 0b0000_1000:
        causes.append("paper cutter jammed")
    if value & 0b0010_0000:
        causes.append("unrecoverable error: switch the printer off and on")
    if value & 0b0100_0000:
        causes.append("print head too hot: wait a minute")
    return causes


def read_status(ask: Callable[[int], int | None]) -> PrinterStatus:
    """Ask the printer for its status through ``ask(n) -> answer byte or None``.

    ``ask`` sends ``DLE EOT n`` and returns the byte, ``None`` if the printer gave no answer
    (some USB and serial printers do not), and raises ``PrinterError`` when the line fails.
    """
    first = ask(PRINTER_STATUS)
    if first is None:
        return PrinterStatus(online=None)
    if not is_status_byte(first):
        return PrinterStatus(
            online=None, error=f"unexpected status answer 0x{first:02x}: is it an ESC/POS printer?"
        )
    online = not first & 0b0000_1000
    causes: list[str] = []
    if not online and (cause := _valid(ask(OFFLINE_CAUSE))) is not None:
        causes += offline_causes(cause)
        if cause & 0b0100_0000 and (error := _valid(ask(ERROR_CAUSE))) is not None:
            causes += error_causes(error)
    sensor = _valid(ask(PAPER_SENSOR))
    paper = PaperState.UNKNOWN if sensor is None else paper_state(sensor)
    return PrinterStatus(online=online, paper=paper, error=_problem(online, paper, causes))


def _valid(answer: int | None) -> int | None:
    return answer if answer is not None and is_status_byte(answer) else None


def _problem(online: bool, paper: PaperState, causes: list[str]) -> str | None:
    if paper is PaperState.OUT:
        return "out of paper: load a new roll"
    if not online:
        return "offline: " + (", ".join(causes) if causes else "check the printer")
    return None
