"""The dashboard's screenshots for ``kiosk demo --shots``: a hub of its own with four weeks
of both sites' visits and a morning played through the hub (:mod:`ui.dashboard.demo_data`),
grabbed at 1280×800 and 1920×1080, plus the month's PDF report."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from config import site_file
from kiosk.client import HubClient
from kiosk.clock import FixedClock
from ui.app import open_session
from ui.dashboard.demo_data import fill_history, play_morning
from ui.event_loop import pump, wait_until
from ui.i18n import Translations

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
TODAY = date(2026, 11, 24)  # the demo's Tuesday


def dashboard_shots(folder: Path) -> list[Path]:
    from ui.dashboard.window import DashboardWindow
    from ui.ops import wait_for_pool

    saved: list[Path] = []
    clock = FixedClock(datetime(2026, 10, 26, 8, tzinfo=ZoneInfo("Europe/Paris")))
    with tempfile.TemporaryDirectory() as scratch:
        session = open_session(site_file("demo"), None, f"sqlite:///{scratch}/dash.db", clock)
        fill_history(session.hub.hub, clock, TODAY)
        play_morning(session.client.base_url, clock, TODAY)
        client = HubClient(session.client.base_url)
        window = DashboardWindow(client, translations=Translations(), live=False)
        window.show()

        def shot(name: str) -> None:
            for size_name, size in SIZES.items():
                window.resize(*size)
                pump(150)
                path = folder / f"dashboard-{name}-{size_name}.png"
                window.grab().save(str(path))
                saved.append(path)

        def shown(kind: str) -> bool:
            return (
                window.shown_query is not None
                and window.shown_query.kind == kind
                and not window.busy
            )

        wait_until(lambda: window.sign_in_page.who.count() > 0)
        shot("sign-in")
        window.sign_in("direction", "9999")
        wait_until(lambda: shown("day"))
        shot("today")
        window.filters.set_kind("month")
        wait_until(lambda: shown("month"))
        shot("month")
        window.board.tabs.setCurrentIndex(1)
        shot("month-per-service")
        window.board.tabs.setCurrentIndex(0)
        window.set_language("en")
        shot("month-en")
        window.set_language("fr")
        report = folder / "dashboard-report-2026-11.pdf"
        window.export_pdf(report)
        wait_until(lambda: report.exists() and not window.busy, 60)
        saved.append(report)
        window.close()
        wait_for_pool()
        client.close()
        session.close()
    return saved
