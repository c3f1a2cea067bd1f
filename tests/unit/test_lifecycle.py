"""The ticket lifecycle table, checked exhaustively against an independent literal table."""

from __future__ import annotations

import itertools

import pytest

from kiosk.domain.lifecycle import (
    ACTIVE_STATES,
    FINAL_STATES,
    TRANSITIONS,
    Action,
    State,
    allowed_actions,
    next_state,
)
from kiosk.errors import InvalidTransition, KioskError

# Written from DESIGN.md §3, not copied from the code: (state, action) -> next state.
# Every pair absent from this table must be refused.
EXPECTED: dict[tuple[str, str], str] = {
    ("waiting", "call"): "called",
    ("waiting", "cancel"): "cancelled",
    ("waiting", "transfer"): "transferred",
    ("called", "recall"): "called",
    ("called", "start"): "serving",
    ("called", "no_show"): "no_show",
    ("called", "cancel"): "cancelled",
    ("called", "transfer"): "transferred",
    ("serving", "finish"): "done",
    ("serving", "transfer"): "transferred",
    ("no_show", "reactivate"): "waiting",
}

ALL_STATES = ["waiting", "called", "serving", "done", "no_show", "cancelled", "transferred"]
ALL_ACTIONS = [
    "call",
    "recall",
    "start",
    "finish",
    "no_show",
    "cancel",
    "transfer",
    "reactivate",
]

EXPECTED_ALLOWED: dict[str, set[str]] = {
    "waiting": {"call", "cancel", "transfer"},
    "called": {"recall", "start", "no_show", "cancel", "transfer"},
    "serving": {"finish", "transfer"},
    "done": set(),
    "no_show": {"reactivate"},
    "cancelled": set(),
    "transferred": set(),
}

ALL_PAIRS = list(itertools.product(ALL_STATES, ALL_ACTIONS))
ALLOWED_PAIRS = [pair for pair in ALL_PAIRS if pair in EXPECTED]
REFUSED_PAIRS = [pair for pair in ALL_PAIRS if pair not in EXPECTED]


def test_the_enums_hold_exactly_the_documented_values():
    assert sorted(s.value for s in State) == sorted(ALL_STATES)
    assert sorted(a.value for a in Action) == sorted(ALL_ACTIONS)


def test_the_table_covers_every_pair():
    assert len(ALL_PAIRS) == 7 * 8
    assert len(ALLOWED_PAIRS) == len(EXPECTED) == 11
    assert len(REFUSED_PAIRS) == 56 - 11


def test_the_code_table_matches_the_expected_table():
    actual = {(s.value, a.value): t.value for (s, a), t in TRANSITIONS.items()}
    assert actual == EXPECTED


@pytest.mark.parametrize(("state", "action"), ALLOWED_PAIRS)
def test_allowed_transition(state, action):
    result = next_state(state, action, number="C012")
    assert result == EXPECTED[(state, action)]
    assert isinstance(result, State)


@pytest.mark.parametrize(("state", "action"), ALLOWED_PAIRS)
def test_allowed_transition_accepts_enum_members(state, action):
    assert next_state(State(state), Action(action)) is State(EXPECTED[(state, action)])


@pytest.mark.parametrize(("state", "action"), REFUSED_PAIRS)
def test_refused_transition_names_ticket_state_and_action(state, action):
    with pytest.raises(InvalidTransition) as info:
        next_state(state, action, number="C012")
    error = info.value
    message = str(error)
    assert "C012" in message
    assert state in message
    # The message spells the action for people: "no_show" is written "no-show".
    assert action.replace("_", "-") in message
    assert (error.number, error.state, error.action) == ("C012", state, action)
    assert error.http_status == 409
    assert isinstance(error, KioskError)


@pytest.mark.parametrize(("state", "action"), REFUSED_PAIRS)
def test_refused_transition_lists_what_is_allowed_now(state, action):
    with pytest.raises(InvalidTransition) as info:
        next_state(state, action, number="A001")
    message = str(info.value)
    allowed = EXPECTED_ALLOWED[state]
    if allowed:
        hint = message.split("(allowed now:", 1)[1]
        listed = {part.strip(" )").replace("-", "_") for part in hint.split(",")}
        assert listed == allowed
    else:
        assert "no action allowed now" in message


def test_refused_message_is_exact_for_one_known_case():
    with pytest.raises(InvalidTransition) as info:
        next_state("done", "recall", number="M007")
    assert str(info.value) == "ticket M007 is done: cannot recall (no action allowed now)"


def test_refused_message_for_no_show_action():
    with pytest.raises(InvalidTransition) as info:
        next_state("waiting", "no_show", number="C003")
    assert str(info.value).startswith("ticket C003 is waiting: cannot no-show")


def test_default_number_is_a_placeholder():
    with pytest.raises(InvalidTransition) as info:
        next_state("done", "call")
    assert info.value.number == "?"


@pytest.mark.parametrize("state", ALL_STATES)
def test_allowed_actions_per_state(state):
    actions = allowed_actions(state)
    assert {a.value for a in actions} == EXPECTED_ALLOWED[state]
    assert len(actions) == len(set(actions))
    assert all(isinstance(a, Action) for a in actions)


@pytest.mark.parametrize("state", ALL_STATES)
def test_allowed_actions_agree_with_next_state(state):
    for action in ALL_ACTIONS:
        if action in {a.value for a in allowed_actions(state)}:
            next_state(state, action)
        else:
            with pytest.raises(InvalidTransition):
                next_state(state, action)


@pytest.mark.parametrize("bad", ["", "finished", "WAITING", "serve"])
def test_unknown_state_is_refused(bad):
    with pytest.raises(ValueError):
        next_state(bad, "call")
    with pytest.raises(ValueError):
        allowed_actions(bad)


@pytest.mark.parametrize("bad", ["", "serve", "CALL", "no-show"])
def test_unknown_action_is_refused(bad):
    with pytest.raises(ValueError):
        next_state("waiting", bad)


def test_active_and_final_states():
    assert {s.value for s in ACTIVE_STATES} == {"waiting", "called", "serving"}
    # no_show is neither active nor final: it can be reactivated.
    assert {s.value for s in FINAL_STATES} == {"done", "cancelled", "transferred"}


@pytest.mark.parametrize("state", ["done", "cancelled", "transferred"])
def test_final_states_allow_nothing(state):
    assert allowed_actions(state) == ()


def test_the_happy_path_and_a_no_show_round_trip():
    state = State.WAITING
    for action, expected in [
        ("call", "called"),
        ("recall", "called"),
        ("recall", "called"),
        ("no_show", "no_show"),
        ("reactivate", "waiting"),
        ("call", "called"),
        ("start", "serving"),
        ("finish", "done"),
    ]:
        state = next_state(state, action)
        assert state == expected
