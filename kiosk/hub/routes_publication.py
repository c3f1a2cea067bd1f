"""``GET /quality`` and ``/quality/{year}?lang=fr|en|nl``: the house's yearly quality
results as a public web page (what ``kiosk publish`` prints as the A3 poster).

Who may call: anyone. The page is public by design (Services Publics+ asks for the results
to be published online) and holds only figures that passed disclosure control
(:mod:`kiosk.publish.figures`): no figure on fewer than five visitors. It is the one
page besides the phone page that the public listener serves. A year's figures are
computed at most once every ten minutes, for its three languages together
(:class:`kiosk.publish.served.QualityPages`), so that anonymous requests never make the
hub compute a year again and again.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from kiosk.domain.schedule import local_day
from kiosk.hub.context import HubDep
from kiosk.publish.served import KEEP_S

router = APIRouter(tags=["public quality page"])

Year = Annotated[int, Path(ge=2020, le=2100, description="the calendar year")]
Language = Annotated[Literal["fr", "en", "nl"], Query(description="fr, en or nl")]


@router.get("/quality", response_class=HTMLResponse)
def quality_now(hub: HubDep, lang: Language = "fr") -> HTMLResponse:
    """The current year's page (published so far), served as it is (no redirect, so a
    visitor's link stays the same all year)."""
    today = local_day(hub.clock.now(), hub.config.tz)
    year = today.year - 1 if today.timetuple().tm_yday == 1 else today.year
    return quality(hub, year, lang)  # on 1 January the new year has no finished day yet


@router.get("/quality/{year}", response_class=HTMLResponse)
def quality(hub: HubDep, year: Year, lang: Language = "fr") -> HTMLResponse:
    return HTMLResponse(
        hub.quality_pages.html(year, lang),
        headers={"Cache-Control": f"public, max-age={int(KEEP_S)}"},
    )
