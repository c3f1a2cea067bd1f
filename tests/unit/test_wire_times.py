"""Times on the wire (kiosk.sync.wire.WireTime): aware, within 2020–2100, and held in UTC
once parsed whatever offset they were written with, so the receiver compares and stores
them as plain values."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from kiosk.sync.wire import BadBatch, parse_batch

EPOCH = str(uuid.uuid4())


def body(at: str, arrived_at: str = "2026-07-01T09:00:00+02:00") -> bytes:
    row = {
        "site": "site-a", "seq": 1, "epoch": EPOCH, "at": at, "kind": "issued",
        "day": "2026-07-01", "service": "CAF", "ticket_id": str(uuid.uuid4()),
        "data": {"number": "C001", "seq": 1, "arrived_at": arrived_at},
    }  # fmt: skip
    batch = {"origin": "site-a", "epoch": EPOCH, "lineage": [{"epoch": EPOCH, "first_seq": 1}],
             "first_seq": 1, "last_seq": 1, "count": 1, "rows": [row]}  # fmt: skip
    return json.dumps(batch).encode()


def test_a_time_written_with_any_offset_is_held_in_utc():
    [row] = parse_batch(body("2026-07-01T09:00:05.250+02:00"), "identity").rows
    assert row.at == datetime(2026, 7, 1, 7, 0, 5, 250_000, tzinfo=UTC)
    assert row.at.tzinfo is UTC and row.data.arrived_at.tzinfo is UTC
    assert row.data.arrived_at == datetime(2026, 7, 1, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "arrived_at", "needle"),
    [
        ("2019-12-31T23:59:59+00:00", "2026-07-01T09:00:00+02:00", "rows.0.at"),
        ("2100-01-01T00:00:01+00:00", "2026-07-01T09:00:00+02:00", "rows.0.at"),
        ("2026-07-01T09:00:00", "2026-07-01T09:00:00+02:00", "timezone"),
        ("2026-07-01T09:00:00+02:00", "1999-07-01T09:00:00+02:00", "arrived_at"),
    ],
    ids=["before-2020", "after-2100", "naive", "arrival-out-of-range"],
)
def test_a_time_out_of_range_or_without_offset_refuses_the_batch(at, arrived_at, needle):
    with pytest.raises(BadBatch) as refused:
        parse_batch(body(at, arrived_at), "identity")
    assert refused.value.status == 422 and needle in refused.value.message
