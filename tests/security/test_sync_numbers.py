"""Ticket numbers past 99,999 in a day, between a hub and a real ``kiosk serve`` peer.

The wire used to refuse ``A100000`` and the sender resent that batch forever: one busy
service (or a flood of tickets) wedged sync for good. Numbers now travel up to the store's
limit, 9,999,999 a service a day, where the kiosk says the day is full (409).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from kiosk.domain.schedule import local_day
from kiosk.services.queue import MAX_DAY_NUMBER
from kiosk.store.db import Store
from kiosk.store.models import DayNumber, Ticket
from tests.sync.conftest import Pair, drain, make_pair


@pytest.fixture
def a_and_real_b(tmp_path: Path) -> Iterator[Pair]:
    with make_pair(tmp_path) as pair:
        pair.a.start()
        pair.b.spawn()
        pair.ab.upstream = ("127.0.0.1", pair.b.port)
        yield pair


def _numbers_given(site, service: str, last: int) -> None:
    config = site.hub.config
    day = local_day(site.clock.now(), config.tz)
    with site.store.write() as session:
        session.merge(DayNumber(site=site.slug, day=day, service=service, last=last))


def test_the_100000th_ticket_of_a_day_crosses_sync(a_and_real_b):
    """Attack: a flood of tickets (or a very busy day) pushes a service past 99,999; the
    100,000th number must reach the peer, not wedge sync."""
    a, b = a_and_real_b.a, a_and_real_b.b
    _numbers_given(a, "ACC", 99_998)
    tickets = [a.hub.queue.issue("ACC").ticket for _ in range(2)]
    assert [t.number for t in tickets] == ["A99999", "A100000"]
    results = drain(a.agent)
    assert results[0].error is None
    store = Store.open(b.db_url)
    try:
        with store.read() as session:
            got = dict(
                session.execute(
                    select(Ticket.number, Ticket.seq).where(Ticket.site == "site-a")
                ).all()
            )
    finally:
        store.close()
    assert got == {"A99999": 99_999, "A100000": 100_000}
    assert "QUARANTINED" not in str(httpx.get(f"{a.url}/api/health").json()["peers"])


def test_past_the_last_number_of_the_day_the_kiosk_is_told(a_and_real_b):
    """Attack: a flood keeps tapping once a service has given its last number of the day:
    the answer is a clear 409, never a number that cannot be stored or sent."""
    a = a_and_real_b.a
    _numbers_given(a, "ACC", MAX_DAY_NUMBER - 1)
    assert a.hub.queue.issue("ACC").ticket.number == f"A{MAX_DAY_NUMBER}"
    refused = httpx.post(f"{a.url}/api/tickets", json={"service": "ACC"})
    assert refused.status_code == 409, refused.text
    assert "9,999,999" in refused.json()["detail"]
    assert drain(a.agent)[0].error is None
