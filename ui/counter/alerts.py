"""What the site asks staff to look at: a kiosk's printer, the hub link, the other site.

Three sources, one panel: printer faults come from ``/api/alerts`` (refreshed when a
``printer_fault`` / ``printer_ok`` event arrives), the hub link from
:class:`ui.live.LiveEvents`, and the other site from the ``peers`` of ``/api/health``
(``{"site", "last_heard_at", "backlog", "last_error"}``, fed by the sync worker) through
:meth:`AlertsPanel.set_peers`. The panel hides itself when all is well.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.counter import texts
from ui.i18n import tr
from ui.widgets import label

#: Another site silent for longer than this is worth telling staff (sync pushes every few
#: seconds when all is well).
PEER_SILENCE = timedelta(minutes=15)


class AlertsPanel(QWidget):
    def __init__(self):
        super().__init__()
        self.printers: list[dict] = []
        self.link_up: bool | None = None
        self.peers: list[dict] = []
        self.now: datetime | None = None
        self.tz = ZoneInfo("Europe/Paris")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._rows: list[QFrame] = []
        self.hide()

    def set_printer_alerts(self, alerts: list[dict]) -> None:
        self.printers = [a for a in alerts if a.get("kind") == "printer"]
        self._render()

    def set_link(self, up: bool) -> None:
        if up != self.link_up:
            self.link_up = up
            self._render()

    def set_peers(self, peers: list[dict] | None, now: datetime | None) -> None:
        """The other sites as ``/api/health`` reports them (none: nothing shown)."""
        self.peers, self.now = list(peers or []), now
        self._render()

    def messages(self) -> list[tuple[str, str]]:
        """``(level, text)`` of each alert shown, newest concerns first."""
        shown = []
        if self.link_up is False:
            shown.append(
                (
                    "error",
                    tr(
                        "Link to the hub lost: the queue on this screen may be out of date. "
                        "Reconnecting…"
                    ),
                )
            )
        several = len(self.printers) > 1
        for index, alert in enumerate(self.printers, start=1):
            # The kiosk's id ("kiosk-hall") is a machine name: staff read "the kiosk", or
            # "kiosk 2" when several kiosks report at once. One colon: the fault's own.
            fault = fault_text(alert.get("fault"))
            since = texts.clock_time(alert.get("since"), self.tz)
            where = (tr("Kiosk {n} printer").format(n=index) if several
                     else tr("Kiosk printer"))
            shown.append(
                (
                    alert.get("level", "error"),
                    tr("{where}, since {time}\n{fault}").format(
                        where=where, fault=fault[:1].upper() + fault[1:], time=since
                    ),
                )
            )
        for peer in self.peers:
            heard = peer.get("last_heard_at")
            heard_at = datetime.fromisoformat(heard) if heard else None
            if self.now is not None and (heard_at is None or self.now - heard_at > PEER_SILENCE):
                name = peer.get("name") or peer.get("site", "?")
                shown.append(
                    (
                        "warning",
                        tr("No news from {site} since {time}").format(
                            site=name,
                            time=texts.clock_time(heard, self.tz)
                            if heard
                            else tr("the hub started"),
                        ),
                    )
                )
        return shown

    def _render(self) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for level, text in self.messages():
            row = QFrame()
            row.setObjectName("alert")
            row.setProperty("level", level)
            inner = QVBoxLayout(row)
            inner.setContentsMargins(10, 6, 10, 6)
            inner.addWidget(label(text, align=Qt.AlignmentFlag.AlignLeft))
            row.setAccessibleName(text)
            self._layout.addWidget(row)
            self._rows.append(row)
        self.setVisible(bool(self._rows))


def fault_text(code: str | None) -> str:
    """The sentence for a printer fault code of ``kiosk.domain.printer_faults``."""
    return {
        "paper_out": tr("out of paper: load a new roll"),
        "paper_near_end": tr("paper roll nearly finished: prepare a new roll"),
        "cover_open": tr("cover open: close it"),
        "offline": tr("printer offline: check it is switched on and not in error"),
        "unreachable": tr("printer unreachable: check its cable or network"),
        "error": tr("printer error: switch it off and on"),
    }.get(code or "", tr("printer fault"))
