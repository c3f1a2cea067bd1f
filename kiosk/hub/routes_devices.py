"""Pairing devices: a kiosk, display or counter terminal asks, a manager approves.

Who may call: anyone on the LAN may ask to pair (``POST /api/devices/pair``, rate-limited
per TCP address; the answer's credential opens nothing until approved) and ask about its
own credential (``GET /api/devices/me``); a manager lists, approves and revokes.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import Field

from kiosk.errors import RateLimited, Unauthorized
from kiosk.hub.access import DEVICE_HEADER, CallerDep
from kiosk.hub.context import HubDep, StaffDep
from kiosk.hub.schemas import Body

router = APIRouter()


class PairRequest(Body):
    role: Literal["kiosk", "display", "counter"]


class ApproveRequest(Body):
    code: str = Field(min_length=4, max_length=12)


@router.post("/api/devices/pair", status_code=201)
def pair(body: PairRequest, caller: CallerDep, hub: HubDep) -> dict:
    """A new pending device: keep ``credential`` secret, show ``code`` on the screen."""
    if wait := hub.pairing_limiter.take(caller.peer):
        raise RateLimited(wait, "too many pairing requests from this address")
    asked = hub.devices.request(body.role, caller.peer)
    return {"device_id": asked.device_id, "code": asked.code, "credential": asked.credential,
            "expires_at": asked.expires_at.isoformat(), "state": "pending"}


@router.get("/api/devices/me")
def me(request: Request, hub: HubDep) -> dict:
    """This device's state (pending, paired, revoked): what the pairing screen waits on."""
    credential = request.headers.get(DEVICE_HEADER, "")
    device = hub.devices.state_of(credential) if 0 < len(credential) <= 200 else None
    if device is None:
        raise Unauthorized(f"unknown device credential ({DEVICE_HEADER}): ask to pair again")
    if device.state == "paired":
        hub.devices.resolve(credential)  # counts as seen
    return {"id": device.id, "role": device.role, "state": device.state}


@router.get("/api/devices")
def list_devices(hub: HubDep, staff: StaffDep) -> list[dict]:
    staff.require_manager()
    return [device.as_json() for device in hub.devices.list()]


@router.post("/api/devices/approve")
def approve(body: ApproveRequest, hub: HubDep, staff: StaffDep) -> dict:
    manager = staff.require_manager()
    return hub.devices.approve(body.code, manager).as_json()


@router.post("/api/devices/{device_id}/revoke")
def revoke(device_id: str, hub: HubDep, staff: StaffDep) -> dict:
    staff.require_manager()
    return hub.devices.revoke(device_id[:40]).as_json()
