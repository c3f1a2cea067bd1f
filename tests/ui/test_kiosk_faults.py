"""When things break: a printer that is offline, out of paper or gone; a hub that is down.

A printer fault never costs the visitor a ticket: it stays on the screen with a kind
warning, and counters get an alert (``GET /api/alerts``) until a good print clears it. A
hub that cannot be reached shows a banner and disables the tiles, and the kiosk comes
back by itself when the hub answers again.
"""

from __future__ import annotations

import socket

import httpx
import pytest

from kiosk.hub.server import RunningHub, build_hub, start_in_thread
from tests.printing.escpos_decoder import decode
from tests.printing.printer_peer import Behaviour, PrinterPeer, free_port
from tests.ui.helpers import WAIT_MS, current_page, network_printer, tap
from ui.ops import wait_for_pool

PRINTER_DOWN_FR = (
    "L'imprimante ne fonctionne pas. Notez votre numéro : N001. L'accueil a été prévenu."
)
HUB_DOWN_FR = "Nous ne pouvons pas donner de tickets pour le moment. L'accueil va vous aider."


def alerts(api: httpx.Client) -> list[dict]:
    response = api.get("/api/alerts")
    response.raise_for_status()
    return response.json()


def take_num_ticket(qtbot, window) -> object:
    """Tap the NUM tile (no priority step); the PrintResult once printing has ended."""
    with (
        qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS),
        qtbot.waitSignal(window.printed, timeout=WAIT_MS) as printed,
    ):
        tap(qtbot, window.welcome.tiles["NUM"])
    return printed.args[0]


@pytest.mark.parametrize("fault", ["offline", "paper out", "refused"])
def test_printer_fault_keeps_the_ticket_warns_and_alerts_until_a_good_print(
    qtbot, make_kiosk, running_hub: RunningHub, counter_api: httpx.Client, peer, fault
):
    behaviour = {"offline": Behaviour.OFFLINE, "paper out": Behaviour.PAPER_OUT}.get(fault)
    with PrinterPeer(behaviour or Behaviour.ONLINE) as broken:
        port = broken.port if behaviour else free_port()
        hall, credential = running_hub.hub.devices.enroll("kiosk")
        window = make_kiosk(printer=network_printer(port), credential=credential)
        result = take_num_ticket(qtbot, window)

        assert not result.ok and result.error
        assert current_page(window) is window.ticket
        assert window.ticket.number.text() == "N001"  # the ticket is there all the same
        assert window.ticket.qr.payload == window.ticket.ticket["status_url"]
        status = window.ticket.print_status
        assert status.text() == PRINTER_DOWN_FR and status.property("level") == "error"
        assert broken.received() == b""  # nothing half-printed
        # The screen is the only copy: it stays until the visitor says the number is noted
        # (neither the ticket time-out nor the idle time-out takes it away).
        assert window.ticket.done_button.text() == "✓ J'ai noté mon numéro"
        window._ticket_timer.timeout.emit()
        window._idle.timeout.emit()
        assert current_page(window) is window.ticket
    expected = {
        "offline": ("offline", "cover_open"),
        "paper out": ("paper_out",),
        "refused": ("unreachable",),
    }[fault]
    qtbot.waitUntil(lambda: len(alerts(counter_api)) == 1, timeout=WAIT_MS)
    [alert] = alerts(counter_api)
    assert alert["kind"] == "printer" and alert["kiosk"] == hall  # the paired device's id
    assert alert["fault"] in expected and alert["level"] == "error"

    window.printer = network_printer(peer.port)  # staff fixed it
    tap(qtbot, window.ticket.done_button)
    result = take_num_ticket(qtbot, window)
    assert result.ok
    assert window.ticket.print_status.text() == "Prenez votre ticket ci-dessous."
    assert decode(peer.received()).lines_containing("N002")
    qtbot.waitUntil(lambda: alerts(counter_api) == [], timeout=WAIT_MS)


@pytest.mark.parametrize("behaviour", [Behaviour.OFFLINE, Behaviour.PAPER_OUT])
def test_printer_alert_tells_counters_the_cause(
    qtbot, make_kiosk, counter_api: httpx.Client, behaviour
):
    with PrinterPeer(behaviour) as broken:
        window = make_kiosk(printer=network_printer(broken.port))
        result = take_num_ticket(qtbot, window)
    wait_for_pool(WAIT_MS)  # the report to the hub has been sent
    [alert] = alerts(counter_api)
    # A code from a fixed list (no free text travels): the counter words it.
    expected = {Behaviour.OFFLINE: ("cover_open", "offline"), Behaviour.PAPER_OUT: ("paper_out",)}
    assert alert["fault"] == result.fault_kind and alert["fault"] in expected[behaviour]


def test_paper_near_end_prints_and_warns_counters(qtbot, make_kiosk, counter_api: httpx.Client):
    with PrinterPeer(Behaviour.NEAR_END) as printer:
        window = make_kiosk(printer=network_printer(printer.port))
        result = take_num_ticket(qtbot, window)
        assert result.ok and decode(printer.received()).lines_containing("N001")
    assert window.ticket.print_status.property("level") == "info"  # the visitor has paper
    qtbot.waitUntil(lambda: len(alerts(counter_api)) == 1, timeout=WAIT_MS)
    [alert] = alerts(counter_api)
    assert alert["fault"] == "paper_near_end" and alert["level"] == "warning"


def test_hub_unreachable_at_start_then_up_recovers_by_itself(
    qtbot, open_kiosk, demo_config, db_url, clock
):
    port = free_port()
    window = open_kiosk(f"http://127.0.0.1:{port}", clock.now, wait_ready=False)
    qtbot.waitUntil(window.banner.isVisible, timeout=WAIT_MS)
    assert window.banner.text() == HUB_DOWN_FR
    assert window.banner.property("level") == "warning"
    assert not window.hub_ok
    assert not any(tile.isEnabled() for tile in window.welcome.tiles.values())

    hub = start_in_thread(build_hub(demo_config, db_url, clock), port=port)
    try:
        qtbot.waitUntil(lambda: window.hub_ok and not window.banner.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: (
                len(window.welcome.tiles) == 6
                and all(t.isVisible() and t.isEnabled() for t in window.welcome.tiles.values())
            ),
            timeout=WAIT_MS,
        )
        with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
            tap(qtbot, window.welcome.tiles["NUM"])
    finally:
        window.may_close = True
        window.close()
        wait_for_pool(WAIT_MS)
        hub.stop()


def test_hub_lost_then_back_disables_tiles_and_recovers_without_restart(
    qtbot, open_kiosk, demo_config, db_url, clock
):
    port = free_port()
    first = start_in_thread(build_hub(demo_config, db_url, clock), port=port)
    hall, credential = first.hub.devices.enroll("kiosk")
    second: RunningHub | None = None
    window = open_kiosk(first.url, clock.now, live=True)
    try:
        qtbot.waitUntil(lambda: window.live.is_connected, timeout=WAIT_MS)
        first.stop()  # the hub PC is switched off: the live link notices at once

        qtbot.waitUntil(window.banner.isVisible, timeout=WAIT_MS)
        assert window.banner.text() == HUB_DOWN_FR
        assert window.welcome.tiles and not any(
            tile.isEnabled() for tile in window.welcome.tiles.values()
        )
        tap(qtbot, window.language_buttons["en"])  # the banner follows the language
        assert window.banner.text() == (
            "We cannot give tickets at the moment. Reception will help you."
        )

        second = start_in_thread(build_hub(demo_config, db_url, clock), port=port)
        qtbot.waitUntil(
            lambda: (
                window.hub_ok
                and not window.banner.isVisible()
                and all(tile.isEnabled() for tile in window.welcome.tiles.values())
            ),
            timeout=WAIT_MS,
        )
        with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as shown:
            tap(qtbot, window.welcome.tiles["NUM"])
        assert shown.args[0]["number"] == "N001"
    finally:
        window.may_close = True
        window.close()
        window.live.stop()
        wait_for_pool(WAIT_MS)
        if second is not None:
            second.stop()


def test_printer_fault_met_while_the_hub_was_down_reaches_the_counters_later(
    qtbot, open_kiosk, demo_config, db_url, clock
):
    port = free_port()
    first = start_in_thread(build_hub(demo_config, db_url, clock), port=port)
    hall, credential = first.hub.devices.enroll("kiosk")
    second: RunningHub | None = None
    # A printer that takes the job's connection, then drops it when told: a dead printer
    # whose failure comes exactly when the test wants it.
    with socket.create_server(("127.0.0.1", 0)) as printer:
        window = open_kiosk(
            first.url,
            clock.now,
            credential=credential,
            printer=network_printer(printer.getsockname()[1], timeout_s=8),
        )

        def ticket_with_dead_printer(before_failure=lambda: None) -> None:
            with qtbot.waitSignal(window.printed, timeout=WAIT_MS) as printed:
                with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
                    tap(qtbot, window.welcome.tiles["NUM"])
                before_failure()
                connection, _ = printer.accept()
                connection.close()
            assert not printed.args[0].ok
            wait_for_pool(WAIT_MS)  # the report to the hub, if any, has ended

        try:
            ticket_with_dead_printer(before_failure=first.stop)  # the hub restarts meanwhile
            second = start_in_thread(build_hub(demo_config, db_url, clock), port=port)
            tap(qtbot, window.ticket.done_button)
            qtbot.waitUntil(lambda: window.hub_ok, timeout=WAIT_MS)
            ticket_with_dead_printer()  # the printer is still dead, the hub is back
            with httpx.Client(base_url=second.url, timeout=10) as api:
                token = api.post("/api/session", json={"counter": "accueil", "pin": "1234"})
                api.headers["Authorization"] = f"Bearer {token.json()['token']}"
                assert [a["kiosk"] for a in alerts(api)] == [hall]
        finally:
            window.may_close = True
            window.close()
            wait_for_pool(WAIT_MS)
            if second is not None:
                second.stop()
