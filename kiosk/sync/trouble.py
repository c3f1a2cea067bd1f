"""Why a round with a peer stopped: the one error the sender, the agent and a rejoin share.

It has a module of its own because all three raise or catch it: kept in the sender, the
rejoin (which the agent drives) would have to import the sender back, and the three would
form an import circle.
"""

from __future__ import annotations

from kiosk.errors import KioskError


class PeerTrouble(KioskError):
    """A round with a peer stopped; ``retry`` False means a person must act first."""

    def __init__(self, message: str, retry: bool = True, status: int | None = None):
        self.retry, self.status = retry, status
        super().__init__(message)
