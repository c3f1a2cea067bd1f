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
        command = {
            "sync": _sync,
            "sync-status": _status,
            "sync-restored": _restored,
            "sync-lineage": _lineage,
            "sync-release": _release,
        }
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
    for pending in agent.pending_lineages():
        print(
            f"  PENDING lineage change of {pending.origin}: new epoch {pending.epoch} "
            f"(it says it was restored from a backup), first seen "
            f"{_when(pending.first_seen_at)}, {pending.batches} batches held.\n"
            f"    If {pending.origin}'s operator did restore a backup, confirm: "
            f"kiosk sync-lineage confirm {pending.origin} {pending.epoch}\n"
            f"    Otherwise: kiosk sync-lineage reject {pending.origin} (and change the key)"
        )
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
        if peer.quarantine:
            print(f"    {peer.quarantine}")
    return 0


def _lineage(args: argparse.Namespace, agent: SyncAgent) -> int:
    from kiosk.sync.apply import confirm_lineage, reject_lineage

    if args.action == "reject":
        if not reject_lineage(agent.store, args.origin):
            print(f"no lineage change of {args.origin} is pending", file=sys.stderr)
            return 1
        print(f"{args.origin}: the pending lineage change is forgotten")
        return 0
    if not args.epoch:
        print("confirm needs the new epoch, as `kiosk sync-status` shows it", file=sys.stderr)
        return 2
    try:
        known = confirm_lineage(agent.store, args.origin, args.epoch, agent.clock.now())
    except ValueError as exc:
        print(f"not confirmed: {exc}", file=sys.stderr)
        return 1
    print(f"{args.origin}: following epoch {known.epoch} from seq {known.hw + 1}")
    return 0


def _release(args: argparse.Namespace, agent: SyncAgent) -> int:
    if not agent.release(args.peer):
        print(f"nothing is quarantined for {args.peer}", file=sys.stderr)
        return 1
    print(f"{args.peer}: the quarantined events will be sent again at the next round")
    return 0


def _restored(args: argparse.Namespace, agent: SyncAgent) -> int:
    from kiosk.sync import rejoin

    epoch = rejoin.mark_restored(agent.store, agent.site)
    print(f"{agent.site}: new epoch {epoch}; tickets can be issued again")
    try:
        summary = rejoin.rejoin(agent.store, agent.site, agent.links)
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
