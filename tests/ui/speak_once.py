"""Speaks one announcement through the machine's sound server, in a process of its own.

Run by ``tests/ui/test_voice.py`` as ``python -m tests.ui.speak_once TEXT LANGUAGE``: Qt
Multimedia settles on its audio backend once per process, so the test that plays to a real
(null-sink) PulseAudio runs the product's speaker here, with the server's address in the
environment. Prints ``ended guard=N`` (N: ends taken from the guard timer rather than from
the sound server) or ``no audio device``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KIOSK_TTS_ENGINE"] = "espeak"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(text: str, language: str) -> int:
    app = QApplication([])
    from ui.audio import DeviceOut
    from ui.speech import Speaker

    speaker = Speaker()
    if not isinstance(speaker.out, DeviceOut):
        print("no audio device")
        return 2
    speaker.finished.connect(app.quit)
    QTimer.singleShot(0, lambda: speaker.say(text, language, chime=True))
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    print(f"ended guard={speaker.out.ended_by_guard}" if not speaker.speaking else "hung")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
