"""How the kiosk reaches its ticket printer: one plain value built by the site-file loader.

It is a stdlib dataclass so that the loader (``kiosk/``) can build it without importing
python-escpos, and so that a wrong site file fails when it is read, with a message naming
the key, rather than at the first visitor's ticket. ``ValueError`` messages start with the
key (``printer.host: ...``) so the loader can turn them into a ``ConfigError`` as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_PROFILE = "TM-T20II"
DEFAULT_NETWORK_PORT = 9100
# python-escpos waits 60 s on a dead network printer; a visitor will not.
DEFAULT_TIMEOUT_S = 3.0


def default_preview_folder() -> Path:
    """Where preview tickets go when the site file names no folder (as the hub's data)."""
    return Path(user_data_dir("kiosk", appauthor=False)) / "tickets"


class PrinterKind(StrEnum):
    """The ways a kiosk printer can be plugged in (DESIGN.md section 6)."""

    USB = "usb"
    NETWORK = "network"
    SERIAL = "serial"
    FILE = "file"
    PREVIEW = "preview"


@dataclass(frozen=True)
class PrinterConfig:
    """The ``[printer]`` table of a site file; only the fields of ``kind`` are used.

    ``kind`` defaults to ``preview`` so that a site without a printer still "prints": the
    ESC/POS bytes and a PNG of each ticket land in ``folder``.
    """

    kind: PrinterKind = PrinterKind.PREVIEW
    profile: str = DEFAULT_PROFILE  # a python-escpos printer profile, never "default"
    host: str = ""
    port: int = DEFAULT_NETWORK_PORT
    timeout_s: float = DEFAULT_TIMEOUT_S
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""  # serial port or device node (/dev/ttyUSB0, /dev/usb/lp0)
    baudrate: int = 9600
    folder: Path = field(default_factory=default_preview_folder)  # "" means the default

    def __post_init__(self) -> None:
        try:
            kind = PrinterKind(self.kind)
        except ValueError:
            choices = ", ".join(k.value for k in PrinterKind)
            raise ValueError(f"printer.kind: {self.kind!r} is not one of {choices}") from None
        # frozen: normalise the loader's plain strings in place, once
        object.__setattr__(self, "kind", kind)
        folder = Path(self.folder) if str(self.folder or "") else default_preview_folder()
        object.__setattr__(self, "folder", folder)
        problems = self._problems()
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> PrinterConfig:
        """From the ``[printer]`` table as a dict (or a pydantic ``model_dump()``)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"printer.{unknown[0]}: unknown key (known: {', '.join(sorted(known))})"
            )
        return cls(**values)  # type: ignore[arg-type]

    def _problems(self) -> list[str]:
        problems: list[str] = []
        if not self.profile:
            problems.append("printer.profile: must name a printer profile, e.g. TM-T20II")
        if not self.timeout_s > 0:
            problems.append(f"printer.timeout_s: must be positive, got {self.timeout_s}")
        match self.kind:
            case PrinterKind.NETWORK:
                if not self.host:
                    problems.append("printer.host: required for a network printer")
                if not 0 < self.port < 65536:
                    problems.append(f"printer.port: {self.port} is not a TCP port")
            case PrinterKind.USB:
                for key, value in (("vendor_id", self.vendor_id), ("product_id", self.product_id)):
                    if not 0 < value <= 0xFFFF:
                        problems.append(f"printer.{key}: required for a USB printer (1-0xFFFF)")
            case PrinterKind.SERIAL:
                if not self.device:
                    problems.append("printer.device: required for a serial printer")
                if self.baudrate <= 0:
                    problems.append(f"printer.baudrate: must be positive, got {self.baudrate}")
            case PrinterKind.FILE:
                if not self.device:
                    problems.append("printer.device: required for a file printer")
            case PrinterKind.PREVIEW:
                pass
        return problems

    def describe(self) -> str:
        """A short, staff-readable name of the printer, used in every fault message."""
        match self.kind:
            case PrinterKind.NETWORK:
                return f"network printer {self.host}:{self.port}"
            case PrinterKind.USB:
                return f"USB printer {self.vendor_id:04x}:{self.product_id:04x}"
            case PrinterKind.SERIAL:
                return f"serial printer {self.device}"
            case PrinterKind.FILE:
                return f"printer {self.device}"
            case PrinterKind.PREVIEW:
                return f"preview folder {self.folder}"
