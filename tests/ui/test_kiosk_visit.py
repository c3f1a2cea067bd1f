"""A visitor at the real kiosk window: tiles, priority step, ticket on screen and on paper.

Every test drives :class:`ui.kiosk.window.KioskWindow` with real mouse clicks against a
real hub on loopback and, where a ticket is printed, the real printing code talking TCP to
a pretend receipt printer, whose bytes are decoded as a printer would.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.domain import visitor_words
from kiosk.hub.server import RunningHub
from tests.conftest import PARIS
from tests.printing.escpos_decoder import decode
from tests.printing.printer_peer import PrinterPeer
from tests.ui.helpers import (
    WAIT_MS,
    button_named,
    current_page,
    events_of,
    network_printer,
    stored_ticket,
    tap,
    ts_translations,
    type_on_keypad,
)
from ui.i18n import visitor_tr as tr

WEDNESDAY_10H = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)


def test_tile_priority_no_gives_a_ticket_on_screen_and_on_paper(
    qtbot, make_kiosk, running_hub: RunningHub, peer: PrinterPeer
):
    window = make_kiosk(printer=network_printer(peer.port))
    assert window.welcome.title.text() == "Bienvenue"

    tap(qtbot, window.welcome.tiles["CAF"])  # CAF allows priority: the question comes first
    assert current_page(window) is window.priority
    assert window.priority.no.text() == "Non"
    # A switch or keyboard user who confirms at once gets a normal ticket, not priority.
    assert window.focusWidget() is window.priority.no
    with (
        qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as shown,
        qtbot.waitSignal(window.printed, timeout=WAIT_MS) as printed,
    ):
        tap(qtbot, window.priority.no)
    ticket = shown.args[0]

    page = window.ticket
    assert current_page(window) is page
    assert ticket["service"] == "CAF" and ticket["priority"] is False
    assert ticket["language"] == "fr" and ticket["origin"] == "walk_in"
    assert page.number.text() == ticket["number"] == "C001"
    assert page.service.text() == "CAF – Allocations familiales"
    assert page.position.text() == "Personne n'attend avant vous"  # nobody else waits
    assert page.estimate.text() == "Attente estimée : quelques minutes"
    assert page.watch.text() == "Surveillez l'écran : votre numéro sera appelé."
    assert page.priority.isHidden()
    stored = stored_ticket(running_hub.hub, ticket["id"])
    assert stored.number == "C001" and stored.priority is False
    assert page.qr.payload == ticket["status_url"] == f"{running_hub.url}/t/{stored.token}"

    result = printed.args[0]
    assert result.ok and result.number == "C001"
    qtbot.waitUntil(lambda: page.print_status.text() == "Prenez votre ticket ci-dessous.")
    paper = decode(peer.received())
    assert paper.lines_containing("C001"), paper.text
    assert "CAF – Allocations familiales" in paper.text
    assert paper.qr_payloads == [ticket["status_url"].encode()]
    assert len(paper.cuts) == 1
    # One visit, one estimate, one wording: the paper says what the screen says.
    assert page.estimate.text() in paper.text and page.position.text() in paper.text


def test_priority_yes_and_a_second_visitor_further_in_line(
    qtbot, make_kiosk, running_hub: RunningHub, peer: PrinterPeer
):
    window = make_kiosk(printer=network_printer(peer.port))
    tap(qtbot, window.welcome.tiles["CPAM"])
    with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as first:
        tap(qtbot, window.priority.yes)
    assert first.args[0]["priority"] is True
    assert window.ticket.priority.isVisible() and window.ticket.priority.text() == "Prioritaire"
    tap(qtbot, window.ticket.done_button)
    assert current_page(window) is window.welcome

    tap(qtbot, window.welcome.tiles["CPAM"])
    with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as second:
        tap(qtbot, window.priority.no)
    assert second.args[0]["number"] == "M002"
    assert second.args[0]["position"] == 2
    assert window.ticket.position.text() == "Vous êtes 2e dans la file"
    assert window.ticket.estimate.text() == visitor_words.wait_line(
        second.args[0]["estimated_wait_s"], "fr")


def test_a_service_without_priority_prints_at_once(qtbot, make_kiosk, peer: PrinterPeer):
    window = make_kiosk(printer=network_printer(peer.port))
    with qtbot.waitSignal(window.printed, timeout=WAIT_MS):
        tap(qtbot, window.welcome.tiles["NUM"])  # no priority question for NUM
    assert window.ticket.number.text() == "N001"
    assert decode(peer.received()).lines_containing("N001")


@pytest.mark.parametrize(
    ("language", "welcome", "label", "no"),
    [
        ("en", "Welcome", "Public internet point", "No"),
        ("nl", "Welkom", "Openbaar internetpunt", "Nee"),
    ],
)
def test_language_switch_changes_the_texts_and_the_ticket(
    qtbot, make_kiosk, peer: PrinterPeer, language, welcome, label, no
):
    window = make_kiosk(printer=network_printer(peer.port))
    french = {
        "title": window.welcome.title.text(),
        "appointment": window.welcome.appointment_button.text(),
        "tile": window.welcome.tiles["NUM"].title.text(),
    }
    tap(qtbot, window.language_buttons[language])

    assert window.language == language
    assert window.welcome.title.text() == welcome
    assert window.welcome.tiles["NUM"].title.text() == label
    assert window.welcome.appointment_button.text() != french["appointment"]
    assert (
        window.welcome.appointment_button.accessibleName()
        == window.welcome.appointment_button.text()
    )
    assert french["tile"] == "Point internet public"
    assert window.language_buttons[language].property("current") is True
    assert window.language_buttons["fr"].property("current") is False

    tap(qtbot, window.welcome.tiles["CIAS"])
    assert window.priority.no.text() == no
    assert window.priority.title.text() == tr("Do you need to be seen first?")
    with qtbot.waitSignal(window.printed, timeout=WAIT_MS):
        tap(qtbot, window.priority.no)
    assert window.ticket.ticket["language"] == language
    tap(qtbot, window.ticket.done_button)  # the visit is over: French again for the next one
    assert window.language == "fr" and window.welcome.title.text() == "Bienvenue"

    tap(qtbot, window.language_buttons[language])
    with qtbot.waitSignal(window.printed, timeout=WAIT_MS):
        tap(qtbot, window.welcome.tiles["NUM"])
    assert window.ticket.ticket["language"] == language
    assert window.ticket.service.text() == label
    assert window.ticket.heading.text() == tr("Your ticket") != "Votre ticket"
    assert label in decode(peer.received()).text  # the paper speaks the visitor's language


def test_idle_visitor_goes_back_to_welcome_in_french(qtbot, make_kiosk):
    window = make_kiosk(idle_s=0.8)
    tap(qtbot, window.language_buttons["nl"])
    tap(qtbot, window.welcome.tiles["ACC"])
    assert current_page(window) is window.priority
    assert window.priority.no.text() == "Nee"

    qtbot.waitUntil(lambda: current_page(window) is window.welcome, timeout=WAIT_MS)
    assert window.language == "fr"
    assert window.welcome.title.text() == "Bienvenue"
    assert window.pending_service is None


def test_ticket_page_goes_home_after_ticket_s(qtbot, make_kiosk):
    window = make_kiosk(ticket_s=0.8)  # no printer here: the screen says so
    with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
        tap(qtbot, window.welcome.tiles["NUM"])
    assert current_page(window) is window.ticket
    assert window.ticket.print_status.text() == (
        "Gardez le code de cet écran : pas d'imprimante ici."
    )
    qtbot.waitUntil(lambda: current_page(window) is window.welcome, timeout=WAIT_MS)


def test_closed_service_shows_next_opening_and_offers_general_reception(
    qtbot, make_kiosk, running_hub: RunningHub, peer: PrinterPeer
):
    running_hub.hub.clock.set(WEDNESDAY_10H)  # CAF comes on Tuesday mornings only
    window = make_kiosk(printer=network_printer(peer.port))
    tile = window.welcome.tiles["CAF"]
    assert tile.property("open") is False
    assert tile.detail.text() == "Fermé, ouvre mardi à 9 h"

    tap(qtbot, tile)  # closed: no priority question, the hub answers "closed"
    qtbot.waitUntil(lambda: current_page(window) is window.closed, timeout=WAIT_MS)
    closed = window.closed
    assert closed.title.text() == "CAF – Allocations familiales"
    assert closed.next_opening.text().startswith(
        "Ce service est fermé en ce moment. Prochaine ouverture ici : mardi à 9 h.")
    unmet = events_of(running_hub.hub, "unmet_demand")
    assert [(e.service, e.data["language"]) for e in unmet] == [("CAF", "fr")]

    tap(qtbot, closed.reception_button)
    assert current_page(window) is window.priority  # general reception asks about priority
    with qtbot.waitSignal(window.printed, timeout=WAIT_MS):
        tap(qtbot, window.priority.no)
    assert window.ticket.ticket["service"] == "ACC"
    assert window.ticket.number.text() == "A001"
    assert decode(peer.received()).lines_containing("A001")


def test_closed_page_back_returns_home(qtbot, make_kiosk, running_hub):
    running_hub.hub.clock.set(WEDNESDAY_10H)
    window = make_kiosk()
    window.choose_service("CAF")
    qtbot.waitUntil(lambda: current_page(window) is window.closed, timeout=WAIT_MS)
    assert window.closed.reception_button.isVisible()
    tap(qtbot, window.closed.back_button)
    assert current_page(window) is window.welcome


def book_appointment(running_hub: RunningHub, at: str = "2026-11-24T10:30:00+01:00") -> str:
    import httpx

    with httpx.Client(base_url=running_hub.url, timeout=10) as api:
        session = api.post("/api/session", json={"counter": "bureau-2", "pin": "1234"})
        session.raise_for_status()
        headers = {"Authorization": f"Bearer {session.json()['token']}"}
        booked = api.post("/api/appointments", json={"service": "CAF", "at": at}, headers=headers)
        assert booked.status_code == 201, booked.text
        return booked.json()["code"]


def test_appointment_code_on_the_keypad_gives_an_appointment_ticket(
    qtbot, make_kiosk, running_hub: RunningHub, peer: PrinterPeer
):
    code = book_appointment(running_hub)
    window = make_kiosk(printer=network_printer(peer.port))
    tap(qtbot, window.welcome.appointment_button)
    assert current_page(window) is window.appointment
    assert window.appointment.title.text() == "J'ai un rendez-vous"

    with (
        qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS) as shown,
        qtbot.waitSignal(window.printed, timeout=WAIT_MS),
    ):
        type_on_keypad(qtbot, window.appointment.keypad, code)
    ticket = shown.args[0]
    assert ticket["origin"] == "appointment" and ticket["service"] == "CAF"
    assert current_page(window) is window.ticket
    assert window.ticket.number.text() == ticket["number"]
    assert stored_ticket(running_hub.hub, ticket["id"]).origin == "appointment"
    assert decode(peer.received()).lines_containing(ticket["number"])


def test_wrong_appointment_code_shows_an_error(qtbot, make_kiosk, running_hub: RunningHub):
    code = book_appointment(running_hub)
    wrong = "1" * 6 if code != "1" * 6 else "2" * 6
    window = make_kiosk()
    tap(qtbot, window.welcome.appointment_button)
    type_on_keypad(qtbot, window.appointment.keypad, wrong)
    error = window.appointment.error
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert error.text() == "Ce code est inconnu. Vérifiez-le ou adressez-vous à l'accueil."
    assert window.appointment.keypad.value == ""  # ready for another try
    assert current_page(window) is window.appointment


@pytest.mark.parametrize("case", ["used twice", "another day"])
def test_appointment_refusal_is_explained_in_the_visitor_language(
    qtbot, make_kiosk, running_hub: RunningHub, case
):
    if case == "used twice":
        code = book_appointment(running_hub)
        window = make_kiosk()
        tap(qtbot, window.welcome.appointment_button)
        with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
            type_on_keypad(qtbot, window.appointment.keypad, code)
        tap(qtbot, window.ticket.done_button)
    else:
        code = book_appointment(running_hub, at="2026-12-01T10:30:00+01:00")  # next Tuesday
        window = make_kiosk()
    tap(qtbot, window.welcome.appointment_button)
    type_on_keypad(qtbot, window.appointment.keypad, code)
    error = window.appointment.error
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert error.text() in ts_translations("fr").values(), f"not French: {error.text()!r}"


@pytest.mark.parametrize("step", ["priority", "appointment"])
def test_back_keeps_the_visitor_language_and_contrast(qtbot, make_kiosk, step):
    window = make_kiosk()
    tap(qtbot, window.language_buttons["nl"])
    tap(qtbot, window.contrast_button)
    assert window.high_contrast
    if step == "priority":
        tap(qtbot, window.welcome.tiles["ACC"])
        back = window.priority.back_button
    else:
        tap(qtbot, window.welcome.appointment_button)
        back = window.appointment.back_button
    tap(qtbot, back)  # one step back, the visit goes on
    assert current_page(window) is window.welcome
    assert (window.language, window.high_contrast) == ("nl", True)


def test_feedback_face_is_stored_with_its_service(qtbot, make_kiosk, running_hub: RunningHub):
    window = make_kiosk()
    tap(qtbot, window.welcome.feedback_button)
    page = window.feedback
    assert current_page(window) is page
    assert page.hint.text() == "Quel service avez-vous rencontré ?"
    assert not page.faces_host.isVisible()

    tap(qtbot, page.service_buttons["CPAM"])
    assert page.faces_host.isVisible() and not page.services_host.isVisible()
    happy = next(face for face in page.faces if face.score == 3)
    assert happy.accessibleName() == "Bien"
    tap(qtbot, happy)
    assert current_page(window) is window.message
    assert window.message.title.text() == "Merci !"

    def stored() -> bool:
        return bool(events_of(running_hub.hub, "feedback"))

    qtbot.waitUntil(stored, timeout=WAIT_MS)
    [event] = events_of(running_hub.hub, "feedback")
    assert event.service == "CPAM" and event.data["score"] == 3


def test_contrast_button_enlarges_text_until_the_visit_ends(qtbot, make_kiosk):
    window = make_kiosk()
    title = window.welcome.subtitle
    normal = title.font().pixelSize()
    assert window.contrast_button.text() == "Texte agrandi, contraste élevé"
    assert not window.contrast_button.property("current")
    tap(qtbot, window.contrast_button)
    assert window.high_contrast
    assert title.font().pixelSize() >= normal * 1.2  # 25 % larger
    # The button shows the mode is on (a tick, the words, the "pressed" look).
    assert window.contrast_button.text() == "✓ Contraste élevé : activé"
    assert window.contrast_button.property("current") is True
    with qtbot.waitSignal(window.ticket_shown, timeout=WAIT_MS):
        tap(qtbot, window.welcome.tiles["NUM"])
    assert window.high_contrast  # for the whole visit
    tap(qtbot, window.ticket.done_button)
    assert not window.high_contrast
    assert title.font().pixelSize() == normal


def test_read_aloud_speaks_the_page_in_the_visitor_language(qtbot, make_kiosk):
    window = make_kiosk()
    assert window.speaker.available  # Qt's mock engine
    tap(qtbot, window.language_buttons["en"])
    tap(qtbot, window.audio_button)
    language, text = window.speaker.said[-1]
    assert language == "en"
    assert "Welcome" in text and "Public internet point" in text
    assert button_named(window, "audio").accessibleName() == "Read the screen aloud"
