"""The figures as sortable tables: per site and service, per counter, per site.

One model for all three (:class:`FiguresModel`, columns declared once); each view sorts
through a :class:`QSortFilterProxyModel` on the raw value (``SORT_ROLE``), so "12,5 min"
sorts as 750 s and a missing figure sorts first. Every row carries its site: the other
site's rows sit beside ours as soon as sync brings them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.dashboard import fmt
from ui.i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


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
        Column("cancelled", lambda: tr("Cancelled")),
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


def two_lines(text: str) -> str:
    """A header cut at the space nearest its middle: columns stay narrow enough for the
    whole table to fit a 1920 px screen."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{text[:cut]}\n{text[cut + 1 :]}"


class FiguresModel(QAbstractTableModel):
    def __init__(self, columns: list[Column]):
        super().__init__()
        self.columns = columns
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        raw = column.raw(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(raw)
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
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )


class FiguresTable(QTableView):
    """A sortable view of a :class:`FiguresModel` (click a header to sort)."""

    def __init__(self, columns: list[Column], name: str):
        super().__init__()
        self.figures = FiguresModel(columns)
        self.proxy = QSortFilterProxyModel(self)
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
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)

    def set_rows(self, rows: list[dict]) -> None:
        self.figures.set_rows(rows)

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
