"""Soak: a busy site's whole day replayed fast, every part live on one hub.

A ``kiosk serve`` process (site ``soak-a``) syncs to a peer ``kiosk serve`` (``soak-b``)
with their own sync workers. On it, all day long:

- a real kiosk window (offscreen Qt, its own process, live stream on) where a visitor
  taps a tile for each ticket (NUM and EMPLOI in turn), printing on a TCP receipt printer;
- a real waiting-room display (its own process) showing every call;
- a counter (the hub client the counter window uses, in the bench process) calling each
  ticket, starting and finishing the visit;
- a manager's dashboard asking ``GET /api/stats`` for the day every 25 tickets.

The day is 1,000 tickets (200 with ``--quick``) in 8 "hours". In the middle of the day the
printer is unplugged for 5 % of the tickets (its connections hang up), and at the start
of hour 5 the hub is restarted (SIGTERM, then a new process on the same store and port);
kiosk and display reconnect by themselves.

- ``soak_rss_growth_max``: per process, resident memory at the end of its last hour over
  at the end of its first hour (the hub's two lives counted apart: hours 1–4 and 5–8);
  the largest ratio (goal ≤ 1.05). Each ratio is in ``soak_rss_growth``.
- ``soak_errors``: what no one should meet (goal 0): a tap that gave no ticket, a ticket
  not printed while the printer was fine, a counter or dashboard request that failed, a
  call the display did not show, a hub's logged internal error, a process that died.
- ``soak_lost_tickets``: tickets a visitor got that are missing, at the end, from the hub's
  store or from the peer's (after sync has had up to a minute to catch up) (goal 0).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kiosk.bench import sync_figures
from kiosk.bench.hub_figures import COUNTER, PIN, free_port, rss_mb
from kiosk.bench.kiosk_figures import ReceiptPrinter, qt_env
from kiosk.bench.processes import wait_for_health
from kiosk.bench.stats_http import MANAGER, MANAGER_PIN
from kiosk.client import HubClient
from kiosk.errors import KioskError
from kiosk.store.db import Store
from kiosk.store.models import Ticket

HOURS = 8
SERVICES = ("NUM", "EMPLOI")  # open at every hour on the demo site, no priority question
FAULT_SHARE = 0.05
DASHBOARD_EVERY = 25
WAIT_S = 60.0
CONVERGE_S = 60.0

METHOD = {
    "soak_rss_growth_max": "per process (hub's two lives apart, peer hub, kiosk, display), "
    "resident memory at the end of its last hour of the replayed day over at the end of its "
    "first; the largest",
    "soak_errors": "taps without a ticket, prints failed with the printer fine, failed "
    "counter or dashboard requests, calls the display missed, hub internal errors, deaths",
    "soak_lost_tickets": "tickets shown to visitors but missing at the end from the hub's "
    "store or the peer's",
    "soak_tickets": "tickets in the replayed day",
    "soak_prints_failed_in_fault": "tickets not printed while the printer was unplugged "
    "(expected: shown on screen instead)",
    "soak_day_s": "wall time of the replayed day",
}
GOALS = {"soak_rss_growth_max": 1.05, "soak_errors": 0, "soak_lost_tickets": 0}


def soak_group(quick: bool) -> dict:
    return run_day(200 if quick else 1_000)


class Child:
    """A process whose stdout lines are read by a thread, waited on with a deadline."""

    def __init__(self, args: list[str], env: dict, log: Path):
        self.log = open(log, "w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [self.lines.put(line.strip()) for line in self.process.stdout],
            daemon=True,
        ).start()

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def expect(self, accept, timeout: float = WAIT_S) -> str | None:
        """The first line ``accept`` takes, or None after ``timeout`` or a death."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.process.poll() is not None:
                    return None
                continue
            if accept(line):
                return line
        return None

    def stop(self) -> None:
        with suppress(OSError):
            self.send("quit")
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class Hub:
    """A ``kiosk serve`` process whose log is kept in a file (read for internal errors)."""

    def __init__(self, config: Path, db: Path, port: int, log: Path):
        self.log = log
        with open(log, "a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli", "serve", "--config", str(config),
                 "--db", f"sqlite:///{db}", "--port", str(port), "--log-level", "warning"],
                stdout=subprocess.DEVNULL, stderr=out,
            )
        wait_for_health(f"http://127.0.0.1:{port}", self.process, log.read_text, WAIT_S)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def internal_errors(self) -> int:
        return self.log.read_text(errors="replace").count("unexpected error on")


def _site_files(folder: Path, pa: int, pb: int) -> tuple[Path, Path]:
    keys, _ = sync_figures._pair_files(folder)
    files = []
    for slug, peer, port in (("soak-a", "soak-b", pb), ("soak-b", "soak-a", pa)):
        text = sync_figures.site_text(slug, [(peer, f"http://127.0.0.1:{port}", "bench-ab")], keys)
        # One kiosk takes the whole day's tickets here, as fast as the site file allows.
        text = text.replace("kiosk_tickets_per_minute = 6", "kiosk_tickets_per_minute = 600")
        text = text.replace("kiosk_burst = 3", "kiosk_burst = 100")
        path = folder / f"{slug}.toml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files[0], files[1]


def run_day(tickets: int) -> dict:
    per_hour = tickets // HOURS
    fault = range(tickets // 2, tickets // 2 + max(1, round(tickets * FAULT_SHARE)))
    errors: list[str] = []
    rss: dict[str, list[float]] = {}
    issued: list[str] = []
    failed_in_fault = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, ReceiptPrinter() as printer:
        folder = Path(tmp)
        pa, pb = free_port(), free_port()
        a_cfg, b_cfg = _site_files(folder, pa, pb)
        a_db, b_db = folder / "a.db", folder / "b.db"
        url = f"http://127.0.0.1:{pa}"
        peer = Hub(b_cfg, b_db, pb, folder / "b.log")
        hub = Hub(a_cfg, a_db, pa, folder / "a.log")
        hub_life = 1
        env = {**qt_env(), "KIOSK_CHIME": "off"}
        kiosk = Child([sys.executable, "-m", __name__, "kiosk", url, str(printer.port)], env,
                      folder / "kiosk.log")
        display = Child([sys.executable, "-m", "kiosk.bench.display_figures", url], env,
                        folder / "display.log")
        counter = HubClient(url, kiosk_id="soak-counter", timeout=10)
        manager = HubClient(url, kiosk_id="soak-dashboard", timeout=30)
        try:
            if kiosk.expect(lambda line: line == "ready") is None:
                raise RuntimeError(f"the kiosk did not start: {_tail(folder / 'kiosk.log')}")
            if display.expect(lambda line: line == "ready") is None:
                raise RuntimeError(f"the display did not start: {_tail(folder / 'display.log')}")
            counter.sign_in(counter=COUNTER, pin=PIN)
            manager.sign_in(manager=MANAGER, pin=MANAGER_PIN)
            last_called = None
            for hour in range(HOURS):
                if hour == HOURS // 2:  # the hub restarts in the middle of the day
                    hub.stop()
                    hub = Hub(a_cfg, a_db, pa, folder / "a.log")
                    hub_life = 2
                for index in range(hour * per_hour, (hour + 1) * per_hour):
                    in_fault = index in fault
                    if in_fault:
                        printer.unplugged.set()
                    else:
                        printer.unplugged.clear()
                    kiosk.send(f"tap {SERVICES[index % len(SERVICES)]}")
                    line = kiosk.expect(lambda text: text.startswith("{"))
                    if line is None:
                        errors.append(f"ticket {index + 1}: the tap gave no ticket")
                        break
                    result = json.loads(line)
                    if "error" in result:
                        errors.append(f"ticket {index + 1}: {result['error']}")
                        continue
                    issued.append(result["id"])
                    if not result["printed"]:
                        if in_fault:
                            failed_in_fault += 1
                        else:
                            errors.append(f"ticket {result['number']} not printed")
                    try:
                        called = counter.call_next(COUNTER)
                        if called:
                            last_called = called["number"]
                            counter.act(called["id"], "start")
                            counter.act(called["id"], "finish", outcome="solved")
                        if (index + 1) % DASHBOARD_EVERY == 0:
                            today = date.today().isoformat()
                            manager.stats(today, today)
                    except KioskError as exc:
                        errors.append(f"ticket {index + 1}: staff request failed: {exc}")
                if last_called and display.expect(lambda text, n=last_called: text == n) is None:
                    errors.append(f"hour {hour + 1}: the display did not show {last_called}")
                _note(rss, "kiosk", _rss(kiosk.process.pid), errors)
                _note(rss, "display", _rss(display.process.pid), errors)
                _note(rss, f"hub-life-{hub_life}", _rss(hub.process.pid), errors)
                _note(rss, "peer-hub", _rss(peer.process.pid), errors)
            printer.unplugged.clear()
            for name, child in (("kiosk", kiosk), ("display", display)):
                if child.process.poll() is not None:
                    errors.append(f"the {name} process died: {_tail(child.log.name)}")
            lost = _lost(issued, a_db, b_db)
        finally:
            counter.close()
            manager.close()
            for child in (kiosk, display):
                child.stop()
            hub.stop()
            peer.stop()
        internal = hub.internal_errors() + peer.internal_errors()
        if internal:
            errors.append(f"{internal} internal error(s) logged by the hubs")
    growth = {name: round(values[-1] / values[0], 3) for name, values in rss.items() if values}
    return {
        "soak_rss_growth_max": max(growth.values()),
        "soak_rss_growth": growth,
        "soak_errors": len(errors),
        "soak_error_list": errors[:20],
        "soak_lost_tickets": lost,
        "soak_tickets": len(issued),
        "soak_prints_failed_in_fault": failed_in_fault,
        "soak_day_s": round(time.monotonic() - started, 1),
    }


def _rss(pid: int) -> float | None:
    try:
        return rss_mb(pid)
    except OSError:
        return None


def _note(rss: dict[str, list[float]], name: str, value: float | None, errors: list[str]) -> None:
    if value is None:
        errors.append(f"no memory figure for the {name} (gone?)")
    else:
        rss.setdefault(name, []).append(value)


def _lost(issued: list[str], a_db: Path, b_db: Path) -> int:
    """Tickets given to visitors missing from the hub's store, or from the peer's once sync
    has caught up (or a minute has passed)."""
    wanted = set(issued)

    def held(db: Path) -> set[str]:
        store = Store.open(f"sqlite:///{db}")
        try:
            with store.read() as session:
                return set(session.scalars(select(Ticket.id).where(Ticket.site == "soak-a")))
        finally:
            store.close()

    missing_a = wanted - held(a_db)
    deadline = time.monotonic() + CONVERGE_S
    while (missing_b := wanted - held(b_db)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return len(missing_a | missing_b)


def _tail(path) -> str:
    try:
        return Path(path).read_text(errors="replace")[-1500:]
    except OSError:
        return ""


# -- the kiosk process -------------------------------------------------------------------------


def kiosk_child(url: str, printer_port: int) -> int:
    """The kiosk alone in its process. Reads commands on stdin: ``tap CODE`` (answers one
    JSON line: the ticket's id, number and whether it printed) and ``quit``."""
    os.environ.update(qt_env())
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtTest import QTest

    from printing import PrinterConfig, TicketPrinter
    from ui.app import application
    from ui.kiosk.window import KioskWindow
    from ui.ops import wait_for_pool

    app = application()
    commands: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [commands.put(line.strip()) for line in sys.stdin], daemon=True
    ).start()
    paper = TicketPrinter(PrinterConfig.from_mapping(
        {"kind": "network", "host": "127.0.0.1", "port": printer_port, "timeout_s": 3}))
    window = KioskWindow(HubClient(url, kiosk_id="soak-kiosk"), paper, live=True,
                         idle_s=3600, ticket_s=3600)
    window.may_close = True
    window.resize(1080, 1920)
    window.show()
    shown: list[dict] = []
    printed: list = []
    window.ticket_shown.connect(shown.append)
    window.printed.connect(printed.append)

    def spin_until(condition, timeout: float = WAIT_S) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.001)
        return True

    def ready(code: str) -> bool:
        return (
            window.hub_ok
            and window.stack.currentWidget() is window.welcome
            and code in window.welcome.tiles
            and window.welcome.tiles[code].isEnabled()
            and window.welcome.tiles[code].isVisible()
        )

    def say(**line) -> None:
        print(json.dumps(line), flush=True)

    if spin_until(lambda: ready(SERVICES[0])):
        print("ready", flush=True)
    while True:
        spin_until(lambda: not commands.empty(), timeout=3600)
        command = commands.get().split()
        if command[:1] == ["quit"] or not command:
            break
        code = command[1]
        if not spin_until(lambda code=code: ready(code)):
            say(error="the kiosk's tiles never came back")
            continue
        before = (len(shown), len(printed))
        tile = window.welcome.tiles[code]
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, tile.mapTo(window, tile.rect().center()))
        if not spin_until(lambda b=before: len(shown) > b[0] and len(printed) > b[1]):
            say(error="no ticket shown and printed after the tap")
        else:
            result = printed[-1]
            say(id=shown[-1]["id"], number=shown[-1]["number"],
                printed=bool(result is not None and result.ok))
        window.go_home()
        wait_for_pool()
    window.close()
    wait_for_pool()
    app.processEvents()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["kiosk"] or len(sys.argv) != 4:
        sys.exit("usage: python -m kiosk.bench.soak_figures kiosk HUB_URL PRINTER_PORT")
    sys.exit(kiosk_child(sys.argv[2], int(sys.argv[3])))
