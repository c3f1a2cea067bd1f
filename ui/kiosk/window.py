"""The visitor kiosk: pick a service, get a ticket on paper and on screen.

Every hub call and every print runs through :class:`ui.ops.Op`, off the GUI thread. The
screen never shows a traceback: failures become kind banners, and a hub that cannot be
reached is retried until it answers again. Idle for a while, the kiosk goes back to the
welcome page in French. Leaving it takes a long press in the top-left corner, then a staff
PIN checked by the hub.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.client import HubClient, HubUnreachable
from kiosk.domain import visitor_words
from kiosk.domain.ticket_view import TicketView
from kiosk.errors import Conflict, NotFound, RateLimited, ServiceClosed, Unauthorized
from ui.i18n import LANGUAGES, NATIVE_NAMES, VisitorTranslations
from ui.i18n import visitor_tr as tr
from ui.kiosk import texts
from ui.kiosk.pages import (
    ClosedPage,
    CodePage,
    FeedbackPage,
    MessagePage,
    PriorityPage,
    TicketPage,
    WelcomePage,
)
from ui.live import LiveEvents
from ui.ops import Op
from ui.speech import Speaker
from ui.theme import HIGH_CONTRAST, NORMAL, style_sheet
from ui.widgets import Banner, LongPressCorner, big_button

RETRY_MS = 3000
PENDING_MS = 300
REFRESH_DEBOUNCE_MS = 300
USER_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


class KioskWindow(QWidget):
    """Signals: ``ticket_shown(dict)``, ``printed(object)`` (a PrintResult),
    ``unlocked()`` (staff PIN accepted: the kiosk may close)."""

    ticket_shown = Signal(dict)
    printed = Signal(object)
    unlocked = Signal()

    def __init__(self, client: HubClient, printer=None, *, speaker: Speaker | None = None,
                 idle_s: float = 45,
                 ticket_s: float = 15, live: bool = True, clock=None):
        super().__init__()
        self.client, self.printer = client, printer
        self.speaker = speaker or Speaker(self)
        self.translations = VisitorTranslations()
        self.clock = clock or (lambda: datetime.now().astimezone())
        self.language = "fr"
        self.high_contrast = False
        self.site: dict | None = None
        self.services_now: list[dict] = []
        self.hub_ok = False
        self.pending_service: str | None = None
        self.may_close = False
        self.printer_fault: str | None = None
        self._asked = self._shown = 0
        self.setWindowTitle("kiosk")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("kiosk")
        self._build()
        self._idle = QTimer(self, singleShot=True, interval=round(idle_s * 1000))
        self._idle.timeout.connect(self._idle_home)
        self._ticket_timer = QTimer(self, singleShot=True, interval=round(ticket_s * 1000))
        self._ticket_timer.timeout.connect(self._idle_home)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.refresh)
        self._pending = QTimer(self, singleShot=True, interval=PENDING_MS)
        self._pending.timeout.connect(self._one_moment)
        self._debounce = QTimer(self, singleShot=True, interval=REFRESH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        QApplication.instance().installEventFilter(self)
        self.live = LiveEvents(client, self) if live else None
        if self.live:
            self.live.event.connect(lambda _event: self._debounce.start())
            self.live.connected.connect(self._on_link)
            self.live.start()
        self.set_language("fr")
        self.setFocus()
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        # The screen's size rules, not the layout's minimum of the moment: pages change
        # orientation with the window, and must not hold it at their portrait height.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        # Portrait: tools above languages; landscape: one row (see resizeEvent).
        self.top = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        tools, languages = QHBoxLayout(), QHBoxLayout()
        self.top.addLayout(tools)
        self.top.addLayout(languages)
        self.language_buttons = {}
        for language in LANGUAGES:
            button = big_button(NATIVE_NAMES[language], name=f"lang-{language}", secondary=True)
            button.clicked.connect(lambda _=False, lang=language: self.set_language(lang))
            self.language_buttons[language] = button
            languages.addWidget(button)
        self.contrast_button = big_button("", name="contrast", secondary=True)
        self.contrast_button.clicked.connect(self.toggle_contrast)
        self.audio_button = big_button("", name="audio", secondary=True)
        self.audio_button.clicked.connect(self.read_aloud)
        self.audio_button.setVisible(self.speaker.available)
        tools.addWidget(self.contrast_button)
        tools.addWidget(self.audio_button)
        outer.addLayout(self.top)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, stretch=1)
        self.stack.currentChanged.connect(lambda _index: self.speaker.stop())  # not the old page
        self.welcome = WelcomePage()
        self.priority = PriorityPage()
        self.ticket = TicketPage()
        self.closed = ClosedPage()
        self.appointment = CodePage(secret=False, max_len=6)
        self.pin = CodePage(secret=True, max_len=12)
        self.feedback = FeedbackPage()
        self.message = MessagePage()
        for page in (self.welcome, self.priority, self.ticket, self.closed, self.appointment,
                     self.pin, self.feedback, self.message):
            self.stack.addWidget(page)
        self.welcome.service_chosen.connect(self.choose_service)
        self.welcome.other.connect(lambda: self.choose_service(self._reception_code()))
        self.welcome.appointment.connect(self._open_appointment)
        self.welcome.feedback.connect(self._open_feedback)
        self.priority.answered.connect(lambda priority: self.issue(self.pending_service,
                                                                   priority))
        self.priority.back.connect(self.back_to_welcome)
        self.ticket.done.connect(self.go_home)
        self.closed.reception.connect(lambda: self.choose_service(self._reception_code()))
        self.closed.back.connect(self.back_to_welcome)
        self.appointment.submitted.connect(self.check_in)
        self.appointment.back.connect(self.back_to_welcome)
        self.pin.submitted.connect(self.unlock)
        self.pin.back.connect(self.back_to_welcome)
        self.feedback.rated.connect(self.send_feedback)
        self.feedback.back.connect(self.back_to_welcome)
        self.corner = LongPressCorner(self)
        self.corner.held.connect(self._open_pin)
        self.corner.raise_()

    # -- language, contrast, audio ---------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        self.translations.use(language)
        for lang, button in self.language_buttons.items():
            button.setProperty("current", lang == language)
            button.style().unpolish(button)
            button.style().polish(button)
        for page in (self.welcome, self.priority, self.ticket, self.closed, self.appointment,
                     self.pin, self.feedback):
            page.retranslate()
        self._contrast_text()
        self.audio_button.setText(tr("Read the screen aloud"))
        self._show_services()
        if not self.hub_ok and self.site is not None:
            self._hub_down_banner()

    def toggle_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        self._contrast_text()
        self._restyle()

    def _contrast_text(self) -> None:
        """The button says whether the mode is on, and looks pressed when it is."""
        on = self.high_contrast
        self.contrast_button.setText(("✓ " if on else "") + (
            tr("High contrast: on") if on else tr("Larger text, high contrast")))
        self.contrast_button.setProperty("current", on)
        self.contrast_button.style().unpolish(self.contrast_button)
        self.contrast_button.style().polish(self.contrast_button)

    def _restyle(self) -> None:
        """Text scales with the screen's short side (1080 px = 1.0), larger in high contrast."""
        scale = max(0.6, min(1.2, min(self.width(), self.height()) / 1080))
        palette = HIGH_CONTRAST if self.high_contrast else NORMAL
        scale *= 1.25 if self.high_contrast else 1.0
        if getattr(self, "_style_key", None) != (palette, round(scale, 2)):
            self._style_key = (palette, round(scale, 2))
            self.setStyleSheet(style_sheet(palette, scale))

    def read_aloud(self) -> None:
        """Read the page aloud; a tap while it speaks stops it, the next tap starts again."""
        if self.speaker.speaking:
            self.speaker.stop()
            return
        page = self.stack.currentWidget()
        from PySide6.QtWidgets import QAbstractButton, QLabel

        parts = [w.text().replace("\n", ". ") for w in page.findChildren(QLabel)
                 if w.isVisible() and w.text()]
        parts += [w.accessibleName() for w in page.findChildren(QAbstractButton)
                  if w.isVisible() and w.isEnabled()]
        self.speaker.say(". ".join(parts), self.language)

    # -- hub data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the hub for the services' state; answers may come back out of order, so
        an answer older than the one shown is dropped."""
        client = self.client
        self._asked += 1
        asked = self._asked

        def load():
            return asked, (self.site or client.site()), client.services()

        Op(self, load).success(self._loaded).failure(self._hub_failed).run()

    def _loaded(self, result) -> None:
        asked, site, services = result
        if asked < self._shown:
            return
        self._shown = asked
        self.site, self.services_now = site, services
        self.welcome.site_name.setText(self.site["name"])
        if not self.hub_ok:
            self.hub_ok = True
            self.banner.hide()
        self._show_services()

    def _hub_failed(self, error: Exception) -> None:
        if self.hub_ok or not self.banner.isVisible():
            self.hub_ok = False
            self._hub_down_banner()
        self.welcome.set_enabled_tiles(False)
        self._retry.start()

    def _hub_down_banner(self) -> None:
        self.banner.show_message("warning", tr(
            "We cannot give tickets at the moment. Reception will help you."))

    def _on_link(self, up: bool) -> None:
        if up:
            self.refresh()
        elif self.hub_ok:
            self._hub_failed(HubUnreachable("link lost"))

    def _labels(self) -> dict[str, dict]:
        return {s["code"]: s for s in (self.site or {}).get("services", [])}

    def _service_label(self, code: str) -> str:
        spec = self._labels().get(code)
        return spec["labels"].get(self.language, code) if spec else code

    def _tz(self) -> ZoneInfo:
        return ZoneInfo((self.site or {}).get("timezone", "Europe/Paris"))

    def _show_services(self) -> None:
        if self.site is None:
            return
        specs = self._labels()
        now = {s["code"]: s for s in self.services_now}
        self.welcome.set_tiles([(code, spec["colour"], spec["labels"][self.language],
                                 now.get(code, {}).get("open", False), spec.get("icon", ""))
                                for code, spec in specs.items()])
        for code, spec in specs.items():
            state = now.get(code, {"open": False, "waiting": 0, "wait_s": 0})
            if state["open"]:
                detail = texts.wait_text(state["waiting"], state["wait_s"], self.language)
            else:
                detail = texts.closed_tile_text(state.get("next_opening"), self.clock(),
                                                self._tz(), self.language)
            self.welcome.set_detail(code, spec["labels"][self.language], detail,
                                    state["open"])
        self.welcome.set_enabled_tiles(self.hub_ok)

    def _elsewhere_text(self, code: str) -> str:
        """"CAF : cet après-midi de 13 h 30 à 17 h à Enquin-les-Mines" when the hub says the
        other site holds the service before it opens here again; else nothing."""
        state = next((s for s in self.services_now if s["code"] == code), {})
        there = state.get("elsewhere")
        if not there:
            return ""
        name = self._service_label(code).split(" – ")[0]
        return visitor_words.elsewhere_line(
            name, datetime.fromisoformat(there["start"]), datetime.fromisoformat(there["end"]),
            there["site"], self.clock(), self._tz(), self.language)

    def _reception_code(self) -> str:
        codes = list(self._labels())
        return "ACC" if "ACC" in codes else codes[0]

    # -- the visitor's path ----------------------------------------------------------------

    def choose_service(self, code: str) -> None:
        self.pending_service = code
        spec = self._labels().get(code, {})
        state = next((s for s in self.services_now if s["code"] == code), {})
        if spec.get("priority") and state.get("open", True):
            self.stack.setCurrentWidget(self.priority)
        else:
            self.issue(code, False)

    def issue(self, code: str | None, priority: bool) -> None:
        if code is None:
            return
        language, client = self.language, self.client
        Op(self, lambda: client.issue_ticket(code, priority=priority, language=language)) \
            .success(self._issued).failure(lambda e: self._issue_failed(code, e)).run()
        # "One moment" only if the hub is slow: repainting the screen now would only delay
        # the ticket (and flash on every tap).
        self._pending.start()

    def _issued(self, ticket: dict) -> None:
        self._pending.stop()
        self._show_ticket(ticket)

    def _one_moment(self) -> None:
        self.message.show_message(tr("One moment…"))
        self.stack.setCurrentWidget(self.message)

    def _issue_failed(self, code: str, error: Exception) -> None:
        self._pending.stop()
        if isinstance(error, ServiceClosed):
            opening = texts.opening_text(
                error.next_opening.isoformat() if error.next_opening else None,
                self.clock(), self._tz(), self.language)
            self.closed.show_service(self._service_label(code), opening,
                                     self._elsewhere_text(code))
            self.closed.reception_button.setVisible(code != self._reception_code())
            self.stack.setCurrentWidget(self.closed)
            self._debounce.start()
        elif isinstance(error, RateLimited):
            self._notice(tr("Several tickets were just taken here."),
                         tr("Please wait a moment, or ask at reception."))
        elif isinstance(error, HubUnreachable):
            self._hub_failed(error)
            self._notice(tr("Sorry, no ticket can be printed right now."),
                         tr("Reception will help you."))
        else:
            self._notice(tr("Sorry, something went wrong."), tr("Reception will help you."))

    def _notice(self, title: str, text: str) -> None:
        self.message.show_message(title, text)
        self.stack.setCurrentWidget(self.message)
        self._ticket_timer.start()

    def _show_ticket(self, ticket: dict) -> None:
        page = self.ticket
        page.ticket = ticket
        self._print(ticket)  # first: the printer works while the screen draws the ticket
        page.set_fault(False)
        page.number.setText(ticket["number"])
        page.priority.setVisible(bool(ticket.get("priority")))
        page.service.setText(ticket["service_label"].get(self.language, ticket["service"]))
        page.position.setText(texts.position_text(ticket["position"], self.language))
        page.estimate.setText(texts.estimate_text(ticket["estimated_wait_s"], self.language))
        page.watch.setText(visitor_words.word("watch", self.language))
        page.qr.set_payload(ticket["status_url"])
        self.stack.setCurrentWidget(page)
        self._ticket_timer.start()
        self.ticket_shown.emit(ticket)

    def _print(self, ticket: dict) -> None:
        if self.printer is None:
            self.ticket.set_print_status("info", tr("Keep this screen's code: no printer here."))
            return
        self.ticket.set_print_status("info", tr("Printing your ticket…"))
        view = TicketView(
            site_name=(self.site or {}).get("name", ""), service_code=ticket["service"],
            service_label=ticket["service_label"].get(ticket["language"], ticket["service"]),
            number=ticket["number"], language=ticket["language"],
            issued_at=datetime.fromisoformat(ticket["issued_at"]).astimezone(self._tz()),
            position=ticket["position"], estimated_wait_s=ticket["estimated_wait_s"],
            status_url=ticket["status_url"], priority=ticket["priority"],
            site_address=(self.site or {}).get("address", ""),
            hours=tuple(tuple(day) for day in (self.site or {}).get("hours", ())),
        )
        printer, number = self.printer, ticket["number"]
        Op(self, lambda: printer.print_ticket(view)) \
            .success(lambda result: self._printed(number, result)) \
            .failure(lambda error: self._printed(number, None)).run()

    def _printed(self, number: str, result) -> None:
        ok = result is not None and result.ok
        if self.ticket.ticket.get("number") == number:
            if ok:
                self.ticket.set_print_status("info", tr("Please take your ticket below."))
            else:
                # The screen is the only copy of the ticket: it stays until the visitor
                # says they have noted the number (no time-out, no stray tap wipes it).
                self._ticket_timer.stop()
                self.ticket.set_fault(True)
                self.ticket.set_print_status("error", tr(
                    "The printer is not working. Note your number: {number}. Reception "
                    "has been told.").format(number=number))
        self.printed.emit(result)
        fault = _fault_text(result)
        if fault != self.printer_fault:  # tell the hub only of changes, not every ticket
            client = self.client
            # Remembered once the hub has heard it: a fault met while the hub is down is
            # told again with the next ticket.
            Op(self, lambda: client.printer_status(fault)) \
                .success(lambda _r: setattr(self, "printer_fault", fault)) \
                .failure(lambda _e: None).run()

    def _open_appointment(self) -> None:
        self.appointment.reset()
        self.stack.setCurrentWidget(self.appointment)

    def check_in(self, code: str) -> None:
        language, client = self.language, self.client
        Op(self, lambda: client.check_in(code, language)).success(self._show_ticket) \
            .failure(self._check_in_failed).run()

    def _check_in_failed(self, error: Exception) -> None:
        if isinstance(error, NotFound):
            self.appointment.show_error(tr("This code is not known. Please check it, or ask "
                                           "at reception."))
        elif isinstance(error, RateLimited):
            self.appointment.show_error(tr("Too many tries. Please ask at reception."))
        elif isinstance(error, HubUnreachable):
            self._hub_failed(error)
            self.appointment.show_error(tr("Reception will help you."))
        elif isinstance(error, Conflict):  # already used, cancelled, or another day
            self.appointment.show_error(tr("This code cannot be used now (already used, "
                                           "or the appointment is on another day). Please "
                                           "ask at reception."))
        else:
            self.appointment.show_error(tr("Reception will help you."))

    def _open_feedback(self) -> None:
        self.feedback.start([(code, spec["labels"][self.language])
                             for code, spec in self._labels().items()])
        self.stack.setCurrentWidget(self.feedback)

    def send_feedback(self, service: str, score: int) -> None:
        client = self.client
        Op(self, lambda: client.feedback(service, score)).failure(lambda _e: None).run()
        self.message.show_message(tr("Thank you!"), tr("Your answer helps us improve."))
        self.stack.setCurrentWidget(self.message)
        self._ticket_timer.start()

    # -- lock-down ---------------------------------------------------------------------------

    def _open_pin(self) -> None:
        self.pin.reset()
        self.stack.setCurrentWidget(self.pin)

    def unlock(self, pin: str) -> None:
        client = self.client
        Op(self, lambda: client.unlock_kiosk(pin)).success(lambda _r: self._unlocked()) \
            .failure(self._unlock_failed).run()

    def _unlocked(self) -> None:
        self.may_close = True
        self.unlocked.emit()

    def _unlock_failed(self, error: Exception) -> None:
        if isinstance(error, Unauthorized):
            self.pin.show_error(tr("Wrong PIN."))
        elif isinstance(error, RateLimited):
            self.pin.show_error(tr("Too many tries. Please wait a minute."))
        else:
            self.pin.show_error(tr("The hub cannot check the PIN right now."))

    def closeEvent(self, event) -> None:
        if self.may_close:
            if self.live:
                self.live.stop()
            QApplication.instance().removeEventFilter(self)
            event.accept()
        else:
            event.ignore()

    # -- home and idle -----------------------------------------------------------------------

    def back_to_welcome(self) -> None:
        """"Back": the same visitor goes on, in their language and contrast."""
        self._ticket_timer.stop()
        self.pending_service = None
        self.stack.setCurrentWidget(self.welcome)
        self.refresh()

    def go_home(self) -> None:
        """The visit is over (done, or idle): welcome page, French, normal contrast, and
        no focus ring showing."""
        self._ticket_timer.stop()
        self.pending_service = None
        self.stack.setCurrentWidget(self.welcome)
        if self.language != "fr":
            self.set_language("fr")
        if self.high_contrast:
            self.toggle_contrast()
        self.setFocus()
        self.refresh()

    def _holding_fault_ticket(self) -> bool:
        """A ticket the printer failed to print is on screen and not yet acknowledged."""
        return self.stack.currentWidget() is self.ticket and self.ticket.fault

    def _idle_home(self) -> None:
        if not self._holding_fault_ticket():
            self.go_home()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_EVENTS:
            self._idle.start()
            if (self.stack.currentWidget() is self.ticket and not self.ticket.fault
                    and event.type() != QEvent.Type.KeyPress):
                self._ticket_timer.start()
        return False

    def resizeEvent(self, event) -> None:
        """Every page follows the screen's orientation, shown or not, so that no hidden
        page in the other layout holds the window larger than the screen."""
        super().resizeEvent(event)
        self._restyle()
        landscape = self.width() > self.height()
        self.top.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                              else QBoxLayout.Direction.TopToBottom)
        for page in (self.ticket, self.appointment, self.pin):
            page.orient(landscape)
        self.corner.move(0, 0)
        self.corner.raise_()


def _fault_text(result) -> str | None:
    """The printer's state as a code of ``kiosk.domain.printer_faults``, or None if fine."""
    return "error" if result is None else result.fault_kind
