"""A pretend network receipt printer on 127.0.0.1, for tests of the real socket code.

It listens on an ephemeral port in a thread, keeps the ESC/POS bytes it receives and
answers ``DLE EOT n`` status queries with the bytes an Epson printer would send, so the
client under test is exercised over real TCP. One behaviour per peer:

- ``ONLINE``: a healthy printer;
- ``NEAR_END``: online, paper roll near its end;
- ``PAPER_OUT``: offline because it stopped at the end of the paper;
- ``OFFLINE``: offline with its cover open, paper fine;
- ``RUNS_OUT``: online with paper until it has received some job bytes, then out of paper;
- ``DISCONNECT``: closes the connection after ``disconnect_after`` bytes (mid-job);
- ``BLACK_HOLE``: accepts connections, never reads, never answers;
- ``BACKLOG_FULL``: never accepts, and its one-place queue is taken, so connecting times out.

No sleeps: one thread multiplexes the listening socket, the clients and a wake-up pipe.
"""

from __future__ import annotations

import selectors
import socket
import threading
from dataclasses import dataclass, field
from enum import Enum
from types import TracebackType

DLE_EOT = b"\x10\x04"


class Behaviour(Enum):
    ONLINE = "online"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    RUNS_OUT = "runs_out"
    DISCONNECT = "disconnect"
    BLACK_HOLE = "black_hole"
    BACKLOG_FULL = "backlog_full"


# Answers to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause), 4 (paper sensor).
# Fixed bits 1 and 4 are set in every answer (0x12).
_ANSWERS: dict[Behaviour, dict[int, int]] = {
    Behaviour.ONLINE: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    Behaviour.NEAR_END: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 | 0x0C},
    Behaviour.PAPER_OUT: {1: 0x12 | 0x08, 2: 0x12 | 0x20, 3: 0x12, 4: 0x12 | 0x0C | 0x60},
    Behaviour.OFFLINE: {1: 0x12 | 0x08, 2: 0x12 | 0x04, 3: 0x12, 4: 0x12},
}
_ANSWERS[Behaviour.DISCONNECT] = _ANSWERS[Behaviour.ONLINE]


@dataclass
class _Client:
    sock: socket.socket
    pending: bytearray = field(default_factory=bytearray)
    received: int = 0


class PrinterPeer:
    """Use as a context manager; ``host``/``port`` are valid inside it.

    ``data`` is everything received except the status queries, ``queries`` the ``n`` of
    every ``DLE EOT n`` answered, ``connections`` how many clients were accepted.
    """

    def __init__(self, behaviour: Behaviour = Behaviour.ONLINE, *, disconnect_after: int = 64):
        self.behaviour = behaviour
        self.disconnect_after = disconnect_after
        self.host = "127.0.0.1"
        self.port = 0
        self.data = bytearray()
        self.queries: list[int] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._selector = selectors.DefaultSelector()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._wake_r, self._wake_w = socket.socketpair()
        self._held: list[socket.socket] = []  # black-hole and backlog sockets, never read
        self._thread = threading.Thread(target=self._run, name=f"printer-peer-{behaviour.value}")

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> PrinterPeer:
        self._listener.bind((self.host, 0))
        self.port = self._listener.getsockname()[1]
        if self.behaviour is Behaviour.BACKLOG_FULL:
            self._listener.listen(0)  # Linux queues backlog + 1 = one connection...
            filler = socket.create_connection((self.host, self.port), timeout=1)
            self._held.append(filler)  # ...and this one takes the place
        else:
            self._listener.listen(8)
            self._listener.setblocking(False)
            self._selector.register(self._listener, selectors.EVENT_READ, "accept")
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._wake_w.send(b"x")
        self._thread.join(timeout=5)
        assert not self._thread.is_alive(), "printer peer thread did not stop"
        for key in list(self._selector.get_map().values()):
            if isinstance(key.data, _Client):
                key.data.sock.close()
        self._selector.close()
        for sock in (*self._held, self._listener, self._wake_r, self._wake_w):
            sock.close()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def received(self) -> bytes:
        with self._lock:
            return bytes(self.data)

    # -- the serving thread ----------------------------------------------------------------
    def _run(self) -> None:
        while True:
            for key, _ in self._selector.select():
                if key.data == "wake":
                    return
                if key.data == "accept":
                    self._accept()
                else:
                    self._read(key.data)

    def _accept(self) -> None:
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        with self._lock:
            self.connections += 1
        if self.behaviour is Behaviour.BLACK_HOLE:
            self._held.append(sock)  # accepted, never read, never answered
            return
        sock.setblocking(False)
        self._selector.register(sock, selectors.EVENT_READ, _Client(sock))

    def _read(self, client: _Client) -> None:
        want = 4096
        if self.behaviour is Behaviour.DISCONNECT:
            want = max(1, self.disconnect_after - client.received)
        try:
            chunk = client.sock.recv(want)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._drop(client)
            return
        client.received += len(chunk)
        client.pending += chunk
        self._serve(client)
        if self.behaviour is Behaviour.DISCONNECT and client.received >= self.disconnect_after:
            self._drop(client)  # unread bytes left in the kernel make this a reset

    def _answers(self, printed: bool) -> dict[int, int]:
        if self.behaviour is Behaviour.RUNS_OUT:
            return _ANSWERS[Behaviour.PAPER_OUT if printed else Behaviour.ONLINE]
        return _ANSWERS[self.behaviour]

    def _drop(self, client: _Client) -> None:
        self._selector.unregister(client.sock)
        client.sock.close()

    def _serve(self, client: _Client) -> None:
        """Answer the complete ``DLE EOT n`` in ``pending``; keep everything else as data."""
        buf = client.pending
        out = bytearray()
        i = 0
        while i < len(buf):
            if buf[i : i + 2] == DLE_EOT:
                if i + 2 >= len(buf):
                    break  # the rest of the query is still on the way
                n = buf[i + 2]
                answer = self._answers(printed=bool(out or self.data)).get(n)
                with self._lock:
                    self.queries.append(n)
                if answer is not None:
                    client.sock.sendall(bytes([answer]))
                i += 3
                continue
            out.append(buf[i])
            i += 1
        del buf[:i]
        with self._lock:
            self.data += out


def free_port() -> int:
    """A loopback port with nobody listening (connecting to it is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
