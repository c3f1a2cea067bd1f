"""Each site's public description travels with sync; the other site knows its services' hours.

Two real hubs with their own SQLite files: ``site-a`` pushes a round (the description rides
in the batch envelope), ``site-b`` has nothing to send and still describes itself through
its heartbeat. What the receiver stores answers "next openings" exactly as the sending
site's own schedule code does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.siteconfig import load_site_config
from kiosk.sync.peer_sites import describe_site, peer_sites
from tests.sync.conftest import drain, play

PARIS = ZoneInfo("Europe/Paris")


def test_description_holds_no_secret(pair):
    config = load_site_config(pair.a.config_path)
    text = json.dumps(describe_site(config))
    assert "pin_hash" not in text and "$" not in text  # no PIN hash (argon2/scrypt text)
    assert "key" not in text and "http" not in text  # no key id, no peer URL
    assert {s["code"] for s in describe_site(config)["services"]} == set(config.services_by_code)


def test_the_other_site_is_known_with_its_hours(started):
    a, b = started.a, started.b
    play(a.hub.queue, 3)
    drain(a.agent)  # a's description rides in its batches
    drain(b.agent)  # b sends no event: its heartbeat carries the description
    [seen_by_b] = peer_sites(b.store)
    [seen_by_a] = peer_sites(a.store)
    assert (seen_by_b.slug, seen_by_a.slug) == ("site-a", "site-b")
    config = load_site_config(a.config_path)
    assert seen_by_b.name == config.site.name and seen_by_b.tz == PARIS
    assert set(seen_by_b.services) == set(config.services_by_code)
    assert set(seen_by_b.counters) == set(config.counters_by_id)
    assert seen_by_b.counters["accueil"].name == config.counters_by_id["accueil"].name
    caf = seen_by_b.services["CAF"]
    assert caf.label("nl") == config.service("CAF").labels.nl
    # CAF holds its desk on Tuesday mornings: from a Tuesday noon, the next three are
    # the three next Tuesdays at 09:00 Paris time, as the local schedule says.
    noon = datetime(2026, 11, 24, 12, 0, tzinfo=PARIS)
    local = config.schedules["CAF"]
    expected, moment = [], noon
    for _ in range(3):
        moment = local.next_opening(moment, config.tz)
        expected.append(moment)
    assert caf.next_openings(noon.astimezone(UTC), 3) == expected
    assert [t.astimezone(PARIS).strftime("%a %H:%M") for t in expected] == ["Tue 09:00"] * 3
    assert caf.is_open(datetime(2026, 11, 24, 9, 30, tzinfo=PARIS))
    assert not caf.is_open(noon)
    for code, service in seen_by_b.services.items():
        for hours in (0, 7, 30, 200):
            instant = noon + timedelta(hours=hours)
            assert service.next_opening(instant) == config.schedules[code].next_opening(
                instant, config.tz
            )
    received = seen_by_b.received_at
    drain(a.agent)
    assert peer_sites(b.store)[0].received_at >= received


def test_a_changed_site_file_reaches_the_peer(started, tmp_path):
    a, b = started.a, started.b
    drain(a.agent)
    text = a.config_path.read_text(encoding="utf-8").replace(
        'name = "Maison des services publics"', 'name = "MSP de démonstration"', 1
    )
    a.config_path.write_text(text, encoding="utf-8")
    a.stop()
    a.start()
    drain(a.agent)
    assert peer_sites(b.store)[0].name == "MSP de démonstration"
