"""The dashboard's charts (QtCharts), built from the hub's ``/api/stats`` answer.

Readable in black and white: bars are ink outlines over greys with a hatching each, the
comparison line is dashed and the day line carries markers, so a photocopy loses nothing.
Texts come through :func:`ui.i18n.tr` and numbers through the UI language's locale. Each
builder returns a new :class:`QChart`: the window shows them in views, the PDF report
renders them to images (:func:`render`).
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QLocale, QMargins, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ui.dashboard.style import GREYS, INK
from ui.i18n import tr

HATCHES = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.CrossPattern)
DAY_HOURS = (8, 18)  # always shown, so that mornings compare at a glance
LABEL_CHARS = 26


def _bar_set(name: str, values: list[float], index: int) -> QBarSet:
    bars = QBarSet(name)
    bars.append([float(v) for v in values])
    brush = QBrush(QColor(GREYS[index % len(GREYS)]), HATCHES[index % len(HATCHES)])
    if index % len(HATCHES):
        brush.setColor(QColor(INK))
        bars.setColor(QColor(GREYS[2]))
    bars.setBrush(brush)
    bars.setPen(QPen(QColor(INK), 1.2))
    bars.setLabelColor(QColor(INK))
    return bars


def _chart(title: str, font_px: int) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont("DejaVu Sans")
    title_font.setPixelSize(round(font_px * 1.05))
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setTitleBrush(QBrush(QColor(INK)))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QBrush(QColor("white")))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setLocalizeNumbers(True)
    chart.setLocale(QLocale())
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend_font = QFont("DejaVu Sans")
    legend_font.setPixelSize(round(font_px * 0.85))
    legend.setFont(legend_font)
    legend.setLabelColor(QColor(INK))
    return chart


def _style_axis(axis: QAbstractAxis, font_px: int, title: str = "") -> None:
    font = QFont("DejaVu Sans")
    font.setPixelSize(round(font_px * 0.8))
    axis.setLabelsFont(font)
    axis.setLabelsColor(QColor(INK))
    axis.setLinePen(QPen(QColor(INK), 1))
    axis.setGridLineColor(QColor("#D5DBE1"))
    if title:
        title_font = QFont("DejaVu Sans")
        title_font.setPixelSize(round(font_px * 0.8))
        axis.setTitleFont(title_font)
        axis.setTitleText(title)
        axis.setTitleBrush(QBrush(QColor(INK)))


def _count_axis(
    chart: QChart,
    highest: float,
    font_px: int,
    alignment,
    title: str = "",
) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(4.0, float(highest) * 1.08))  # room above the tallest bar
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")  # "%d" shows nothing on a real-valued axis
    axis.setMinorTickCount(0)
    _style_axis(axis, font_px, title)
    chart.addAxis(axis, alignment)
    return axis


def _categories(
    chart: QChart, names: list[str], font_px: int, alignment, title: str = ""
) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(names)
    _style_axis(axis, font_px, title)
    axis.setGridLineVisible(False)
    chart.addAxis(axis, alignment)
    return axis


def _attach(series, *axes) -> None:
    for axis in axes:
        series.attachAxis(axis)


def hour_label(hour: int) -> str:
    return QLocale().toString(hour)


def hours_chart(by_hour: dict[str, int], font_px: int = 16) -> QChart:
    """Visitors per hour of arrival (local time)."""
    counts = {int(h): n for h, n in by_hour.items()}
    busy = [h for h, n in counts.items() if n]
    first = min([DAY_HOURS[0], *busy])
    last = max([DAY_HOURS[1], *busy])
    hours = list(range(first, last + 1))
    chart = _chart(tr("Visitors per hour of arrival"), font_px)
    series = QBarSeries()
    series.append(_bar_set(tr("Visitors"), [counts.get(h, 0) for h in hours], 0))
    series.setBarWidth(0.8)
    chart.addSeries(series)
    x = _categories(
        chart,
        [hour_label(h) for h in hours],
        font_px,
        Qt.AlignmentFlag.AlignBottom,
        tr("hour of arrival"),
    )
    y = _count_axis(chart, max(counts.values(), default=0), font_px, Qt.AlignmentFlag.AlignLeft)
    _attach(series, x, y)
    chart.legend().hide()
    return chart


def service_label(row: dict, language: str) -> str:
    labels = row.get("labels") or {}
    text = labels.get(language) or labels.get("fr") or row["key"]
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def services_chart(by_service: list[dict], language: str, font_px: int = 16,
                   short: bool = False) -> QChart:
    """Visitors and served per service, biggest first. Wide: horizontal bars named by
    service. ``short`` (a narrow chart, where Qt would elide every name to "…"): upright
    bars labelled with the service codes underneath."""
    rows = sorted(by_service, key=lambda r: (r["issued"], r["key"]), reverse=short)
    chart = _chart(tr("Visitors per service"), font_px)
    series = QBarSeries() if short else QHorizontalBarSeries()
    series.append(_bar_set(tr("Visitors"), [r["issued"] for r in rows], 0))
    series.append(_bar_set(tr("Served"), [r["served"] for r in rows], 1))
    series.setBarWidth(0.8)
    chart.addSeries(series)
    names = [r["key"] if short else service_label(r, language) for r in rows] or [""]
    across = Qt.AlignmentFlag.AlignBottom if short else Qt.AlignmentFlag.AlignLeft
    counts = Qt.AlignmentFlag.AlignLeft if short else Qt.AlignmentFlag.AlignBottom
    categories = _categories(chart, names, round(font_px * 0.9), across)
    values = _count_axis(chart, max((r["issued"] for r in rows), default=0), font_px, counts)
    _attach(series, values, categories)
    return chart


def _msecs(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp() * 1000


SITE_PENS = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashDotLine, Qt.PenStyle.DotLine)


def day_runs(values: list[tuple[date, float | None]]) -> list[list[tuple[date, float]]]:
    """Split a day series where a value is missing (closed day, no data): each run is
    drawn as its own line, so a closed Sunday is a gap, never a zero joined to its
    neighbours."""
    runs: list[list[tuple[date, float]]] = [[]]
    for day, value in values:
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((day, value))
    return [run for run in runs if run]


def _line(chart: QChart, run: list[tuple[date, float]], name: str, pen: QPen,
          points: bool, marker: float) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    series.setPen(pen)
    for day, value in run:
        series.append(_msecs(day), value)
    series.setPointsVisible(points or len(run) == 1)  # a lone day draws no line, only a point
    series.setMarkerSize(marker)
    chart.addSeries(series)
    return series


def days_chart(by_day: list[dict], font_px: int = 16, today: date | None = None,
               site_names: dict[str, str] | None = None) -> QChart:
    """Visitors per day, one line per site (and both together when there are two), up to
    ``today``; closed days and days without data are gaps; today, not over yet, is a
    hollow point apart from the line; the mean of the same weekday over the four weeks
    before is dashed, up to today only (it is a comparison, not a forecast)."""
    chart = _chart(tr("Visitors per day"), font_px)
    chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)  # the dashes
    names = site_names or {}
    days = [(date.fromisoformat(r["day"]), r) for r in by_day]
    shown = [(d, r) for d, r in days if today is None or d <= today]
    past = [(d, r) for d, r in shown if today is None or d < today]
    sites = sorted({s for _, r in days for s in r.get("by_site", {})})
    marker = max(5, font_px * 0.35)
    few = len(days) <= 62
    lines: list[tuple[str, object]] = []  # (name, value of a row or None)
    for site in sites:
        lines.append((names.get(site, site),
                      lambda r, s=site: r.get("by_site", {}).get(s) or None))
    if len(sites) != 1:
        lines.append((tr("Both sites") if len(sites) > 1 else tr("Visitors"),
                      lambda r: None if r.get("closed") or (not r["issued"] and r.get(
                          "by_site") is not None) else r["issued"]))
    drawn: list[QLineSeries] = []
    mean_runs = day_runs([(d, None if r.get("closed") or not r["same_weekday_mean"]
                           else r["same_weekday_mean"]) for d, r in shown])
    for index, run in enumerate(mean_runs):
        series = _line(chart, run, tr("Same weekday, mean of the 4 weeks before"),
                       QPen(QColor(GREYS[0]), 2.0, Qt.PenStyle.DashLine), len(days) <= 2, marker)
        drawn.append(series)
        if index:
            _hide_in_legend(chart, series)
    for index, (name, value) in enumerate(lines):
        total = index == len(sites) and len(sites) > 1
        pen = QPen(QColor(GREYS[1] if total else INK), 3.0 if total else 2.2,
                   Qt.PenStyle.SolidLine if total else SITE_PENS[index % len(SITE_PENS)])
        for run_index, run in enumerate(day_runs([(d, value(r)) for d, r in past])):
            series = _line(chart, run, name, pen, few, marker)
            drawn.append(series)
            if run_index:
                _hide_in_legend(chart, series)
    if today is not None and any(d == today for d, _ in days):
        row = next(r for d, r in days if d == today)
        partial = QScatterSeries()
        partial.setName(tr("Today, so far"))
        partial.setMarkerSize(marker * 1.8)
        partial.setColor(QColor("white"))
        partial.setBorderColor(QColor(INK))
        values = [v for v in (value(row) for _, value in lines) if v is not None]
        for v in values:
            partial.append(_msecs(today), v)
        if values:
            chart.addSeries(partial)
            drawn.append(partial)
    x = QDateTimeAxis()
    x.setFormat("dd/MM" if len(days) > 1 else "dd/MM/yyyy")
    first, last = days[0][0], days[-1][0]
    half_day = 0.5 * 86_400_000 - 60_000  # from the first day's start to the last one's end
    x.setRange(_datetime(_msecs(first) - half_day), _datetime(_msecs(last) + half_day))
    x.setTickCount(min(8, max(2, len(days) + 1)))
    _style_axis(x, font_px, tr("day (gaps: closed or no data)"))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    highest = max([r["issued"] for _, r in days] + [r["same_weekday_mean"] for _, r in days])
    y = _count_axis(chart, highest, font_px, Qt.AlignmentFlag.AlignLeft, tr("visitors"))
    for series in drawn:
        _attach(series, x, y)
    return chart


def _hide_in_legend(chart: QChart, series) -> None:
    for marker in chart.legend().markers(series):
        marker.setVisible(False)


def _datetime(msecs: float) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(round(msecs))


def band_label(row: dict) -> str:
    low, high = row["from_min"], row["to_min"]
    return f"{low}–{high}" if high is not None else f"{low}+"


SLOT_MIN = 5  # the histogram's grid: every bar is five minutes wide


def wait_slots(histogram: list[dict]) -> tuple[list[tuple[int, int, float]], int]:
    """The hub's bands (0–5, 5–10, …, 20–30, 30–45, 45–60, 60–90, 90+) spread on a
    five-minute grid: a band 15 minutes wide becomes three slots each holding a third of
    its visitors. Equal bins, so no wide band shows a false peak; the open band (90+)
    cannot be spread and is returned apart: ``([(from, to, visitors per slot)], over)``."""
    slots: list[tuple[int, int, float]] = []
    over = 0
    for row in histogram:
        low, high = row["from_min"], row["to_min"]
        if high is None:
            over += row["count"]
            continue
        parts = max(1, (high - low) // SLOT_MIN)
        for part in range(parts):
            start = low + part * SLOT_MIN
            slots.append((start, start + SLOT_MIN, row["count"] / parts))
    return slots, over


def waits_chart(histogram: list[dict], font_px: int = 16) -> QChart:
    """How long visitors waited before their call: visitors per 5 minutes of waiting."""
    slots, over = wait_slots(histogram)
    title = tr("Waiting time before the call")
    if over:
        title += "\n" + tr("over {minutes} min: {n} visitors (not drawn)").format(
            minutes=max(r["from_min"] for r in histogram), n=over)
    chart = _chart(title, font_px)
    series = QBarSeries()
    series.append(_bar_set(tr("Visitors"), [round(v, 1) for _, _, v in slots], 1))
    series.setBarWidth(1.0)  # touching bars: one continuous time scale
    chart.addSeries(series)
    # Every third slot is named (0, 15, 30 …): the others would crowd the axis.
    x = _categories(
        chart,
        [(str(low) if low % 15 == 0 else " " * (index + 1)) for index, (low, _, _) in
         enumerate(slots)],
        font_px,
        Qt.AlignmentFlag.AlignBottom,
        tr("minutes of waiting (each bar: 5 minutes)"),
    )
    y = _count_axis(chart, max((v for _, _, v in slots), default=0), font_px,
                    Qt.AlignmentFlag.AlignLeft, tr("visitors per 5 minutes"))
    _attach(series, x, y)
    chart.legend().hide()
    return chart


def all_charts(answer: dict, language: str, font_px: int = 16,
               short: bool = False) -> dict[str, QChart]:
    return {
        "hours": hours_chart(answer["by_hour"], font_px),
        "services": services_chart(answer["by_service"], language, font_px, short),
        "days": days_chart(
            answer["by_day"],
            font_px,
            date.fromisoformat(answer["today"]) if "today" in answer else None,
            site_names(answer),
        ),
        "waits": waits_chart(answer["wait_histogram"], font_px),
    }


def site_names(answer: dict) -> dict[str, str]:
    """Slug → short name for the legend ("Enquin-les-Mines"), never the slug itself."""
    from ui.dashboard.names import known_site_names

    names = known_site_names()
    return {slug: names.get(slug, slug) for slug in answer.get("sites", [])}


def render(chart: QChart, width: int, height: int) -> QImage:
    """The chart drawn on a white image of ``width`` × ``height`` pixels (for the PDF)."""
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height))
    painter.end()
    scene.removeItem(chart)
    return image
