"""``kiosk backup`` of a real ``kiosk serve`` during a burst of tickets, ``kiosk restore`` in a
fresh folder: every ticket committed before the backup is there, and the peer sends back
the ones made after it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx
import pytest
from sqlalchemy import select

from kiosk.store.db import Store
from kiosk.store.models import Ticket
from tests.sync.conftest import ROOT, Site, event_log

pytestmark = pytest.mark.slow


def kiosk_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def ticket_ids(url: str) -> set[str]:
    store = Store.open(url)
    try:
        with store.read() as session:
            return set(session.scalars(select(Ticket.id).where(Ticket.site == "site-a")))
    finally:
        store.close()


class Burst(threading.Thread):
    """Tickets issued one after another through the hub's API until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(name="burst")
        self.url, self.issued, self.stop = url, [], threading.Event()
        self.failure: str | None = None

    def run(self) -> None:
        services = ["ACC", "NUM", "CIAS"]
        with httpx.Client(base_url=self.url, timeout=10) as api:
            while not self.stop.is_set():
                n = len(self.issued)
                response = api.post(
                    "/api/tickets",
                    json={"service": services[n % 3]},
                    headers={"X-Kiosk-Id": f"kiosk-burst-{n}"},  # one ticket per kiosk
                )
                if response.status_code != 201:
                    self.failure = response.text
                    return
                self.issued.append(response.json()["id"])

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 30
        while len(self.issued) < count and self.failure is None:
            assert time.monotonic() < deadline, "the burst stalled"
            time.sleep(0.01)
        assert self.failure is None, self.failure


def wait_until_held(receiver: Store, sender_url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        sender = Store.open(sender_url)
        try:
            want = event_log(sender, "site-a")
        finally:
            sender.close()
        if event_log(receiver, "site-a") == want:
            return
        assert time.monotonic() < deadline, "the peer never caught up"
        time.sleep(0.1)


def test_backup_during_a_burst_then_restore_in_a_fresh_folder(pair, tmp_path):
    a, b = pair.a, pair.b
    b.start()  # the peer, in-thread: it only receives here
    pair.ab.upstream = ("127.0.0.1", b.port)
    a.spawn()  # a real hub process with its sync worker pushing to B
    out = tmp_path / "backups"
    burst = Burst(a.url)
    burst.start()
    try:
        burst.wait_for(10)
        before = list(burst.issued)  # answered 201: committed before the backup began
        made = kiosk_cli("backup", "--config", str(a.config_path), "--db", a.db_url,
                         "--out", str(out), "--keep", "2")
        assert made.returncode == 0, made.stderr
        burst.wait_for(len(burst.issued) + 10)  # more tickets after the backup
    finally:
        burst.stop.set()
        burst.join(10)
    assert burst.failure is None, burst.failure
    (copy,) = out.glob("site-a-*.db")
    assert f"backup: {copy}" in made.stdout
    in_backup = ticket_ids(f"sqlite:///{copy}")
    assert set(before) <= in_backup
    assert set(burst.issued) - in_backup, "every ticket made it into the backup: no test"

    refused = kiosk_cli("restore", str(copy), "--config", str(a.config_path), "--db", a.db_url)
    assert refused.returncode == 1 and "stop it first" in refused.stderr  # the hub runs

    wait_until_held(b.store, a.db_url)
    lost_at_a = event_log(b.store, "site-a")
    a.stop()

    fresh = tmp_path / "fresh"
    restored = Site("site-a", fresh, a.config_path)
    done = kiosk_cli("restore", str(copy), "--config", str(a.config_path),
                     "--db", restored.db_url)
    assert done.returncode == 0, done.stderr
    assert "new epoch" in done.stdout and "rejoined:" in done.stdout
    assert ticket_ids(restored.db_url) == set(burst.issued)  # the rest came from the peer
    restored.port = None
    restored.spawn()  # the hub opens on the restored store
    try:
        health = httpx.get(f"{restored.url}/api/health", timeout=5)
        assert health.status_code == 200
        store = Store.open(restored.db_url)
        try:
            assert event_log(store, "site-a")[: len(lost_at_a)] == lost_at_a
        finally:
            store.close()
    finally:
        restored.stop()


def test_backups_keep_the_newest(tmp_path):
    from kiosk.commands.backup import BackupError, backup, backups_of
    from kiosk.siteconfig import load_site_config
    from tests.sync.conftest import write_site

    config = load_site_config(write_site(tmp_path, "site-a", []))
    url = f"sqlite:///{tmp_path / 'site-a.db'}"
    Store.open(url).close()
    results = [backup(config, url, tmp_path / "out", keep=2) for _ in range(3)]
    assert backups_of(tmp_path / "out", "site-a") == [r.path for r in results[1:]]
    assert results[2].removed == [results[0].path]
    with pytest.raises(BackupError, match="pg_dump"):
        backup(config, "postgresql+psycopg://kiosk@localhost/kiosk", tmp_path / "out")
    not_a_backup = tmp_path / "notes.db"
    not_a_backup.write_text("hello")
    from kiosk.commands.backup import restore

    with pytest.raises(BackupError, match="not a kiosk backup"):
        restore(tmp_path / "site-a.toml", config, f"sqlite:///{tmp_path / 'x.db'}", not_a_backup)
