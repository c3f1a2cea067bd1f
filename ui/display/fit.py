"""A one-line label whose text shrinks to fit instead of being cut.

The style sheet gives the largest size (the number as big as the screen allows); a long
counter name ("Salle du conseil municipal") or a narrow screen gets a smaller font, never
a clipped word. Only the painting changes: size hints and accessibility stay QLabel's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy

MIN_RATIO = 0.3


class FitLabel(QLabel):
    def __init__(self, role: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter):
        super().__init__()
        self.setObjectName(role)
        self.setAlignment(align)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def fitted_pixel_size(self) -> float:
        """The font size the text is painted at (the style sheet's, or less to fit)."""
        font = self.font()
        full = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        text = self.text()
        rect = self.contentsRect()
        if not text or rect.width() <= 0:
            return full
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text)
        ratio = min(
            1.0,
            rect.width() / width if width else 1.0,
            rect.height() / metrics.height() if metrics.height() else 1.0,
        )
        return full * max(MIN_RATIO, ratio)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        font = self.font()
        size = self.fitted_pixel_size()
        font.setPixelSize(max(1, int(size)))
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.text())
