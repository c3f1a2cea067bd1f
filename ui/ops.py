"""Running hub calls (and other slow work) off the GUI thread.

``Op(parent, fn).success(cb).failure(cb).run()`` runs ``fn`` on a worker thread and calls
``cb`` on the GUI thread with the result or the exception. Every screen uses it; no slot
calls the network, the database or the printer directly. If ``parent`` is gone by the time
the work ends (a screen closed), the result is dropped quietly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_POOL: QThreadPool | None = None
POOL_THREADS = 4


def pool() -> QThreadPool:
    """A pool of its own: the global one has as many threads as cores (two here), and a
    slow printer must not hold up hub calls."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(POOL_THREADS)
    return _POOL


class _Relay(QObject):
    """Lives on the GUI thread; its signal, emitted from the worker, is queued to it."""

    finished = Signal(bool, object)

    def __init__(self, parent: QObject, on_success, on_failure):
        super().__init__(parent)
        self._on_success, self._on_failure = on_success, on_failure
        self.finished.connect(self._deliver)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        try:
            if ok:
                self._on_success(value)
            else:
                self._on_failure(value)
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self._fn, self._relay = fn, relay

    def run(self) -> None:
        try:
            result, ok = self._fn(), True
        except Exception as exc:  # delivered to the failure callback on the GUI thread
            result, ok = exc, False
        with contextlib.suppress(RuntimeError):  # the screen that asked may be gone
            self._relay.finished.emit(ok, result)


class Op:
    def __init__(self, parent: QObject, fn: Callable[[], Any]):
        self._parent, self._fn = parent, fn
        self._success: Callable[[Any], None] = lambda _: None
        self._failure: Callable[[Exception], None] = default_failure

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Op:
        self._failure = callback
        return self

    def run(self) -> None:
        relay = _Relay(self._parent, self._success, self._failure)
        pool().start(_Job(self._fn, relay))


def default_failure(error: Exception) -> None:
    from ui.messages import bus

    bus().error(str(error))


def wait_for_pool(msecs: int = 5000) -> bool:
    """Tests and shutdown: let running jobs end."""
    return pool().waitForDone(msecs)
