"""Waking live streams when the store changes.

Writers (the queue service, in worker threads) call :meth:`LiveFeed.notify` after each
commit; every open event stream is waiting on the current :class:`asyncio.Event` and, once
woken, reads the new events from the store by sequence number. Reading from the store
(rather than pushing payloads through memory) means a client that reconnects with
``Last-Event-ID`` gets exactly what it missed, even across a hub restart.
"""

from __future__ import annotations

import asyncio
import contextlib


class LiveFeed:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self.closing = False

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Bind to the server's event loop (called at start-up, on that loop)."""
        self._loop = loop
        self._changed = asyncio.Event()
        self.closing = False

    def notify(self) -> None:
        """Thread-safe: wake every stream waiting for a change."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # The loop may close between the check and the call (hub shutting down).
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)

    def close(self) -> None:
        self.closing = True
        self._wake()

    def _wake(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """True on the next change, False after ``timeout`` seconds (time for a keep-alive)."""
        changed = self._changed
        if changed is None or self.closing:
            return True
        try:
            await asyncio.wait_for(changed.wait(), timeout)
        except TimeoutError:
            return False
        return True
