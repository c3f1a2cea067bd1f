"""Fixtures of the attack suite: real ``kiosk serve`` processes on real site files."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.integration.helpers import free_port
from tests.security.hub import ServedHub, site_file


def _serve(folder_of) -> Iterator[Callable[..., ServedHub]]:
    started: list[ServedHub] = []

    def start(**security: str) -> ServedHub:
        public_port = free_port()
        folder = folder_of(f"hub{len(started)}")
        hub = ServedHub(site_file(folder, public_port, **security), folder / "site.db",
                        folder / "serve.log", public_port=public_port)
        started.append(hub)
        return hub.start()

    yield start
    for hub in started:
        hub.stop()


@pytest.fixture
def serve(tmp_path) -> Iterator[Callable[..., ServedHub]]:
    """Start ``kiosk serve`` on a fresh store; extra ``[security]`` keys as keyword args."""

    def folder(name):
        made = tmp_path / name
        made.mkdir()
        return made

    yield from _serve(folder)


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[ServedHub]:
    """One hub per test module (starting one takes seconds): each test of a module uses
    sources and subjects of its own, so no lockout leaks from one test into the next."""
    for start in _serve(tmp_path_factory.mktemp):
        yield start()


@pytest.fixture
def api(hub: ServedHub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=10) as client:
        yield client
