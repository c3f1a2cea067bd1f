"""Three drawn faces for "How was your visit?": no emoji font needed, readable by all."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy

from ui.theme import MIN_TOUCH_PX

FACE_COLOURS = {3: "#1B7F3B", 2: "#8A6D00", 1: "#A4262C"}


class FaceButton(QPushButton):
    """``score`` 3 = happy, 2 = neutral, 1 = unhappy; the caption sits under the face."""

    def __init__(self, score: int, caption: str):
        super().__init__()
        self.score = score
        self.caption = caption
        self.setMinimumSize(MIN_TOUCH_PX * 2, MIN_TOUCH_PX * 2)
        self.setMaximumHeight(MIN_TOUCH_PX * 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(caption)
        self.setStyleSheet("QPushButton { background: white; border: 3px solid #3D4650;"
                           " border-radius: 18px; } QPushButton:focus { border: 6px solid"
                           " #E8A317; }")

    def set_caption(self, caption: str) -> None:
        self.caption = caption
        self.setAccessibleName(caption)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(FACE_COLOURS[self.score])
        caption_h = self.height() * 0.22
        side = min(self.width(), self.height() - caption_h) * 0.7
        centre = QPointF(self.width() / 2, (self.height() - caption_h) / 2 + 6)
        painter.setPen(QPen(colour, max(4.0, side / 18)))
        painter.drawEllipse(centre, side / 2, side / 2)
        painter.setBrush(colour)
        for dx in (-side / 6, side / 6):
            painter.drawEllipse(QPointF(centre.x() + dx, centre.y() - side / 8), side / 18,
                                side / 18)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        mouth = QPainterPath()
        left = QPointF(centre.x() - side / 5, centre.y() + side / 6)
        right = QPointF(centre.x() + side / 5, centre.y() + side / 6)
        bend = {3: side / 6, 2: 0.0, 1: -side / 8}[self.score]
        mouth.moveTo(left)
        mouth.quadTo(QPointF(centre.x(), left.y() + bend), right)
        painter.drawPath(mouth)
        painter.setPen(QColor("#111111"))
        font = painter.font()
        font.setPixelSize(max(18, round(caption_h * 0.45)))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, self.height() - caption_h, self.width(), caption_h - 8),
                         Qt.AlignmentFlag.AlignCenter, self.caption)
