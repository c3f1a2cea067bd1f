"""Request bodies (strict: unknown fields are refused) and the JSON shapes of answers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.domain.lifecycle import Outcome, allowed_actions
from kiosk.hub.inputs import ServiceCode
from kiosk.siteconfig import SiteConfig
from kiosk.store.models import Ticket


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TicketRequest(Body):
    service: ServiceCode
    priority: bool = False
    language: Literal["fr", "en", "nl"] = "fr"


class SessionRequest(Body):
    counter: str | None = Field(None, min_length=1, max_length=40)
    manager: str | None = Field(None, min_length=1, max_length=40)
    pin: str = Field(min_length=1, max_length=12)


class ActionRequest(Body):
    outcome: Outcome | None = None
    to_service: str | None = Field(None, min_length=1, max_length=12)

    model_config = ConfigDict(extra="forbid", strict=False)  # enums given as strings


class PauseRequest(Body):
    reason: str = Field(min_length=1, max_length=24)


def ticket_json(ticket: Ticket, config: SiteConfig, now: datetime | None = None) -> dict:
    """A ticket as staff see it, with the actions its state allows (buttons follow it)."""
    service = config.services_by_code.get(ticket.service)
    waited = None
    if now is not None and ticket.status == "waiting":
        waited = max(0, round((now - ticket.arrived_at).total_seconds()))
    return {
        "id": ticket.id,
        "number": ticket.number,
        "service": ticket.service,
        "service_label": service.labels.model_dump() if service else None,
        "status": ticket.status,
        "priority": ticket.priority,
        "origin": ticket.origin,
        "language": ticket.language,
        "arrived_at": _iso(ticket.arrived_at),
        "issued_at": _iso(ticket.issued_at),
        "called_at": _iso(ticket.called_at),
        "started_at": _iso(ticket.started_at),
        "finished_at": _iso(ticket.finished_at),
        "appointment_at": _iso(ticket.appointment_at),
        "counter": ticket.counter,
        "outcome": ticket.outcome,
        "recalls": ticket.recalls,
        "transferred_from": ticket.parent_id,
        "waited_s": waited,
        "allowed_actions": [a.value for a in allowed_actions(ticket.status)],
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
