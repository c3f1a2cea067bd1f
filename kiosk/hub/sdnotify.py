"""systemd's notify protocol, spoken directly: one datagram to ``$NOTIFY_SOCKET``.

``kiosk-hub.service`` is ``Type=notify``: systemd counts the hub as started only once it
listens (so units ordered after it, and ``systemctl start``, wait for a hub that answers),
and with ``WatchdogSec=`` it restarts a hub whose event loop stops pinging. Outside systemd
(``NOTIFY_SOCKET`` unset) every call does nothing. No dependency: it is a few bytes on a
Unix socket (sd_notify(3)).
"""

from __future__ import annotations

import os
import socket


def notify(message: str) -> bool:
    """Send ``message`` ("READY=1", "WATCHDOG=1", ...); False when not under systemd."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False  # systemd gone (shutting down): nothing to tell
    return True


def watchdog_interval_s() -> float | None:
    """Half the watchdog timeout systemd asked for (as sd_watchdog_enabled advises), or None."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2_000_000
