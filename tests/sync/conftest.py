"""Fixtures of the sync tests: real hubs on loopback, each with its own SQLite file and site
file, a fault-injecting proxy on each direction, helpers to play a morning at a site and to
compare what both sides hold.

Two sites, ``site-a`` and ``site-b`` (copies of the demo site), share the key ``ab-1``;
each pushes to the other through its own :class:`FaultProxy`. Hubs run in-thread (their
sync worker off: tests drive rounds with ``agent.run_once()``) where a test needs to reach
inside, or as real ``kiosk serve`` processes with their own workers (the fault matrix,
tests/sync/test_matrix.py, and the observatory).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from config import site_file
from kiosk.bench.processes import wait_for_health
from kiosk.hub.context import Hub
from kiosk.hub.server import RunningHub, start_in_thread
from kiosk.services.footfall import footfall
from kiosk.services.queue import QueueService
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store
from kiosk.store.models import Event, Ticket
from kiosk.sync.agent import SyncAgent
from tests.sync.proxy import FaultProxy

SECRET_AB = "ab-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_AB_NEXT = "ab-next-secret-9876543210-zyxwvutsrqponmlkjihgf"
KEYS = {"ab-1": SECRET_AB, "ab-2": SECRET_AB_NEXT}
OPEN_SERVICES = ["ACC", "NUM", "CIAS", "CPAM", "EMPLOI"]
ROOT = Path(__file__).resolve().parents[2]


class OffsetClock:
    """The real clock, moved by ``offset_s`` (a site whose clock is wrong)."""

    def __init__(self, offset_s: float = 0.0):
        self.offset_s = offset_s

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset_s)


def write_site(folder: Path, slug: str, peers: list[dict], sync: str = "") -> Path:
    """A copy of the demo site file named ``slug``, with ``peers`` and a keys file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.json").write_text(json.dumps(KEYS))
    text = site_file("demo").read_text(encoding="utf-8")
    text = text.replace('slug = "demo"', f'slug = "{slug}"', 1)
    text += f'\n[sync]\nkeys_file = "keys.json"\npoll_s = 0.1\n{sync}\n'
    for peer in peers:
        text += (
            f'\n[[peers]]\nslug = "{peer["slug"]}"\nurl = "{peer.get("url", "")}"\n'
            f'key_id = "{peer.get("key_id", "ab-1")}"\n'
        )
        if peer.get("accept"):
            text += f"accept_key_ids = {json.dumps(peer['accept'])}\n"
    path = folder / f"{slug}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Site:
    slug: str
    folder: Path
    config_path: Path
    clock: OffsetClock = field(default_factory=OffsetClock)
    hub: Hub | None = None
    running: RunningHub | None = None
    process: subprocess.Popen | None = None
    port: int | None = None
    #: Another database than the site's SQLite file (an observatory's PostgreSQL URL).
    database: str | None = None

    @property
    def db_path(self) -> Path:
        return self.folder / f"{self.slug}.db"

    @property
    def db_url(self) -> str:
        return self.database or f"sqlite:///{self.db_path}"

    # -- in-thread hub -------------------------------------------------------------------

    def start(self, worker: bool = False) -> Site:
        config = load_site_config(self.config_path)
        hub = Hub(config=config, store=Store.open(self.db_url), clock=self.clock)
        hub.sync.autostart = worker
        self.running = start_in_thread(hub, port=self.port or 0)
        self.hub = hub
        self.port = int(self.running.url.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = self.hub = None
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    @property
    def agent(self) -> SyncAgent:
        assert self.hub is not None
        return self.hub.sync

    @property
    def store(self) -> Store:
        assert self.hub is not None
        return self.hub.store

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- a real ``kiosk serve`` process -----------------------------------------------------

    def spawn(self, crash_at: str | None = None) -> Site:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("KIOSK_SYNC_CRASH_AT", None)
        if crash_at:
            env["KIOSK_SYNC_CRASH_AT"] = crash_at
        if self.port is None:
            self.port = free_port()
        log = self.folder / "hub.log"
        with log.open("ab") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kiosk.cli",
                    "serve",
                    "--config",
                    str(self.config_path),
                    "--db",
                    self.db_url,
                    "--port",
                    str(self.port),
                    "--log-level",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        wait_for_health(self.url, self.process,
                        lambda: f"{self.slug}: {log.read_text(errors='replace')}", timeout_s=30)
        return self

    def wait_killed(self, timeout: float = 20) -> int:
        assert self.process is not None
        code = self.process.wait(timeout)
        self.process = None
        return code


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Pair:
    a: Site
    b: Site
    ab: FaultProxy  # a → b
    ba: FaultProxy  # b → a

    def start(self, worker: bool = False) -> Pair:
        self.a.start(worker)
        self.b.start(worker)
        self.ab.upstream = ("127.0.0.1", self.b.port)
        self.ba.upstream = ("127.0.0.1", self.a.port)
        return self


@contextmanager
def make_pair(folder: Path) -> Iterator[Pair]:
    """Two sites (not started), each pushing to the other through a fault proxy."""
    ab, ba = FaultProxy(), FaultProxy()
    a = Site(
        "site-a",
        folder / "a",
        write_site(folder / "a", "site-a", [{"slug": "site-b", "url": ab.url}]),
    )
    b = Site(
        "site-b",
        folder / "b",
        write_site(folder / "b", "site-b", [{"slug": "site-a", "url": ba.url}]),
    )
    try:
        yield Pair(a, b, ab, ba)
    finally:
        for site in (a, b):
            site.stop()
        ab.close()
        ba.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    with make_pair(tmp_path) as pair:
        yield pair


@pytest.fixture
def started(pair: Pair) -> Pair:
    return pair.start()


# -- activity and comparisons ------------------------------------------------------------


def play(queue: QueueService, tickets: int, seed: int = 1) -> None:
    """A busy stretch at a site: tickets issued, called, served, missed, moved, cancelled."""
    rng = random.Random(seed)
    for _ in range(tickets):
        service = rng.choice(OPEN_SERVICES[:3])
        queue.issue(
            service,
            priority=service == "ACC" and rng.random() < 0.3,
            language=rng.choice(["fr", "en", "nl"]),
        )
    for _ in range(tickets):
        ticket = queue.call_next("accueil")
        if ticket is None:
            break
        roll = rng.random()
        if roll < 0.55:
            queue.act(ticket.id, "start", "accueil")
            queue.act(ticket.id, "finish", "accueil", outcome="solved")
        elif roll < 0.7:
            queue.act(ticket.id, "no_show", "accueil")
        elif roll < 0.8:
            queue.act(ticket.id, "recall", "accueil")
            queue.act(ticket.id, "cancel", "accueil")
        elif roll < 0.9 and ticket.service != "CPAM":
            queue.act(ticket.id, "transfer", "accueil", to_service="CPAM")
        # else: left called


def store_queue(site: Site) -> tuple[Store, QueueService]:
    """A queue service writing straight into a site's database file (another process)."""
    store = Store.open(site.db_url)
    return store, QueueService(store, load_site_config(site.config_path), site.clock)


def counts(store: Store, site: str | None = None) -> dict:
    """Footfall per (site, day, service), as the dashboard and the footfall API read it."""
    with store.read() as session:
        rows = footfall(session, date(2020, 1, 1), date(2100, 1, 1), site)
    return {
        (r.site, r.day, r.service): (r.issued, r.served, r.no_show, r.cancelled, r.transferred_in)
        for r in rows
    }


def event_log(store: Store, origin: str) -> list[tuple]:
    with store.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(Event.seq, Event.epoch, Event.kind, Event.ticket_id)
                .where(Event.site == origin)
                .order_by(Event.seq)
            )
        ]


def ticket_rows(store: Store, origin: str) -> dict[str, tuple]:
    with store.read() as session:
        return {
            t.id: (t.status, t.service, t.number, t.parent_id, t.outcome)
            for t in session.scalars(select(Ticket).where(Ticket.site == origin))
        }


def assert_converged(sender: Store, receiver: Store, origin: str) -> None:
    """The receiver holds exactly the origin's events, once each, and counts the same."""
    sent, got = event_log(sender, origin), event_log(receiver, origin)
    assert got == sent, f"{origin}: receiver holds {len(got)} events, sender {len(sent)}"
    issued = Counter(ticket for _, _, kind, ticket in got if kind == "issued")
    assert all(n == 1 for n in issued.values()), "a ticket was issued twice"
    assert counts(receiver, origin) == counts(sender, origin)
    assert ticket_rows(receiver, origin) == ticket_rows(sender, origin)
    assert counts(receiver, origin), "nothing to compare: the test played no visit"


def drain(agent: SyncAgent, rounds: int = 20) -> list:
    """Run rounds until one moves nothing and fails nowhere."""
    results = []
    for _ in range(rounds):
        results = agent.run_once()
        if all(r.error is None and r.batches == 0 for r in results):
            return results
    raise AssertionError(f"sync did not settle: {[r.summary() for r in results]}")


# -- speaking the protocol by hand --------------------------------------------------------


def real_batch(site: Site, cursor: int = 0) -> dict:
    """The next batch ``site`` would push to its peer (a dict, as it goes on the wire)."""
    link = next(iter(site.agent.links.values()))
    batch = link._next_batch(cursor, site.agent.lineage())
    assert batch is not None, "nothing to send"
    batch.pop("_body")
    batch.pop("_encoding")
    return batch


def post_signed(
    url: str,
    body: bytes,
    *,
    key_id: str = "ab-1",
    secret: str = SECRET_AB,
    path: str = "/sync/v1/batches",
    now: datetime | None = None,
    nonce: str | None = None,
    headers: dict | None = None,
    sign_body: bytes | None = None,
) -> httpx.Response:
    """POST ``body`` signed like a peer (``sign_body``: sign other bytes than sent)."""
    from kiosk.sync.signing import sign_request

    signed = sign_request(
        secret.encode(),
        key_id,
        "POST",
        path,
        body if sign_body is None else sign_body,
        now or datetime.now(UTC),
        nonce,
    )
    signed["content-type"] = "application/json"
    signed.update(headers or {})
    return httpx.post(url + path, content=body, headers=signed, timeout=10)


def as_body(batch: dict) -> bytes:
    return json.dumps(batch, separators=(",", ":")).encode()
