"""The quality poster on A3 paper: the page of :mod:`kiosk.publish.page` laid out by Qt's
rich text into a PDF (QPdfWriter), the chart drawn from its SVG (QtSvg) as an image.

One page of A3 portrait, to pin at the reception desk; the same words and figures as the
``/quality`` page, since both come from the same HTML. :func:`run_publish` is ``kiosk
publish``: the core's publication with the posters laid out here.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kiosk.clock import Clock
from kiosk.publish import command
from kiosk.publish.figures import Published
from kiosk.publish.page import chart_svg, page
from kiosk.siteconfig import SiteConfig

DPI = 150
A3_MM = (297, 420)
MARGIN_MM = 15
#: The smallest scale a long poster is drawn at (still readable on A3 from a step away).
MIN_SHRINK = 0.6
CHART_SCALE = 2


def run_publish(
    config: SiteConfig, db_url: str, year: int, out: Path, clock: Clock | None = None
) -> list[Path]:
    """``kiosk publish``: :func:`kiosk.publish.command.run` with :func:`write_poster` for the
    PDFs; returns the files written."""
    return command.run(config, db_url, year, out, clock, write_poster=write_poster)


def write_poster(
    path: Path, published: Published, config: SiteConfig, language: str, made: date
) -> Path:
    """Write the poster of ``language`` to ``path`` (PDF, A3 portrait)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, QUrl
    from PySide6.QtGui import (
        QImage,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )
    from PySide6.QtSvg import QSvgRenderer

    from ui.app import application

    application()
    svg = chart_svg(published, config, language)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    chart = QImage(size.width() * CHART_SCALE, size.height() * CHART_SCALE,
                   QImage.Format.Format_ARGB32)  # fmt: skip
    chart.fill(0xFFFFFFFF)
    painter = QPainter(chart)
    renderer.render(painter)
    painter.end()

    writer = QPdfWriter(str(path))  # one A3 page
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A3),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{config.site.name} — {published.year}")
    writer.setCreator("kiosk publish")
    # Qt's rich text measures points at the screen's resolution: lay the page out there,
    # then scale the painter to the writer's.
    scale = DPI / application().primaryScreen().logicalDotsPerInchX()
    width = (A3_MM[0] - 2 * MARGIN_MM) / 25.4 * DPI / scale
    height = (A3_MM[1] - 2 * MARGIN_MM) / 25.4 * DPI / scale
    image_w = round(width * 0.96)
    image_h = round(image_w * size.height() / size.width())
    image = f'<p><img src="chart.png" width="{image_w}" height="{image_h}"></p>'
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart.png"), chart)
    font = document.defaultFont()
    font.setFamily("DejaVu Sans")
    document.setDefaultFont(font)
    document.setHtml(page(published, config, language, made, chart=image, poster=True))
    # Many partners make a long table: the whole poster then takes a smaller scale (laid
    # out on a wider page, drawn smaller) rather than losing its end past the paper's.
    shrink = 1.0
    while True:
        document.setTextWidth(width / shrink)
        if document.size().height() * shrink <= height or shrink <= MIN_SHRINK:
            break
        shrink = max(MIN_SHRINK, shrink * 0.95)
    document.setPageSize(QSizeF(width / shrink, height / shrink))
    painter = QPainter(writer)
    painter.scale(scale * shrink, scale * shrink)
    document.drawContents(painter, QRectF(0, 0, width / shrink, height / shrink))
    painter.end()
    return path
