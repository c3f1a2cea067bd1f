"""A message bridge: any code can report info, warnings and errors; a screen shows them.

Messages are kept until a screen is listening, then delivered as signals; screens show
them as banners (never a blocking dialog on a touchscreen). Tests listen and assert.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageBus(QObject):
    """Signals: ``message(level: str, text: str)`` with level info | warning | error."""

    message = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.history: list[tuple[str, str]] = []

    def info(self, text: str) -> None:
        self._send("info", text)

    def warning(self, text: str) -> None:
        self._send("warning", text)

    def error(self, text: str) -> None:
        self._send("error", text)

    def _send(self, level: str, text: str) -> None:
        self.history.append((level, text))
        del self.history[:-100]
        self.message.emit(level, text)


_BUS: MessageBus | None = None


def bus() -> MessageBus:
    global _BUS
    if _BUS is None:
        _BUS = MessageBus()
    return _BUS
