"""The pages of the visitor kiosk, each a plain widget with a ``retranslate()``.

The window (``ui.kiosk.window``) moves between them and talks to the hub; the pages only
show and report taps, so each can be tested and grabbed on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import visitor_tr as tr
from ui.kiosk.faces import FaceButton
from ui.widgets import Keypad, QrCode, ServiceTile, big_button, label


class WelcomePage(QWidget):
    """Greeting, the instruction (the largest text: it is what to do), one tile per service
    with its pictogram, an "I don't know / other request" tile, appointment and feedback.

    Signals: ``service_chosen(code)``, ``other()``, ``appointment()``, ``feedback()``.
    """

    service_chosen = Signal(str)
    other = Signal()
    appointment = Signal()
    feedback = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        greeting = QHBoxLayout()
        self.title = label(role="welcome", wrap=False)
        self.site_name = label(role="welcome", wrap=False)
        greeting.addStretch(1)
        greeting.addWidget(self.title)
        greeting.addWidget(self.site_name)
        greeting.addStretch(1)
        self.subtitle = label(role="instruction")
        layout.addLayout(greeting)
        layout.addWidget(self.subtitle)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        layout.addWidget(self.grid_host, stretch=1)
        # Portrait: "other request" on a row of its own above the two others; landscape:
        # the three on one row (see _relayout).
        self.actions = QGridLayout()
        # For whoever does not find their service among the tiles: general reception.
        self.other_button = big_button("", name="other", secondary=True)
        self.other_button.clicked.connect(self.other)
        self.appointment_button = big_button("", name="appointment", secondary=True)
        self.appointment_button.clicked.connect(self.appointment)
        self.feedback_button = big_button("", name="feedback", secondary=True)
        self.feedback_button.clicked.connect(self.feedback)
        layout.addLayout(self.actions)
        self.tiles: dict[str, ServiceTile] = {}
        self._columns = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Welcome"))
        self.subtitle.setText(tr("Touch the service you have come for"))
        self.other_button.setText(tr("I don't know / other request"))
        self.appointment_button.setText(tr("I have an appointment"))
        self.appointment_button.setAccessibleName(self.appointment_button.text())
        self.feedback_button.setText(tr("How was your visit?"))
        self.feedback_button.setAccessibleName(self.feedback_button.text())

    def set_tiles(self, services: list[tuple[str, str, str, bool, str]]) -> None:
        """``(code, colour, title, open, icon)`` then details via :meth:`set_detail`."""
        if [s[0] for s in services] != list(self.tiles):
            for tile in self.tiles.values():
                tile.deleteLater()
            self.tiles = {}
            for code, colour, _title, _open, icon in services:
                tile = ServiceTile(code, colour, icon)
                tile.setProperty("testName", f"tile-{code}")
                tile.clicked.connect(lambda _=False, c=code: self.service_chosen.emit(c))
                self.tiles[code] = tile
            self._columns = 0
            self._relayout()

    def set_detail(self, code: str, title: str, detail: str, open_: bool) -> None:
        if code in self.tiles:
            self.tiles[code].set_state(title, detail, open_=open_)

    def set_enabled_tiles(self, enabled: bool) -> None:
        for tile in self.tiles.values():
            tile.setEnabled(enabled)
        self.other_button.setEnabled(enabled)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        columns = 2 if self.height() > self.width() else 3
        tiles = list(self.tiles.values())
        if columns == self._columns and all(self.grid.indexOf(t) >= 0 for t in tiles):
            return
        self._columns = columns
        buttons = (self.other_button, self.appointment_button, self.feedback_button)
        for button in buttons:
            self.actions.removeWidget(button)
        if columns == 2:
            self.actions.addWidget(self.other_button, 0, 0, 1, 2)
            self.actions.addWidget(self.appointment_button, 1, 0)
            self.actions.addWidget(self.feedback_button, 1, 1)
        else:
            for index, button in enumerate(buttons):
                self.actions.addWidget(button, 0, index)
        for tile in tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(tiles):
            self.grid.addWidget(tile, index // columns, index % columns)


class PriorityPage(QWidget):
    """Signals: ``answered(bool)`` (True = priority needed), ``back()``."""

    answered = Signal(bool)
    back = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label(role="title")
        self.explain = label(role="subtitle")
        # "No" comes first and holds the focus: a switch or keyboard user who confirms
        # straight away gets a normal ticket, never priority by default.
        self.no = big_button("", name="priority-no")
        self.yes = big_button("", name="priority-yes", secondary=True)
        self.back_button = big_button("", name="back", secondary=True)
        self.yes.clicked.connect(lambda: self.answered.emit(True))
        self.no.clicked.connect(lambda: self.answered.emit(False))
        self.back_button.clicked.connect(self.back)
        for widget in (self.title, self.explain, self.no, self.yes):
            layout.addWidget(widget)
            layout.addSpacing(12)
        layout.addStretch(1)
        layout.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Do you need to be seen first?"))
        self.explain.setText(tr("For example: difficulty walking or standing, pregnancy, a "
                                "disability, a small child in your arms."))
        self.yes.setText(tr("Yes, I need priority"))
        self.no.setText(tr("No"))
        self.back_button.setText(tr("Back"))
        for button in (self.yes, self.no, self.back_button):
            button.setAccessibleName(button.text())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.no.setFocus()


class TicketPage(QWidget):
    """The ticket on screen, for those who go without paper. Signals: ``done()``.

    What matters most is largest: the number, then the place in line, then the wait, then
    "watch the screen". The QR code (for phones) is kept small beside them. Portrait:
    everything in one column; landscape: the QR code on the right, so the page fits an
    800-pixel-high screen.
    """

    done = Signal()

    def __init__(self):
        super().__init__()
        outer = QVBoxLayout(self)
        self.panes = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        outer.addLayout(self.panes, stretch=1)
        text_pane = self.text_pane = QVBoxLayout()
        text_pane.setSpacing(4)
        self.heading = label(role="subtitle")
        self.number = label(role="number", wrap=False)
        self.number.setAccessibleName("ticket number")
        self.priority = label(role="badge")
        self.priority.hide()
        badge_row = QHBoxLayout()
        badge_row.addStretch(1)
        badge_row.addWidget(self.priority)
        badge_row.addStretch(1)
        self.service = label(role="subtitle")
        self.position = label(role="position")
        self.estimate = label(role="estimate")
        self.watch = label(role="watch")
        text_pane.addWidget(self.heading)
        text_pane.addWidget(self.number)
        text_pane.addLayout(badge_row)
        for widget in (self.service, self.position, self.estimate, self.watch):
            # Wide enough that the large words never wrap one per line (which would make
            # the page taller than a landscape screen).
            widget.setMinimumWidth(520)
            text_pane.addWidget(widget)
        qr_pane = self.qr_pane = QVBoxLayout()
        qr_pane.addStretch(1)
        self.qr = QrCode()
        self.qr.setMaximumSize(280, 280)
        self.qr.setMinimumSize(120, 120)
        self.qr_hint = label(role="muted")
        self.qr_hint.setMinimumWidth(280)
        qr_pane.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignHCenter)
        qr_pane.addWidget(self.qr_hint)
        qr_pane.addStretch(1)
        self.panes.addLayout(text_pane, stretch=3)
        self.panes.addLayout(qr_pane, stretch=1)
        self.print_status = label()
        self.print_status.setObjectName("banner")
        self.print_status.setProperty("level", "info")
        self.done_button = big_button("", name="done")
        self.done_button.clicked.connect(self.done)
        self.bottom = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.bottom.addWidget(self.print_status, stretch=3)
        self.bottom.addWidget(self.done_button, stretch=1)
        outer.addLayout(self.bottom)
        self.ticket: dict = {}
        self.fault = False
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Your ticket"))
        self.qr_hint.setText(tr("Follow your turn on your phone"))
        self.priority.setText(tr("Priority"))
        self._done_text()

    def _done_text(self) -> None:
        # A tick and "I have my ticket": the visit goes on, nothing is cancelled.
        self.done_button.setText("✓ " + (tr("I have noted my number") if self.fault
                                         else tr("I have my ticket")))

    def set_fault(self, fault: bool) -> None:
        self.fault = fault
        self._done_text()

    def set_print_status(self, level: str, text: str) -> None:
        self.print_status.setProperty("level", level)
        self.print_status.style().unpolish(self.print_status)
        self.print_status.style().polish(self.print_status)
        self.print_status.setText(text)
        self.print_status.setAccessibleName(text)

    def orient(self, landscape: bool) -> None:
        direction = (QBoxLayout.Direction.LeftToRight if landscape
                     else QBoxLayout.Direction.TopToBottom)
        self.panes.setDirection(direction)
        self.bottom.setDirection(direction)
        self.heading.setVisible(not landscape)  # the number speaks for itself when short
        # A hidden page's layouts keep the sizes of the last style sheet (the text scale
        # changes with the window): forget them, or the page holds the window too tall.
        for layout in (self.text_pane, self.qr_pane, self.panes, self.bottom, self.layout()):
            layout.invalidate()


class ClosedPage(QWidget):
    """A service closed now: when it opens next, and general reception instead.

    Signals: ``reception()``, ``back()``.
    """

    reception = Signal()
    back = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label(role="title")
        self.next_opening = label(role="subtitle")
        self.offer = label()
        self.reception_button = big_button("", name="reception")
        self.back_button = big_button("", name="back", secondary=True)
        self.reception_button.clicked.connect(self.reception)
        self.back_button.clicked.connect(self.back)
        for widget in (self.title, self.next_opening, self.offer, self.reception_button):
            layout.addWidget(widget)
            layout.addSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.offer.setText(tr("The general reception desk can help you now."))
        self.reception_button.setText(tr("Take a ticket for general reception"))
        self.back_button.setText(tr("Back"))
        for button in (self.reception_button, self.back_button):
            button.setAccessibleName(button.text())

    def show_service(self, service_label: str, opening: str, elsewhere: str = "") -> None:
        """The service's name as a title, then "This service is closed now" (right in French
        whatever the service's gender: "la CAF", "le PIJ"), its next opening here and, if
        the other site holds it sooner, where and when."""
        self.title.setText(service_label)
        text = tr("This service is closed now. Next opening here: {when}.").format(when=opening)
        if elsewhere:
            text += "\n" + elsewhere
        self.next_opening.setText(text)


class CodePage(QWidget):
    """A keypad page: the appointment code (visitors) or the staff PIN (lock-down).

    Signals: ``submitted(str)``, ``back()``.
    """

    submitted = Signal(str)
    back = Signal()

    def __init__(self, *, secret: bool, max_len: int):
        super().__init__()
        self.secret = secret
        self.panes = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        texts = QVBoxLayout()
        self.title = label(role="title")
        self.hint = label(role="subtitle")
        self.error = label()
        self.error.setObjectName("banner")
        self.error.setProperty("level", "error")
        self.error.hide()
        self.keypad = Keypad(max_len=max_len, secret=secret, exact=not secret)
        self.keypad.submitted.connect(self.submitted)
        self.back_button = big_button("", name="back", secondary=True)
        self.back_button.clicked.connect(self.back)
        texts.addWidget(self.title)
        texts.addWidget(self.hint)
        texts.addWidget(self.error)
        texts.addStretch(1)
        texts.addWidget(self.back_button)
        self.panes.addLayout(texts, stretch=1)
        self.panes.addWidget(self.keypad, stretch=1)
        self.retranslate()

    def retranslate(self) -> None:
        if self.secret:
            self.title.setText(tr("Staff only"))
            self.hint.setText(tr("Enter a staff PIN to leave the kiosk"))
        else:
            self.title.setText(tr("I have an appointment"))
            self.hint.setText(tr("Type the {digits}-digit code you were given when you "
                                 "booked").format(digits=self.keypad.max_len))
        self.keypad.set_texts(tr("Erase"), tr("OK"))
        self.back_button.setText(tr("Back"))
        self.back_button.setAccessibleName(self.back_button.text())

    def reset(self) -> None:
        self.keypad.clear()
        self.error.hide()

    def orient(self, landscape: bool) -> None:
        self.panes.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                else QBoxLayout.Direction.TopToBottom)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)
        self.error.show()
        self.keypad.clear()


class FeedbackPage(QWidget):
    """Which service, then one tap on a face. Signals: ``rated(service, score)``, ``back()``."""

    rated = Signal(str, int)
    back = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        self.title = label(role="title")
        self.hint = label(role="subtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.services_host = QWidget()
        self.services_grid = QGridLayout(self.services_host)
        layout.addWidget(self.services_host, stretch=1)
        self.faces_host = QWidget()
        faces = QHBoxLayout(self.faces_host)
        self.faces = [FaceButton(score, "") for score in (3, 2, 1)]
        for face in self.faces:
            face.setProperty("testName", f"face-{face.score}")
            face.clicked.connect(lambda _=False, s=face.score: self.rated.emit(self.service, s))
            faces.addWidget(face)
        layout.addWidget(self.faces_host, stretch=1)
        self.back_button = big_button("", name="back", secondary=True)
        self.back_button.clicked.connect(self.back)
        layout.addWidget(self.back_button)
        self.service = ""
        self.service_buttons: dict[str, object] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("How was your visit?"))
        captions = {3: tr("Good"), 2: tr("All right"), 1: tr("Not good")}
        for face in self.faces:
            face.set_caption(captions[face.score])
        self.back_button.setText(tr("Back"))
        self.back_button.setAccessibleName(self.back_button.text())
        self._hint()

    def _hint(self) -> None:
        self.hint.setText(tr("Which service did you see?") if not self.service
                          else tr("One tap is enough. Thank you!"))

    def start(self, services: list[tuple[str, str]]) -> None:
        """Ask for the service first: ``(code, label)`` pairs."""
        self.service = ""
        for button in self.service_buttons.values():
            button.deleteLater()
        self.service_buttons = {}
        for index, (code, text) in enumerate(services):
            button = big_button(text, name=f"feedback-{code}", secondary=True)
            button.clicked.connect(lambda _=False, c=code: self.choose(c))
            self.services_grid.addWidget(button, index // 2, index % 2)
            self.service_buttons[code] = button
        self.services_host.show()
        self.faces_host.hide()
        self._hint()

    def choose(self, code: str) -> None:
        self.service = code
        self.services_host.hide()
        self.faces_host.show()
        self._hint()


class MessagePage(QWidget):
    """A short message (thank you; please wait) before going back home."""

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label(role="title")
        self.text = label(role="subtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_message(self, title: str, text: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
