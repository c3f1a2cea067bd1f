"""The headline figures of the chosen days: one card each, in two rows.

Counts, waits (median and 90th percentile), the service level against the site's target
("seen within 15 min", see :mod:`kiosk.services.service_level`), the median service time,
the shares (solved on site, priority) and the visitors' feedback (the share of each face
and how many answered). Under each figure, the same figure for the period before (the
previous month for a month), so a manager sees which way it went. The three faces are
drawn, so they need no emoji font and print in black and white.
"""

from __future__ import annotations

from datetime import date

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
    ("service_level_share", fmt.share),
    ("service_p50_s", fmt.minutes),
    ("solved_share", fmt.share),
    ("priority_share", fmt.share),
)
COLUMNS = 8
FACES = (3, 2, 1)


def captions(target: dict | None = None) -> dict[str, str]:
    """Each card's caption; ``target``: the answer's ``service_level_target``."""
    target = target or {"share": 0.85, "minutes": 15}
    return {
        "issued": tr("Visitors"),
        "served": tr("Served"),
        "no_show": tr("No-shows"),
        "cancelled": tr("Cancelled (visits)"),
        "transferred_out": tr("Transfers"),
        "unmet": tr("Unmet demand"),
        "reception": tr("Issued by reception"),
        "wait_p50_s": tr("Median wait"),
        "wait_p90_s": tr("Wait, 90th pct."),
        "service_level_share": tr("Seen within {0} min (target {1})").format(
            target["minutes"], fmt.share(target["share"])
        ),
        "service_p50_s": tr("Median service"),
        "solved_share": tr("Solved on site"),
        "priority_share": tr("Priority tickets"),
    }


def hints() -> dict[str, str]:
    return {
        "service_level_share": tr(
            "Visitors called within the target wait, of all visitors called or gone uncalled "
            "after it."
        ),
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
        self.before = label(role="caption")
        column.addWidget(self.value)
        column.addWidget(self.caption)
        column.addWidget(self.before)

    def set(self, text: str, caption: str, hint: str = "", before: str = "") -> None:
        self.value.setText(text)
        self.caption.setText(caption)
        self.before.setText(before)
        self.before.setVisible(bool(before))
        self.setToolTip(hint)
        self.setAccessibleName(f"{caption}: {text}" + (f" ({before})" if before else ""))


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


def before_text(show, previous: dict | None, key: str) -> str:
    """``avant : 12,5 min``: the figure of the period before, or nothing without one."""
    if not previous:
        return ""
    return tr("before: {0}").format(show(previous["headline"].get(key)))


def feedback_caption(answers: int) -> str:
    """``Avis des usagers (1 réponse)``: the noun agrees with the count, as each language
    wants (French takes the singular for 0 and 1)."""
    return tr("Visitors' feedback (%Ln answer(s))", None, answers)


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
        self.previous: dict | None = None
        self.target: dict | None = None

    def show_headline(
        self, headline: dict, previous: dict | None = None, target: dict | None = None
    ) -> None:
        """``previous``: the answer's ``previous`` (its period and headline)."""
        self.headline, self.previous, self.target = headline, previous, target
        names, tips = captions(target), hints()
        span = ""
        if previous:
            span = tr("Previous period: {0}").format(
                fmt.span(date.fromisoformat(previous["from"]), date.fromisoformat(previous["to"]))
            )
        for key, show in CARDS:
            hint = "\n".join(t for t in (tips.get(key, ""), span) if t)
            self.cards[key].set(
                show(headline.get(key)), names[key], hint, before_text(show, previous, key)
            )
        self.feedback.set(headline)

    def retranslate(self) -> None:
        self.show_headline(self.headline, self.previous, self.target)

    def text_of(self, key: str) -> str:
        return self.cards[key].value.text()
