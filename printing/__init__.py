"""Ticket printing for the kiosk terminal: layout, ESC/POS rendering, connections, status.

No Qt here: the kiosk screen calls ``TicketPrinter`` from a worker thread. Importing this
package imports python-escpos, which at import time calls ``logging.basicConfig()`` and
writes its capabilities cache into a new temporary folder (set
``ESCPOS_CAPABILITIES_PICKLE_DIR`` to reuse one).
"""

from printing.config import PrinterConfig, PrinterKind
from printing.connections import Connection, open_connection
from printing.layout import TicketLayout, ticket_layout
from printing.preview import PreviewFiles, render_png, write_preview
from printing.printer import PrintResult, TicketPrinter
from printing.render import render_layout, render_ticket
from printing.status import PaperState, PrinterFault, PrinterStatus

__all__ = [
    "Connection",
    "PaperState",
    "PreviewFiles",
    "PrintResult",
    "PrinterConfig",
    "PrinterFault",
    "PrinterKind",
    "PrinterStatus",
    "TicketLayout",
    "TicketPrinter",
    "open_connection",
    "render_layout",
    "render_png",
    "render_ticket",
    "ticket_layout",
    "write_preview",
]
