"""The observatory bench's simulated sites send what a real observatory takes.

The figures are worthless if every batch is refused: a simulated site's batch must pass the
wire schema and name only the services and counters its own description declares, as the
receiver checks (kiosk.sync.apply). And they must send what a real sender sends: the
description only until the observatory is known to hold its digest (kiosk.sync.sender).
"""

from __future__ import annotations

import gzip
import json
import random
from datetime import UTC, date, datetime

from kiosk.bench.observatory_figures import SimSite, a_day, sites_with_keys
from kiosk.store.db import Store
from kiosk.sync.peer_sites import declared_of, store_description, undeclared
from kiosk.sync.wire import Batch


def _wire(site: SimSite, rows: list[dict]) -> bytes:
    body, encoding = site.body(rows)
    return gzip.decompress(body) if encoding else body


def _batch(site: SimSite, rows: list[dict]) -> Batch:
    return Batch.model_validate_json(_wire(site, rows))


def test_a_simulated_sites_batch_passes_the_receivers_checks():
    site = sites_with_keys(1, "sim")[0]
    a_day(site, date(2026, 11, 24), 40, random.Random(7))
    rows = [row for _, row in site.events]
    batch = _batch(site, rows)
    assert batch.site is not None and batch.site.slug == site.slug
    services = frozenset(s.code for s in batch.site.services)
    counters = frozenset(c.id for c in batch.site.counters)
    assert undeclared(batch.rows, services, counters) is None
    assert [row.seq for row in batch.rows] == list(range(1, len(rows) + 1))


def test_a_simulated_site_describes_itself_until_the_observatory_holds_it(tmp_path):
    site = sites_with_keys(1, "sim")[0]
    a_day(site, date(2026, 11, 24), 40, random.Random(7))
    rows = [row for _, row in site.events]
    first = _batch(site, rows[:10])
    assert first.site is not None
    store = Store.open(f"sqlite:///{tmp_path / 'observatory.db'}")
    with store.write() as session:  # what the receiver keeps of the first batch
        held = store_description(session, site.slug, first.site, datetime.now(UTC)).digest
    assert held == site.digest  # the simulator computes it as the receiver does
    site.heard({"hw": 10, "your_site_digest": held})  # the first batch's ack
    second = _batch(site, rows[10:20])
    assert second.site is None
    assert "site" not in json.loads(_wire(site, rows[10:20]))
    with store.read() as session:  # still accepted: it names only what was declared
        assert undeclared(second.rows, *declared_of(session, site.slug)) is None
    site.heard({"hw": 20})  # an older receiver's ack: unknown again
    assert _batch(site, rows[20:30]).site is not None
    site.heard({"yours": {"hw": 20}, "your_site_digest": held})  # a state answer
    assert _batch(site, rows[20:30]).site is None
    site.heard({"hw": 30, "your_site_digest": "another"})  # it holds another one
    assert _batch(site, rows[30:40]).site is not None
