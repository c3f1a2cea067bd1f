"""The small error hierarchy of the core.

Every error a user can meet carries a message meant for people; the hub turns each kind
into one HTTP status, and the screens show ``str(error)`` in one place. Anything that is
not a ``KioskError`` is a bug.
"""

from __future__ import annotations

from datetime import datetime


class KioskError(Exception):
    """Base of every known error; ``str()`` is the user-facing message.

    Over HTTP a rule of the site that refuses a well-formed request is a 422 (the request
    was read, and cannot be done as asked); 400 is kept for requests that cannot be read."""

    http_status = 422


class ConfigError(KioskError):
    """A site file is wrong. The message names the file, the key and why."""

    def __init__(self, file: str, key: str, why: str):
        self.file, self.key, self.why = file, key, why
        super().__init__(f"{file}: {key}: {why}" if key else f"{file}: {why}")


class NotFound(KioskError):
    http_status = 404


class InvalidTransition(KioskError):
    """An action that the ticket's current state does not allow."""

    http_status = 409

    def __init__(self, number: str, state: str, action: str, allowed: tuple[str, ...] = ()):
        self.number, self.state, self.action = number, state, action
        hint = f" (allowed now: {', '.join(allowed)})" if allowed else " (no action allowed now)"
        super().__init__(f"ticket {number} is {state}: cannot {action.replace('_', '-')}{hint}")


class QueueEmpty(KioskError):
    http_status = 404

    def __init__(self, counter: str):
        super().__init__(f"nobody is waiting for counter {counter}")


class ServiceClosed(KioskError):
    """A ticket asked for a service that is closed now."""

    http_status = 409

    def __init__(self, service: str, next_opening: datetime | None):
        self.service, self.next_opening = service, next_opening
        when = next_opening.isoformat() if next_opening else "no opening planned"
        super().__init__(f"service {service} is closed now; next opening: {when}")


class Conflict(KioskError):
    """The request clashes with the current state (held by another counter, paused...)."""

    http_status = 409


class Unauthorized(KioskError):
    http_status = 401


class Forbidden(KioskError):
    http_status = 403


class RateLimited(KioskError):
    http_status = 429

    def __init__(self, retry_after_s: float, what: str = "too many tickets from this kiosk"):
        self.retry_after_s = retry_after_s
        super().__init__(f"{what}; try again in {max(1, round(retry_after_s))} s")


class PrinterError(KioskError):
    """The printer could not print; the ticket itself is never cancelled for it."""

    http_status = 503


class SyncError(KioskError):
    http_status = 409


class StoreError(KioskError):
    """A known storage failure (disk full, read-only, locked): the message says what to do."""

    http_status = 503
