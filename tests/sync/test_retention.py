"""Retention between two real hubs: visits past ``[retention] days`` go, their day figures
stay exactly as they were, phone links answer "expired", and sync neither resends nor sees
a gap (own events leave only once every peer holds them)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.domain.schedule import local_day
from kiosk.services.retention import purge
from kiosk.services.stats import Stats
from kiosk.store.models import Event, Ticket
from tests.sync.conftest import drain, event_log, play

pytestmark = pytest.mark.slow
OLD = -100 * 86400.0  # visits 100 days ago, past the default 90


def figures(site) -> dict:
    """Every kept or computed figure of the old days, read fresh by the stats code."""
    hub = site.hub
    today = local_day(hub.clock.now(), hub.config.tz)
    stats = Stats(hub.store, hub.config.tz, hub.clock)  # nothing held in memory
    found = stats.figures(today - timedelta(days=120), today - timedelta(days=91))
    return {key: f.to_json() for key, f in found.items()}


def old_rows(site) -> tuple[int, int]:
    with site.store.read() as session:
        cutoff = local_day(site.hub.clock.now(), site.hub.config.tz) - timedelta(days=90)
        return (
            session.scalar(select(func.count()).select_from(Ticket).where(Ticket.day < cutoff)),
            session.scalar(select(func.count()).select_from(Event).where(Event.day < cutoff)),
        )


def test_purge_keeps_the_figures_and_the_sync_whole(started, capsys):
    a, b = started.a, started.b
    a.clock.offset_s = b.clock.offset_s = OLD
    play(a.hub.queue, 12, seed=1)
    play(b.hub.queue, 8, seed=2)
    with a.store.read() as session:
        old_token = session.scalar(select(Ticket.token).where(Ticket.token.is_not(None)))
    a.clock.offset_s = b.clock.offset_s = 0
    drain(a.agent), drain(b.agent)  # each holds the other's old visits

    a.clock.offset_s = b.clock.offset_s = OLD
    play(a.hub.queue, 3, seed=3)  # old visits A has not sent yet
    play(b.hub.queue, 3, seed=4)  # and B's, that A will receive after its purge
    a.clock.offset_s = b.clock.offset_s = 0
    play(a.hub.queue, 4, seed=5)  # today's visits stay whatever happens (some end old ones)
    cursor = a.agent.cursor("site-b")
    with a.store.read() as session:
        cutoff = local_day(a.hub.clock.now(), a.hub.config.tz) - timedelta(days=90)
        unsent = session.scalars(
            select(Event.seq).where(Event.site == "site-a", Event.seq > cursor, Event.day < cutoff)
        ).all()
    assert unsent
    before = figures(a)
    assert {site for site, _, _ in before} == {"site-a", "site-b"}

    page = httpx.get(f"{a.url}/t/{old_token}", timeout=5)
    assert page.status_code == 410 and "no longer valid" in page.text  # past it, not gone yet

    assert main(["purge", "--config", str(a.config_path), "--db", a.db_url, "--dry-run"]) == 0
    assert "would remove what came before" in capsys.readouterr().out
    assert old_rows(a)[0] > 0  # the dry run removed nothing

    result = purge(a.store, a.hub.config, a.clock)
    assert result.tickets > 0 and result.events > 0
    assert result.held_for_peers == len(unsent)  # B does not hold them yet
    assert old_rows(a) == (0, len(unsent))
    assert figures(a) == before  # the figures of the purged days are unchanged

    page = httpx.get(f"{a.url}/t/{old_token}", timeout=5)
    assert page.status_code == 404 and "Tickets are deleted after 90 days" in page.text

    # Sync goes on as if nothing happened: A sends what B lacks (no gap), B sends its late
    # old visits to A (which cannot change A's sealed figures), nothing goes twice.
    sent = drain(a.agent)
    assert all(r.error is None for r in sent)
    drain(b.agent)
    held_by_b = [seq for seq, *_ in event_log(b.store, "site-a")]
    assert held_by_b == list(range(1, len(held_by_b) + 1))
    assert held_by_b[-1] == event_log(a.store, "site-a")[-1][0]
    assert figures(a) == before

    tickets_left, events_left = old_rows(a)  # B's late visits, and A's own now sent
    assert tickets_left > 0 and events_left > len(unsent)
    again = purge(a.store, a.hub.config, a.clock)  # the next day end: B has them now
    assert (again.held_for_peers, again.tickets, again.events) == (0, tickets_left, events_left)
    assert old_rows(a) == (0, 0)
    assert figures(a) == before
    today = local_day(a.hub.clock.now(), a.hub.config.tz)
    with a.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket).where(Ticket.day == today))
