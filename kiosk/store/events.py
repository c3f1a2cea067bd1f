"""Appending to the visit event log, inside the caller's transaction.

Every change of a ticket (and a few site facts: unmet demand, counter pauses, printer
faults) appends one event with the next gap-free ``seq`` of its site. The ``data`` of an
event is filtered through an allow-list: only these facts, never a name or free text, so
that nothing personal can leak into statistics or into what sync sends to another site.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from kiosk.store.counters import take_next
from kiosk.store.models import Event, Sequence


class EventKind(StrEnum):
    ISSUED = "issued"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"
    REACTIVATED = "reactivated"
    UNMET_DEMAND = "unmet_demand"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_RESUMED = "counter_resumed"
    APPOINTMENT_BOOKED = "appointment_booked"
    PRINTER_FAULT = "printer_fault"
    PRINTER_OK = "printer_ok"
    FEEDBACK = "feedback"


#: The only keys an event's data may hold, with the type each must have.
ALLOWED_DATA: dict[str, type | tuple[type, ...]] = {
    "number": str,
    "seq": int,
    "priority": bool,
    "language": str,
    "origin": str,
    "status": str,
    "outcome": str,
    "to_service": str,
    "to_ticket": str,
    "parent_id": str,
    "arrived_at": str,
    "appointment_at": str,
    "reason": str,
    "fault": str,
    "kiosk": str,
    "score": int,
}


log = logging.getLogger("kiosk.store")
#: The shape of every text fact: a code, an id, a number, an enumeration or an ISO time.
#: No space, no "@", no accent: a name, a phone number written out or an e-mail typed
#: into a field a client controls (a kiosk id, say) is dropped, never stored nor synced.
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}$")


def clean_data(data: dict[str, Any]) -> dict[str, Any]:
    """Keep allow-listed keys only; refuse a value of the wrong type (a bug, not input);
    drop a text that is not token-shaped (:data:`TOKEN`), saying so in the log."""
    cleaned = {}
    for key, value in data.items():
        if key not in ALLOWED_DATA or value is None:
            continue
        if isinstance(value, datetime):
            value = value.isoformat()
        if not isinstance(value, ALLOWED_DATA[key]):
            raise TypeError(f"event data {key!r} must be {ALLOWED_DATA[key]}, not {type(value)}")
        if isinstance(value, str) and not TOKEN.match(value):
            log.warning("event fact %r dropped: free text never goes into the log", key)
            continue
        cleaned[key] = value
    return cleaned


def append_event(
    session: Session,
    *,
    site: str,
    epoch: str,
    kind: EventKind,
    at: datetime,
    day: date,
    service: str | None = None,
    ticket_id: str | None = None,
    counter: str | None = None,
    **data: Any,
) -> Event:
    seq = take_next(session, Sequence, {"site": site})
    event = Event(
        site=site,
        seq=seq,
        epoch=epoch,
        at=at,
        kind=kind.value,
        day=day,
        service=service,
        ticket_id=ticket_id,
        counter=counter,
        data=clean_data(data),
    )
    session.add(event)
    return event
