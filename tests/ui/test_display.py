"""The waiting-room display against a real hub on loopback (pytest-qt, offscreen).

Counters call through the HTTP API as the counter console does; the display only listens
(live stream + ``GET /api/display``). Speech uses the speaker's mock engine, whose texts
the speaker records (tests/ui/test_voice.py listens to the real engine).
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.client import HubClient
from kiosk.hub.server import start_in_thread
from tests.conftest import DEMO_PIN
from ui.display.board import Board
from ui.display.chime import RATE, Chime, chime_duration_s, chime_wav
from ui.display.header import french_date_time
from ui.display.style import PAIRS
from ui.ops import wait_for_pool
from ui.theme import contrast_ratio

WAIT_MS = 10_000


@pytest.fixture
def clients(running_hub) -> Iterator[dict[str, HubClient]]:
    """A signed-in client per counter, a kiosk, and the display's own client."""
    made = {name: HubClient(running_hub.url) for name in ("accueil", "bureau-2")}
    for name, client in made.items():
        client.sign_in(counter=name, pin=DEMO_PIN)
    made["kiosk"] = HubClient(running_hub.url, kiosk_id="kiosk-test")
    made["display"] = HubClient(running_hub.url, kiosk_id="display")
    yield made
    for client in made.values():
        client.close()  # also hangs up the display's live stream, so the hub stops at once


@pytest.fixture
def make_display(qtbot, monkeypatch, clients, clock, running_hub):
    """Open displays on the test hub; at the end, close them and end their live streams
    the way a hub shutting down does, so that the hub stops at once."""
    from ui.display.window import DisplayWindow

    monkeypatch.setenv("KIOSK_TTS_ENGINE", "mock")
    windows = []

    def make(**options):
        window = DisplayWindow(
            clients["display"], clock=clock.now, chime=Chime(enabled=False), **options
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitUntil(
            lambda: window.site is not None and window.live.is_connected, timeout=WAIT_MS
        )
        return window

    yield make
    for window in windows:
        window.close()
    feed = running_hub.hub.feed
    feed.drop_streams()
    for window in windows:
        qtbot.waitUntil(lambda w=window: not w.live.is_connected, timeout=WAIT_MS)
    wait_for_pool()


@pytest.fixture
def display(make_display):
    return make_display()


def call_next(client: HubClient, counter: str) -> dict:
    called = client.call_next(counter)
    assert called is not None
    return called


def showing(window, number: str, counter: str) -> bool:
    return (
        window.highlighted
        and window.hero.isVisible()
        and window.hero.number.text() == number
        and window.hero.counter.text() == counter
    )


def listed(window) -> list[tuple[str, str, str]]:
    return [
        (row.number.text(), row.counter.text(), row.tag.text())
        for row in window.calls.rows
        if row.isVisibleTo(window)
    ]


# -- calls on screen ---------------------------------------------------------------------------


def test_a_call_is_shown_large_and_highlighted_then_joins_the_list(make_display, clients, qtbot):
    window = make_display(highlight_s=0.6)
    assert not window.hero.isVisible()
    assert window.calls.placeholder.isVisibleTo(window)  # nobody called yet today
    clients["accueil"].issue_ticket("CAF", language="fr")

    with qtbot.waitSignal(window.shown, timeout=WAIT_MS) as shown:
        call_next(clients["bureau-2"], "bureau-2")
    assert shown.args[0]["number"] == "C001"
    assert showing(window, "C001", "Bureau 2")
    assert window.hero.title.text() == "Now calling"
    assert listed(window) == []  # the newest is not shown twice

    qtbot.waitUntil(lambda: not window.hero.isVisible(), timeout=WAIT_MS)
    # In the list, the newest call still stands out: tagged and outlined.
    assert listed(window) == [("C001", "Bureau 2", "latest")]
    assert window.calls.rows[0].property("newest") is True
    assert not window.calls.placeholder.isVisibleTo(window)


def test_a_recall_becomes_the_newest_and_is_highlighted_again(display, clients, qtbot):
    staff = clients["accueil"]
    first = staff.issue_ticket("ACC")
    staff.issue_ticket("NUM")
    with qtbot.waitSignal(display.shown, timeout=WAIT_MS):
        call_next(staff, "accueil")
    with qtbot.waitSignal(display.shown, timeout=WAIT_MS):
        call_next(clients["accueil"], "accueil")
    qtbot.waitUntil(lambda: showing(display, "N001", "Accueil"), timeout=WAIT_MS)

    with qtbot.waitSignal(display.shown, timeout=WAIT_MS) as shown:
        staff.act(first["id"], "recall")
    assert shown.args[0] == {**shown.args[0], "number": "A001", "recall": True}
    assert showing(display, "A001", "Accueil")
    assert display.hero.title.text() == "Recall"
    assert listed(display) == [("N001", "Accueil", "")]  # A001 once, in the highlight


def test_each_call_is_announced_in_the_visitors_language_one_after_another(display, clients, qtbot):
    staff = clients["accueil"]
    for language in ("fr", "en", "nl"):
        staff.issue_ticket("ACC", language=language)
    started: list[tuple[str, str]] = []
    display.announcer.started.connect(lambda text, lang: started.append((lang, text)))

    for _ in range(3):  # three calls in a burst: announced in turn, none cut short
        call_next(staff, "accueil")
    staff.issue_ticket("CAF", language="en")
    call_next(clients["bureau-2"], "bureau-2")
    qtbot.waitUntil(lambda: len(display.speaker.said) == 4, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not display.announcer.busy, timeout=WAIT_MS)

    assert display.speaker.said == [
        ("fr", "Ticket A 1, Accueil"),
        ("en", "Ticket A 2, please go to Accueil"),
        ("nl", "Ticket A 3, ga naar Accueil"),
        ("en", "Ticket C 1, please go to Bureau 2"),
    ]
    assert started == display.speaker.said
    assert showing(display, "C001", "Bureau 2")


def test_a_recall_is_announced_as_a_recall(display, clients, qtbot):
    ticket = clients["bureau-2"].issue_ticket("CPAM", language="nl")
    call_next(clients["bureau-2"], "bureau-2")
    qtbot.waitUntil(lambda: len(display.speaker.said) == 1, timeout=WAIT_MS)
    clients["bureau-2"].act(ticket["id"], "recall")
    qtbot.waitUntil(lambda: len(display.speaker.said) == 2, timeout=WAIT_MS)
    assert display.speaker.said[-1] == ("nl", "Herinnering: ticket M 1, ga naar Bureau 2")


def test_calls_made_before_the_display_started_are_shown_not_announced(
    make_display, clients, qtbot
):
    staff = clients["accueil"]
    staff.issue_ticket("ACC", language="en")
    call_next(staff, "accueil")
    window = make_display()
    qtbot.waitUntil(lambda: window.board.newest is not None, timeout=WAIT_MS)
    assert showing(window, "A001", "Accueil")  # still fresh by the hub's clock
    assert window.speaker.said == []


# -- waiting counts, frame -----------------------------------------------------------------------


def test_waiting_counts_follow_the_kiosk(display, clients, qtbot):
    rows = display.waiting.rows
    assert list(rows) == ["ACC", "CAF", "CPAM", "EMPLOI", "NUM", "CIAS"]
    assert rows["CAF"].label.text() == "CAF – Allocations familiales"  # French labels
    assert rows["NUM"].count.text() == "0" and rows["NUM"].isVisibleTo(display)

    clients["kiosk"].issue_ticket("NUM", language="nl")
    qtbot.waitUntil(lambda: rows["NUM"].count.text() == "1", timeout=WAIT_MS)
    clients["kiosk"].issue_ticket("NUM")
    qtbot.waitUntil(lambda: rows["NUM"].count.text() == "2", timeout=WAIT_MS)
    call_next(clients["accueil"], "accueil")
    qtbot.waitUntil(lambda: rows["NUM"].count.text() == "1", timeout=WAIT_MS)


def test_a_closed_service_says_so_and_when_it_opens(display, clients, qtbot, clock, running_hub):
    clock.advance(hours=3)  # Tuesday 13:00: the CAF desk has closed until next Tuesday
    display.refresh()
    caf = display.waiting.rows["CAF"]
    qtbot.waitUntil(lambda: caf.count.property("closed") is True, timeout=WAIT_MS)
    assert caf.isVisibleTo(display)  # it does not vanish without a word
    assert caf.count.text() == "Fermé\nouvre le 01/12 à 9 h"
    assert display.waiting.rows["ACC"].count.property("closed") is not True


def test_the_frame_shows_site_date_and_info_in_turn(display):
    assert display.header.site_name.text() == "Maison des services publics"
    assert display.header.time.text() == "mardi 24 novembre 2026 10:00"
    info = display.info
    # French stays; English and Dutch take turns under it.
    assert info.french.text().startswith("Bienvenue !")
    assert info.text.text().startswith("Welcome!")
    info.rotate()
    assert info.text.text().startswith("Welkom!")
    info.rotate()
    assert info.text.text().startswith("Welcome!")
    assert info.french.text().startswith("Bienvenue !")
    assert not display.connection_lost


def test_french_date_format():
    from datetime import datetime

    assert french_date_time(datetime(2026, 11, 24, 10, 5)) == "mardi 24 novembre 2026 10:05"
    assert french_date_time(datetime(2027, 2, 1, 9, 0)) == "lundi 1 février 2027 09:00"


# -- running for weeks ---------------------------------------------------------------------------


def test_it_recovers_after_the_hub_is_stopped_and_restarted(display, clients, qtbot, running_hub):
    port = int(running_hub.url.rsplit(":", 1)[1])
    running_hub.server.should_exit = True
    running_hub.thread.join(timeout=10)
    qtbot.waitUntil(lambda: display.connection_lost, timeout=WAIT_MS)
    display.refresh()  # a refresh while the hub is away fails quietly
    qtbot.waitUntil(lambda: display.idle, timeout=WAIT_MS)
    assert display.connection_lost

    restarted = start_in_thread(running_hub.hub, port=port)
    try:
        qtbot.waitUntil(lambda: not display.connection_lost, timeout=WAIT_MS)
        staff = clients["accueil"]
        staff.sign_in(counter="accueil", pin=DEMO_PIN)
        staff.issue_ticket("CIAS", language="en")
        call_next(staff, "accueil")
        qtbot.waitUntil(lambda: showing(display, "S001", "Accueil"), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: len(display.speaker.said) == 1, timeout=WAIT_MS)
        assert display.speaker.said == [("en", "Ticket S 1, please go to Accueil")]
    finally:
        display.close()
        running_hub.hub.feed.closing = True  # end the stream as a hub shutting down does
        running_hub.hub.feed.notify()
        qtbot.waitUntil(lambda: not display.live.is_connected, timeout=WAIT_MS)
        restarted.server.should_exit = True
        restarted.thread.join(timeout=10)


def test_many_calls_reuse_the_same_widgets(display, clients, qtbot):
    staff = clients["accueil"]

    def call_one() -> None:
        staff.issue_ticket("ACC")
        with qtbot.waitSignal(display.shown, timeout=WAIT_MS):
            call_next(staff, "accueil")

    for _ in range(3):
        call_one()
    widgets = len(display.findChildren(QWidget))
    for _ in range(15):
        call_one()
    qtbot.waitUntil(lambda: display.idle, timeout=WAIT_MS)
    assert len(display.findChildren(QWidget)) == widgets
    assert len(display.board.calls) <= 10
    assert len(display.announcer.pending) <= display.announcer.pending.maxlen
    assert len([r for r in display.calls.rows if r.isVisibleTo(display)]) <= 6


def test_screenshots_at_tv_and_small_screen_sizes(display, clients, qtbot, tmp_path):
    staff = clients["accueil"]
    for code in ("ACC", "CAF", "CPAM", "NUM"):
        staff.issue_ticket(code)
    for counter in ("accueil", "bureau-2", "accueil"):
        call_next(clients["accueil"] if counter == "accueil" else clients["bureau-2"], counter)
    qtbot.waitUntil(lambda: len(display.board.calls) == 3, timeout=WAIT_MS)
    for width, height in ((1920, 1080), (1280, 720)):
        display.resize(width, height)
        qtbot.waitUntil(lambda w=width: display.width() == w)
        image = display.grab()
        assert (image.width(), image.height()) == (width, height)
        assert image.save(str(tmp_path / f"display-{width}x{height}.png"))


# -- parts ---------------------------------------------------------------------------------------


def answer(*calls: tuple[int, str], waiting: dict | None = None) -> dict:
    return {
        "time": "2026-11-24T09:00:00+00:00",
        "fresh_for_s": 8,
        "waiting": waiting or {},
        "calls": [
            {
                "seq": seq,
                "number": number,
                "counter": "accueil",
                "counter_name": "Accueil",
                "recall": False,
                "language": "fr",
                "at": "2026-11-24T09:00:00+00:00",
            }
            for seq, number in calls
        ],
    }


def test_the_board_announces_only_what_is_new_oldest_first():
    board = Board()
    assert board.update(answer((5, "A001"))) == []  # start-up: shown, not announced
    new = board.update(answer((9, "A003"), (7, "A002"), (5, "A001")))
    assert [call.number for call in new] == ["A002", "A003"]
    assert board.update(answer((9, "A003"), (7, "A002"))) == []
    assert board.fresh_left_s() == 8


def test_the_board_starts_again_on_a_fresh_store_and_lists_each_ticket_once():
    board = Board()
    board.update(answer((50, "A009")))
    assert board.update(answer((3, "A001"))) == []  # sequence went back: a new store
    assert [c.number for c in board.update(answer((4, "A001"), (3, "A001")))] == ["A001"]
    assert [c.number for c in board.listed(skip_newest=False)] == ["A001"]
    assert board.listed(skip_newest=True) == []


def test_the_chime_is_a_short_two_tone_wav(tmp_path: Path):
    path = chime_wav(tmp_path)
    with wave.open(str(path)) as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, RATE)
        assert sound.getnframes() / RATE == pytest.approx(chime_duration_s(), abs=0.01)
    assert chime_wav(tmp_path) == path  # made once
    assert not Chime(enabled=False).enabled


def test_colours_read_from_across_the_room():
    for foreground, background in PAIRS:
        assert contrast_ratio(foreground, background) >= 7, (foreground, background)


def test_a_long_counter_name_shrinks_to_fit_instead_of_being_cut(qtbot):
    from ui.display.fit import FitLabel

    name = FitLabel("heroCounter")
    qtbot.addWidget(name)
    name.setStyleSheet("font-size: 120px;")
    name.ensurePolished()
    name.resize(700, 160)
    name.setText("Bureau 2")
    short = name.fitted_pixel_size()
    name.setText("Salle du conseil municipal")
    assert name.fitted_pixel_size() < short == 120
