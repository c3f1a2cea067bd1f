"""The hub's parts, built once per process and handed to every route."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from kiosk.clock import Clock, SystemClock
from kiosk.hub.live import LiveFeed
from kiosk.hub.ratelimit import RateLimiter
from kiosk.publish.served import QualityPages
from kiosk.services.appointments import Appointments
from kiosk.services.devices import Devices
from kiosk.services.queue import QueueService
from kiosk.services.staff import Principal, StaffAuth
from kiosk.services.stats import Stats
from kiosk.siteconfig import SiteConfig
from kiosk.store.db import Store
from kiosk.sync.agent import SyncAgent


@dataclass
class Hub:
    config: SiteConfig
    store: Store
    clock: Clock = field(default_factory=SystemClock)
    feed: LiveFeed = field(default_factory=LiveFeed)

    def __post_init__(self) -> None:
        self.sync = SyncAgent(self.store, self.config, self.clock, self.feed.notify)
        self.queue = QueueService(self.store, self.config, self.clock, self._changed)
        self.queue.close_past_days()
        self.stats = Stats(self.store, self.config.tz, self.clock)
        self.quality_pages = QualityPages(self.config, self.stats)
        self.appointments = Appointments(self.store, self.config, self.clock, self.queue)
        self.staff = StaffAuth(self.store, self.config, self.clock)
        self.devices = Devices(self.store, self.clock)
        self.limiter = RateLimiter(
            self.config.queue.kiosk_tickets_per_minute,
            self.config.queue.kiosk_burst,
            lambda: self.clock.now().timestamp(),
        )
        #: Pairing requests per TCP address: enough for a site's screens, not a flood.
        self.pairing_limiter = RateLimiter(30, 20, lambda: self.clock.now().timestamp())
        self.started = time.monotonic()

    def _changed(self) -> None:
        """After each commit of the queue: wake the live streams and the sync worker."""
        self.feed.notify()
        self.sync.wake()


def get_hub(request: Request) -> Hub:
    return request.app.state.hub


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def optional_principal(request: Request) -> Principal | None:
    token = bearer(request)
    return principal(request) if token else None


def principal(request: Request) -> Principal:
    cached = getattr(request.state, "principal", None)
    if cached is None:
        cached = request.state.principal = get_hub(request).staff.resolve(bearer(request))
    return cached


HubDep = Annotated[Hub, Depends(get_hub)]
StaffDep = Annotated[Principal, Depends(principal)]
MaybeStaffDep = Annotated[Principal | None, Depends(optional_principal)]
