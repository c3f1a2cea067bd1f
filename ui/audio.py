"""Playing one rendered sound at a time, to the loudspeaker or, without one, to nobody.

:func:`audio_output` picks the output once: :class:`DeviceOut` (Qt Multimedia's
QSoundEffect on the machine's sound server) when there is an audio device, else
:class:`SilentOut`, and the log says once that this screen will be seen, not heard. Both
take a WAV (bytes) and emit ``finished()`` when it has played (or was stopped), so the
announcer and the kiosk's audio help run the same way whatever the machine.

Tests use :class:`SilentOut` with ``keep`` and ``pace``: every WAV handed to it is written
to a folder and "plays" for its own length (scaled), so the order of what a visitor would
hear can be checked on real audio.

Signals: ``finished()`` when the current sound ends, is stopped or is replaced.
"""

from __future__ import annotations

import itertools
import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from ui.display.chime import audio_possible, quiet_multimedia
from ui.espeak import Sound

log = logging.getLogger(__name__)
#: Beyond a sound's own length before its end is taken for granted: the sound server's
#: buffers report the end a second or so after the last sample was handed over.
MARGIN_MS = 3000
_said_silent = False


class AudioOut(QObject):
    finished = Signal()
    heard = True

    def play(self, sound: Sound) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class SilentOut(AudioOut):
    """No loudspeaker: each sound "plays" for ``pace`` times its length (0: at once).
    ``played`` lists the sounds in order; with ``keep`` each is also written as
    ``NNN.wav`` there."""

    heard = False

    def __init__(self, parent: QObject | None = None, *, pace: float = 0.0,
                 keep: Path | None = None):
        super().__init__(parent)
        self.pace, self.keep = pace, keep
        self.played: list[Sound] = []
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.finished)

    def play(self, sound: Sound) -> None:
        self.stop()
        self.played.append(sound)
        if self.keep is not None:
            self.keep.mkdir(parents=True, exist_ok=True)
            (self.keep / f"{len(self.played):03d}.wav").write_bytes(sound.wav())
        self._timer.start(round(sound.seconds * 1000 * self.pace))

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.finished.emit()


class DeviceOut(AudioOut):
    """Qt Multimedia's QSoundEffect on the default audio device. Each sound is written to
    a private temporary folder (QSoundEffect reads files) and removed once replaced. The end
    of a sound is its ``playingChanged`` to false, with a guard timer (the sound's length and
    a margin) in case a backend never says so. ``ended_by_guard`` counts those, for tests."""

    def __init__(self, parent: QObject | None = None, *, volume: int = 80):
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect

        self._folder = tempfile.TemporaryDirectory(prefix="kiosk-voice-")
        self._names = itertools.count(1)
        self._effect = QSoundEffect(self)
        self._effect.setVolume(max(0.0, min(1.0, volume / 100)))
        self._effect.playingChanged.connect(self._playing_changed)
        self._guard = QTimer(self, singleShot=True)
        self._guard.timeout.connect(self._guarded)
        self._active = self._started = False
        self._file: Path | None = None
        self.ended_by_guard = 0

    def play(self, sound: Sound) -> None:
        self.stop()
        path = Path(self._folder.name) / f"{next(self._names)}.wav"
        path.write_bytes(sound.wav())
        self._drop_file()
        self._file = path
        self._active, self._started = True, False
        self._guard.start(round(sound.seconds * 1000) + MARGIN_MS)
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.play()  # QSoundEffect starts once the file is loaded

    def _playing_changed(self) -> None:
        if self._effect.isPlaying():
            self._started = True
        elif self._active and self._started:
            self._ended()

    def stop(self) -> None:
        if self._active:
            self._effect.stop()
            self._ended()

    def _guarded(self) -> None:
        self.ended_by_guard += 1
        self._effect.stop()
        self._ended()

    def _ended(self) -> None:
        if not self._active:
            return
        self._active = False
        self._guard.stop()
        self.finished.emit()

    def _drop_file(self) -> None:
        if self._file is not None:
            self._file.unlink(missing_ok=True)
            self._file = None


def audio_output(parent: QObject | None = None, *, volume: int = 80) -> AudioOut:
    """The loudspeaker when the machine has one, else silence, said once in the log."""
    global _said_silent
    if audio_possible():
        quiet_multimedia()
        try:
            from PySide6.QtMultimedia import QMediaDevices

            if QMediaDevices.audioOutputs():
                return DeviceOut(parent, volume=volume)
        except ImportError:
            pass
    if not _said_silent:
        _said_silent = True
        log.warning("no audio output device: calls are shown on screen but not heard")
    return SilentOut(parent)
