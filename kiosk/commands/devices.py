"""``kiosk devices list|approve CODE|revoke ID``: pairing from the hub's own machine.

Works on the site's store directly (the hub may be running: SQLite lets both write), for
the operator at the hub PC; managers elsewhere use the dashboard's "Appareils" panel.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.hub.server import default_db_url
from kiosk.services.devices import Devices
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store


def run(args: argparse.Namespace, config_path: Path) -> int:
    config = load_site_config(config_path)
    store = Store.open(args.db or default_db_url(config))
    try:
        devices = Devices(store, SystemClock())
        if args.action == "approve":
            device = devices.approve(args.target, "cli")
            print(f"paired {device.id} ({device.role})")
        elif args.action == "revoke":
            device = devices.revoke(args.target)
            print(f"revoked {device.id} ({device.role}): it must pair again to be used")
        else:
            rows = devices.list()
            if not rows:
                print("no devices (a kiosk, display or counter terminal shows a code to approve)")
            for d in rows:
                seen = d.last_seen_at.astimezone(config.tz).strftime("%Y-%m-%d %H:%M") \
                    if d.last_seen_at else "never"
                code = f"  code {d.pairing_code}" if d.state == "pending" else ""
                print(f"{d.id:<14} {d.role:<8} {d.state:<8} last seen {seen}"
                      f"  from {d.requested_from or '?'}{code}")
        return 0
    finally:
        store.close()
