"""Pictograms for the service tiles, drawn with Qt's painter: no image files, no downloads.

A visitor who reads little finds a service by its picture: a cross for health, a briefcase
for work, a family for the CAF. Each pictogram is drawn in a 100 × 100 box with the tile's
text colour, so it keeps the tile's contrast in every theme. The site file names the
pictogram of each service (``icon = "health"``); an unknown or empty name draws nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def _person(p: QPainter, x: float, y: float, h: float) -> None:
    """A person standing with feet at ``y``, ``h`` tall, centred on ``x``."""
    head = h * 0.22
    p.drawEllipse(QPointF(x, y - h + head), head, head)
    body = QRectF(x - h * 0.22, y - h + head * 2.3, h * 0.44, h - head * 2.3)
    p.drawRoundedRect(body, h * 0.15, h * 0.15)


def _reception(p: QPainter) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(12, 12, 76, 76))
    p.setBrush(p.pen().color())
    p.drawEllipse(QPointF(50, 31), 6, 6)
    p.drawRoundedRect(QRectF(44, 43, 12, 32), 3, 3)


def _question(p: QPainter) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(12, 12, 76, 76))
    font = QFont("DejaVu Sans")
    font.setPixelSize(56)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(12, 12, 76, 76), Qt.AlignmentFlag.AlignCenter, "?")


def _computer(p: QPainter) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(14, 18, 72, 48), 5, 5)
    p.setBrush(p.pen().color())
    p.drawRect(QRectF(44, 66, 12, 12))
    p.drawRoundedRect(QRectF(28, 78, 44, 7), 3, 3)


def _health(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    p.drawRoundedRect(QRectF(38, 12, 24, 76), 4, 4)
    p.drawRoundedRect(QRectF(12, 38, 76, 24), 4, 4)


def _work(p: QPainter) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(36, 16, 28, 16), 4, 4)
    p.setBrush(p.pen().color())
    p.drawRoundedRect(QRectF(12, 30, 76, 54), 7, 7)


def _family(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    _person(p, 28, 88, 70)
    _person(p, 72, 88, 66)
    _person(p, 50, 88, 40)


def _childcare(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    _person(p, 36, 88, 74)
    _person(p, 70, 88, 42)


def _youth(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    _person(p, 32, 88, 56)
    _person(p, 68, 88, 56)


def _baby(p: QPainter) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    path.moveTo(16, 40)
    path.lineTo(84, 40)
    path.arcTo(QRectF(16, 12, 68, 60), 0, -180)
    p.drawPath(path)
    p.drawLine(QPointF(84, 40), QPointF(92, 22))
    p.setBrush(p.pen().color())
    p.drawEllipse(QPointF(32, 80), 8, 8)
    p.drawEllipse(QPointF(68, 80), 8, 8)


def _social(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    heart = QPainterPath()
    heart.moveTo(50, 84)
    heart.cubicTo(10, 56, 10, 18, 34, 18)
    heart.cubicTo(44, 18, 50, 28, 50, 32)
    heart.cubicTo(50, 28, 56, 18, 66, 18)
    heart.cubicTo(90, 18, 90, 56, 50, 84)
    p.drawPath(heart)


def _handshake(p: QPainter) -> None:
    p.setBrush(p.pen().color())
    p.drawRoundedRect(QRectF(8, 40, 46, 18), 8, 8)
    p.drawRoundedRect(QRectF(46, 40, 46, 18), 8, 8)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(30, 28, 40, 40), 30 * 16, 120 * 16)


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "reception": _reception,
    "other": _question,
    "computer": _computer,
    "health": _health,
    "work": _work,
    "family": _family,
    "childcare": _childcare,
    "youth": _youth,
    "baby": _baby,
    "social": _social,
    "handshake": _handshake,
}


def draw(painter: QPainter, name: str, rect: QRectF, colour: str) -> bool:
    """Draw pictogram ``name`` fitted in ``rect``; False (nothing drawn) if unknown."""
    drawing = DRAWINGS.get(name)
    if drawing is None:
        return False
    side = min(rect.width(), rect.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.center().x() - side / 2, rect.center().y() - side / 2)
    painter.scale(side / 100, side / 100)
    painter.setPen(QPen(QColor(colour), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    drawing(painter)
    painter.restore()
    return True


class Pictogram(QWidget):
    """A pictogram as a widget, square, scaled to the space it is given."""

    def __init__(self, name: str = "", colour: str = "#FFFFFF", parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.colour = name, colour
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(64, 64)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setVisible(name in DRAWINGS)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        draw(painter, self.name, QRectF(self.rect()).adjusted(2, 2, -2, -2), self.colour)
