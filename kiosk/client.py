"""A client of the site hub, for the screens and for tools: plain httpx, no Qt.

Answers come back as dicts; refusals become the core's errors with the hub's message
(a 409 is an :class:`InvalidTransition`-like :class:`Conflict`, a closed service a
:class:`ServiceClosed`...), and a hub that cannot be reached is :class:`HubUnreachable`,
so the screens present every failure in one place.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx

from kiosk.errors import (
    Conflict,
    Forbidden,
    KioskError,
    NotFound,
    RateLimited,
    ServiceClosed,
    StoreError,
    Unauthorized,
)


class HubUnreachable(KioskError):
    http_status = 503


DEVICE_HEADER = "X-Device-Credential"


class HubClient:
    """``device_credential`` (a paired device's, see :mod:`kiosk.device_store`) rides on
    every call; ``kiosk_id`` is a local label only (the hub names devices itself)."""

    def __init__(self, base_url: str, *, kiosk_id: str = "", timeout: float = 5.0,
                 device_credential: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.token: str | None = None
        self.kiosk_id = kiosk_id
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout)
        self.set_device_credential(device_credential)

    def set_device_credential(self, credential: str | None) -> None:
        self.device_credential = credential
        if credential:
            self._http.headers[DEVICE_HEADER] = credential
        else:
            self._http.headers.pop(DEVICE_HEADER, None)

    def close(self) -> None:
        self._http.close()

    # -- pairing (docs/security.md) -------------------------------------------------------

    def pair(self, role: str) -> dict:
        """Ask to pair as ``role``: ``{"device_id", "code", "credential", ...}``."""
        return self._call("POST", "/api/devices/pair", json={"role": role})

    def device_state(self) -> dict:
        """This client's device: ``{"id", "role", "state"}`` (pending, paired, revoked)."""
        return self._call("GET", "/api/devices/me")

    def devices(self) -> list[dict]:
        return self._call("GET", "/api/devices")

    def approve_device(self, code: str) -> dict:
        return self._call("POST", "/api/devices/approve", json={"code": code})

    def revoke_device(self, device_id: str) -> dict:
        return self._call("POST", f"/api/devices/{device_id}/revoke")

    def sign_out_everywhere(self) -> int:
        return self._call("DELETE", "/api/sessions")["ended"]

    # -- public --------------------------------------------------------------------------

    def health(self) -> dict:
        return self._call("GET", "/api/health")

    def site(self) -> dict:
        return self._call("GET", "/api/site")

    def services(self) -> list[dict]:
        return self._call("GET", "/api/services")

    def issue_ticket(self, service: str, *, priority: bool = False, language: str = "fr") -> dict:
        return self._call("POST", "/api/tickets",
                          json={"service": service, "priority": priority, "language": language})

    def display(self) -> dict:
        return self._call("GET", "/api/display")

    def check_in(self, code: str, language: str = "fr") -> dict:
        return self._call("POST", f"/api/appointments/{code}/check-in",
                          json={"language": language})

    def feedback(self, service: str, score: int) -> None:
        self._call("POST", "/api/feedback", json={"service": service, "score": score})

    def printer_status(self, fault: str | None) -> None:
        """Report this kiosk's printer: a fault (shown to counters until fixed) or None."""
        self._call("POST", "/api/printer-status", json={"fault": fault})

    def unlock_kiosk(self, pin: str) -> None:
        self._call("POST", "/api/kiosk/unlock", json={"pin": pin})

    def alerts(self) -> list[dict]:
        return self._call("GET", "/api/alerts")

    # -- staff ---------------------------------------------------------------------------

    def sign_in(self, *, counter: str | None = None, manager: str | None = None,
                pin: str) -> dict:
        body = {"pin": pin, **({"counter": counter} if counter else {"manager": manager})}
        answer = self._call("POST", "/api/session", json=body)
        self.token = answer["token"]
        return answer

    def sign_out(self) -> None:
        if self.token:
            try:
                self._call("DELETE", "/api/session")
            finally:
                self.token = None

    def queue(self) -> dict:
        return self._call("GET", "/api/queue")

    def today(self) -> dict:
        return self._call("GET", "/api/today")

    def call_next(self, counter: str) -> dict | None:
        return self._call("POST", f"/api/counters/{counter}/call-next")

    def act(self, ticket_id: str, action: str, **body: Any) -> dict:
        return self._call("POST", f"/api/tickets/{ticket_id}/{action.replace('_', '-')}",
                          json={k: v for k, v in body.items() if v is not None})

    def pause(self, counter: str, reason: str) -> dict:
        return self._call("POST", f"/api/counters/{counter}/pause", json={"reason": reason})

    def resume(self, counter: str) -> dict:
        return self._call("POST", f"/api/counters/{counter}/resume")

    def footfall(self, start: str, end: str, site: str | None = None) -> list[dict]:
        params = {"from": start, "to": end, **({"site": site} if site else {})}
        return self._call("GET", "/api/footfall", params=params)

    # -- live events ---------------------------------------------------------------------

    def events(self, after: int | None = None, read_timeout: float = 30.0) -> Iterator[dict]:
        """Yield the hub's live events (SSE) until the connection drops.

        The hub sends a keep-alive every few seconds, so ``read_timeout`` detects a dead
        link; the caller reconnects with ``after`` set to the last ``seq`` it saw.
        """
        params = {"after": after} if after is not None else {}
        timeout = httpx.Timeout(5.0, read=read_timeout)
        try:
            auth = {"Authorization": f"Bearer {self.token}"} if self.token else {}
            with self._http.stream("GET", "/api/events", params=params, headers=auth,
                                   timeout=timeout) as response:
                if response.status_code != 200:
                    raise HubUnreachable(f"event stream refused ({response.status_code})")
                kind, data = "message", []
                for line in response.iter_lines():
                    if not line:
                        if data:
                            yield {"event": kind, **json.loads("\n".join(data))}
                        kind, data = "message", []
                    elif line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].strip())
        except httpx.TransportError as exc:
            raise HubUnreachable(f"lost the hub at {self.base_url}: {exc}") from exc

    # -- plumbing ------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise HubUnreachable(f"cannot reach the hub at {self.base_url}") from exc
        if response.status_code == 204:
            return None
        if response.is_success:
            return response.json()
        raise _error_from(response)

    # -- counter desk (appointments, tickets for visitors) ----------------------------

    def book_appointment(self, service: str, at: datetime) -> dict:
        """Book ``service`` at ``at`` (aware) for a visitor: the answer's ``code`` is theirs."""
        return self._call("POST", "/api/appointments",
                          json={"service": service, "at": at.isoformat()})

    def appointments(self, day: str | None = None) -> dict:
        return self._call("GET", "/api/appointments", params={"day": day} if day else {})

    def issue_for_visitor(self, service: str, *, priority: bool = False,
                          language: str = "fr") -> dict:
        """A ticket issued at a counter (origin ``reception``): needs a counter's sign-in."""
        if not self.token:
            raise Unauthorized("sign in first to issue a ticket for a visitor")
        return self.issue_ticket(service, priority=priority, language=language)

    # -- manager's dashboard -------------------------------------------------------------

    #: A year's figures may be computed for the first time (a few seconds on a big store).
    FIGURES_TIMEOUT_S = 120.0

    def stats(self, start: str, end: str, site: str | None = None,
              service: str | None = None) -> dict:
        """``GET /api/stats``: the dashboard's figures for ``start``..``end`` (inclusive)."""
        params = {"from": start, "to": end, **({"site": site} if site else {}),
                  **({"service": service} if service else {})}
        return self._call("GET", "/api/stats", params=params, timeout=self.FIGURES_TIMEOUT_S)

    def planning(self, start: str, end: str, service: str | None = None,
                 site: str | None = None) -> dict:  # fmt: skip
        """``GET /api/planning``: demand and waits by weekday and hour, and suggestions, of
        one site (default: the hub's own)."""
        params = {"from": start, "to": end, **({"service": service} if service else {}),
                  **({"site": site} if site else {})}  # fmt: skip
        return self._call("GET", "/api/planning", params=params, timeout=self.FIGURES_TIMEOUT_S)

    def footfall_csv(self, start: str, end: str, site: str | None = None,
                     service: str | None = None) -> str:
        """``GET /api/export.csv``: every figure per site × day × service, as CSV text."""
        params = {"from": start, "to": end, **({"site": site} if site else {}),
                  **({"service": service} if service else {})}
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._http.get("/api/export.csv", params=params, headers=headers,
                                      timeout=self.FIGURES_TIMEOUT_S)
        except httpx.TransportError as exc:
            raise HubUnreachable(f"cannot reach the hub at {self.base_url}") from exc
        if not response.is_success:
            raise _error_from(response)
        return response.content.decode("utf-8")


def _error_from(response: httpx.Response) -> KioskError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    message = body.get("detail") or f"the hub answered {response.status_code}"
    status = response.status_code
    if status == 409 and body.get("error") == "ServiceClosed":
        opening = body.get("next_opening")
        error: KioskError = ServiceClosed(body.get("service", "?"),
                                          datetime.fromisoformat(opening) if opening else None)
    elif status == 429:
        error = RateLimited(float(body.get("retry_after_s", 10)))
    else:
        kind = {401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
                503: StoreError}.get(status, KioskError)
        error = kind(message)
    error.args = (message,)
    return error
