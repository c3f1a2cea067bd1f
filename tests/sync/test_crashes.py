"""kill -9 at the named steps of a round, on real ``kiosk`` processes: nothing lost, nothing
counted twice once the processes are back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from kiosk.store.db import Store
from kiosk.sync.models import SyncPeer
from tests.sync.conftest import ROOT, assert_converged, drain, event_log, play, store_queue

pytestmark = pytest.mark.slow


@pytest.fixture
def a_to_process_b(pair):
    """A in-thread (its worker off), B a ``kiosk serve`` process behind A's proxy."""
    pair.a.start()
    pair.b.port = None
    return pair


def _reach(pair) -> None:
    pair.ab.upstream = ("127.0.0.1", pair.b.port)


@pytest.mark.parametrize("step", ["receiver_after_commit", "receiver_mid_apply"])
def test_receiver_killed(a_to_process_b, step):
    pair = a_to_process_b
    a, b = pair.a, pair.b
    play(a.hub.queue, 15)
    b.spawn(crash_at=step)
    _reach(pair)
    result = a.agent.run_once()[0]
    assert result.error, result.summary()
    assert b.wait_killed() == -signal.SIGKILL
    assert a.agent.cursor("site-b") == 0
    seen = Store.open(b.db_url)
    try:
        held = event_log(seen, "site-a")
    finally:
        seen.close()
    if step == "receiver_after_commit":
        assert held == event_log(a.store, "site-a")  # committed, never acknowledged
    else:
        assert held == []  # rolled back whole
    b.spawn()
    results = drain(a.agent)
    assert results[0].error is None
    seen = Store.open(b.db_url)
    try:
        assert_converged(a.store, seen, "site-a")
    finally:
        seen.close()


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
