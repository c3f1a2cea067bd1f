"""Announcing calls one after another: a chime, then the sentence in the visitor's language.

Calls that arrive together (two counters calling in the same second) wait their turn, so
no announcement cuts another short. The queue is bounded: past a few pending sentences the
oldest are dropped (the screen still shows every call), so a burst can neither grow memory
nor keep the room listening for minutes.

The end of a sentence is known from the speech engine's state (Ready after Speaking); an
engine that never reports is cut off by a guard timer. Without any engine the chime alone
plays, as the issue asks.

Signals: ``started(str, str)`` (text, language) as a sentence is handed to the speaker;
``idle()`` once the queue is empty.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from ui.display.chime import Chime
from ui.speech import Speaker

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # pragma: no cover - a Qt without the TextToSpeech module
    QTextToSpeech = None  # type: ignore[assignment,misc]

MAX_PENDING = 6
GAP_MS = 500
GUARD_MIN_MS, GUARD_PER_CHAR_MS = 4000, 150


class Announcer(QObject):
    started = Signal(str, str)
    idle = Signal()

    def __init__(self, speaker: Speaker, chime: Chime, parent: QObject | None = None):
        super().__init__(parent)
        self.speaker, self.chime = speaker, chime
        self.pending: deque[tuple[str, str]] = deque(maxlen=MAX_PENDING)
        self.busy = False
        self._current: tuple[str, str] | None = None
        self._speaking = False
        self._guard = QTimer(self, singleShot=True)
        self._guard.timeout.connect(self._spoken)
        self._gap = QTimer(self, singleShot=True, interval=GAP_MS)
        self._gap.timeout.connect(self._next)
        self.chime.finished.connect(self._speak)
        self._tts = None
        if QTextToSpeech is not None and speaker.available:
            self._tts = speaker.findChild(QTextToSpeech)
            if self._tts is not None:
                self._tts.stateChanged.connect(self._engine_state)

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
        self._current = self.pending.popleft()
        self.chime.play()

    def _speak(self) -> None:
        if self._current is None:
            return
        text, language = self._current
        self._current = None
        self._speaking = True
        self.started.emit(text, language)
        self.speaker.say(text, language)
        if self._tts is None:
            self._spoken()
            return
        self._guard.start(max(GUARD_MIN_MS, GUARD_PER_CHAR_MS * len(text)))

    def _engine_state(self, state) -> None:
        if self._speaking and state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._spoken()

    def _spoken(self) -> None:
        if not self._speaking:
            return
        self._speaking = False
        self._guard.stop()
        self._gap.start()
