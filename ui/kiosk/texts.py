"""Visitor-facing wording that depends on numbers and dates, in the chosen language.

The words themselves live in :mod:`kiosk.domain.visitor_words`, shared with the printed
ticket and the phone page: one visit, one estimate, one wording on screen and on paper.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain import visitor_words


def wait_text(waiting: int, wait_s: int, language: str) -> str:
    """A tile: "2 personnes en attente" / "environ 16 min" (two lines, no symbols)."""
    return visitor_words.queue_line(waiting, wait_s, language)


def position_text(position: int, language: str) -> str:
    return visitor_words.position_line(position, language)


def estimate_text(wait_s: int, language: str) -> str:
    return visitor_words.wait_line(wait_s, language)


def _when(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def opening_text(iso: str | None, now: datetime, tz: ZoneInfo, language: str) -> str:
    """"aujourd'hui à 13 h 30", "demain à 9 h", "mardi à 9 h" or "le 02/12 à 9 h"."""
    return visitor_words.opening_phrase(_when(iso), now, tz, language)


def closed_tile_text(iso: str | None, now: datetime, tz: ZoneInfo, language: str) -> str:
    """"Fermé, ouvre mardi à 9 h"."""
    return visitor_words.closed_tile_line(_when(iso), now, tz, language)
