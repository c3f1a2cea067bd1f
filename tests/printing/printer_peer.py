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
from dataclasses import dataclass
from types import TracebackType

from tests.printing.printer_mind import Behaviour, PrinterMind

__all__ = ["Behaviour", "PrinterPeer", "free_port"]


@dataclass(eq=False)  # one byte stream of the mind: hashed by identity
class _Client:
    sock: socket.socket
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
        self.mind = PrinterMind(behaviour)
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

    @property
    def data(self) -> bytearray:
        """Everything received except the status queries."""
        return self.mind.data

    @property
    def queries(self) -> list[int]:
        """The ``n`` of every ``DLE EOT n`` received."""
        return self.mind.queries

    def received(self) -> bytes:
        return self.mind.received()

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
        answer = self.mind.feed(chunk, stream=client)
        if answer:
            client.sock.sendall(answer)
        if self.behaviour is Behaviour.DISCONNECT and client.received >= self.disconnect_after:
            self._drop(client)  # unread bytes left in the kernel make this a reset

    def _drop(self, client: _Client) -> None:
        self._selector.unregister(client.sock)
        client.sock.close()
        self.mind.forget(client)


def free_port() -> int:
    """A loopback port with nobody listening (connecting to it is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
