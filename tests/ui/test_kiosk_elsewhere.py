"""A two-site house: a service closed here but held at the other site soon says where and
when, from the other site's public schedule that sync brought (``kiosk.sync.peer_sites``)."""

from __future__ import annotations

from datetime import datetime

from config import site_file
from kiosk.domain import visitor_words
from kiosk.hub.server import RunningHub
from kiosk.services.elsewhere import held_elsewhere
from kiosk.siteconfig.loader import load_site_config
from kiosk.sync.peer_sites import SiteDescription, describe_site, peer_sites, store_description
from tests.conftest import PARIS
from tests.ui.helpers import WAIT_MS, current_page, tap

TUESDAY_12H30 = datetime(2026, 11, 24, 12, 30, tzinfo=PARIS)
WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)


def enquin() -> SiteDescription:
    return SiteDescription.model_validate(
        describe_site(load_site_config(site_file("enquin-les-mines"))))


def keep_enquin(store, now: datetime) -> None:
    with store.write() as session:
        store_description(session, "enquin-les-mines", enquin(), now)


def test_the_caf_closed_here_at_noon_is_held_at_enquin_this_afternoon(running_hub: RunningHub):
    """Fauquembergues holds the CAF on Tuesday morning, Enquin-les-Mines on Tuesday
    afternoon: at 12:30 a visitor in Fauquembergues is sent there, not to next week."""
    keep_enquin(running_hub.hub.store, TUESDAY_12H30)
    peers = peer_sites(running_hub.hub.store)
    here_next = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    found = held_elsewhere(peers, "CAF", TUESDAY_12H30, here_next)
    assert found is not None and found.site == "Enquin-les-Mines"
    assert (found.start, found.end) == (datetime(2026, 11, 24, 13, 30, tzinfo=PARIS),
                                        datetime(2026, 11, 24, 16, 30, tzinfo=PARIS))
    line = visitor_words.elsewhere_line("CAF", found.start, found.end, found.site,
                                        TUESDAY_12H30, PARIS, "fr")
    assert line == "CAF : cet après-midi de 13 h 30 à 16 h 30 à Enquin-les-Mines"
    # On Wednesday, Enquin's next CAF (Tuesday 13:30) comes after ours (Tuesday 9:00).
    here_next_wed = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    assert held_elsewhere(peers, "CAF", WEDNESDAY_10H, here_next_wed) is None
    assert held_elsewhere(peers, "NOPE", TUESDAY_12H30, None) is None


def test_the_closed_page_tells_the_visitor_where_and_when(qtbot, make_kiosk,
                                                         running_hub: RunningHub):
    running_hub.hub.clock.set(TUESDAY_12H30)  # the demo's CAF is held 9:00-12:00 on Tuesdays
    keep_enquin(running_hub.hub.store, TUESDAY_12H30)
    window = make_kiosk()
    qtbot.waitUntil(lambda: any(s.get("elsewhere") for s in window.services_now),
                    timeout=WAIT_MS)
    tap(qtbot, window.welcome.tiles["CAF"])
    qtbot.waitUntil(lambda: current_page(window) is window.closed, timeout=WAIT_MS)
    lines = window.closed.next_opening.text().splitlines()
    assert lines[-1] == "CAF : cet après-midi de 13 h 30 à 16 h 30 à Enquin-les-Mines"
    assert lines[0].startswith("Ce service est fermé en ce moment.")
