"""The PIN lockout's rules on an injected clock: backoff, per source and subject, bounds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.clock import FixedClock
from kiosk.errors import RateLimited
from kiosk.services import pinguard
from kiosk.services.pinguard import PinGuard


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


def wrong(guard: PinGuard, subject="counter:accueil", source="ip:10.0.0.9", paired=False):
    return guard.attempt(subject, source, paired, lambda: False)


def test_the_lock_doubles_with_each_further_failure(clock):
    guard = PinGuard(clock, max_failures=3)
    waits = []
    for _ in range(4):
        while True:
            try:
                assert wrong(guard) is False
            except RateLimited as locked:
                waits.append(round(locked.retry_after_s))
                clock.advance(seconds=locked.retry_after_s)
                break
    assert waits == [60, 120, 240, 480]


def test_a_right_pin_clears_the_subject_and_is_no_failure_of_the_source(clock):
    guard = PinGuard(clock, max_failures=3)
    for _ in range(2):
        wrong(guard)
    assert guard.attempt("counter:accueil", "ip:10.0.0.9", False, lambda: True)
    for _ in range(2):
        wrong(guard)  # the subject's count started again: not locked yet
    assert guard.attempt("counter:accueil", "ip:10.0.0.9", False, lambda: True)


def test_one_source_cannot_try_every_counter_in_turn(clock):
    guard = PinGuard(clock, max_failures=2)
    counters = [f"counter:c{n}" for n in range(10)]
    refused = 0
    for subject in counters:
        for _ in range(2):
            try:
                wrong(guard, subject)
            except RateLimited:
                refused += 1
    assert refused > 0  # the source's own allowance (3 × 2) ran out


def test_the_table_is_bounded(clock, monkeypatch):
    monkeypatch.setattr(pinguard, "MAX_KEYS", 50)
    guard = PinGuard(clock, max_failures=5)
    for n in range(200):
        wrong(guard, subject=f"counter:c{n}", source=f"ip:10.0.{n // 250}.{n % 250}")
    assert len(guard._records) <= 50
