"""The plain path: a round moves a site's visits to its peer, exactly once."""

from __future__ import annotations

from tests.sync.conftest import assert_converged, drain, play, ticket_rows


def test_a_round_moves_every_visit_once(started):
    a, b = started.a, started.b
    play(a.hub.queue, 25)
    results = a.agent.run_once()
    assert results[0].error is None, results[0].summary()
    assert results[0].sent > 0
    assert_converged(a.store, b.store, "site-a")
    again = drain(a.agent)
    assert again[0].sent == 0
    assert_converged(a.store, b.store, "site-a")


def test_health_tells_when_the_other_site_was_last_heard_from(started):
    import httpx

    a, b = started.a, started.b
    never = httpx.get(a.url + "/api/health").json()["peers"]
    assert never == [{"site": "site-b", "last_heard_at": None, "backlog": 0, "last_error": None}]
    play(a.hub.queue, 3)
    assert httpx.get(a.url + "/api/health").json()["peers"][0]["backlog"] > 0
    drain(a.agent)
    mine = httpx.get(a.url + "/api/health").json()["peers"][0]
    theirs = httpx.get(b.url + "/api/health").json()["peers"][0]
    assert mine["site"] == "site-b" and mine["last_heard_at"] and mine["backlog"] == 0
    assert theirs["site"] == "site-a" and theirs["last_heard_at"]
    b.stop()
    play(a.hub.queue, 1)
    a.agent.run_once()
    down = httpx.get(a.url + "/api/health").json()["peers"][0]
    assert down["backlog"] > 0 and "cannot reach" in down["last_error"]
    assert down["last_heard_at"] == mine["last_heard_at"]


def test_the_worker_pushes_a_new_ticket_by_itself(pair):
    """No round driven by hand: the worker wakes on the new ticket (how fast is a bench
    figure, not a test's business)."""
    from tests.integration.helpers import wait_until

    pair.start(worker=True)
    a, b = pair.a, pair.b
    wait_until(
        lambda: a.agent.status()[0].last_heard_at and a.agent.status()[0].last_error is None,
        30,
        "the worker to reach the other site",
    )
    ticket = a.hub.queue.issue("ACC").ticket
    wait_until(lambda: ticket.id in ticket_rows(b.store, "site-a"), 30, "the ticket at site-b")


def test_sync_over_tls(tmp_path):
    import subprocess

    from tests.needs import need_program
    from tests.sync.conftest import Site, free_port, write_site

    need_program("openssl", "openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    b = Site(
        "site-b",
        tmp_path / "b",
        write_site(
            tmp_path / "b",
            "site-b",
            [{"slug": "site-a"}],
            sync=f'tls_cert = "{cert}"\ntls_key = "{key}"',
        ),
        port=port,
    )
    a = Site(
        "site-a",
        tmp_path / "a",
        write_site(
            tmp_path / "a",
            "site-a",
            [{"slug": "site-b", "url": f"https://127.0.0.1:{port}"}],
            sync=f'ca_file = "{cert}"',
        ),
    )
    try:
        b.start()
        a.start()
        assert b.running.url.startswith("https://")
        play(a.hub.queue, 5)
        assert a.agent.run_once()[0].error is None
        assert_converged(a.store, b.store, "site-a")
    finally:
        a.stop()
        b.stop()


def test_backoff_doubles_from_a_quarter_second_with_jitter_and_a_cap():
    import random

    from kiosk.sync.agent import BACKOFF_CAP_S, backoff_s

    rng = random.Random(3)
    assert backoff_s(0) == 0
    for failures in range(1, 40):
        ceiling = min(BACKOFF_CAP_S, 0.25 * 2 ** (failures - 1))
        delays = [backoff_s(failures, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 40  # jittered, not in step
    assert backoff_s(12, rng) > 250 and backoff_s(100, rng) <= 600
    # The site file's retry_cap_s lowers the cap (a LAN pair, the fault matrix).
    assert 0.25 <= backoff_s(100, rng, cap_s=0.5) <= 0.5


def test_only_each_kinds_facts_travel():
    from datetime import UTC, date, datetime
    from types import SimpleNamespace

    from kiosk.sync.wire import WireRow, to_wire

    def event(kind, **data):
        return SimpleNamespace(
            kind=kind,
            seq=1,
            epoch="0" * 8 + "-0000-0000-0000-" + "0" * 12,
            at=datetime(2026, 11, 24, 9, tzinfo=UTC),
            day=date(2026, 11, 24),
            service="ACC",
            ticket_id=None,
            counter=None,
            data=data,
        )

    fault = to_wire(event("printer_fault", kiosk="Jeanne", fault="Jeanne a tout cassé"), "a")
    assert fault["data"] == {}
    unmet = to_wire(event("unmet_demand", language="nl", kiosk="borne-1"), "a")
    assert unmet["data"] == {"language": "nl"}
    odd = to_wire(event("counter_paused", reason="Jeanne Dupont"), "a")
    assert odd["data"] == {}  # not one of the reasons: dropped, the event still goes
    WireRow.model_validate(unmet, strict=False)
