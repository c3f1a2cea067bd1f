"""``kiosk serve`` under systemd's notify protocol: READY once it listens, watchdog pings
from its event loop, STOPPING on the way out, on a real Unix datagram socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.integration.helpers import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_ready_watchdog_and_stopping(tmp_path):
    path = tmp_path / "notify.sock"
    port = free_port()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(path))
        listener.settimeout(30)
        hub = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "serve", "--port", str(port),
             "--db", f"sqlite:///{tmp_path / 'hub.db'}", "--log-level", "warning"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT), "NOTIFY_SOCKET": str(path),
                 "WATCHDOG_USEC": "200000"},  # a ping at least every 0.1 s
        )
        try:
            ready = listener.recv(4096).decode()
            assert ready.startswith("READY=1"), ready
            # READY comes only once it listens: the hub answers at once.
            assert httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5).status_code == 200
            pings = [listener.recv(4096).decode() for _ in range(3)]
            assert pings == ["WATCHDOG=1"] * 3
            hub.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 20
            message = ""
            while message != "STOPPING=1" and time.monotonic() < deadline:
                message = listener.recv(4096).decode()
            assert message == "STOPPING=1"
            # uvicorn ends by re-raising the signal, which systemd counts as a clean stop
            assert hub.wait(20) in (0, -signal.SIGTERM)
        finally:
            if hub.poll() is None:
                hub.kill()
                hub.wait()
            hub.stderr.close()
