"""What the waiting-room display says aloud when a counter calls a ticket.

A ticket number is printed "C012" but read "C 12": the prefix letter stands apart and the
digits become a plain integer, which every text-to-speech engine reads naturally in its
own language ("C douze", "C twelve", "C twaalf") — never "zero zero one". The counter's
name is said as the site file spells it (it is also what the screen shows).
"""

from __future__ import annotations

import re

LANGUAGES = ("fr", "en", "nl")

_TEMPLATES = {
    "fr": "Ticket {ticket}, {counter}",
    "en": "Ticket {ticket}, please go to {counter}",
    "nl": "Ticket {ticket}, ga naar {counter}",
}
_RECALL = {
    "fr": "Rappel : ticket {ticket}, {counter}",
    "en": "Reminder: ticket {ticket}, please go to {counter}",
    "nl": "Herinnering: ticket {ticket}, ga naar {counter}",
}

_NUMBER = re.compile(r"^\s*([A-Za-z]*)\s*0*(\d+)\s*$")


def spoken_number(number: str) -> str:
    """``"C012"`` → ``"C 12"``, ``"C001"`` → ``"C 1"``, ``"A1000"`` → ``"A 1000"``.

    Letters are spaced so that an engine spells them rather than reading a word; anything
    that is not letters-then-digits is returned as it is.
    """
    match = _NUMBER.match(number)
    if match is None:
        return number.strip()
    letters, digits = match.groups()
    return " ".join([*letters.upper(), str(int(digits))])


def announcement(number: str, counter_name: str, language: str, *, recall: bool = False) -> str:
    """The sentence for a call (or a recall) in ``language``; unknown languages get French."""
    templates = _RECALL if recall else _TEMPLATES
    template = templates.get(language, templates["fr"])
    return template.format(ticket=spoken_number(number), counter=counter_name.strip())
