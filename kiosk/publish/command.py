"""``kiosk publish --config FILE [--db URL] --year 2026 --out DIR``: the year's quality
poster (A3 PDF in French, English and Dutch, and the same as HTML pages) and its open
data (CSV + ``datapackage.json``), from the store a hub keeps.

The figures, the page and the open data are the core's; the PDFs are laid out by Qt, so
the caller hands in the function that writes one (``ui/publication_pdf.py``'s
``write_poster``, through its ``run_publish``): the core never imports Qt nor the UI, and the
hub's ``/quality`` page, which uses :func:`published_year`, does not loop back through them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from kiosk.clock import Clock, SystemClock
from kiosk.domain.schedule import local_day
from kiosk.errors import KioskError
from kiosk.publish.figures import Published, publish
from kiosk.publish.opendata import write_open_data
from kiosk.publish.page import LANGUAGES, page, site_name
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.sync.peer_sites import peer_sites

FIRST_YEAR = 2020
#: Writes the A3 poster of one language: ``(path, published, config, language, made) -> path``.
PosterWriter = Callable[[Path, Published, SiteConfig, str, date], Path]


def year_range(year: int, today: date) -> tuple[date, date]:
    """The year's days up to yesterday (a year in progress is published so far)."""
    if not FIRST_YEAR <= year <= today.year:
        raise KioskError(f"a year from {FIRST_YEAR} to {today.year}, please (not {year})")
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), date.fromordinal(today.toordinal() - 1))
    if end < start:
        raise KioskError(f"{year} has no finished day yet")
    return start, end


def published_year(config: SiteConfig, stats: Stats, year: int) -> Published:
    start, end = year_range(year, local_day(stats.clock.now(), config.tz))
    published = publish(config, stats.figures(start, end), start, end)
    published.names = {p.slug: p.name for p in peer_sites(stats.store)}
    published.names[config.site.slug] = config.site.name
    return published


def run(
    config: SiteConfig,
    db_url: str,
    year: int,
    out: Path,
    clock: Clock | None = None,
    *,
    write_poster: PosterWriter,
) -> list[Path]:
    """Write everything in ``out``, each poster with ``write_poster``; returns the files
    written."""
    clock = clock or SystemClock()
    store = Store.open(db_url)
    try:
        published = published_year(config, Stats(store, config.tz, clock), year)
    finally:
        store.close()
    made = local_day(clock.now(), config.tz)
    out.mkdir(parents=True, exist_ok=True)
    files = write_open_data(
        published, config, out / "open-data", clock.now(),
        lambda slug: site_name(config, slug, published)
    )
    for language in LANGUAGES:
        html = out / f"quality-{year}-{language}.html"
        html.write_text(page(published, config, language, made), encoding="utf-8")
        pdf = out / f"quality-{year}-{language}.pdf"
        write_poster(pdf, published, config, language, made)
        files += [html, pdf]
    return files
