"""Observatory figures: one observatory (``kiosk serve --workers 4`` on PostgreSQL) taking
the signed batches of many sites, in bulk and over a national day.

What runs is the observatory's real path: the site file naming every site as a peer, the
keys file, ``kiosk serve --workers 4 --db postgresql+psycopg://…`` (four uvicorn processes
on one listening socket), each request signed with the site's key (HMAC over the gzipped
body, as :mod:`kiosk.sync.sender` sends it), checked, parsed, applied in one transaction
with its nonce, and acknowledged. The sites themselves are simulated by this process
(asyncio, one task per site, one request in flight per site as a real sender): their
batches are the rows a site's queue writes (issued, called, started, finished), in the
wire format, built before the clock starts, so the figures measure the observatory and
not 2,840 SQLite files. As a real sender, a site's batch carries its description only
until the observatory is known to hold it (``your_site_digest`` of an ack or of the state
answer equal to the description's digest; an ack without the key makes it unknown again).

- ``observatory_batch_p95_ms`` / ``observatory_rows_per_s``: 50 sites (10 with
  ``--quick``) each pushing a 4,000-event backlog at once (8 batches of 500 rows); the
  time from sending a batch to its acknowledgement (retries after a 503 included), and
  rows applied per second over the whole push;
- ``observatory_500_batch_p95_ms`` / ``observatory_500_rows_per_s``: the same with 500
  sites of 1,000 events each (100 sites of 500 with ``--quick``);
- ``national_day_speedup`` / ``national_lag_p95_s``: 2,840 sites at their real cadence
  during the day's peak (10:00–10:30; a quarter of an hour with ``--quick``), the
  morning before it pushed first (not timed). Each site has its own number of visits
  (about 20 a day, some far busier), arriving along an hourly curve that peaks
  mid-morning; each visit writes four events as it happens (arrival, call, start,
  finish) and the site pushes them as they come (a small batch, or a larger one when the
  previous request is still in flight, as the sender does), plus its heartbeat (a signed
  ``GET /sync/v1/state`` once the observatory has not answered it, ack or state, for 30 s,
  as :mod:`kiosk.sync.agent` does). The slice is replayed at ``TARGET_SPEEDUP`` times real
  time. The speedup reported is the pace the replay kept: the slice's length over the
  wall time until its last event was sent (a site sends an event when it happens, or when
  its previous request comes back if the observatory is slow, so an observatory that
  cannot keep up stretches the replay; the time from the slice's end to the last
  acknowledgement is ``national_drain_s``). The lag of an event is the wall time from when
  it happened (in the replay) to its acknowledgement: the lag a site would see under ten
  times the national load; ``national_lag_p95_s`` over every event,
  ``national_lag_worst_site_p95_s`` the worst site's own p95 (a quiet site's few events
  make its p95 its slowest one), ``national_sites_lag_p95_within_5_s`` the share of sites
  whose p95 is within 5 s.

Skipped with a note when no PostgreSQL server can be started here. The machine these
figures come from is said in the ``observatory_note``.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.bench.hub_figures import free_port
from kiosk.bench.processes import wait_for_health
from kiosk.bench.sync_figures import SECRET, LocalPostgres, PostgresUnavailable, site_text
from kiosk.sync.peer_sites import digest_as_received
from kiosk.sync.signing import sign_request
from kiosk.sync.wire import MAX_ROWS, encode

WORKERS = 4

METHOD = {
    "observatory_batch_p95_ms": "50 simulated sites pushing a 4,000-event backlog each at "
    "once into `kiosk serve --workers 4` on PostgreSQL: a signed batch sent to its "
    "acknowledgement (503 retries included), p95",
    "observatory_rows_per_s": "rows of those backlogs applied per second, first batch sent "
    "to the last acknowledged (goal: at least 20,000)",
    "observatory_500_batch_p95_ms": "the same with 500 sites of 1,000 events each, p95",
    "observatory_500_rows_per_s": "rows of the 500 sites' backlogs applied per second",
    "national_day_speedup": "2,840 sites at their real cadence in the day's peak half hour, "
    "replayed at 10x: the slice's length over the wall time until its last event was sent "
    "(a slow observatory stretches it; goal: at least 10)",
    "national_lag_p95_s": "in that replay, an event happening to its acknowledgement, p95 "
    "over every event",
}
GOALS = {"observatory_batch_p95_ms": 500, "national_lag_p95_s": 5}
NATIONAL_SITES = 2_840
TARGET_SPEEDUP = 10.0
HEARTBEAT_S = 30.0
#: The most a site's replication lag may be at p95 in the national replay (the issue's goal).
LAG_GOAL_S = 5.0
BATCHES_PATH = "/sync/v1/batches"
STATE_PATH = "/sync/v1/state"
PARIS = ZoneInfo("Europe/Paris")
SERVICES = [("ACC", "A"), ("NUM", "N"), ("CIAS", "S"), ("CPAM", "M"), ("EMPLOI", "E")]
#: Share of a day's visitors arriving in each local hour: a peak mid-morning, a smaller one
#: after lunch (France Services houses' usual pattern).
ARRIVALS = {
    8: 0.05, 9: 0.13, 10: 0.18, 11: 0.14, 12: 0.04,
    13: 0.05, 14: 0.14, 15: 0.13, 16: 0.10, 17: 0.04,
}  # fmt: skip


# -- simulated sites -------------------------------------------------------------------------


@dataclass
class SimSite:
    slug: str
    key_id: str
    secret: bytes
    epoch: str = field(default_factory=lambda: str(uuid.uuid4()))
    #: (instant, wire row without its seq) in time order; seqs are given in that order.
    events: list[tuple[datetime, dict]] = field(default_factory=list)
    #: The description digest the observatory is known to hold (None: unknown).
    peer_digest: str | None = None
    _digest: str | None = field(default=None, repr=False)

    def lineage(self) -> list[dict]:
        return [{"epoch": self.epoch, "first_seq": 1}]

    def description(self) -> dict:
        """The public site description a real sender puts in its batches until the
        observatory holds it (which refuses rows naming services or counters a site never
        declared)."""
        open_hours = {day: ["08:30-17:30"] for day in ("mon", "tue", "wed", "thu", "fri")}
        return {
            "slug": self.slug,
            "name": self.slug,
            "tz": "Europe/Paris",
            "services": [
                {"code": code, "prefix": prefix, "labels": {"fr": code, "en": code, "nl": code},
                 "hours": open_hours}
                for code, prefix in SERVICES
            ],
            "counters": [{"id": "accueil", "name": "Accueil"}],
        }  # fmt: skip

    @property
    def digest(self) -> str:
        """The description's digest as the receiver computes it (and answers it)."""
        if self._digest is None:
            self._digest = digest_as_received(self.description())
        return self._digest

    def heard(self, answer: dict) -> None:
        """What a 200 answer (ack or state) tells of the description held there."""
        held = answer.get("your_site_digest")
        self.peer_digest = held if isinstance(held, str) else None

    def number(self) -> None:
        self.events.sort(key=lambda item: item[0])
        for seq, (_, row) in enumerate(self.events, start=1):
            row["seq"] = seq

    def body(self, rows: list[dict]) -> tuple[bytes, str | None]:
        batch = {
            "origin": self.slug,
            "epoch": self.epoch,
            "lineage": self.lineage(),
            "first_seq": rows[0]["seq"],
            "last_seq": rows[-1]["seq"],
            "count": len(rows),
            "rows": rows,
        }
        if self.peer_digest != self.digest:
            batch["site"] = self.description()
        return encode(batch)


def visit(site: SimSite, day: date, number: int, arrived: datetime, rng: random.Random) -> None:
    """One visit's four events, as a site's queue writes them."""
    service, prefix = SERVICES[rng.randrange(len(SERVICES))]
    called = arrived + timedelta(seconds=min(3600, rng.expovariate(1 / 540)))
    started = called + timedelta(seconds=20 + rng.randrange(40))
    finished = started + timedelta(seconds=rng.randrange(240, 1500))
    ticket, label = str(uuid.uuid4()), f"{prefix}{number:03d}"
    common = {"site": site.slug, "epoch": site.epoch, "day": day.isoformat(), "service": service,
              "ticket_id": ticket}  # fmt: skip
    issued_data = {"number": label, "seq": number, "priority": False, "language": "fr",
                   "origin": "walk_in", "arrived_at": arrived.isoformat()}  # fmt: skip
    for kind, at, counter, data in (
        ("issued", arrived, None, issued_data),
        ("called", called, "accueil", {"number": label}),
        ("started", started, "accueil", {"number": label}),
        ("finished", finished, "accueil", {"number": label, "outcome": "solved"}),
    ):
        row = {**common, "at": at.isoformat(), "kind": kind, "counter": counter, "data": data}
        site.events.append((at, row))


def sites_with_keys(count: int, prefix: str) -> list[SimSite]:
    return [
        SimSite(f"{prefix}-{i:04d}", f"{prefix}-k{i}", f"{SECRET}-{prefix}-{i:04d}".encode())
        for i in range(count)
    ]


def backlog(site: SimSite, events: int, end: date, rng: random.Random) -> None:
    """About ``events`` events of past visits over the 30 days before ``end``."""
    visits = max(1, events // 4)
    per_day = math.ceil(visits / 30)
    made = 0
    for offset in range(30, 0, -1):
        day = end - timedelta(days=offset)
        opening = datetime(day.year, day.month, day.day, 8, tzinfo=PARIS)
        for n in range(1, per_day + 1):
            if made == visits:
                break
            made += 1
            visit(site, day, n, opening + timedelta(seconds=n * 90 + rng.randrange(60)), rng)
    site.number()


def a_day(site: SimSite, day: date, visits: int, rng: random.Random) -> None:
    """A day at a site: ``visits`` arrivals along :data:`ARRIVALS`."""
    hours, weights = list(ARRIVALS), list(ARRIVALS.values())
    arrivals = sorted(
        datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)
        + timedelta(seconds=rng.uniform(0, 3600))
        for hour in rng.choices(hours, weights, k=visits)
    )
    for number, arrived in enumerate(arrivals, start=1):
        visit(site, day, number, arrived, rng)
    site.number()


# -- the observatory ---------------------------------------------------------------------------


@contextmanager
def observatory(sites: list[SimSite], workers: int = WORKERS) -> Iterator[str]:
    """A fresh PostgreSQL and ``kiosk serve --workers`` receiving from ``sites``; its URL."""
    postgres = LocalPostgres.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            keys = folder / "keys.json"
            keys.write_text(json.dumps({s.key_id: s.secret.decode() for s in sites}))
            config = folder / "observatory.toml"
            config.write_text(site_text("observatory", [(s.slug, "", s.key_id) for s in sites],
                                        keys))  # fmt: skip
            port = free_port()
            url = postgres.url("observatory")
            log = (folder / "serve.log").open("wb")
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli", "serve", "--config", str(config), "--db", url,
                 "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
                stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
            try:
                wait_for_health(f"http://127.0.0.1:{port}", process,
                                (folder / "serve.log").read_text, timeout_s=120)
                yield f"http://127.0.0.1:{port}"
            finally:
                process.terminate()
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
                log.close()
    finally:
        postgres.stop()


#: Connections the simulated sites share (a load balancer's worth): a request waits for a
#: free one, and that wait counts in its lag.
IN_FLIGHT = 96


class Answer:
    def __init__(self, status_code: int, text: str):
        self.status_code, self.text = status_code, text


class Client:
    """A lean HTTP/1.1 keep-alive client on asyncio streams, for the simulated sites only.

    Thousands of sites at ten times their real rate are more requests than a general client
    (httpx: about 3 ms of CPU a request here) can send from one process on a shared machine:
    the driver, not the observatory, would be measured. This one writes the request bytes
    and reads the status line, the headers and a ``Content-Length`` body (what uvicorn
    answers), reconnecting when the server closed an idle connection.
    """

    def __init__(self, url: str):
        host_port = url.split("://", 1)[1]
        self.host, port = host_port.split(":")
        self.port = int(port)
        self.idle: asyncio.Queue = asyncio.Queue()
        for _ in range(IN_FLIGHT):
            self.idle.put_nowait(None)

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc) -> None:
        while not self.idle.empty():
            connection = self.idle.get_nowait()
            if connection is not None:
                connection[1].close()

    async def request(self, method: str, path: str, headers: dict, body: bytes = b"") -> Answer:
        head = f"{method} {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        data = (head + f"content-length: {len(body)}\r\n\r\n").encode() + body
        connection = await self.idle.get()
        try:
            for attempt in range(3):
                if connection is None:
                    connection = await asyncio.open_connection(self.host, self.port)
                reader, writer = connection
                try:
                    writer.write(data)
                    status = await reader.readline()
                    if not status:
                        raise ConnectionResetError("closed")
                    length = 0
                    while (line := await reader.readline()) not in (b"\r\n", b""):
                        name, _, value = line.decode("latin-1").partition(":")
                        if name.strip().lower() == "content-length":
                            length = int(value)
                    text = (await reader.readexactly(length)).decode() if length else ""
                    return Answer(int(status.split()[1]), text)
                except (ConnectionError, asyncio.IncompleteReadError):
                    writer.close()
                    connection = None
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")
        finally:
            self.idle.put_nowait(connection)

    async def post(self, path: str, content: bytes, headers: dict) -> Answer:
        return await self.request("POST", path, headers, content)

    async def get(self, path: str, headers: dict) -> Answer:
        return await self.request("GET", path, headers)


def _client(url: str) -> Client:
    return Client(url)


async def post_batch(client: Client, site: SimSite, rows: list[dict]) -> int:
    """Push ``rows`` as one signed batch until acknowledged (503: retried, as a sender does);
    returns the number of tries."""
    body, encoding = site.body(rows)
    for attempt in range(1, 50):
        headers = sign_request(site.secret, site.key_id, "POST", BATCHES_PATH, body,
                               datetime.now(UTC))  # fmt: skip
        headers["content-type"] = "application/json"
        if encoding:
            headers["content-encoding"] = encoding
        answer = await client.post(BATCHES_PATH, content=body, headers=headers)
        if answer.status_code == 200:
            site.heard(json.loads(answer.text))
            return attempt
        if answer.status_code != 503:
            raise RuntimeError(f"{site.slug}: {answer.status_code} {answer.text[:300]}")
        await asyncio.sleep(0.25 * attempt)
    raise RuntimeError(f"{site.slug}: the observatory stayed busy")


async def heartbeat(client: Client, site: SimSite) -> None:
    headers = sign_request(site.secret, site.key_id, "GET", STATE_PATH, b"", datetime.now(UTC))
    answer = await client.get(STATE_PATH, headers=headers)
    if answer.status_code != 200:
        raise RuntimeError(f"{site.slug}: state {answer.status_code} {answer.text[:300]}")
    site.heard(json.loads(answer.text))


# -- bulk: many sites pushing their backlog at once -------------------------------------------


async def _push_all(url: str, sites: list[SimSite]) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    rows = 0

    async def push(client: Client, site: SimSite) -> None:
        nonlocal rows
        events = [row for _, row in site.events]
        for start in range(0, len(events), MAX_ROWS):
            chunk = events[start : start + MAX_ROWS]
            sent = time.perf_counter()
            await post_batch(client, site, chunk)
            latencies.append((time.perf_counter() - sent) * 1000)
            rows += len(chunk)

    async with _client(url) as client:
        started = time.perf_counter()
        await asyncio.gather(*(push(client, site) for site in sites))
        seconds = time.perf_counter() - started
    return seconds, latencies, rows


def bulk_figure(sites: int, events: int, key: str) -> dict:
    rng = random.Random(sites)
    simulated = sites_with_keys(sites, f"bulk{sites}")
    for site in simulated:
        backlog(site, events, date.today(), rng)
    with observatory(simulated) as url:
        seconds, latencies, rows = asyncio.run(_push_all(url, simulated))
    return {
        f"{key}_sites": sites,
        f"{key}_rows": rows,
        f"{key}_batch_p95_ms": round(_p95(latencies), 1),
        f"{key}_rows_per_s": round(rows / seconds),
    }


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


# -- a national day ------------------------------------------------------------------------------


def national_sites(count: int, day: date, seed: int = 2840) -> list[SimSite]:
    """``count`` sites with about 20 visits a day each (from 4 to ~150: lognormal)."""
    rng = random.Random(seed)
    sites = sites_with_keys(count, "fs")
    for site in sites:
        visits = max(4, min(150, round(rng.lognormvariate(math.log(18), 0.55))))
        a_day(site, day, visits, rng)
    return sites


async def _replay(
    url: str, sites: list[SimSite], start: datetime, end: datetime, speedup: float
) -> dict:
    lags: dict[str, list[float]] = {}
    requests = 0
    last_ack = last_sent = 0.0

    async def run_site(client: Client, site: SimSite, phase: float, t0: float) -> None:
        nonlocal requests, last_ack, last_sent
        due = [((at - start).total_seconds() / speedup, row) for at, row in site.events
               if start <= at < end]  # fmt: skip
        # The heartbeat comes once the site has had no answer (ack or state) for
        # HEARTBEAT_S, as the real agent does: ``beat`` is when that silence ends.
        silence_s = HEARTBEAT_S / speedup
        beat = phase
        mine = lags.setdefault(site.slug, [])
        loop = asyncio.get_running_loop()
        slice_s = (end - start).total_seconds() / speedup
        while due or beat < slice_s:
            next_event = due[0][0] if due else math.inf
            if beat < next_event and beat < slice_s:
                await asyncio.sleep(max(0.0, t0 + beat - loop.time()))
                await heartbeat(client, site)
                requests += 1
                beat = loop.time() - t0 + silence_s
                continue
            await asyncio.sleep(max(0.0, t0 + next_event - loop.time()))
            now = loop.time() - t0
            ready = [item for item in due[:MAX_ROWS] if item[0] <= now]
            del due[: len(ready)]
            last_sent = max(last_sent, now)
            await post_batch(client, site, [row for _, row in ready])
            requests += 1
            acked = loop.time() - t0
            mine.extend(acked - at for at, _ in ready)
            last_ack = max(last_ack, acked)
            beat = acked + silence_s

    rng = random.Random(1)
    async with _client(url) as client:
        t0 = asyncio.get_running_loop().time() + 1.0
        await asyncio.gather(
            *(run_site(client, s, rng.uniform(0, HEARTBEAT_S / speedup), t0) for s in sites)
        )
    every = [lag for mine in lags.values() for lag in mine]
    per_site = [_p95(mine) for mine in lags.values() if mine]
    slice_s = (end - start).total_seconds()
    return {
        # The pace the replay kept: a site sends an event when it happens, or when its
        # previous request comes back if the observatory is slow (one request in flight a
        # site), so an observatory that cannot keep up stretches the replay.
        "national_day_speedup": round(slice_s / max(last_sent, slice_s / speedup), 2),
        "national_lag_p95_s": round(_p95(every), 3),
        "national_lag_worst_site_p95_s": round(max(per_site), 3),
        "national_sites_lag_p95_within_5_s": round(
            sum(lag <= LAG_GOAL_S for lag in per_site) / len(per_site), 4
        ),
        "national_drain_s": round(max(0.0, last_ack - slice_s / speedup), 3),
        "national_events": len(every),
        "national_requests_per_s": round(requests / last_ack),
    }


async def _warm_up(url: str, sites: list[SimSite], before: datetime) -> None:
    """Push each site's events before the slice (not timed), a few sites at a time."""

    async def push(client: Client, site: SimSite) -> None:
        rows = [row for at, row in site.events if at < before]
        for start in range(0, len(rows), MAX_ROWS):
            await post_batch(client, site, rows[start : start + MAX_ROWS])

    async with _client(url) as client:
        await asyncio.gather(*(push(client, site) for site in sites))


def national_figure(quick: bool, speedup: float = TARGET_SPEEDUP) -> dict:
    day = date.today() - timedelta(days=1)
    sites = national_sites(NATIONAL_SITES, day)
    start = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
    end = start + timedelta(minutes=15 if quick else 30)
    with observatory(sites) as url:
        asyncio.run(_warm_up(url, sites, start))
        figures = asyncio.run(_replay(url, sites, start, end, speedup))
    return {
        **figures,
        "national_sites": len(sites),
        "national_target_speedup": speedup,
        "national_slice": f"{start:%H:%M}-{end:%H:%M} local, the day's peak",
    }


def observatory_group(quick: bool) -> dict:
    figures: dict = {"observatory_workers": WORKERS}
    try:
        figures.update(bulk_figure(10 if quick else 50, 2_000 if quick else 4_000, "observatory"))
        figures.update(bulk_figure(100 if quick else 500, 500 if quick else 1_000,
                                   "observatory_500"))  # fmt: skip
        figures.update(national_figure(quick))
    except PostgresUnavailable as exc:
        figures["observatory_note"] = f"skipped: {exc}"
        return figures
    figures["observatory_note"] = (
        f"{os.cpu_count()} CPUs for the observatory's workers, PostgreSQL and the simulated "
        "sites together (the load at the start is in machine.load_1min_at_start)"
    )
    return figures
