"""The footfall report as PDF, with Qt's own writer (QPdfWriter + QPainter), for the
partners and the observatory. Qt only: no other PDF library.

A4 landscape: page 1 the headline figures and the sites side by side; page 2 the four
charts (rendered to images by :mod:`ui.dashboard.charts`); then the table per site and
service and the table per counter, cut into pages with their header repeated. Every page
carries its footer ("page 2 of 4"). :class:`Report` writes a page at a time, so that a
window can show progress between pages; :func:`write_report` writes it all at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ui.dashboard import charts, fmt, headline, planning
from ui.dashboard.period import month_end
from ui.dashboard.tables import Column, counter_columns, figure_columns
from ui.i18n import tr

DPI = 200
PAGE_MM = QSizeF(297, 210)
MARGIN_MM = 12
CHART_PX = (1500, 900)
GREY_ROW = QColor("#EEF1F4")
# The tables' type sizes (points), the first with which every name fits whole.
TABLE_POINTS = (7.5, 7.0, 6.5)
#: The service table's columns on paper (the screen has more room).
PAPER_FIGURES = (
    "issued",
    "served",
    "no_show",
    "cancelled",
    "transferred_out",
    "wait_p50_s",
    "wait_p90_s",
    "service_level_share",
    "service_p50_s",
    "solved_share",
    "unmet",
    "priority_share",
    "feedback_answers",
    "happy",
)


@dataclass
class ReportContext:
    """What the report says besides the figures: names, language, scope, when."""

    site_name: Callable[[str], str]
    service_name: Callable[[dict], str]
    language: str = "fr"
    scope: str = ""
    generated: datetime | None = None
    zone: str = "Europe/Paris"
    extra: list[str] = field(default_factory=list)


def report_title(start: date, end: date) -> str:
    if start.day == 1 and end == month_end(start):
        return tr("Monthly report — {0}").format(fmt.month_name(start))
    return tr("Footfall report — {0}").format(fmt.span(start, end))


class Report:
    def __init__(self, path: Path | str, answer: dict, context: ReportContext):
        self.path, self.answer, self.context = Path(path), answer, context
        self.start = date.fromisoformat(answer["from"])
        self.end = date.fromisoformat(answer["to"])
        self.writer = QPdfWriter(str(self.path))
        self.writer.setResolution(DPI)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.writer.setTitle(report_title(self.start, self.end))
        self.writer.setCreator("kiosk")
        self.painter: QPainter | None = None
        self.width = round(PAGE_MM.width() / 25.4 * DPI)
        self.height = round(PAGE_MM.height() / 25.4 * DPI)
        self.margin = self.mm(MARGIN_MM)
        self.row_h = self.mm(6.2)
        self.tables = self._table_pages()
        self.pages: list[Callable[[QPainter], None]] = [
            self._first_page,
            self._charts_page,
            *self.tables,
        ]
        if answer.get("planning"):
            self.pages.append(self._planning_page)
        self.written = 0

    def mm(self, value: float) -> float:
        return value / 25.4 * DPI

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # -- writing -----------------------------------------------------------------------

    def write_next(self) -> bool:
        """Write one more page; False once every page is written (the file is closed)."""
        if self.written == len(self.pages):
            return False
        if self.painter is None:
            self.painter = QPainter(self.writer)
        else:
            self.writer.newPage()
        self.pages[self.written](self.painter)
        self._footer(self.painter, self.written + 1)
        self.written += 1
        if self.written == len(self.pages):
            self.painter.end()
        return self.written < len(self.pages)

    def abort(self) -> None:
        if self.painter is not None and self.painter.isActive():
            self.painter.end()
        self.path.unlink(missing_ok=True)

    # -- drawing helpers -----------------------------------------------------------------

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPixelSize(round(points / 72 * DPI))
        font.setBold(bold)
        return font

    def text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        points: float,
        bold: bool = False,
        flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
    ) -> None:
        painter.setFont(self.font(points, bold))
        painter.setPen(QColor("#111111"))
        painter.drawText(rect, int(flags) | int(Qt.TextFlag.TextWordWrap), text)

    def _header(self, painter: QPainter, subtitle: str = "") -> float:
        """The title block of every page; returns where the page's content starts."""
        left, width = self.margin, self.width - 2 * self.margin
        self.text(
            painter,
            QRectF(left, self.margin, width, self.mm(10)),
            report_title(self.start, self.end),
            17,
            bold=True,
        )
        line = " — ".join(part for part in (self.context.scope, subtitle) if part)
        self.text(painter, QRectF(left, self.margin + self.mm(9), width, self.mm(7)), line, 10)
        top = self.margin + self.mm(17)
        painter.setPen(QPen(QColor("#111111"), self.mm(0.3)))
        painter.drawLine(round(left), round(top), round(left + width), round(top))
        return top + self.mm(4)

    def _footer(self, painter: QPainter, number: int) -> None:
        rect = QRectF(
            self.margin, self.height - self.margin, self.width - 2 * self.margin, self.mm(6)
        )
        made = ""
        if self.context.generated is not None:
            made = tr("Made on {0}").format(fmt.moment(self.context.generated, self.context.zone))
        self.text(painter, rect, made, 8)
        self.text(
            painter,
            rect,
            tr("Page {0} of {1}").format(number, self.page_count),
            8,
            flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        )

    # -- pages -------------------------------------------------------------------------

    def _first_page(self, painter: QPainter) -> None:
        top = self._header(painter, tr("Headline figures"))
        head = self.answer["headline"]
        previous = self.answer.get("previous")
        names = headline.captions(self.answer.get("service_level_target"))
        columns = 4
        gap = self.mm(4)
        card_w = (self.width - 2 * self.margin - (columns - 1) * gap) / columns
        card_h = self.mm(19)
        for index, (key, show) in enumerate(headline.CARDS):
            x = self.margin + (index % columns) * (card_w + gap)
            y = top + (index // columns) * (card_h + gap)
            self._card(
                painter,
                QRectF(x, y, card_w, card_h),
                show(head.get(key)),
                names[key],
                headline.before_text(show, previous, key),
            )
        y = top + (len(headline.CARDS) + columns - 1) // columns * (card_h + gap)
        self._feedback(painter, QRectF(self.margin, y, self.width - 2 * self.margin, card_h), head)
        y += card_h + gap * 2
        self.text(
            painter, QRectF(self.margin, y, self.width, self.mm(8)), tr("Per site"), 12, bold=True
        )
        y += self.mm(8)
        site_rows = [{**row, "site": row["key"]} for row in self.answer["by_site"]]
        columns_ = [
            Column("site", lambda: tr("Site"), str, lambda r: self.context.site_name(r["site"])),
            *self._paper_figures(),
        ]
        self._table(painter, y, columns_, site_rows)

    def _card(
        self, painter: QPainter, rect: QRectF, value: str, caption: str, before: str = ""
    ) -> None:
        painter.setPen(QPen(QColor("#8C96A0"), self.mm(0.25)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, self.mm(1.5), self.mm(1.5))
        inner = rect.adjusted(self.mm(3), self.mm(2), -self.mm(3), -self.mm(2))
        self.text(painter, inner, value, 16, bold=True)
        if before:
            self.text(
                painter,
                inner,
                before,
                9,
                flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            )
        self.text(painter, inner.adjusted(0, self.mm(8.5), 0, 0), caption, 9)

    def _feedback(self, painter: QPainter, rect: QRectF, head: dict) -> None:
        painter.setPen(QPen(QColor("#8C96A0"), self.mm(0.25)))
        painter.drawRoundedRect(rect, self.mm(1.5), self.mm(1.5))
        x = rect.left() + self.mm(3)
        face = self.mm(8)
        shares = head.get("feedback_shares", {})
        for score in headline.FACES:
            headline.paint_face(painter, QRectF(x, rect.top() + self.mm(2.5), face, face), score)
            text = f"{headline.face_name(score)} {fmt.share(shares.get(str(score)))}"
            self.text(
                painter,
                QRectF(x + face + self.mm(2), rect.top() + self.mm(3), self.mm(60), self.mm(8)),
                text,
                13,
                bold=True,
            )
            x += self.mm(75)
        self.text(
            painter,
            QRectF(rect.left() + self.mm(3), rect.top() + self.mm(11.5), rect.width(), self.mm(6)),
            headline.feedback_caption(head.get("feedback_answers", 0)),
            9,
        )

    def _charts_page(self, painter: QPainter) -> None:
        top = self._header(painter, tr("Charts"))
        built = charts.all_charts(self.answer, self.context.language, font_px=30)
        gap = self.mm(5)
        cell_w = (self.width - 2 * self.margin - gap) / 2
        cell_h = (self.height - top - self.margin - self.mm(8) - gap) / 2
        for index, key in enumerate(("days", "hours", "services", "waits")):
            image = charts.render(built[key], *CHART_PX)
            x = self.margin + (index % 2) * (cell_w + gap)
            y = top + (index // 2) * (cell_h + gap)
            scale = min(cell_w / image.width(), cell_h / image.height())
            target = QRectF(x, y, image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)

    def _planning_page(self, painter: QPainter) -> None:
        site = self.context.site_name(self.answer["planning"]["site"])  # whose permanences
        top = self._header(painter, f"{tr('Planning')} — {site}")
        planning.paint_page(self, painter, top, self.answer["planning"], self.context.service_name)

    def _paper_figures(self) -> list[Column]:
        by_key = {c.key: c for c in figure_columns()}
        by_key["service_level_share"] = Column(
            "service_level_share", lambda: tr("Within target"), fmt.share
        )
        return [by_key[key] for key in PAPER_FIGURES]

    def _table_pages(self) -> list[Callable[[QPainter], None]]:
        """The table pages, planned now so that every footer knows the page count."""
        services = [
            Column("site", lambda: tr("Site"), str, lambda r: self.context.site_name(r["site"])),
            Column("service", lambda: tr("Service"), str, self.context.service_name),
            *self._paper_figures(),
        ]
        counters = counter_columns(self.context.site_name)
        per_page = (
            int((self.height - 2 * self.margin - self.mm(21) - self.mm(14)) // self.row_h) - 2
        )
        blocks = [
            (tr("Per site and service"), services, self.answer["by_site_service"]),
            (tr("Per counter"), counters, self.answer["by_counter"]),
        ]
        pages: list[Callable[[QPainter], None]] = []
        for title, columns, rows in blocks:
            chunks = [rows[i : i + per_page] for i in range(0, len(rows), per_page)] or [[]]
            for chunk in chunks:
                pages.append(lambda p, t=title, c=columns, r=chunk: self._table_page(p, t, c, r))
        return pages

    def _table_page(
        self, painter: QPainter, title: str, columns: list[Column], rows: list[dict]
    ) -> None:
        top = self._header(painter, title)
        if not rows:
            self.text(
                painter,
                QRectF(self.margin, top, self.width, self.mm(8)),
                tr("No visits in these days."),
                10,
            )
            return
        self._table(painter, top, columns, rows)

    def _table(
        self, painter: QPainter, top: float, columns: list[Column], rows: list[dict]
    ) -> None:
        """A table: names whole, headers wrapped over up to three lines, numbers
        right-aligned, every other row greyed (readable in black and white). A table too
        wide for the page takes a slightly smaller type (down to 6.5 pt) before its names
        are cut with "…"."""
        width = self.width - 2 * self.margin
        pad = self.mm(0.8)
        headers = [c.header() for c in columns]
        cells = [[c.show(c.raw(r)) for c in columns] for r in rows]
        names = [i for i, c in enumerate(columns) if c.show is str]
        for points in TABLE_POINTS:
            head_font, cell_font = self.font(points, bold=True), self.font(points)
            head_metrics = QFontMetricsF(head_font, self.writer)
            cell_metrics = QFontMetricsF(cell_font, self.writer)
            widths, whole = column_widths(
                width,
                [head_metrics.horizontalAdvance(h) for h in headers],
                [max(head_metrics.horizontalAdvance(w) for w in words(h)) for h in headers],
                [max((cell_metrics.horizontalAdvance(line[i]) for line in cells), default=0)
                 for i in range(len(columns))],
                names,
                extra=2 * pad + 2,  # + 2: rounding never elides
                name_gap=self.mm(2.5),  # a name never runs into the next one
                least_name=self.mm(18),
            )  # fmt: skip
            if whole:
                break
        wrap = int(Qt.TextFlag.TextWordWrap)
        head_h = max(
            self.row_h * 1.8,
            *(
                head_metrics.boundingRect(QRectF(0, 0, w - 2 * pad, self.height), wrap, h).height()
                + self.mm(1)
                for h, w in zip(headers, widths, strict=True)
            ),
        )
        x = self.margin
        painter.setFont(head_font)
        painter.setPen(QColor("#111111"))
        for index, (header, w) in enumerate(zip(headers, widths, strict=True)):
            align = Qt.AlignmentFlag.AlignLeft if index in names else Qt.AlignmentFlag.AlignRight
            painter.drawText(
                QRectF(x + pad, top, w - 2 * pad, head_h),
                int(align | Qt.AlignmentFlag.AlignBottom) | int(Qt.TextFlag.TextWordWrap),
                header,
            )
            x += w
        y = top + head_h
        painter.setPen(QPen(QColor("#111111"), self.mm(0.3)))
        painter.drawLine(round(self.margin), round(y), round(self.margin + width), round(y))
        painter.setFont(cell_font)
        for number, line in enumerate(cells):
            if number % 2:
                painter.fillRect(QRectF(self.margin, y, width, self.row_h), GREY_ROW)
            painter.setPen(QColor("#111111"))
            x = self.margin
            for index, (text, w) in enumerate(zip(line, widths, strict=True)):
                shown = cell_metrics.elidedText(text, Qt.TextElideMode.ElideRight, w - 2 * pad)
                align = (
                    Qt.AlignmentFlag.AlignLeft if index in names else Qt.AlignmentFlag.AlignRight
                )
                painter.drawText(
                    QRectF(x + pad, y, w - 2 * pad, self.row_h),
                    int(align | Qt.AlignmentFlag.AlignVCenter),
                    shown,
                )
                x += w
            y += self.row_h


def words(header: str) -> list[str]:
    """The pieces a header may wrap between: its words, and the parts of a long word
    around a soft hyphen (U+00AD, in Dutch compounds: "Feedback\u00adantwoorden"), where
    Qt breaks it with a hyphen."""
    pieces = []
    for word in header.split():
        *broken, last = word.split("\u00ad")
        pieces += [piece + "-" for piece in broken] + [last]
    return pieces


def column_widths(
    width: float,
    header: list[float],
    longest_word: list[float],
    body: list[float],
    names: list[int],
    extra: float,
    name_gap: float,
    least_name: float,
) -> tuple[list[float], bool]:
    """The widths of a table's columns on ``width``: every name column gets its longest
    name; the figures get their header on two lines when there is room, else narrower
    (down to the header's longest word, wrapping onto a third line); only then do the
    names give way (down to ``least_name``). What is left over is shared out evenly.
    Also says whether every name has its whole width."""
    roomy, least = [], []
    for index, (full, word, cells) in enumerate(zip(header, longest_word, body, strict=True)):
        if index in names:
            need = max(full, cells) + extra + name_gap
            roomy.append(need)
            least.append(need)
        else:
            roomy.append(max(word, full / 2 * 1.2, cells) + extra)
            least.append(max(word, cells) + extra)
    if sum(roomy) <= width:
        return [w * width / sum(roomy) for w in roomy], True
    if sum(least) <= width:  # figures give way first, each as far as its header allows
        slack = sum(roomy) - sum(least)
        short = sum(roomy) - width
        shrunk = [lo + (hi - lo) * (1 - short / slack) for lo, hi in zip(least, roomy, strict=True)]
        return shrunk, True
    figures = sum(least[i] for i in range(len(least)) if i not in names)
    room = sum(least[i] for i in names)
    left = max(width - figures, 0)
    widths = [
        max(least_name, least[i] * left / room) if i in names else least[i]
        for i in range(len(least))
    ]
    return [w * width / sum(widths) for w in widths], False


def write_report(
    path: Path | str,
    answer: dict,
    context: ReportContext,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the whole report; returns its number of pages."""
    report = Report(path, answer, context)
    more = True
    while more:
        more = report.write_next()
        if progress is not None:
            progress(report.written, report.page_count)
    return report.page_count
