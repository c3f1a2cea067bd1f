"""Issuing a ticket on a visitor's behalf (a phone call, someone at the desk).

The counter's sign-in goes with the request, so the hub records the ticket as issued at
reception (counted apart from the kiosk's) and never rate-limits it. The number is shown
large to be read out or written down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QVBoxLayout, QWidget

from ui.counter.style import ActionButton, card
from ui.i18n import LANGUAGES, NATIVE_NAMES, tr
from ui.widgets import label


class VisitorPanel(QWidget):
    """Signals: ``issue(service: str, priority: bool, language: str)``."""

    issue = Signal(str, bool, str)

    def __init__(self):
        super().__init__()
        self.services: dict[str, dict] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        form = QFormLayout()
        self.service = QComboBox()
        self.service.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.service.setMinimumContentsLength(8)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.language = QComboBox()
        for language in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[language], language)
        self.priority = QCheckBox()
        self.service_label, self.language_label = label(), label()
        for caption, field in (
            (self.service_label, self.service),
            (self.language_label, self.language),
        ):
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            caption.setWordWrap(False)
            form.addRow(caption, field)
        form.addRow(self.priority)
        self.priority_hint = label(role="small", align=Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.priority_hint)
        layout.addLayout(form)
        self.issue_button = ActionButton(name="issue")
        self.issue_button.clicked.connect(self._issue)
        layout.addWidget(self.issue_button)
        self.result, inner = card(8)
        self.number = label(role="code")
        self.what = label(role="small")
        inner.addWidget(self.number)
        inner.addWidget(self.what)
        self.result.hide()
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.service_label.setText(tr("Service"))
        self.language_label.setText(tr("Language"))
        self.priority.setText(tr("Priority ticket"))
        self.priority_hint.setText(
            tr("For pregnancy, disability, reduced mobility (if the service has a priority queue).")
        )
        self.issue_button.setText(tr("Issue the ticket"))

    def set_site(self, services: list[dict], language: str) -> None:
        chosen = self.service.currentData()
        self.services = {s["code"]: s for s in services}
        self.service.blockSignals(True)
        self.service.clear()
        for spec in services:
            self.service.addItem(spec["labels"].get(language, spec["code"]), spec["code"])
        if chosen is not None:
            self.service.setCurrentIndex(max(0, self.service.findData(chosen)))
        self.service.blockSignals(False)
        self._service_changed()

    def _service_changed(self, _index: int = 0) -> None:
        spec = self.services.get(self.service.currentData(), {})
        self.priority.setEnabled(bool(spec.get("priority")))
        if not spec.get("priority"):
            self.priority.setChecked(False)

    def _issue(self) -> None:
        code = self.service.currentData()
        if code:
            self.issue_button.setEnabled(False)
            self.issue.emit(code, self.priority.isChecked(), self.language.currentData())

    def show_ticket(self, ticket: dict, service_label: str) -> None:
        self.issue_button.setEnabled(True)
        self.number.setText(ticket["number"])
        self.what.setText(
            tr("{service} · position {position} in the queue").format(
                service=service_label, position=ticket.get("position", "?")
            )
        )
        self.result.show()

    def failed(self) -> None:
        self.issue_button.setEnabled(True)
