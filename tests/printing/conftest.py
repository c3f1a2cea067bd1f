"""Fixtures of the printing tests."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["fr", "en", "nl"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)
