"""Ticket rows written straight into a store, as sync writes another site's visits."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from kiosk.store.models import Ticket


def served_visit(
    site: str,
    day: date,
    service: str,
    number: int,
    issued: datetime,
    wait_min: float,
    service_min: float,
    counter: str = "accueil",
) -> Ticket:
    """A visit served and solved: called ``wait_min`` after issue, finished after
    ``service_min`` more."""
    called = issued + timedelta(minutes=wait_min)
    return Ticket(
        id=str(uuid.uuid4()),
        site=site,
        day=day,
        service=service,
        number=f"{service[0]}{number:03d}",
        seq=number,
        priority=False,
        language="fr",
        origin="walk_in",
        status="done",
        arrived_at=issued,
        issued_at=issued,
        called_at=called,
        started_at=called,
        finished_at=called + timedelta(minutes=service_min),
        counter=counter,
        outcome="solved",
        recalls=0,
        token=None,
    )
