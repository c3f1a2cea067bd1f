"""The counter console's window: it signs in, keeps the queue live and runs the actions.

Panels only show and report; this window owns the hub client, the live event stream and
every call, each through :class:`ui.ops.Op` (never from a slot directly). After every
answer it derives what may be done (:func:`ui.counter.model.abilities`) and enables the
buttons from that alone.

Live: each hub event restarts a short debounce, then one refresh (queue + today) runs; a
refresh asked for while one is on its way runs once more after it. The sign-in token lives
in the hub's store, so after a hub restart the stream reconnects (:class:`ui.live.LiveEvents`)
and the same session goes on; if the hub answers 401 (session expired or signed out
elsewhere) the sign-in page comes back with a word of explanation. Failures are banners,
never tracebacks or blocking dialogs.
"""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.client import HubClient, HubUnreachable
from kiosk.errors import Conflict, KioskError, RateLimited, ServiceClosed, Unauthorized
from ui.counter import texts
from ui.counter.alerts import AlertsPanel
from ui.counter.booking import BookingPanel
from ui.counter.choice import ChoicePanel
from ui.counter.current import ActionsPanel, CurrentCard
from ui.counter.model import Abilities, Snapshot, abilities
from ui.counter.queue_panel import QueuePanel
from ui.counter.signin import SignInPage
from ui.counter.style import ActionButton, desk_style, scale_for, set_current, show_banner
from ui.counter.today import TodayPanel
from ui.counter.visitor import VisitorPanel
from ui.i18n import tr
from ui.live import LiveEvents
from ui.messages import bus
from ui.ops import Op
from ui.widgets import Banner, label, timer

REFRESH_DEBOUNCE_MS = 120
TICK_MS = 30_000  # waits shown grow every 30 s without asking the hub
HEALTH_MS = 60_000
RETRY_MS = 3000
LINK_GRACE_MS = 3000
BANNER_MS = {"info": 5000, "warning": 15000, "error": 20000}
TOOLS = ("today", "booking", "visitor")
MINIMUM_SIZE = (1024, 700)


class CounterWindow(QWidget):
    """Signals: ``signed_in(counter: str)``, ``signed_out()``, ``refreshed()`` (a new
    snapshot is on screen), ``acted(action: str, result: object)``."""

    signed_in = Signal(str)
    signed_out = Signal()
    refreshed = Signal()
    acted = Signal(str, object)

    def __init__(self, client: HubClient, *, language: str = "fr", live: bool = True):
        super().__init__()
        self.client = client
        self.language = language
        self.site: dict | None = None
        self.tz = ZoneInfo("Europe/Paris")
        self.counter: str | None = None
        self.counter_name = ""
        self.snapshot: Snapshot | None = None
        self.can = Abilities()
        self.busy = False
        self.hub_now: datetime | None = None
        self._loading = self._again = False
        self._site_unreachable = False
        self._choice_ticket: str | None = None
        self.setWindowTitle(tr("Counter"))
        self._style_scale = scale_for(1280, 800)
        self.setStyleSheet(desk_style(self._style_scale))
        self._build()
        self._shortcuts()
        self._debounce = timer(self, REFRESH_DEBOUNCE_MS, self.refresh, single=True)
        self._tick = timer(self, TICK_MS, self.tick)
        self._health = timer(self, HEALTH_MS, self.refresh_health)
        self._site_retry = timer(self, RETRY_MS, self.load_site, single=True)
        self._banner_timer = timer(self, 5000, self.banner.hide, single=True)
        self._link_grace = timer(self, LINK_GRACE_MS, self._check_link, single=True)
        self.live = LiveEvents(client, self) if live else None
        if self.live is not None:
            self.live.event.connect(self._on_event)
            self.live.connected.connect(self._on_link)
            self.live.start()
            self._link_grace.start()
        self.resize(1280, 800)
        self.load_site()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        # The window's minimum size is set once, not re-derived from its contents on every
        # update (that would resize a desk PC's window under the user's hands).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(*MINIMUM_SIZE)
        outer.setContentsMargins(16, 10, 16, 12)
        outer.setSpacing(8)
        self.header = QWidget()
        top = QHBoxLayout(self.header)
        top.setContentsMargins(0, 0, 0, 0)
        self.title = label(role="heading", align=Qt.AlignmentFlag.AlignLeft)
        self.state = label(role="chip")
        self.sign_out_button = ActionButton(name="sign_out", secondary=True)
        self.sign_out_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.sign_out_button.clicked.connect(self.sign_out)
        top.addWidget(self.title, stretch=1)
        top.addWidget(self.state)
        top.addWidget(self.sign_out_button)
        self.header.hide()
        outer.addWidget(self.header)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, stretch=1)
        self.sign_in_page = SignInPage()
        self.sign_in_page.submitted.connect(self.sign_in)
        self.stack.addWidget(self.sign_in_page)
        self.console = QWidget()
        self.stack.addWidget(self.console)
        columns = QHBoxLayout(self.console)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        self.queue_panel = QueuePanel()
        self.queue_panel.selection_changed.connect(self._update_abilities)
        self.queue_panel.call_chosen.connect(lambda: self.trigger("call_chosen"))
        middle_host, right_host = QWidget(), QWidget()
        for host, stretch in ((self.queue_panel, 5), (middle_host, 4), (right_host, 4)):
            # Columns share the width by these ratios whatever they hold.
            host.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            columns.addWidget(host, stretch=stretch)
        middle = QVBoxLayout(middle_host)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(10)
        self.current_card = CurrentCard()
        middle.addWidget(self.current_card)
        self.action_stack = QStackedWidget()
        self.actions = ActionsPanel()
        self.actions.triggered.connect(self.trigger)
        self.choice = ChoicePanel()
        self.choice.chosen.connect(self._chosen)
        self.choice.back.connect(self.close_choice)
        self.action_stack.addWidget(self.actions)
        self.action_stack.addWidget(self.choice)
        middle.addWidget(self.action_stack, stretch=1)
        right = QVBoxLayout(right_host)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        self.alerts = AlertsPanel()
        right.addWidget(self.alerts)
        tabs = QHBoxLayout()
        tabs.setSpacing(6)
        self.tool_buttons: dict[str, ActionButton] = {}
        for tool in TOOLS:
            button = ActionButton(name=f"tool-{tool}", secondary=True)
            button.setProperty("compact", True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, t=tool: self.show_tool(t))
            tabs.addWidget(button)
            self.tool_buttons[tool] = button
        right.addLayout(tabs)
        self.tools = QStackedWidget()
        self.today_panel = TodayPanel()
        self.today_panel.selection_changed.connect(self._update_abilities)
        self.today_panel.reactivate.connect(lambda: self.trigger("reactivate"))
        self.booking = BookingPanel()
        self.booking.book.connect(self.book)
        self.visitor = VisitorPanel()
        self.visitor.issue.connect(self.issue_for_visitor)
        for panel in (self.today_panel, self.booking, self.visitor):
            self.tools.addWidget(panel)
        right.addWidget(self.tools, stretch=1)
        self.retranslate()
        self.show_tool("today")

    def retranslate(self) -> None:
        self.sign_out_button.setText(tr("Sign out"))
        self.tool_buttons["today"].setText(tr("Today"))
        self.tool_buttons["booking"].setText(tr("Appointment"))
        self.tool_buttons["visitor"].setText(tr("Visitor ticket"))
        for panel in (
            self.sign_in_page,
            self.queue_panel,
            self.current_card,
            self.actions,
            self.choice,
            self.today_panel,
            self.booking,
            self.visitor,
        ):
            panel.retranslate()

    def _shortcuts(self) -> None:
        keys: dict[str, str] = {}
        for action, key in texts.SHORTCUTS.items():
            keys.setdefault(key, action)
        for key, action in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda a=action: self.trigger(a))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.close_choice)

    def show_tool(self, tool: str) -> None:
        panel = {"today": self.today_panel, "booking": self.booking, "visitor": self.visitor}[tool]
        self.tools.setCurrentWidget(panel)
        for name, button in self.tool_buttons.items():
            set_current(button, name == tool)

    # -- messages ------------------------------------------------------------------------

    def report(self, level: str, text: str) -> None:
        """A banner on this window (and the message bus, where tests and logs listen)."""
        getattr(bus(), level)(text)
        show_banner(self.banner, level, text)
        self._banner_timer.start(BANNER_MS.get(level, 10000))

    def _failed(self, error: Exception) -> None:
        """Every failed hub call ends here: one place to turn errors into words."""
        if isinstance(error, Unauthorized):
            self._session_ended()
        elif isinstance(error, HubUnreachable):
            self.report(
                "warning",
                tr(
                    "The hub cannot be reached: nothing was changed. "
                    "Try again when the link is back."
                ),
            )
        elif isinstance(error, ServiceClosed):
            self.report(
                "warning",
                tr("Service {service} is closed now: nothing was changed.").format(
                    service=error.service
                ),
            )
        elif isinstance(error, Conflict):
            self.report("warning", str(error))
            self.refresh()
        elif isinstance(error, KioskError):
            self.report("error", str(error))
        else:
            self.report(
                "error", tr("Something went wrong: {error}").format(error=type(error).__name__)
            )

    # -- site and sign-in ----------------------------------------------------------------

    def load_site(self) -> None:
        client = self.client
        Op(self, client.site).success(self._site_loaded).failure(self._site_failed).run()

    def _site_loaded(self, site: dict) -> None:
        self.site = site
        self.tz = ZoneInfo(site.get("timezone", "Europe/Paris"))
        self.alerts.tz = self.tz
        self.sign_in_page.set_site(site)
        if self._site_unreachable:
            self._site_unreachable = False
            self.sign_in_page.error.hide()
        self.booking.set_site(site["services"], self.language, self.tz, self.hub_now)
        self.visitor.set_site(site["services"], self.language)

    def _site_failed(self, _error: Exception) -> None:
        self._site_unreachable = True
        self.sign_in_page.show_error(tr("The hub cannot be reached. Retrying…"), "warning")
        self._site_retry.start()

    def sign_in(self, counter: str, pin: str) -> None:
        client = self.client
        Op(self, lambda: client.sign_in(counter=counter, pin=pin)).success(self._signed_in).failure(
            self._sign_in_failed
        ).run()

    def _sign_in_failed(self, error: Exception) -> None:
        self.sign_in_page.keypad.clear()
        if isinstance(error, Unauthorized):
            self.sign_in_page.show_error(tr("Wrong PIN for this counter. Try again."))
        elif isinstance(error, RateLimited):
            self.sign_in_page.show_error(
                tr("Too many wrong PINs: this counter is locked for a minute.")
            )
        elif isinstance(error, HubUnreachable):
            self.sign_in_page.show_error(
                tr("The hub cannot be reached: check the network, then try again.")
            )
        else:
            self.sign_in_page.show_error(str(error))

    def _signed_in(self, answer: dict) -> None:
        self.counter, self.counter_name = answer["id"], answer.get("name", answer["id"])
        self.snapshot = None
        self.sign_in_page.reset()
        self.banner.hide()
        self.close_choice()
        self.header.show()
        self.stack.setCurrentWidget(self.console)
        QTimer.singleShot(0, self.queue_panel.table, self.queue_panel.table.setFocus)
        self._render_header()
        self._update_abilities()
        self._tick.start()
        self._health.start()
        self.refresh()
        self.refresh_alerts()
        self.refresh_health()
        self.signed_in.emit(self.counter)

    def sign_out(self) -> None:
        client = self.client
        Op(self, client.sign_out).success(lambda _r: self._show_sign_in()).failure(
            lambda _e: self._show_sign_in()
        ).run()

    def _session_ended(self) -> None:
        self.client.token = None
        self._show_sign_in(tr("Your session has ended: please sign in again."))

    def _show_sign_in(self, message: str = "") -> None:
        was = self.counter
        self.counter, self.snapshot, self.busy = None, None, False
        self._tick.stop()
        self._health.stop()
        self.header.hide()
        self.close_choice()
        self.sign_in_page.reset(message)
        if was:
            self.sign_in_page.choose(was)
            if message:
                self.sign_in_page.reset(message)
        self.stack.setCurrentWidget(self.sign_in_page)
        self.signed_out.emit()

    @property
    def signed_in_now(self) -> bool:
        return self.counter is not None and self.stack.currentWidget() is self.console

    # -- live data -----------------------------------------------------------------------

    def _services(self) -> dict[str, dict]:
        return {s["code"]: s for s in (self.site or {}).get("services", [])}

    def _counter_services(self) -> list[str]:
        for counter in (self.site or {}).get("counters", []):
            if counter["id"] == self.counter:
                return list(counter["services"])
        return []

    def refresh(self) -> None:
        """Ask the hub for the queue and today's tickets (at most one request at a time)."""
        if self.counter is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        client, counter, services = self.client, self.counter, self._counter_services()

        def load() -> Snapshot:
            queue, today = client.queue(), client.today()
            return Snapshot.from_hub(counter, services, queue, today, time.monotonic())

        Op(self, load).success(self._loaded).failure(self._load_failed).run()

    def _loaded(self, snapshot: Snapshot) -> None:
        self._loading = False
        if snapshot.counter == self.counter:
            self.snapshot = snapshot
            self._render()
            self.refreshed.emit()
        self._refresh_again()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        if isinstance(error, HubUnreachable):
            self.alerts.set_link(False)
        else:
            self._failed(error)
        self._refresh_again()

    def _refresh_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def refresh_alerts(self) -> None:
        if self.counter is None:
            return
        client = self.client
        Op(self, client.alerts).success(self.alerts.set_printer_alerts).failure(
            lambda _e: None
        ).run()

    def refresh_health(self) -> None:
        client = self.client
        Op(self, client.health).success(self._health_known).failure(lambda _e: None).run()

    def _health_known(self, health: dict) -> None:
        first = self.hub_now is None
        if health.get("time"):
            self.hub_now = datetime.fromisoformat(health["time"])
        self.alerts.set_peers(health.get("peers"), self.hub_now)
        if first and self.site is not None:
            self.booking.set_site(self.site["services"], self.language, self.tz, self.hub_now)

    def _on_event(self, event: dict) -> None:
        if not self._debounce.isActive():  # a burst of events: one refresh, never later
            self._debounce.start()
        if event.get("kind") in ("printer_fault", "printer_ok"):
            self.refresh_alerts()

    def _on_link(self, up: bool) -> None:
        self.alerts.set_link(up)
        if up:
            self.load_site()  # the hub may have restarted with an edited site file
            self.refresh()
            self.refresh_alerts()
            self.refresh_health()

    def _check_link(self) -> None:
        if self.live is not None and not self.live.is_connected:
            self.alerts.set_link(False)

    def tick(self) -> None:
        """Waits grow on screen between the hub's answers."""
        if self.snapshot is not None:
            self.queue_panel.render(
                self.snapshot, time.monotonic(), self._services(), self.language, self.tz
            )

    # -- showing -------------------------------------------------------------------------

    def _render(self) -> None:
        snapshot, services = self.snapshot, self._services()
        self.queue_panel.render(snapshot, time.monotonic(), services, self.language, self.tz)
        self.current_card.show_ticket(snapshot.current, services, self.language, self.tz)
        self.actions.set_next(self._next_text(snapshot.next_ticket))
        self.today_panel.render(snapshot, self.tz)
        self._render_header()
        self._update_abilities()

    def _next_text(self, ticket: dict | None) -> str:
        if ticket is None:
            return ""
        parts = [ticket["number"], self._service_label(ticket["service"])]
        if ticket.get("priority"):
            parts.append(tr("priority"))
        return ", ".join(parts)

    def _render_header(self) -> None:
        site = (self.site or {}).get("name", "")
        self.title.setText(f"{self.counter_name} – {site}" if site else self.counter_name)
        paused = self.snapshot is not None and self.snapshot.paused
        if paused:
            text = tr("Paused: {reason}").format(reason=texts.reason_name(self.snapshot.reason))
            colour, background = "#3A2C00", "#FFF3C4"
        else:
            text, colour, background = tr("Open"), "#FFFFFF", "#0B6E4F"
        self.state.setText(text)
        self.state.setStyleSheet(f"background: {background}; color: {colour};")

    def _update_abilities(self) -> None:
        self.can = abilities(
            self.snapshot,
            chosen=self.queue_panel.chosen,
            earlier=self.today_panel.chosen,
            busy=self.busy,
        )
        paused = self.snapshot is not None and self.snapshot.paused
        self.actions.set_abilities(self.can, paused)
        self.queue_panel.call_button.setEnabled(self.can.call_chosen)
        self.today_panel.reactivate_button.setEnabled(self.can.reactivate)
        purpose = self.choice.purpose if self.action_stack.currentWidget() is self.choice else ""
        if purpose and not self.busy and not self.can.enabled(purpose):
            self.close_choice()  # the ticket moved on meanwhile (another counter, a timeout)

    # -- actions -------------------------------------------------------------------------

    def trigger(self, action: str) -> None:
        """A button or its shortcut: do ``action`` if it is allowed right now."""
        if action == "pause" and self.can.resume:
            action = "resume"
        if not self.signed_in_now or not self.can.enabled(action):
            return
        if self.action_stack.currentWidget() is self.choice and action != "reactivate":
            return
        current = self.snapshot.current if self.snapshot else None
        counter, client = self.counter, self.client
        if action == "call_next":
            self._run(action, lambda: client.call_next(counter))
        elif action == "call_chosen":
            ticket_id = self.queue_panel.chosen["id"]
            self._run(action, lambda: client.act(ticket_id, "call"))
        elif action == "reactivate":
            ticket_id = self.today_panel.chosen["id"]
            self._run(action, lambda: client.act(ticket_id, "reactivate"))
        elif action == "resume":
            self._run(action, lambda: client.resume(counter))
        elif action == "finish_next":
            ticket = dict(current)

            def finish_and_call() -> dict | None:
                if ticket["status"] == "called":
                    client.act(ticket["id"], "start")
                client.act(ticket["id"], "finish", outcome="solved")
                return client.call_next(counter)

            self._run("call_next", finish_and_call)
        elif action in ("finish", "transfer", "pause"):
            self._open_choice(action, current)
        else:
            ticket_id = current["id"]
            self._run(action, lambda: client.act(ticket_id, action))

    def _run(self, action: str, fn) -> None:
        self.busy = True
        self._update_abilities()
        Op(self, fn).success(lambda result: self._done(action, result)).failure(
            lambda error: self._not_done(error)
        ).run()

    def _done(self, action: str, result) -> None:
        self.busy = False
        if self.banner.isVisible() and self.banner.property("level") != "info":
            self.banner.hide()
        if action == "call_next" and result is None:
            self.report("info", tr("Nobody is waiting for this counter."))
        elif action == "transfer" and isinstance(result, dict):
            self.report(
                "info",
                tr("Ticket {number} now waits for {service}.").format(
                    number=result["number"], service=self._service_label(result["service"])
                ),
            )
        self._update_abilities()
        self.refresh()
        self.acted.emit(action, result)

    def _not_done(self, error: Exception) -> None:
        self.busy = False
        self._update_abilities()
        self._failed(error)
        self.refresh()

    def _service_label(self, code: str) -> str:
        return self._services().get(code, {}).get("labels", {}).get(self.language, code)

    def _open_choice(self, purpose: str, current: dict | None) -> None:
        self._choice_ticket = current["id"] if current else None
        number = current["number"] if current else ""
        if purpose == "finish":
            title = tr("How did the visit of {number} end?").format(number=number)
            options = [(o, texts.outcome_name(o)) for o in texts.OUTCOMES]
        elif purpose == "transfer":
            title = tr("Transfer {number} to which service?").format(number=number)
            options = [
                (code, spec["labels"].get(self.language, code))
                for code, spec in self._services().items()
                if current is None or code != current["service"]
            ]
        else:
            title = tr("Pause this counter: why?")
            options = [(r, texts.reason_name(r)) for r in texts.REASONS]
        self.choice.open(purpose, title, options, columns=1 if len(options) <= 5 else 2)
        self.action_stack.setCurrentWidget(self.choice)

    def close_choice(self) -> None:
        was_open = self.action_stack.currentWidget() is self.choice
        self.choice.purpose = ""
        self.action_stack.setCurrentWidget(self.actions)
        if was_open:
            self.queue_panel.table.setFocus()  # the keyboard's home: arrows, then F2

    def _chosen(self, purpose: str, key: str) -> None:
        ticket_id, counter, client = self._choice_ticket, self.counter, self.client
        self.close_choice()
        if purpose == "finish" and ticket_id:
            self._run(purpose, lambda: client.act(ticket_id, "finish", outcome=key))
        elif purpose == "transfer" and ticket_id:
            self._run(purpose, lambda: client.act(ticket_id, "transfer", to_service=key))
        elif purpose == "pause":
            self._run(purpose, lambda: client.pause(counter, key))

    # -- the desk: appointments and tickets for visitors ----------------------------------

    def book(self, service: str, at: datetime) -> None:
        client = self.client
        Op(self, lambda: client.book_appointment(service, at)).success(
            lambda answer: self._booked(answer)
        ).failure(lambda error: (self.booking.failed(), self._failed(error))).run()

    def _booked(self, answer: dict) -> None:
        self.booking.show_booked(answer, self._service_label(answer["service"]))
        self.acted.emit("book", answer)

    def issue_for_visitor(self, service: str, priority: bool, language: str) -> None:
        client = self.client
        Op(
            self, lambda: client.issue_for_visitor(service, priority=priority, language=language)
        ).success(self._issued).failure(
            lambda error: (self.visitor.failed(), self._failed(error))
        ).run()

    def _issued(self, ticket: dict) -> None:
        self.visitor.show_ticket(ticket, self._service_label(ticket["service"]))
        self.refresh()
        self.acted.emit("issue", ticket)

    # -- window --------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        scale = scale_for(self.width(), self.height())
        if scale != self._style_scale:
            self._style_scale = scale
            self.setStyleSheet(desk_style(scale))

    def closeEvent(self, event) -> None:
        if self.live is not None:
            self.live.stop()
        for running in (self._tick, self._health, self._debounce, self._site_retry):
            running.stop()
        event.accept()
