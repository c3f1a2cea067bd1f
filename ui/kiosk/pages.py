"""The pages of the visitor kiosk, each a plain widget with a ``retranslate()``.

The window (``ui.kiosk.window``) moves between them and talks to the hub; the pages only
show and report taps, so each can be tested and grabbed on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import visitor_tr as tr
from ui.kiosk.faces import FaceButton
from ui.widgets import Keypad, QrCode, ServiceTile, big_button, label


class WelcomePage(QWidget):
    """Greeting, one tile per service, appointment and feedback buttons.

    Signals: ``service_chosen(code)``, ``appointment()``, ``feedback()``.
    """

    service_chosen = Signal(str)
    appointment = Signal()
    feedback = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        self.title = label(role="title")
        self.site_name = label(role="subtitle")
        self.subtitle = label()
        layout.addWidget(self.title)
        layout.addWidget(self.site_name)
        layout.addWidget(self.subtitle)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        layout.addWidget(self.grid_host, stretch=1)
        row = QHBoxLayout()
        self.appointment_button = big_button("", name="appointment", secondary=True)
        self.appointment_button.clicked.connect(self.appointment)
        self.feedback_button = big_button("", name="feedback", secondary=True)
        self.feedback_button.clicked.connect(self.feedback)
        row.addWidget(self.appointment_button)
        row.addWidget(self.feedback_button)
        layout.addLayout(row)
        self.tiles: dict[str, ServiceTile] = {}
        self._columns = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Welcome"))
        self.subtitle.setText(tr("Touch the service you have come for"))
        self.appointment_button.setText(tr("I have an appointment"))
        self.appointment_button.setAccessibleName(self.appointment_button.text())
        self.feedback_button.setText(tr("How was your visit?"))
        self.feedback_button.setAccessibleName(self.feedback_button.text())

    def set_tiles(self, services: list[tuple[str, str, str, bool]]) -> None:
        """``(code, colour, title, open)`` then details via :meth:`set_detail`."""
        if [s[0] for s in services] != list(self.tiles):
            for tile in self.tiles.values():
                tile.deleteLater()
            self.tiles = {}
            for code, colour, _title, _open in services:
                tile = ServiceTile(code, colour)
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        columns = 2 if self.height() > self.width() else 3
        if columns == self._columns and all(self.grid.indexOf(t) >= 0
                                            for t in self.tiles.values()):
            return
        self._columns = columns
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
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
        self.yes = big_button("", name="priority-yes")
        self.no = big_button("", name="priority-no")
        self.back_button = big_button("", name="back", secondary=True)
        self.yes.clicked.connect(lambda: self.answered.emit(True))
        self.no.clicked.connect(lambda: self.answered.emit(False))
        self.back_button.clicked.connect(self.back)
        for widget in (self.title, self.explain, self.yes, self.no):
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


class TicketPage(QWidget):
    """The ticket on screen, for those who go without paper. Signals: ``done()``.

    Portrait: everything in one column. Landscape: the number on the left, the QR code on
    the right, so the page fits an 800-pixel-high screen.
    """

    done = Signal()

    def __init__(self):
        super().__init__()
        outer = QVBoxLayout(self)
        self.panes = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        outer.addLayout(self.panes, stretch=1)
        text_pane = QVBoxLayout()
        self.heading = label(role="subtitle")
        self.number = label(role="number")
        self.number.setAccessibleName("ticket number")
        self.service = label(role="title")
        self.position = label()
        self.estimate = label()
        for widget in (self.heading, self.number, self.service, self.position, self.estimate):
            text_pane.addWidget(widget)
        qr_pane = QVBoxLayout()
        self.qr = QrCode()
        self.qr_hint = label(role="muted")
        qr_pane.addWidget(self.qr, stretch=1)
        qr_pane.addWidget(self.qr_hint)
        self.panes.addLayout(text_pane, stretch=1)
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
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Your ticket"))
        self.qr_hint.setText(tr("Scan this code to follow your turn on your phone"))
        self.done_button.setText(tr("Done"))

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

    def show_service(self, service_label: str, opening: str) -> None:
        self.title.setText(tr("{service} is closed now").format(service=service_label))
        self.next_opening.setText(tr("Next opening: {when}").format(when=opening))


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
        self.keypad = Keypad(max_len=max_len, secret=secret)
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
            self.hint.setText(tr("Enter the code you were given when you booked"))
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
