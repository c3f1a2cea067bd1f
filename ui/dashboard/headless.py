"""``kiosk report``: the dashboard's CSV export or PDF report, without a screen.

Without ``--hub`` the figures are read from the store directly, through
:class:`kiosk.services.stats.Stats` (closed days computed once are kept there, as the hub
would). With ``--hub`` they come from that hub, signed in as a manager: the PIN comes from
``KIOSK_MANAGER_PIN`` or is asked without echo. The PDF is drawn by Qt offscreen; a CSV
needs no Qt at all.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from datetime import date
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.siteconfig import SiteConfig, load_site_config
from ui.dashboard.names import known_site_names, short_site_name

PIN_ENV = "KIOSK_MANAGER_PIN"


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KioskError(f"{option} {text!r}: a day as YYYY-MM-DD, please") from None


def run_report(
    config_path: Path,
    start: str,
    end: str,
    fmt: str,
    out: Path,
    db_url: str | None = None,
    hub_url: str | None = None,
    manager: str | None = None,
    site: str | None = None,
    service: str | None = None,
    language: str = "fr",
) -> int:
    config = load_site_config(config_path)
    first, last = _day(start, "--from"), _day(end, "--to")
    if last < first:
        raise KioskError(f"--to ({last}) is before --from ({first})")
    if fmt not in ("csv", "pdf"):
        raise KioskError(f"--format {fmt!r}: csv or pdf")
    source = _HubSource(config, hub_url, manager) if hub_url else _StoreSource(config, db_url)
    try:
        if fmt == "csv":
            _write_csv(source, out, first, last, site, service)
        else:
            pages = _write_pdf(source, config, out, first, last, site, service, language)
            print(f"{out}: {pages} pages")
            return 0
    finally:
        source.close()
    print(out)
    return 0


class _StoreSource:
    def __init__(self, config: SiteConfig, db_url: str | None):
        from kiosk.clock import SystemClock
        from kiosk.hub.server import default_db_url
        from kiosk.services.stats import Stats
        from kiosk.store.db import Store

        self.config = config
        self.store = Store.open(db_url or default_db_url(config))
        self.stats = Stats(self.store, config.tz, SystemClock(), memory_days=0)

    def csv_chunks(self, start: date, end: date, site, service):
        from kiosk.hub.routes_manager import export_lines

        yield from export_lines(self.config, self.stats, start, end, site, service)

    def answer(self, start: date, end: date, site, service) -> dict:
        from kiosk.hub.routes_stats import stats_answer

        return stats_answer(self.config, self.stats, start, end, site, service)

    def planning(self, start: date, end: date, service, site=None) -> dict:
        from kiosk.errors import NotFound
        from kiosk.services.planning import permanences_of, planning

        permanences = permanences_of(self.store, self.config, site)
        if permanences is None:
            raise NotFound(f'no site "{site}" is known here (it never sent its description)')
        return planning(self.store, self.config, start, end, service, permanences)

    def close(self) -> None:
        self.store.close()


class _HubSource:
    def __init__(self, config: SiteConfig, hub_url: str, manager: str | None):
        from kiosk.client import HubClient

        managers = [m.id for m in config.managers]
        who = manager or (managers[0] if managers else None)
        if who is None:
            raise KioskError(f"{config.source}: no [[managers]]: name one with --manager")
        pin = os.environ.get(PIN_ENV)
        if pin is None:
            if not sys.stdin.isatty():
                raise KioskError(f"the PIN of manager {who!r}: set {PIN_ENV}")
            pin = getpass.getpass(f"PIN of manager {who}: ")
        self.client = HubClient(hub_url)
        self.client.sign_in(manager=who, pin=pin)

    def csv_chunks(self, start: date, end: date, site, service):
        from ui.dashboard.period import months

        for number, (first, last) in enumerate(months(start, end)):
            text = self.client.footfall_csv(first.isoformat(), last.isoformat(), site, service)
            yield text if number == 0 else text.split("\n", 1)[-1]

    def answer(self, start: date, end: date, site, service) -> dict:
        return self.client.stats(start.isoformat(), end.isoformat(), site, service)

    def planning(self, start: date, end: date, service, site=None) -> dict:
        return self.client.planning(start.isoformat(), end.isoformat(), service, site)

    def close(self) -> None:
        with contextlib.suppress(KioskError):
            self.client.sign_out()
        self.client.close()


def _write_csv(source, out: Path, start: date, end: date, site, service) -> None:
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as file:
        for chunk in source.csv_chunks(start, end, site, service):
            file.write(chunk)
    partial.replace(out)


def _write_pdf(
    source, config: SiteConfig, out: Path, start: date, end: date, site, service, language: str
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import datetime

    from ui.app import application
    from ui.dashboard.report_pdf import ReportContext, write_report
    from ui.i18n import Translations, tr

    answer = source.answer(start, end, site, service)
    answer["planning"] = source.planning(start, end, service, site)
    application()
    Translations().use(language)
    names = known_site_names()
    names[config.site.slug] = short_site_name(config.site.name)

    def service_name(row: dict) -> str:
        labels = row.get("labels") or {}
        return labels.get(language) or labels.get("fr") or row.get("key", "")

    scope = [names.get(site, site) if site else tr("Both sites")]
    if service:
        scope.append(
            service_name(
                next((r for r in answer["by_service"] if r["key"] == service), {"key": service})
            )
        )
    context = ReportContext(
        lambda slug: names.get(slug, slug),
        service_name,
        language,
        " · ".join(scope),
        datetime.fromisoformat(answer["generated_at"]),
        config.site.timezone,
    )
    return write_report(out, answer, context)
