"""The manager's dashboard, driven like a person would, against a real hub with both sites'
data (the other site's rows written into the store as sync writes them).

Sign-in (and a counter's PIN refused), ranges, the site and service filters, the sortable
tables, today's figures following the hub live, the PDF report (its pages counted, page 1
rendered to PNG when poppler's ``pdftoppm`` is there) and the CSV export.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from kiosk.client import HubClient
from tests.conftest import TUESDAY_10H
from tests.factories import served_visit
from tests.needs import need_program
from tests.ui.helpers import WAIT_MS, shots_dir
from ui.i18n import Translations

OTHER = "enquin-les-mines"


def other_site_visits(hub, day: date, count: int, service: str = "ACC", wait_min: int = 12) -> None:
    """``count`` served visits of the other site on ``day``, as sync would write them."""
    start = TUESDAY_10H.replace(year=day.year, month=day.month, day=day.day)
    rows = []
    for number in range(1, count + 1):
        issued = start + timedelta(minutes=3 * number)
        rows.append(served_visit(OTHER, day, service, number, issued, wait_min, service_min=9))
    with hub.store.write() as session:
        session.add_all(rows)


def issue(url: str, service: str) -> dict:
    kiosk = HubClient(url, kiosk_id=f"kiosk-{uuid.uuid4().hex[:8]}")
    try:
        return kiosk.issue_ticket(service)
    finally:
        kiosk.close()


@pytest.fixture
def both_sites(running_hub):
    """This morning: three CAF visitors and two at ACC here; at Enquin-les-Mines, 11 visits
    on Monday 23 Nov (yesterday) and 4 CAF visits on the 10th."""
    for service in ("CAF", "CAF", "CAF", "ACC", "ACC"):
        issue(running_hub.url, service)
    other_site_visits(running_hub.hub, date(2026, 11, 23), 11)
    other_site_visits(running_hub.hub, date(2026, 11, 10), 4, "CAF", wait_min=30)
    return running_hub


@pytest.fixture
def open_dashboard(qtbot, running_hub) -> Iterator:
    from ui.dashboard.window import DashboardWindow
    from ui.ops import wait_for_pool

    opened = []

    def open_(*, live: bool = False, size=(1280, 800), sign_in: bool = True):
        client = HubClient(running_hub.url, timeout=10)
        window = DashboardWindow(client, translations=Translations(), live=live)
        opened.append(window)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.sign_in_page.who.count() > 0, timeout=WAIT_MS)
        if sign_in:
            with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
                window.sign_in("direction", "9999")
        return window

    yield open_
    app = QCoreApplication.instance()
    for window in opened:
        if window.live is not None:
            window.live.stop()
        window.close()
    wait_for_pool(WAIT_MS)
    qtbot.wait(1)
    for window in opened:
        if window.translations._translator is not None:
            app.removeTranslator(window.translations._translator)
        window.client.close()
    QLocale.setDefault(QLocale(QLocale.Language.English))


def figure(window, key: str) -> str:
    return window.board.headline.text_of(key)


def test_a_manager_signs_in_and_sees_today(both_sites, open_dashboard):
    window = open_dashboard()

    assert window.stack.currentWidget() is window.page
    assert window.query.kind == "day" and window.query.start == date(2026, 11, 24)
    assert figure(window, "issued") == "5"
    assert window.board.headline.feedback.caption.text() == "Avis des usagers (0 réponse)"
    assert window.board.headline.cards["cancelled"].caption.text() == "Annulés"
    # How far each site's figures go, both sites named, from the figures themselves.
    here = window.site_name("demo")
    assert window.peers.text().startswith(f"{here} : données jusqu'à ")
    assert window.peers.text().endswith("Enquin-les-Mines : pas de données pour ces jours")
    sites = [window.filters.site_box.itemData(i) for i in range(window.filters.site_box.count())]
    assert sites == ["", "demo", OTHER]
    for key in ("hours", "services", "days", "waits"):
        assert window.board.chart(key).series(), key


def test_a_counters_pin_does_not_open_the_dashboard(both_sites, open_dashboard, qtbot):
    window = open_dashboard(sign_in=False)

    with qtbot.waitSignal(window.failed, timeout=WAIT_MS) as refused:
        window.sign_in("accueil", "1234", role="counter")
    assert refused.args == ["Un guichet ne peut pas ouvrir le tableau de bord : connectez-vous "
                            "avec le code PIN d'un responsable."]
    assert window.stack.currentWidget() is window.sign_in_page
    assert window.sign_in_page.error.isVisible()
    assert window.client.token is None
    with qtbot.waitSignal(window.failed, timeout=WAIT_MS) as wrong:
        window.sign_in("direction", "0000")
    assert wrong.args == ["Nom ou code PIN incorrect."]
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):  # the PIN typed, then Enter
        window.sign_in_page.pin.setText("9999")
        qtbot.keyClick(window.sign_in_page.pin, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.page


def test_ranges_sites_and_services(both_sites, open_dashboard, qtbot):
    window = open_dashboard()

    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    assert (window.answer["from"], window.answer["to"]) == ("2026-11-01", "2026-11-30")
    assert figure(window, "issued") == "20"  # 5 here, 15 there
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_site(OTHER)
    assert figure(window, "issued") == "15"
    assert {r["site"] for r in window.answer["by_site_service"]} == {OTHER}
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_service("CAF")
    assert figure(window, "issued") == "4"
    assert figure(window, "wait_p50_s") == "30,0 min"  # French, the default language
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("week")
    assert (window.query.start, window.query.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert figure(window, "issued") == "0"
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_service(None)
    assert figure(window, "issued") == "11"
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.step(-1)
    assert window.query.start == date(2026, 11, 16)
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_range(date(2026, 11, 9), date(2026, 11, 24))
    assert len(window.answer["by_day"]) == 16


def test_a_long_range_shows_its_progress(both_sites, open_dashboard, qtbot):
    window = open_dashboard()
    steps = []
    window.progressed.connect(lambda done, total: steps.append((done, total)))

    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS * 3):
        window.filters.set_range(date(2026, 8, 15), date(2026, 11, 24))
        assert window.progress_row.isVisible()
    assert steps == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]  # 4 months, the answer
    assert not window.progress_row.isVisible()
    assert figure(window, "issued") == "20"


def test_the_tables_sort_by_value(both_sites, open_dashboard, qtbot):
    window = open_dashboard()
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    table = window.board.services
    window.board.tabs.setCurrentIndex(1)
    visitors = [c.key for c in table.figures.columns].index("issued")

    table.sortByColumn(visitors, Qt.SortOrder.DescendingOrder)
    here = window.site_name("demo")
    assert [(r[0], r[1], r[visitors]) for r in table.shown_rows()] == [
        ("Enquin-les-Mines", "Accueil général", "11"),  # 11 before 4: by value, not text
        ("Enquin-les-Mines", "CAF – Allocations familiales", "4"),
        (here, "CAF – Allocations familiales", "3"),
        (here, "Accueil général", "2"),
        ("Total", "", "20"),  # the sums, last whatever the order
    ]
    table.sortByColumn(visitors, Qt.SortOrder.AscendingOrder)
    assert [int(r[visitors]) for r in table.shown_rows()] == [2, 3, 4, 11, 20]
    wait = [c.key for c in table.figures.columns].index("wait_p50_s")
    table.sortByColumn(wait, Qt.SortOrder.AscendingOrder)
    assert [r[wait] for r in table.shown_rows()][:2] == ["—", "—"]  # nobody called yet here
    counters = window.board.counters.shown_rows()
    assert [(r[0], r[1], r[2]) for r in counters] == [("Enquin-les-Mines", "accueil", "15")]


def test_todays_figures_follow_the_hub_live(both_sites, open_dashboard, qtbot):
    window = open_dashboard(live=True)
    qtbot.waitUntil(lambda: window.live is not None and window.live.is_connected, timeout=WAIT_MS)
    assert figure(window, "issued") == "5"

    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        issue(both_sites.url, "NUM")
    assert figure(window, "issued") == "6"
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        issue(both_sites.url, "CAF")
    assert figure(window, "issued") == "7"


def test_french_numbers_and_dates(both_sites, open_dashboard, qtbot):
    window = open_dashboard()
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_site(OTHER)

    window.set_language("fr")
    assert figure(window, "wait_p50_s") == "12,0 min"
    assert figure(window, "solved_share") == "100,0\u202f%"
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("range")  # as long as the month, up to today
    assert window.filters.start_edit.text() == "26/10/2026"
    assert window.filters.end_edit.text() == "24/11/2026"
    window.set_language("en")
    assert figure(window, "wait_p50_s") == "12.0 min"
    assert figure(window, "solved_share") == "100.0%"


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def test_the_pdf_report(both_sites, open_dashboard, qtbot, tmp_path):
    window = open_dashboard()
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    # The planning tab has not got these days yet (it asks for them after the figures
    # come): the report fetches them itself rather than leave its planning page out.
    window.board.planning.data = None
    path = tmp_path / "report.pdf"
    steps = []
    window.progressed.connect(lambda done, total: steps.append((done, total)))

    with qtbot.waitSignal(window.exported, timeout=WAIT_MS * 3) as exported:
        window.export_pdf(path)
    assert exported.args == [str(path)]
    # Figures; charts; the table per site and service; the table per counter; planning.
    assert _pages(path) == 5
    # The planning fetched (unless the tab got it meanwhile), then a step a page.
    assert steps[:-6] in ([], [(0, 1), (1, 1)]), steps
    assert steps[-6:] == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert path.read_bytes().startswith(b"%PDF-")
    assert "(5 pages)" in window.banner.text()
    # The table per site and service: every name whole on A4 landscape, never cut with "…".
    pdftotext = need_program("pdftotext", "poppler-utils")
    tables = subprocess.run(
        [pdftotext, "-layout", "-f", "3", "-l", "3", str(path), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert "…" not in tables
    rows = [line.split("  ")[0] for line in tables.splitlines()]
    for name in ("Enquin-les-Mines", window.site_name("demo")):
        assert name in rows, (name, tables)
    assert "CAF – Allocations familiales" in tables and "Accueil général" in tables
    assert "Annulés" in tables
    need_program("pdftoppm", "poppler-utils")
    out = shots_dir(tmp_path) / "dashboard-report-page"
    for page in (1, 2):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(path),
                f"{out}-{page}",
            ],
            check=True,
            timeout=60,
        )
        assert Path(f"{out}-{page}.png").stat().st_size > 10_000


def test_the_csv_export(both_sites, open_dashboard, qtbot, tmp_path):
    window = open_dashboard()
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_range(date(2026, 10, 20), date(2026, 11, 24))
    path = tmp_path / "export.csv"

    with qtbot.waitSignal(window.exported, timeout=WAIT_MS * 3):
        window.export_csv(path)
    text = path.read_text(encoding="utf-8")
    manager = HubClient(both_sites.url)
    manager.sign_in(manager="direction", pin="9999")
    try:
        whole = manager.footfall_csv("2026-10-20", "2026-11-24")
    finally:
        manager.close()
    assert text == whole  # fetched a month at a time, the same file
    lines = text.splitlines()
    assert lines[0].startswith("site,day,service,operator,theme,issued,")
    assert [line.split(",")[:3] for line in lines[1:]] == [
        [OTHER, "2026-11-10", "CAF"],
        [OTHER, "2026-11-23", "ACC"],
        ["demo", "2026-11-24", "ACC"],
        ["demo", "2026-11-24", "CAF"],
    ]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_nothing_is_cut_at_desk_sizes(both_sites, open_dashboard, qtbot, tmp_path, size):
    window = open_dashboard(size=size)
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    qtbot.wait(1)

    filters = window.filters
    for widget in (
        filters,
        filters.site_box,
        filters.service_box,
        filters.today_button,
        *filters.kind_buttons.values(),
        window.board.headline,
        *window.board.views.values(),
        window.csv_button,
        window.pdf_button,
        window.language_box,
        window.sign_out_button,
    ):
        assert widget.isVisible()
        top_left = widget.mapTo(window, widget.rect().topLeft())
        bottom_right = widget.mapTo(window, widget.rect().bottomRight())
        assert window.rect().contains(top_left) and window.rect().contains(bottom_right)
    for card in window.board.headline.cards.values():
        assert card.value.width() >= card.value.sizeHint().width(), card.key
    for widget in (filters.start_edit, filters.site_box, filters.service_box):
        assert widget.width() >= widget.minimumSizeHint().width()
    path = shots_dir(tmp_path) / f"dashboard-month-{size[0]}x{size[1]}.png"
    assert window.grab().save(str(path))


def test_the_hub_refuses_a_counter_on_stats(both_sites):
    with httpx.Client(base_url=both_sites.url) as api:
        token = api.post("/api/session", json={"counter": "accueil", "pin": "1234"}).json()
        answer = api.get(
            "/api/stats",
            params={"from": "2026-11-24", "to": "2026-11-24"},
            headers={"Authorization": f"Bearer {token['token']}"},
        )
    assert answer.status_code == 403


def test_the_per_service_table_shows_every_column_at_full_hd(both_sites, open_dashboard, qtbot):
    """All columns visible at 1920 × 1080, no sideways scrolling; headers explained."""
    window = open_dashboard()
    window.resize(1920, 1080)
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")
    window.board.tabs.setCurrentIndex(1)
    table = window.board.services
    qtbot.waitUntil(table.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: table.viewport().width() > 1000, timeout=WAIT_MS)
    header = table.horizontalHeader()
    room = table.viewport().width()
    right_edges = [header.sectionViewportPosition(i) + header.sectionSize(i)
                   for i in range(header.count())]
    assert max(right_edges) <= room, f"columns end at {max(right_edges)}, room {room}"
    assert not table.horizontalScrollBar().isVisible()
    model = table.model()
    metrics = header.fontMetrics()
    for i in range(header.count()):  # every header line fits its column: none is cut
        text = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        assert widest + 8 <= header.sectionSize(i), f"{text!r}: {widest} px"
    served = [c.key for c in table.figures.columns].index("served")
    assert "guichet" in model.headerData(served, Qt.Orientation.Horizontal,
                                         Qt.ItemDataRole.ToolTipRole)
    assert window.board.legend.text().startswith("Usagers : tickets pris")


def test_the_service_level_and_the_period_before(both_sites, open_dashboard, qtbot):
    other_site_visits(both_sites.hub, date(2026, 10, 6), 2, wait_min=5)
    window = open_dashboard()
    with qtbot.waitSignal(window.refreshed, timeout=WAIT_MS):
        window.filters.set_kind("month")

    card = window.board.headline.cards["service_level_share"]
    # 11 visits called within 12 min, 4 after 30 min: 11 of 15 within the 15 min target.
    assert card.value.text() == "73,3\u202f%"
    assert card.caption.text() == "Reçus en 15 min au plus (objectif 85,0\u202f%)"
    assert card.before.text() == "avant : 100,0\u202f%"  # October: 2 of 2
    assert window.board.headline.cards["issued"].before.text() == "avant : 2"
    assert "Période précédente : du 01/10/2026 au 31/10/2026" in card.toolTip()


def test_the_planning_tab_and_its_pdf_page(both_sites, open_dashboard, qtbot, tmp_path):
    from datetime import datetime

    from kiosk.store.models import Event

    paris = TUESDAY_10H.tzinfo
    with both_sites.hub.store.write() as session:  # CAF asked for on Monday mornings (closed)
        session.add_all(
            Event(site="demo", seq=10_000 + n, epoch="e", kind="unmet_demand",
                  at=datetime(2026, 11, day, hour, 10, tzinfo=paris), day=date(2026, 11, day),
                  service="CAF", data={"language": "fr"})
            for n, (day, hour) in enumerate([(2, 10), (9, 10), (16, 11), (23, 10)])
        )  # fmt: skip
    window = open_dashboard()
    panel = window.board.planning
    window.filters.set_kind("month")
    qtbot.waitUntil(lambda: (panel.data or {}).get("from") == "2026-11-01", timeout=WAIT_MS)
    window.board.tabs.setCurrentWidget(panel)

    assert window.board.tabs.tabText(window.board.tabs.indexOf(panel)) == "Planification"
    assert "CAF – Allocations familiales, le lundi de 10 h à 12 h : 4 usagers" in panel.ideas.text()
    grid = panel.grid
    headers = [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())]
    row = headers.index("lun.")
    column = [grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount())].index("10 h")
    assert grid.item(row, column).text() == "+3"
    path = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS * 3):
        window.export_pdf(path)
    assert _pages(path) == 5  # figures, charts, two tables, planning
    qtbot.wait(1)
    out = shots_dir(tmp_path)
    assert panel.grab().save(str(out / "dashboard-planning-1280x800.png"))
    pdftoppm = need_program("pdftoppm", "poppler-utils")
    subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "5", "-l", "5", "-singlefile",
                    str(path), str(out / "dashboard-report-planning")], check=True, timeout=60)
