"""Speaking to visitors, offline: Qt TextToSpeech with whatever engine the system has.

The display announces calls; the kiosk reads its screen aloud on request. Where no engine
exists (or QtTextToSpeech itself is missing) speech is silently skipped: the screens work
the same, and :attr:`Speaker.available` tells the UI to hide its audio-help button.
``said`` keeps the last texts spoken, for tests (Qt's ``mock`` engine speaks nothing).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QObject

from ui.i18n import LOCALES

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # pragma: no cover - a Qt without the TextToSpeech module
    QTextToSpeech = None  # type: ignore[assignment,misc]


class Speaker(QObject):
    def __init__(self, parent: QObject | None = None, engine: str | None = None):
        super().__init__(parent)
        self.said: list[tuple[str, str]] = []
        self._tts = None
        engine = engine or os.environ.get("KIOSK_TTS_ENGINE")
        if QTextToSpeech is not None:
            engines = QTextToSpeech.availableEngines()
            name = engine if engine in engines else next(
                (e for e in ("speechd", "flite", "mock") if e in engines and e != "mock"), None)
            if engine == "mock" and "mock" in engines:
                name = "mock"
            if name:
                self._tts = QTextToSpeech(name, self)
                if self._tts.state() == QTextToSpeech.State.Error:
                    self._tts = None

    @property
    def available(self) -> bool:
        return self._tts is not None

    def say(self, text: str, language: str) -> None:
        self.said.append((language, text))
        del self.said[:-50]
        if self._tts is None:
            return
        self._tts.setLocale(QLocale(LOCALES.get(language, "fr_FR")))
        self._tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
