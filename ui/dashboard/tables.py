"""The figures as sortable tables: per site and service, per counter, per site.

One model for all three (:class:`FiguresModel`, columns declared once); each view sorts
through a :class:`QSortFilterProxyModel` on the raw value (``SORT_ROLE``), so "12,5 min"
sorts as 750 s and a missing figure sorts first. Every row carries its site: the other
site's rows sit beside ours as soon as sync brings them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.dashboard import fmt
from ui.i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_CHARS = 10  # headers wrap at about this many characters: every column fits 1920 px


@dataclass(frozen=True)
class Column:
    key: str
    header: Callable[[], str]
    show: Callable[[object], str] = fmt.count
    value: Callable[[dict], object] | None = None  # default: row[key]

    def raw(self, row: dict) -> object:
        return self.value(row) if self.value else row.get(self.key)


def _happy(row: dict) -> float | None:
    return (row.get("feedback_shares") or {}).get("3")


def figure_columns() -> list[Column]:
    """The headline's figures, as columns (same order as the headline cards)."""
    return [
        Column("issued", lambda: tr("Visitors")),
        Column("served", lambda: tr("Served")),
        Column("no_show", lambda: tr("No-shows")),
        Column("cancelled", lambda: tr("Cancelled (visits)")),
        Column("transferred_in", lambda: tr("Transfers in")),
        Column("transferred_out", lambda: tr("Transfers out")),
        Column("wait_p50_s", lambda: tr("Median wait"), fmt.minutes),
        Column("wait_p90_s", lambda: tr("Wait p90"), fmt.minutes),
        Column("service_p50_s", lambda: tr("Median service"), fmt.minutes),
        Column("solved_share", lambda: tr("Solved on site"), fmt.share),
        Column("unmet", lambda: tr("Unmet demand")),
        Column("priority_share", lambda: tr("Priority"), fmt.share),
        Column("reception", lambda: tr("By reception")),
        Column("feedback_answers", lambda: tr("Feedback answers")),
        Column("happy", lambda: tr("Happy"), fmt.share, _happy),
    ]


def explanations() -> dict[str, str]:
    """What each column counts, in words (a header's tooltip and the table's legend)."""
    return {
        "issued": tr("Visitors: tickets taken; a transfer is not a new visitor."),
        "served": tr("Served: visitors received at a counter (a transferred visitor is "
                     "received by each service)."),
        "no_show": tr("No-shows: called, but did not come."),
        "transferred_in": tr("Transfers in: visitors sent here by another service."),
        "transferred_out": tr("Transfers out: visitors sent on to another service."),
        "wait_p90_s": tr("Nine visitors in ten waited less than this."),
        "unmet": tr("Services asked for at the kiosk while closed or absent."),
        "reception": tr("Tickets given by the reception desk rather than the kiosk."),
    }


def two_lines(text: str) -> str:
    """A header wrapped in short lines (at most three): columns stay narrow enough for the
    whole table to fit a 1920 px screen."""
    return "\n".join(textwrap.wrap(text, HEADER_CHARS, break_long_words=False)) or text


class FiguresModel(QAbstractTableModel):
    def __init__(self, columns: list[Column]):
        super().__init__()
        self.columns = columns
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict], total: dict | None = None) -> None:
        """``total``: a last row of sums ("Total"), kept last whatever the sort."""
        self.beginResetModel()
        self.rows = rows + ([{**total, "_total": True}] if total is not None else [])
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.get("_total") and column.show is str:  # the names of the "Total" row
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("Total") if index.column() == 0 else ""
            if role == SORT_ROLE:
                return ""
        raw = column.raw(row) if not (row.get("_total") and column.show is str) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(raw)
        if role == Qt.ItemDataRole.FontRole and row.get("_total"):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == SORT_ROLE:
            if raw is None:
                return -1.0
            return raw.casefold() if isinstance(raw, str) else float(raw)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = isinstance(raw, str) or column.show is str
            return int(
                (Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignVCenter
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.get("_tooltip")
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return two_lines(self.columns[section].header())
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return explanations().get(self.columns[section].key)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )


class TotalLastProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` but keeps the "Total" row last, in either order."""

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt's name
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        rows = self.sourceModel().rows
        left_total = rows[left.row()].get("_total", False)
        right_total = rows[right.row()].get("_total", False)
        if left_total or right_total:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return right_total if ascending else left_total
        return super().lessThan(left, right)


class FiguresTable(QTableView):
    """A sortable view of a :class:`FiguresModel` (click a header to sort). Names take
    the room left and wrap; figures take what they need; headers wrap in short lines:
    every column shows at 1920 × 1080 without scrolling sideways."""

    def __init__(self, columns: list[Column], name: str):
        super().__init__()
        self.figures = FiguresModel(columns)
        self.proxy = TotalLastProxy(self)
        self.proxy.setSourceModel(self.figures)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setAccessibleName(name)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.horizontalHeader()
        # Many columns (17 per service): each gets an equal share of the width, the
        # headers wrap in short lines and names wrap in their cells. Few columns (per
        # counter): each takes what it needs.
        self.many = len(columns) > 8
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed if self.many
                                    else QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def set_rows(self, rows: list[dict], total: dict | None = None) -> None:
        self.figures.set_rows(rows, total)

    #: Width of a name column (site, service) against a figure's.
    NAME_SHARE = 1.6

    def resizeEvent(self, event) -> None:
        """Many columns: the width shared out, names wider than figures, to the pixel."""
        super().resizeEvent(event)
        if not self.many:
            return
        columns = self.figures.columns
        shares = [self.NAME_SHARE if c.show is str else 1.0 for c in columns]
        room = self.viewport().width()
        header = self.horizontalHeader()
        used = 0
        for index, share in enumerate(shares):
            width = (room - used if index == len(shares) - 1
                     else int(room * share / sum(shares)))
            header.resizeSection(index, max(header.minimumSectionSize(), width))
            used += width

    def shown_rows(self) -> list[list[str]]:
        """What the table shows, in its current order (tests and the PDF report)."""
        proxy = self.proxy
        return [
            [proxy.index(r, c).data() for c in range(proxy.columnCount())]
            for r in range(proxy.rowCount())
        ]


def service_columns(
    site_name: Callable[[str], str], service_name: Callable[[dict], str]
) -> list[Column]:
    return [
        Column("site", lambda: tr("Site"), str, lambda r: site_name(r["site"])),
        Column("service", lambda: tr("Service"), str, service_name),
        *figure_columns(),
    ]


def site_columns(site_name: Callable[[str], str]) -> list[Column]:
    return [
        Column("site", lambda: tr("Site"), str, lambda r: site_name(r["key"])),
        *figure_columns(),
    ]


def counter_columns(site_name: Callable[[str], str]) -> list[Column]:
    return [
        Column("site", lambda: tr("Site"), str, lambda r: site_name(r["site"])),
        Column("counter", lambda: tr("Counter"), str, lambda r: r["name"]),
        Column("served", lambda: tr("Served")),
        Column("service_p50_s", lambda: tr("Median service"), fmt.minutes),
        Column("share", lambda: tr("Share of the site's visits served"), fmt.share),
    ]
