"""What the waiting-room display shows, derived from the hub's ``GET /api/display`` answers.

Plain Python (no Qt), so the rules are easy to test: which calls are new since the last
answer (to announce them once, oldest first), which call is the newest, how long it stays
highlighted, and the list of last calls with a ticket shown once (a recall replaces the
call it repeats). Everything is bounded: the hub sends at most ten calls and the board
keeps only what the last answer said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

DEFAULT_FRESH_S = 8.0
MAX_CALLS = 10


@dataclass(frozen=True)
class Call:
    seq: int
    number: str
    service: str
    counter: str
    counter_name: str
    recall: bool
    language: str
    at: datetime | None

    @classmethod
    def from_json(cls, item: dict) -> Call:
        at = item.get("at")
        return cls(
            seq=int(item["seq"]),
            number=str(item.get("number") or "?"),
            service=str(item.get("service") or ""),
            counter=str(item.get("counter") or ""),
            counter_name=str(item.get("counter_name") or item.get("counter") or ""),
            recall=bool(item.get("recall")),
            language=str(item.get("language") or "fr"),
            at=datetime.fromisoformat(at) if at else None,
        )

    def as_json(self) -> dict:
        return {
            "seq": self.seq,
            "number": self.number,
            "service": self.service,
            "counter": self.counter,
            "counter_name": self.counter_name,
            "recall": self.recall,
            "language": self.language,
        }


class Board:
    """The last answer of the hub, and what changed with it.

    :meth:`update` returns the calls that are new since the previous answer, oldest
    first. The first answer after start-up returns none (the display does not re-announce
    the morning when it is switched on), and neither does an answer whose calls go back in
    sequence (a fresh store): the board simply starts again from there. A first answer
    without calls means that every call after it is new.
    """

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.waiting: dict[str, int] = {}
        #: Closed services → their next opening (ISO) or None.
        self.closed: dict[str, str | None] = {}
        self.fresh_for_s = DEFAULT_FRESH_S
        self.hub_time: datetime | None = None
        self.last_seq: int | None = None

    @property
    def newest(self) -> Call | None:
        return self.calls[0] if self.calls else None

    def update(self, answer: dict) -> list[Call]:
        calls = sorted(
            (Call.from_json(item) for item in answer.get("calls", [])),
            key=lambda call: call.seq,
            reverse=True,
        )[:MAX_CALLS]
        self.calls = calls
        self.closed = {
            str(code): (str(when) if when else None)
            for code, when in (answer.get("closed") or {}).items()
        }
        self.waiting = {
            str(code): int(count) for code, count in (answer.get("waiting") or {}).items()
        }
        self.fresh_for_s = float(answer.get("fresh_for_s") or DEFAULT_FRESH_S)
        time = answer.get("time")
        self.hub_time = datetime.fromisoformat(time) if time else None
        if not calls:
            if self.last_seq is None:
                self.last_seq = 0  # nothing called yet today: every call from now is new
            return []
        top = calls[0].seq
        if self.last_seq is None or top < self.last_seq:
            self.last_seq = top
            return []
        new = [call for call in reversed(calls) if call.seq > self.last_seq]
        self.last_seq = top
        return new

    def fresh_left_s(self) -> float:
        """How much longer the newest call stays highlighted, judged by the hub's clock
        (used at start-up; later, a new call is highlighted for :attr:`fresh_for_s`)."""
        newest = self.newest
        if newest is None or newest.at is None or self.hub_time is None:
            return 0.0
        age = (self.hub_time - newest.at).total_seconds()
        return max(0.0, self.fresh_for_s - max(0.0, age))

    def listed(self, skip_newest: bool) -> list[Call]:
        """The last calls for the list: newest first, each ticket once."""
        seen: set[str] = set()
        result = []
        for index, call in enumerate(self.calls):
            if call.number in seen:
                continue
            seen.add(call.number)
            if skip_newest and index == 0:
                continue
            result.append(call)
        return result
