"""kill -9 of ``kiosk sync --once`` after the ack, before it saved it: the next run asks
what the peer holds and sends nothing again (``kiosk sync-status`` says so). The kill -9 of
either hub at each step: tests/sync/test_matrix.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from kiosk.sync.models import SyncPeer
from tests.sync.conftest import ROOT, assert_converged, event_log, play, store_queue

pytestmark = pytest.mark.slow


def _sync_once(site, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KIOSK_SYNC_CRASH_AT", None)
    if crash_at:
        env["KIOSK_SYNC_CRASH_AT"] = crash_at
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "sync",
            "--once",
            "--config",
            str(site.config_path),
            "--db",
            site.db_url,
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_sender_killed_after_the_ack_before_saving_it(pair):
    a, b = pair.a, pair.b
    b.start()
    pair.ab.upstream = ("127.0.0.1", b.port)
    store, queue = store_queue(a)
    try:
        play(queue, 15)
        killed = _sync_once(a, crash_at="sender_after_ack")
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert event_log(b.store, "site-a") == event_log(store, "site-a")
        with store.read() as session:
            assert session.scalar(select(SyncPeer.cursor)) in (None, 0)
        again = _sync_once(a)
        assert again.returncode == 0, again.stdout + again.stderr
        last = event_log(store, "site-a")[-1][0]
        # The round starts by asking what the peer holds: it sends nothing again.
        assert f"up to date (peer holds seq {last})" in again.stdout
        assert_converged(store, b.store, "site-a")
        status = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk.cli",
                "sync-status",
                "--config",
                str(a.config_path),
                "--db",
                a.db_url,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert status.returncode == 0, status.stderr
        assert "backlog:         0 events" in status.stdout
        assert "last error:      -" in status.stdout
    finally:
        store.close()
