"""``kiosk backup`` and ``kiosk restore``: a site's SQLite store copied safely and put back.

A backup uses SQLite's online backup API (``sqlite3.Connection.backup``), never a file copy:
the hub keeps running and issuing tickets, and the copy is the database as it was at one
committed instant (a file copy of a WAL database can miss or tear the last transactions).
The copy is checked (``PRAGMA quick_check``), turned into one self-contained file, written
under a temporary name and renamed into place, so a backup folder never holds half a file.
The newest ``keep`` copies of the site are kept, older ones removed.

A restore refuses while a process holds the store open (the hub must be stopped), keeps
the replaced file aside, writes the backup in its place, then runs the sync rejoin
(``kiosk sync-restored``, docs/sync.md): new epoch, the visits the backup lacked fetched
back from the peers that hold them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.siteconfig import SiteConfig

DEFAULT_KEEP = 14


class BackupError(KioskError):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    removed: list[Path]


def sqlite_path(db_url: str) -> Path:
    """The file behind a ``sqlite:///…`` URL; other databases have their own tools."""
    if not db_url.startswith("sqlite"):
        raise BackupError(
            "kiosk backup copies a site's SQLite store; for PostgreSQL use pg_dump "
            "(docs/install.md)"
        )
    path = db_url.split("///", 1)[1] if "///" in db_url else ""
    if not path or path == ":memory:" or path.startswith("file:"):
        raise BackupError(f"{db_url}: not a database file that can be backed up")
    return Path(path).expanduser()


def backup(config: SiteConfig, db_url: str, out: Path, keep: int = DEFAULT_KEEP) -> BackupResult:
    """Copy the live store into ``out`` as ``<site>-<UTC time>.db``; keep the newest ``keep``."""
    if keep < 1:
        raise BackupError(f"--keep must be at least 1, got {keep}")
    source = sqlite_path(db_url)
    if not source.exists():
        raise BackupError(f"{source}: no such database (is --db right?)")
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")  # sorts by time
    target = out / f"{config.site.slug}-{stamp}.db"
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        live = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
        try:
            copy = sqlite3.connect(partial)
            try:
                live.backup(copy)  # one step: one consistent read transaction
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
                check = copy.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                copy.close()
        finally:
            live.close()
        if check != "ok":
            raise BackupError(f"the copy of {source} fails its check ({check}); nothing kept")
        _fsync(partial)
        os.replace(partial, target)
        _fsync(out)
    except sqlite3.Error as e:
        raise BackupError(f"cannot back up {source}: {e}") from None
    except OSError as e:
        raise BackupError(f"cannot write the backup in {out}: {e.strerror or e}") from None
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, target.stat().st_size, prune(out, config.site.slug, keep))


def backups_of(out: Path, slug: str) -> list[Path]:
    """The site's backups in ``out``, oldest first (their names sort by time)."""
    return sorted(p for p in out.glob(f"{slug}-*.db") if p.name[len(slug) + 1 :][:8].isdigit())


def prune(out: Path, slug: str, keep: int) -> list[Path]:
    old = backups_of(out, slug)[:-keep]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def restore(config_path: Path, config: SiteConfig, db_url: str, source: Path) -> Path | None:
    """Put ``source`` in place of the store, then rejoin the peers; returns the set-aside file."""
    target = sqlite_path(db_url)
    _check_backup(source)
    if holders := processes_holding(target):
        raise BackupError(
            f"{target} is open in process {', '.join(map(str, holders))} (the hub?): stop "
            "it first (sudo systemctl stop kiosk-hub)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = None
    if target.exists():
        aside = target.with_name(
            f"{target.name}.before-restore-{datetime.now(UTC):%Y%m%d-%H%M%S}"
        )
        os.replace(target, aside)
    for suffix in ("-wal", "-shm", "-journal"):  # they belong to the replaced file
        extra = Path(f"{target}{suffix}")
        if extra.exists():
            if aside:
                os.replace(extra, Path(f"{aside}{suffix}"))
            else:
                extra.unlink()
    with sqlite3.connect(source) as backup_db, sqlite3.connect(target) as restored:
        backup_db.backup(restored)
    backup_db.close()
    restored.close()
    _fsync(target)

    from kiosk.sync.commands import run as sync_command

    sync_command(argparse.Namespace(command="sync-restored", db=db_url), config_path)
    return aside


def _check_backup(source: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as db:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        db.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{source}: not a kiosk backup ({e})") from None
    if check != "ok":
        raise BackupError(f"{source}: the backup is damaged ({check}); take an older one")
    if not {"store_meta", "events", "tickets"} <= tables:
        raise BackupError(f"{source}: not a kiosk backup (no kiosk tables in it)")


def processes_holding(path: Path) -> list[int]:
    """Ids of the processes (that this user may see) with ``path`` or its WAL open."""
    names = {str(path.resolve()), f"{path.resolve()}-wal"}
    holders = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd) in names:
                    holders.append(int(fd_dir.parent.name))
                    break
        except OSError:  # gone, or another user's
            continue
    return sorted(set(holders) - {os.getpid()})


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
