"""The dashboard's planning tab: visitors and unmet demand by weekday and hour against the
permanences held, and the few slots where an extra permanence would have served the most
visitors (``GET /api/planning``, :mod:`kiosk.services.planning`).

The panel asks the hub itself, off the GUI thread, whenever the board shows new figures
(the same days and service); :func:`paint_page` draws the same grid and sentences on a
page of the PDF report.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dashboard import fmt
from ui.i18n import tr
from ui.ops import Op
from ui.widgets import label

CLOSED = QColor("#D5DAE0")
ASKED = QColor("#F6C9A8")
#: A held hour below the service level target (red, readable in black and white too:
#: bold text and a thick frame).
BELOW = QColor("#B3471D")


def day_name(weekday: int, long: bool = False) -> str:
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return fmt.locale().dayName(weekday + 1, kind)


def hour_name(hour: int) -> str:
    return tr("{0} h").format(hour)


def shown_days(data: dict) -> list[int]:
    """Weekdays with a permanence, a visitor or an unmet request."""
    return sorted({c["weekday"] for c in data["cells"] if c["held"] or c["visitors"] or c["unmet"]})


def cell_text(cell: dict | None) -> str:
    if not cell or not (cell["visitors"] or cell["unmet"]):
        return ""
    text = fmt.count(cell["visitors"]) if cell["visitors"] else ""
    if cell["unmet"]:
        text += f"{' ' if text else ''}+{cell['unmet']}"
    return text


def cell_hint(cell: dict) -> str:
    return tr("Visitors: {0}\nAsked while closed: {1}\nMedian wait: {2}\nSeen within "
              "target: {3}\nHeld: {4}").format(
        fmt.count(cell["visitors"]), fmt.count(cell["unmet"]), fmt.minutes(cell["wait_p50_s"]),
        fmt.share(cell["service_level_share"]), ", ".join(cell["held"]) or tr("nothing"),
    )  # fmt: skip


def sentences(data: dict, service_name: Callable[[dict], str]) -> tuple[list[str], list[str]]:
    """The suggested permanences, and the open hours below the target, in words;
    ``service_name`` names a row ``{"key": code, "labels": …}`` as the board does."""
    labels = data.get("labels", {})
    ideas = [
        tr("{0}, {1} from {2} to {3}: %Ln visitor(s) asked for it while it was closed "
           "(about {4} a week)", None, s["unmet"]).format(
            service_name({"key": s["service"], "labels": labels.get(s["service"])}),
            day_name(s["weekday"], long=True),
            hour_name(s["from_hour"]), hour_name(s["to_hour"]), fmt.decimal(s["per_week"]),
        )  # fmt: skip
        for s in data["suggestions"]
    ]
    busy = [
        tr("{0} at {1}: %Ln visitor(s), median wait {2}, {3} seen within the target", None,
           b["visitors"]).format(
            day_name(b["weekday"], long=True), hour_name(b["hour"]),
            fmt.minutes(b["wait_p50_s"]), fmt.share(b["service_level_share"]),
        )  # fmt: skip
        for b in data["busiest"]
    ]
    return ideas, busy


def legend(paper: bool = False) -> str:
    """What the grid's cells and colours say (``paper``: the PDF's, which has no tips)."""
    if paper:
        return tr("Each cell: visitors who took a ticket in that hour; +N: visitors who asked "
                  "for a service that was closed. Grey: no permanence held. Red frame: a share "
                  "seen within the target wait below the target.")  # fmt: skip
    return tr("Each cell: visitors who took a ticket in that hour; +N: visitors who asked "
              "for a service that was closed. Grey: no permanence held. Red: a share seen "
              "within the target wait below the target (the cell's tooltip gives the median "
              "wait).")  # fmt: skip


def below_target(cell: dict | None, data: dict) -> bool:
    """A held hour whose service level fell short of the target (enough visitors called)."""
    share = cell and cell["service_level_share"]
    return share is not None and share < data["service_level_target"]["share"]


def planning_params(answer: dict) -> dict:
    """The planning request that goes with a stats answer: its days, service and site
    (both sites: the hub's own, whose permanences the planning is about)."""
    return {"start": answer["from"], "end": answer["to"], "service": answer.get("service"),
            "site": answer.get("site")}  # fmt: skip


class PlanningPanel(QWidget):
    """Signals: ``loaded()`` once the figures of the board's days are shown."""

    loaded = Signal()

    def __init__(self, fetch: Callable[[dict], dict] | None,
                 service_name: Callable[[dict], str]):  # fmt: skip
        super().__init__()
        self.fetch, self.service_name = fetch, service_name
        self.data: dict | None = None
        self._asked: dict | None = None
        #: The site filter the planning shown was asked with.
        self._site: str | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setAccessibleName("planning-grid")
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.grid, stretch=1)
        left = Qt.AlignmentFlag.AlignLeft
        self.legend = label(role="caption", align=left)
        self.ideas = label(align=left)
        self.busy = label(align=left)
        for widget in (self.legend, self.ideas, self.busy):
            column.addWidget(widget)

    def follow(self, answer: dict) -> None:
        """Ask for the planning of the board's days (and service), once per change."""
        params = planning_params(answer)
        if self.fetch is None or params == self._asked:
            return
        self._asked = params
        fetch = self.fetch
        Op(self, lambda: (params, fetch(params))).success(self._came).failure(
            self._failed
        ).run()

    def _came(self, result: tuple[dict, dict]) -> None:
        params, data = result
        if params == self._asked:
            self._site = params.get("site")  # as asked (None: the hub's own)
            self.show_planning(data)

    def _failed(self, error: Exception) -> None:
        self._asked = None
        self.ideas.setText(tr("The planning could not be read: {0}").format(error))

    def matches(self, answer: dict) -> bool:
        """Whether the planning shown is that of ``answer``'s days, service and site."""
        data = self.data
        return bool(data) and (data["from"], data["to"], data["service"], self._site) == (
            answer["from"], answer["to"], answer.get("service"), answer.get("site"))  # fmt: skip

    def show_planning(self, data: dict) -> None:
        self.data = data
        days, hours = shown_days(data), data["hours"]
        cells = {(c["weekday"], c["hour"]): c for c in data["cells"]}
        most = max([c["unmet"] for c in data["cells"]] + [1])
        self.grid.clear()
        self.grid.setRowCount(len(days))
        self.grid.setColumnCount(len(hours))
        self.grid.setVerticalHeaderLabels([day_name(d) for d in days])
        self.grid.setHorizontalHeaderLabels([hour_name(h) for h in hours])
        for row, weekday in enumerate(days):
            for column, hour in enumerate(hours):
                cell = cells.get((weekday, hour))
                item = QTableWidgetItem(cell_text(cell))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cell is None or not cell["held"]:
                    item.setBackground(QBrush(CLOSED))
                if cell and cell["unmet"]:
                    item.setBackground(QBrush(_mix(ASKED, cell["unmet"] / most)))
                if below_target(cell, data):
                    item.setForeground(QBrush(BELOW))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if cell:
                    item.setToolTip(cell_hint(cell))
                self.grid.setItem(row, column, item)
        self.retranslate()
        self.loaded.emit()

    def retranslate(self) -> None:
        self.legend.setText(legend())
        if self.data is None:
            return
        ideas, busy = sentences(self.data, self.service_name)
        self.ideas.setText(
            tr("Where an extra permanence would have served the most visitors:") + "\n"
            + ("\n".join(f"• {line}" for line in ideas)
               or tr("No visitor asked for a closed service in these days."))
        )  # fmt: skip
        self.busy.setText(
            tr("Open hours below the service level target:") + "\n"
            + ("\n".join(f"• {line}" for line in busy) or tr("None."))
        )  # fmt: skip


def _mix(colour: QColor, strength: float) -> QColor:
    """``colour`` faded towards white: a light tint for a little, full for the most."""
    strength = 0.35 + 0.65 * max(0.0, min(1.0, strength))
    return QColor(
        round(255 - (255 - colour.red()) * strength),
        round(255 - (255 - colour.green()) * strength),
        round(255 - (255 - colour.blue()) * strength),
    )


def paint_page(report, painter: QPainter, top: float, data: dict,
               service_name: Callable[[dict], str]) -> None:  # fmt: skip
    """The planning grid and its sentences on a page of the PDF report (``report``: a
    :class:`ui.dashboard.report_pdf.Report`, for its units and text helper)."""
    days, hours = shown_days(data), data["hours"]
    cells = {(c["weekday"], c["hour"]): c for c in data["cells"]}
    left, width = report.margin, report.width - 2 * report.margin
    head_w = report.mm(22)
    cell_w = (width - head_w) / max(1, len(hours))
    cell_h = report.mm(8)
    most = max([c["unmet"] for c in data["cells"]] + [1])
    painter.setPen(QPen(QColor("#8C96A0"), report.mm(0.2)))
    for column, hour in enumerate(hours):
        rect = QRectF(left + head_w + column * cell_w, top, cell_w, cell_h)
        report.text(painter, rect, hour_name(hour), 8, flags=Qt.AlignmentFlag.AlignCenter)
    for row, weekday in enumerate(days):
        y = top + (row + 1) * cell_h
        report.text(painter, QRectF(left, y, head_w, cell_h), day_name(weekday), 9,
                    flags=Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
        for column, hour in enumerate(hours):
            cell = cells.get((weekday, hour))
            rect = QRectF(left + head_w + column * cell_w, y, cell_w, cell_h)
            fill = QColor("white")
            if cell is None or not cell["held"]:
                fill = CLOSED
            if cell and cell["unmet"]:
                fill = _mix(ASKED, cell["unmet"] / most)
            low = below_target(cell, data)
            painter.setPen(QPen(BELOW, report.mm(0.6)) if low
                           else QPen(QColor("#8C96A0"), report.mm(0.2)))  # fmt: skip
            painter.setBrush(fill)
            painter.drawRect(rect.adjusted(*(report.mm(0.3),) * 2, *(-report.mm(0.3),) * 2)
                             if low else rect)  # fmt: skip
            report.text(painter, rect, cell_text(cell), 8, bold=low,
                        flags=Qt.AlignmentFlag.AlignCenter)  # fmt: skip
    y = top + (len(days) + 1) * cell_h + report.mm(4)
    report.text(painter, QRectF(left, y, width, report.mm(10)), legend(paper=True), 9)
    y += report.mm(11)
    ideas, busy = sentences(data, service_name)
    blocks = [
        (tr("Where an extra permanence would have served the most visitors:"),
         ideas or [tr("No visitor asked for a closed service in these days.")]),
        (tr("Open hours below the service level target:"), busy or [tr("None.")]),
    ]  # fmt: skip
    for title, lines in blocks:
        report.text(painter, QRectF(left, y, width, report.mm(7)), title, 11, bold=True)
        y += report.mm(7)
        for line in lines:
            report.text(painter, QRectF(left, y, width, report.mm(7)), f"• {line}", 10)
            y += report.mm(6.5)
        y += report.mm(3)
