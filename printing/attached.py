"""Printers on a cable: USB (pyusb over libusb) and serial lines (pyserial).

Both are two-way, so both ask the printer's real-time status (``DLE EOT n``) before a job,
refuse to print on a printer that is offline or out of paper, and ask again after the job:
the answer proves the printer took the whole ticket and says "paper nearly finished" while
there is still time to change the roll. A printer that never answers is "status unknown",
not a fault, since the write itself went through.

As for the network printer, the line is opened for one job and closed after it, and every
wait is bounded by the configured timeout, so a kiosk says "printer problem" while the
visitor is still there. ``backend`` (USB) exists so that tests and odd machines can give
pyusb another backend than the system's libusb; production passes nothing.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from typing import Any

from printing.layout import TicketLayout
from printing.status import PrinterFault, PrinterStatus, query, read_status

USB_PERMISSION_HINT = (
    "the kiosk user may not open it: install the udev rule "
    "(sudo kiosk install --role kiosk, or docs/install.md) and plug the printer in again"
)


def _refuse_unless_ready(description: str, status: PrinterStatus, when: str) -> None:
    if not status.can_print:
        raise PrinterFault(f"{description} {when}: {status.error}", status)


class UsbConnection:
    """A USB receipt printer (Epson ``04b8``, Star ``0519``...) on its bulk endpoints.

    The kernel's ``usblp`` driver is detached for the job (libusb needs the interface) and
    given back after it, so ``/dev/usb/lp0`` comes back for other tools.
    """

    def __init__(
        self, vendor_id: int, product_id: int, timeout_s: float = 3.0, *, backend: Any = None
    ) -> None:
        self.vendor_id, self.product_id, self.timeout_s = vendor_id, product_id, timeout_s
        self.backend = backend
        self.description = f"USB printer {vendor_id:04x}:{product_id:04x}"

    @property
    def _timeout_ms(self) -> int:
        return max(1, round(self.timeout_s * 1000))  # pyusb counts milliseconds; 0 = forever

    @contextlib.contextmanager
    def _open(self) -> Iterator[tuple[Any, Any, Any]]:
        try:
            import usb.core
            import usb.util
        except ImportError:
            raise PrinterFault(
                "USB printing needs the pyusb package, which is not installed"
            ) from None
        try:
            device = usb.core.find(
                idVendor=self.vendor_id, idProduct=self.product_id, backend=self.backend
            )
        except usb.core.NoBackendError:
            raise PrinterFault(
                "USB printing needs libusb (Debian package libusb-1.0-0), which is not installed"
            ) from None
        if device is None:
            raise PrinterFault(
                f"{self.description} not found: is it plugged in and switched on?",
                PrinterStatus(online=False, error="device not found"),
            )
        detached = False
        try:
            detached = _detach_kernel_driver(device)
            config = _active_configuration(device)
            interface = config[(0, 0)]
            out_ep = _endpoint(interface, usb.util.ENDPOINT_OUT)
            in_ep = _endpoint(interface, usb.util.ENDPOINT_IN)
            if out_ep is None:
                raise PrinterFault(f"{self.description} has no bulk OUT endpoint: not a printer?")
            usb.util.claim_interface(device, interface.bInterfaceNumber)
            yield device, out_ep, in_ep
        except usb.core.USBError as e:
            raise self._fault(e) from None
        finally:
            with contextlib.suppress(Exception):  # a printer unplugged mid-job
                usb.util.release_interface(device, 0)
            if detached:  # usblp gets its printer (and /dev/usb/lp0) back
                with contextlib.suppress(Exception):
                    device.attach_kernel_driver(0)
            with contextlib.suppress(Exception):
                usb.util.dispose_resources(device)

    def _fault(self, error: Exception) -> PrinterFault:
        code = getattr(error, "errno", None)
        if code == errno.EACCES:
            return PrinterFault(
                f"{self.description}: permission denied; {USB_PERMISSION_HINT}",
                PrinterStatus(online=None, error="permission denied"),
            )
        if code in (errno.ENODEV, errno.ENOENT):
            return PrinterFault(
                f"{self.description} was unplugged or switched off",
                PrinterStatus(online=False, error="device not found"),
            )
        if code == errno.ETIMEDOUT:
            return PrinterFault(
                f"{self.description} did not take the ticket within {self.timeout_s:g} s; "
                "it may be incomplete",
                PrinterStatus(online=None, error="timed out"),
            )
        return PrinterFault(
            f"{self.description} failed: {error}", PrinterStatus(online=None, error=str(error))
        )

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        with self._open() as (_, out_ep, in_ep):
            _refuse_unless_ready(
                self.description, self._status(out_ep, in_ep), "cannot print now"
            )
            out_ep.write(data, self._timeout_ms)
            after = self._status(out_ep, in_ep)
            _refuse_unless_ready(self.description, after, "stopped during the ticket")
            return after

    def status(self) -> PrinterStatus:
        with self._open() as (_, out_ep, in_ep):
            return self._status(out_ep, in_ep)

    def _status(self, out_ep: Any, in_ep: Any) -> PrinterStatus:
        if in_ep is None:  # a one-way printer: nothing can come back
            return PrinterStatus(online=None)
        import usb.core

        def ask(n: int) -> int | None:
            out_ep.write(query(n), self._timeout_ms)
            try:
                answer = in_ep.read(in_ep.wMaxPacketSize, self._timeout_ms)
            except usb.core.USBTimeoutError:
                return None
            return answer[-1] if len(answer) else None  # the latest byte is the answer

        return read_status(ask)


def _detach_kernel_driver(device: Any) -> bool:
    import usb.core

    try:
        if device.is_kernel_driver_active(0):
            device.detach_kernel_driver(0)
            return True
    except (NotImplementedError, usb.core.USBError):
        pass  # no kernel driver to speak of (or not Linux)
    return False


def _active_configuration(device: Any) -> Any:
    import usb.core

    try:
        return device.get_active_configuration()
    except usb.core.USBError:  # unconfigured: choose its first configuration
        device.set_configuration()
        return device.get_active_configuration()


def _endpoint(interface: Any, direction: int) -> Any:
    import usb.util

    return usb.util.find_descriptor(
        interface,
        custom_match=lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == direction
        and usb.util.endpoint_type(e.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK,
    )


class SerialConnection:
    """A serial receipt printer (RS-232 or a USB-serial adapter) through pyserial.

    Both reads and writes have a timeout: with hardware flow control a printer that is off
    would otherwise block the write forever.
    """

    def __init__(self, device: str, baudrate: int = 9600, timeout_s: float = 3.0) -> None:
        self.device, self.baudrate, self.timeout_s = device, baudrate, timeout_s
        self.description = f"serial printer {device}"

    @contextlib.contextmanager
    def _open(self) -> Iterator[Any]:
        try:
            import serial
        except ImportError:
            raise PrinterFault(
                "serial printing needs the pyserial package, which is not installed"
            ) from None
        try:
            line = serial.Serial(
                self.device,
                baudrate=self.baudrate,
                timeout=self.timeout_s,
                write_timeout=self.timeout_s,
            )
        except serial.SerialException as e:
            cause = e.__context__ if isinstance(e.__context__, OSError) else None
            if isinstance(cause, FileNotFoundError) or "No such file" in str(e):
                raise PrinterFault(
                    f"{self.description} not found: is the cable plugged in?",
                    PrinterStatus(online=False, error="device not found"),
                ) from None
            if isinstance(cause, PermissionError) or "Permission denied" in str(e):
                raise PrinterFault(
                    f"{self.description}: permission denied; add the kiosk user to the "
                    "dialout group (docs/install.md)",
                    PrinterStatus(online=None, error="permission denied"),
                ) from None
            raise PrinterFault(f"cannot open {self.description}: {e}") from None
        try:
            line.reset_input_buffer()  # stale answers of an earlier job are not today's
            yield line
        except serial.SerialTimeoutException:
            raise PrinterFault(
                f"{self.description} did not take the ticket within {self.timeout_s:g} s: "
                "is it switched on, with paper?",
                PrinterStatus(online=None, error="timed out"),
            ) from None
        except (serial.SerialException, OSError) as e:
            raise PrinterFault(
                f"{self.description} failed: {e}", PrinterStatus(online=None, error=str(e))
            ) from None
        finally:
            with contextlib.suppress(Exception):
                line.close()

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        with self._open() as line:
            _refuse_unless_ready(self.description, self._status(line), "cannot print now")
            line.write(data)
            line.flush()
            after = self._status(line)
            _refuse_unless_ready(self.description, after, "stopped during the ticket")
            return after

    def status(self) -> PrinterStatus:
        with self._open() as line:
            return self._status(line)

    @staticmethod
    def _status(line: Any) -> PrinterStatus:
        def ask(n: int) -> int | None:
            line.write(query(n))
            line.flush()
            answer = line.read(1)
            return answer[0] if answer else None

        return read_status(ask)
