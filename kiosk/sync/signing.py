"""Request and reply signatures between hubs: HMAC-SHA256 with pairwise shared keys.

A request is signed over ``kiosk-sync-v1``, the method, the path (with its query), the key
id, the timestamp, a random nonce and the SHA-256 of the body as sent (compressed or not),
so a body is authenticated before it is inflated or parsed. The receiver accepts a
timestamp within ±300 s of its own clock, remembers each nonce for that window (a replay
inside it is refused; one outside fails the time check), compares in constant time, and
knows which peer a key belongs to: that peer is the *signer*. Two keys can be live for a
peer during a rotation. Replies are signed too (over the request's nonce, the status and
the reply body), so a forged "ack" can never move a sender's cursor.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from kiosk.sync.wire import PROTOCOL

WINDOW_S = 300
_HEX = re.compile(r"^[0-9a-f]{64}$")
MAX_NONCES = 200_000

H_PROTOCOL = "x-kiosk-sync-protocol"
H_KEY = "x-kiosk-sync-key"
H_TIME = "x-kiosk-sync-time"
H_NONCE = "x-kiosk-sync-nonce"
H_SIGNATURE = "x-kiosk-sync-signature"


class Refused(Exception):
    """A sync request refused at the edge: HTTP ``status``, a short ``code`` and a message."""

    def __init__(self, status: int, code: str, message: str, **extra):
        self.status, self.code, self.message, self.extra = status, code, message, extra
        super().__init__(message)

    def body(self) -> dict:
        return {"detail": self.message, "error": self.code, **self.extra}


def canonical(
    method: str, path: str, key_id: str, timestamp: str, nonce: str, body: bytes
) -> bytes:
    return "\n".join(
        [
            "kiosk-sync-v1",
            method.upper(),
            path,
            key_id,
            timestamp,
            nonce,
            hashlib.sha256(body).hexdigest(),
        ]
    ).encode()


def sign_request(
    secret: bytes,
    key_id: str,
    method: str,
    path: str,
    body: bytes,
    now: datetime,
    nonce: str | None = None,
) -> dict[str, str]:
    timestamp = str(int(now.timestamp()))
    nonce = nonce or secrets.token_hex(16)
    mac = hmac.new(secret, canonical(method, path, key_id, timestamp, nonce, body), "sha256")
    return {
        H_PROTOCOL: str(PROTOCOL),
        H_KEY: key_id,
        H_TIME: timestamp,
        H_NONCE: nonce,
        H_SIGNATURE: mac.hexdigest(),
    }


def sign_reply(secret: bytes, nonce: str, status: int, body: bytes) -> str:
    message = f"kiosk-sync-v1-reply\n{nonce}\n{status}\n{hashlib.sha256(body).hexdigest()}"
    return hmac.new(secret, message.encode(), "sha256").hexdigest()


def reply_is_genuine(
    secret: bytes, nonce: str, status: int, body: bytes, signature: str | None
) -> bool:
    if not signature or not signature.isascii():
        return False
    return hmac.compare_digest(sign_reply(secret, nonce, status, body), signature)


def _span(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass(frozen=True)
class Signer:
    """Who signed a request that passed every check."""

    peer: str
    key_id: str
    secret: bytes
    nonce: str


class Verifier:
    """Checks request signatures against the peers' keys; holds the nonce memory."""

    def __init__(self, keys: dict[str, tuple[bytes, str]], window_s: int = WINDOW_S):
        self.keys = keys  # key id -> (secret, peer slug)
        self.window_s = window_s
        self._nonces: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def check_headers(self, headers, now: datetime) -> tuple[str, str, str, str]:
        """Everything that needs no body: version, key, time. Returns key, time, nonce, sig."""
        version = headers.get(H_PROTOCOL)
        if version != str(PROTOCOL):
            raise Refused(
                409,
                "protocol_version",
                f"this hub speaks sync protocol {PROTOCOL}, the request "
                f"{'gave no version' if version is None else f'speaks {version}'[:40]}",
                protocol=PROTOCOL,
            )
        key_id, timestamp = headers.get(H_KEY), headers.get(H_TIME)
        nonce, signature = headers.get(H_NONCE), headers.get(H_SIGNATURE)
        if not (key_id and timestamp and nonce and signature):
            raise Refused(401, "unsigned", "the request is not signed")
        if key_id not in self.keys:
            raise Refused(401, "unknown_key", "unknown key id (or no secret for it here)")
        # Header values arrive as Latin-1 text: "²" is a digit to str.isdigit(), "é" is
        # alphanumeric; only ASCII digits, letters and hex go further.
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
            raise Refused(401, "bad_signature", "bad timestamp")
        if not (8 <= len(nonce) <= 64 and nonce.isascii() and nonce.isalnum()):
            raise Refused(401, "bad_signature", "bad nonce")
        skew = int(timestamp) - now.timestamp()
        if abs(skew) > self.window_s:
            raise Refused(
                401,
                "clock_skew",
                f"the request was signed {_span(abs(skew))} "
                f"{'ahead of' if skew > 0 else 'behind'} this hub's clock "
                f"({now.isoformat(timespec='seconds')}); at most {self.window_s} s are "
                "accepted: set both clocks right (NTP)",
                receiver_time=now.isoformat(timespec="seconds"),
            )
        return key_id, timestamp, nonce, signature

    def verify(self, method: str, path: str, headers, body: bytes, now: datetime) -> Signer:
        key_id, timestamp, nonce, signature = self.check_headers(headers, now)
        secret, peer = self.keys[key_id]
        if not _HEX.match(signature):
            raise Refused(401, "bad_signature", "a signature is 64 hex digits")
        expected = hmac.new(
            secret, canonical(method, path, key_id, timestamp, nonce, body), "sha256"
        ).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise Refused(401, "bad_signature", "the signature does not match")
        self._remember(key_id, nonce, now.timestamp())
        return Signer(peer, key_id, secret, nonce)

    def _remember(self, key_id: str, nonce: str, now: float) -> None:
        with self._lock:
            while self._nonces:
                oldest, expires = next(iter(self._nonces.items()))
                if expires > now and len(self._nonces) < MAX_NONCES:
                    break
                del self._nonces[oldest]
            if (key_id, nonce) in self._nonces:
                raise Refused(401, "replay", "this request was already received (replay)")
            self._nonces[(key_id, nonce)] = now + 2 * self.window_s
