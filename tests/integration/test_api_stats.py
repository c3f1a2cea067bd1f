"""``GET /api/stats`` and ``GET /api/export.csv`` on a real hub: who may read them, bad
input, and their content after a scripted morning at this site plus rows of the other site
(as sync writes them), to the digit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kiosk.hub.server import start_in_thread
from kiosk.store.models import DayStats, Ticket
from tests.conftest import PARIS, TUESDAY_10H, sign_in, sign_in_manager
from tests.factories import served_visit
from tests.integration.helpers import issue

OTHER = "enquin-les-mines"
TODAY = {"from": "2026-11-24", "to": "2026-11-24"}
MONTH = {"from": "2026-11-01", "to": "2026-11-30"}


def _ok(response):
    assert response.status_code == 200, response.text
    return response.json()


def _other_site_row(day: date, service: str, number: int, wait_min: int) -> Ticket:
    issued = TUESDAY_10H.replace(day=day.day) - timedelta(hours=1)
    return served_visit(OTHER, day, service, number, issued, wait_min, service_min=12)


@pytest.fixture
def morning(api, running_hub):
    """This morning at the demo site, and two earlier days at Enquin-les-Mines.

    CAF: C001 waits 5 min, served 4 min, solved; C002 waits 10 min and is not there.
    EMPLOI: E001 waits 15 min and is sent to CPAM, served there 20 min later (redirected).
    ACC: A001 (priority) is cancelled. A visitor leaves a happy face for CAF.
    Enquin-les-Mines: ACC on Tue 17 Nov (waited 20 min) and CAF on Thu 19 Nov (40 min).
    """
    hub = running_hub.hub
    at = lambda minutes: hub.clock.set(TUESDAY_10H + timedelta(minutes=minutes))  # noqa: E731
    ids = {}
    for service, priority in (("CAF", False), ("CAF", False), ("EMPLOI", False), ("ACC", True)):
        ticket = issue(api, service, priority=priority)
        ids[ticket["number"]] = ticket["id"]
    staff = sign_in(api, "bureau-2")

    def act(number, action, body=None):
        return _ok(api.post(f"/api/tickets/{ids[number]}/{action}", json=body, headers=staff))

    at(5)
    act("C001", "call")
    act("C001", "start")
    at(9)
    act("C001", "finish", {"outcome": "solved"})
    at(10)
    act("C002", "call")
    act("C002", "no-show")
    at(15)
    act("E001", "call")
    ids["E001 CPAM"] = act("E001", "transfer", {"to_service": "CPAM"})["id"]
    at(35)
    act("E001 CPAM", "call")
    act("E001 CPAM", "start")
    at(40)
    act("E001 CPAM", "finish", {"outcome": "redirected"})
    accueil = sign_in(api, "accueil")
    _ok(api.post(f"/api/tickets/{ids['A001']}/cancel", headers=accueil))
    assert api.post("/api/feedback", json={"service": "CAF", "score": 3}).status_code == 204
    with hub.store.write() as session:
        session.add_all(
            [
                _other_site_row(date(2026, 11, 17), "ACC", 1, 20),
                _other_site_row(date(2026, 11, 19), "CAF", 1, 40),
            ]
        )
    return sign_in_manager(api)


def test_only_a_manager_reads_the_figures(api):
    for path in ("/api/stats", "/api/export.csv"):
        assert api.get(path, params=TODAY).status_code == 401
        assert api.get(path, params=TODAY, headers=sign_in(api)).status_code == 403
        answer = api.get(path, params=TODAY, headers=sign_in_manager(api))
        assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"from": "2026-13-01", "to": "2026-11-24"}, 422, "from"),
        ({"from": "2026-11-24", "to": "tomorrow"}, 422, "to"),
        ({"from": "2026-11-24"}, 422, "to"),
        ({"from": "2026-11-25", "to": "2026-11-24"}, 422, "before"),
        ({"from": "2020-01-01", "to": "2026-11-24"}, 422, "at most"),
        ({**TODAY, "service": "NOPE"}, 404, "unknown service"),
        ({**TODAY, "site": "x" * 41}, 422, "site"),
    ],
)
def test_bad_input_is_refused_with_a_message(api, params, status, says):
    response = api.get("/api/stats", params=params, headers=sign_in_manager(api))

    assert response.status_code == status, response.text
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"from": "2026-02-30", "to": "2026-03-01"}, 422),
        ({**TODAY, "service": "caf"}, 422),
        ({"from": "2026-11-25", "to": "2026-11-24"}, 422),
    ],
)
def test_bad_export_input_is_refused(api, params, status):
    response = api.get("/api/export.csv", params=params, headers=sign_in_manager(api))

    assert response.status_code == status, response.text


def test_the_mornings_figures(api, morning):
    answer = _ok(api.get("/api/stats", params=TODAY, headers=morning))

    assert (answer["from"], answer["to"], answer["today"]) == (
        "2026-11-24",
        "2026-11-24",
        "2026-11-24",
    )
    assert answer["sites"] == ["demo", OTHER]  # the other site was heard from last week
    assert answer["headline"] == {
        "issued": 4,
        "served": 2,
        "solved": 1,
        "no_show": 1,
        "cancelled": 1,
        "transferred_in": 1,
        "transferred_out": 1,
        "priority": 1,
        "reception": 0,
        "appointment": 0,
        "unmet": 0,
        # waits: C001 300, C002 600, E001 900, E001 at CPAM 1200 (from its transfer)
        "wait_p50_s": 750,
        "wait_p90_s": 1110,
        "service_p50_s": 270,  # 240 and 300 s
        "solved_share": 0.5,
        "priority_share": 0.25,
        "feedback_answers": 1,
        "feedback_shares": {"3": 1.0, "2": 0.0, "1": 0.0},
        "feedback_counts": {"3": 1, "2": 0, "1": 0},
        # 3 of the 4 waits within the demo's 15 minutes (900 s counts), and A001, gone
        # uncalled after 40 minutes, not seen within them either: 3 of 5; target 85 %
        "service_level_share": 0.6,
        "service_level_within": 3,
        "service_level_seen": 5,
        "service_level_gave_up": 1,
        "service_level_met": False,
    }
    assert {h: n for h, n in answer["by_hour"].items() if n} == {"10": 4}
    assert [(r["key"], r["issued"], r["served"]) for r in answer["by_service"]] == [
        ("ACC", 1, 0),
        ("CAF", 2, 1),
        ("CPAM", 0, 1),
        ("EMPLOI", 1, 0),
    ]
    caf = answer["by_service"][1]
    assert (caf["operator"], caf["theme"], caf["labels"]["fr"]) == (
        "CAF (Caisse d'allocations familiales)",
        "Famille",
        "CAF – Allocations familiales",
    )
    assert answer["by_counter"] == [
        {
            "site": "demo",
            "counter": "bureau-2",
            "name": "Bureau 2",
            "served": 2,
            "service_p50_s": 270,
        }
    ]
    assert answer["by_day"] == [
        {
            "day": "2026-11-24",
            "issued": 4,
            "served": 2,
            "unmet": 0,
            "wait_p50_s": 750,
            "service_level_share": 0.6,  # A001 gave up after 40 min: 3 of 5
            "same_weekday_mean": 0.25,
            "by_site": {"demo": 4},
            "closed": False,
        }
    ]
    assert [b["count"] for b in answer["wait_histogram"]] == [0, 1, 1, 1, 1, 0, 0, 0, 0]


def test_the_month_for_both_sites_and_each(api, morning):
    both = _ok(api.get("/api/stats", params=MONTH, headers=morning))
    other = _ok(api.get("/api/stats", params={**MONTH, "site": OTHER}, headers=morning))
    caf = _ok(api.get("/api/stats", params={**MONTH, "service": "CAF"}, headers=morning))

    assert [(r["key"], r["issued"], r["wait_p50_s"]) for r in both["by_site"]] == [
        ("demo", 4, 750),
        (OTHER, 2, 1800),
    ]
    assert [(r["site"], r["key"], r["issued"]) for r in both["by_site_service"]] == [
        ("demo", "ACC", 1),
        ("demo", "CAF", 2),
        ("demo", "CPAM", 0),
        ("demo", "EMPLOI", 1),
        (OTHER, "ACC", 1),
        (OTHER, "CAF", 1),
    ]
    assert other["headline"]["issued"] == 2 and other["by_counter"] == [
        {"site": OTHER, "counter": "accueil", "name": "accueil", "served": 2, "service_p50_s": 720}
    ]
    assert (
        caf["headline"]["issued"] == 3 and caf["headline"]["wait_p90_s"] == 2040
    )  # 600 × 0.2 + 2400 × 0.8
    days = {row["day"]: row["issued"] for row in both["by_day"]}
    assert (days["2026-11-17"], days["2026-11-19"], days["2026-11-24"]) == (1, 1, 4)
    assert len(both["by_day"]) == 30


EXPORT_HEADER = (
    "site,day,service,operator,theme,issued,served,solved,no_show,cancelled,transferred_in,"
    "transferred_out,priority,reception,appointment,unmet,wait_p50_s,wait_p90_s,"
    "service_p50_s,solved_share,priority_share,feedback_answers,feedback_happy,"
    "feedback_neutral,feedback_unhappy,service_level_within,service_level_seen,"
    "service_level_gave_up,service_level_share,service_level_target_share,"
    "service_level_target_min\n"
)
T = ",0.85,15"  # the demo's service level target (share, minutes) ends every row


def test_the_csv_export_exactly(api, morning):
    response = api.get("/api/export.csv", params=MONTH, headers=morning)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="export-all-sites-2026-11-01-2026-11-30.csv"'
    )
    assert response.content.decode("utf-8") == EXPORT_HEADER + (
        "enquin-les-mines,2026-11-17,ACC,Maison des services publics,Accueil et orientation,"
        "1,1,1,0,0,0,0,0,0,0,0,1200,1200,720,1.0,0.0,0,0,0,0,0,1,0,0.0" + T + "\n"
        "enquin-les-mines,2026-11-19,CAF,CAF (Caisse d'allocations familiales),Famille,"
        "1,1,1,0,0,0,0,0,0,0,0,2400,2400,720,1.0,0.0,0,0,0,0,0,1,0,0.0" + T + "\n"
        "demo,2026-11-24,ACC,Maison des services publics,Accueil et orientation,"
        "1,0,0,0,1,0,0,1,0,0,0,,,,,1.0,0,0,0,0,0,1,1,0.0" + T + "\n"  # gone uncalled at 40 min
        "demo,2026-11-24,CAF,CAF (Caisse d'allocations familiales),Famille,"
        "2,1,1,1,0,0,0,0,0,0,0,450,570,240,1.0,0.0,1,1,0,0,2,2,0,1.0" + T + "\n"
        "demo,2026-11-24,CPAM,Assurance maladie (CPAM) / Assurance retraite (CARSAT),"
        "Santé et retraite,0,1,0,0,0,1,0,0,0,0,0,1200,1200,300,0.0,,0,0,0,0,0,1,0,0.0" + T + "\n"
        "demo,2026-11-24,EMPLOI,France Travail,Emploi,"
        "1,0,0,0,0,0,1,0,0,0,0,900,900,,,0.0,0,0,0,0,1,1,0,1.0" + T + "\n"
    )


def test_the_csv_export_of_one_site_and_service(api, morning):
    params = {**MONTH, "site": "demo", "service": "CAF"}
    text = api.get("/api/export.csv", params=params, headers=morning).content.decode()

    assert text.splitlines()[1:] == [
        "demo,2026-11-24,CAF,CAF (Caisse d'allocations familiales),Famille,"
        "2,1,1,1,0,0,0,0,0,0,0,450,570,240,1.0,0.0,1,1,0,0,2,2,0,1.0" + T
    ]
    empty = api.get(
        "/api/export.csv", params={"from": "2025-01-01", "to": "2025-03-31"}, headers=morning
    )
    assert empty.text == EXPORT_HEADER


def test_a_long_range_is_kept_day_by_day(api, morning, running_hub):
    year = {"from": "2025-11-24", "to": "2026-11-24"}
    first = _ok(api.get("/api/stats", params=year, headers=morning))
    again = _ok(api.get("/api/stats", params=year, headers=morning))

    assert first["headline"] == again["headline"]
    assert first["headline"]["issued"] == 6
    assert len(first["by_day"]) == 366
    assert PARIS.key == running_hub.hub.config.site.timezone


def test_the_hub_keeps_the_closed_days_as_it_starts(hub, store):
    """A hub that was off for a week keeps the days it missed as it starts, without being
    asked, so the dashboard's first answer reads kept rows."""
    week = [date(2026, 11, 16) + timedelta(days=i) for i in range(6)]
    with store.write() as session:
        for number, day in enumerate(week, start=1):
            issued = TUESDAY_10H.replace(day=day.day)
            session.add(served_visit("demo", day, "ACC", number, issued, 5, 10))
    running = start_in_thread(hub)
    try:
        app = running.server.config.loaded_app
        while not hasattr(app, "state"):  # through uvicorn's wrapping middlewares, if any
            app = app.app
        keeper = app.state.day_keeper
        assert keeper.passed.wait(30)
        with store.read() as session:
            kept = set(session.scalars(select(DayStats.day).where(DayStats.site == "*")))
        # From the first visit (Monday 16) to the day before yesterday (Sunday 22, no
        # visit, kept as such); today is Tuesday 24.
        assert kept == {date(2026, 11, 16) + timedelta(days=i) for i in range(7)}
    finally:
        running.stop()
