"""The yearly quality publication from a real SQLite store: disclosure control proven on
the published files themselves (no cell under five visits, no hidden value recoverable by
subtraction), the open data valid as a Frictionless package, the A3 posters in three
languages, and the public ``/quality`` page."""

from __future__ import annotations

import csv
import json
import subprocess
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.publish.figures import MIN_CELL, OTHER, partner_of
from kiosk.store.models import Event
from tests.conftest import PARIS
from tests.factories import served_visit
from tests.needs import need_program
from ui.publication_pdf import run_publish as run

YEAR_END = FixedClock(datetime(2026, 12, 2, 9, tzinfo=PARIS))
#: site → service → {month: visits}. At the demo site, EMPLOI (3) and NUM (1) are too small
#: even together, so CPAM (the smallest big one) joins them; February (3) is too small and
#: March is withheld with it. At Enquin, CAF (2) and CIAS (4) make an "other" of 6.
#: "tiny" has 3 visits in the year: left out entirely.
PLAN = {
    "demo": {"CAF": {1: 20, 3: 10}, "CPAM": {1: 5, 3: 2}, "EMPLOI": {2: 3}, "NUM": {3: 1}},
    "enquin-les-mines": {"ACC": {1: 12, 2: 8}, "CAF": {2: 2}, "CIAS": {1: 4}},
    "tiny": {"ACC": {5: 3}},
}


@pytest.fixture
def published(store, demo_config, tmp_path) -> Path:
    rows, events, seq = [], [], 0
    for site, services in PLAN.items():
        number = 0
        for service, months in services.items():
            for month, visits in months.items():
                for i in range(visits):
                    number += 1
                    day = date(2026, month, 3 + i % 20)
                    issued = datetime(2026, month, day.day, 9, tzinfo=PARIS) + timedelta(minutes=i)
                    rows.append(served_visit(site, day, service, number, issued, 4 + i, 10))
                    seq += 1
                    events.append(
                        Event(
                            site=site,
                            seq=seq,
                            epoch="e",
                            at=issued,
                            kind="feedback",
                            day=day,
                            service=service,
                            data={"score": 3 - i % 2},
                        )
                    )
    with store.write() as session:
        session.add_all(rows)
        session.add_all(events)
    out = tmp_path / "out"
    run(demo_config, store.url, 2026, out, YEAR_END)
    return out


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_no_published_cell_is_under_five_visits(published, demo_config):
    partners = _csv(published / "open-data" / "quality-by-partner-2026.csv")
    months = _csv(published / "open-data" / "quality-by-month-2026.csv")

    assert {(r["site"], r["partner"], int(r["visitors"])) for r in partners} == {
        ("demo", "CAF (Caisse d'allocations familiales)", 30),
        ("demo", OTHER, 11),  # CPAM 7 + EMPLOI 3 + NUM 1
        ("enquin-les-mines", "Maison des services publics", 20),
        ("enquin-les-mines", OTHER, 6),  # CAF 2 + CIAS 4
    }
    for row in [*partners, *(m for m in months if m["suppressed"] == "false")]:
        assert int(row["visitors"]) >= MIN_CELL
        answers = row.get("feedback_answers", "")  # the months tell no answers
        assert answers == "" or int(answers) >= MIN_CELL
        assert row.get("served", "") == "" or int(row["served"]) >= MIN_CELL
    for row in partners:  # "other" always hides at least two partners
        if row["partner"] == OTHER:
            assert len({partner_of(demo_config, s) for s in row["services"].split()}) >= 2
    assert "tiny" not in {r["site"] for r in [*partners, *months]}
    for page in published.glob("*.html"):
        assert "tiny" not in page.read_text(encoding="utf-8").lower()


def test_no_hidden_value_is_recoverable_by_subtraction(published):
    partners = _csv(published / "open-data" / "quality-by-partner-2026.csv")
    months = _csv(published / "open-data" / "quality-by-month-2026.csv")
    site_total: dict[str, int] = defaultdict(int)
    for row in partners:
        site_total[row["site"]] += int(row["visitors"])
    for site, total in site_total.items():
        mine = [m for m in months if m["site"] == site]
        shown = sum(int(m["visitors"]) for m in mine if m["suppressed"] == "false")
        hidden = [m for m in mine if m["suppressed"] == "true"]
        assert all(m["visitors"] == "" and m["wait_p50_min"] == "" for m in hidden)
        # What a subtraction gives is the sum of several hidden months, never fewer than 5.
        assert total - shown == 0 or (total - shown >= MIN_CELL and len(hidden) >= 2), site
    demo = {m["month"]: m["suppressed"] for m in months if m["site"] == "demo"}
    assert demo == {"2026-01": "false", "2026-02": "true", "2026-03": "true"}
    # The poster's house total is the sum of the published rows: 30 + 11 + 20 + 6.
    page = (published / "quality-2026-en.html").read_text(encoding="utf-8")
    assert ">67<" in page and sum(site_total.values()) == 67


def test_the_open_data_is_a_valid_frictionless_package(published):
    from frictionless import Package

    folder = published / "open-data"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for resource in descriptor["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        described = {f["name"]: f for f in resource["schema"]["fields"]}
        assert header == list(described)
        for name in header:
            assert len(described[name]["description"]) > 20, name
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"


def test_the_a3_posters_in_three_languages(published):
    pdfinfo = need_program("pdfinfo", "poppler-utils")
    pdftotext = need_program("pdftotext", "poppler-utils")
    titles = {
        "fr": "Qualité de service 2026",
        "en": "Service quality 2026",
        "nl": "Kwaliteit van de dienstverlening 2026",
    }
    for language, title in titles.items():
        pdf = published / f"quality-2026-{language}.pdf"
        info = subprocess.run([pdfinfo, pdf], capture_output=True, text=True, check=True).stdout
        assert "Pages:           1" in info and "(A3)" in info
        text = subprocess.run(
            [pdftotext, "-layout", pdf, "-"], capture_output=True, text=True, check=True
        ).stdout
        assert title in text
        assert "67" in text
    french = subprocess.run(
        [pdftotext, published / "quality-2026-fr.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Autres partenaires" in french and "usagers accueillis" in french


def test_the_public_quality_page(api, running_hub):
    """Finished years only (the hub's clock is in November 2026): a page of the year so
    far would grow by a day every day, and a copy kept from yesterday would tell how
    today's one visitor of a partner was served."""
    with running_hub.hub.store.write() as session:
        session.add_all(
            served_visit(
                "demo",
                date(2025, 3, 4),
                "CAF",
                n,
                datetime(2025, 3, 4, 9, tzinfo=PARIS) + timedelta(minutes=n),
                3,
                10,
            )
            for n in range(1, 8)
        )
    page = api.get("/quality/2025", params={"lang": "nl"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Kwaliteit van de dienstverlening 2025" in page.text and ">7<" in page.text
    now = api.get("/quality", follow_redirects=False)  # the last finished year, no redirect
    assert now.status_code == 200 and "Qualité de service 2025" in now.text and ">7<" in now.text
    later = api.get("/quality/2026", params={"lang": "en"})
    assert later.status_code == 404 and later.headers["content-type"].startswith("text/html")
    assert "The results of 2026 will be published once the year is over, on 15 January 2027" in (
        later.text
    )
    assert ">7<" not in api.get("/quality/2026").text
    quiet = api.get("/quality/2024")
    assert quiet.status_code == 200
    assert "Aucun résultat à publier pour 2024 : trop peu de visites enregistrées." in quiet.text
    assert api.get("/quality/2025", params={"lang": "de"}).status_code == 422
    assert api.get("/quality/1999").status_code == 422
    # Early January: the year just over is not public yet (its last days are still computed
    # live, late batches may come); from the 15th it is.
    running_hub.hub.clock.set(datetime(2027, 1, 5, 10, tzinfo=PARIS))
    assert api.get("/quality/2026").status_code == 404
    assert "Qualité de service 2025" in api.get("/quality").text
    running_hub.hub.clock.set(datetime(2027, 1, 15, 9, tzinfo=PARIS))
    assert api.get("/quality/2026").status_code == 200
    assert "Qualité de service 2026" in api.get("/quality").text


def test_the_public_page_computes_a_year_once_for_its_three_languages(store, demo_config):
    """Anonymous requests never make the hub compute a year again and again: one
    computation serves fr, en and nl and a crowd asking at once; the next one comes only
    after the keeping time; another year is answered while one is being computed."""
    import threading

    from kiosk.errors import KioskError
    from kiosk.publish.served import QualityPages
    from kiosk.services.stats import Stats

    with store.write() as session:
        session.add_all(
            served_visit("demo", date(2026, 3, 2), "CAF", n,
                         datetime(2026, 3, 2, 9, tzinfo=PARIS) + timedelta(minutes=n), 3, 10)
            for n in range(1, 8)
        )  # fmt: skip
    stats = Stats(store, demo_config.tz, YEAR_END)
    computing_2025, release = threading.Event(), threading.Event()
    figures = stats.figures

    def slow_for_2025(start, end):
        if start.year == 2025:
            computing_2025.set()
            assert release.wait(10)
        return figures(start, end)

    stats.figures = slow_for_2025
    now = [0.0]
    pages = QualityPages(demo_config, stats, keep_s=600, monotonic=lambda: now[0])

    crowd = [threading.Thread(target=pages.html, args=(2026, lang)) for lang in
             ("fr", "en", "nl") * 4]  # fmt: skip
    for thread in crowd:
        thread.start()
    for thread in crowd:
        thread.join(10)
    assert pages.computed == 1
    assert "Kwaliteit van de dienstverlening 2026" in pages.html(2026, "nl")
    assert ">7<" in pages.html(2026, "en") and pages.computed == 1

    behind = threading.Thread(target=pages.html, args=(2025, "fr"))
    behind.start()
    assert computing_2025.wait(10)
    answered: list[str] = []
    asker = threading.Thread(target=lambda: answered.append(pages.html(2026, "fr")))
    asker.start()
    asker.join(5)
    release.set()
    assert answered and "2026" in answered[0]  # not held up by 2025's computation
    behind.join(10)
    assert pages.computed == 2

    now[0] = 601.0
    pages.html(2026, "fr")
    assert pages.computed == 3
    with pytest.raises(KioskError):
        pages.html(2027, "fr")  # no finished day yet: nothing computed
    assert pages.computed == 3


def test_a_figure_left_blank_stays_out_of_every_total(store, demo_config, tmp_path):
    """A cell's answers and visits served under five are blank, and no total or month
    holds them: the house's answers are those of the published cells, and the months
    tell no answers and no visits solved (else a site's answers over its partners minus
    those over its published months would give a blank month's)."""
    from kiosk.publish.command import published_year
    from kiosk.publish.opendata import write_open_data
    from kiosk.services.stats import Stats

    rows, events = [], []
    for service, visits, answered, served in (("CAF", 10, 10, 10), ("CPAM", 6, 2, 3)):
        for n in range(1, visits + 1):
            issued = datetime(2026, 1, 5, 9, tzinfo=PARIS) + timedelta(minutes=7 * n)
            visit = served_visit("demo", date(2026, 1, 5), service, n, issued, 4, 5)
            if n > served:  # called, never came to the desk
                visit.status, visit.started_at, visit.outcome = "no_show", None, None
            rows.append(visit)
            if n <= answered:
                events.append(Event(site="demo", seq=len(events) + 1, epoch="e", at=issued,
                                    kind="feedback", day=date(2026, 1, 5), service=service,
                                    data={"score": 1}))  # fmt: skip
    with store.write() as session:
        session.add_all(rows)
        session.add_all(events)
    published = published_year(demo_config, Stats(store, demo_config.tz, YEAR_END), 2026)
    small = next(c for c in published.partners if "CPAM" in c.services)
    assert small.visitors == 6 and small.figures(demo_config)["feedback_answers"] is None
    assert small.figures(demo_config)["served"] is None  # three served: blank
    house = published.total().figures(demo_config)
    assert house["visitors"] == 16  # every visit is published
    assert house["feedback_answers"] == 10 and house["served"] == 10  # CPAM's stay out
    assert house["satisfaction_share"] == 0.0
    months = published.month_rows()[0].figures(demo_config)
    assert months["feedback_answers"] is None and months["served"] is None
    paths = write_open_data(published, demo_config, tmp_path, datetime.now(PARIS), str)
    month_csv = next(p for p in paths if "by-month" in p.name).read_text().splitlines()
    assert month_csv[0] == ("year,site,site_name,month,suppressed,visitors,wait_p50_min,"
                            "service_level_share,service_level_target_share,"
                            "service_level_target_min")  # fmt: skip
    partner_csv = _csv(next(p for p in paths if "by-partner" in p.name))
    assert {r["feedback_answers"] for r in partner_csv if "CPAM" in r["services"]} == {""}


def test_the_poster_words_and_numbers():
    from kiosk.publish.figures import Cell, Published
    from kiosk.publish.page import day_text, minutes, share, whole_share

    assert share(0.875, "fr") == "87,5\u202f%" and share(0.85, "fr") == "85\u202f%"
    assert share(0.875, "en") == "87.5%" and share(0.875, "nl") == "87,5%"
    assert whole_share(0.8749, "en") == "87%" and whole_share(None, "fr") == "—"
    assert minutes(20, "fr") == "< 1 min" and minutes(95, "en") == "2 min"
    assert day_text(date(2026, 1, 5), "en") == "05 Jan 2026"
    assert day_text(date(2026, 1, 5), "fr") == "05/01/2026"
    # A month one site withheld has no house-wide bar: it would pass for the whole house.
    months = [Cell("a", "2026-01", visitors=9), Cell("b", "2026-01", visitors=8),
              Cell("a", "2026-02", visitors=30)]  # fmt: skip
    published = Published(2026, date(2026, 1, 1), date(2026, 12, 31), [], months,
                          [("b", "2026-02"), ("b", "2026-03")], [])  # fmt: skip
    assert [(c.key, c.visitors) for c in published.month_rows()] == [("2026-01", 17)]


def test_a_poster_of_many_partners_keeps_its_end_on_the_page(demo_config, tmp_path):
    """Eighteen partners make a long table: the poster is drawn smaller, its method and
    date still on the one A3 page (they were cut off past the paper's end)."""
    from kiosk.publish.figures import Cell, Published
    from ui.publication_pdf import write_poster

    pdftotext = need_program("pdftotext", "poppler-utils")
    partners = [Cell("demo", f"Partenaire numéro {n:02d}", {"CAF"}, 10 + n, 8, 6,
                     [300] * 8) for n in range(18)]  # fmt: skip
    months = [Cell("demo", f"2026-{m:02d}", {"CAF"}, 30, waits=[300] * 30) for m in range(1, 13)]
    published = Published(2026, date(2026, 1, 1), date(2026, 12, 31), partners, months, [], [])
    pdf = write_poster(tmp_path / "long.pdf", published, demo_config, "fr", date(2027, 1, 5))
    text = subprocess.run([pdftotext, pdf, "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "Partenaire numéro 17" in text and "Publié le 05/01/2027" in text


def test_the_poster_names_every_site_it_covers_as_each_calls_itself(store, demo_config):
    """The figures are the whole house's: the sites are said under the title, each by the
    name its own file gives (another site's from the description it synced)."""
    from config import site_file
    from kiosk.publish.command import published_year
    from kiosk.publish.page import page
    from kiosk.services.stats import Stats
    from kiosk.siteconfig import load_site_config
    from kiosk.sync.peer_sites import SiteDescription, describe_site, store_description

    enquin = load_site_config(site_file("enquin-les-mines"))
    with store.write() as session:
        for site in ("demo", "enquin-les-mines"):
            session.add_all(served_visit(site, date(2026, 3, 2), "CAF", n,
                                         datetime(2026, 3, 2, 9, n, tzinfo=PARIS), 3, 5)
                            for n in range(1, 7))  # fmt: skip
        store_description(session, "enquin-les-mines",
                          SiteDescription.model_validate(describe_site(enquin)),
                          datetime(2026, 3, 3, tzinfo=PARIS))  # fmt: skip
    published = published_year(demo_config, Stats(store, demo_config.tz, YEAR_END), 2026)
    html = page(published, demo_config, "fr", date(2026, 12, 2))
    line = html[html.index("Résultats de l&#x27;ensemble des sites : "):].split("<")[0]
    assert html.index("Qualité de service 2026") < html.index(line)
    assert line.endswith(f"{demo_config.site.name}, {enquin.site.name}.")
