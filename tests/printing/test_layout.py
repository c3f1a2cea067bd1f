"""The words and sizes of a ticket, in each language, before any printer is involved."""

from __future__ import annotations

import dataclasses

import pytest

from printing.layout import (
    Qr,
    Role,
    Text,
    format_issued_at,
    format_position,
    format_wait,
    number_size,
    ticket_layout,
)
from tests.printing.tickets import ISSUED_AT, STATUS_URL, make_view


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "28/11/2026 14:05"), ("en", "28/11/2026 14:05"), ("nl", "28-11-2026 14:05")],
)
def test_date_and_time_are_local(language: str, expected: str) -> None:
    assert format_issued_at(ISSUED_AT, language) == expected


@pytest.mark.parametrize(
    ("language", "position", "expected"),
    [
        ("fr", 3, "Vous êtes 3e dans la file"),
        ("en", 3, "You are number 3 in line"),
        ("nl", 3, "U bent nummer 3 in de rij"),
        ("fr", 1, "Personne n'attend avant vous"),
        ("en", 1, "Nobody is waiting ahead of you"),
        ("nl", 1, "Er wacht niemand vóór u"),
    ],
)
def test_position_in_line(language: str, position: int, expected: str) -> None:
    assert format_position(position, language) == expected


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("fr", 12 * 60, "Attente estimée : environ 12 min"),
        ("fr", 12 * 60 + 29, "Attente estimée : environ 12 min"),
        ("fr", 12 * 60 + 30, "Attente estimée : environ 13 min"),
        ("fr", 20, "Attente estimée : quelques minutes"),
        ("fr", 4 * 60 + 50, "Attente estimée : quelques minutes"),
        ("fr", 65 * 60, "Attente estimée : environ 1 h 05"),
        ("en", 12 * 60, "Estimated wait: about 12 min"),
        ("nl", 12 * 60, "Geschatte wachttijd: ongeveer 12 min"),
    ],
)
def test_estimated_wait_in_minutes(language: str, seconds: int, expected: str) -> None:
    assert format_wait(seconds, language) == expected


def test_ticket_reads_top_to_bottom(language: str) -> None:
    layout = ticket_layout(make_view(language), columns=48)
    roles = [b.role for b in layout.blocks if isinstance(b, Text | Qr)]
    order = [r for i, r in enumerate(roles) if i == 0 or roles[i - 1] is not r]
    assert order == [
        Role.SITE,
        Role.SERVICE,
        Role.NUMBER_CAPTION,
        Role.NUMBER,
        Role.ISSUED_AT,
        Role.POSITION,
        Role.WAIT,
        Role.WATCH,
        Role.QR,
        Role.FOOTER,
    ]
    assert layout.qr == Qr(STATUS_URL)
    assert layout.language == language


def test_number_is_very_large_and_alone_on_its_line() -> None:
    (number,) = ticket_layout(make_view(), columns=48).lines(Role.NUMBER)
    assert (number.text, number.width, number.height, number.bold) == ("C012", 6, 6, True)
    assert number_size("C012", 42) == 6
    assert number_size("PMR1234", 32) == 4  # shrinks rather than wrapping


def test_every_line_fits_the_paper(language: str) -> None:
    for columns in (32, 42, 48):
        layout = ticket_layout(make_view(language, priority=True), columns)
        for block in layout.blocks:
            if isinstance(block, Text):
                assert len(block.text) * block.width <= columns, block


def test_long_service_label_wraps_without_losing_words() -> None:
    view = make_view(service_label="Caisse primaire d'assurance maladie et complémentaire")
    layout = ticket_layout(view, columns=32)
    assert len(layout.lines(Role.SERVICE)) == 2
    assert layout.text(Role.SERVICE) == view.service_label


@pytest.mark.parametrize(
    ("language", "marker"), [("fr", "PRIORITAIRE"), ("en", "PRIORITY"), ("nl", "VOORRANG")]
)
def test_priority_marker_only_on_priority_tickets(language: str, marker: str) -> None:
    (line,) = ticket_layout(make_view(language, priority=True)).lines(Role.PRIORITY)
    assert line.text.strip() == marker and line.invert
    assert ticket_layout(make_view(language)).lines(Role.PRIORITY) == []


@pytest.mark.parametrize(
    ("language", "footer"),
    [
        ("fr", "Suivez votre tour sur votre téléphone"),
        ("en", "Follow your turn on your phone"),
        ("nl", "Volg uw beurt op uw telefoon"),
    ],
)
def test_footer(language: str, footer: str) -> None:
    assert ticket_layout(make_view(language)).text(Role.FOOTER) == footer


def test_unknown_language_prints_in_french() -> None:
    view = dataclasses.replace(make_view("fr"), language="de")
    layout = ticket_layout(view)
    assert layout.language == "fr"
    assert layout.text(Role.POSITION) == "Vous êtes 3e dans la file"


def test_ticket_says_which_house_when_it_opens_and_to_watch_the_screen() -> None:
    """Two sites: a ticket found in a pocket must say where it belongs and when it opens."""
    hours = (("08:30-12:00", "13:30-17:00"),) * 4 + (("08:30-12:00", "13:30-16:30"),
                                                     ("09:00-12:00",), ())
    view = make_view("fr", site_address="Maison des services publics, 62145 Enquin-les-Mines",
                     hours=hours)
    layout = ticket_layout(view)
    assert layout.text(Role.ADDRESS) == "Maison des services publics, 62145 Enquin-les-Mines"
    assert layout.text(Role.WATCH) == ("Gardez ce ticket et surveillez l'écran : votre numéro "
                                       "sera appelé.")
    assert [line.text for line in layout.lines(Role.HOURS)] == [
        "Horaires d'ouverture",
        "lun.–jeu. : 8 h 30 à 12 h, 13 h 30 à 17 h",
        "ven. : 8 h 30 à 12 h, 13 h 30 à 16 h 30",
        "sam. : 9 h à 12 h",
    ]
    roles = [b.role for b in layout.blocks if isinstance(b, Text)]
    assert roles.index(Role.ADDRESS) == roles.index(Role.SITE) + 1


def test_real_site_tickets_carry_their_address_and_no_demo_mark() -> None:
    """The site file's address reaches the paper; "(démo)" never appears on a real site."""
    from config import site_file
    from kiosk.siteconfig.loader import load_site_config

    for slug, town in (("fauquembergues", "62560 Fauquembergues"),
                       ("enquin-les-mines", "62145 Enquin-les-Mines")):
        config = load_site_config(site_file(slug))
        assert config.site.address.endswith(town)
        view = make_view("fr", site_name=config.site.name, site_address=config.site.address)
        words = " ".join(b.text for b in ticket_layout(view).blocks if isinstance(b, Text))
        assert town in words and "démo" not in words.lower()
