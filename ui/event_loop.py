"""Letting Qt's event loop run from a script: the demo and the screens' ``--shots`` scripts.

A script that drives screens (tap, wait for the hub's answer, grab a PNG) has no event loop
of its own to return to, so it lets Qt run here: for a while, or until a condition holds.
These live apart from :mod:`ui.demo` because each screen's ``shots`` module needs them and
the demo imports those modules: kept in the demo, they made an import circle.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer


def pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the demo screen did not reach the expected state")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
