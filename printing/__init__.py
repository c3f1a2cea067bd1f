"""Ticket printing for the kiosk terminal: layout, ESC/POS rendering, connections, status.

No Qt here: the kiosk screen calls ``TicketPrinter`` from a worker thread. Importing this
package imports python-escpos, which at import time calls ``logging.basicConfig()`` and
writes its capabilities cache into a new temporary folder (set
``ESCPOS_CAPABILITIES_PICKLE_DIR`` to reuse one).
"""

import os
from pathlib import Path

from platformdirs import user_cache_dir

# One capabilities cache for every run, not a new temporary folder per import.
_ESCPOS_CACHE = Path(user_cache_dir("kiosk", appauthor=False)) / "escpos"
_ESCPOS_CACHE.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_ESCPOS_CACHE))

from printing.config import PrinterConfig, PrinterKind  # noqa: E402
from printing.connections import Connection, open_connection  # noqa: E402
from printing.layout import TicketLayout, ticket_layout  # noqa: E402
from printing.preview import PreviewFiles, render_png, write_preview  # noqa: E402
from printing.printer import PrintResult, TicketPrinter  # noqa: E402
from printing.render import render_layout, render_ticket  # noqa: E402
from printing.status import PaperState, PrinterFault, PrinterStatus  # noqa: E402

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
