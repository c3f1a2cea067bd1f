"""What the dashboard shows for an answer of ``GET /api/stats``: headline, charts, tables.

Display only: :class:`Board` takes an answer and names (sites, services) and draws them;
the window asks the hub. The charts sit in a 2×2 grid on the first tab, the tables on the
next ones, so that 1280×800 shows everything without scrolling.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QTabWidget, QVBoxLayout, QWidget

from ui.dashboard import charts
from ui.dashboard.headline import HeadlineGrid
from ui.dashboard.planning import PlanningPanel
from ui.dashboard.tables import (
    FiguresTable,
    counter_columns,
    explanations,
    service_columns,
    site_columns,
)
from ui.i18n import tr
from ui.widgets import label

CHART_KEYS = ("days", "hours", "services", "waits")


class Board(QWidget):
    def __init__(
        self,
        site_name: Callable[[str], str],
        service_name: Callable[[dict], str],
        fetch_planning: Callable[[dict], dict] | None = None,
    ):
        super().__init__()
        self.site_name, self.service_name = site_name, service_name
        self.answer: dict | None = None
        self.language = "fr"
        self.font_px = 16
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.headline = HeadlineGrid()
        column.addWidget(self.headline)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        column.addWidget(self.tabs, stretch=1)
        self.chart_page = QWidget()
        grid = QGridLayout(self.chart_page)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setSpacing(8)
        self.views: dict[str, QChartView] = {}
        for index, key in enumerate(CHART_KEYS):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setAccessibleName(f"chart-{key}")
            view.setMinimumSize(200, 150)
            self.views[key] = view
            grid.addWidget(view, index // 2, index % 2)
        self.services = FiguresTable(service_columns(site_name, service_name), "per-service")
        self.counters = FiguresTable(counter_columns(site_name), "per-counter")
        self.sites = FiguresTable(site_columns(site_name), "per-site")
        self.tabs.addTab(self.chart_page, "")
        # The per-service table, with what its less obvious columns count written under it.
        services_page = QWidget()
        services_column = QVBoxLayout(services_page)
        services_column.setContentsMargins(0, 0, 0, 0)
        services_column.addWidget(self.services, stretch=1)
        self.legend = label(role="caption", align=Qt.AlignmentFlag.AlignLeft)
        services_column.addWidget(self.legend)
        self.tabs.addTab(services_page, "")
        for table in (self.counters, self.sites):
            self.tabs.addTab(table, "")
        self.planning = PlanningPanel(fetch_planning, service_name)
        self.tabs.addTab(self.planning, "")
        self.retranslate()

    def retranslate(self) -> None:
        for index, text in enumerate(
            (tr("Charts"), tr("Per service"), tr("Per counter"), tr("Per site"))
        ):
            self.tabs.setTabText(index, text)
        self.tabs.setTabText(self.tabs.indexOf(self.planning), tr("Planning"))
        self.planning.retranslate()
        for table in (self.services, self.counters, self.sites):
            table.figures.retranslate()
        notes = explanations()
        self.legend.setText(" ".join(notes[key] for key in ("issued", "served", "wait_p90_s",
                                                            "reception")))
        self.headline.retranslate()
        if self.answer is not None:
            self.show_answer(self.answer)

    def set_font_px(self, font_px: int) -> None:
        if font_px != self.font_px:
            self.font_px = font_px
            if self.answer is not None:
                self._draw_charts(self.answer)

    def show_answer(self, answer: dict) -> None:
        self.answer = answer
        self.headline.show_headline(
            answer["headline"], answer.get("previous"), answer.get("service_level_target")
        )
        self._draw_charts(answer)
        self.planning.follow(answer)
        self.services.set_rows(answer["by_site_service"], total=answer["headline"])
        served = {row["key"]: row["served"] for row in answer["by_site"]}
        self.counters.set_rows(
            [
                {
                    **row,
                    "share": row["served"] / served[row["site"]]
                    if served.get(row["site"])
                    else None,
                }
                for row in answer["by_counter"]
            ]
        )
        self.sites.set_rows(answer["by_site"],
                            total=answer["headline"] if len(answer["by_site"]) > 1 else None)

    def _draw_charts(self, answer: dict) -> None:
        built = charts.all_charts(answer, self.language, round(self.font_px * 0.8),
                                  short=self.width() < 1600)
        for key, view in self.views.items():
            old = view.chart()
            view.setChart(built[key])
            if isinstance(old, QChart):
                old.deleteLater()

    def chart(self, key: str) -> QChart:
        return self.views[key].chart()
