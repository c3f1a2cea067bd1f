"""A hub shared by one test module, for checks that leave the store as they found it.

Starting a hub (migrations, uvicorn) costs a few tenths of a second; the long tables of
refusals (bad bodies, missing tokens) run against one real hub per module instead of one per
case. Each such test still checks, through the store, that it changed nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from config import site_file
from kiosk.clock import FixedClock
from kiosk.hub.context import Hub
from kiosk.hub.server import RunningHub, start_in_thread
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store
from tests.conftest import TUESDAY_10H


@pytest.fixture(scope="module")
def shared_hub(tmp_path_factory) -> Iterator[RunningHub]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('shared') / 'site.db'}")
    hub = Hub(
        config=load_site_config(site_file("demo")), store=store, clock=FixedClock(TUESDAY_10H)
    )
    running = start_in_thread(hub)
    yield running
    running.stop()


@pytest.fixture
def shared_api(shared_hub: RunningHub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=shared_hub.url, timeout=10) as client:
        yield client
