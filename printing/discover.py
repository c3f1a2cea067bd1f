"""What printers are plugged into this machine, with the site-file lines to use each.

``kiosk printers`` prints this list for the person installing a kiosk: USB receipt printers
seen by libusb (any device of a known receipt-printer maker, or of the USB printer class),
serial ports (pyserial's ``list_ports``) and the kernel's ``/dev/usb/lp*`` nodes. Reading
descriptors needs no permission, so the list is right even before the udev rule is in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Makers of ESC/POS receipt printers, by USB vendor id.
RECEIPT_VENDORS = {
    0x04B8: "Seiko Epson",
    0x0519: "Star Micronics",
    0x1504: "Bixolon",
    0x1D90: "Citizen",
    0x0DD4: "Custom",
    0x0FE6: "ICS Advent (generic 58/80 mm)",
}
#: Product ids of common models (for a friendlier list; unknown ones are listed too).
MODELS = {
    (0x04B8, 0x0E15): "TM-T20II",
    (0x04B8, 0x0E28): "TM-T20III",
    (0x04B8, 0x0202): "TM-T88 series",
    (0x0519, 0x0003): "TSP100/TSP143",
    (0x0519, 0x0001): "TSP650",
}
USB_PRINTER_CLASS = 7


@dataclass(frozen=True)
class FoundPrinter:
    kind: str  # "usb", "serial" or "file", as the site file's printer.kind
    name: str  # what a person reads: "Seiko Epson TM-T20II (USB bus 1 device 4)"
    site_lines: tuple[str, ...]  # the [printer] table to paste into the site file

    def describe(self) -> str:
        return "\n".join([self.name, "  [printer]", *(f"  {line}" for line in self.site_lines)])


def usb_printers(backend: Any = None) -> list[FoundPrinter]:
    """USB printers seen by libusb; empty when pyusb or libusb is missing."""
    try:
        import usb.core
    except ImportError:
        return []
    try:
        devices = list(usb.core.find(find_all=True, backend=backend))
    except usb.core.NoBackendError:
        return []
    found = []
    for device in devices:
        vendor, product = device.idVendor, device.idProduct
        if vendor not in RECEIPT_VENDORS and not _has_printer_interface(device):
            continue
        maker = RECEIPT_VENDORS.get(vendor, f"vendor {vendor:04x}")
        model = MODELS.get((vendor, product), f"product {product:04x}")
        found.append(
            FoundPrinter(
                "usb",
                f"{maker} {model} (USB bus {device.bus} device {device.address})",
                (
                    'kind = "usb"',
                    f"vendor_id = 0x{vendor:04x}",
                    f"product_id = 0x{product:04x}",
                ),
            )
        )
    return found


def _has_printer_interface(device: Any) -> bool:
    with contextlib.suppress(Exception):  # a descriptor that cannot be read is not a printer
        for config in device:
            for interface in config:
                if interface.bInterfaceClass == USB_PRINTER_CLASS:
                    return True
    return False


def serial_ports(ports: Iterable[Any] | None = None) -> list[FoundPrinter]:
    """Serial ports (built-in RS-232 and USB-serial adapters); any may hold a printer."""
    if ports is None:
        try:
            from serial.tools import list_ports
        except ImportError:
            return []
        ports = list_ports.comports()
    found = []
    for port in ports:
        label = port.description if port.description not in (None, "n/a") else "serial port"
        found.append(
            FoundPrinter(
                "serial",
                f"{label} ({port.device})",
                ('kind = "serial"', f'device = "{port.device}"', "baudrate = 9600"),
            )
        )
    return found


def device_nodes(root: Path = Path("/dev/usb")) -> list[FoundPrinter]:
    """The kernel's printer nodes: one-way (no status), for printers pyusb cannot reach."""
    return [
        FoundPrinter(
            "file",
            f"printer device node {node} (no status read-back: prefer the USB lines above)",
            ('kind = "file"', f'device = "{node}"'),
        )
        for node in sorted(root.glob("lp[0-9]*"))
    ]


def attached_printers(backend: Any = None) -> list[FoundPrinter]:
    return [*usb_printers(backend), *serial_ports(), *device_nodes()]
