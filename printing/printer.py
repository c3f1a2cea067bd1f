"""The one object the kiosk screen talks to: print this ticket, tell me how the printer is.

A printer fault never cancels a ticket (DESIGN.md section 1): the visitor still has it on
screen and on the hub. So ``print_ticket`` never raises; it returns a ``PrintResult`` that
the screen shows and the counter console turns into an alert. It blocks for at most a few
timeouts: call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from kiosk.clock import Clock, SystemClock
from kiosk.domain.ticket_view import TicketView
from kiosk.errors import PrinterError
from printing.config import PrinterConfig
from printing.connections import Connection, open_connection
from printing.layout import TicketLayout, sample_view, ticket_layout
from printing.render import columns_for, render_layout
from printing.status import PrinterFault, PrinterStatus, fault_kind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintResult:
    """How one print went. ``ok`` means the printer took the whole ticket and can go on."""

    ok: bool
    number: str
    status: PrinterStatus
    error: str | None = None
    bytes_sent: int = 0

    @property
    def fault_kind(self) -> str | None:
        """The code the kiosk reports to its hub (never free text), or None when fine."""
        return fault_kind(self.ok, self.status)

    @property
    def alert(self) -> str | None:
        """What staff should be told (a fault, or a roll about to end), if anything."""
        return self.error or self.status.alert


class TicketPrinter:
    """Prints tickets on the printer of ``config``, one job at a time.

    Each ticket is rendered afresh (never a reused python-escpos object) and sent over a
    connection opened for that job. Jobs from several threads are serialised, so two
    visitors pressing at once get two whole tickets rather than one mixed one.
    """

    def __init__(
        self,
        config: PrinterConfig | Mapping[str, object],
        *,
        connection: Connection | None = None,
        clock: Clock | None = None,
    ) -> None:
        if not isinstance(config, PrinterConfig):
            config = PrinterConfig.from_mapping(config)
        self.config = config
        self.connection = connection or open_connection(config)
        self._clock = clock or SystemClock()
        self._lock = threading.Lock()

    def layout(self, view: TicketView) -> TicketLayout:
        return ticket_layout(view, columns_for(self.config.profile))

    def print_ticket(self, view: TicketView) -> PrintResult:
        """Print ``view``; never raises, whatever the printer or the ticket does."""
        try:
            layout = self.layout(view)
            data = render_layout(layout, self.config.profile)
            with self._lock:
                status = self.connection.send(data, ticket=layout)
        except PrinterError as e:
            status = e.status if isinstance(e, PrinterFault) else PrinterStatus(online=None)
            log.warning("ticket %s not printed: %s", view.number, e)
            return PrintResult(ok=False, number=view.number, status=status, error=str(e))
        except Exception as e:  # a bug must not take the visitor's ticket with it
            log.exception("ticket %s not printed: unexpected error", view.number)
            message = f"printing failed unexpectedly ({type(e).__name__}: {e})"
            return PrintResult(
                ok=False, number=view.number, status=PrinterStatus(online=None), error=message
            )
        return PrintResult(ok=True, number=view.number, status=status, bytes_sent=len(data))

    def status(self) -> PrinterStatus:
        """The printer's status now; a printer that cannot be reached is a status too."""
        try:
            with self._lock:
                return self.connection.status()
        except PrinterFault as e:
            return e.status
        except PrinterError as e:
            return PrinterStatus(online=None, error=str(e))

    def print_test(self, site_name: str, language: str = "fr") -> PrintResult:
        """A sample ticket with every accent, a priority label and a QR code, for staff."""
        issued_at: datetime = self._clock.now().astimezone()  # the kiosk's local time
        return self.print_ticket(sample_view(site_name, issued_at, language))
