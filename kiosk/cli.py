"""The ``kiosk`` command: one entry point for operators and developers.

``kiosk`` alone runs the product on the embedded default: ``kiosk demo``, the screens of
the demo site with an in-process hub (SQLite in the user's data folder, preview printer).
Errors a person can fix print one line and exit non-zero; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.errors import KioskError

DEFAULT_PORT = 8470


def _config_path(value: str | None) -> Path:
    from config import site_file

    if value is None:
        return site_file("demo")
    path = Path(value)
    if not path.exists() and not path.suffix and site_file(value).exists():
        return site_file(value)  # "kiosk serve --config fauquembergues"
    return path


def cmd_serve(args: argparse.Namespace) -> int:
    from kiosk.hub.preflight import check_before_serving
    from kiosk.hub.server import build_hub, serve, serve_workers
    from kiosk.siteconfig import load_site_config

    config = load_site_config(_config_path(args.config))
    for warning in check_before_serving(config, args.insecure_demo):
        print(f"kiosk: warning: {warning}", file=sys.stderr)
    if args.workers > 1:
        if not args.db:
            raise KioskError(f"--workers {args.workers} needs --db postgresql+psycopg://…")
        print(f"kiosk hub, {args.workers} workers, on http://{args.host}:{args.port}", flush=True)
        serve_workers(_config_path(args.config), args.db, args.host, args.port, args.workers,
                      args.log_level)
        return 0
    hub = build_hub(config, args.db)
    print(
        f"kiosk hub for {hub.config.site.name} on "
        f"{'https' if hub.config.sync.tls_cert else 'http'}://{args.host}:{args.port} "
        f"(store: {hub.store.url.split('@')[-1]})"
        + (f"; guest listener (phone pages only) on {hub.config.security.public_listen}"
           if hub.config.security.public_listen else ""),
        flush=True,
    )
    serve(hub, args.host, args.port, args.log_level)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.sync.commands import run

    return run(args, _config_path(args.config))


def cmd_devices(args: argparse.Namespace) -> int:
    from kiosk.commands.devices import run

    return run(args, _config_path(args.config))


def cmd_check_config(args: argparse.Namespace) -> int:
    from kiosk.pins import verify_pin
    from kiosk.siteconfig import check_site_file

    status = 0
    for file in args.files:
        result = check_site_file(_config_path(file))
        if isinstance(result, list):
            for problem in result:
                print(problem, file=sys.stderr)
            status = 1
            continue
        initial = [
            c.id for c in [*result.counters, *result.managers] if verify_pin("0000", c.pin_hash)
        ]
        print(f"{file}: OK ({len(result.services)} services, {len(result.counters)} counters)")
        if initial:
            print(
                f"{file}: warning: still on the initial PIN 0000: {', '.join(initial)} "
                "(set new ones with `kiosk hash-pin`)",
                file=sys.stderr,
            )
    return status


def cmd_hash_pin(args: argparse.Namespace) -> int:
    from kiosk.pins import hash_pin

    pin = args.pin if args.pin is not None else getpass.getpass("PIN (4 to 12 digits): ")
    try:
        print(hash_pin(pin))
    except ValueError as exc:
        print(f"hash-pin: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.bench.command import run

    return run(args)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.shots:
        from ui.demo import take_shots

        for path in take_shots(Path(args.shots)):
            print(path)
        return 0
    from ui.app import has_display

    if not has_display():
        print("kiosk demo: no screen here (no DISPLAY), so only the demo site's hub runs; "
              "`kiosk demo --shots DIR` saves the screens as PNGs instead", file=sys.stderr)
        args = build_parser().parse_args(["serve", *(["--db", args.db] if args.db else [])])
        return cmd_serve(args)
    from ui.demo import run_demo

    return run_demo(args.db)


def cmd_kiosk(args: argparse.Namespace) -> int:
    from ui.app import run_kiosk

    return run_kiosk(_config_path(args.config), args.hub, args.db, windowed=args.windowed)


def cmd_report(args: argparse.Namespace) -> int:
    from ui.dashboard.headless import run_report

    return run_report(_config_path(args.config), args.start, args.end, args.format,
                      Path(args.out), args.db, args.hub, args.manager, args.site,
                      args.service, args.language)


def cmd_publish(args: argparse.Namespace) -> int:
    from kiosk.hub.server import default_db_url
    from kiosk.siteconfig import load_site_config
    from ui.publication_pdf import run_publish

    config = load_site_config(_config_path(args.config))
    for path in run_publish(config, args.db or default_db_url(config), args.year, Path(args.out)):
        print(path)
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from ui.app import has_display

    if not has_display():
        print("kiosk dashboard: no screen here (no DISPLAY); `kiosk report` writes the "
              "figures as CSV or PDF instead", file=sys.stderr)
        return 1
    from ui.dashboard.app import run_dashboard

    return run_dashboard(_config_path(args.config), args.hub, args.db)


def cmd_display(args: argparse.Namespace) -> int:
    from ui.display.run import run_display

    return run_display(_config_path(args.config), args.hub, args.db, windowed=args.windowed)


def cmd_counter(args: argparse.Namespace) -> int:
    from ui.app import has_display

    if not has_display():
        print("kiosk counter: no screen here (no DISPLAY)", file=sys.stderr)
        return 1
    from ui.counter.app import run_counter

    return run_counter(_config_path(args.config), args.hub, args.db)


def cmd_print_test(args: argparse.Namespace) -> int:
    from kiosk.siteconfig import load_site_config
    from printing import PrinterConfig, TicketPrinter

    config = load_site_config(_config_path(args.config))
    printer = TicketPrinter(PrinterConfig.from_mapping(config.printer.model_dump()))
    print(f"printer: {printer.config.describe()}")
    result = printer.print_test(config.site.name)
    status = result.status
    print(f"status: online={status.online} paper={status.paper.value}"
          + (f" ({status.error})" if status.error else ""))
    if not result.ok:
        print(f"print-test: FAILED: {result.error}", file=sys.stderr)
        return 1
    print(f"print-test: OK, {result.bytes_sent} bytes sent"
          + (f"; warning: {result.alert}" if result.alert else ""))
    return 0


def cmd_printers(args: argparse.Namespace) -> int:
    from printing.discover import attached_printers

    found = attached_printers()
    if not found:
        print("no printer found: is it plugged in and switched on? (USB, serial, /dev/usb/lp*)",
              file=sys.stderr)
        return 1
    for printer in found:
        print(printer.describe())
    print("\npaste the [printer] lines of yours into the site file, then `kiosk print-test`")
    return 0


def _site_and_db(args: argparse.Namespace):
    from kiosk.hub.server import default_db_url
    from kiosk.siteconfig import load_site_config

    config_path = _config_path(args.config)
    config = load_site_config(config_path)
    return config_path, config, args.db or default_db_url(config)


def cmd_backup(args: argparse.Namespace) -> int:
    from kiosk.commands.backup import backup

    _, config, db_url = _site_and_db(args)
    result = backup(config, db_url, Path(args.out), args.keep)
    print(f"backup: {result.path} ({result.size // 1024} KiB)")
    for old in result.removed:
        print(f"removed old backup {old}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.commands.backup import restore

    config_path, config, db_url = _site_and_db(args)
    aside = restore(config_path, config, db_url, Path(args.file))
    print(f"restored {args.file} into {db_url}"
          + (f"; the replaced store is kept as {aside}" if aside else ""))
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    from kiosk.commands.install import install, make_plan

    the_plan = make_plan(args.role, _config_path(args.config), args.hub, args.listen, args.port,
                         args.rotate)
    install(the_plan, dry_run=args.dry_run)
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from kiosk.commands.install import uninstall

    uninstall(dry_run=args.dry_run)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from kiosk.clock import SystemClock
    from kiosk.services.retention import purge
    from kiosk.store.db import Store

    _, config, db_url = _site_and_db(args)
    store = Store.open(db_url)
    try:
        result = purge(store, config, SystemClock(), dry_run=args.dry_run)
    finally:
        store.close()
    print(f"{config.site.slug}: keeps {config.retention.days} days; {result.summary()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="run the site hub (HTTP API) as this process's job")
    serve.add_argument("--config", help="site file (default: the demo site)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the user's data folder)")
    serve.add_argument("--workers", type=int, default=1, help="processes (an observatory on "
                       "PostgreSQL that only receives; docs/observatory.md)")
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.add_argument("--insecure-demo", action="store_true",
                       help="serve even though some PINs are still the shipped 0000")
    serve.set_defaults(func=cmd_serve)

    devices = sub.add_parser("devices", help="paired kiosks, displays and counter terminals")
    devices.add_argument("action", choices=["list", "approve", "revoke"])
    devices.add_argument("target", nargs="?", default="", help="the CODE to approve, the ID "
                         "to revoke")
    devices.add_argument("--config", help="site file (default: the demo site)")
    devices.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    devices.set_defaults(func=cmd_devices)

    sync = sub.add_parser("sync", help="push this site's events to its peers (docs/sync.md)")
    sync.add_argument("--config", help="site file (default: the demo site)")
    sync.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the user's data folder)")
    sync.add_argument("--once", action="store_true", help="one round, print what moved, exit")
    sync.set_defaults(func=cmd_sync)

    sync_status = sub.add_parser("sync-status", help="per peer: last success, backlog, error")
    sync_status.add_argument("--config", help="site file (default: the demo site)")
    sync_status.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    sync_status.set_defaults(func=cmd_sync)

    restored = sub.add_parser(
        "sync-restored", help="after restoring a backup (hub stopped): new epoch, rejoin peers"
    )
    restored.add_argument("--config", help="site file (default: the demo site)")
    restored.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    restored.set_defaults(func=cmd_sync)

    lineage = sub.add_parser(
        "sync-lineage", help="confirm or reject a peer's new lineage (it restored a backup)"
    )
    lineage.add_argument("action", choices=["confirm", "reject"])
    lineage.add_argument("origin", help="the peer site's slug")
    lineage.add_argument("epoch", nargs="?", help="the new epoch (confirm: as sync-status shows)")
    lineage.add_argument("--config", help="site file (default: the demo site)")
    lineage.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    lineage.set_defaults(func=cmd_sync)

    release = sub.add_parser(
        "sync-release", help="send again to a peer whose refusal (422) stopped sync"
    )
    release.add_argument("peer", help="the peer site's slug")
    release.add_argument("--config", help="site file (default: the demo site)")
    release.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    release.set_defaults(func=cmd_sync)

    check = sub.add_parser("check-config", help="validate site files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=cmd_check_config)

    pin = sub.add_parser("hash-pin", help="make the pin_hash of a staff PIN for a site file")
    pin.add_argument("--pin", help="the PIN (asked without echo when absent)")
    pin.set_defaults(func=cmd_hash_pin)

    demo = sub.add_parser("demo", help="the screens on the demo site with an in-process hub")
    demo.add_argument("--shots", metavar="DIR", help="headless: play a scripted morning and "
                      "save PNGs of every screen and the preview tickets in DIR")
    demo.add_argument("--db", help="SQLAlchemy URL (default: SQLite in the user's data folder)")
    demo.set_defaults(func=cmd_demo)

    kiosk = sub.add_parser("kiosk", help="the visitor kiosk screen (full screen, locked)")
    kiosk.add_argument("--config", help="site file (default: the demo site)")
    kiosk.add_argument("--hub", help="URL of the site's hub (default: run one in-process)")
    kiosk.add_argument("--db", help="store of the in-process hub")
    kiosk.add_argument("--windowed", action="store_true", help="a window, not locked down")
    kiosk.set_defaults(func=cmd_kiosk)

    report = sub.add_parser("report", help="the dashboard's CSV export or PDF report of a "
                            "range, without a screen")
    report.add_argument("--config", help="site file (default: the demo site)")
    report.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    report.add_argument("--format", choices=["csv", "pdf"], default="csv")
    report.add_argument("--out", required=True, help="file to write")
    report.add_argument("--db", help="store to read (default: the site's, as `kiosk serve`)")
    report.add_argument("--hub", help="read from this hub instead, as a manager (PIN from "
                        "KIOSK_MANAGER_PIN or asked)")
    report.add_argument("--manager", help="manager id (default: the site file's first)")
    report.add_argument("--site", help="one site's figures only (slug)")
    report.add_argument("--service", help="one service's figures only (code)")
    report.add_argument("--language", choices=["fr", "en", "nl"], default="fr")
    report.set_defaults(func=cmd_report)

    publish = sub.add_parser("publish", help="the year's quality poster (A3 PDF fr/en/nl, "
                             "HTML) and open data (CSV + datapackage.json)")
    publish.add_argument("--config", help="site file (default: the demo site)")
    publish.add_argument("--db", help="store to read (default: the site's, as `kiosk serve`)")
    publish.add_argument("--year", type=int, required=True)
    publish.add_argument("--out", required=True, help="folder to write")
    publish.set_defaults(func=cmd_publish)

    dashboard = sub.add_parser("dashboard", help="the manager's dashboard (desk PC)")
    dashboard.add_argument("--config", help="site file (default: the demo site)")
    dashboard.add_argument("--hub", help="URL of the site's hub (default: run one in-process)")
    dashboard.add_argument("--db", help="store of the in-process hub")
    dashboard.set_defaults(func=cmd_dashboard)

    display = sub.add_parser("display", help="the waiting-room display (full screen, TV)")
    display.add_argument("--config", help="site file (default: the demo site)")
    display.add_argument("--hub", help="URL of the site's hub (default: run one in-process)")
    display.add_argument("--db", help="store of the in-process hub")
    display.add_argument("--windowed", action="store_true", help="a window, not full screen")
    display.set_defaults(func=cmd_display)

    counter = sub.add_parser("counter", help="the counter console (receptionists, advisers)")
    counter.add_argument("--config", help="site file (default: the demo site)")
    counter.add_argument("--hub", help="URL of the site's hub (default: run one in-process)")
    counter.add_argument("--db", help="store of the in-process hub")
    counter.set_defaults(func=cmd_counter)

    print_test = sub.add_parser("print-test", help="print a sample ticket, report the printer")
    print_test.add_argument("--config", help="site file (default: the demo site)")
    print_test.set_defaults(func=cmd_print_test)

    backup = sub.add_parser("backup", help="copy the site's SQLite store safely, even while "
                            "the hub runs; keep the newest N copies")
    backup.add_argument("--config", help="site file (default: the demo site)")
    backup.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    backup.add_argument("--out", required=True, help="folder of the backups")
    backup.add_argument("--keep", type=int, default=14, help="how many to keep (default 14)")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="put a backup back (hub stopped), then rejoin "
                             "the peers as `kiosk sync-restored`")
    restore.add_argument("file", help="the backup file (from `kiosk backup`)")
    restore.add_argument("--config", help="site file (default: the demo site)")
    restore.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    restore.set_defaults(func=cmd_restore)

    install = sub.add_parser("install", help="start this machine's part of the site at boot "
                             "(systemd units; needs sudo)")
    install.add_argument("--role", required=True, choices=["hub", "kiosk", "display", "counter"])
    install.add_argument("--config", required=True,
                         help="the site file (e.g. /etc/kiosk/site.toml)")
    install.add_argument("--hub", help="URL of the site's hub (kiosk, display, counter)")
    install.add_argument("--listen", default="0.0.0.0",
                         help="address the hub listens on (default: every interface)")
    install.add_argument("--port", type=int, default=DEFAULT_PORT, help="the hub's port")
    install.add_argument("--rotate", type=int, default=0, choices=[0, 90, 180, 270],
                         help="turn a kiosk or display screen (degrees clockwise)")
    install.add_argument("--dry-run", action="store_true", help="print the files, change nothing")
    install.set_defaults(func=cmd_install)

    uninstall = sub.add_parser("uninstall", help="remove what `kiosk install` set up (keeps "
                               "the data in /var/lib/kiosk)")
    uninstall.add_argument("--dry-run", action="store_true", help="say what, change nothing")
    uninstall.set_defaults(func=cmd_uninstall)

    purge = sub.add_parser("purge", help="remove visits past the site file's retention "
                           "(default 90 days); the day figures stay")
    purge.add_argument("--config", help="site file (default: the demo site)")
    purge.add_argument("--db", help="SQLAlchemy URL (default: the site's SQLite file)")
    purge.add_argument("--dry-run", action="store_true", help="count, remove nothing")
    purge.set_defaults(func=cmd_purge)

    printers = sub.add_parser("printers", help="list the printers plugged in, with the "
                              "site-file lines for each")
    printers.set_defaults(func=cmd_printers)

    bench = sub.add_parser("bench", help="print the benchmark figures as one JSON object")
    from kiosk.bench.command import add_arguments

    add_arguments(bench)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:  # plain `kiosk`: the product on its embedded default
        args = parser.parse_args(["demo", *(argv or [])])
        func = args.func
    try:
        return func(args)
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
