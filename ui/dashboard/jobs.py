"""Long work in steps: each step runs off the GUI thread (:class:`ui.ops.Op`), one after the
other, and the window shows how far it got. A year's report is prepared a month at a time,
an export written a month at a time, so the window never freezes and can be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.ops import Op


class Steps(QObject):
    """Signals: ``progress(done: int, total: int)``, ``done(results: list)``,
    ``failed(error: object)``, ``cancelled()``. Exactly one of the last three comes."""

    progress = Signal(int, int)
    done = Signal(list)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QObject, steps: list[Callable[[], Any]]):
        super().__init__(parent)
        self._steps = list(steps)
        self.results: list[Any] = []
        self._cancel = False
        self.running = False

    @property
    def total(self) -> int:
        return len(self._steps)

    def start(self) -> Steps:
        self.running = True
        self.progress.emit(0, self.total)
        self._next()
        return self

    def cancel(self) -> None:
        self._cancel = True

    def _next(self) -> None:
        if self._cancel:
            self.running = False
            self.cancelled.emit()
        elif len(self.results) == len(self._steps):
            self.running = False
            self.done.emit(self.results)
        else:
            Op(self, self._steps[len(self.results)]).success(self._stepped).failure(
                self._failed
            ).run()

    def _stepped(self, result: Any) -> None:
        self.results.append(result)
        self.progress.emit(len(self.results), self.total)
        self._next()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.failed.emit(error)
