"""USB and serial printers through their real libraries: pyusb's device path over a backend
that plays the printer, pyserial over a real pseudo-terminal. Bytes are decoded as a printer
would, status queries answered with the printer's own bits."""

from __future__ import annotations

import pytest

from kiosk.errors import PrinterError
from printing.attached import SerialConnection, UsbConnection
from printing.config import PrinterConfig, PrinterKind
from printing.connections import open_connection
from printing.render import render_ticket
from printing.status import PaperState, PrinterFault
from tests.printing.escpos_decoder import decode
from tests.printing.printer_mind import Behaviour, PrinterMind
from tests.printing.serial_printer import SerialPrinter
from tests.printing.tickets import make_view
from tests.printing.usb_backend import EPSON, TM_T20II, FakeUsbPrinter, PrinterBackend

TIMEOUT_S = 0.3
TICKET = render_ticket(make_view("fr"))


def usb_printer(behaviour: Behaviour = Behaviour.ONLINE, **kwargs) -> FakeUsbPrinter:
    return FakeUsbPrinter(PrinterMind(behaviour), **kwargs)


def usb(printer: FakeUsbPrinter, product: int = TM_T20II) -> UsbConnection:
    return UsbConnection(EPSON, product, TIMEOUT_S, backend=PrinterBackend(printer))


def test_site_file_kinds_open_the_cable_connections() -> None:
    config = PrinterConfig(kind=PrinterKind.USB, vendor_id=EPSON, product_id=TM_T20II)
    assert isinstance(open_connection(config), UsbConnection)
    serial = open_connection(PrinterConfig(kind=PrinterKind.SERIAL, device="/dev/ttyS0"))
    assert isinstance(serial, SerialConnection) and serial.baudrate == 9600


# -- USB -------------------------------------------------------------------------------------


def test_usb_printer_gets_the_whole_ticket_and_gives_back_its_driver() -> None:
    printer = usb_printer()
    status = usb(printer).send(TICKET)
    assert printer.mind.received() == TICKET
    decoded = decode(printer.mind.received())
    assert decoded.cuts and decoded.qr_payloads
    assert printer.mind.queries == [1, 4, 1, 4]  # before and after the job
    assert (status.online, status.paper, status.error) == (True, PaperState.OK, None)
    assert printer.detaches == 1 and printer.kernel_driver  # usblp bound again after
    assert printer.claimed == [] and printer.opened == printer.closed == 1


def test_usb_near_end_prints_and_warns() -> None:
    printer = usb_printer(Behaviour.NEAR_END)
    status = usb(printer).send(TICKET)
    assert printer.mind.received() == TICKET
    assert status.paper is PaperState.NEAR_END and "nearly finished" in (status.alert or "")


def test_usb_paper_out_is_refused_before_sending() -> None:
    printer = usb_printer(Behaviour.PAPER_OUT)
    with pytest.raises(PrinterFault, match="cannot print now: out of paper") as caught:
        usb(printer).send(TICKET)
    assert printer.mind.received() == b""
    assert caught.value.status.paper is PaperState.OUT


def test_usb_cover_open_is_read_back() -> None:
    status = usb(usb_printer(Behaviour.OFFLINE)).status()
    assert status.online is False and status.error == "offline: cover open"


def test_usb_paper_running_out_during_the_ticket_is_a_fault() -> None:
    printer = usb_printer(Behaviour.RUNS_OUT)
    with pytest.raises(PrinterFault, match="stopped during the ticket: out of paper"):
        usb(printer).send(TICKET)
    assert printer.mind.received() == TICKET


def test_usb_printer_without_status_answers_prints_with_unknown_status() -> None:
    printer = usb_printer(Behaviour.BLACK_HOLE)
    status = usb(printer).send(TICKET)
    assert printer.mind.received() == TICKET
    assert status.online is None and status.can_print


def test_usb_printer_not_plugged_in() -> None:
    with pytest.raises(PrinterError, match="USB printer 04b8:0e28 not found: is it plugged in"):
        usb(usb_printer(), product=0x0E28).send(TICKET)  # another model is on the bus


def test_usb_permission_denied_names_the_udev_rule() -> None:
    printer = usb_printer(deny_access=True)
    with pytest.raises(PrinterError, match="permission denied.*udev rule") as caught:
        usb(printer).status()
    assert caught.value.status.error == "permission denied"  # type: ignore[attr-defined]


# -- serial ----------------------------------------------------------------------------------


def test_serial_printer_on_a_pseudo_terminal_gets_the_ticket() -> None:
    with SerialPrinter() as printer:
        status = SerialConnection(printer.device, 19200, TIMEOUT_S).send(TICKET)
        assert printer.received() == TICKET
        assert printer.queries == [1, 4, 1, 4]
    decoded = decode(printer.received())
    assert any(line.text.strip().startswith("C0") for line in decoded.lines)  # the number
    assert (status.online, status.paper) == (True, PaperState.OK)


def test_serial_near_end_and_cover_open_are_read_back() -> None:
    with SerialPrinter(Behaviour.NEAR_END) as printer:
        near = SerialConnection(printer.device, timeout_s=TIMEOUT_S).status()
    with SerialPrinter(Behaviour.OFFLINE) as printer:
        cover = SerialConnection(printer.device, timeout_s=TIMEOUT_S).status()
        assert printer.queries == [1, 2, 4]  # offline, so it asked why
    assert near.paper is PaperState.NEAR_END and near.can_print
    assert (cover.online, cover.error) == (False, "offline: cover open")


def test_serial_paper_out_is_refused_before_sending() -> None:
    with SerialPrinter(Behaviour.PAPER_OUT) as printer:
        with pytest.raises(PrinterFault, match="out of paper: load a new roll"):
            SerialConnection(printer.device, timeout_s=TIMEOUT_S).send(TICKET)
        assert printer.received() == b""


def test_serial_printer_that_never_answers_is_status_unknown() -> None:
    with SerialPrinter(Behaviour.BLACK_HOLE) as printer:
        status = SerialConnection(printer.device, timeout_s=TIMEOUT_S).send(TICKET)
        assert printer.received() == TICKET
    assert status.online is None and status.paper is PaperState.UNKNOWN


def test_serial_port_missing(tmp_path) -> None:
    with pytest.raises(PrinterError, match="not found: is the cable plugged in"):
        SerialConnection(str(tmp_path / "ttyUSB9"), timeout_s=TIMEOUT_S).status()


# -- kiosk printers --------------------------------------------------------------------------


def test_discovery_lists_usb_printers_with_site_lines(tmp_path) -> None:
    from types import SimpleNamespace

    from printing.discover import device_nodes, serial_ports, usb_printers
    from tests.printing.usb_backend import STAR, TSP143

    backend = PrinterBackend(usb_printer(), usb_printer(vendor=STAR, product=TSP143, address=5))
    found = usb_printers(backend)
    assert [f.name for f in found] == [
        "Seiko Epson TM-T20II (USB bus 1 device 4)",
        "Star Micronics TSP100/TSP143 (USB bus 1 device 5)",
    ]
    assert found[0].site_lines == ('kind = "usb"', "vendor_id = 0x04b8", "product_id = 0x0e15")
    port = SimpleNamespace(device="/dev/ttyUSB0", description="FT232R USB UART")
    assert serial_ports([port])[0].site_lines[1] == 'device = "/dev/ttyUSB0"'
    (tmp_path / "lp0").touch()
    assert device_nodes(tmp_path)[0].site_lines == ('kind = "file"', f'device = "{tmp_path}/lp0"')


def test_pasted_lines_make_a_valid_printer_config() -> None:
    import tomllib

    from printing.discover import usb_printers

    lines = usb_printers(PrinterBackend(usb_printer()))[0].site_lines
    config = PrinterConfig.from_mapping(tomllib.loads("\n".join(lines)))
    assert (config.kind, config.vendor_id, config.product_id) == ("usb", EPSON, TM_T20II)
