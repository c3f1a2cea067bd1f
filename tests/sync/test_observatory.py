"""An observatory: the same hub on PostgreSQL, receiving from several sites at once, with
the footfall API over all of them. Runs on a real PostgreSQL server started here."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kiosk.bench.sync_figures import make_backlog
from kiosk.store.db import Store
from tests.sync.conftest import (
    Site,
    as_body,
    assert_converged,
    counts,
    play,
    post_signed,
    real_batch,
    write_site,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SITES = ["site-1", "site-2", "site-3"]


@pytest.fixture
def observatory(postgres, tmp_path):
    """``kiosk serve --db postgresql+psycopg://…`` as a real process, and three sites (in-thread
    hubs on SQLite) that push to it."""
    url = postgres.url(f"obs_{tmp_path.name[-20:].replace('-', '_').lower()}")
    keys = {f"k-{s}": f"secret-of-{s}-0123456789abcdefghijklmnop" for s in SITES}
    folder = tmp_path / "obs"
    config = write_site(folder, "observatory", [{"slug": s, "key_id": f"k-{s}"} for s in SITES])
    _add_keys(folder, keys)
    server = Site("observatory", folder, config, database=url).spawn()
    store = Store.open(url)
    sites = []
    for slug in SITES:
        home = tmp_path / slug
        site = Site(
            slug,
            home,
            write_site(
                home, slug, [{"slug": "observatory", "url": server.url, "key_id": f"k-{slug}"}]
            ),
        )
        _add_keys(home, keys)
        sites.append(site.start())
    yield store, server, sites
    for site in sites:
        site.stop()
    server.stop()
    store.close()


def _add_keys(folder, keys: dict) -> None:
    import json

    path = folder / "keys.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **keys}))


def test_many_sites_push_to_one_postgresql_observatory(observatory):
    store, running, sites = observatory
    assert store.url.startswith("postgresql")
    today = datetime.now(UTC).date()
    for number, site in enumerate(sites):
        make_backlog(site.store, site.slug, 1_500, 10, today - timedelta(days=1), seed=number)
        play(site.hub.queue, 8, seed=number)
    errors = []

    def push(site):
        for _ in range(5):
            result = site.agent.run_once()[0]
            if result.error is None and result.batches == 0:
                return
            if result.error:
                errors.append(result.error)

    pushers = [threading.Thread(target=push, args=(site,)) for site in sites]
    for pusher in pushers:
        pusher.start()
    for pusher in pushers:
        pusher.join(120)
    assert not [e for e in errors if "busy" not in e], errors
    for site in sites:
        assert_converged(site.store, store, site.slug)

    with httpx.Client(base_url=running.url, timeout=10) as api:
        token = api.post("/api/session", json={"manager": "direction", "pin": "9999"})
        headers = {"Authorization": f"Bearer {token.json()['token']}"}
        rows = api.get(
            "/api/footfall",
            params={"from": str(today - timedelta(days=30)), "to": str(today)},
            headers=headers,
        ).json()
    by_site = {}
    for row in rows:
        by_site[row["site"]] = by_site.get(row["site"], 0) + row["issued"]
    for site in sites:
        assert by_site[site.slug] == sum(v[0] for v in counts(site.store, site.slug).values())


def test_replays_gaps_and_spoofing_on_postgresql(observatory):
    store, running, sites = observatory
    one = sites[0]
    play(one.hub.queue, 6)
    batch = real_batch(one)
    first = post_signed(
        running.url,
        as_body(batch),
        key_id="k-site-1",
        secret="secret-of-site-1-0123456789abcdefghijklmnop",
    )
    assert first.status_code == 200, first.text
    again = post_signed(
        running.url,
        as_body(batch),
        key_id="k-site-1",
        secret="secret-of-site-1-0123456789abcdefghijklmnop",
    )
    assert again.status_code == 200 and again.json()["replayed"] == batch["count"]
    ahead = {
        **batch,
        "first_seq": batch["last_seq"] + 5,
        "last_seq": batch["last_seq"] + 5,
        "count": 1,
        "rows": [{**batch["rows"][0], "seq": batch["last_seq"] + 5}],
    }
    gap = post_signed(
        running.url,
        as_body(ahead),
        key_id="k-site-1",
        secret="secret-of-site-1-0123456789abcdefghijklmnop",
    )
    assert gap.status_code == 409 and gap.json()["expected_seq"] == batch["last_seq"] + 1
    spoof = {**batch, "origin": "site-2", "rows": [{**r, "site": "site-2"} for r in batch["rows"]]}
    assert (
        post_signed(
            running.url,
            as_body(spoof),
            key_id="k-site-1",
            secret="secret-of-site-1-0123456789abcdefghijklmnop",
        ).status_code
        == 403
    )
    assert one.agent.run_once()[0].error is None
    assert_converged(one.store, store, "site-1")
