"""Speaking to visitors, offline: espeak-ng renders, Qt Multimedia plays (see ui.espeak).

The display announces calls (a chime, then the sentence, as one sound); the kiosk reads its
screen aloud on request, and a second request or :meth:`Speaker.stop` interrupts it (the
repeat-and-interrupt of EN 301 549 / ADA 707.5 speech output). Rendering runs off the GUI
thread; playing goes through one :class:`ui.audio.AudioOut`, so one sound at a time.

Engines (``engine=`` or ``KIOSK_TTS_ENGINE``): ``espeak`` (the default) or ``mock``, which
renders and plays nothing and finishes at once (screen tests). Without espeak-ng the chime
alone is played. :attr:`Speaker.available` is true when a visitor can hear something: the
kiosk hides its audio-help button otherwise. ``said`` keeps the last texts asked for.

Signals: ``started(str, str)`` (text, language) as a sentence is handed to the output;
``finished()`` once the latest sentence has played, failed or was stopped (a sentence
replaced by a newer one does not report).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer, Signal

from ui.audio import AudioOut, audio_output
from ui.display.chime import chime_samples
from ui.espeak import Espeak, Sound, SpeechError, VoiceSettings, with_chime
from ui.ops import Op

log = logging.getLogger(__name__)
CHIME_RATE = 22050


class Speaker(QObject):
    started = Signal(str, str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None, engine: str | None = None, *,
                 settings: VoiceSettings | None = None, out: AudioOut | None = None):
        super().__init__(parent)
        self.said: list[tuple[str, str]] = []
        self.settings = settings or VoiceSettings()
        engine = engine or os.environ.get("KIOSK_TTS_ENGINE") or "espeak"
        self.mock = engine == "mock"
        self.espeak = Espeak(self.settings) if engine == "espeak" else None
        if self.espeak is not None and not self.espeak.available:
            log.warning("espeak-ng is not installed: announcements are a chime alone")
            self.espeak = None
        self.out = None if self.mock else out or audio_output(self, volume=self.settings.volume)
        if self.out is not None:
            self.out.finished.connect(self._played)
        self._job = 0
        self._busy = False
        self._warned = False

    @property
    def available(self) -> bool:
        """Whether a visitor would hear a sentence (the mock engine counts as heard)."""
        return self.mock or (self.espeak is not None and self.out is not None and self.out.heard)

    @property
    def speaking(self) -> bool:
        return self._busy

    def say(self, text: str, language: str, *, chime: bool = False) -> None:
        """Speak ``text`` now, cutting short whatever this speaker was saying."""
        self.said.append((language, text))
        del self.said[:-50]
        self._halt()
        self._job += 1
        self._busy = True
        job = self._job
        if self.mock or self.out is None:
            self.started.emit(text, language)
            QTimer.singleShot(0, self, lambda: self._done(job))
            return
        espeak, with_bell = self.espeak, chime and self.settings.chime

        def render() -> Sound:
            speech = espeak.render(text, language) if espeak is not None else None
            if speech is None:
                return Sound(chime_samples(CHIME_RATE) if with_bell else b"", CHIME_RATE)
            return with_chime(speech, chime_samples(speech.rate)) if with_bell else speech

        Op(self, render).success(lambda sound: self._play(job, sound, text, language)).failure(
            lambda error: self._failed(job, error)).run()

    def stop(self) -> None:
        """Silence now; ``finished`` follows if something was being said."""
        busy = self._busy
        self._halt()
        self._job += 1
        if busy:
            self.finished.emit()

    def render(self, text: str, language: str) -> Sound:
        """The sentence as sound, on the calling thread (for tests and tools)."""
        if self.espeak is None:
            raise SpeechError("no speech engine")
        return self.espeak.render(text, language)

    def _halt(self) -> None:
        self._busy = False
        if self.out is not None:
            self.out.stop()

    def _play(self, job: int, sound: Sound, text: str, language: str) -> None:
        if job != self._job:
            return
        self.started.emit(text, language)
        if not sound.pcm:
            self._done(job)
            return
        self.out.play(sound)

    def _failed(self, job: int, error: Exception) -> None:
        if not self._warned:
            self._warned = True
            log.warning("speech failed: %s", error)
        self._done(job)

    def _played(self) -> None:
        if self._busy:
            self._done(self._job)

    def _done(self, job: int) -> None:
        if job == self._job and self._busy:
            self._busy = False
            self.finished.emit()
