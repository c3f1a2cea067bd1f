"""The console's look: the touch screens' style sheet, scaled for a desk PC, and its buttons.

A counter is a desk PC at arm's length (1280×800 up to 1920×1080), not a kiosk read at
1.5 m: text is 18–24 px, buttons ~56 px high. Disabled buttons are pale grey, so that what
can be done now stands out from what cannot at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout

from ui.theme import BASE_FONT_PX, NORMAL, Palette, style_sheet
from ui.widgets import Banner, TouchButton

BUTTON_MIN_PX = 52
DISABLED_BG, DISABLED_TEXT, LINE = "#E1E5EA", "#5F6670", "#C5CDD6"


def scale_for(width: int, height: int) -> float:
    """0.6 at 1280×800 (18 px text), up to 0.8 at 1920×1080."""
    return round(max(0.55, min(0.8, 0.6 * width / 1280, 0.6 * height / 800)), 2)


def desk_style(scale: float, palette: Palette = NORMAL) -> str:
    body = round(BASE_FONT_PX * scale)
    return (
        style_sheet(palette, scale)
        + f"""
    QPushButton {{ min-height: 0px; padding: 4px 8px; border-radius: 8px;
                   font-size: {body}px; }}
    QLabel#buttonText {{ font-size: {body}px; }}
    QPushButton:disabled, QPushButton#secondary:disabled {{
        background: {DISABLED_BG}; border: 3px solid {DISABLED_BG}; }}
    QLabel#buttonText:disabled,
    QPushButton#secondary QLabel#buttonText:disabled {{ color: {DISABLED_TEXT}; }}
    QPushButton[compact="true"] QLabel#buttonText {{ font-size: {round(body * 0.85)}px; }}
    QWidget#keypad QPushButton {{ min-height: {round(body * 3)}px; }}
    QLabel#chip {{ font-size: {round(body * 0.85)}px; }}
    QLabel#title {{ font-size: {round(body * 1.4)}px; }}
    QLabel#heading {{ font-size: {round(body * 1.1)}px; font-weight: bold; }}
    QLabel#small {{ font-size: {round(body * 0.85)}px; color: {palette.muted}; }}
    QLabel#number {{ font-size: {round(body * 3.6)}px; }}
    QLabel#code {{ font-size: {round(body * 3)}px; font-weight: bold; }}
    QLabel#figure {{ font-size: {round(body * 2)}px; font-weight: bold; }}
    QLabel#chip {{ border-radius: 6px; padding: 3px 8px; font-weight: bold; }}
    QFrame#card {{ background: {palette.surface}; border: 2px solid {LINE};
                   border-radius: 10px; }}
    QFrame#card QLabel, QFrame#card QCheckBox {{ background: {palette.surface}; }}
    QFrame#alert[level="warning"] {{ background: {palette.warning_bg}; border-radius: 8px; }}
    QFrame#alert[level="error"] {{ background: {palette.error_bg}; border-radius: 8px; }}
    QFrame#alert[level="warning"] QLabel {{ background: {palette.warning_bg};
                                           color: {palette.warning_text}; }}
    QFrame#alert[level="error"] QLabel {{ background: {palette.error_bg};
                                         color: {palette.error_text}; }}
    QTableWidget, QListWidget {{ background: {palette.surface}; border: 2px solid {LINE};
        selection-background-color: {palette.accent}; selection-color: {palette.accent_text};
        gridline-color: {LINE}; }}
    QHeaderView::section {{ background: {DISABLED_BG}; color: {palette.text}; border: none;
        padding: 4px 6px; font-weight: bold; font-size: {round(body * 0.85)}px; }}
    QComboBox, QDateEdit, QTimeEdit {{ background: {palette.surface}; color: {palette.text}; }}
    QComboBox QAbstractItemView {{ background: {palette.surface}; color: {palette.text};
        selection-background-color: {palette.accent}; selection-color: {palette.accent_text}; }}
    QCheckBox::indicator {{ width: {round(body * 1.1)}px; height: {round(body * 1.1)}px; }}
    QPushButton:focus, QPushButton#secondary:focus {{ border: 3px solid {palette.focus}; }}
    QTabWidget::pane {{ border: 2px solid {LINE}; border-radius: 6px; }}
    QTabBar::tab {{ background: {DISABLED_BG}; color: {palette.text}; padding: 6px 12px;
        border-top-left-radius: 6px; border-top-right-radius: 6px; margin-right: 2px; }}
    QTabBar::tab:selected {{ background: {palette.accent}; color: {palette.accent_text}; }}
    """
    )


class ActionButton(TouchButton):
    """A wrapping button sized for a desk (a :class:`TouchButton` is sized for a thumb)."""

    def __init__(self, text: str = "", *, name: str = "", secondary: bool = False):
        super().__init__(text)
        self.setMinimumWidth(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if secondary:
            self.setObjectName("secondary")
        if name:
            self.setProperty("testName", name)

    def sizeHint(self) -> QSize:
        hint = self._label.sizeHint()
        return QSize(hint.width() + 32, max(BUTTON_MIN_PX, hint.height() + 24))

    def minimumSizeHint(self) -> QSize:
        """Lines may wrap between words, never inside one: room for the longest word."""
        metrics = self._label.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self.text().split()),
                      default=0)
        return QSize(max(80, longest + 32), BUTTON_MIN_PX)


def card(parent_layout_margins: int = 12) -> tuple[QFrame, QVBoxLayout]:
    """A white frame with a border, and its layout."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*(parent_layout_margins,) * 4)
    layout.setSpacing(6)
    return frame, layout


def set_current(button: TouchButton, current: bool) -> None:
    """Highlight a choice (a counter, a tool); its inner label must be re-polished too."""
    button.setProperty("current", current)
    for widget in (button, button._label):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def show_banner(banner: Banner, level: str, text: str) -> None:
    """:meth:`Banner.show_message`, then make Qt read the style sheet again: a label first
    polished without a ``level`` keeps that polish (no padding) despite a re-polish."""
    banner.show_message(level, text)
    banner.setStyleSheet(f"/* {level} */")
