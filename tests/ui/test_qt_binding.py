"""The Qt binding must not eat Python's ``None``, ``True`` and ``False``.

Before CPython 3.12 these are ordinary objects with a reference count. A binding that
returns them without taking a reference lowers that count at every call, and when it
reaches zero the interpreter aborts ("Fatal Python error: none_dealloc"). PySide6 6.12.0
does that on CPython 3.11 for calls returning ``void`` (``QPainter.drawRect``,
``QLabel.setText``...) and for every signal ``emit()``: the kiosk loses about 550
references to ``None`` per ticket (mostly the QR code painted on screen) and aborts after
a hundred or two tickets (``kiosk bench`` met it).

The calls are counted in a process of their own: a test process that lost references
could abort when it ends, whatever the result of the test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6 import __version__ as pyside_version

CALLS = 200
LEAKY = sys.version_info < (3, 12) and pyside_version == "6.12.0"

COUNT = f"""
import json, os, sys
from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

class Emitter(QObject):
    ping = Signal(int)

app = QApplication([])
image = QImage(64, 64, QImage.Format.Format_RGB32)
painter = QPainter(image)
none = sys.getrefcount(None)
for _ in range({CALLS}):
    painter.drawRect(QRectF(1, 1, 4, 4))  # as ui.widgets.QrCode paints
none -= sys.getrefcount(None)
painter.end()
emitter = Emitter()
true = sys.getrefcount(True)
for _ in range({CALLS}):
    emitter.ping.emit(1)  # as every screen and ui.ops do
true -= sys.getrefcount(True)
print(json.dumps({{"none": none, "true": true}}), flush=True)
os._exit(0)
"""


@pytest.fixture(scope="module")
def lost() -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", COUNT], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


KNOWN = pytest.mark.xfail(
    LEAKY,
    strict=True,
    reason=f"BUG: PySide6 {pyside_version} on CPython {sys.version_info[0]}."
    f"{sys.version_info[1]} drops a reference to the None/True it returns",
)


@KNOWN
def test_painting_keeps_none_alive(lost):
    assert lost["none"] < CALLS // 10, f"{lost['none']} references to None lost"


@KNOWN
def test_emitting_a_signal_keeps_true_alive(lost):
    assert lost["true"] < CALLS // 10, f"{lost['true']} references to True lost"
