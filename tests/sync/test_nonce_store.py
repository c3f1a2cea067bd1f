"""Replay protection held in the store: several observatory processes over one real
PostgreSQL refuse a request that any of them has already taken; refused batches keep their
nonce too; expired nonces are deleted (the table stays bounded); ``kiosk serve --workers``
starts its processes from the app factory and refuses what it cannot serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.bench.processes import wait_for_health
from kiosk.store.db import Store
from kiosk.sync import nonces
from kiosk.sync.models import SyncNonce
from kiosk.sync.signing import sign_request
from tests.sync.conftest import (
    ROOT,
    Site,
    as_body,
    free_port,
    play,
    real_batch,
    write_site,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
NOWHERE = "http://127.0.0.1:9"
KEY, SECRET = "k-site-1", "secret-of-site-1-0123456789abcdefghijklmnop"


def _keys(folder) -> None:
    path = folder / "keys.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), KEY: SECRET}))


@pytest.fixture
def setup(postgres, tmp_path):
    """An observatory's site file and PostgreSQL database, and site-1 with a morning to send."""
    url = postgres.url(f"nonce_{tmp_path.name[-20:].replace('-', '_').lower()}")
    config = write_site(tmp_path / "obs", "observatory", [{"slug": "site-1", "key_id": KEY}])
    _keys(tmp_path / "obs")
    home = tmp_path / "site-1"
    site = Site(
        "site-1",
        home,
        write_site(
            home, "site-1", [{"slug": "observatory", "url": "http://127.0.0.1:9", "key_id": KEY}]
        ),
    )
    _keys(home)
    site.start()
    play(site.hub.queue, 6)
    yield tmp_path, config, url, site
    site.stop()


def _signed(batch: dict, nonce: str) -> tuple[bytes, dict]:
    body = as_body(batch)
    headers = sign_request(
        SECRET.encode(), KEY, "POST", "/sync/v1/batches", body, datetime.now(UTC), nonce
    )
    headers["content-type"] = "application/json"
    return body, headers


def test_a_replay_is_refused_by_another_host_over_the_same_postgresql(setup):
    folder, config, url, site = setup
    hosts = [Site("observatory", folder / "obs", config, database=url) for _ in range(2)]
    try:
        for host in hosts:
            host.spawn()
        batch = real_batch(site)
        body, headers = _signed(batch, "a1b2c3d4e5f60718")
        first = httpx.post(f"{hosts[0].url}/sync/v1/batches", content=body, headers=headers)
        assert first.status_code == 200, first.text
        again = httpx.post(f"{hosts[1].url}/sync/v1/batches", content=body, headers=headers)
        assert again.status_code == 401 and again.json()["error"] == "replay", again.text

        # A batch refused after its signature passed (a gap) keeps its nonce as well.
        seq = batch["last_seq"] + 5
        ahead = {
            **batch,
            "first_seq": seq,
            "last_seq": seq,
            "count": 1,
            "rows": [{**batch["rows"][0], "seq": seq}],
        }
        body, headers = _signed(ahead, "0f1e2d3c4b5a6978")
        gap = httpx.post(f"{hosts[1].url}/sync/v1/batches", content=body, headers=headers)
        assert gap.status_code == 409, gap.text
        replay = httpx.post(f"{hosts[0].url}/sync/v1/batches", content=body, headers=headers)
        assert replay.status_code == 401 and replay.json()["error"] == "replay"
    finally:
        for host in hosts:
            host.stop()
    store = Store.open(url)
    try:
        with store.read() as session:
            held = session.scalar(select(func.count()).select_from(SyncNonce))
        assert held == 2
    finally:
        store.close()


def _serve(config, url: str, port: int, workers: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "serve",
            "--config",
            str(config),
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def test_several_workers_share_one_nonce_store(setup):
    folder, config, url, site = setup
    port = free_port()
    log = (folder / "workers.log").open("wb")
    process = _serve(config, url, port, 2, log)
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process,
                        (folder / "workers.log").read_text, poll_s=0.1)
        batch = real_batch(site)
        body, headers = _signed(batch, "99aa88bb77cc66dd")
        answers = []
        for _ in range(6):  # on fresh connections: the kernel spreads them over the workers
            with httpx.Client() as client:
                answers.append(
                    client.post(
                        f"http://127.0.0.1:{port}/sync/v1/batches", content=body, headers=headers
                    ).status_code
                )
        assert answers == [200, 401, 401, 401, 401, 401]
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def test_workers_need_postgresql_and_a_hub_that_only_receives(setup):
    folder, config, url, site = setup
    for args, says in (
        (["--config", str(config), "--db", f"sqlite:///{folder / 'x.db'}"], "PostgreSQL"),
        (["--config", str(site.config_path), "--db", url], "only receives"),
        (["--config", str(config)], "needs --db"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "serve", "--workers", "2", *args],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1 and says in done.stderr, done.stderr


def test_expired_nonces_are_deleted(tmp_path, monkeypatch):
    store = Store.open(f"sqlite:///{tmp_path / 'obs.db'}")
    now = datetime.now(UTC)
    try:
        with store.write() as session:
            nonces.claim(
                session, KEY, "old0000000000000", now - timedelta(seconds=nonces.KEEP_S + 1)
            )
            nonces.claim(session, KEY, "new0000000000000", now)
        monkeypatch.setattr(nonces, "_purged_at", 0.0)
        assert nonces.purge_if_due(store, now) == 1
        assert nonces.purge_if_due(store, now) == 0  # not due again yet
        with store.read() as session:
            assert session.scalars(select(SyncNonce.nonce)).all() == ["new0000000000000"]
    finally:
        store.close()
