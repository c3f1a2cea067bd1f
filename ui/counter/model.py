"""What the console knows of its counter, without Qt: the tickets, the current one, what may
be done now, and today's figures.

Picard's ``can_*`` idea: every button's enabled state is derived here, from the hub's answer
(each ticket carries the ``allowed_actions`` of the lifecycle table) and from whether the
counter already holds a ticket, so no widget decides on its own and the rules are tested
without a screen. Waits grow from the moment of the fetch on a monotonic clock, so the hub's
clock and the desk PC's never need to agree.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

#: Actions on the counter's current ticket, in the order of the buttons.
CURRENT_ACTIONS = ("recall", "start", "finish", "no_show", "transfer", "cancel")
HELD_STATES = ("called", "serving")


@dataclass(frozen=True)
class ServiceCount:
    code: str
    waiting: int
    longest_s: int


@dataclass(frozen=True)
class Figures:
    """The "today" panel: this counter's day, from ``/api/today`` and the queue."""

    served: int
    waiting: int
    median_wait_s: int | None
    no_shows: int


@dataclass
class Snapshot:
    """One answer of the hub about this counter (``/api/queue`` + ``/api/today``)."""

    counter: str
    services: list[str]
    tickets: list[dict] = field(default_factory=list)
    today: list[dict] = field(default_factory=list)
    paused: bool = False
    reason: str | None = None
    fetched_at: float = 0.0  # monotonic seconds
    #: The ticket "call next" would call now, as the hub's own rule says (``/api/queue``).
    next_id: str | None = None

    @classmethod
    def from_hub(
        cls, counter: str, services: list[str], queue: dict, today: dict, fetched_at: float
    ) -> Snapshot:
        state = queue.get("counters", {}).get(counter, {})
        return cls(
            counter,
            services,
            list(queue.get("tickets", [])),
            list(today.get("tickets", [])),
            bool(state.get("paused")),
            state.get("reason"),
            fetched_at,
            queue.get("next"),
        )

    @property
    def waiting(self) -> list[dict]:
        return [t for t in self.tickets if t["status"] == "waiting"]

    @property
    def next_ticket(self) -> dict | None:
        return next((t for t in self.waiting if t["id"] == self.next_id), None)

    @property
    def current(self) -> dict | None:
        """The ticket called or served at this counter (the newest call, should there be two)."""
        held = [
            t
            for t in self.tickets
            if t.get("counter") == self.counter and t["status"] in HELD_STATES
        ]
        return max(held, key=lambda t: t.get("called_at") or "", default=None)

    @property
    def no_shows(self) -> list[dict]:
        return [t for t in self.today if t["status"] == "no_show"]

    def waited_s(self, ticket: dict, now: float) -> int:
        return int(ticket.get("waited_s") or 0) + max(0, int(now - self.fetched_at))

    def per_service(self, now: float) -> list[ServiceCount]:
        counts = []
        for code in self.services:
            mine = [t for t in self.waiting if t["service"] == code]
            counts.append(
                ServiceCount(code, len(mine), max((self.waited_s(t, now) for t in mine), default=0))
            )
        return counts

    def longest_s(self, now: float) -> int:
        return max((self.waited_s(t, now) for t in self.waiting), default=0)

    def figures(self) -> Figures:
        waits = [
            (
                datetime.fromisoformat(t["called_at"]) - datetime.fromisoformat(t["arrived_at"])
            ).total_seconds()
            for t in self.today
            if t.get("called_at") and t.get("arrived_at")
        ]
        return Figures(
            served=sum(1 for t in self.today if t["status"] == "done"),
            waiting=len(self.waiting),
            median_wait_s=round(statistics.median(waits)) if waits else None,
            no_shows=len(self.no_shows),
        )


@dataclass(frozen=True)
class Abilities:
    """What the console may do now; one field per button."""

    call_next: bool = False
    call_chosen: bool = False
    recall: bool = False
    start: bool = False
    finish: bool = False
    finish_next: bool = False
    no_show: bool = False
    transfer: bool = False
    cancel: bool = False
    reactivate: bool = False
    pause: bool = False
    resume: bool = False

    def enabled(self, action: str) -> bool:
        return bool(getattr(self, action))


def abilities(
    snapshot: Snapshot | None,
    *,
    chosen: dict | None = None,
    earlier: dict | None = None,
    busy: bool = False,
) -> Abilities:
    """Derive every button's state.

    ``chosen``: the waiting ticket selected in the queue; ``earlier``: the ticket selected in
    today's list of this counter (a no-show may be reactivated); ``busy``: an action is on
    its way to the hub (no double clicks).
    """
    if snapshot is None or busy:
        return Abilities()
    current = snapshot.current
    allowed = set(current["allowed_actions"]) if current else set()
    free = current is None
    return Abilities(
        call_next=free and bool(snapshot.waiting),
        call_chosen=free and chosen is not None and "call" in chosen["allowed_actions"],
        reactivate=earlier is not None and "reactivate" in earlier["allowed_actions"],
        # One key for the usual case: (start if need be,) finish as solved, call the next.
        finish_next=bool(allowed & {"start", "finish"}),
        pause=not snapshot.paused,
        resume=snapshot.paused,
        **{action: action in allowed for action in CURRENT_ACTIONS},
    )
