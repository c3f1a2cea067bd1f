"""The planning aid from real SQLite rows: visitors, unmet demand and waits by weekday and
hour against the permanences of the site file, and the slots it suggests."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.services.planning import held_hours, planning
from kiosk.store.models import Event
from tests.conftest import PARIS
from tests.factories import served_visit

MONDAY, TUESDAY = 0, 1


def _unmet(store, when: datetime, service: str, seq: int) -> Event:
    return Event(
        site="demo",
        seq=seq,
        epoch="e",
        at=when,
        kind="unmet_demand",
        day=when.date(),
        service=service,
        data={"language": "fr"},
    )


def test_unmet_demand_against_the_permanences(store, demo_config):
    # November 2026: CAF is held on Tuesdays 9-12 only. People asked for it on Mondays at
    # 10 and 11 (5 times in all) and on Thursday at 15 (once); the Tuesday 10h queue was long.
    rows, seq = [], 0
    for monday in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)):
        for hour in (10, 11) if monday.day < 16 else (10,):
            seq += 1
            rows.append(
                _unmet(store, datetime(2026, 11, monday.day, hour, 5, tzinfo=PARIS), "CAF", seq)
            )
    seq += 1
    rows.append(_unmet(store, datetime(2026, 11, 19, 15, 30, tzinfo=PARIS), "CAF", seq))
    for n in range(6):  # Tuesday 10h: waits of 10..35 min
        issued = datetime(2026, 11, 10, 10, n, tzinfo=PARIS)
        rows.append(served_visit("demo", date(2026, 11, 10), "CAF", n + 1, issued, 10 + 5 * n, 8))
    with store.write() as session:
        session.add_all(rows)

    answer = planning(store, demo_config, date(2026, 11, 1), date(2026, 11, 30), "CAF")

    assert held_hours(demo_config, "CAF") == {(TUESDAY, 9), (TUESDAY, 10), (TUESDAY, 11)}
    cells = {(c["weekday"], c["hour"]): c for c in answer["cells"]}
    assert cells[(MONDAY, 10)]["unmet"] == 3 and cells[(MONDAY, 10)]["held"] == []
    assert cells[(TUESDAY, 10)]["held"] == ["CAF"] and cells[(TUESDAY, 10)]["visitors"] == 6
    assert cells[(TUESDAY, 10)]["wait_p50_s"] == 1350  # 22.5 min
    assert cells[(TUESDAY, 10)]["service_level_share"] == 0.3333  # 2 of 6 within 15 min
    assert answer["hours"] == list(range(9, 16))
    assert answer["suggestions"] == [
        {
            "service": "CAF",
            "weekday": MONDAY,
            "from_hour": 10,
            "to_hour": 12,
            "unmet": 5,
            "per_week": 1.0,
        },  # 5 over the 5 Mondays of November 2026
        {
            "service": "CAF",
            "weekday": 3,
            "from_hour": 15,
            "to_hour": 16,
            "unmet": 1,
            "per_week": 0.2,
        },
    ]
    assert answer["busiest"] == [
        {
            "weekday": TUESDAY,
            "hour": 10,
            "visitors": 6,
            "wait_p50_s": 1350,
            "service_level_share": 0.3333,
        }
    ]


def test_the_planning_route_is_for_managers(api):
    from tests.conftest import sign_in, sign_in_manager

    params = {"from": "2026-11-01", "to": "2026-11-30"}
    assert api.get("/api/planning", params=params).status_code == 401
    assert api.get("/api/planning", params=params, headers=sign_in(api)).status_code == 403
    manager = sign_in_manager(api)
    answer = api.get("/api/planning", params=params, headers=manager)
    assert answer.status_code == 200 and answer.json()["weeks"]["0"] == 5
    bad = api.get("/api/planning", params={**params, "service": "NOPE"}, headers=manager)
    assert bad.status_code == 404
    backwards = {"from": "2026-11-30", "to": "2026-11-01"}
    assert api.get("/api/planning", params=backwards, headers=manager).status_code == 422
    own = api.get("/api/planning", params={**params, "site": "demo"}, headers=manager)
    assert own.status_code == 200 and own.json()["site"] == "demo"
    unknown = api.get("/api/planning", params={**params, "site": "nowhere"}, headers=manager)
    assert unknown.status_code == 404 and "never sent its description" in unknown.json()["detail"]
    odd = api.get("/api/planning", params={**params, "site": "../etc"}, headers=manager)
    assert odd.status_code == 422


def test_the_planning_of_another_site_against_its_own_permanences(store, demo_config):
    """The house's other site (or any house an observatory receives) is planned against
    the permanences its own description tells, not this hub's."""
    from config import site_file
    from kiosk.services.planning import permanences_of
    from kiosk.siteconfig import load_site_config
    from kiosk.sync.peer_sites import SiteDescription, describe_site, store_description

    enquin = load_site_config(site_file("enquin-les-mines"))
    assert permanences_of(store, demo_config, "enquin-les-mines") is None  # not described yet
    friday_4pm = datetime(2026, 11, 6, 16, 10, tzinfo=PARIS)
    with store.write() as session:
        described = SiteDescription.model_validate(describe_site(enquin))
        store_description(session, "enquin-les-mines", described, friday_4pm)
        session.add(Event(site="enquin-les-mines", seq=1, epoch="e", at=friday_4pm,
                          kind="unmet_demand", day=friday_4pm.date(), service="CIAS",
                          data={"language": "fr"}))  # fmt: skip
        session.add(Event(site="demo", seq=1, epoch="e", at=friday_4pm, kind="unmet_demand",
                          day=friday_4pm.date(), service="CAF",
                          data={"language": "fr"}))  # fmt: skip
    there = permanences_of(store, demo_config, "enquin-les-mines")
    answer = planning(store, demo_config, date(2026, 11, 1), date(2026, 11, 30), None, there)
    assert answer["site"] == "enquin-les-mines"
    assert set(answer["labels"]) == {s.code for s in enquin.services}  # Enquin's own desks
    assert "PIJ" not in demo_config.services_by_code
    assert answer["labels"]["CIAS"]["fr"] == "Action sociale (CIAS)"
    cells = {(c["weekday"], c["hour"]): c for c in answer["cells"]}
    assert cells[(4, 16)]["unmet"] == 1  # Enquin's own demand only, not the demo's CAF
    assert "PIJ" in cells[(4, 14)]["held"]  # Friday afternoon: Enquin's PIJ permanence
    assert [(s["service"], s["weekday"], s["from_hour"]) for s in answer["suggestions"]] == [
        ("CIAS", 4, 16)
    ]


def test_a_week_with_a_public_holiday_has_one_day_fewer_to_ask():
    from kiosk.services.planning import weekday_counts

    november = (date(2026, 11, 1), date(2026, 11, 30))
    assert weekday_counts(*november)[2] == 4  # four Wednesdays
    armistice = frozenset({date(2026, 11, 11)})  # a Wednesday, the house shut
    assert weekday_counts(*november, armistice)[2] == 3
