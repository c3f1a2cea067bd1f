"""The sync fault matrix, between two real ``kiosk serve`` processes with their own sync
workers, each pushing to the other through a fault-injecting proxy.

No round is driven by hand: visits are written into each site's database by a second
writer (the test, as a second process on a site's SQLite file would), each hub's own sync
worker finds them at its next look (``poll_s``) and pushes them. Every fault of the
network (a reply dropped, a request delayed, duplicated, overtaken by the next one, cut
short, reset, answered 5xx by a gateway before or after the receiver committed) and every
``kill -9`` of either side at each step of a batch's life must end the same way: both
stores hold the same events of both origins, once each, gap-free, and count the same
visits.

One pair of processes lives for the module (short poll and retry intervals from the site
file); a crash test restarts the side it kills. Tests wait on conditions, never on clocks.
"""

from __future__ import annotations

import gzip
import json
import signal
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from kiosk.store.db import Store
from kiosk.sync.models import SyncPeer
from tests.integration.helpers import wait_until
from tests.sync.conftest import Site, assert_converged, event_log, play, write_site
from tests.sync.proxy import FaultProxy

pytestmark = pytest.mark.slow

#: Site-file settings that make the workers look often and retry soon.
FAST_SYNC = "retry_cap_s = 0.5\n"  # write_site already sets poll_s = 0.1
SETTLE_S = 60


@dataclass
class Side:
    """One site: its ``kiosk serve`` process, a store opened on the same database (to
    write visits and read what it holds), and the proxy in front of it."""

    site: Site
    store: Store
    inbound: FaultProxy  # what the other side sends here goes through this

    @property
    def slug(self) -> str:
        return self.site.slug

    def spawn(self, crash_at: str | None = None) -> None:
        self.site.spawn(crash_at=crash_at)
        self.inbound.upstream = ("127.0.0.1", self.site.port)

    def restart(self, crash_at: str | None = None) -> None:
        self.site.stop()
        self.spawn(crash_at)

    def play(self, tickets: int, seed: int) -> None:
        from kiosk.services.queue import QueueService
        from kiosk.siteconfig import load_site_config

        queue = QueueService(self.store, load_site_config(self.site.config_path), self.site.clock)
        play(queue, tickets, seed)

    def cursor(self, peer: str) -> int:
        with self.store.read() as session:
            return session.scalar(select(SyncPeer.cursor).where(SyncPeer.peer == peer)) or 0


@dataclass
class LivePair:
    a: Side
    b: Side

    def sides(self) -> tuple[Side, Side]:
        return self.a, self.b

    def holds_the_same(self) -> bool:
        return all(
            event_log(self.a.store, origin) == event_log(self.b.store, origin)
            for origin in (self.a.slug, self.b.slug)
        )

    def settle(self) -> None:
        wait_until(self.holds_the_same, SETTLE_S, "both stores to hold the same events")

    def assert_converged(self) -> None:
        for sender, receiver in ((self.a, self.b), (self.b, self.a)):
            assert_converged(sender.store, receiver.store, sender.slug)
            seqs = [seq for seq, *_ in event_log(receiver.store, sender.slug)]
            assert seqs == list(range(1, len(seqs) + 1)), f"{sender.slug}: a gap or a repeat"
            # No echo: what goes to a peer is the sender's own events only.
            for head, body in receiver.inbound.wire:
                if head.startswith(b"POST /sync/v1/batches"):  # not the site description
                    gzipped = b"content-encoding: gzip" in head.lower()
                    batch = json.loads(gzip.decompress(body) if gzipped else body)
                    assert {row["site"] for row in batch["rows"]} == {sender.slug}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePair]:
    folder = tmp_path_factory.mktemp("matrix")
    to_b, to_a = FaultProxy(), FaultProxy()
    sites = {
        slug: Site(
            slug,
            folder / slug,
            write_site(folder / slug, slug, [{"slug": peer, "url": proxy.url}], FAST_SYNC),
        )
        for slug, peer, proxy in (("site-a", "site-b", to_b), ("site-b", "site-a", to_a))
    }
    stores: list[Store] = []
    try:
        sides = []
        for slug, inbound in (("site-a", to_a), ("site-b", to_b)):
            site = sites[slug]
            site.spawn()
            stores.append(Store.open(site.db_url))
            side = Side(site, stores[-1], inbound)
            side.inbound.upstream = ("127.0.0.1", site.port)
            sides.append(side)
        pair = LivePair(*sides)
        pair.a.play(6, seed=1)
        pair.b.play(6, seed=2)
        pair.settle()
        pair.assert_converged()
        yield pair
    finally:
        for site in sites.values():
            site.stop()
        for store in stores:
            store.close()
        to_b.close()
        to_a.close()


NETWORK_FAULTS = [
    "drop_reply",
    "delay:0.5",
    "duplicate",
    "late",  # reordered: delivered after the next request
    "truncate",
    "reset_mid_body",
    "status:503",
    "status_after:502",
]


@pytest.mark.parametrize("fault", NETWORK_FAULTS)
def test_a_network_fault_each_way_changes_nothing_in_the_end(live, fault):
    for proxy in (live.a.inbound, live.b.inbound):
        proxy.faults(fault)
    live.a.play(8, seed=10 + NETWORK_FAULTS.index(fault))
    live.b.play(8, seed=20 + NETWORK_FAULTS.index(fault))
    live.settle()
    live.assert_converged()
    for proxy in (live.a.inbound, live.b.inbound):
        assert proxy.plan == [], f"{fault}: the fault was never met"
        assert proxy.statuses(fault), f"{fault}: no request went through it"
    if fault in ("drop_reply", "status_after:502"):
        # The receiver had committed; the sender never heard it and sent again.
        assert all(p.statuses(fault) == [200] for p in (live.a.inbound, live.b.inbound))
    if fault == "duplicate":
        # The copy carries the same nonce: refused as a replay, nothing applied twice.
        assert all(p.statuses("duplicate-copy") == [401] for p in (live.a.inbound, live.b.inbound))


#: (step, the side killed, the side whose visits make the traffic). Each side is killed
#: once as a sender and once as a receiver.
CRASHES = [
    ("sender_before_send", "b", "b"),
    ("sender_after_ack", "a", "a"),
    ("sender_after_save", "b", "b"),
    ("receiver_before_apply", "a", "b"),
    ("receiver_mid_apply", "b", "a"),
    ("receiver_after_commit", "a", "b"),
]


def _pick(live: LivePair, which: str) -> tuple[Side, Side]:
    return (live.a, live.b) if which == "a" else (live.b, live.a)


@pytest.mark.parametrize(("step", "victim", "writer"), CRASHES)
def test_kill_9_at_each_step_loses_nothing_and_counts_nothing_twice(live, step, victim, writer):
    killed, _ = _pick(live, victim)
    sender, receiver = _pick(live, writer)
    live.settle()
    before = event_log(receiver.store, sender.slug)
    killed.restart(crash_at=step)
    sender.play(10, seed=len(before))
    assert killed.site.wait_killed(SETTLE_S) == -signal.SIGKILL, f"{step} was never reached"
    held = event_log(receiver.store, sender.slug)
    made = event_log(sender.store, sender.slug)
    if step in ("sender_before_send", "receiver_before_apply", "receiver_mid_apply"):
        assert held == before, f"{step}: the receiver kept part of a batch"
    elif step in ("receiver_after_commit", "sender_after_ack"):
        assert len(held) > len(before) and held == made[: len(held)]
        assert sender.cursor(receiver.slug) < len(held), "the ack was never saved"
    else:  # sender_after_save
        assert sender.cursor(receiver.slug) == len(held) > len(before)
    killed.spawn()
    live.settle()
    live.assert_converged()
