"""The facade the kiosk screen uses: it reports faults, it never loses a ticket by raising."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from printing.config import PrinterConfig, PrinterKind
from printing.printer import TicketPrinter
from printing.status import PaperState, PrinterStatus
from tests.printing.escpos_decoder import decode
from tests.printing.printer_peer import Behaviour, PrinterPeer, free_port
from tests.printing.tickets import STATUS_URL, make_view


def network_printer(port: int) -> TicketPrinter:
    return TicketPrinter(
        PrinterConfig(kind=PrinterKind.NETWORK, host="127.0.0.1", port=port, timeout_s=0.3)
    )


def test_prints_a_ticket_on_a_network_printer() -> None:
    with PrinterPeer(Behaviour.ONLINE) as peer:
        result = network_printer(peer.port).print_ticket(make_view("fr"))
        decoded = decode(peer.received())
    assert result.ok and result.error is None and result.alert is None
    assert result.number == "C012" and result.bytes_sent == decoded.length
    assert decoded.qr_payloads == [STATUS_URL.encode()] and decoded.cuts


def test_near_end_is_printed_with_an_alert() -> None:
    with PrinterPeer(Behaviour.NEAR_END) as peer:
        result = network_printer(peer.port).print_ticket(make_view("en"))
    assert result.ok and result.status.paper is PaperState.NEAR_END
    assert result.alert == "paper roll nearly finished: prepare a new roll"


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (Behaviour.PAPER_OUT, "out of paper"),
        (Behaviour.OFFLINE, "cover open"),
        (Behaviour.DISCONNECT, "may be incomplete"),
        (Behaviour.BLACK_HOLE, "did not answer"),
    ],
)
def test_faults_are_results_not_exceptions(behaviour: Behaviour, message: str) -> None:
    with PrinterPeer(behaviour) as peer:
        result = network_printer(peer.port).print_ticket(make_view("nl"))
    assert not result.ok and result.error is not None and message in result.error
    assert result.alert == result.error and result.bytes_sent == 0


def test_paper_out_reaches_the_status_of_the_result() -> None:
    with PrinterPeer(Behaviour.PAPER_OUT) as peer:
        result = network_printer(peer.port).print_ticket(make_view())
    assert (result.status.online, result.status.paper) == (False, PaperState.OUT)


def test_status_never_raises() -> None:
    printer = network_printer(free_port())
    status = printer.status()
    assert status.online is False and status.error == "connection refused"
    with PrinterPeer(Behaviour.OFFLINE) as peer:
        status = network_printer(peer.port).status()
    assert status.online is False and status.error == "offline: cover open"


def test_a_bug_in_rendering_is_still_a_result(tmp_path: Path) -> None:
    printer = TicketPrinter(PrinterConfig(folder=tmp_path, profile="no-such-printer"))
    result = printer.print_ticket(make_view())
    assert not result.ok and result.error is not None
    assert "unknown printer profile" in result.error


class _ExplodingConnection:
    description = "a connection with a bug"

    def send(self, data: bytes, **_: object) -> PrinterStatus:
        raise RuntimeError("boom")

    def status(self) -> PrinterStatus:
        return PrinterStatus(online=None)


def test_an_unexpected_error_is_still_a_result(tmp_path: Path) -> None:
    printer = TicketPrinter(PrinterConfig(folder=tmp_path), connection=_ExplodingConnection())
    result = printer.print_ticket(make_view())
    assert not result.ok and result.error == "printing failed unexpectedly (RuntimeError: boom)"


def test_test_ticket_on_preview(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 28, 13, 5, tzinfo=UTC))
    printer = TicketPrinter(PrinterConfig(folder=tmp_path), clock=clock)
    result = printer.print_test("France Services de Saint-Cœur")
    assert result.ok and result.status.online is True
    (bin_file,) = tmp_path.glob("T001-*.bin")
    assert bin_file.with_suffix(".png").exists()
    text = decode(bin_file.read_bytes()).text
    assert "é è ç à ù œ €" in text and "PRIORITAIRE" in text
    assert printer.status().online is True
