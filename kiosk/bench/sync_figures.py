"""Sync figures: a 30-day backlog drained between two hubs, and the lag of one new ticket.
The observatory's figures are :mod:`kiosk.bench.observatory_figures`; this module keeps the
local PostgreSQL server they and the tests start.

- ``sync_drain_50k_s`` / ``sync_rows_per_s``: a site holding 50,000 events nobody has seen
  (a month offline) pushes them to a ``kiosk serve`` process on loopback (goal ≤ 5 s);
- ``sync_steady_lag_s``: two ``kiosk serve`` processes with their workers; the time from a
  ticket issued at one to its row at the other (goal ≤ 2 s), median of several.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import httpx
from sqlalchemy import select

from config import site_file
from kiosk.bench.hub_figures import free_port
from kiosk.bench.processes import wait_for_health
from kiosk.clock import SystemClock
from kiosk.domain.schedule import local_day
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store
from kiosk.store.models import DayNumber, Event, Sequence, Ticket

SECRET = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
SERVICES = [("ACC", "A"), ("NUM", "N"), ("CIAS", "S"), ("CPAM", "M"), ("EMPLOI", "E")]
METHOD = {
    "sync_drain_50k_s": "a site's sync agent (the hub's own code, run once in the bench "
    "process) pushing a 50,000-event backlog to a `kiosk serve` on loopback, first batch "
    "sent to the last one acknowledged",
    "sync_rows_per_s": "events of that drain per second",
    "sync_steady_lag_s": "POST /api/tickets answered at one `kiosk serve` to the ticket's row "
    "read at the other (their own sync workers); median",
    "sync_steady_lag_max_s": "the worst of those lags",
}
GOALS = {"sync_drain_50k_s": 5, "sync_steady_lag_s": 2}


# -- a backlog made fast -------------------------------------------------------------------


def make_backlog(store: Store, site: str, events: int, days: int, end: date, seed: int = 7) -> int:
    """Write about ``events`` events of ``site`` over ``days`` days ending ``end`` (tickets
    issued, called, started and finished, as the queue writes them); returns the last seq."""
    rng = random.Random(seed)
    tickets_total = max(1, events // 4)
    per_day = max(1, tickets_total // days)
    with store.write() as session:
        seq = session.scalar(select(Sequence.last).where(Sequence.site == site)) or 0
    ticket_rows, event_rows, numbers = [], [], {}
    made = 0
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        opening = datetime.combine(day, dtime(7, 0), tzinfo=UTC)
        for i in range(per_day):
            if made >= tickets_total:
                break
            made += 1
            service, prefix = SERVICES[rng.randrange(len(SERVICES))]
            number = numbers.get((day, service), 0) + 1
            numbers[(day, service)] = number
            issued = opening + timedelta(seconds=i * 60 + rng.randrange(50))
            called = issued + timedelta(seconds=rng.randrange(60, 1500))
            started = called + timedelta(seconds=30)
            finished = started + timedelta(seconds=rng.randrange(120, 900))
            tid = str(uuid.uuid4())
            label = f"{prefix}{number:03d}"
            ticket_rows.append(
                {
                    "id": tid,
                    "site": site,
                    "day": day,
                    "service": service,
                    "number": label,
                    "seq": number,
                    "priority": False,
                    "language": "fr",
                    "origin": "walk_in",
                    "status": "done",
                    "arrived_at": issued,
                    "issued_at": issued,
                    "called_at": called,
                    "started_at": started,
                    "finished_at": finished,
                    "appointment_at": None,
                    "counter": "accueil",
                    "outcome": "solved",
                    "recalls": 0,
                    "parent_id": None,
                    "token": uuid.uuid4().hex,
                }
            )
            for kind, at, data in (
                (
                    "issued",
                    issued,
                    {
                        "number": label,
                        "seq": number,
                        "priority": False,
                        "language": "fr",
                        "origin": "walk_in",
                        "arrived_at": issued.isoformat(),
                    },
                ),
                ("called", called, {"number": label}),
                ("started", started, {"number": label}),
                ("finished", finished, {"number": label, "outcome": "solved"}),
            ):
                seq += 1
                event_rows.append(
                    {
                        "site": site,
                        "seq": seq,
                        "epoch": store.epoch,
                        "at": at,
                        "kind": kind,
                        "day": day,
                        "service": service,
                        "ticket_id": tid,
                        "counter": None if kind == "issued" else "accueil",
                        "data": data,
                    }
                )
    with store.write() as session:
        for start in range(0, len(ticket_rows), 5000):
            session.execute(Ticket.__table__.insert(), ticket_rows[start : start + 5000])
        for start in range(0, len(event_rows), 5000):
            session.execute(Event.__table__.insert(), event_rows[start : start + 5000])
        session.execute(
            DayNumber.__table__.insert(),
            [{"site": site, "day": d, "service": s, "last": n} for (d, s), n in numbers.items()],
        )
        row = session.get(Sequence, site)
        if row is None:
            session.add(Sequence(site=site, last=seq))
        else:
            row.last = seq
    return seq


# -- site files and processes ----------------------------------------------------------------


def site_text(slug: str, peers: list[tuple[str, str, str]], keys_file: Path) -> str:
    """The demo site as ``slug``, with ``peers`` as (slug, url, key id)."""
    text = (
        site_file("demo")
        .read_text(encoding="utf-8")
        .replace('slug = "demo"', f'slug = "{slug}"', 1)
    )
    text += f'\n[sync]\nkeys_file = "{keys_file}"\npoll_s = 0.2\n'
    for peer, url, key in peers:
        text += f'\n[[peers]]\nslug = "{peer}"\nurl = "{url}"\nkey_id = "{key}"\n'
    return text


@contextmanager
def hub_process(config: Path, db_url: str, port: int, env: dict | None = None):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "serve",
            "--config",
            str(config),
            "--db",
            db_url,
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process,
                        lambda: process.stderr.read().decode())
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _pair_files(folder: Path) -> tuple[Path, Path]:
    keys = folder / "keys.json"
    keys.write_text(json.dumps({"bench-ab": SECRET}))
    return keys, folder


# -- a throw-away PostgreSQL server ------------------------------------------------------------


class PostgresUnavailable(RuntimeError):
    pass


class LocalPostgres:
    """A PostgreSQL server of Debian's ``postgresql`` package, in a temporary folder, on a
    free loopback port; run as the ``postgres`` user when we are root (initdb refuses
    root). Used by the observatory tests and figures."""

    def __init__(self, bindir: Path, folder: Path, port: int, as_user: list[str]):
        self.bindir, self.folder, self.port, self.as_user = bindir, folder, port, as_user

    @classmethod
    def start(cls) -> LocalPostgres:
        import glob
        import pwd

        found = sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda p: int(Path(p).parts[-3].split(".")[0]),
        )
        if not found:
            raise PostgresUnavailable(
                "no PostgreSQL server binaries in /usr/lib/postgresql (Debian package "
                "`postgresql`; `./dev setup` installs it)"
            )
        bindir = Path(found[-1]).parent
        root = os.geteuid() == 0
        # As root, a folder the postgres user can reach whatever TMPDIR says (/root/… is not).
        folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-", dir="/tmp" if root else None))
        as_user: list[str] = []
        if root:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("no `postgres` system user to run initdb as") from None
            if not shutil.which("runuser"):
                raise PostgresUnavailable("runuser is missing (util-linux)")
            os.chown(folder, user.pw_uid, user.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        server = cls(bindir, folder, free_port(), as_user)
        try:
            server._run(
                "initdb",
                "-D",
                str(folder / "data"),
                "-U",
                "kiosk",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale=C",
            )
            options = (
                f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 "
                "-c max_connections=200 -c shared_buffers=64MB"
            )
            server._run(
                "pg_ctl",
                "-D",
                str(folder / "data"),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            )
        except (subprocess.CalledProcessError, OSError) as exc:
            log = folder / "server.log"
            tail = log.read_text()[-600:] if log.exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            said = getattr(exc, "stderr", None) or b""
            said = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
            raise PostgresUnavailable(
                f"PostgreSQL did not start: {exc} {said[-600:]} {tail}".strip()
            ) from None
        return server

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / tool), *args],
            cwd=self.folder,  # the postgres user may not read the caller's folder
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )

    def url(self, database: str) -> str:
        """A new empty database's SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=kiosk dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        return f"postgresql+psycopg://kiosk@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        with suppress(subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


# -- figures ------------------------------------------------------------------------------------


def drain_figure(events: int = 50_000) -> dict:
    """Push a ``events`` backlog from a store to a ``kiosk serve`` process; seconds taken."""
    from kiosk.sync.agent import SyncAgent

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keys, _ = _pair_files(folder)
        port = free_port()
        a_cfg, b_cfg = folder / "a.toml", folder / "b.toml"
        a_cfg.write_text(
            site_text("bench-a", [("bench-b", f"http://127.0.0.1:{port}", "bench-ab")], keys)
        )
        b_cfg.write_text(site_text("bench-b", [("bench-a", "", "bench-ab")], keys))
        store = Store.open(f"sqlite:///{folder / 'a.db'}")
        today = local_day(datetime.now(UTC), load_site_config(a_cfg).tz)
        make_backlog(store, "bench-a", events, 30, today)
        with hub_process(b_cfg, f"sqlite:///{folder / 'b.db'}", port) as receiver:
            agent = SyncAgent(store, load_site_config(a_cfg), SystemClock())
            agent.autostart = False
            cpu = (_cpu_s(receiver.pid), time.process_time())
            started = time.perf_counter()
            results = agent.run_once()
            seconds = time.perf_counter() - started
            cpu = (_cpu_s(receiver.pid) - cpu[0], time.process_time() - cpu[1])
            agent.stop()
        store.close()
        if results[0].error:
            raise RuntimeError(results[0].error)
        moved = results[0].sent
    return {
        "sync_drain_50k_s": round(seconds, 3),
        "sync_rows_per_s": round(moved / seconds),
        "sync_drain_events": moved,
        # CPU seconds of each side: what the drain costs whatever else the machine runs.
        "sync_drain_receiver_cpu_s": round(cpu[0], 2),
        "sync_drain_sender_cpu_s": round(cpu[1], 2),
    }


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), 0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def lag_figure(samples: int = 7) -> dict:
    """Two hubs with their workers; a ticket issued at one, polled at the other."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keys, _ = _pair_files(folder)
        pa, pb = free_port(), free_port()
        a_cfg, b_cfg = folder / "a.toml", folder / "b.toml"
        a_cfg.write_text(
            site_text("bench-a", [("bench-b", f"http://127.0.0.1:{pb}", "bench-ab")], keys)
        )
        b_cfg.write_text(
            site_text("bench-b", [("bench-a", f"http://127.0.0.1:{pa}", "bench-ab")], keys)
        )
        b_url = f"sqlite:///{folder / 'b.db'}"
        lags = []
        with hub_process(a_cfg, f"sqlite:///{folder / 'a.db'}", pa), hub_process(b_cfg, b_url, pb):
            b_store = Store.open(b_url)
            with httpx.Client(base_url=f"http://127.0.0.1:{pa}", timeout=10) as client:
                for i in range(samples):
                    started = time.perf_counter()
                    answer = client.post(
                        "/api/tickets",
                        json={"service": "ACC"},
                        headers={"X-Kiosk-Id": f"bench-{i}"},
                    )
                    answer.raise_for_status()
                    ticket = answer.json()["id"]
                    while True:
                        with b_store.read() as session:
                            if session.get(Ticket, ticket) is not None:
                                break
                        if time.perf_counter() - started > 30:
                            raise RuntimeError("a ticket never reached the other hub")
                        time.sleep(0.01)
                    lags.append(time.perf_counter() - started)
                    time.sleep(0.3)
            b_store.close()
    return {
        "sync_steady_lag_s": round(statistics.median(lags), 3),
        "sync_steady_lag_max_s": round(max(lags), 3),
    }


def sync_group(quick: bool) -> dict:
    figures: dict = {}
    figures.update(drain_figure(50_000))
    figures.update(lag_figure(5 if quick else 9))
    # The observatory's figures (50 and 500 sites, a national day) are the `observatory`
    # group's: kiosk.bench.observatory_figures.
    return figures

