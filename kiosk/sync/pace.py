"""How many rows a sender puts in a batch: as many as keep the batch's round trip short.

A site catching up alone on a quiet peer sends full batches (:data:`MOST` rows, the most a
receiver takes): the fewest requests. When many sites push at once into one observatory
(its return after an outage, the morning after a network cut), every batch waits behind
the others': the observatory applies so many rows a second, so a batch's wait grows with
the rows all the sites have in flight. Full batches then only make each acknowledgement
slower, for every site alike (50 sites × 500 rows at 20,000 rows/s: over a second each),
and a site whose acknowledgements are slow looks behind on the observatory's dashboard,
saves its cursor rarely and risks its request timeout.

So, as a TCP sender sizes its window: when an acknowledgement takes longer than
:data:`SLOW_S`, the next batches are cut to what would have come back in
:data:`TARGET_S` at that pace (never under :data:`LEAST` rows, where the cost of a request
itself would eat the observatory's throughput); when it comes back within
:data:`FAST_S`, they grow by half again, up to :data:`MOST`. Shorter batches cost the
observatory a little throughput (each request has a fixed cost), which is why the pace
only cuts when acknowledgements are slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.sync.wire import MAX_ROWS

MOST = MAX_ROWS
LEAST = 100
SLOW_S = 0.4
TARGET_S = 0.25
FAST_S = 0.15
GROWTH = 1.5


@dataclass
class BatchPace:
    #: Rows the next batch may carry: a round starts at the least and grows while the peer
    #: answers quickly (TCP's slow start), so that many sites starting at once after an
    #: outage do not all send full batches into a crowd first.
    rows: int = LEAST

    def heard(self, rows: int, seconds: float, full: bool) -> None:
        """A batch of ``rows`` rows was acknowledged ``seconds`` after it was sent;
        ``full``: it had all the rows asked for when it was read (a backlog's last batch
        is short, and says nothing of whether the peer would take more)."""
        if seconds > SLOW_S:
            self.rows = max(LEAST, min(self.rows, int(rows * TARGET_S / seconds)))
        elif seconds < FAST_S and full:
            self.rows = min(MOST, int(self.rows * GROWTH))
