"""A service closed here but held at the other site of the house, soon: where and when.

A house with two sites splits its partners' desks between them (the CAF on Tuesday morning
in Fauquembergues, Tuesday afternoon in Enquin-les-Mines). A visitor who finds the CAF
closed here should read "CAF: this afternoon from 13:30 to 17:00 in Enquin-les-Mines" rather
than "next Tuesday". The other sites' public schedules come with sync
(:func:`kiosk.sync.peer_sites.peer_sites`); this module only picks the soonest opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.sync.peer_sites import PeerService, PeerSite

#: Further than this, "go to the other site" is no help: the visitor will come back here.
HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class HeldElsewhere:
    site: str  # the other site's short name ("Enquin-les-Mines")
    slug: str
    start: datetime
    end: datetime

    def as_json(self) -> dict:
        return {"site": self.site, "slug": self.slug, "start": self.start.isoformat(),
                "end": self.end.isoformat()}


def short_name(name: str) -> str:
    """ "Maison des services publics – Enquin-les-Mines" → "Enquin-les-Mines"."""
    return name.rsplit(" – ", 1)[-1].strip() or name


def _opening(service: PeerService, now: datetime) -> tuple[datetime, datetime] | None:
    """The opening under way at ``now`` or the next one: (start, end), aware."""
    local = now.astimezone(service.tz)
    for interval in service.schedule.intervals_on(local.date()):
        if interval.contains(local.time()):
            start = local.replace(hour=interval.start.hour, minute=interval.start.minute,
                                  second=0, microsecond=0)
            return start, _end_of(start, interval.end)
    start = service.next_opening(now)
    if start is None:
        return None
    start = start.astimezone(service.tz)
    for interval in service.schedule.intervals_on(start.date()):
        if interval.start == start.time().replace(second=0, microsecond=0):
            return start, _end_of(start, interval.end)
    return None


def _end_of(start: datetime, end) -> datetime:
    if end.hour == 23 and end.minute == 59:  # "24:00" is stored as the end of the day
        return start.replace(hour=23, minute=59, second=0, microsecond=0)
    return start.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)


def held_elsewhere(peers: list[PeerSite], code: str, now: datetime,
                   here_next: datetime | None) -> HeldElsewhere | None:
    """The soonest opening of service ``code`` at another site, if it comes within
    :data:`HORIZON` and before this site's own next opening ``here_next``."""
    best: HeldElsewhere | None = None
    for peer in peers:
        service = peer.services.get(code)
        if service is None:
            continue
        found = _opening(service, now)
        if found is None:
            continue
        start, end = found
        if start - now > HORIZON or (here_next is not None and start >= here_next):
            continue
        if best is None or start < best.start:
            best = HeldElsewhere(short_name(peer.name), peer.slug, start, end)
    return best
