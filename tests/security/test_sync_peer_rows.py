"""A peer holding the sync key tries to slip bad rows into this hub, between real hubs.

Each test states the attack. Every refusal applies nothing: the receiver's log of the
origin stays exactly what it was.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk import cli
from kiosk.store.models import Event
from kiosk.sync.models import SyncOrigin
from tests.sync.conftest import (
    Pair,
    as_body,
    drain,
    event_log,
    make_pair,
    play,
    post_signed,
    real_batch,
)


@pytest.fixture
def hubs(tmp_path: Path) -> Iterator[Pair]:
    with make_pair(tmp_path) as pair:
        pair.start()
        play(pair.a.hub.queue, 6)
        yield pair


def _with_row(batch: dict, index: int, **changes) -> dict:
    rows = list(batch["rows"])
    rows[index] = {**rows[index], **changes}
    return {**batch, "rows": rows}


def _first(batch: dict, kind: str) -> int:
    return next(i for i, row in enumerate(batch["rows"]) if row["kind"] == kind)


def test_a_name_in_a_counter_slug_is_refused(hubs):
    """Attack: a key holder sends a real-looking batch whose counter slug is a person's
    name and phone number, hoping it reaches the other site's stats and exports."""
    batch = real_batch(hubs.a)
    called = _first(batch, "called")
    response = post_signed(
        hubs.b.url, as_body(_with_row(batch, called, counter="jeanne-dupont-0612345678"))
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "undeclared"
    assert "jeanne-dupont-0612345678" in response.json()["detail"]
    assert event_log(hubs.b.store, "site-a") == []


def test_an_undeclared_service_is_refused(hubs):
    """Attack: rows about a service the sending site never declared (a made-up code), and
    a transfer to one, are pushed so that they show up in the peer's figures."""
    batch = real_batch(hubs.a)
    issued = _first(batch, "issued")
    response = post_signed(hubs.b.url, as_body(_with_row(batch, issued, service="ZZTOP")))
    assert response.status_code == 422 and "ZZTOP" in response.json()["detail"]
    assert event_log(hubs.b.store, "site-a") == []


def test_the_description_cannot_speak_for_another_site(hubs):
    """Attack: a key holder describes itself as the other site (to rename its services)."""
    batch = real_batch(hubs.a)
    batch["site"] = {**batch["site"], "slug": "site-b"}
    response = post_signed(hubs.b.url, as_body(batch))
    assert response.status_code == 403
    assert event_log(hubs.b.store, "site-a") == []


def test_events_dated_2099_are_refused(hubs):
    """Attack: events dated in 2099 would sit at the end of every range and skew figures."""
    batch = real_batch(hubs.a)
    response = post_signed(hubs.b.url, as_body(_with_row(batch, 0, at="2099-01-01T09:00:00+00:00")))
    assert response.status_code == 422 and "future" in response.json()["detail"]
    assert event_log(hubs.b.store, "site-a") == []


@pytest.mark.parametrize(
    "change",
    [
        lambda row: {"counter": "bureau-2" if row["counter"] != "bureau-2" else "bureau-3"},
        lambda row: {"data": {**row["data"], "number": "A999"}},
    ],
    ids=["counter", "number"],
)
def test_a_row_resent_with_another_content_is_a_fork(hubs, change):
    """Attack: rows the receiver already holds are resent with a changed counter or number;
    taking them as identical replays would hide the change (docs/sync.md promises 409)."""
    drain(hubs.a.agent)
    held = event_log(hubs.b.store, "site-a")
    batch = real_batch(hubs.a)
    index = _first(batch, "called")
    response = post_signed(
        hubs.b.url, as_body(_with_row(batch, index, **change(batch["rows"][index])))
    )
    assert response.status_code == 409, response.text
    assert response.json()["error"] == "fork"
    assert event_log(hubs.b.store, "site-a") == held


def test_a_fake_restore_cannot_wedge_the_real_sender(hubs):
    """Attack: a key holder announces that site-a was "restored from a backup" (a new epoch
    descending from the real one), hoping the receiver switches to it and refuses the real
    site-a forever. The receiver holds it for its operator; the real sender goes on."""
    a, b = hubs.a, hubs.b
    drain(a.agent)
    with b.store.read() as session:
        hw = session.get(SyncOrigin, "site-a").hw
    play(a.hub.queue, 2, seed=9)
    batch = real_batch(a, hw)
    fake = str(uuid.uuid4())
    forged = {
        **batch,
        "epoch": fake,
        "lineage": [*batch["lineage"], {"epoch": fake, "first_seq": batch["first_seq"]}],
        "rows": [{**row, "epoch": fake} for row in batch["rows"]],
    }
    response = post_signed(b.url, as_body(forged))
    assert response.status_code == 409 and response.json()["error"] == "lineage_pending"
    assert "kiosk sync-lineage confirm site-a" in response.json()["detail"]
    assert len(event_log(b.store, "site-a")) == hw

    status = _cli(b, "sync-status")
    assert f"PENDING lineage change of site-a: new epoch {fake}" in status

    drain(a.agent)  # the real sender, under the epoch b follows, is not wedged
    assert event_log(b.store, "site-a") == event_log(a.store, "site-a")
    with b.store.read() as session:
        assert session.get(SyncOrigin, "site-a").epoch == a.store.epoch

    assert "forgotten" in _cli(b, "sync-lineage", "reject", "site-a")
    assert "PENDING" not in _cli(b, "sync-status")


def test_a_refused_row_is_quarantined_not_retried_forever(hubs):
    """Attack (or accident): one event the peer must refuse (dated 2099 by a broken clock)
    sits in the outbox. The sender used to resend the same batch forever; now the rows
    before it go through, the row is quarantined, `kiosk sync-status` names it and the
    operator's action, and `kiosk sync-release` sends again."""
    a, b = hubs.a, hubs.b
    log = event_log(a.store, "site-a")
    bad = log[len(log) // 2][0]
    _shift_to_2099(a, bad)
    result = a.agent.run_once()[0]
    assert result.error and "QUARANTINED" in result.error and f"seq {bad}" in result.error
    assert [seq for seq, *_ in event_log(b.store, "site-a")] == list(range(1, bad))
    again = a.agent.run_once()[0]
    assert again.error == result.error and again.batches == 0  # not resent
    status = _cli(a, "sync-status")
    assert f"QUARANTINED: site-b refused seq {bad}" in status and "kiosk sync-release" in status
    assert "future" in status

    with a.store.write() as session:  # the operator fixes the clock's mishap
        session.execute(
            update(Event).where(Event.site == "site-a", Event.seq == bad).values(at=a.clock.now())
        )
    assert "sent again" in _cli(a, "sync-release", "site-b")
    drain(a.agent)
    assert len(event_log(b.store, "site-a")) == len(log)


def _shift_to_2099(site, seq: int) -> None:
    from datetime import UTC, datetime

    with site.store.write() as session:
        session.execute(
            update(Event)
            .where(Event.site == site.slug, Event.seq == seq)
            .values(at=datetime(2099, 1, 1, 9, tzinfo=UTC))
        )


def _cli(site, *args: str) -> str:
    """What an operator sees running ``kiosk ARGS --config … --db …`` (the CLI's own
    ``main``, in this process: the store is shared with the running hub as it would be)."""
    out, err = io.StringIO(), io.StringIO()
    argv = [*args, "--config", str(site.config_path), "--db", site.db_url]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        cli.main(argv)
    return out.getvalue() + err.getvalue()


def test_a_batch_from_an_undescribed_site_waits_for_its_description(hubs):
    """Attack: a batch without any site description (an older or a hand-made sender)
    would leave the receiver nothing to check services and counters against."""
    batch = real_batch(hubs.a)
    del batch["site"]
    response = post_signed(hubs.b.url, as_body(batch))
    assert response.status_code == 409 and response.json()["error"] == "undescribed"
    assert event_log(hubs.b.store, "site-a") == []
    drain(hubs.a.agent)  # the real sender describes itself and goes on
    assert event_log(hubs.b.store, "site-a") == event_log(hubs.a.store, "site-a")
