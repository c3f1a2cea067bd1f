"""Named crash points for the tests of "kill -9 at this step" (DESIGN §8).

``KIOSK_SYNC_CRASH_AT=<step>`` in a hub's environment makes that process kill itself with
SIGKILL when it reaches the step: no clean-up, no flush, exactly like a power cut there.
Steps, in the order a batch lives through them: ``sender_before_send`` (batch read, nothing
sent), ``receiver_before_apply`` (batch received and checked, nothing written),
``receiver_mid_apply`` (rows written, not committed), ``receiver_after_commit`` (committed,
not answered), ``sender_after_ack`` (ack received, cursor not saved), ``sender_after_save``
(cursor saved at the end of the round).
"""

from __future__ import annotations

import os
import signal

ENV = "KIOSK_SYNC_CRASH_AT"
#: Read once: the step is set in a process's environment when it starts, and the points
#: are passed several times in every batch.
_CRASH_AT = os.environ.get(ENV)


def crash_point(step: str) -> None:
    if step == _CRASH_AT:
        os.kill(os.getpid(), signal.SIGKILL)
