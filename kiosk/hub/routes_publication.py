"""``GET /quality`` and ``/quality/{year}?lang=fr|en|nl``: the house's yearly quality
results as a public web page (what ``kiosk publish`` prints as the A3 poster).

Who may call: anyone. The page is public by design (Services Publics+ asks for the results
to be published online) and holds only figures that passed disclosure control
(:mod:`kiosk.publish.figures`): no figure on fewer than five visitors. It is the one
page besides the phone page that the public listener serves. A year's figures are
computed at most once every :data:`KEEP_S` seconds per year and language, so that anonymous
requests never make the hub compute a year again and again.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from kiosk.domain.schedule import local_day
from kiosk.hub.context import HubDep
from kiosk.publish.command import published_year
from kiosk.publish.page import page

router = APIRouter(tags=["public quality page"])
KEEP_S = 600.0
_kept: dict[tuple[int, int, str], tuple[float, str]] = {}
_lock = threading.Lock()

Year = Annotated[int, Path(ge=2020, le=2100, description="the calendar year")]
Language = Annotated[Literal["fr", "en", "nl"], Query(description="fr, en or nl")]


@router.get("/quality", response_class=HTMLResponse)
def quality_now(hub: HubDep, lang: Language = "fr") -> HTMLResponse:
    """The current year's page (published so far), served as it is (no redirect, so a
    visitor's link stays the same all year)."""
    year = local_day(hub.clock.now(), hub.config.tz).year
    if local_day(hub.clock.now(), hub.config.tz).timetuple().tm_yday == 1:
        year -= 1  # on 1 January the new year has no finished day yet
    return quality(hub, year, lang)


@router.get("/quality/{year}", response_class=HTMLResponse)
def quality(hub: HubDep, year: Year, lang: Language = "fr") -> HTMLResponse:
    key = (id(hub), year, lang)
    with _lock:
        held = _kept.get(key)
        if held is None or time.monotonic() - held[0] > KEEP_S:
            published = published_year(hub.config, hub.stats, year)
            made = local_day(hub.clock.now(), hub.config.tz)
            held = (time.monotonic(), page(published, hub.config, lang, made, links=True))
            _kept[key] = held
    return HTMLResponse(held[1], headers={"Cache-Control": f"public, max-age={int(KEEP_S)}"})
