"""Manager figures after a scripted day: JSON rows and the CSV export, to the digit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TUESDAY_10H, sign_in, sign_in_manager
from tests.integration.helpers import issue

TWO_DAYS = {"from": "2026-11-24", "to": "2026-11-25"}


def _ok(response):
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def scripted_day(api, running_hub):
    """Tuesday 24 Nov 2026 at the demo site, then one walk-in on Wednesday.

    CAF: C001 called after 5 min and solved, C002 called after 10 min and not there,
         C003 called after 15 min and solved.
    CPAM: M001 cancelled while waiting; M002 called after 20 min and redirected.
    EMPLOI: E001 called after 30 min and sent on to CPAM, where it is called 10 min later
            and solved (CPAM counts it as transferred in, not issued).
    Wednesday: A001 (ACC) waits.
    """
    clock = running_hub.hub.clock
    at = lambda minutes: clock.set(TUESDAY_10H + timedelta(minutes=minutes))  # noqa: E731
    tickets = {}
    for service in ("CAF", "CAF", "CAF", "CPAM", "CPAM", "EMPLOI"):
        ticket = issue(api, service)
        tickets[ticket["number"]] = ticket["id"]
    staff = sign_in(api, "bureau-2")

    def act(number, action, body=None):
        return _ok(api.post(f"/api/tickets/{tickets[number]}/{action}", json=body, headers=staff))

    at(5)
    act("C001", "call")
    act("C001", "start")
    at(9)
    act("C001", "finish", {"outcome": "solved"})
    at(10)
    act("C002", "call")
    act("C002", "no-show")
    act("M001", "cancel")
    at(15)
    act("C003", "call")
    act("C003", "start")
    act("C003", "finish", {"outcome": "solved"})
    at(20)
    act("M002", "call")
    act("M002", "start")
    act("M002", "finish", {"outcome": "redirected"})
    at(30)
    act("E001", "call")
    moved = act("E001", "transfer", {"to_service": "CPAM"})
    assert (moved["number"], moved["service"]) == ("E001", "CPAM")
    tickets["E001 at CPAM"] = moved["id"]
    at(40)
    act("E001 at CPAM", "call")
    act("E001 at CPAM", "start")
    act("E001 at CPAM", "finish", {"outcome": "solved"})
    clock.set(TUESDAY_10H + timedelta(days=1))
    issue(api, "ACC")
    return sign_in_manager(api)


def _row(day, service, issued, served, no_show, cancelled, transferred_in, p50, p90):
    return {
        "site": "demo",
        "day": day,
        "service": service,
        "issued": issued,
        "served": served,
        "no_show": no_show,
        "cancelled": cancelled,
        "transferred_in": transferred_in,
        "wait_p50_s": p50,
        "wait_p90_s": p90,
    }


EXPECTED = [
    # waits 300, 600, 900 s: median 600; inclusive 90th percentile 600 + 0.8 × 300 = 840
    _row("2026-11-24", "CAF", 3, 2, 1, 0, 0, 600, 840),
    # waits 1200 s (M002) and 600 s (E001 from its transfer at 10:30 to its call at 10:40)
    _row("2026-11-24", "CPAM", 2, 2, 0, 1, 1, 900, 1140),
    _row("2026-11-24", "EMPLOI", 1, 0, 0, 0, 0, 1800, 1800),
    _row("2026-11-25", "ACC", 1, 0, 0, 0, 0, None, None),
]


def test_footfall_rows_after_a_scripted_day(api, scripted_day):
    rows = _ok(api.get("/api/footfall", params=TWO_DAYS, headers=scripted_day))

    assert rows == EXPECTED


def test_footfall_range_is_inclusive_and_filters_by_site(api, scripted_day):
    tuesday = {"from": "2026-11-24", "to": "2026-11-24"}
    assert _ok(api.get("/api/footfall", params=tuesday, headers=scripted_day)) == EXPECTED[:3]
    wednesday = {"from": "2026-11-25", "to": "2026-11-25"}
    assert _ok(api.get("/api/footfall", params=wednesday, headers=scripted_day)) == EXPECTED[3:]
    empty = {"from": "2026-10-01", "to": "2026-10-31"}
    assert _ok(api.get("/api/footfall", params=empty, headers=scripted_day)) == []
    own = _ok(api.get("/api/footfall", params={**TWO_DAYS, "site": "demo"}, headers=scripted_day))
    assert own == EXPECTED
    other = {**TWO_DAYS, "site": "fauquembergues"}
    assert _ok(api.get("/api/footfall", params=other, headers=scripted_day)) == []


def test_footfall_csv_export_exact_content(api, scripted_day):
    response = api.get("/api/footfall.csv", params=TWO_DAYS, headers=scripted_day)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="footfall-2026-11-24-2026-11-25.csv"'
    )
    assert response.content.decode("utf-8") == (
        "site,day,service,operator,theme,issued,served,no_show,cancelled,transferred_in,"
        "wait_p50_s,wait_p90_s\n"
        "demo,2026-11-24,CAF,CAF (Caisse d'allocations familiales),Famille,3,2,1,0,0,600,840\n"
        "demo,2026-11-24,CPAM,Assurance maladie (CPAM) / Assurance retraite (CARSAT),"
        "Santé et retraite,2,2,0,1,1,900,1140\n"
        "demo,2026-11-24,EMPLOI,France Travail,Emploi,1,0,0,0,0,1800,1800\n"
        "demo,2026-11-25,ACC,Maison des services publics,Accueil et orientation,1,0,0,0,0,,\n"
    )


def test_footfall_csv_of_an_empty_range_is_the_header_only(api, scripted_day):
    response = api.get(
        "/api/footfall.csv", params={"from": "2025-01-01", "to": "2025-01-02"}, headers=scripted_day
    )

    assert response.status_code == 200
    assert response.text.count("\n") == 1 and response.text.startswith("site,day,service,")


def test_to_before_from_is_422(api):
    headers = sign_in_manager(api)

    for path in ("/api/footfall", "/api/footfall.csv"):
        params = {"from": "2026-11-25", "to": "2026-11-24"}
        response = api.get(path, params=params, headers=headers)
        assert response.status_code == 422, (path, response.text)
        detail = response.json()["detail"]
        assert "2026-11-24" in detail and "2026-11-25" in detail


def test_bad_dates_are_422(api):
    headers = sign_in_manager(api)

    for params in (
        {"from": "2026-02-30", "to": "2026-03-01"},
        {"from": "24/11/2026", "to": "2026-11-25"},
        {"from": "2026-11-24", "to": ""},
    ):
        response = api.get("/api/footfall", params=params, headers=headers)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["detail"]


def test_a_range_of_more_than_three_years_is_refused(api):
    params = {"from": "2020-01-01", "to": "2026-01-01"}

    response = api.get("/api/footfall", params=params, headers=sign_in_manager(api))

    assert response.status_code == 422
    assert "days" in response.json()["detail"]
