"""What a paper ticket says, and how big, in the visitor's language: pure functions, no I/O.

The layout is decided once, here, and drawn twice: as ESC/POS bytes (``render``) and as a
PNG (``preview``). Keeping the words, sizes and line breaks out of both drawers means the
preview shows exactly what the printer gets, and the texts can be tested without a printer.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kiosk.domain import visitor_words
from kiosk.domain.ticket_view import TicketView

LANGUAGES = ("fr", "en", "nl")
FALLBACK_LANGUAGE = "fr"
NUMBER_MAX_SIZE = 6  # character magnification of the ticket number (ESC/POS allows 1-8)


class Role(StrEnum):
    """What a line is for, so that tests and drawers can find it without parsing text."""

    SITE = "site"
    SERVICE = "service"
    NUMBER_CAPTION = "number_caption"
    NUMBER = "number"
    PRIORITY = "priority"
    ISSUED_AT = "issued_at"
    POSITION = "position"
    WAIT = "wait"
    QR = "qr"
    FOOTER = "footer"
    WATCH = "watch"
    ADDRESS = "address"
    HOURS = "hours"


@dataclass(frozen=True)
class Text:
    """One printed line, already wrapped to fit the paper at its size.

    ``width`` and ``height`` are ESC/POS character magnifications (1-8): a line holds
    ``columns // width`` characters.
    """

    role: Role
    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    invert: bool = False


@dataclass(frozen=True)
class Qr:
    """The QR code that opens the visitor's phone page."""

    data: str
    role: Role = Role.QR


@dataclass(frozen=True)
class Feed:
    """Blank paper between sections, in lines of the normal size."""

    lines: int = 1


Block = Text | Qr | Feed


@dataclass(frozen=True)
class TicketLayout:
    """A whole ticket, top to bottom, for a paper ``columns`` characters wide (font A)."""

    number: str
    issued_at: datetime
    language: str
    columns: int
    blocks: tuple[Block, ...]

    def lines(self, role: Role) -> list[Text]:
        return [b for b in self.blocks if isinstance(b, Text) and b.role is role]

    def text(self, role: Role) -> str:
        """The words of ``role``, with line breaks undone (for tests and screen readers)."""
        return " ".join(line.text for line in self.lines(role))

    @property
    def qr(self) -> Qr | None:
        return next((b for b in self.blocks if isinstance(b, Qr)), None)


@dataclass(frozen=True)
class TicketWords:
    """The fixed texts of a ticket in one language."""

    number_caption: str
    priority: str
    date_format: str
    footer: str


_WORDS: dict[str, TicketWords] = {
    "fr": TicketWords(
        number_caption="Votre numéro",
        priority="PRIORITAIRE",
        date_format="%d/%m/%Y %H:%M",
        footer="Suivez votre tour sur votre téléphone",
    ),
    "en": TicketWords(
        number_caption="Your number",
        priority="PRIORITY",
        date_format="%d/%m/%Y %H:%M",
        footer="Follow your turn on your phone",
    ),
    "nl": TicketWords(
        number_caption="Uw nummer",
        priority="VOORRANG",
        date_format="%d-%m-%Y %H:%M",
        footer="Volg uw beurt op uw telefoon",
    ),
}


def words_for(language: str) -> TicketWords:
    """The texts of ``language``; French, the house language, for anything unknown.

    A ticket must print even if a new language reached the hub before the printer.
    """
    return _WORDS.get(language, _WORDS[FALLBACK_LANGUAGE])


def format_issued_at(issued_at: datetime, language: str) -> str:
    """Local date and time as people of that language write it (28/11/2026 14:05)."""
    return issued_at.strftime(words_for(language).date_format)


def format_position(position: int, language: str) -> str:
    """Place in line, 1 being next: the kiosk screen's own words (``visitor_words``)."""
    return visitor_words.position_line(position, language)


def format_wait(estimated_wait_s: int, language: str) -> str:
    """The estimate in the kiosk screen's own words ("Attente estimée : environ 12 min")."""
    return visitor_words.wait_line(estimated_wait_s, language)


def number_size(number: str, columns: int) -> int:
    """The largest magnification (up to 6) at which the number fits on one line."""
    return max(1, min(NUMBER_MAX_SIZE, columns // max(1, len(number))))


def _wrapped(
    role: Role,
    text: str,
    columns: int,
    *,
    width: int = 1,
    height: int = 1,
    bold: bool = False,
    invert: bool = False,
) -> list[Text]:
    fit = max(1, columns // width)
    if invert:  # a reverse-video label reads better with a margin of one space
        fit = max(1, fit - 2)
    pieces = textwrap.wrap(text, fit, break_long_words=True, break_on_hyphens=False) or [""]
    if invert:
        pieces = [f" {piece} " for piece in pieces]
    return [Text(role, piece, width, height, bold, invert) for piece in pieces]


def ticket_layout(view: TicketView, columns: int = 48) -> TicketLayout:
    """The ticket of ``view`` for paper ``columns`` characters wide (48 on a TM-T20II).

    Top to bottom: site and its address, service, the number very large, the priority
    label, the date, place in line, estimated wait, "keep this ticket, watch the screen",
    the QR code of the phone page with a line saying why to scan it, and the house's
    opening hours (two sites: a ticket found later says which house and when it opens).
    """
    words = words_for(view.language)
    language = view.language if view.language in _WORDS else FALLBACK_LANGUAGE
    size = number_size(view.number, columns)
    blocks: list[Block] = [
        *_wrapped(Role.SITE, view.site_name, columns, bold=True),
        *(_wrapped(Role.ADDRESS, view.site_address, columns) if view.site_address else []),
        Feed(),
        *_wrapped(Role.SERVICE, view.service_label, columns, height=2, bold=True),
        Feed(),
        *_wrapped(Role.NUMBER_CAPTION, words.number_caption, columns),
        *_wrapped(Role.NUMBER, view.number, columns, width=size, height=size, bold=True),
    ]
    if view.priority:
        blocks += _wrapped(
            Role.PRIORITY, words.priority, columns, width=2, height=2, bold=True, invert=True
        )
    blocks += [
        Feed(),
        *_wrapped(Role.ISSUED_AT, format_issued_at(view.issued_at, language), columns),
        *_wrapped(
            Role.POSITION, format_position(view.position, language), columns, height=2, bold=True
        ),
        *_wrapped(Role.WAIT, format_wait(view.estimated_wait_s, language), columns),
        Feed(),
        *_wrapped(Role.WATCH, visitor_words.word("keep", language), columns, bold=True),
        Feed(),
        Qr(view.status_url),
        *_wrapped(Role.FOOTER, words.footer, columns),
    ]
    hours = visitor_words.hours_lines(view.hours, language)
    if hours:
        blocks += [Feed(), *[line for text in hours
                             for line in _wrapped(Role.HOURS, text, columns)]]
    return TicketLayout(
        number=view.number,
        issued_at=view.issued_at,
        language=language,
        columns=columns,
        blocks=tuple(blocks),
    )


def sample_view(site_name: str, issued_at: datetime, language: str = "fr") -> TicketView:
    """A made-up ticket for the printer test page: every accent the printer must handle."""
    labels = {
        "fr": "Test : é è ç à ù œ €",
        "en": "Printer test: é è ç à ù œ €",
        "nl": "Printertest: é è ë ï ç à ù œ €",
    }
    return TicketView(
        site_name=site_name,
        service_code="T",
        service_label=labels.get(language, labels[FALLBACK_LANGUAGE]),
        number="T001",
        language=language,
        issued_at=issued_at,
        position=3,
        estimated_wait_s=12 * 60,
        status_url="https://example.invalid/t/printer-test",
        priority=True,
    )
