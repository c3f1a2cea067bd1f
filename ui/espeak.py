"""Offline speech as sound: espeak-ng renders a sentence to WAV, nothing else is needed.

Debian's ``espeak-ng`` speaks French, English and Dutch without a network, a daemon or a
sound server: ``espeak-ng --stdout`` writes the WAV, which the screens then play through
Qt Multimedia (:mod:`ui.audio`), so that the chime and the sentence are one sound, one
queue, and tests can listen to the very bytes a visitor hears. Nothing here imports Qt.

Rendering takes a few tens of milliseconds and runs off the GUI thread (see
:class:`ui.speech.Speaker`). A voice of the site file that cannot speak (an MBROLA voice
whose Debian package is missing) falls back to the language's plain espeak-ng voice, and
the log says so once.
"""

from __future__ import annotations

import io
import logging
import math
import re
import shutil
import struct
import subprocess
import wave
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

log = logging.getLogger(__name__)

DEFAULT_VOICES = {"fr": "fr-fr", "en": "en-gb", "nl": "nl"}
TIMEOUT_S = 15
PAUSE_AFTER_CHIME_S = 0.3
#: A capital letter standing alone before a number: a ticket's prefix ("A 12").
_PREFIX = re.compile(r"\b([A-Z])(?=\s+\d)")


class SpeechError(RuntimeError):
    """espeak-ng is missing or failed to speak a sentence."""


@dataclass(frozen=True)
class VoiceSettings:
    """The site file's ``[voice]`` table, as the speech engine needs it."""

    volume: int = 80
    rate_wpm: int = 145
    voices: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_VOICES))
    chime: bool = True

    @classmethod
    def from_config(cls, voice) -> VoiceSettings:
        """From :class:`kiosk.siteconfig.schema.Voice` (or anything with its fields)."""
        return cls(
            volume=voice.volume,
            rate_wpm=voice.rate_wpm,
            voices={language: getattr(voice, language) for language in DEFAULT_VOICES},
            chime=voice.chime,
        )

    def voice_for(self, language: str) -> str:
        return self.voices.get(language) or DEFAULT_VOICES.get(language, "fr-fr")


@dataclass(frozen=True)
class Sound:
    """16-bit mono PCM and its rate: what a WAV file holds, ready to join with another."""

    pcm: bytes
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate

    def wav(self) -> bytes:
        out = io.BytesIO()
        with wave.open(out, "wb") as sound:
            sound.setnchannels(1)
            sound.setsampwidth(2)
            sound.setframerate(self.rate)
            sound.writeframes(self.pcm)
        return out.getvalue()

    @classmethod
    def from_wav(cls, data: bytes) -> Sound:
        """Read a WAV; espeak-ng's ``--stdout`` header gives a huge frame count (it streams),
        so the frames are read to the end of the data instead."""
        with wave.open(io.BytesIO(data)) as sound:
            if sound.getnchannels() != 1 or sound.getsampwidth() != 2:
                raise SpeechError("espeak-ng gave a WAV that is not 16-bit mono")
            rate = sound.getframerate()
            pcm = sound.readframes(sound.getnframes())
        return cls(pcm[: len(pcm) // 2 * 2], rate)

    def rms(self) -> float:
        """Root mean square of the samples, 0 (silence) to 32767 (full scale)."""
        count = len(self.pcm) // 2
        if count == 0:
            return 0.0
        samples = struct.unpack(f"<{count}h", self.pcm)
        return math.sqrt(sum(s * s for s in samples) / count)


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


class Espeak:
    """Renders sentences with espeak-ng. Thread-safe: each call is its own process."""

    def __init__(self, settings: VoiceSettings | None = None, program: str | None = None):
        self.settings = settings or VoiceSettings()
        self.program = program or espeak_path()
        self._fell_back: set[str] = set()

    @property
    def available(self) -> bool:
        return self.program is not None

    def render(self, text: str, language: str) -> Sound:
        """The sentence spoken in ``language`` with the site's voice and speed."""
        if self.program is None:
            raise SpeechError("espeak-ng is not installed (Debian package espeak-ng)")
        voice = self.settings.voice_for(language)
        try:
            return self._run(text, voice)
        except SpeechError:
            plain = DEFAULT_VOICES.get(language, "fr-fr")
            if voice == plain:
                raise
            if voice not in self._fell_back:
                self._fell_back.add(voice)
                log.warning('voice "%s" cannot speak; using "%s" for %s', voice, plain, language)
            return self._run(text, plain)

    @staticmethod
    def markup(text: str) -> str:
        """The text as SSML, each ticket letter spoken as a letter: without it English
        reads "A 12" as the article ("uh twelve") and French "Y 3" as "i trois"."""
        spoken = _PREFIX.sub(r'<say-as interpret-as="characters">\1</say-as>', escape(text))
        return f"<speak>{spoken}</speak>"

    def _run(self, text: str, voice: str) -> Sound:
        command = [self.program, "--stdout", "-m", "-v", voice,
                   "-s", str(self.settings.rate_wpm), "--", self.markup(text)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(f"espeak-ng failed: {error}") from error
        if done.returncode != 0 or len(done.stdout) <= 44:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SpeechError(f'espeak-ng cannot speak with "{voice}": '
                              f"{reason[-1] if reason else done.returncode}")
        try:
            return Sound.from_wav(done.stdout)
        except (wave.Error, EOFError) as error:
            raise SpeechError(f"espeak-ng gave no WAV: {error}") from error


def with_chime(speech: Sound, chime_pcm: bytes) -> Sound:
    """The chime, a short pause, then the sentence: one sound, so nothing can come between.
    ``chime_pcm`` must be made at ``speech.rate`` (see :func:`ui.display.chime.chime_samples`)."""
    pause = bytes(2 * round(speech.rate * PAUSE_AFTER_CHIME_S))
    return Sound(chime_pcm + pause + speech.pcm, speech.rate)
