"""A fault-injecting HTTP/1.1 proxy on loopback, between a sending hub and a receiving one.

Each request to a sync path takes the next fault of :attr:`FaultProxy.plan` (None: pass it
through). Faults act on real sockets:
- ``drop_reply``: the request reaches the receiver, its reply is thrown away and the
  sender's connection reset (the receiver committed, the sender never knows);
- ``reset_mid_body``: half the body reaches the receiver, then both sockets are reset;
- ``truncate``: half the body reaches the receiver, then both connections are closed
  cleanly (FIN), as a proxy or a line that gives up would: a body shorter than announced;
- ``status:N``: the proxy answers ``N`` (a 5xx of a gateway) and forwards nothing;
- ``status_after:N``: the request goes through (the receiver commits), then the proxy
  answers ``N`` instead of the receiver's reply;
- ``duplicate``: the request is delivered twice (the second copy on a new connection);
- ``delay:S``: held S seconds before it goes on;
- ``late``: held back and the sender's connection reset; the held copy is delivered
  later, after the next request went through (an old packet arriving after newer ones).

:attr:`FaultProxy.on_reply`, when set, may rewrite each reply the receiver sent before the
sender gets it (a test speaking for another version of the receiver).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Seen:
    path: str
    fault: str | None
    status: int | None


def _recv_until(sock: socket.socket, buffer: bytearray, marker: bytes) -> int:
    while True:
        index = buffer.find(marker)
        if index >= 0:
            return index
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer.extend(chunk)


def _recv_exact(sock: socket.socket, buffer: bytearray, size: int) -> None:
    while len(buffer) < size:
        chunk = sock.recv(max(65536, size - len(buffer)))
        if not chunk:
            raise ConnectionError("closed")
        buffer.extend(chunk)


def read_message(sock: socket.socket, buffer: bytearray) -> tuple[bytes, bytes]:
    """One HTTP message (head, body) from ``sock``; leftover bytes stay in ``buffer``."""
    end = _recv_until(sock, buffer, b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    del buffer[:end]
    headers = {
        line.split(b":", 1)[0].strip().lower(): line.split(b":", 1)[1].strip()
        for line in head.split(b"\r\n")[1:]
        if b":" in line
    }
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = bytearray()
        while True:
            line_end = _recv_until(sock, buffer, b"\r\n")
            size = int(bytes(buffer[:line_end]).split(b";")[0], 16)
            del buffer[: line_end + 2]
            _recv_exact(sock, buffer, size + 2)
            body.extend(buffer[:size])
            del buffer[: size + 2]
            if size == 0:
                break
        head = head.replace(b"Transfer-Encoding: chunked", b"Content-Length: %d" % len(body))
        head = head.replace(b"transfer-encoding: chunked", b"content-length: %d" % len(body))
        return head, bytes(body)
    length = int(headers.get(b"content-length", b"0"))
    _recv_exact(sock, buffer, length)
    body = bytes(buffer[:length])
    del buffer[:length]
    return head, body


def reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a crashed peer or a cut line would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def _status_reply(status: int) -> bytes:
    """A gateway's error page: unsigned, as a real proxy in between would answer."""
    body = b"<html><body>proxy error</body></html>"
    return (
        b"HTTP/1.1 %d Proxy Error\r\ncontent-type: text/html\r\ncontent-length: %d\r\n\r\n"
        % (status, len(body))
        + body
    )


@dataclass
class FaultProxy:
    upstream: tuple[str, int] | None = None
    plan: list[str | None] = field(default_factory=list)
    paths: tuple[str, ...] = ("/sync/v1/batches",)
    seen: list[Seen] = field(default_factory=list)
    #: Every request that went through, as (head, body) bytes off the wire.
    wire: list[tuple[bytes, bytes]] = field(default_factory=list)
    #: ``(request head, reply) -> reply``: rewrites the receiver's replies (None: as they are).
    on_reply: Callable[[bytes, bytes], bytes] | None = None

    def __post_init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._late: list[bytes] = []
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        self._accept.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self._accept.join(5)
        self._server.close()

    def faults(self, *plan: str | None) -> None:
        with self._lock:
            self.plan = list(plan)

    def statuses(self, fault: str | None = "*") -> list[int | None]:
        with self._lock:
            return [s.status for s in self.seen if fault == "*" or s.fault == fault]

    def _next_fault(self, path: str) -> str | None:
        with self._lock:
            if not path.startswith(self.paths) or not self.plan:
                return None
            return self.plan.pop(0)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._connection, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _open_upstream(self) -> socket.socket:
        if self.upstream is None:
            raise ConnectionRefusedError("the proxy has no upstream yet")
        return socket.create_connection(self.upstream, timeout=30)

    def _exchange(self, request: bytes) -> tuple[bytes, int]:
        upstream = self._open_upstream()
        try:
            upstream.sendall(request)
            head, body = read_message(upstream, bytearray())
            return head + body, int(head.split(b" ", 2)[1])
        finally:
            with contextlib.suppress(OSError):
                upstream.close()

    def _connection(self, client: socket.socket) -> None:
        buffer = bytearray()
        client.settimeout(60)
        try:
            while not self._stop.is_set():
                try:
                    head, body = read_message(client, buffer)
                except (ConnectionError, OSError, ValueError):
                    return
                path = head.split(b" ", 2)[1].decode(errors="replace")
                request = head + body
                with self._lock:
                    self.wire.append((head, body))
                fault = self._next_fault(path)
                if fault == "reset_mid_body" and self.upstream is not None:
                    upstream = self._open_upstream()
                    upstream.sendall(head + body[: max(1, len(body) // 2)])
                    time.sleep(0.05)
                    reset(upstream)
                    self._record(path, fault, None)
                    reset(client)
                    return
                if fault == "truncate" and self.upstream is not None:
                    upstream = self._open_upstream()
                    upstream.sendall(head + body[: max(1, len(body) // 2)])
                    with contextlib.suppress(OSError):
                        upstream.shutdown(socket.SHUT_WR)
                        upstream.recv(65536)  # the receiver's answer to a short body, if any
                    upstream.close()
                    self._record(path, fault, None)
                    client.close()
                    return
                if fault and fault.startswith("status:"):
                    self._record(path, fault, None)
                    client.sendall(_status_reply(int(fault.split(":", 1)[1])))
                    continue
                if fault == "late":
                    with self._lock:
                        self._late.append(request)
                    self._record(path, fault, None)
                    reset(client)
                    return
                if fault and fault.startswith("delay:"):
                    time.sleep(float(fault.split(":", 1)[1]))
                try:
                    reply, status = self._exchange(request)
                except (ConnectionError, OSError):
                    self._record(path, fault, None)
                    reset(client)
                    return
                self._record(path, fault, status)
                if fault == "duplicate":
                    try:
                        _, again = self._exchange(request)
                    except (ConnectionError, OSError):
                        again = None
                    self._record(path, "duplicate-copy", again)
                if fault == "drop_reply":
                    reset(client)
                    return
                if fault and fault.startswith("status_after:"):
                    reply = _status_reply(int(fault.split(":", 1)[1]))
                elif self.on_reply is not None:
                    reply = self.on_reply(head, reply)
                client.sendall(reply)
                self._deliver_late()
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _deliver_late(self) -> None:
        with self._lock:
            late, self._late = self._late, []
        for request in late:
            path = request.split(b" ", 2)[1].decode(errors="replace")
            try:
                _, status = self._exchange(request)
            except (ConnectionError, OSError):
                status = None
            self._record(path, "late-copy", status)

    def _record(self, path: str, fault: str | None, status: int | None) -> None:
        with self._lock:
            self.seen.append(Seen(path, fault, status))
