"""Shared fixtures: a real SQLite file per test, an injected clock, a real hub on loopback.

Qt runs offscreen (set before anything imports Qt); pytest.ini makes Qt warnings and Python
warnings fail tests. With ``CI=true`` a skipped or xfailed test fails: CI is green only when
every test ran and passed (``tests/needs.py`` says what a missing part is).
"""

from __future__ import annotations

import os
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from config import site_file  # noqa: E402
from kiosk.bench.sync_figures import LocalPostgres, PostgresUnavailable  # noqa: E402
from kiosk.clock import FixedClock  # noqa: E402
from kiosk.hub.context import Hub  # noqa: E402
from kiosk.hub.server import RunningHub, start_in_thread  # noqa: E402
from kiosk.services.queue import QueueService  # noqa: E402
from kiosk.siteconfig import SiteConfig, load_site_config  # noqa: E402
from kiosk.store.db import Store  # noqa: E402
from tests.needs import need, pytest_runtest_makereport  # noqa: E402, F401 (the CI=true hook)

#: ``pytester`` runs a small pytest inside a test (tests/test_needs.py checks the CI hook).
pytest_plugins = ["pytester"]

PARIS = ZoneInfo("Europe/Paris")
#: A Tuesday at 10:00 in Paris: every demo service is open, CAF included.
TUESDAY_10H = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
DEMO_PIN = "1234"
MANAGER_PIN = "9999"


@pytest.fixture
def demo_config() -> SiteConfig:
    return load_site_config(site_file("demo"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TUESDAY_10H)


@pytest.fixture(scope="session")
def postgres() -> Iterator[LocalPostgres]:
    """A real PostgreSQL server (Debian's package) on a free loopback port, for the session.
    Where it cannot start, the tests needing it skip locally and fail with CI=true."""
    try:
        server = LocalPostgres.start()
    except PostgresUnavailable as exc:
        need(False, f"a PostgreSQL server (Debian package postgresql): {exc}")
    yield server
    server.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``@pytest.mark.both_stores`` runs a test on SQLite and on PostgreSQL (an observatory's
    database): the same ``db_url`` / ``store`` / ``queue`` fixtures, one run per engine."""
    if "db_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_stores"
    ):
        metafunc.parametrize(
            "db_url",
            ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
            indirect=True,
        )


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if getattr(request, "param", "sqlite") == "postgresql":
        server: LocalPostgres = request.getfixturevalue("postgres")
        return server.url(f"test_{uuid.uuid4().hex}")
    return f"sqlite:///{tmp_path / 'site.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url)
    yield store
    store.close()


@pytest.fixture
def queue(store: Store, demo_config: SiteConfig, clock: FixedClock) -> QueueService:
    return QueueService(store, demo_config, clock)


@pytest.fixture
def hub(store: Store, demo_config: SiteConfig, clock: FixedClock) -> Hub:
    return Hub(config=demo_config, store=store, clock=clock)


@pytest.fixture
def running_hub(hub: Hub) -> Iterator[RunningHub]:
    """A real hub (uvicorn) on a free loopback port, driven by the test's clock."""
    running = start_in_thread(hub)
    yield running
    running.server.should_exit = True
    running.thread.join(timeout=10)


@pytest.fixture
def api(running_hub: RunningHub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=running_hub.url, timeout=10) as client:
        yield client


def sign_in(api: httpx.Client, counter: str = "accueil", pin: str = DEMO_PIN) -> dict:
    """Headers of a signed-in counter."""
    response = api.post("/api/session", json={"counter": counter, "pin": pin})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['token']}"}


def sign_in_manager(api: httpx.Client, manager: str = "direction",
                    pin: str = MANAGER_PIN) -> dict:
    response = api.post("/api/session", json={"manager": manager, "pin": pin})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['token']}"}
