"""Real sockets against a pretend printer: every fault is reported, never a hang.

The short timeouts show in the messages ("within 0.3 s"); how fast a fault is reported is
the bench's business, not a clock in a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import PrinterError
from printing.config import PrinterConfig, PrinterKind
from printing.connections import (
    DeviceFileConnection,
    NetworkConnection,
    PreviewConnection,
    open_connection,
)
from printing.layout import ticket_layout
from printing.render import render_layout, render_ticket
from printing.status import PaperState, PrinterFault
from tests.printing.printer_peer import Behaviour, PrinterPeer, free_port
from tests.printing.tickets import make_view

TIMEOUT_S = 0.3


def network(peer: PrinterPeer) -> NetworkConnection:
    return NetworkConnection(peer.host, peer.port, timeout_s=TIMEOUT_S)


TICKET = render_ticket(make_view("fr"))


def test_online_printer_gets_the_whole_ticket() -> None:
    with PrinterPeer(Behaviour.ONLINE) as peer:
        status = network(peer).send(TICKET)
        assert peer.received() == TICKET
        assert peer.queries == [1, 4, 1, 4]  # before and after the job
    assert (status.online, status.paper, status.error) == (True, PaperState.OK, None)
    assert status.can_print and status.alert is None


def test_status_of_an_online_printer() -> None:
    with PrinterPeer(Behaviour.ONLINE) as peer:
        status = network(peer).status()
        assert peer.received() == b""
    assert (status.online, status.paper) == (True, PaperState.OK)


def test_near_end_prints_and_warns() -> None:
    with PrinterPeer(Behaviour.NEAR_END) as peer:
        status = network(peer).send(TICKET)
        assert peer.received() == TICKET
    assert status.paper is PaperState.NEAR_END and status.can_print
    assert status.alert is not None and "nearly finished" in status.alert


def test_paper_out_is_refused_before_sending() -> None:
    with PrinterPeer(Behaviour.PAPER_OUT) as peer:
        with pytest.raises(PrinterError, match="out of paper: load a new roll") as caught:
            network(peer).send(TICKET)
        assert peer.received() == b""  # no half ticket waiting in the printer
    assert isinstance(caught.value, PrinterFault)
    assert caught.value.status.paper is PaperState.OUT
    assert caught.value.status.online is False


def test_paper_out_status_says_why() -> None:
    with PrinterPeer(Behaviour.PAPER_OUT) as peer:
        status = network(peer).status()
        assert peer.queries == [1, 2, 4]  # offline, so it asked why
    assert (status.online, status.paper) == (False, PaperState.OUT)
    assert status.error == "out of paper: load a new roll"


def test_offline_printer_is_refused_with_its_cause() -> None:
    with PrinterPeer(Behaviour.OFFLINE) as peer:
        with pytest.raises(PrinterError, match="offline: cover open") as caught:
            network(peer).send(TICKET)
        assert peer.received() == b""
    assert str(caught.value).startswith(f"network printer 127.0.0.1:{peer.port}")
    assert caught.value.status.online is False  # type: ignore[attr-defined]


def test_paper_running_out_during_the_ticket_is_a_fault() -> None:
    with PrinterPeer(Behaviour.RUNS_OUT) as peer:
        with pytest.raises(PrinterError, match="stopped during the ticket: out of paper"):
            network(peer).send(TICKET)
        assert peer.received() == TICKET


def test_disconnect_mid_job_is_a_fault() -> None:
    with PrinterPeer(Behaviour.DISCONNECT, disconnect_after=64) as peer:
        with pytest.raises(PrinterError, match="during the ticket, which may be incomplete"):
            network(peer).send(TICKET)
        assert 0 < len(peer.received()) < len(TICKET)


def test_black_hole_times_out() -> None:
    with PrinterPeer(Behaviour.BLACK_HOLE) as peer:
        with pytest.raises(PrinterError, match=r"did not answer its status query.*0\.3 s"):
            network(peer).send(TICKET)
        assert peer.connections == 1


def test_black_hole_status_times_out() -> None:
    with (
        PrinterPeer(Behaviour.BLACK_HOLE) as peer,
        pytest.raises(PrinterError, match="did not answer"),
    ):
        network(peer).status()


def test_connect_timeout_when_the_printer_accepts_nobody() -> None:
    with (
        PrinterPeer(Behaviour.BACKLOG_FULL) as peer,
        pytest.raises(PrinterError, match=r"did not accept a connection within 0\.3 s"),
    ):
        network(peer).send(TICKET)


def test_connection_refused() -> None:
    port = free_port()
    with pytest.raises(PrinterError, match="refused the connection") as caught:
        NetworkConnection("127.0.0.1", port, TIMEOUT_S).send(TICKET)
    assert caught.value.status.online is False  # type: ignore[attr-defined]


def test_default_network_timeout_is_short() -> None:
    config = PrinterConfig(kind=PrinterKind.NETWORK, host="127.0.0.1")
    connection = open_connection(config)
    assert isinstance(connection, NetworkConnection)
    assert (connection.port, connection.timeout_s) == (9100, 3.0)


def test_file_connection_writes_to_an_existing_node(tmp_path: Path) -> None:
    node = tmp_path / "lp0"
    node.touch()
    status = DeviceFileConnection(node, TIMEOUT_S).send(TICKET)
    assert node.read_bytes() == TICKET
    assert status.online is None and status.paper is PaperState.UNKNOWN


def test_file_connection_never_creates_a_missing_node(tmp_path: Path) -> None:
    node = tmp_path / "lp0"
    with pytest.raises(PrinterError, match="not found: is it plugged in"):
        DeviceFileConnection(node, TIMEOUT_S).send(TICKET)
    assert not node.exists()
    assert DeviceFileConnection(node).status().online is False


def test_file_connection_times_out_on_a_printer_that_takes_nothing(tmp_path: Path) -> None:
    """A FIFO nobody reads fills up like a stuck ``usblp`` node: the write must give up."""
    import os

    fifo = tmp_path / "stuck"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # opened, never read
    try:
        with pytest.raises(PrinterError, match="did not take the ticket"):
            DeviceFileConnection(fifo, TIMEOUT_S).send(b"x" * (1 << 20))
    finally:
        os.close(reader)


def test_preview_connection_writes_bin_and_png(tmp_path: Path) -> None:
    layout = ticket_layout(make_view("nl"))
    data = render_layout(layout)
    connection = open_connection(PrinterConfig(folder=tmp_path / "out"))
    assert isinstance(connection, PreviewConnection)
    status = connection.send(data, ticket=layout)
    assert status.online is True
    files = connection.last_files
    assert files is not None and files.png is not None
    assert files.bin.read_bytes() == data
    assert files.png.exists()


def test_preview_into_an_unwritable_place_is_a_printer_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    connection = PreviewConnection(blocker / "tickets")
    with pytest.raises(PrinterError, match="cannot write the ticket"):
        connection.send(TICKET)
    assert connection.status().online is False
