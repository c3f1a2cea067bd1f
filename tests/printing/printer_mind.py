"""What a receipt printer makes of the bytes it gets, whatever the cable: keeps the job bytes,
answers ``DLE EOT n`` with the status bytes an Epson printer would send.

The network peer (``printer_peer``, one byte stream per client connection), the USB backend
and the serial pseudo-terminal printer of these tests all feed it. The behaviours are named
here (``printer_peer`` re-exports them, where most tests import them from).
"""

from __future__ import annotations

import threading
from enum import Enum


class Behaviour(Enum):
    ONLINE = "online"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    RUNS_OUT = "runs_out"
    DISCONNECT = "disconnect"
    BLACK_HOLE = "black_hole"
    BACKLOG_FULL = "backlog_full"


DLE_EOT = b"\x10\x04"

# Answers to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause), 4 (paper sensor).
# Fixed bits 1 and 4 are set in every answer (0x12).
ANSWERS: dict[Behaviour, dict[int, int]] = {
    Behaviour.ONLINE: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    Behaviour.NEAR_END: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 | 0x0C},
    Behaviour.PAPER_OUT: {1: 0x12 | 0x08, 2: 0x12 | 0x20, 3: 0x12, 4: 0x12 | 0x0C | 0x60},
    Behaviour.OFFLINE: {1: 0x12 | 0x08, 2: 0x12 | 0x04, 3: 0x12, 4: 0x12},
    Behaviour.BLACK_HOLE: {},  # takes everything, answers nothing (a one-way printer)
}
ANSWERS[Behaviour.DISCONNECT] = ANSWERS[Behaviour.ONLINE]  # answers until it hangs up


class PrinterMind:
    """Thread-safe; ``feed(chunk)`` returns the bytes to send back. Bytes of separate
    streams (``stream``: a network printer's client connections) are parsed apart, their
    job bytes kept together."""

    def __init__(self, behaviour: Behaviour = Behaviour.ONLINE) -> None:
        self.behaviour = behaviour
        self.data = bytearray()
        self.queries: list[int] = []
        self._pending: dict[object, bytearray] = {}
        self._lock = threading.Lock()

    def _answers(self) -> dict[int, int]:
        if self.behaviour is Behaviour.RUNS_OUT:
            return ANSWERS[Behaviour.PAPER_OUT if self.data else Behaviour.ONLINE]
        return ANSWERS[self.behaviour]

    def feed(self, chunk: bytes, stream: object = None) -> bytes:
        with self._lock:
            buf = self._pending.setdefault(stream, bytearray())
            buf += chunk
            reply = bytearray()
            i = 0
            while i < len(buf):
                if buf[i : i + 2] == DLE_EOT:
                    if i + 2 >= len(buf):
                        break  # the rest of the query is still on the way
                    n = buf[i + 2]
                    self.queries.append(n)
                    if (answer := self._answers().get(n)) is not None:
                        reply.append(answer)
                    i += 3
                    continue
                self.data.append(buf[i])
                i += 1
            del buf[:i]
            return bytes(reply)

    def forget(self, stream: object) -> None:
        """``stream`` ended (its half-sent query with it)."""
        with self._lock:
            self._pending.pop(stream, None)

    def received(self) -> bytes:
        with self._lock:
            return bytes(self.data)
