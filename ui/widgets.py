"""Touch-screen building blocks shared by the screens: tiles, a QR code, a keypad, a banner."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.pictograms import Pictogram
from ui.theme import MIN_TOUCH_PX, text_on


class TouchButton(QPushButton):
    """A large button whose text wraps (a plain QPushButton's text never does), so the
    same screen fits French, English and Dutch at portrait and landscape sizes."""

    def __init__(self, text: str = ""):
        super().__init__()
        self._label = QLabel()
        self._label.setObjectName("buttonText")
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.addWidget(self._label)
        self.setMinimumWidth(MIN_TOUCH_PX)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._label.setText(text)
        self.setAccessibleName(text.replace("\n", " "))

    def text(self) -> str:
        return self._label.text()

    def sizeHint(self) -> QSize:
        hint = self._label.sizeHint()
        return QSize(hint.width() + 40, max(MIN_TOUCH_PX, hint.height() + 30))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TOUCH_PX, MIN_TOUCH_PX)


def timer(parent: QWidget, ms: int, slot, *, single: bool = False) -> QTimer:
    """A timer owned by ``parent`` (stopped with it), calling ``slot``."""
    made = QTimer(parent, singleShot=single, interval=ms)
    made.timeout.connect(slot)
    return made


def big_button(text: str, *, name: str = "", secondary: bool = False,
               accessible: str = "") -> TouchButton:
    button = TouchButton(text)
    button.setMinimumHeight(MIN_TOUCH_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if secondary:
        button.setObjectName("secondary")
    if name:
        button.setProperty("testName", name)
    if accessible:
        button.setAccessibleName(accessible)
    return button


def label(text: str = "", *, role: str = "", wrap: bool = True,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    widget.setAlignment(align)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class ServiceTile(QPushButton):
    """A service: its pictogram, its label in the visitor's language, who waits and for how
    long.

    The texts are word-wrapped labels inside the button (a button's own text never wraps),
    so long French labels fit a narrow portrait screen.
    """

    def __init__(self, code: str, colour: str, icon: str = ""):
        super().__init__()
        self.code = code
        self.colour = colour
        self.setMinimumHeight(MIN_TOUCH_PX)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        self.pictogram = Pictogram(icon, text_on(colour))
        row.addWidget(self.pictogram)
        inner = QVBoxLayout()
        row.addLayout(inner, stretch=1)
        self.title = label(role="tileTitle")
        self.detail = label(role="tileDetail")
        for part in (self.title, self.detail):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            part.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            inner.addWidget(part)
        self.set_state(code, "", open_=True)

    def resizeEvent(self, event) -> None:
        """The pictogram grows with the tile (a tall portrait tile gets a large one)."""
        super().resizeEvent(event)
        side = max(48, min(112, round(self.height() * 0.4), round(self.width() * 0.22)))
        if self.pictogram.width() != side:
            self.pictogram.setFixedSize(side, side)

    def set_state(self, title: str, detail: str, *, open_: bool) -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{title}. {detail}" if detail else title)
        background = self.colour if open_ else "#5F6670"
        self.setProperty("open", open_)
        if getattr(self, "_background", None) == background:
            return  # restyling is costly (Qt re-parses the sheet): only when it changes
        self._background = background
        colour = text_on(background)
        self.pictogram.set_colour(colour)
        self.setStyleSheet(
            f"QPushButton {{ background: {background}; border: 3px solid {background}; }}"
            "QPushButton:focus { border: 6px solid #E8A317; }"
            f"QLabel {{ background: transparent; color: {colour}; }}"
            "QLabel#tileTitle { font-weight: bold; }"
        )


class QrCode(QWidget):
    """A QR code drawn with Qt from qrcode's module matrix (crisp at any size)."""

    def __init__(self, payload: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.payload = ""
        self.set_payload(payload)
        self.setMinimumSize(180, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("QR code")

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        if payload:
            code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
            code.add_data(payload)
            code.make(fit=True)
            self._matrix = code.get_matrix()
        else:
            self._matrix = []
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(self.rect(), QColor("white"))
        if not self._matrix:
            return
        cells = len(self._matrix)
        cell = side / cells
        x0, y0 = (self.width() - side) / 2, (self.height() - side) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for row, line in enumerate(self._matrix):
            for col, dark in enumerate(line):
                if dark:
                    painter.drawRect(QRectF(x0 + col * cell, y0 + row * cell, cell + 0.5,
                                            cell + 0.5))


class Keypad(QWidget):
    """Digits 0–9, "Erase" and OK, big enough for any finger, under a box showing the code
    typed so far, one slot per digit. Signals: ``submitted(str)``, ``changed(str)``.

    ``exact``: the code has exactly ``max_len`` digits (appointments): OK waits for the last
    one, and the empty slots show how many are left.
    """

    submitted = Signal(str)
    changed = Signal(str)

    def __init__(self, max_len: int = 6, secret: bool = False, exact: bool = False):
        super().__init__()
        self.max_len, self.secret, self.exact = max_len, secret, exact
        self.value = ""
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self.display = label("", role="codeBox")
        self.display.setAccessibleName("code")
        grid.addWidget(self.display, 0, 0, 1, 3)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), 1 + index // 3, index % 3)
        self.erase = big_button("Erase", secondary=True, name="erase")
        self.erase.clicked.connect(self._erase)
        grid.addWidget(self.erase, 4, 0)
        grid.addWidget(self._key("0"), 4, 1)
        self.ok = big_button("OK", accessible="OK", name="ok")
        self.ok.clicked.connect(lambda: self.submitted.emit(self.value))
        grid.addWidget(self.ok, 4, 2)
        self._refresh()

    def set_texts(self, erase: str, ok: str = "OK") -> None:
        """The keys' words in the visitor's language ("Effacer", not a symbol)."""
        self.erase.setText(erase)
        self.ok.setText(ok)

    def _key(self, digit: str) -> QPushButton:
        button = big_button(digit, secondary=True, accessible=digit)
        button.clicked.connect(lambda: self.press(digit))
        return button

    def press(self, digit: str) -> None:
        if len(self.value) < self.max_len:
            self.value += digit
            self._refresh()

    def _erase(self) -> None:
        self.value = self.value[:-1]
        self._refresh()

    def clear(self) -> None:
        self.value = ""
        self._refresh()

    def _refresh(self) -> None:
        shown = "•" * len(self.value) if self.secret else self.value
        if self.exact:
            shown = " ".join(shown.ljust(self.max_len, "_"))
        self.display.setText(shown or "_" * self.max_len)
        self.ok.setEnabled(len(self.value) == self.max_len if self.exact else bool(self.value))
        self.changed.emit(self.value)


class Banner(QLabel):
    """A strip across the screen for kind messages (hub unreachable, printer fault)."""

    def __init__(self):
        super().__init__()
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def show_message(self, level: str, text: str) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()


class LongPressCorner(QWidget):
    """An invisible corner that staff hold for 3 s to reach the PIN prompt (lock-down).

    A short tap is not a staff gesture: it is passed on to whatever lies under the corner
    (the first button of the top row), so the corner takes nothing away from visitors.
    """

    held = Signal()
    HOLD_MS = 3000

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.resize(120, 120)
        self._timer = QTimer(self, singleShot=True, interval=self.HOLD_MS)
        self._timer.timeout.connect(self.held)
        self.setAccessibleName("staff corner")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._timer.isActive():
            return  # held long enough: the PIN page has opened
        self._timer.stop()
        self._pass_on(event)

    def _pass_on(self, event: QMouseEvent) -> None:
        parent = self.parentWidget()
        point = self.mapTo(parent, event.position().toPoint())
        self.hide()  # childAt must see what lies beneath
        target = parent.childAt(point)
        self.show()
        self.raise_()
        if target is None:
            return
        local = QPointF(target.mapFrom(parent, point))
        for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                              (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
            QApplication.sendEvent(target, QMouseEvent(
                kind, local, event.globalPosition(), Qt.MouseButton.LeftButton, buttons,
                Qt.KeyboardModifier.NoModifier))
