"""The manager's dashboard window: sign-in, the figures of the chosen days, live, exports.

Every hub call runs through :class:`ui.ops.Op` (long work through :class:`Steps`, with a
progress bar and a Cancel button); failures are banners. Only a manager's session opens
the figures: the hub answers 403 to a counter's, and the sign-in page says so.

Live: while the chosen days include today, each hub event restarts a short debounce, then
the figures are asked again (a refresh asked for while one is on its way runs once more
after it). A range longer than two months is first prepared month by month (the hub
computes and keeps each closed day once), so a year's first look shows progress.

Signals: ``signed_in(str)``, ``signed_out()``, ``refreshed()`` (new figures on screen),
``progressed(done, total)`` (a step of long work ended), ``exported(str)`` (a file was
written), ``failed(str)`` (an error was shown).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLayout,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.client import HubClient, HubUnreachable
from kiosk.domain import visitor_words
from kiosk.errors import Forbidden, KioskError, RateLimited, Unauthorized
from ui.counter.style import ActionButton
from ui.dashboard.board import Board
from ui.dashboard.exports import Exports
from ui.dashboard.filters import FilterBar
from ui.dashboard.jobs import Steps
from ui.dashboard.names import known_site_names, short_site_name
from ui.dashboard.period import CHUNKED_FROM_DAYS, Query, months
from ui.dashboard.report_pdf import Report
from ui.dashboard.signin import SignInPage
from ui.dashboard.style import dashboard_style, font_px, scale_for
from ui.i18n import LANGUAGES, NATIVE_NAMES, Translations, tr
from ui.live import LiveEvents
from ui.ops import Op
from ui.widgets import Banner, label, timer

LIVE_DEBOUNCE_MS = 800
BANNER_MS = {"info": 6000, "warning": 15000, "error": 20000}
MINIMUM_SIZE = (1024, 700)


class DashboardWindow(Exports, QWidget):
    signed_in = Signal(str)
    signed_out = Signal()
    refreshed = Signal()
    progressed = Signal(int, int)
    exported = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        client: HubClient,
        *,
        translations: Translations | None = None,
        language: str = "fr",
        live: bool = True,
    ):
        super().__init__()
        self.client = client
        self.translations = translations or Translations()
        self.language = language
        self.site: dict = {}
        self.tz = ZoneInfo("Europe/Paris")
        self.today = date.today()
        self.manager: str | None = None
        self.answer: dict | None = None
        self.shown_query: Query | None = None
        self.health: dict = {}
        self.job: Steps | None = None
        self.report: Report | None = None
        self._asked = 0
        self._loading = self._again = False
        self._names = known_site_names()
        self._seen_sites: set[str] = set()
        self._scale = scale_for(1280, 800)
        self.setStyleSheet(dashboard_style(self._scale))
        self.setWindowTitle(tr("Dashboard"))
        self._build()
        self._debounce = timer(self, LIVE_DEBOUNCE_MS, self._live_refresh, single=True)
        self._banner_timer = timer(self, 5000, self.banner.hide, single=True)
        self._site_retry = timer(self, 3000, self.load_site, single=True)
        self._live_wanted = live
        self.live: LiveEvents | None = None
        self.translations.use(language)
        self.retranslate()
        self.resize(1280, 800)
        self.load_site()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(*MINIMUM_SIZE)
        outer.setContentsMargins(14, 8, 14, 10)
        outer.setSpacing(6)
        self.header = QWidget()
        top = QHBoxLayout(self.header)
        top.setContentsMargins(0, 0, 0, 0)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.title = label(role="heading", align=Qt.AlignmentFlag.AlignLeft, wrap=True)
        self.peers = label(role="status", align=Qt.AlignmentFlag.AlignLeft)
        for widget in (self.title, self.peers):
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            names.addWidget(widget)
        top.addLayout(names, stretch=1)
        self.csv_button = self._small_button("export_csv")
        self.csv_button.clicked.connect(self._ask_csv_path)
        self.pdf_button = self._small_button("export_pdf")
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        self.language_box = QComboBox()
        self.language_box.setAccessibleName("language")
        for language in LANGUAGES:
            self.language_box.addItem(NATIVE_NAMES[language], language)
        self.language_box.currentIndexChanged.connect(
            lambda _i: self.set_language(self.language_box.currentData())
        )
        self.sign_out_button = self._small_button("sign_out")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.devices_button = self._small_button("devices", "Appareils")
        self.devices_button.clicked.connect(self.show_devices)
        self.devices_panel = None
        for widget in (self.csv_button, self.pdf_button, self.devices_button, self.language_box,
                       self.sign_out_button):
            top.addWidget(widget)
        outer.addWidget(self.header)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, stretch=1)
        self.sign_in_page = SignInPage()
        self.sign_in_page.submitted.connect(self.sign_in)
        self.stack.addWidget(self.sign_in_page)
        self.page = QWidget()
        column = QVBoxLayout(self.page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.filters = FilterBar(self.today)
        self.filters.changed.connect(lambda _query: self.refresh())
        column.addWidget(self.filters)
        self.progress_row = QWidget()
        progress = QHBoxLayout(self.progress_row)
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress_text = label(role="status", align=Qt.AlignmentFlag.AlignLeft, wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = self._small_button("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        progress.addWidget(self.progress_text)
        progress.addWidget(self.progress, stretch=1)
        progress.addWidget(self.cancel_button)
        self.progress_row.hide()
        column.addWidget(self.progress_row)
        self.board = Board(
            self.site_name, self.service_name, lambda params: self.client.planning(**params)
        )
        column.addWidget(self.board, stretch=1)
        self.stack.addWidget(self.page)
        self._show_tools(False)

    def _small_button(self, name: str, text: str = "") -> ActionButton:
        button = ActionButton(text, name=name, secondary=True)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Dashboard"))
        self.sign_out_button.setText(tr("Sign out"))
        self.csv_button.setText(tr("Export CSV"))
        self.pdf_button.setText(tr("Report (PDF)"))
        self.cancel_button.setText(tr("Cancel"))
        self.sign_in_page.retranslate()
        self.filters.retranslate()
        self._set_choices()
        self.board.language = self.language
        self.board.retranslate()
        self._show_title()
        self._show_peers()
        self.language_box.blockSignals(True)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.language)))
        self.language_box.blockSignals(False)

    def set_language(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "fr"
        self.translations.use(self.language)
        self.retranslate()

    # -- names -----------------------------------------------------------------------------

    def site_name(self, slug: str) -> str:
        if slug == self.site.get("slug"):
            return short_site_name(self.site.get("name", slug))
        return self._names.get(slug, slug)

    def service_name(self, row: dict) -> str:
        labels = row.get("labels") or {}
        return labels.get(self.language) or labels.get("fr") or row.get("key", "")

    def _show_title(self) -> None:
        name = self.site.get("name", "")
        self.title.setText(tr("Dashboard") + (f" — {name}" if name else ""))

    # -- the site, signing in and out ------------------------------------------------------

    def load_site(self) -> None:
        def fetch() -> tuple[dict, dict]:
            return self.client.site(), self.client.health()

        Op(self, fetch).success(self._site_loaded).failure(self._site_failed).run()

    def _site_loaded(self, answer: tuple[dict, dict]) -> None:
        self.site, self.health = answer
        self.tz = ZoneInfo(self.site.get("timezone", "Europe/Paris"))
        self._set_today(datetime.fromisoformat(self.health["time"]).astimezone(self.tz).date())
        self.sign_in_page.set_site(self.site)
        self.filters.set_query(Query("day", self.today, self.today))
        self._set_choices()
        self._show_title()

    def _site_failed(self, error: Exception) -> None:
        self.sign_in_page.show_error(tr("The hub cannot be reached; trying again…"), "warning")
        self._site_retry.start()

    def _set_today(self, today: date) -> None:
        self.today = today
        self.filters.today = today

    def sign_in(self, manager: str, pin: str, role: str = "manager") -> None:
        """Sign in; ``role="counter"`` tries a counter's PIN (the hub refuses its figures)."""

        def call() -> dict:
            who = {"counter": manager} if role == "counter" else {"manager": manager}
            return self.client.sign_in(pin=pin, **who)

        Op(self, call).success(lambda _a: self._signed_in(manager)).failure(
            self._sign_in_failed
        ).run()

    def _signed_in(self, manager: str) -> None:
        self.manager = manager
        self._show_tools(True)
        self.stack.setCurrentWidget(self.page)
        self.sign_in_page.reset()
        self.signed_in.emit(manager)
        if self._live_wanted and self.live is None:
            self.live = LiveEvents(self.client, self)
            self.live.event.connect(self._on_event)
            self.live.start()
        self.refresh()

    def _sign_in_failed(self, error: Exception) -> None:
        self.sign_in_page.reset(_sign_in_message(error), "error")
        self.failed.emit(self.sign_in_page.error.text())

    def sign_out(self) -> None:
        self.cancel()
        if self.live is not None:
            self.live.stop()
            self.live = None
        self._drop_session()
        self._back_to_sign_in("")
        self.signed_out.emit()

    def _drop_session(self) -> None:
        """Forget the session now; tell the hub in the background (that very token, not
        whichever the client holds by the time the call runs)."""
        token, self.client.token = self.client.token, None
        if token:

            def forget() -> None:
                other = HubClient(self.client.base_url)
                other.token = token
                try:
                    other.sign_out()
                finally:
                    other.close()

            Op(self, forget).failure(lambda _e: None).run()

    def _show_tools(self, signed_in: bool) -> None:
        for widget in (self.csv_button, self.pdf_button, self.sign_out_button, self.peers,
                       self.devices_button):
            widget.setVisible(signed_in)
        if not signed_in and self.devices_panel is not None:
            self.devices_panel.close()

    def show_devices(self) -> None:
        """The "Appareils" panel (ui.dashboard.devices): approve pairing codes, revoke."""
        from ui.dashboard.devices import DevicesPanel

        if self.devices_panel is None:
            self.devices_panel = DevicesPanel(self.client, self)
        self.devices_panel.show()
        self.devices_panel.raise_()

    def _back_to_sign_in(self, message: str) -> None:
        self.manager = None
        self._show_tools(False)
        self.stack.setCurrentWidget(self.sign_in_page)
        self.sign_in_page.reset(message, "error")
        if message:
            self.failed.emit(message)

    # -- figures -------------------------------------------------------------------------

    @property
    def query(self) -> Query:
        return self.filters.query

    def refresh(self) -> None:
        """Ask the hub for the chosen days' figures (through the month steps if long)."""
        if self.manager is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        self._asked += 1
        asked, query = self._asked, self.query
        steps = []
        if query.days > CHUNKED_FROM_DAYS:
            steps += [
                lambda a=a, b=b: self.client.stats(
                    a.isoformat(), b.isoformat(), query.site, query.service
                )
                for a, b in months(query.start, query.end)
            ]
        steps.append(lambda: (self.client.stats(**query.params()), self._health()))
        job = Steps(self, steps)
        if len(steps) > 1:
            self._start_progress(job, tr("Preparing the figures, a month at a time"))
        job.done.connect(lambda results: self._figures_came(asked, query, results[-1]))
        job.failed.connect(lambda error: self._figures_failed(asked, error))
        job.cancelled.connect(lambda: self._figures_cancelled(asked))
        job.start()

    def _health(self) -> dict:
        try:
            return self.client.health()
        except KioskError:
            return self.health

    def _figures_came(self, asked: int, query: Query, answer: tuple[dict, dict]) -> None:
        self._loading = False
        self._end_progress()
        stats, self.health = answer
        if asked == self._asked:
            self._set_today(date.fromisoformat(stats["today"]))
            self.answer, self.shown_query = stats, query
            self._seen_sites |= set(stats["sites"])
            self.board.show_answer(stats)
            self._set_choices()
            self._show_peers()
            self.refreshed.emit()
        if self._again:
            self.refresh()

    def _figures_failed(self, asked: int, error: Exception) -> None:
        self._loading = False
        self._end_progress()
        if isinstance(error, Forbidden):  # a counter's session: close it, say why
            self._drop_session()
            self._back_to_sign_in(_sign_in_message(error))
            return
        if isinstance(error, Unauthorized):
            self._back_to_sign_in(tr("Your session has ended: please sign in again."))
            return
        self.show_message("error", tr("The figures could not be read: {0}").format(error))
        if self._again:
            self.refresh()

    def _figures_cancelled(self, asked: int) -> None:
        self._loading = False
        self._end_progress()
        self.show_message("info", tr("Cancelled."))

    def _on_event(self, _event: dict) -> None:
        if self.manager is not None and self.query.includes(self.today):
            self._debounce.start()

    def _live_refresh(self) -> None:
        if self.job is None or not self.job.running:
            self.refresh()

    # -- choices and the other site --------------------------------------------------------

    def _set_choices(self) -> None:
        own = self.site.get("slug")
        slugs = self._seen_sites | ({own} if own else set())
        slugs |= {p.get("site") for p in self.health.get("peers", []) or [] if p.get("site")}
        sites = sorted(
            ((slug, self.site_name(slug)) for slug in slugs),
            key=lambda item: (item[0] != own, item[1]),
        )
        services = {
            s["code"]: self.service_name({"key": s["code"], "labels": s["labels"]})
            for s in self.site.get("services", [])
        }
        for row in (self.answer or {}).get("by_service", []):
            services.setdefault(row["key"], self.service_name(row))
        self.filters.set_choices(sites, sorted(services.items(), key=lambda item: item[1]))

    def _show_peers(self) -> None:
        """How far each site's figures go, every site named ("Fauquembergues: data up to
        10 h 42 · Enquin-les-Mines: data up to 10 h 38"), from the figures themselves; and
        only when a link is silent, since when (``/api/health`` ``peers``)."""
        own = self.site.get("slug")
        peers = {p.get("site"): p for p in self.health.get("peers", []) or [] if p.get("site")}
        until = (self.answer or {}).get("data_until", {})
        sites = sorted(self._seen_sites | set(peers) | set(until) | ({own} if own else set()),
                       key=lambda slug: (slug != own, self.site_name(slug)))
        parts = []
        for slug in sites:
            if slug in until and "T" not in until[slug]:  # a whole day, no time known
                day = date.fromisoformat(until[slug])
                text = tr("{0}: data up to {1} included").format(self.site_name(slug),
                                                                f"{day:%d/%m}")
            elif slug in until:
                when = datetime.fromisoformat(until[slug]).astimezone(self.tz)
                clock = visitor_words.clock_text(when.time(), self.language)
                text = (tr("{0}: data up to {1}") if when.date() == self.today
                        else tr("{0}: data up to {2} {1}")).format(
                    self.site_name(slug), clock, f"{when:%d/%m}")
            else:
                text = tr("{0}: no data for these days").format(self.site_name(slug))
            heard = (peers.get(slug) or {}).get("last_heard_at")
            if slug != own and slug in peers and not heard:
                text += " " + tr("(link not established yet)")
            parts.append(text)
        self.peers.setText("  ·  ".join(parts))

    # -- progress, banners -----------------------------------------------------------------

    def _start_progress(self, job: Steps, text: str) -> None:
        self.job = job
        self.progress_text.setText(text)
        self.progress.setRange(0, job.total)
        self.progress.setValue(0)
        job.progress.connect(self._stepped)
        self.progress_row.show()
        self.csv_button.setEnabled(False)
        self.pdf_button.setEnabled(False)

    def _stepped(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progressed.emit(done, total)

    def _end_progress(self) -> None:
        self.job = None
        self.progress_row.hide()
        self.csv_button.setEnabled(True)
        self.pdf_button.setEnabled(True)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.report is not None:
            self.report.abort()
            self.report = None
            self._end_progress()

    @property
    def busy(self) -> bool:
        return self.job is not None or self.report is not None

    def show_message(self, level: str, text: str) -> None:
        self.banner.show_message(level, text)
        self._banner_timer.start(BANNER_MS.get(level, 6000))
        if level == "error":
            self.failed.emit(text)

    # -- window --------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        scale = scale_for(self.width(), self.height())
        if scale != self._scale:
            self._scale = scale
            self.setStyleSheet(dashboard_style(scale))
        self.board.set_font_px(font_px(scale))

    def closeEvent(self, event) -> None:
        self.cancel()
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)


def _sign_in_message(error: Exception) -> str:
    if isinstance(error, Forbidden):
        return tr("Counters cannot open the dashboard: sign in with a manager's PIN.")
    if isinstance(error, Unauthorized):
        return tr("Wrong name or PIN.")
    if isinstance(error, RateLimited):
        return tr("Too many wrong PINs: wait a minute, then try again.")
    if isinstance(error, HubUnreachable):
        return tr("The hub cannot be reached: check the network, then try again.")
    return str(error)
