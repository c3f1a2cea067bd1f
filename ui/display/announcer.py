"""Announcing calls one after another: a chime, then the sentence in the visitor's language.

Calls that arrive together (two counters calling in the same second) wait their turn, so
no announcement cuts another short: the next one is handed to the speaker only once the
speaker says the previous one has finished (then a short breath). The queue is bounded:
past a few pending sentences the oldest are dropped (the screen still shows every call),
so a burst can neither grow memory nor keep the room listening for minutes.

The chime and the sentence are one sound (see :mod:`ui.speech`), so the chime always
plays right before its own sentence. A speaker that never reports its end is cut off by a
guard timer; without any audio device the queue runs on at once, in silence.

Signals: ``started(str, str)`` (text, language) as a sentence starts; ``ended(str, str)``
once it has played; ``idle()`` once the queue is empty.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from ui.display.chime import Chime
from ui.speech import Speaker

MAX_PENDING = 6
GAP_MS = 500
GUARD_MIN_MS, GUARD_PER_CHAR_MS = 20_000, 400  # a last resort: outputs guard themselves


class Announcer(QObject):
    started = Signal(str, str)
    ended = Signal(str, str)
    idle = Signal()

    def __init__(self, speaker: Speaker, chime: Chime, parent: QObject | None = None):
        super().__init__(parent)
        self.speaker, self.chime = speaker, chime
        self.pending: deque[tuple[str, str]] = deque(maxlen=MAX_PENDING)
        self.busy = False
        self._current: tuple[str, str] | None = None
        self._guard = QTimer(self, singleShot=True)
        self._guard.timeout.connect(self.speaker.stop)
        self._gap = QTimer(self, singleShot=True, interval=GAP_MS)
        self._gap.timeout.connect(self._next)
        self.speaker.started.connect(self._started)
        self.speaker.finished.connect(self._spoken)

    def announce(self, text: str, language: str) -> None:
        self.pending.append((text, language))
        if not self.busy:
            self._next()

    def clear(self) -> None:
        self.pending.clear()

    def _next(self) -> None:
        if not self.pending:
            self.busy = False
            self.idle.emit()
            return
        self.busy = True
        self._current = text, language = self.pending.popleft()
        self._guard.start(max(GUARD_MIN_MS, GUARD_PER_CHAR_MS * len(text)))
        self.speaker.say(text, language, chime=self.chime.enabled)

    def _started(self, text: str, language: str) -> None:
        if self._current == (text, language):
            self.started.emit(text, language)

    def _spoken(self) -> None:
        if self._current is None:
            return
        text, language = self._current
        self._current = None
        self._guard.stop()
        self.ended.emit(text, language)
        self._gap.start()
