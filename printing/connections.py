"""The wire to the printer: send bytes, ask for status, fail fast with a message for staff.

Every connection opens the line for one job and closes it after, so that a printer
switched off and on between two visitors, or a network blip, never leaves a dead handle
behind. Every wait is bounded by the configured timeout (3 s by default, not python-escpos'
60 s): a kiosk must say "printer problem" while the visitor is still there, never hang.

All faults raise ``PrinterFault`` (a ``kiosk.errors.PrinterError``) whose message names
the printer and says what to do.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

from printing.attached import SerialConnection, UsbConnection
from printing.config import PrinterConfig, PrinterKind
from printing.layout import TicketLayout
from printing.preview import PreviewFiles, write_preview
from printing.status import PaperState, PrinterFault, PrinterStatus, query, read_status


class Connection(Protocol):
    """A printer as the rest of the program sees it."""

    description: str

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        """Print ``data`` (ESC/POS); return the printer's status after the job.

        ``ticket`` is the layout the bytes came from; only the preview connection uses it.
        Raises ``PrinterFault`` when the job could not be handed to the printer, including
        when the printer is offline or out of paper before or right after it.
        """
        ...

    def status(self) -> PrinterStatus:
        """The printer's status now; raises ``PrinterFault`` if it cannot be reached."""
        ...


def open_connection(config: PrinterConfig | Mapping[str, object]) -> Connection:
    """The connection described by ``config`` (nothing is opened until it is used).

    ``config`` may also be the ``[printer]`` table as a dict.
    """
    if not isinstance(config, PrinterConfig):
        config = PrinterConfig.from_mapping(config)
    match config.kind:
        case PrinterKind.NETWORK:
            return NetworkConnection(config.host, config.port, config.timeout_s)
        case PrinterKind.FILE:
            return DeviceFileConnection(Path(config.device), config.timeout_s)
        case PrinterKind.USB:
            return UsbConnection(config.vendor_id, config.product_id, config.timeout_s)
        case PrinterKind.SERIAL:
            return SerialConnection(config.device, config.baudrate, config.timeout_s)
        case PrinterKind.PREVIEW:
            return PreviewConnection(config.folder)


def _refuse_unless_ready(description: str, status: PrinterStatus, when: str) -> None:
    if not status.can_print:
        raise PrinterFault(f"{description} {when}: {status.error}", status)


class _LineFailure(Exception):
    """The network line failed during a status query; ``str()`` says how, briefly."""


class NetworkConnection:
    """An Ethernet or Wi-Fi printer on its raw port (9100), with real ``DLE EOT`` queries.

    A job is: connect, ask the status (refuse if offline or out of paper), send the bytes,
    ask the status again on the same connection. That last answer proves the printer took
    the whole job; a printer that drops the line mid-job cannot give it.
    """

    def __init__(self, host: str, port: int = 9100, timeout_s: float = 3.0) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.description = f"network printer {host}:{port}"

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        with self._connect() as sock:
            _refuse_unless_ready(self.description, self._status(sock), "cannot print now")
            try:
                sock.sendall(data)
                after = self._ask_status(sock)
            except TimeoutError:
                raise PrinterFault(
                    f"{self.description} did not take the ticket within {self.timeout_s:g} s; "
                    "it may be incomplete"
                ) from None
            except (OSError, _LineFailure) as e:
                raise PrinterFault(
                    f"{self.description} stopped responding during the ticket, which may "
                    f"be incomplete ({_reason(e)})"
                ) from None
            _refuse_unless_ready(self.description, after, "stopped during the ticket")
            return after

    def status(self) -> PrinterStatus:
        with self._connect() as sock:
            return self._status(sock)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[socket.socket]:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except TimeoutError:
            raise PrinterFault(
                f"{self.description} did not accept a connection within {self.timeout_s:g} s: "
                "is it switched on and on the network?",
                PrinterStatus(online=False, error="not reachable"),
            ) from None
        except ConnectionRefusedError:
            raise PrinterFault(
                f"{self.description} refused the connection: is it switched on, "
                "and is the port right?",
                PrinterStatus(online=False, error="connection refused"),
            ) from None
        except OSError as e:
            raise PrinterFault(
                f"cannot reach {self.description}: {_reason(e)}",
                PrinterStatus(online=False, error=_reason(e)),
            ) from None
        with sock:
            yield sock

    def _status(self, sock: socket.socket) -> PrinterStatus:
        """The status before a job: a line that fails here is the printer not answering."""
        try:
            return self._ask_status(sock)
        except _LineFailure as e:
            raise PrinterFault(
                f"{self.description} did not answer its status query ({e}): "
                "is it an ESC/POS printer, and is nothing else printing on it?",
                PrinterStatus(online=None, error=f"no status answer ({e})"),
            ) from None

    def _ask_status(self, sock: socket.socket) -> PrinterStatus:
        def ask(n: int) -> int:
            try:
                sock.sendall(query(n))
                answer = sock.recv(1)
            except TimeoutError:
                raise _LineFailure(f"no answer within {self.timeout_s:g} s") from None
            except OSError as e:
                raise _LineFailure(_reason(e)) from None
            if not answer:
                raise _LineFailure("connection closed by the printer")
            return answer[0]

        return read_status(ask)


class DeviceFileConnection:
    """A printer seen as a device node (``/dev/usb/lp0``): bytes go in, no status comes out.

    The node is opened non-blocking and written under the timeout, because the kernel's
    ``usblp`` driver blocks forever when the printer is off or out of paper. The node is
    never created: a missing printer is reported, not replaced by a plain file.
    """

    def __init__(self, path: Path, timeout_s: float = 3.0) -> None:
        self.path, self.timeout_s = path, timeout_s
        self.description = f"printer {path}"

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
        except FileNotFoundError:
            raise PrinterFault(
                f"{self.description} not found: is it plugged in and switched on?",
                PrinterStatus(online=False, error="device not found"),
            ) from None
        except OSError as e:
            raise PrinterFault(f"cannot open {self.description}: {_reason(e)}") from None
        try:
            self._write_all(fd, data)
        finally:
            os.close(fd)
        return self.status()

    def _write_all(self, fd: int, data: bytes) -> None:
        deadline = time.monotonic() + self.timeout_s
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            _, writable, _ = select.select([], [fd], [], max(0.0, remaining))
            if not writable:
                raise PrinterFault(
                    f"{self.description} did not take the ticket within {self.timeout_s:g} s: "
                    "is it switched on, with paper?"
                )
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                continue
            except OSError as e:
                raise PrinterFault(f"writing to {self.description} failed: {_reason(e)}") from None

    def status(self) -> PrinterStatus:
        if not self.path.exists():
            return PrinterStatus(online=False, error=f"{self.description} not found")
        return PrinterStatus(online=None)


class PreviewConnection:
    """No printer: each ticket becomes a ``.bin`` (exact bytes) and a ``.png`` in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = f"preview folder {folder}"
        self.last_files: PreviewFiles | None = None

    def send(self, data: bytes, *, ticket: TicketLayout | None = None) -> PrinterStatus:
        try:
            self.last_files = write_preview(self.folder, data, ticket)
        except OSError as e:
            raise PrinterFault(
                f"cannot write the ticket to the {self.description}: {_reason(e)}"
            ) from None
        return PrinterStatus(online=True, paper=PaperState.OK)

    def status(self) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            return PrinterStatus(online=False, error=f"{self.description}: {_reason(e)}")
        if not os.access(self.folder, os.W_OK):
            return PrinterStatus(online=False, error=f"{self.description} is read-only")
        return PrinterStatus(online=True, paper=PaperState.OK)


def _reason(error: BaseException) -> str:
    """An exception as a short phrase ("Connection reset by peer"), without errno noise."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
