"""A serial receipt printer at the far end of a real pseudo-terminal pair (``os.openpty``).

The code under test opens the slave side (``/dev/pts/N``) with pyserial as it would open
``/dev/ttyS0``; a thread on the master side reads what arrives, gives it to a
``PrinterMind`` and writes its status answers back down the line. No sleeps: the thread
waits on the master and a wake-up pipe.
"""

from __future__ import annotations

import os
import selectors
import threading
from types import TracebackType

from tests.printing.printer_mind import Behaviour, PrinterMind


class SerialPrinter:
    """Use as a context manager; ``device`` is the path to give the connection."""

    def __init__(self, behaviour: Behaviour = Behaviour.ONLINE) -> None:
        self.mind = PrinterMind(behaviour)
        self._master, self._slave = os.openpty()
        self.device = os.ttyname(self._slave)
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="serial-printer")

    def __enter__(self) -> SerialPrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        os.write(self._wake_w, b"x")
        self._thread.join(timeout=5)
        assert not self._thread.is_alive(), "serial printer thread did not stop"
        for fd in (self._master, self._slave, self._wake_r, self._wake_w):
            os.close(fd)

    def received(self) -> bytes:
        return self.mind.received()

    @property
    def queries(self) -> list[int]:
        return self.mind.queries

    def _run(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._master, selectors.EVENT_READ, "line")
            selector.register(self._wake_r, selectors.EVENT_READ, "wake")
            while True:
                for key, _ in selector.select():
                    if key.data == "wake":
                        return
                    try:
                        chunk = os.read(self._master, 4096)
                    except OSError:  # EIO: nobody holds the slave side right now
                        chunk = b""
                    if chunk and (reply := self.mind.feed(chunk)):
                        os.write(self._master, reply)
