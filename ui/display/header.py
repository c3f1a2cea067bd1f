"""The display's frame: the site's name and the time above; below, the site's info line
and, only while the hub is out of reach, a small "connection lost" notice.

The date is written the French way ("mardi 24 novembre 2026 10:05") in the site's time
zone, from an injected clock. The info line of the site file turns through French,
English and Dutch every few seconds; without one, the strip stays empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimer
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.display.fit import FitLabel
from ui.i18n import tr
from ui.widgets import label

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
INFO_LANGUAGES = ("fr", "en", "nl")
INFO_MS = 8000
TICK_MS = 1000


def french_date_time(moment: datetime) -> str:
    """``mardi 24 novembre 2026 10:05`` (the clock's own time zone; pass a local time)."""
    stamp = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
    return FRENCH.toString(stamp, "dddd d MMMM yyyy HH:mm")


class Header(QWidget):
    """The site's name, the date and the time."""

    def __init__(self, clock: Callable[[], datetime]):
        super().__init__()
        self.clock = clock
        self.tz: ZoneInfo | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self.site_name = FitLabel("siteName", left)
        self.time = label(
            role="clock",
            wrap=False,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        row.addWidget(self.site_name, 1)
        row.addWidget(self.time)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.tick()

    def set_site(self, name: str, timezone: str) -> None:
        self.site_name.setText(name)
        try:
            self.tz = ZoneInfo(timezone)
        except (ValueError, KeyError):
            self.tz = None
        self.tick()

    def tick(self) -> None:
        now = self.clock()
        if self.tz is not None and now.tzinfo is not None:
            now = now.astimezone(self.tz)
        text = french_date_time(now)
        if text != self.time.text():
            self.time.setText(text)


class InfoLine(QWidget):
    """The site file's ``[site.info]`` line, one language after another, and in the
    corner a discreet notice while the hub cannot be reached."""

    def __init__(self):
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        lines = QVBoxLayout()
        lines.setSpacing(2)
        self.french = label(role="info")
        self.text = label(role="infoOther")
        for line in (self.french, self.text):
            line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            lines.addWidget(line)
        self.link_lost = label(
            role="linkLost",
            wrap=False,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        self.link_lost.hide()
        row.addLayout(lines, 1)
        row.addWidget(self.link_lost)
        self.texts: list[str] = []
        self.others: list[str] = []
        self.index = 0
        self._timer = QTimer(self, interval=INFO_MS)
        self._timer.timeout.connect(self.rotate)
        self.retranslate()

    def retranslate(self) -> None:
        self.link_lost.setText("⚠ " + tr("Connection lost, reconnecting…"))

    def set_link(self, up: bool) -> None:
        self.link_lost.setVisible(not up)

    def set_info(self, info: dict | None) -> None:
        """French always on the first line, large enough to read at 4–5 m; English and
        Dutch take turns on the second (a visitor from over the border never waits long
        for their language)."""
        texts = [info[lang] for lang in INFO_LANGUAGES if info and info.get(lang)]
        if texts == self.texts:
            return
        self.texts, self.index = texts, 0
        french = info.get("fr", "") if info else ""
        self.french.setText(french)
        self.french.setVisible(bool(french))
        self.others = [t for t in texts if t != french]
        self.text.setText(self.others[0] if self.others else "")
        self.text.setVisible(bool(self.others))
        if len(self.others) > 1:
            self._timer.start()
        else:
            self._timer.stop()

    def rotate(self) -> None:
        if self.others:
            self.index = (self.index + 1) % len(self.others)
            self.text.setText(self.others[self.index])
