"""The two-tone chime that comes before each announcement.

The sound is made at run time (no audio file to ship) at the rate of the sentence it
comes before, and joined to it (see :mod:`ui.speech`). :func:`audio_possible` tells whether
a sound server is there at all, before QtMultimedia is loaded: without one its backends
print warnings. Set ``KIOSK_CHIME=off`` to silence the chime on purpose.
"""

from __future__ import annotations

import math
import os
import struct
import wave
from pathlib import Path

from platformdirs import user_cache_dir
from PySide6.QtCore import QLoggingCategory, QObject

RATE = 22050
TONES = ((784.0, 0.42), (523.25, 0.70))  # G5 then C5: "ding-dong"
VOLUME = 0.45
_VERSION = 2  # bump when the sound changes, so caches are rebuilt


def chime_samples(rate: int = RATE) -> bytes:
    """16-bit mono PCM of the chime: each tone a softly decaying bell (with an octave
    overtone), a few milliseconds of attack and of release so that the speaker does not
    click as a tone starts or ends."""
    frames = bytearray()
    for frequency, seconds in TONES:
        count = int(rate * seconds)
        attack, release = int(rate * 0.008), int(rate * 0.02)
        for i in range(count):
            t = i / rate
            envelope = (math.exp(-3.2 * t / seconds) * min(1.0, i / attack)
                        * min(1.0, (count - 1 - i) / release))
            value = math.sin(2 * math.pi * frequency * t) + 0.25 * math.sin(
                4 * math.pi * frequency * t
            )
            frames += struct.pack("<h", int(32767 * VOLUME * envelope * value / 1.25))
    return bytes(frames)


def chime_duration_s() -> float:
    return sum(seconds for _, seconds in TONES)


def chime_wav(folder: Path | None = None) -> Path:
    """The chime as a WAV file, written once into ``folder`` (the user's cache)."""
    folder = folder or Path(user_cache_dir("kiosk", appauthor=False))
    path = folder / f"chime-{_VERSION}.wav"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        with wave.open(str(partial), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(chime_samples())
        partial.replace(path)
    return path


def audio_possible() -> bool:
    """Whether a sound server is there to play to (PulseAudio or PipeWire's socket).

    Asked before QtMultimedia is touched: without a server its backends print warnings
    on loading, which a waiting-room display (and a test run) must not produce.
    """
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path("/run/pulse/native"), Path("/var/run/pulse/native")]
    if runtime:
        candidates += [Path(runtime) / "pulse" / "native", Path(runtime) / "pipewire-0"]
    return any(path.exists() for path in candidates)


class Chime(QObject):
    """Whether each call rings the chime first. The sound itself is joined to the sentence
    (one WAV, see :func:`ui.espeak.with_chime`), so nothing can come between them; the site
    file's ``voice.chime`` or ``KIOSK_CHIME=off`` turns it off."""

    def __init__(self, parent: QObject | None = None, *, enabled: bool | None = None):
        super().__init__(parent)
        if enabled is None:
            enabled = os.environ.get("KIOSK_CHIME", "").lower() not in {"0", "off", "no", "false"}
        self.enabled = enabled


def quiet_multimedia() -> None:
    """Silence QtMultimedia's loading chatter (missing PipeWire or VA-API libraries), which
    it prints as warnings even when it then works. Loading a speech engine plugin loads
    QtMultimedia too, so the display calls this before it makes its speaker."""
    QLoggingCategory.setFilterRules("qt.multimedia.*=false")
