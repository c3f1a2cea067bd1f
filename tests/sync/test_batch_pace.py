"""A sender sizes its batches by how fast the peer acknowledges them (kiosk.sync.pace): a
push starts short and grows while the peer answers quickly, up to full batches; a slow
acknowledgement (many sites pushing into one observatory) cuts the next ones."""

from __future__ import annotations

from kiosk.sync.pace import FAST_S, GROWTH, LEAST, MOST, SLOW_S, TARGET_S, BatchPace
from tests.sync.conftest import Pair, assert_converged, play
from tests.sync.test_lean_sender import batches_sent


def test_a_push_starts_short_and_a_quick_peer_soon_gets_full_batches():
    pace = BatchPace()
    assert pace.rows == LEAST
    sizes = []
    while pace.rows < MOST:
        pace.heard(pace.rows, FAST_S / 2, full=True)
        sizes.append(pace.rows)
    assert sizes[0] == int(LEAST * GROWTH) and sizes == sorted(sizes) and len(sizes) <= 4
    pace.heard(MOST, FAST_S / 2, full=True)
    pace.heard(MOST, (FAST_S + SLOW_S) / 2, full=True)  # neither slow nor quick: kept
    assert pace.rows == MOST


def test_a_slow_ack_cuts_to_what_would_have_come_back_in_the_target_time():
    pace = BatchPace(rows=MOST)
    pace.heard(MOST, 1.0, full=True)
    assert pace.rows == int(MOST * TARGET_S / 1.0) == 125
    pace.heard(125, 0.5, full=True)  # still slow: cut again, never under LEAST
    assert pace.rows == LEAST
    pace.heard(LEAST, 30.0, full=True)
    assert pace.rows == LEAST


def test_a_backlogs_short_last_batch_says_nothing_of_what_the_peer_would_take():
    pace = BatchPace()
    pace.heard(LEAST // 2, 0.01, full=False)
    assert pace.rows == LEAST


def test_the_sender_grows_its_batches_then_cuts_them_after_a_slow_ack(started: Pair):
    a, b = started.a, started.b
    play(a.hub.queue, 450, seed=7)
    # Four quick acknowledgements, then a slow one.
    started.ab.faults(None, None, None, None, "delay:0.8")
    result = a.agent.links["site-b"].push()
    assert result.error is None, result.summary()
    sizes = [batch["count"] for batch in batches_sent(started.ab)]
    assert len(sizes) >= 7, sizes
    # Slow start: each batch is read while the one before is on the wire, so each grows
    # on the acknowledgement of the one two before it.
    assert sizes[:5] == [LEAST, LEAST, 150, 225, 337], sizes
    # After the slow one, the batch read ahead at the old pace is read again, shorter.
    assert LEAST <= sizes[5] <= int(337 * TARGET_S / 0.8) + 1 < 337, sizes
    assert_converged(a.store, b.store, "site-a")
