"""Who is calling: the facts the server knows about a request, never what a client claims.

- The **peer** is the TCP address of the connection. Uvicorn replaces it with the first
  address of ``X-Forwarded-For`` only when the connection comes from one of the site file's
  ``[security] trusted_proxies`` (see :mod:`kiosk.hub.server`); otherwise forwarded headers
  are ignored.
- A **device** is a paired kiosk, display or counter terminal, proven by the credential it
  sends in :data:`DEVICE_HEADER` (see :mod:`kiosk.services.devices`).
- ``X-Kiosk-Id`` and every other self-description of a client are ignored.

Rate limits, lockouts and stream caps key on :attr:`Caller.source`: the device when there
is one, else the peer. In the demo's **open mode** an unpaired client acts as a kiosk named
after its address (``open-127.0.0.1``); loopback clients there (the demo's own screens and
the test suite's simulated kiosks, all on one machine) are not rate-limited.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from kiosk.errors import Forbidden, Unauthorized
from kiosk.hub.context import get_hub
from kiosk.services.devices import DeviceView

DEVICE_HEADER = "X-Device-Credential"


@dataclass(frozen=True)
class Caller:
    peer: str
    device: DeviceView | None
    open_mode: bool
    #: A credential was sent but is unknown, pending or revoked: the device must pair again.
    refused: bool = False

    @property
    def source(self) -> str:
        return f"device:{self.device.id}" if self.device else f"ip:{self.peer}"

    @property
    def loopback(self) -> bool:
        try:
            return ipaddress.ip_address(self.peer).is_loopback
        except ValueError:
            return False

    def kiosk(self) -> KioskCaller:
        """This caller as a kiosk, or 401/403: a paired kiosk (or, in open mode, anyone)."""
        if self.device is not None:
            if self.device.role != "kiosk":
                raise Forbidden(f"this needs a kiosk; device {self.device.id} is a "
                                f"{self.device.role}")
            return KioskCaller(self.device.id, self.source)
        if self.refused:
            raise Unauthorized("this device's credential is unknown or revoked: pair it again")
        if self.open_mode:
            return KioskCaller(f"open-{self.peer}"[:40], None if self.loopback else self.source)
        raise Unauthorized(f"this needs a paired kiosk ({DEVICE_HEADER}); "
                           "pair it once: docs/security.md")

    @property
    def full_stream(self) -> bool:
        """May read the whole live stream (a paired device, or anyone in open mode)."""
        return self.device is not None or self.open_mode


@dataclass(frozen=True)
class KioskCaller:
    #: The device's id (or ``open-<address>``): what events and alerts name.
    id: str
    #: Key of its rate limits; None: not limited (open mode on loopback).
    limit_key: str | None


def caller(request: Request) -> Caller:
    cached = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    hub = get_hub(request)
    credential = request.headers.get(DEVICE_HEADER)
    device = hub.devices.resolve(credential) if credential else None
    found = Caller(
        peer=request.client.host if request.client else "unknown",
        device=device,
        open_mode=hub.config.security.open_mode,
        refused=bool(credential) and device is None,
    )
    request.state.caller = found
    return found


CallerDep = Annotated[Caller, Depends(caller)]
