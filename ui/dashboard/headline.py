"""The headline figures of the chosen days: one card each, in two rows.

Counts, waits (median and 90th percentile), the median service time, the shares (solved on
site, priority) and the visitors' feedback (the share of each face and how many answered).
The three faces are drawn, so they need no emoji font and print in black and white.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.dashboard import fmt
from ui.i18n import tr
from ui.widgets import label

#: (key, how to show it); a key's caption comes from :func:`captions`.
CARDS = (
    ("issued", fmt.count),
    ("served", fmt.count),
    ("no_show", fmt.count),
    ("cancelled", fmt.count),
    ("transferred_out", fmt.count),
    ("unmet", fmt.count),
    ("reception", fmt.count),
    ("wait_p50_s", fmt.minutes),
    ("wait_p90_s", fmt.minutes),
    ("service_p50_s", fmt.minutes),
    ("solved_share", fmt.share),
    ("priority_share", fmt.share),
)
COLUMNS = 7
FACES = (3, 2, 1)


def captions() -> dict[str, str]:
    return {
        "issued": tr("Visitors"),
        "served": tr("Served"),
        "no_show": tr("No-shows"),
        "cancelled": tr("Cancelled"),
        "transferred_out": tr("Transfers"),
        "unmet": tr("Unmet demand"),
        "reception": tr("Issued by reception"),
        "wait_p50_s": tr("Median wait"),
        "wait_p90_s": tr("Wait, 90th pct."),
        "service_p50_s": tr("Median service"),
        "solved_share": tr("Solved on site"),
        "priority_share": tr("Priority tickets"),
    }


def hints() -> dict[str, str]:
    return {
        "issued": tr("Tickets issued: a transfer is not a new visitor."),
        "unmet": tr("Services asked for at the kiosk while closed or absent."),
        "wait_p90_s": tr("Nine visitors in ten waited less than this."),
        "solved_share": tr('Visits finished with the outcome "solved here", of those served.'),
        "priority_share": tr("Priority tickets, of all visitors."),
    }


def face_name(score: int) -> str:
    return {3: tr("Happy"), 2: tr("Neutral"), 1: tr("Unhappy")}[score]


class Card(QFrame):
    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.setObjectName("kpi")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)
        column.setSpacing(0)
        self.value = label(fmt.MISSING, role="figure", wrap=False)
        self.caption = label(role="caption")
        column.addWidget(self.value)
        column.addWidget(self.caption)

    def set(self, text: str, caption: str, hint: str = "") -> None:
        self.value.setText(text)
        self.caption.setText(caption)
        self.setToolTip(hint)
        self.setAccessibleName(f"{caption}: {text}")


class Face(QWidget):
    """A small face drawn in ink: 3 happy, 2 neutral, 1 unhappy."""

    def __init__(self, score: int):
        super().__init__()
        self.score = score
        self.setFixedSize(QSize(22, 22))

    def paintEvent(self, event) -> None:
        paint_face(QPainter(self), QRectF(self.rect()).adjusted(2, 2, -2, -2), self.score)


def paint_face(painter: QPainter, box: QRectF, score: int) -> None:
    """Also used by the PDF report."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(box.width(), box.height())
    centre = box.center()
    painter.setPen(QPen(Qt.GlobalColor.black, max(1.2, side / 12)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, side / 2, side / 2)
    painter.setBrush(Qt.GlobalColor.black)
    for dx in (-side / 6, side / 6):
        painter.drawEllipse(QPointF(centre.x() + dx, centre.y() - side / 8), side / 16, side / 16)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    mouth = QPainterPath()
    left = QPointF(centre.x() - side / 5, centre.y() + side / 6)
    right = QPointF(centre.x() + side / 5, centre.y() + side / 6)
    mouth.moveTo(left)
    mouth.quadTo(QPointF(centre.x(), left.y() + {3: side / 6, 2: 0.0, 1: -side / 7}[score]), right)
    painter.drawPath(mouth)


class FeedbackCard(QFrame):
    def __init__(self):
        super().__init__()
        self.setObjectName("kpi")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.shares: dict[int, QLabel] = {}
        for score in FACES:
            row.addWidget(Face(score))
            self.shares[score] = label(fmt.MISSING, role="figure", wrap=False)
            row.addWidget(self.shares[score])
            row.addSpacing(8)
        row.addStretch(1)
        column.addLayout(row)
        self.caption = label(role="caption")
        column.addWidget(self.caption)

    def set(self, headline: dict) -> None:
        answers = headline.get("feedback_answers", 0)
        shares = headline.get("feedback_shares", {})
        for score, widget in self.shares.items():
            widget.setText(fmt.share(shares.get(str(score))))
            widget.setToolTip(face_name(score))
        self.caption.setText(feedback_caption(answers))
        self.setAccessibleName(
            self.caption.text()
            + ": "
            + ", ".join(f"{face_name(s)} {w.text()}" for s, w in self.shares.items())
        )


def feedback_caption(answers: int) -> str:
    return tr("Visitors' feedback ({0} answers)").format(fmt.count(answers))


class HeadlineGrid(QWidget):
    def __init__(self):
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.cards = {key: Card(key) for key, _ in CARDS}
        for index, (key, _) in enumerate(CARDS):
            grid.addWidget(self.cards[key], index // COLUMNS, index % COLUMNS)
        self.feedback = FeedbackCard()
        last = len(CARDS)
        grid.addWidget(self.feedback, last // COLUMNS, last % COLUMNS, 1, COLUMNS - last % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.headline: dict = {}

    def show_headline(self, headline: dict) -> None:
        self.headline = headline
        names, tips = captions(), hints()
        for key, show in CARDS:
            self.cards[key].set(show(headline.get(key)), names[key], tips.get(key, ""))
        self.feedback.set(headline)

    def retranslate(self) -> None:
        self.show_headline(self.headline)

    def text_of(self, key: str) -> str:
        return self.cards[key].value.text()
