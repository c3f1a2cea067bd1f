"""``kiosk demo``'s one window: the four screens of the house behind a screen picker.

Four top-level windows stacked in one corner of a 1920×1080 desktop (the kiosk alone is
1280 px tall) hid each other and overflowed the screen. One window, sized to the desktop's
free area, shows one screen at a time at a size it is made for, and a row of buttons
switches between them. This is also the only place that says "demonstration": the screens
themselves show the demo site exactly as a real site's would look.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr

#: The desktop a first run is planned for; a smaller free area wins.
DESKTOP = QSize(1920, 1080)
PICKER_STYLE = """
QWidget#demoBar { background: #1F2933; }
QWidget#demoBar QLabel { color: #FFFFFF; font: bold 18px "DejaVu Sans"; padding: 0 12px; }
QWidget#demoBar QPushButton { background: #1F2933; color: #FFFFFF; border: 2px solid #9AA5B1;
    border-radius: 8px; padding: 6px 16px; font: bold 17px "DejaVu Sans"; }
QWidget#demoBar QPushButton:checked { background: #FFD60A; color: #000000;
    border-color: #FFD60A; }
"""


class DemoWindow(QWidget):
    """``screens``: ``(name, widget)`` pairs, shown in that order; keys F11 is left alone,
    Ctrl+1…4 pick a screen."""

    def __init__(self, screens: list[tuple[str, QWidget]], site_name: str):
        super().__init__()
        self.setWindowTitle(tr("kiosk demonstration — {site}").format(site=site_name))
        outer = QVBoxLayout(self)
        # The desktop sets the size, not the screens' minimums of the moment: the kiosk
        # turns to landscape once it has the window's shape (see KioskWindow.resizeEvent).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        bar = QWidget()
        bar.setObjectName("demoBar")
        bar.setStyleSheet(PICKER_STYLE)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(QLabel(tr("Demonstration: pick a screen")))
        self.stack = QStackedWidget()
        self.buttons: list[QPushButton] = []
        for index, (name, widget) in enumerate(screens):
            button = QPushButton(f"{name} (Ctrl+{index + 1})")
            button.setCheckable(True)
            button.setProperty("testName", f"demo-screen-{index}")
            button.clicked.connect(lambda _=False, i=index: self.pick(i))
            row.addWidget(button)
            self.buttons.append(button)
            widget.setWindowFlags(Qt.WindowType.Widget)
            self.stack.addWidget(widget)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.pick(i))
        row.addStretch(1)
        outer.addWidget(bar)
        outer.addWidget(self.stack, stretch=1)
        self.pick(0)

    def pick(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        for position, button in enumerate(self.buttons):
            button.setChecked(position == index)

    def fit_desktop(self) -> QSize:
        """Size the window to the desktop's free area (at most 1920×1080), top-left."""
        screen = QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        size = DESKTOP if free is None else free.size().boundedTo(DESKTOP)
        self.resize(size)
        if free is not None:
            self.move(free.topLeft())
        return size
