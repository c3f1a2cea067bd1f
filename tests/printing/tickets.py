"""Sample tickets for the printing tests: one per language, with every accent that matters."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain.ticket_view import TicketView

PARIS = ZoneInfo("Europe/Paris")
ISSUED_AT = datetime(2026, 11, 28, 14, 5, 33, tzinfo=PARIS)
# As long as a real one gets: the hub's LAN address and a 22-character token
STATUS_URL = "https://accueil.maison-services.example.fr/t/Zq3vR8kLmN2pXy7TbC4dWs"

LABELS = {
    "fr": "Aides : chèque énergie à 150 €, reçu où ? Œuvres et cœur",
    "en": "Benefits and family allowance",
    "nl": "Sociale zekerheid: één loket, geïnformeerd",
}


def make_view(language: str = "fr", **changes: object) -> TicketView:
    view = TicketView(
        site_name="France Services de Saint-Cœur-sur-Loire",
        service_code="C",
        service_label=LABELS[language],
        number="C012",
        language=language,
        issued_at=ISSUED_AT,
        position=3,
        estimated_wait_s=12 * 60,
        status_url=STATUS_URL,
        priority=False,
    )
    return dataclasses.replace(view, **changes)  # type: ignore[arg-type]
