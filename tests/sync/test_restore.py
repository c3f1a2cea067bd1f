"""A site restored from yesterday's backup: new epoch, its lost visits recovered from the
peer, what it issued since renumbered, no seq used twice, nothing counted twice."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest

from kiosk.sync.apply import confirm_lineage
from kiosk.sync.models import SyncEpoch
from tests.sync.conftest import ROOT, assert_converged, counts, drain, event_log, play

pytestmark = pytest.mark.slow


def backup(source, target) -> None:
    """What a nightly backup does: a consistent copy through SQLite's backup API."""
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    live.close()
    copy.close()


def test_restore_from_yesterdays_backup(started, tmp_path):
    pair = started
    a, b = pair.a, pair.b
    play(a.hub.queue, 10, seed=1)
    play(b.hub.queue, 6, seed=2)
    drain(a.agent), drain(b.agent)
    saved = tmp_path / "yesterday.db"
    backup(a.db_path, saved)
    old_epoch = a.store.epoch

    play(a.hub.queue, 12, seed=3)  # after the backup: only B will remember these
    play(b.hub.queue, 5, seed=4)  # and A receives B's, then loses them too
    drain(a.agent), drain(b.agent)
    lost = event_log(a.store, "site-a")

    a.stop()
    for path in a.folder.glob("site-a.db*"):
        path.unlink()
    backup(saved, a.db_path)
    pair.ab.upstream = None  # B unreachable while the site restarts
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "sync-restored",
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
    assert run.returncode == 0, run.stderr
    assert "new epoch" in run.stdout and "rejoin not finished" in run.stderr

    a.start()
    assert a.store.epoch != old_epoch
    play(a.hub.queue, 4, seed=5)  # the site works at once; these seqs collide for now
    refused = a.agent.run_once()[0]
    assert refused.error and "every peer" in refused.error
    assert event_log(b.store, "site-a") == lost  # nothing sent before the rejoin

    pair.ab.upstream = ("127.0.0.1", b.port)
    held = a.agent.run_once()[0]  # rejoined; B holds the new lineage for its operator
    assert held.error and "kiosk sync-lineage confirm site-a" in held.error
    assert event_log(b.store, "site-a") == lost
    [pending] = b.agent.pending_lineages()
    assert (pending.origin, pending.epoch) == ("site-a", a.store.epoch)
    confirm_lineage(b.store, "site-a", a.store.epoch, b.clock.now())
    assert b.agent.pending_lineages() == []
    drain(a.agent)
    drain(b.agent)  # B notices A lost its events and sends them again

    after = event_log(a.store, "site-a")
    assert after[: len(lost)] == lost  # the lost events are back, unchanged
    assert {epoch for _, epoch, _, _ in after[len(lost) :]} == {a.store.epoch}
    assert [seq for seq, *_ in after] == list(range(1, len(after) + 1))  # no gap, no reuse
    with a.store.read() as session:
        assert session.get(SyncEpoch, a.store.epoch).first_seq == len(lost) + 1
    assert_converged(a.store, b.store, "site-a")
    assert_converged(b.store, a.store, "site-b")
    issued = Counter(t for _, _, kind, t in after if kind == "issued")
    assert sum(row[0] for row in counts(b.store, "site-a").values()) == sum(
        1 for t in issued if t
    ) - _transfers(after)


def _transfers(log) -> int:
    return sum(1 for _, _, kind, _ in log if kind == "transferred")
