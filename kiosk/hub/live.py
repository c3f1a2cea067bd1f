"""Waking live streams when the store changes: one reader of the store, many subscribers.

Writers (the queue service, in worker threads) call :meth:`LiveFeed.notify` after each
commit. One reader task, on the hub's event loop, then (gathering the changes of
:data:`COALESCE_S`) reads the new events from the store
(one query, whatever the number of open streams), keeps the latest :data:`RECENT` of them
in memory and wakes every stream; each stream takes what it has not sent yet from memory.
So 300 open streams cost one read per change, not 300, and do not slow a counter.

A stream that fell further behind than the memory holds (a client reconnecting with an old
``Last-Event-ID``) catches up from the store itself, then joins the shared memory again:
nothing is lost across a network cut or a hub restart.

Streams and other waiters may live on other event loops (the public listener runs its own):
each loop gets its own wake-up, delivered with ``call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable

RECENT = 2000
READ_BATCH = 500
TICK_S = 10.0
#: Streams woken per turn of the event loop. A counter's request needs several turns (body,
#: thread pool, answer); each waits behind one slice, so small slices keep call-next quick
#: while 300 streams wake (16 gave 26-35 ms p95, 4 gives 16 ms; `kiosk bench --only streams`).
SLICE = 4
#: The reader gathers the changes of this long into one publish: a screen still shows a
#: change well within a second, and a burst of calls wakes hundreds of streams once.
COALESCE_S = 0.2


class LiveFeed:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._dirty: asyncio.Event | None = None
        self._wakers: dict[asyncio.AbstractEventLoop, list[asyncio.Event]] = {}
        self._lock = threading.Lock()
        self._recent: deque[dict] = deque(maxlen=RECENT)
        self._read_after: Callable[[int, int], list[dict]] | None = None
        self._reader: asyncio.Task | None = None
        self._ticker: asyncio.Task | None = None
        #: How many ticks (keep-alive moments) have passed; streams compare it.
        self.ticks = 0
        #: The seq of the newest event the reader has published.
        self.head = 0
        self.closing = False
        #: Raised by :meth:`drop_streams`: a stream opened under an older one ends.
        self.generation = 0

    # -- the hub's side -----------------------------------------------------------------

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Bind to the server's event loop (called at start-up, on that loop)."""
        self._loop = loop
        self._dirty = asyncio.Event()
        self.closing = False

    def start_reader(self, read_after: Callable[[int, int], list[dict]], head: int) -> None:
        """Start the one reader: ``read_after(seq, limit)`` returns the events (as screens
        see them, each with its ``seq``) after ``seq``, oldest first. On the attached loop."""
        self._read_after, self.head = read_after, head
        assert self._loop is not None, "attach() first"
        self._reader = self._loop.create_task(self._read_forever(), name="live-feed-reader")
        self._ticker = self._loop.create_task(self._tick_forever(), name="live-feed-ticker")

    def notify(self) -> None:
        """Thread-safe: the store changed (after a commit)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # The loop may close between the check and the call (hub shutting down).
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._changed)

    def close(self) -> None:
        self.closing = True
        for task in (self._reader, self._ticker):
            if task is not None:
                task.cancel()
        self._publish()

    def drop_streams(self) -> None:
        """Thread-safe: end every open live stream as a hub shutting down would (each
        client reconnects by itself), while the reader goes on. For screens that close
        under an in-process hub that stays up (the demo's shots, tests)."""
        self.generation += 1
        self._publish()

    def _changed(self) -> None:
        if self._reader is None:
            self._publish()  # no reader (a bare feed): wake the waiters directly
        elif self._dirty is not None:
            self._dirty.set()

    async def _read_forever(self) -> None:
        assert self._dirty is not None and self._read_after is not None
        while not self.closing:
            await self._dirty.wait()
            await asyncio.sleep(COALESCE_S)  # changes of the same moment: one wake-up
            self._dirty.clear()
            while True:
                try:
                    rows = await asyncio.to_thread(self._read_after, self.head, READ_BATCH)
                except Exception:  # a store hiccup: try again at the next change
                    break
                if rows:
                    self._recent.extend(rows)
                    self.head = rows[-1]["seq"]
                if len(rows) < READ_BATCH:
                    break
            self._publish()

    async def _tick_forever(self) -> None:
        while not self.closing:
            await asyncio.sleep(TICK_S)
            self.ticks += 1
            self._publish()

    def _publish(self) -> None:
        """Wake every waiter on every loop."""
        with self._lock:
            loops = list(self._wakers)
        for loop in loops:
            if loop.is_closed():
                with self._lock:
                    self._wakers.pop(loop, None)
                continue
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake_loop, loop)

    def _wake_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            waiting = self._wakers.pop(loop, [])
        self._wake_slice(loop, waiting)

    def _wake_slice(self, loop: asyncio.AbstractEventLoop, waiting: list[asyncio.Event]) -> None:
        """Wake :data:`SLICE` waiters, the rest on the loop's next turn: a request that
        arrives meanwhile (a counter's call-next) is read between two slices, not after
        hundreds of streams."""
        for event in waiting[:SLICE]:
            event.set()
        if len(waiting) > SLICE:
            loop.call_soon(self._wake_slice, loop, waiting[SLICE:])

    # -- the streams' side --------------------------------------------------------------

    def waiter(self) -> asyncio.Event:
        """This caller's next wake-up; take it *before* looking for news, then wait on it."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        with self._lock:
            self._wakers.setdefault(loop, []).append(event)
        return event

    def since(self, seq: int) -> list[dict] | None:
        """The published events after ``seq`` from memory; None when memory no longer
        reaches back that far, or when no reader runs (read the store instead)."""
        if self._reader is None:
            return None
        if seq >= self.head:
            return []
        newer: list[dict] = []
        try:
            for item in reversed(self._recent):  # the newest are at the end: walk back
                if item["seq"] <= seq:
                    break
                newer.append(item)
            else:
                return None  # memory starts after ``seq``: the store has the rest
        except RuntimeError:  # extended meanwhile by the reader (another thread's stream)
            return None
        newer.reverse()
        return newer

    async def wait(self, timeout: float, waiter: asyncio.Event | None = None) -> bool:
        """True on the next change (once the reader has it), False after ``timeout`` s."""
        if self.closing or self._loop is None:
            return True
        event = waiter or self.waiter()
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def next_wake(self, waiter: asyncio.Event) -> None:
        """Wait for the next publish or the next tick (every :data:`TICK_S`, time for
        a stream's keep-alive). No timer per waiter: hundreds of streams cost one."""
        if self.closing or self._loop is None:
            return
        await waiter.wait()
