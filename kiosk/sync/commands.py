"""``kiosk sync``, ``kiosk sync-status`` and ``kiosk sync-restored``: sync for operators.

They open the store directly (no hub, no screens): ``sync --once`` runs one round with
every peer and prints what moved; ``sync-status`` reads what the hub's worker recorded
(safe while the hub runs); ``sync-restored`` is step 2 of restoring a backup
(docs/sync.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store
from kiosk.sync.agent import SyncAgent


def run(args: argparse.Namespace, config_path: Path) -> int:
    from kiosk.hub.server import default_db_url

    config = load_site_config(config_path)
    store = Store.open(args.db or default_db_url(config))
    try:
        agent = SyncAgent(store, config, SystemClock())
        agent.autostart = False
        command = {"sync": _sync, "sync-status": _status, "sync-restored": _restored}
        return command[args.command](args, agent)
    finally:
        store.close()


def _sync(args: argparse.Namespace, agent: SyncAgent) -> int:
    if not agent.links:
        print(f"{agent.config.source}: no peer with a url to push to", file=sys.stderr)
        return 1
    if not args.once:
        agent.autostart = True
        agent.start()
        print(f"syncing {agent.site} with {', '.join(agent.links)} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        finally:
            agent.stop()
    results = agent.run_once()
    for result in results:
        print(result.summary())
        for note in result.notes:
            print(f"  {note}")
    return 1 if any(r.error for r in results) else 0


def _status(args: argparse.Namespace, agent: SyncAgent) -> int:
    peers = agent.status()
    if not peers:
        print(f"{agent.config.source}: no peers configured")
        return 0
    print(f"{agent.site} (epoch {agent.store.epoch})")
    for peer in peers:
        direction = f"push to {peer.url}" if peer.url else "receives only"
        print(f"  {peer.site}: {direction}")
        print(f"    last heard from: {_when(peer.last_heard_at)}")
        if peer.url:
            print(f"    last success:    {_when(peer.last_success_at)}")
            print(
                f"    backlog:         {peer.backlog} events (peer holds up to seq "
                f"{peer.cursor or 0})"
            )
        print(f"    last error:      {peer.last_error or '-'}")
    return 0


def _restored(args: argparse.Namespace, agent: SyncAgent) -> int:
    from kiosk.sync import rejoin

    epoch = rejoin.mark_restored(agent.store, agent.site)
    print(f"{agent.site}: new epoch {epoch}; tickets can be issued again")
    try:
        summary = rejoin.rejoin(agent)
    except Exception as exc:  # network or peer trouble: the hub's worker finishes it
        print(
            f"rejoin not finished yet ({exc}); the hub finishes it when every peer "
            "answers, and sends nothing before",
            file=sys.stderr,
        )
        return 0
    print(
        f"rejoined: {summary['recovered']} lost events recovered from the peers, "
        f"{summary['renumbered']} renumbered; the new epoch begins at seq "
        f"{summary['first_seq']}"
    )
    return 0


def _when(value) -> str:
    return value.astimezone().isoformat(timespec="seconds") if value else "never"
