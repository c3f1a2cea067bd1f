"""What a printed or displayed ticket shows: a plain value, shared by the hub, printing and ui.

It carries no personal data: a number, a service, times and a link to the phone page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TicketView:
    site_name: str
    service_code: str
    service_label: str  # in the visitor's language
    number: str  # e.g. "C012"
    language: str  # "fr", "en" or "nl"
    issued_at: datetime  # aware, in the site's time zone
    position: int  # 1 = next
    estimated_wait_s: int
    status_url: str  # the phone page, encoded in the QR code
    priority: bool = False
    #: Where the visitor is (two sites: a ticket found in a pocket says which house).
    site_address: str = ""
    #: The house's opening hours, per weekday (Monday first): ``("08:30-12:00", ...)``.
    hours: tuple[tuple[str, ...], ...] = ()
