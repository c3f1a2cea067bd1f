"""Full screen for real: ``kiosk kiosk`` and ``kiosk display`` as real processes on a bare X
server without a window manager (Xvfb), portrait and landscape, and under the Wayland kiosk
compositor cage (headless, straight and rotated): the window covers the whole screen.

On X the window's geometry is read from the server (xdotool), not from the program.
cage refuses to run as root, so when the tests run as root it runs as ``nobody`` and the
program joins it as a client of its Wayland socket; the compositor alone decides the
window's size there, and the program reports the size it was given.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.needs import need_program

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
START_S = 40


def app_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND", "DISPLAY"))}
    env.update(
        PYTHONPATH=str(ROOT),
        KIOSK_TTS_ENGINE="mock",
        XDG_DATA_HOME=str(tmp / "data"),  # preview tickets, nothing in the user's home
        QT_LOGGING_RULES="qt.multimedia.*=false",
        **extra,
    )
    return env


def start_app(role: str, tmp: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", role, "--config", "demo",
         "--db", f"sqlite:///{tmp / f'{role}.db'}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err or ""


# -- a bare X server ---------------------------------------------------------------------


@pytest.fixture(scope="module", params=["1080x1920", "1920x1080"])
def xserver(request) -> Iterator[tuple[str, str]]:
    xvfb = need_program("Xvfb", "xvfb")
    need_program("xdotool", "xdotool")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", f"{request.param}x24", "-nolisten",
         "tcp"],
        pass_fds=(write,), stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = f":{pipe.readline().strip()}"
    try:
        yield display, request.param
    finally:
        server.terminate()
        server.wait(10)


def x_windows(display: str) -> list[tuple[str, str]]:
    """(name, "WxH+X+Y") of every visible window of the kiosk program."""
    env = {**os.environ, "DISPLAY": display}
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^kiosk"],
                           env=env, capture_output=True, text=True).stdout.split()
    windows = []
    for window in found:
        shape = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                               env=env, capture_output=True, text=True).stdout
        values = dict(line.split("=", 1) for line in shape.split())
        windows.append(
            (window, f"{values['WIDTH']}x{values['HEIGHT']}+{values['X']}+{values['Y']}")
        )
    return windows


@pytest.mark.parametrize("role", ["kiosk", "display"])
def test_covers_a_screen_without_window_manager(xserver, role, tmp_path):
    display, size = xserver
    app = start_app(role, tmp_path, app_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb"))
    want = [f"{size}+0+0"]
    seen: list[str] = []
    try:
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline and app.poll() is None:
            seen = [shape for _, shape in x_windows(display)]
            if seen == want:
                break
            time.sleep(0.1)
    finally:
        err = stop(app)
    assert seen == want, f"windows {seen} on a {size} screen; program said: {err[-1500:]}"
    assert "covers screen" in err
    if role == "display":
        assert "pointer hidden" in err


# -- cage, a Wayland kiosk compositor -----------------------------------------------------


@pytest.fixture(params=[0, 1], ids=["landscape", "portrait"])
def cage(request) -> Iterator[tuple[dict[str, str], int]]:
    cage_bin = need_program("cage", "cage")
    need_program("Xwayland", "xwayland")  # cage will not start without it
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    runtime.chmod(0o700)
    command = [cage_bin, *(["-r"] * request.param), "--", "sleep", "600"]
    if os.geteuid() == 0:
        setpriv = need_program("setpriv", "util-linux")
        os.chown(runtime, 65534, 65534)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
    }
    compositor = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not (runtime / "wayland-0").exists():
            assert compositor.poll() is None, "cage did not start"
            assert time.monotonic() < deadline, "cage made no Wayland socket"
            time.sleep(0.05)
        yield {"XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": "wayland-0",
               "QT_QPA_PLATFORM": "wayland"}, request.param
    finally:
        compositor.terminate()
        compositor.wait(10)
        shutil.rmtree(runtime, ignore_errors=True)


def test_covers_the_screen_under_cage(cage, tmp_path):
    wayland, rotations = cage
    role = "display" if rotations else "kiosk"
    app = start_app(role, tmp_path, app_env(tmp_path, **wayland))
    lines = []
    try:
        deadline = time.monotonic() + START_S
        assert app.stderr is not None
        while time.monotonic() < deadline:
            line = app.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "covers screen" in line:
                break
    finally:
        lines.append(stop(app))
    said = "".join(lines)
    match = re.search(r"window (\d+)x(\d+) covers screen \S+ \((\d+)x(\d+)\)", said)
    assert match, said[-1500:]
    width, height, screen_w, screen_h = map(int, match.groups())
    assert (width, height) == (screen_w, screen_h)
    assert (height > width) == bool(rotations)  # cage -r turns the output to portrait


# -- in-process (offscreen platform) ---------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_full_screen_keeper_covers_the_screen_and_hides_the_pointer(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from ui.fullscreen import show_full_screen

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)  # a size hint in a corner, as without a window manager
    keeper = show_full_screen(window, hide_pointer=True)
    try:
        screen = window.screen().geometry()
        qtbot.waitUntil(lambda: window.geometry() == screen)
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
        assert keeper.covering
    finally:
        QGuiApplication.restoreOverrideCursor()
