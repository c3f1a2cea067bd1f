"""The waiting-room display: who is called to which counter, and how many wait.

It only reads from the hub. A call or a recall on the live stream refreshes the screen at
once (``GET /api/display``); other changes that move the waiting counts refresh it after a
short pause, and a timer refreshes it every 30 s whatever happens (opening hours, a new
day, a missed event). Every hub call runs through :class:`ui.ops.Op`, one at a time:
events arriving meanwhile fold into a single follow-up refresh.

A new call is shown large and highlighted for the few seconds the hub suggests, then
joins the list; it is announced (chime, then voice in the visitor's language) once.
The live stream reconnects by itself after a hub restart or a cut cable; meanwhile a
small notice in a corner says the connection is lost, and the last calls stay shown.

Signals: ``shown(dict)`` when the newest call on screen changes (the call, see
:meth:`Call.as_json`); ``refreshed()`` after each answer of the hub is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.client import HubClient
from kiosk.domain import visitor_words
from kiosk.domain.announce import announcement
from kiosk.store.events import EventKind
from ui.display.announcer import Announcer
from ui.display.board import Board, Call
from ui.display.calls import CallList, HeroPanel
from ui.display.chime import Chime, quiet_multimedia
from ui.display.header import Header, InfoLine
from ui.display.style import display_style, scale_for
from ui.display.waiting import WaitingPanel
from ui.live import LiveEvents
from ui.ops import Op
from ui.speech import Speaker

CALL_KINDS = {EventKind.CALLED, EventKind.RECALLED}
WAITING_KINDS = {
    EventKind.ISSUED,
    EventKind.CANCELLED,
    EventKind.TRANSFERRED,
    EventKind.REACTIVATED,
    EventKind.NO_SHOW,
}
REFRESH_S = 30
DEBOUNCE_MS = 250
RETRY_MS = 3000
ROWS_ALONE, ROWS_UNDER_HERO = 6, 3


class DisplayWindow(QWidget):
    shown = Signal(dict)
    refreshed = Signal()

    def __init__(
        self,
        client: HubClient,
        *,
        speaker: Speaker | None = None,
        chime: Chime | None = None,
        clock: Callable[[], datetime] | None = None,
        live: bool = True,
        highlight_s: float | None = None,
        refresh_s: float = REFRESH_S,
    ):
        super().__init__()
        self.setObjectName("display")
        self.setWindowTitle("kiosk — display")
        self.client = client
        self.clock = clock or (lambda: datetime.now().astimezone())
        self.board = Board()
        self.site: dict | None = None
        self.hub_ok = True
        self.link_up = True
        self.highlight_s = highlight_s
        quiet_multimedia()
        self.speaker = speaker or Speaker(self)
        self.chime = chime or Chime(self)
        self.announcer = Announcer(self.speaker, self.chime, self)
        self._busy = self._again = False
        self._first = True
        self._site_stale = False
        self._shown_seq: int | None = None
        self._style_key: float | None = None
        self._build()
        self._highlight = QTimer(self, singleShot=True)
        self._highlight.timeout.connect(self.end_highlight)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.refresh)
        self._every = QTimer(self, interval=round(refresh_s * 1000))
        self._every.timeout.connect(self.refresh)
        self._every.start()
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.close)
        self.live = LiveEvents(client, self) if live else None
        if self.live is not None:
            self.live.event.connect(self._on_event)
            self.live.connected.connect(self._on_link)
            self.live.start()
        self._restyle()
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        # No minimum size forced on the window: a TV is the size it is.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(48, 28, 48, 24)
        outer.setSpacing(22)
        self.header = Header(lambda: self.clock())
        outer.addWidget(self.header)
        body = QHBoxLayout()
        body.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(22)
        self.hero = HeroPanel()
        self.hero.hide()
        self.calls = CallList()
        left.addWidget(self.hero, 5)
        left.addWidget(self.calls, 6)
        body.addLayout(left, 13)
        self.waiting = WaitingPanel()
        body.addWidget(self.waiting, 6)
        outer.addLayout(body, 1)
        self.info = InfoLine()
        outer.addWidget(self.info)

    def _restyle(self) -> None:
        scale = round(scale_for(self.width(), self.height()), 2)
        if scale != self._style_key:
            self._style_key = scale
            self.setStyleSheet(display_style(scale))
            margin_x, margin_y = round(48 * scale), round(26 * scale)
            self.layout().setContentsMargins(margin_x, margin_y, margin_x, margin_y)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._restyle()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for part in (self.info, self.hero, self.calls, self.waiting):
                part.retranslate()
        super().changeEvent(event)

    # -- hub data ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the hub for the calls and counts; while an answer is awaited, one more
        request is queued, however many events arrive."""
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        self._debounce.stop()  # this answer will include whatever the pause waited for
        client, need_site = self.client, self.site is None or self._site_stale

        def load():
            return (client.site() if need_site else None), client.display()

        Op(self, load).success(self._loaded).failure(self._failed).run()

    def _loaded(self, result: tuple[dict | None, dict]) -> None:
        site, answer = result
        self._busy = False
        if site is not None:
            self._site_stale = False
            self._set_site(site)
        self._set_hub_ok(True)
        new = self.board.update(answer)
        self._render(new)
        self.refreshed.emit()
        for call in new:
            self.announcer.announce(
                announcement(call.number, call.counter_name, call.language, recall=call.recall),
                call.language,
            )
        if self._again:
            self.refresh()

    def _failed(self, _error: Exception) -> None:
        self._busy = False
        self._set_hub_ok(False)
        self._retry.start()

    def _set_site(self, site: dict) -> None:
        self.site = site
        self.header.set_site(site.get("name", ""), site.get("timezone", "Europe/Paris"))
        self.info.set_info(site.get("info"))
        self.waiting.set_services(
            [
                (s["code"], s["labels"].get("fr", s["code"]), s.get("colour", "#5F6670"))
                for s in site.get("services", [])
            ]
        )

    def _on_event(self, item: dict) -> None:
        kind = item.get("kind")
        if kind in CALL_KINDS:
            self._debounce.stop()
            self.refresh()
        elif kind in WAITING_KINDS:
            self._debounce.start()

    def _on_link(self, up: bool) -> None:
        self.link_up = up
        self._show_link()
        if up:
            self._site_stale = True  # a restarted hub may have a new site file
            self.refresh()

    def _set_hub_ok(self, ok: bool) -> None:
        if ok != self.hub_ok:
            self.hub_ok = ok
            self._show_link()

    def _show_link(self) -> None:
        live_up = self.link_up if self.live is not None else True
        self.info.set_link(live_up and self.hub_ok)

    @property
    def idle(self) -> bool:
        """No answer of the hub awaited, none about to be asked for."""
        return not self._busy and not self._debounce.isActive()

    @property
    def connection_lost(self) -> bool:
        return self.info.link_lost.isVisibleTo(self)

    # -- showing -------------------------------------------------------------------------

    def _render(self, new: list[Call]) -> None:
        newest = self.board.newest
        if newest is None:
            self._highlight.stop()
        elif new:
            seconds = self.highlight_s if self.highlight_s is not None else self.board.fresh_for_s
            self.hero.show_call(newest, flash=True)
            self._highlight.start(round(seconds * 1000))
        elif self._first and self.board.fresh_left_s() > 0:
            self.hero.show_call(newest, flash=False)
            seconds = (
                self.board.fresh_left_s()
                if self.highlight_s is None
                else min(self.highlight_s, self.board.fresh_left_s())
            )
            self._highlight.start(round(seconds * 1000))
        elif self.hero.call is None or self.hero.call.seq != newest.seq:
            self._highlight.stop()
        self._first = False
        self._layout_calls()
        tz = ZoneInfo((self.site or {}).get("timezone", "Europe/Paris"))
        closed = {
            code: visitor_words.closed_tile_line(
                datetime.fromisoformat(when) if when else None, self.clock(), tz, "fr"
            ).replace(", ", "\n", 1)
            for code, when in self.board.closed.items()
        }
        self.waiting.set_waiting(self.board.waiting, closed)
        seq = newest.seq if newest else None
        if seq != self._shown_seq:
            self._shown_seq = seq
            if newest is not None:
                self.shown.emit(newest.as_json())

    def _layout_calls(self) -> None:
        highlighted = self.highlighted
        self.hero.setVisible(highlighted)
        if not highlighted:
            self.hero.stop()
        self.calls.set_calls(
            self.board.listed(skip_newest=highlighted),
            ROWS_UNDER_HERO if highlighted else ROWS_ALONE,
            anything_shown=bool(self.board.calls),
            newest_first=not highlighted,
        )

    def end_highlight(self) -> None:
        """The newest call joins the list (after a few seconds, or now when asked)."""
        self._highlight.stop()
        self._layout_calls()

    @property
    def highlighted(self) -> bool:
        newest = self.board.newest
        return (
            self._highlight.isActive()
            and newest is not None
            and self.hero.call is not None
            and self.hero.call.seq == newest.seq
        )

    # -- closing -------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.live is not None:
            self.live.stop()
        for timer in (self._every, self._debounce, self._retry, self._highlight):
            timer.stop()
        self.announcer.clear()
        self.speaker.stop()
        event.accept()
