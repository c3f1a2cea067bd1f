"""Figures for the demo and the screenshots: a few weeks of visits at both sites and a
morning played through the hub, with an injected clock, so that every chart shows something.

- :func:`fill_history`: past open days of both sites written straight into the store as
  the days' final rows (the other site's as sync would bring them), with feedback and
  unmet demand in this site's event log;
- :func:`play_morning`: today's morning through the hub's HTTP API, as kiosks and
  counters would (the clock advanced between steps).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.client import HubClient
from kiosk.clock import FixedClock
from kiosk.errors import KioskError
from kiosk.hub.context import Hub
from kiosk.store.events import EventKind, append_event
from kiosk.store.models import Ticket

PARIS = ZoneInfo("Europe/Paris")
OTHER_SITE = "enquin-les-mines"
SERVICES = ("ACC", "ACC", "ACC", "CPAM", "CPAM", "EMPLOI", "NUM", "CIAS", "CAF")
COUNTERS = {
    "accueil": ("ACC", "NUM", "CIAS", "EMPLOI", "CPAM", "CAF"),
    "bureau-2": ("CAF", "CPAM", "EMPLOI"),
}


@dataclass(frozen=True)
class Visit:
    service: str
    arrive_min: int  # minutes after opening
    wait_min: int
    serve_min: int
    ending: str  # solved | redirected | no_show | cancelled | transfer
    priority: bool = False
    feedback: int | None = None


def visits_of(day: date, rng: random.Random, count: int) -> list[Visit]:
    visits = []
    for _ in range(count):
        service = rng.choice(SERVICES)
        if service == "CAF" and day.weekday() != 1:
            service = "ACC"
        draw = rng.random()
        ending = (
            "no_show"
            if draw < 0.07
            else "cancelled"
            if draw < 0.1
            else "transfer"
            if draw < 0.14
            else "redirected"
            if draw < 0.3
            else "solved"
        )
        visits.append(
            Visit(
                service,
                rng.randrange(0, 200),
                rng.randrange(1, 45),
                rng.randrange(4, 25),
                ending,
                rng.random() < 0.12,
                rng.choices((3, 2, 1, None), (40, 12, 5, 43))[0],
            )
        )
    return sorted(visits, key=lambda v: v.arrive_min)


def fill_history(hub: Hub, clock: FixedClock, today: date, weeks: int = 4, seed: int = 7) -> None:
    """Open days (Monday to Saturday) of the ``weeks`` weeks before ``today``, at both
    sites, written into the store as the days' final rows (closed days change no more)."""
    rng = random.Random(seed)
    day = today - timedelta(weeks=weeks)
    while day < today:
        if day.weekday() != 6:
            _site_day(hub, hub.config.site.slug, day, rng, rng.randrange(16, 28))
            _site_day(hub, OTHER_SITE, day, rng, rng.randrange(10, 20))
        day += timedelta(days=1)
    clock.set(datetime.combine(today, time(8, 30), PARIS))


def _at(day: date, minutes: float) -> datetime:
    return datetime.combine(day, time(9), PARIS) + timedelta(minutes=minutes)


def _timeline(visits: list[Visit]) -> list[tuple[float, int, str]]:
    """(minute, visit index, step) in time order: issue, call, start, end."""
    steps = []
    for index, visit in enumerate(visits):
        called = visit.arrive_min + visit.wait_min
        steps.append((visit.arrive_min, index, "issue"))
        if visit.ending == "cancelled":
            steps.append((visit.arrive_min + visit.wait_min / 2, index, "cancel"))
            continue
        steps.append((called, index, "call"))
        if visit.ending == "no_show":
            steps.append((called + 2, index, "no_show"))
            continue
        steps.append((called + 0.5, index, "start"))
        steps.append((called + visit.serve_min, index, "end"))
    return sorted(steps)


def _counter_for(service: str, index: int) -> str:
    serving = [c for c, services in COUNTERS.items() if service in services]
    return serving[index % len(serving)]


def _site_day(hub: Hub, site: str, day: date, rng: random.Random, count: int) -> None:
    """A day's visits of ``site`` as final rows (and, for this site, feedback and unmet
    demand in its event log)."""
    own = site == hub.config.site.slug
    rows: list[Ticket] = []
    numbers: dict[str, int] = {}

    def ticket(
        visit: Visit,
        service: str,
        status: str,
        issued: datetime,
        called: datetime | None,
        finished: datetime,
        index: int,
        parent: str | None = None,
        number: str | None = None,
    ) -> Ticket:
        if parent is None:
            numbers[service] = numbers.get(service, 0) + 1
        served = status == "done"
        row = Ticket(
            id=str(uuid.UUID(int=rng.getrandbits(128))),
            site=site,
            day=day,
            service=service,
            number=number or f"{service[0]}{numbers[service]:03d}",
            seq=numbers.get(service, 1) if parent is None else 1,
            priority=visit.priority,
            language="fr",
            origin="reception" if index % 9 == 4 else "walk_in",
            status=status,
            arrived_at=rows[-1].arrived_at if parent else issued,
            issued_at=issued,
            called_at=called,
            started_at=called if served else None,
            finished_at=finished,
            counter=_counter_for(service, index) if served else None,
            outcome=("redirected" if visit.ending == "redirected" else "solved")
            if served
            else None,
            recalls=0,
            parent_id=parent,
            token=None,
        )
        rows.append(row)
        return row

    for index, visit in enumerate(visits_of(day, rng, count)):
        issued = _at(day, visit.arrive_min).astimezone(UTC)
        called = issued + timedelta(minutes=visit.wait_min)
        finished = called + timedelta(minutes=visit.serve_min)
        if visit.ending == "cancelled":
            ticket(visit, visit.service, "cancelled", issued, None, called, index)
        elif visit.ending == "no_show":
            ticket(visit, visit.service, "no_show", issued, called, called, index)
        elif visit.ending == "transfer":
            first = ticket(visit, visit.service, "transferred", issued, called, finished, index)
            later = finished + timedelta(minutes=6)
            ticket(
                visit,
                "NUM",
                "done",
                finished,
                later,
                later + timedelta(minutes=7),
                index,
                parent=first.id,
                number=first.number,
            )
        else:
            ticket(visit, visit.service, "done", issued, called, finished, index)
    with hub.store.write() as session:
        session.add_all(rows)
        if own:
            for index, visit in enumerate(visits_of(day, rng, count // 2)):
                if visit.feedback:
                    _event(
                        hub,
                        session,
                        EventKind.FEEDBACK,
                        _at(day, visit.arrive_min + 40),
                        visit.service,
                        score=visit.feedback,
                    )
                if index % 7 == 3 and day.weekday() != 1:  # CAF: Tuesday mornings only
                    _event(hub, session, EventKind.UNMET_DEMAND, _at(day, visit.arrive_min), "CAF")


def _event(hub: Hub, session, kind: EventKind, at: datetime, service: str, **data) -> None:
    append_event(
        session,
        site=hub.config.site.slug,
        epoch=hub.store.epoch,
        kind=kind,
        at=at,
        day=at.astimezone(PARIS).date(),
        service=service,
        **data,
    )


def play_morning(
    url: str,
    clock: FixedClock,
    day: date,
    count: int = 24,
    until: time = time(11, 30),
    seed: int = 11,
) -> None:
    """Today's morning through the hub's HTTP API: kiosks issue, counters call and serve."""
    rng = random.Random(seed)
    visits = [
        v
        for v in visits_of(day, rng, count)
        if _at(day, v.arrive_min) < datetime.combine(day, until, PARIS)
    ]
    staff = {counter: HubClient(url) for counter in COUNTERS}
    for counter, client in staff.items():
        client.sign_in(counter=counter, pin="1234")
    ids: dict[int, str] = {}
    end = datetime.combine(day, until, PARIS)
    try:
        for minute, index, step in _timeline(visits):
            if _at(day, minute) > end:
                continue
            clock.set(_at(day, minute))
            visit = visits[index]
            client = staff[_counter_for(visit.service, index)]
            try:
                if step == "issue":
                    kiosk = HubClient(url, kiosk_id=f"demo-kiosk-{index}")
                    try:
                        ids[index] = kiosk.issue_ticket(visit.service, priority=visit.priority)[
                            "id"
                        ]
                    finally:
                        kiosk.close()
                elif index not in ids:
                    continue
                elif step == "call":
                    client.act(ids[index], "call")
                elif step in ("start", "no_show", "cancel"):
                    client.act(ids[index], step)
                else:
                    outcome = "solved" if visit.ending == "transfer" else visit.ending
                    client.act(ids[index], "finish", outcome=outcome)
                    if visit.feedback:
                        client.feedback(visit.service, visit.feedback)
            except KioskError:
                continue
        clock.set(end)
    finally:
        for client in staff.values():
            client.close()
