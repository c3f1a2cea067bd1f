"""``GET /quality`` and ``/quality/{year}?lang=fr|en|nl``: the house's yearly quality
results as a public web page (what ``kiosk publish`` prints as the A3 poster), for
finished years only.

Who may call: anyone. The page is public by design (Services Publics+ asks for the results
to be published online) and holds only figures that passed disclosure control
(:mod:`kiosk.publish.figures`): no figure on fewer than five visitors. It is the one
page besides the phone page that the public listener serves. A year's figures are
computed at most once every ten minutes, for its three languages together
(:class:`kiosk.publish.served.QualityPages`), so that anonymous requests never make the
hub compute a year again and again.

Why finished years only: a page of the year so far grows by one day every day, and
anybody can keep yesterday's copy. A partner's row that went from 38 to 39 visitors, and
from 13 to 14 answers, tells how that one visitor was served and what face they left.
A finished year is published once and does not move (Services Publics+ asks for the
results once a year): from :data:`PUBLIC_FROM` of the next year, once its last days are
no longer computed live and a site's late batches have come. Before that the year answers
404 with when its results will come.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from kiosk.domain.schedule import local_day
from kiosk.hub.context import HubDep
from kiosk.publish.page import notice_page
from kiosk.publish.served import KEEP_S

router = APIRouter(tags=["public quality page"])
#: (month, day) of the year after, from which a year's results are public.
PUBLIC_FROM = (1, 15)
NOT_YET = {
    404: {
        "description": "the year is not over: a page saying when its results come",
        "content": {"text/html": {}},
    }
}

Year = Annotated[int, Path(ge=2020, le=2100, description="the calendar year")]
Language = Annotated[Literal["fr", "en", "nl"], Query(description="fr, en or nl")]


@router.get("/quality", response_class=HTMLResponse)
def quality_now(hub: HubDep, lang: Language = "fr") -> HTMLResponse:
    """The latest public year's page, served as it is (no redirect, so a visitor's link
    stays the same and shows the new results each January)."""
    return quality(hub, _latest_public(hub), lang)


@router.get("/quality/{year}", response_class=HTMLResponse, responses=NOT_YET)
def quality(hub: HubDep, year: Year, lang: Language = "fr") -> HTMLResponse:
    headers = {"Cache-Control": f"public, max-age={int(KEEP_S)}"}
    if year > _latest_public(hub):
        return HTMLResponse(
            notice_page(hub.config, year, lang, "later", links=True), 404, headers
        )
    return HTMLResponse(hub.quality_pages.html(year, lang), headers=headers)


def _latest_public(hub) -> int:
    today = local_day(hub.clock.now(), hub.config.tz)
    return today.year - (1 if (today.month, today.day) >= PUBLIC_FROM else 2)
