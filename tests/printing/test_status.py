"""Epson DLE EOT answers, decoded bit by bit."""

from __future__ import annotations

import pytest

from printing.status import (
    PaperState,
    PrinterStatus,
    error_causes,
    is_status_byte,
    offline_causes,
    paper_state,
    read_status,
)


@pytest.mark.parametrize(
    ("byte", "state"),
    [
        (0x12, PaperState.OK),
        (0x1E, PaperState.NEAR_END),
        (0x72, PaperState.OUT),
        (0x7E, PaperState.OUT),
    ],
)
def test_paper_sensor(byte: int, state: PaperState) -> None:
    assert paper_state(byte) is state


def test_fixed_bits() -> None:
    assert is_status_byte(0x12) and is_status_byte(0x1A)
    assert not is_status_byte(0x00) and not is_status_byte(0x92) and not is_status_byte(0x13)


def test_causes() -> None:
    assert offline_causes(0x12 | 0x04 | 0x20) == ["cover open", "stopped at the end of the paper"]
    assert error_causes(0x12 | 0x08) == ["paper cutter jammed"]


def test_error_cause_is_asked_only_when_there_is_an_error() -> None:
    answers = {1: 0x1A, 2: 0x12 | 0x40, 3: 0x12 | 0x08, 4: 0x12}
    asked: list[int] = []

    def ask(n: int) -> int:
        asked.append(n)
        return answers[n]

    status = read_status(ask)
    assert asked == [1, 2, 3, 4]
    assert status == PrinterStatus(
        online=False, paper=PaperState.OK, error="offline: printer error, paper cutter jammed"
    )


def test_no_answer_is_unknown_not_fine() -> None:
    status = read_status(lambda n: None)
    assert status == PrinterStatus(online=None, paper=PaperState.UNKNOWN)
    assert status.can_print and status.alert is None


def test_garbage_answer_is_reported() -> None:
    status = read_status(lambda n: 0xFF)
    assert status.online is None and status.error is not None and "0xff" in status.error
