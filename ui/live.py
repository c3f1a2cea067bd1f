"""The hub's live event stream, as Qt signals on the GUI thread.

A Python thread reads the SSE stream and reconnects by itself with exponential backoff
(0.25 s doubling, capped at 5 s, with jitter), resuming after the last event seen, so a
screen survives a hub restart or a cut cable without anyone touching it.

Signals: ``event(dict)`` for each change; ``connected(bool)`` when the link comes or goes.
"""

from __future__ import annotations

import random
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.client import HubClient
from kiosk.errors import KioskError

BACKOFF_START_S, BACKOFF_MAX_S = 0.25, 5.0


class LiveEvents(QObject):
    event = Signal(dict)
    connected = Signal(bool)

    def __init__(self, client: HubClient, parent: QObject | None = None,
                 read_timeout: float = 30.0):
        super().__init__(parent)
        self._client, self._read_timeout = client, read_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_seq: int | None = None
        self.is_connected = False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kiosk-live", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        try:
            self._follow()
        finally:  # stopped or not, the link is gone once this thread ends
            self._set_connected(False)

    def _follow(self) -> None:
        delay = BACKOFF_START_S
        while not self._stop.is_set():
            try:
                for item in self._client.events(self.last_seq, self._read_timeout):
                    if self._stop.is_set():
                        return
                    if item["event"] == "hello":
                        if self.last_seq is None:
                            self.last_seq = item.get("seq")
                        self._set_connected(True)
                        delay = BACKOFF_START_S
                        continue
                    self.last_seq = item.get("seq", self.last_seq)
                    self._emit(self.event, item)
            except KioskError:
                pass
            except Exception:  # a malformed line must not kill the screen's link for good
                pass
            self._set_connected(False)
            self._stop.wait(delay * random.uniform(0.8, 1.2))
            delay = min(BACKOFF_MAX_S, delay * 2)

    def _set_connected(self, value: bool) -> None:
        if value != self.is_connected:
            self.is_connected = value
            self._emit(self.connected, value)

    def _emit(self, signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the screen was destroyed
            self._stop.set()
