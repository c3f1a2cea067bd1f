"""Who is called next: appointments due, then priority interleaved fairly, then arrival.

A pure function over the waiting candidates and the recent calls, so that the order (the
heart of fairness in the waiting room) is tested on its own. With ``priority_every = 2``
the calls go normal, normal, priority, normal, normal, priority... as long as both kinds
wait; when only one kind waits it is served at once. Within a kind: earliest arrival first
(a transferred visitor keeps the arrival time of their first ticket).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Candidate:
    id: str
    priority: bool
    arrived_at: datetime
    seq: int = 0
    appointment_at: datetime | None = None


def is_due(candidate: Candidate, now: datetime, early: timedelta) -> bool:
    return candidate.appointment_at is not None and candidate.appointment_at - early <= now


def pick_next(
    candidates: Sequence[Candidate],
    recent_calls_priority: Sequence[bool],
    *,
    priority_every: int,
    now: datetime,
    early: timedelta,
) -> Candidate | None:
    """The candidate to call; ``recent_calls_priority`` is newest first (True = priority)."""
    if not candidates:
        return None
    due = [c for c in candidates if is_due(c, now, early)]
    if due:
        return min(due, key=lambda c: (c.appointment_at, c.arrived_at, c.seq))
    by_arrival = sorted(candidates, key=lambda c: (c.arrived_at, c.seq))
    first_priority = next((c for c in by_arrival if c.priority), None)
    first_normal = next((c for c in by_arrival if not c.priority), None)
    if first_priority is None or first_normal is None:
        return first_priority or first_normal
    if priority_every == 0 or normals_since_priority(recent_calls_priority) >= priority_every:
        return first_priority
    return first_normal


def normals_since_priority(recent_calls_priority: Sequence[bool]) -> int:
    count = 0
    for was_priority in recent_calls_priority:
        if was_priority:
            break
        count += 1
    return count
