"""What a kiosk may report of its printer: a fixed list, never free text.

The report travels into the event log (and, through sync, to the other site), so it is a
code from this list, not a message someone could type a name into. Counters show the
matching sentence in their own language (``ui/counter/alerts.py``).
"""

from __future__ import annotations

from typing import Literal

PrinterFault = Literal["paper_out", "paper_near_end", "cover_open", "offline", "unreachable",
                       "error"]

#: Faults that still let tickets print: a warning, not an error.
WARNINGS = frozenset({"paper_near_end"})
