"""The ticket lifecycle: one transition table, the only place that says what may happen.

``waiting → called → serving → done``; a called ticket may be recalled (stays called),
marked no-show, or cancelled; a waiting ticket may be called or cancelled; a no-show may be
reactivated (back to waiting). Transfer ends this queue entry as ``transferred`` and opens a
new waiting entry in another service, linked to it and keeping its arrival time.
The screens enable their buttons from :func:`allowed_actions`.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import InvalidTransition


class State(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    TRANSFER = "transfer"
    REACTIVATE = "reactivate"


class Outcome(StrEnum):
    """How a finished visit ended; the manager's "solved on site" share comes from it."""

    SOLVED = "solved"
    REDIRECTED = "redirected"
    APPOINTMENT_BOOKED = "appointment_booked"
    FOLLOW_UP = "follow_up"


TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.WAITING, Action.CALL): State.CALLED,
    (State.WAITING, Action.CANCEL): State.CANCELLED,
    (State.WAITING, Action.TRANSFER): State.TRANSFERRED,
    (State.CALLED, Action.RECALL): State.CALLED,
    (State.CALLED, Action.START): State.SERVING,
    (State.CALLED, Action.NO_SHOW): State.NO_SHOW,
    (State.CALLED, Action.CANCEL): State.CANCELLED,
    (State.CALLED, Action.TRANSFER): State.TRANSFERRED,
    (State.SERVING, Action.FINISH): State.DONE,
    (State.SERVING, Action.TRANSFER): State.TRANSFERRED,
    (State.NO_SHOW, Action.REACTIVATE): State.WAITING,
}

#: States in which a ticket still occupies the queue or a counter.
ACTIVE_STATES = frozenset({State.WAITING, State.CALLED, State.SERVING})
FINAL_STATES = frozenset(State) - ACTIVE_STATES - {State.NO_SHOW}


def allowed_actions(state: State | str) -> tuple[Action, ...]:
    state = State(state)
    return tuple(action for (s, action) in TRANSITIONS if s == state)


def next_state(state: State | str, action: Action | str, *, number: str = "?") -> State:
    """The state after ``action``, or :class:`InvalidTransition` naming ticket, state, action."""
    state, action = State(state), Action(action)
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise InvalidTransition(
            number, state.value, action.value, tuple(a.value for a in allowed_actions(state))
        ) from None
