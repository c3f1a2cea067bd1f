"""The display's spoken wording: numbers read naturally, one template per language."""

from __future__ import annotations

import pytest

from kiosk.domain.announce import LANGUAGES, announcement, spoken_number


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("C001", "C 1"),
        ("C010", "C 10"),
        ("C012", "C 12"),
        ("A100", "A 100"),
        ("M999", "M 999"),
        ("A1000", "A 1000"),  # past 999 the hub simply widens the number
        ("N000", "N 0"),
        ("c007", "C 7"),
        (" S042 ", "S 42"),
    ],
)
def test_numbers_lose_their_leading_zeros_and_keep_their_letter_apart(number, spoken):
    assert spoken_number(number) == spoken


def test_never_zero_zero_one():
    for language in LANGUAGES:
        text = announcement("C001", "Bureau 2", language)
        assert "001" not in text and "C 1," in text


@pytest.mark.parametrize("odd", ["", "ACC", "12-3"])
def test_something_that_is_not_a_ticket_number_is_said_as_it_is(odd):
    assert spoken_number(odd) == odd


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Ticket C 12, Bureau 2"),
        ("en", "Ticket C 12, please go to Bureau 2"),
        ("nl", "Ticket C 12, ga naar Bureau 2"),
    ],
)
def test_each_language_has_its_template(language, expected):
    assert announcement("C012", "Bureau 2", language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Rappel : ticket A 3, Accueil"),
        ("en", "Reminder: ticket A 3, please go to Accueil"),
        ("nl", "Herinnering: ticket A 3, ga naar Accueil"),
    ],
)
def test_a_recall_says_so(language, expected):
    assert announcement("A003", "Accueil", language, recall=True) == expected


def test_multi_digit_numbers_stay_whole():
    assert announcement("M123", "Bureau 3", "en") == "Ticket M 123, please go to Bureau 3"


def test_an_unknown_language_falls_back_to_french():
    assert announcement("C012", "Bureau 2", "de") == "Ticket C 12, Bureau 2"


def test_the_counter_name_is_said_as_configured():
    assert announcement("E004", " Salle Jean Moulin ", "fr") == "Ticket E 4, Salle Jean Moulin"
