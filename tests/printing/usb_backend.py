"""A pyusb backend that plays a USB receipt printer, so tests go through the real pyusb path.

``usb.core.find(backend=PrinterBackend(...))`` builds real ``usb.core.Device`` objects from
these descriptors; configuration, interface claiming, kernel-driver detaching and the bulk
transfers all go through pyusb's own code into this backend, exactly as they would into
libusb. The device is an Epson TM-T20II as ``lsusb -v`` shows it: one configuration, one
printer-class interface (7/1/2) with a bulk OUT endpoint 0x01 and a bulk IN endpoint 0x82.
The bytes written to the OUT endpoint go to a ``PrinterMind``; its answers wait on the IN
endpoint until read (a read with nothing there times out, as libusb's does).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from types import SimpleNamespace

import usb.backend
import usb.core

from tests.printing.printer_mind import PrinterMind

EPSON, TM_T20II = 0x04B8, 0x0E15
STAR, TSP143 = 0x0519, 0x0003


def _device_descriptor(vendor: int, product: int, address: int) -> SimpleNamespace:
    return SimpleNamespace(
        bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=0, bDeviceSubClass=0,
        bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=vendor, idProduct=product,
        bcdDevice=0x0100, iManufacturer=0, iProduct=0, iSerialNumber=0, bNumConfigurations=1,
        address=address, bus=1, port_number=address, port_numbers=(address,), speed=2,
    )


_CONFIG = SimpleNamespace(
    bLength=9, bDescriptorType=2, wTotalLength=32, bNumInterfaces=1, bConfigurationValue=1,
    iConfiguration=0, bmAttributes=0xC0, bMaxPower=1, extra_descriptors=[],
)
_INTERFACE = SimpleNamespace(
    bLength=9, bDescriptorType=4, bInterfaceNumber=0, bAlternateSetting=0, bNumEndpoints=2,
    bInterfaceClass=7, bInterfaceSubClass=1, bInterfaceProtocol=2, iInterface=0,
    extra_descriptors=[],
)
_ENDPOINTS = [
    SimpleNamespace(
        bLength=7, bDescriptorType=5, bEndpointAddress=address, bmAttributes=0x02,
        wMaxPacketSize=64, bInterval=0, bRefresh=0, bSynchAddress=0, extra_descriptors=[],
    )
    for address in (0x01, 0x82)
]


@dataclass
class FakeUsbPrinter:
    """One printer on the fake bus, with what happened to it."""

    mind: PrinterMind
    vendor: int = EPSON
    product: int = TM_T20II
    address: int = 4
    deny_access: bool = False  # as without the udev rule: opening fails with EACCES
    kernel_driver: bool = True  # usblp is bound, as when the printer is plugged in
    claimed: list[int] = field(default_factory=list)
    detaches: int = 0
    opened: int = 0
    closed: int = 0
    configured: int = 1
    answers: bytearray = field(default_factory=bytearray)  # waiting on the IN endpoint


class PrinterBackend(usb.backend.IBackend):
    def __init__(self, *printers: FakeUsbPrinter) -> None:
        super().__init__()
        self.printers = list(printers)

    def enumerate_devices(self):
        return iter(self.printers)

    def get_parent(self, dev):
        return None

    def get_device_descriptor(self, dev: FakeUsbPrinter):
        return _device_descriptor(dev.vendor, dev.product, dev.address)

    def get_configuration_descriptor(self, dev, config):
        if config != 0:
            raise IndexError(f"invalid configuration index {config}")
        return _CONFIG

    def get_interface_descriptor(self, dev, intf, alt, config):
        if (intf, alt, config) != (0, 0, 0):
            raise IndexError("invalid interface index")
        return _INTERFACE

    def get_endpoint_descriptor(self, dev, ep, intf, alt, config):
        return _ENDPOINTS[ep]

    def open_device(self, dev: FakeUsbPrinter) -> FakeUsbPrinter:
        if dev.deny_access:
            raise usb.core.USBError("Access denied (insufficient permissions)", -3, errno.EACCES)
        dev.opened += 1
        return dev

    def close_device(self, dev_handle: FakeUsbPrinter) -> None:
        dev_handle.closed += 1

    def get_configuration(self, dev_handle: FakeUsbPrinter) -> int:
        return dev_handle.configured

    def set_configuration(self, dev_handle: FakeUsbPrinter, config_value: int) -> None:
        dev_handle.configured = config_value

    def set_interface_altsetting(self, dev_handle, intf, altsetting) -> None:
        pass

    def claim_interface(self, dev_handle: FakeUsbPrinter, intf: int) -> None:
        if dev_handle.kernel_driver:
            raise usb.core.USBError("Resource busy", -6, errno.EBUSY)
        dev_handle.claimed.append(intf)

    def release_interface(self, dev_handle: FakeUsbPrinter, intf: int) -> None:
        dev_handle.claimed.remove(intf)

    def is_kernel_driver_active(self, dev_handle: FakeUsbPrinter, intf: int) -> bool:
        return dev_handle.kernel_driver

    def detach_kernel_driver(self, dev_handle: FakeUsbPrinter, intf: int) -> None:
        dev_handle.kernel_driver = False
        dev_handle.detaches += 1

    def attach_kernel_driver(self, dev_handle: FakeUsbPrinter, intf: int) -> None:
        dev_handle.kernel_driver = True

    def bulk_write(self, dev_handle: FakeUsbPrinter, ep, intf, data, timeout) -> int:
        if ep != 0x01 or dev_handle.claimed != [intf]:
            raise usb.core.USBError("Invalid parameter", -2, errno.EINVAL)
        dev_handle.answers += dev_handle.mind.feed(bytes(data))
        return len(data)

    def bulk_read(self, dev_handle: FakeUsbPrinter, ep, intf, buff, timeout) -> int:
        if ep != 0x82 or dev_handle.claimed != [intf]:
            raise usb.core.USBError("Invalid parameter", -2, errno.EINVAL)
        if not dev_handle.answers:
            raise usb.core.USBTimeoutError("Operation timed out", -7, errno.ETIMEDOUT)
        n = min(len(buff), len(dev_handle.answers))
        buff[:n] = type(buff)(buff.typecode, dev_handle.answers[:n])
        del dev_handle.answers[:n]
        return n
