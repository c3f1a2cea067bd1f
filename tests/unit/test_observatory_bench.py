"""The observatory bench's simulated sites send what a real observatory takes.

The figures are worthless if every batch is refused: a simulated site's batch must pass the
wire schema and name only the services and counters its own description declares, as the
receiver checks (kiosk.sync.apply).
"""

from __future__ import annotations

import gzip
import random
from datetime import date

from kiosk.bench.observatory_figures import a_day, sites_with_keys
from kiosk.sync.peer_sites import undeclared
from kiosk.sync.wire import Batch


def test_a_simulated_sites_batch_passes_the_receivers_checks():
    site = sites_with_keys(1, "sim")[0]
    a_day(site, date(2026, 11, 24), 40, random.Random(7))
    rows = [row for _, row in site.events]
    body, encoding = site.body(rows)
    batch = Batch.model_validate_json(gzip.decompress(body) if encoding else body)
    assert batch.site is not None and batch.site.slug == site.slug
    services = frozenset(s.code for s in batch.site.services)
    counters = frozenset(c.id for c in batch.site.counters)
    assert undeclared(batch.rows, services, counters) is None
    assert [row.seq for row in batch.rows] == list(range(1, len(rows) + 1))
