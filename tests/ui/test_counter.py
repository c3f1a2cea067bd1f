"""The counter console against a real hub on loopback (pytest-qt, offscreen).

Staff are played through the window's real buttons, keypad and shortcuts; kiosks, other
counters and the printer reports go through the hub's HTTP API, as the real ones do. What
the console shows is checked on screen, what it did is checked in the hub's store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.client import HubClient
from kiosk.domain.lifecycle import State, allowed_actions
from kiosk.hub.context import Hub
from kiosk.hub.server import start_in_thread
from kiosk.store.db import Store
from tests.conftest import DEMO_PIN
from tests.integration.helpers import issue, kiosk
from tests.ui.helpers import WAIT_MS, shots_dir, stored_ticket, tap, type_on_keypad
from ui.counter.model import CURRENT_ACTIONS, Abilities, Snapshot, abilities
from ui.counter.window import CounterWindow
from ui.ops import wait_for_pool

DESK, WIDE = (1280, 800), (1920, 1080)
ACTIONS = ("call_next", *CURRENT_ACTIONS)

CounterFactory = Callable[..., CounterWindow]


@pytest.fixture
def open_counter(qtbot, running_hub) -> Iterator[CounterFactory]:
    """Open counter windows on the test's hub, each with a client of its own; closed (and
    their live streams hung up, so the hub stops at once) before the hub goes."""
    opened: list[tuple[CounterWindow, HubClient]] = []

    def open_(
        counter: str | None = "accueil", size: tuple[int, int] = DESK, url: str | None = None
    ) -> CounterWindow:
        client = HubClient(url or running_hub.url, timeout=3.0)
        window = CounterWindow(client)
        opened.append((window, client))
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(
            lambda: window.site is not None and window.live.is_connected, timeout=WAIT_MS
        )
        if counter is not None:
            sign_in(qtbot, window, counter)
        return window

    yield open_
    for window, _client in opened:
        window.close()
    wait_for_pool(WAIT_MS)
    qtbot.wait(1)
    end_streams(qtbot, running_hub.hub, [window for window, _client in opened])
    for window, client in opened:
        client.close()
        window.deleteLater()
    qtbot.wait(1)


def end_streams(qtbot, hub: Hub, windows: list[CounterWindow]) -> None:
    """Stop the windows' live streams and end them on the hub's side, as a hub shutting
    down does, so that the hub stops at once (a socket read by another thread does not
    end with a close)."""
    for window in windows:
        window.live.stop()
    hub.feed.drop_streams()
    qtbot.waitUntil(lambda: not any(w.live._thread.is_alive() for w in windows), timeout=WAIT_MS)


def sign_in(qtbot, window: CounterWindow, counter: str, pin: str = DEMO_PIN) -> None:
    button = window.sign_in_page.counter_buttons[counter]
    qtbot.waitUntil(button.isVisible)  # buttons added to a shown page appear a turn later
    tap(qtbot, button)
    type_on_keypad(qtbot, window.sign_in_page.keypad, pin)
    qtbot.waitUntil(lambda: window.signed_in_now and window.snapshot is not None, timeout=WAIT_MS)


def enabled_actions(window: CounterWindow) -> set[str]:
    return {a for a in ACTIONS if window.actions.button(a).isEnabled()}


def expected_for(state: State) -> set[str]:
    """What the lifecycle table allows on a ticket held in ``state`` (call next: never)."""
    return {a.value for a in allowed_actions(state)} & set(CURRENT_ACTIONS)


def current(window: CounterWindow) -> dict | None:
    return window.snapshot.current if window.snapshot else None


def wait_current(qtbot, window: CounterWindow, status: str | None, number: str | None = None):
    def holds() -> bool:
        ticket = current(window)
        if status is None:
            return ticket is None and not window.busy
        return (
            ticket is not None
            and ticket["status"] == status
            and not window.busy
            and (number is None or ticket["number"] == number)
        )

    qtbot.waitUntil(holds, timeout=WAIT_MS)
    return current(window)


def press(qtbot, window: CounterWindow, action: str) -> None:
    tap(qtbot, window.actions.button(action))


def choose(qtbot, window: CounterWindow, key: str) -> None:
    qtbot.waitUntil(lambda: window.action_stack.currentWidget() is window.choice)
    tap(qtbot, window.choice.options[key])


def wait_listed(qtbot, window: CounterWindow, number: str, timeout: int = WAIT_MS) -> None:
    qtbot.waitUntil(lambda: number in window.queue_panel.numbers(), timeout=timeout)


# -- the rules, without a screen ----------------------------------------------------------


def ticket(status: str, counter: str | None = "accueil", **extra) -> dict:
    return {
        "id": f"id-{status}",
        "number": "A001",
        "service": "ACC",
        "status": status,
        "counter": counter,
        "allowed_actions": [a.value for a in allowed_actions(status)],
        "waited_s": 0,
        **extra,
    }


@pytest.mark.parametrize("state", [State.CALLED, State.SERVING])
def test_abilities_follow_allowed_actions_of_the_current_ticket(state):
    snapshot = Snapshot("accueil", ["ACC"], [ticket(state.value), ticket("waiting", None)])
    can = abilities(snapshot)
    assert {a for a in ACTIONS if can.enabled(a)} == expected_for(state)
    assert not can.call_next and not can.call_chosen  # the counter holds a ticket
    assert abilities(snapshot, busy=True) == Abilities()  # an action on its way: wait


def test_abilities_without_a_current_ticket():
    waiting = ticket("waiting", None)
    snapshot = Snapshot("accueil", ["ACC"], [waiting])
    can = abilities(snapshot, chosen=waiting)
    assert can.call_next and can.call_chosen and can.pause and not can.resume
    assert not any(can.enabled(a) for a in CURRENT_ACTIONS)
    assert not abilities(Snapshot("accueil", ["ACC"], [])).call_next  # nobody waits
    other = Snapshot("accueil", ["ACC"], [ticket("called", "bureau-2"), waiting])
    assert abilities(other).call_next and not abilities(other).recall  # not ours
    no_show = ticket("no_show")
    assert abilities(snapshot, earlier=no_show).reactivate
    assert not abilities(snapshot, earlier=ticket("done")).reactivate
    assert abilities(snapshot, busy=True) == abilities(None)


def test_figures_of_the_day():
    today = [
        ticket(
            "done", arrived_at="2026-11-24T09:00:00+01:00", called_at="2026-11-24T09:10:00+01:00"
        ),
        ticket(
            "done", arrived_at="2026-11-24T09:00:00+01:00", called_at="2026-11-24T09:20:00+01:00"
        ),
        ticket(
            "no_show", arrived_at="2026-11-24T09:00:00+01:00", called_at="2026-11-24T09:30:00+01:00"
        ),
    ]
    snapshot = Snapshot("accueil", ["ACC"], [ticket("waiting", None)], today)
    figures = snapshot.figures()
    assert (figures.served, figures.waiting, figures.no_shows) == (2, 1, 1)
    assert figures.median_wait_s == 20 * 60


# -- signing in and out -------------------------------------------------------------------


def test_sign_in_with_a_wrong_then_the_right_pin(qtbot, open_counter, running_hub):
    window = open_counter(counter=None)
    assert window.stack.currentWidget() is window.sign_in_page
    assert not window.header.isVisible()
    page = window.sign_in_page
    qtbot.waitUntil(page.counter_buttons["bureau-2"].isVisible)
    tap(qtbot, page.counter_buttons["bureau-2"])
    type_on_keypad(qtbot, page.keypad, "0000")
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=WAIT_MS)
    assert "Wrong PIN" in page.error.text()
    assert window.stack.currentWidget() is page and window.client.token is None
    assert page.keypad.value == ""

    type_on_keypad(qtbot, page.keypad, DEMO_PIN)
    qtbot.waitUntil(lambda: window.signed_in_now, timeout=WAIT_MS)
    assert window.counter == "bureau-2" and window.header.isVisible()
    assert window.title.text().startswith("Bureau 2")

    token = window.client.token
    tap(qtbot, window.sign_out_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=WAIT_MS)
    assert window.client.token is None and not window.header.isVisible()
    with httpx.Client(base_url=running_hub.url) as api:  # the hub forgot that session
        assert (
            api.get("/api/queue", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        )


def test_pin_typed_on_the_keyboard(qtbot, open_counter):
    window = open_counter(counter=None)
    page = window.sign_in_page
    qtbot.waitUntil(page.counter_buttons["accueil"].isVisible)
    tap(qtbot, page.counter_buttons["accueil"])
    qtbot.keyClicks(page, DEMO_PIN)
    assert page.keypad.value == DEMO_PIN
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.signed_in_now, timeout=WAIT_MS)


def test_an_ended_session_brings_the_sign_in_back(qtbot, open_counter, running_hub):
    window = open_counter()
    with httpx.Client(base_url=running_hub.url) as api:  # signed out elsewhere (or expired)
        api.delete("/api/session", headers={"Authorization": f"Bearer {window.client.token}"})
    window.refresh()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page, timeout=WAIT_MS)
    assert "sign in again" in window.sign_in_page.error.text()
    assert window.sign_in_page.counter == "accueil"  # only the PIN to type again
    sign_in(qtbot, window, "accueil")


# -- the current ticket and its buttons -----------------------------------------------------


def test_each_action_and_its_buttons_per_state(qtbot, open_counter, api, hub):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    assert enabled_actions(window) == {"call_next"}  # waiting tickets, none held
    assert window.current_card.number.text() == "—"

    press(qtbot, window, "call_next")
    held = wait_current(qtbot, window, "called", first["number"])
    assert enabled_actions(window) == expected_for(State.CALLED)
    assert window.current_card.number.text() == first["number"]
    assert first["number"] not in window.queue_panel.numbers()

    press(qtbot, window, "recall")
    qtbot.waitUntil(lambda: (current(window) or {}).get("recalls") == 1, timeout=WAIT_MS)
    assert enabled_actions(window) == expected_for(State.CALLED)

    press(qtbot, window, "start")
    wait_current(qtbot, window, "serving")
    assert enabled_actions(window) == expected_for(State.SERVING)

    press(qtbot, window, "finish")
    assert window.action_stack.currentWidget() is window.choice
    assert set(window.choice.options) == {"solved", "redirected", "appointment_booked", "follow_up"}
    choose(qtbot, window, "follow_up")
    wait_current(qtbot, window, None)
    assert window.action_stack.currentWidget() is window.actions
    assert enabled_actions(window) == set()  # nobody left waiting
    done = stored_ticket(hub, held["id"])
    assert (done.status, done.outcome, done.recalls) == ("done", "follow_up", 1)
    qtbot.waitUntil(lambda: window.today_panel.values["served"].text() == "1", timeout=WAIT_MS)


def test_finish_choice_can_be_left_with_escape(qtbot, open_counter, api):
    issue(api, "ACC", headers=kiosk())
    window = open_counter()
    window.activateWindow()
    qtbot.waitUntil(lambda: enabled_actions(window) == {"call_next"}, timeout=WAIT_MS)
    press(qtbot, window, "call_next")
    wait_current(qtbot, window, "called")
    press(qtbot, window, "start")
    wait_current(qtbot, window, "serving")
    press(qtbot, window, "finish")
    qtbot.keyClick(window.choice, Qt.Key.Key_Escape)
    assert window.action_stack.currentWidget() is window.actions
    assert current(window)["status"] == "serving"


def test_no_show_then_reactivate_from_today(qtbot, open_counter, api, hub):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    press(qtbot, window, "call_next")
    wait_current(qtbot, window, "called")
    press(qtbot, window, "no_show")
    wait_current(qtbot, window, None)
    assert stored_ticket(hub, first["id"]).status == "no_show"
    assert window.today_panel.values["no_shows"].text() == "1"
    assert not window.today_panel.reactivate_button.isEnabled()  # nothing chosen yet

    assert window.today_panel.select(first["id"])
    assert window.today_panel.reactivate_button.isEnabled()
    tap(qtbot, window.today_panel.reactivate_button)
    wait_listed(qtbot, window, first["number"])
    assert stored_ticket(hub, first["id"]).status == "waiting"
    qtbot.waitUntil(lambda: window.today_panel.values["no_shows"].text() == "0", timeout=WAIT_MS)
    assert not window.today_panel.reactivate_button.isEnabled()


def test_transfer_to_another_service(qtbot, open_counter, api, hub):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    press(qtbot, window, "call_next")
    wait_current(qtbot, window, "called")
    press(qtbot, window, "transfer")
    assert "ACC" not in window.choice.options and "CPAM" in window.choice.options
    choose(qtbot, window, "CPAM")
    wait_current(qtbot, window, None)
    wait_listed(qtbot, window, first["number"])  # back in the list, in CPAM's queue
    moved = next(t for t in window.snapshot.waiting if t["number"] == first["number"])
    assert moved["service"] == "CPAM" and moved["transferred_from"] == first["id"]
    assert stored_ticket(hub, first["id"]).status == "transferred"


def test_cancel_the_called_ticket(qtbot, open_counter, api, hub):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    press(qtbot, window, "call_next")
    wait_current(qtbot, window, "called")
    press(qtbot, window, "cancel")
    wait_current(qtbot, window, None)
    assert stored_ticket(hub, first["id"]).status == "cancelled"


def test_call_a_chosen_ticket_from_the_list(qtbot, open_counter, api):
    numbers = [issue(api, code, headers=kiosk())["number"] for code in ("ACC", "NUM", "CIAS")]
    window = open_counter()
    wait_listed(qtbot, window, numbers[-1])
    assert not window.queue_panel.call_button.isEnabled()  # nothing chosen
    chosen = next(t for t in window.snapshot.waiting if t["number"] == numbers[-1])
    assert window.queue_panel.select(chosen["id"])
    assert window.queue_panel.call_button.isEnabled()
    tap(qtbot, window.queue_panel.call_button)
    wait_current(qtbot, window, "called", numbers[-1])
    assert not window.queue_panel.call_button.isEnabled()  # the counter holds a ticket


def test_shortcuts_are_shown_and_work(qtbot, open_counter, api):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    assert window.actions.button("call_next").text().startswith("Call next (F1)")
    assert window.actions.button("start").text().endswith("(F4)")
    assert window.queue_panel.call_button.text().endswith("(F2)")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    wait_current(qtbot, window, "called", first["number"])
    qtbot.keyClick(window, Qt.Key.Key_F5)  # finish: not allowed while called
    assert window.action_stack.currentWidget() is window.actions
    qtbot.keyClick(window, Qt.Key.Key_F4)
    wait_current(qtbot, window, "serving")


def test_two_counters_calling_at_once_get_different_tickets(qtbot, open_counter, api, hub):
    issued = [issue(api, "CAF", headers=kiosk())["number"] for _ in range(2)]
    accueil, bureau = open_counter("accueil"), open_counter("bureau-2")
    for window in (accueil, bureau):
        wait_listed(qtbot, window, issued[-1])
    accueil.actions.button("call_next").click()
    bureau.actions.button("call_next").click()  # both on their way before either answers
    got = {wait_current(qtbot, w, "called")["number"] for w in (accueil, bureau)}
    assert got == set(issued)


# -- live: the queue, the pause, the alerts -------------------------------------------------


def test_a_kiosk_ticket_appears_within_a_second_without_a_click(qtbot, open_counter, api):
    window = open_counter()
    refreshed_before = window.snapshot
    new = issue(api, "NUM", headers=kiosk())
    wait_listed(qtbot, window, new["number"], timeout=1000)
    assert window.snapshot is not refreshed_before
    chip = window.queue_panel.chip_labels["NUM"].text()
    assert chip == "Point internet public\n1 waiting, < 1 min"  # words, not codes


def test_another_counter_calling_updates_the_list(qtbot, open_counter, api, counter_api):
    first = issue(api, "CPAM", headers=kiosk())
    window = open_counter("bureau-2")
    wait_listed(qtbot, window, first["number"])
    counter_api.post("/api/counters/accueil/call-next").raise_for_status()
    qtbot.waitUntil(lambda: first["number"] not in window.queue_panel.numbers(), timeout=1000)


def test_waits_grow_between_answers(qtbot, open_counter, api):
    first = issue(api, "ACC", headers=kiosk())
    window = open_counter()
    wait_listed(qtbot, window, first["number"])
    row = next(
        r
        for r in range(window.queue_panel.table.rowCount())
        if window.queue_panel.table.item(r, 0).text() == first["number"]
    )
    assert window.queue_panel.table.item(row, 1).text() == "< 1 min"
    window.snapshot.fetched_at -= 125  # as if the answer came two minutes ago
    window.tick()
    assert window.queue_panel.table.item(row, 1).text() == "2 min"


def test_pause_with_a_reason_then_resume(qtbot, open_counter, hub):
    window = open_counter()
    pause = window.actions.button("pause")
    assert pause.text().endswith("(F9)")
    tap(qtbot, pause)
    choose(qtbot, window, "lunch")
    qtbot.waitUntil(lambda: window.snapshot.paused, timeout=WAIT_MS)
    assert window.snapshot.reason == "lunch"
    assert "Lunch" in window.state.text()
    state = hub.queue.counter_states()["accueil"]
    assert state.paused and state.reason == "lunch"
    qtbot.waitUntil(lambda: pause.isEnabled(), timeout=WAIT_MS)
    assert pause.text().startswith("Resume")
    tap(qtbot, pause)
    qtbot.waitUntil(lambda: not window.snapshot.paused, timeout=WAIT_MS)
    assert not hub.queue.counter_states()["accueil"].paused
    assert window.state.text() == "Open"


def test_printer_fault_alert_comes_and_goes(qtbot, open_counter, api, hub):
    window = open_counter()
    assert not window.alerts.isVisible()
    hall, credential = hub.devices.enroll("kiosk")
    device = {"X-Device-Credential": credential}
    api.post(
        "/api/printer-status", json={"fault": "paper_out"}, headers=device
    ).raise_for_status()
    qtbot.waitUntil(lambda: window.alerts.isVisible(), timeout=WAIT_MS)
    texts = [text for _level, text in window.alerts.messages()]
    # Words for people: no machine id, one colon (the fault's own), one sentence per line.
    since = hub_clock_hhmm(window)
    assert texts == [f"Kiosk printer, since {since}\nOut of paper: load a new roll"]
    assert not any("kiosk-hall" in t or "::" in t for t in texts)
    shown = [w.text() for w in window.alerts.findChildren(QLabel)]
    assert any("Out of paper" in t for t in shown)
    api.post(
        "/api/printer-status", json={"fault": None}, headers=device
    ).raise_for_status()
    qtbot.waitUntil(lambda: not window.alerts.isVisible(), timeout=WAIT_MS)


def test_other_site_silence_slot(qtbot, open_counter, clock):
    """A peer not heard from for long is an alert; a fresh one is not."""
    window = open_counter()
    now = clock.now()
    window.alerts.set_peers(
        [
            {
                "site": "fauquembergues",
                "name": "Fauquembergues",
                "last_heard_at": "2026-11-24T09:00:00+01:00",
            }
        ],
        now,
    )
    assert any("Fauquembergues" in t for _l, t in window.alerts.messages())
    window.alerts.set_peers([{"site": "x", "last_heard_at": now.isoformat()}], now)
    assert window.alerts.messages() == []


def test_hub_restart_keeps_the_session(
    qtbot, open_counter, running_hub, demo_config, db_url, clock, api
):
    window = open_counter()
    port = int(running_hub.url.rsplit(":", 1)[1])
    running_hub.server.should_exit = True
    running_hub.thread.join(timeout=10)
    qtbot.waitUntil(lambda: any("hub" in t for _l, t in window.alerts.messages()), timeout=WAIT_MS)
    store = Store.open(db_url)
    restarted = start_in_thread(Hub(config=demo_config, store=store, clock=clock), port=port)
    try:
        qtbot.waitUntil(
            lambda: window.live.is_connected and not window.alerts.messages(), timeout=WAIT_MS * 2
        )
        new = issue(api, "ACC", headers=kiosk())  # same URL: the new hub
        wait_listed(qtbot, window, new["number"])
        assert window.signed_in_now
        press(qtbot, window, "call_next")
        wait_current(qtbot, window, "called", new["number"])
    finally:
        window.close()
        end_streams(qtbot, restarted.hub, [window])
        restarted.server.should_exit = True
        restarted.thread.join(timeout=10)
        store.close()


# -- the desk: appointments and tickets for visitors ------------------------------------------


def test_book_an_appointment_shows_the_code(qtbot, open_counter, counter_api):
    window = open_counter()
    tap(qtbot, window.tool_buttons["booking"])
    panel = window.booking
    assert panel.isVisible()
    panel.service.setCurrentIndex(panel.service.findData("CAF"))
    assert panel.day.date() == QDate(2026, 11, 24)  # the hub's day, not the PC's
    panel.time.setTime(QTime(11, 15))
    tap(qtbot, panel.book_button)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=WAIT_MS)
    code = panel.code.accessibleName()
    assert len(code) == 6 and code.isdigit()
    assert panel.code.text() == f"{code[:3]} {code[3:]}"
    booked = counter_api.get("/api/appointments", params={"day": "2026-11-24"}).json()
    assert [(a["service"], a["at"][11:16]) for a in booked["appointments"]] == [("CAF", "11:15")]


def test_booking_outside_opening_hours_is_a_banner(qtbot, open_counter, counter_api):
    window = open_counter()
    tap(qtbot, window.tool_buttons["booking"])
    panel = window.booking
    panel.service.setCurrentIndex(panel.service.findData("CAF"))  # Tuesdays 9–12 only
    panel.day.setDate(QDate(2026, 11, 25))
    tap(qtbot, panel.book_button)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT_MS)
    assert "not open" in window.banner.text() and not panel.result.isVisible()
    assert panel.book_button.isEnabled()
    booked = counter_api.get("/api/appointments", params={"day": "2026-11-25"}).json()
    assert booked["appointments"] == []


def test_issue_a_ticket_for_a_visitor(qtbot, open_counter, hub):
    window = open_counter()
    tap(qtbot, window.tool_buttons["visitor"])
    panel = window.visitor
    panel.service.setCurrentIndex(panel.service.findData("EMPLOI"))
    assert not panel.priority.isEnabled()  # no priority queue there
    panel.service.setCurrentIndex(panel.service.findData("CPAM"))
    assert panel.priority.isEnabled()
    panel.priority.setChecked(True)
    tap(qtbot, panel.issue_button)
    qtbot.waitUntil(lambda: panel.result.isVisible(), timeout=WAIT_MS)
    number = panel.number.text()
    wait_listed(qtbot, window, number)
    listed = next(t for t in window.snapshot.waiting if t["number"] == number)
    assert listed["origin"] == "reception" and listed["priority"]
    assert stored_ticket(hub, listed["id"]).origin == "reception"


# -- the look ---------------------------------------------------------------------------------


def cut_widgets(window: CounterWindow) -> list[str]:
    """Visible texts that do not fit their widget (a wrapped label needing more height, a
    button whose text is wider than the button)."""
    cut = []
    for widget in window.findChildren(QLabel):
        if not widget.isVisible() or not widget.text() or widget.objectName() == "chip":
            continue
        if widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height() + 2:
                cut.append(widget.text())
        elif widget.sizeHint().width() > widget.width() + 2:
            cut.append(widget.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.width() < 40:
            cut.append(button.text())
    return cut


@pytest.mark.parametrize("size", [DESK, WIDE], ids=["1280x800", "1920x1080"])
def test_screens_fit_and_are_grabbed(qtbot, open_counter, api, tmp_path, size):
    for code in ("ACC", "ACC", "CPAM", "CAF", "NUM", "CIAS"):
        issue(api, code, headers=kiosk(), priority=code == "CPAM")
    api.post(
        "/api/printer-status",
        json={"fault": "paper_near_end"},
        headers=kiosk("kiosk-1"),
    )
    folder = shots_dir(tmp_path)
    window = open_counter(counter=None, size=size)
    name = f"{size[0]}x{size[1]}"
    buttons = window.sign_in_page.counter_buttons.values()
    qtbot.waitUntil(lambda: all(button.isVisible() for button in buttons))
    assert cut_widgets(window) == []
    window.grab().save(str(folder / f"counter-sign-in-{name}.png"))
    sign_in(qtbot, window, "accueil")
    press(qtbot, window, "call_next")
    wait_current(qtbot, window, "called")
    qtbot.waitUntil(lambda: window.alerts.isVisible(), timeout=WAIT_MS)
    qtbot.wait(50)
    assert cut_widgets(window) == []
    image = window.grab()
    assert (image.width(), image.height()) == size
    image.save(str(folder / f"counter-console-{name}.png"))
    press(qtbot, window, "transfer")
    qtbot.wait(50)
    assert cut_widgets(window) == []
    window.grab().save(str(folder / f"counter-transfer-{name}.png"))


def hub_clock_hhmm(window: CounterWindow) -> str:
    alert = window.alerts.printers[0]
    from ui.counter import texts

    return texts.clock_time(alert.get("since"), window.tz)


def test_call_next_says_whom_it_calls_and_priority_leads_the_list(qtbot, open_counter, api, hub):
    """The receptionist sees who "Call next" will call before pressing it, and a priority
    visitor heads their service's list with a star, not only in red."""
    normal = issue(api, "ACC", headers=kiosk())
    urgent = issue(api, "ACC", headers=kiosk(), priority=True)
    window = open_counter()
    wait_listed(qtbot, window, urgent["number"])
    assert window.queue_panel.numbers() == [urgent["number"], normal["number"]]
    first_row = window.queue_panel.table.item(1, 0)  # row 0 is the service heading
    assert first_row.text() == f"★ {urgent['number']}" and first_row.font().bold()
    expected = hub.queue.peek_next("accueil")
    shown = next(t for t in window.snapshot.waiting if t["id"] == expected)
    button = window.actions.button("call_next").text()
    assert button.splitlines()[1].startswith(shown["number"])
    tap(qtbot, window.actions.button("call_next"))
    wait_current(qtbot, window, "called", shown["number"])  # it called whom it said


def test_one_key_finishes_as_solved_and_calls_the_next(qtbot, open_counter, api, hub):
    first, second = (issue(api, "ACC", headers=kiosk()) for _ in range(2))
    window = open_counter()
    wait_listed(qtbot, window, second["number"])
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    wait_current(qtbot, window, "called", first["number"])
    assert window.actions.button("finish_next").isEnabled()
    assert window.actions.button("finish_next").text() == "Solved, call next (F10)"
    qtbot.keyClick(window, Qt.Key.Key_F10)  # called, not started: started then finished
    wait_current(qtbot, window, "called", second["number"])
    done = stored_ticket(hub, first["id"])
    assert done.status == State.DONE and done.outcome == "solved"
