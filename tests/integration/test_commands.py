"""``kiosk print-test`` and ``kiosk report`` run as the commands staff type, in a new process.

``print-test`` talks to the TCP printer peer over a real socket; what it sent is decoded by
the tests' own ESC/POS reader. ``report`` writes the PDF a manager sends to the partners;
its text (``pdftotext``) must show the figures the hub's ``GET /api/stats`` gives for the
same month.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from config import site_file
from kiosk.clock import FixedClock, SystemClock
from kiosk.hub.context import Hub
from kiosk.hub.server import start_in_thread
from kiosk.services.queue import QueueService
from kiosk.siteconfig import load_site_config
from kiosk.store.db import Store
from tests.conftest import sign_in_manager
from tests.needs import need_program
from tests.printing.escpos_decoder import decode
from tests.printing.printer_peer import Behaviour, PrinterPeer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")


def kiosk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- kiosk print-test -------------------------------------------------------------------


def site_with_network_printer(folder: Path, port: int) -> Path:
    text = site_file("demo").read_text(encoding="utf-8")
    printer = f'kind = "network"\nhost = "127.0.0.1"\nport = {port}\ntimeout_s = 2.0'
    assert 'kind = "preview"' in text
    path = folder / "site.toml"
    path.write_text(text.replace('kind = "preview"', printer, 1), encoding="utf-8")
    return path


def test_print_test_prints_every_accent_on_a_network_printer(tmp_path):
    with PrinterPeer(Behaviour.ONLINE) as peer:
        done = kiosk("print-test", "--config", str(site_with_network_printer(tmp_path, peer.port)))
        received = peer.received()
    assert done.returncode == 0, done.stderr
    assert f"printer: network printer 127.0.0.1:{peer.port}" in done.stdout
    assert "status: online=True paper=ok" in done.stdout
    assert f"print-test: OK, {len(received)} bytes sent" in done.stdout
    ticket = decode(received)
    assert "é è ç à ù œ €" in ticket.text
    assert "Maison des services publics" in ticket.text.replace("\n", " ")
    assert ticket.qr_payloads == [b"https://example.invalid/t/printer-test"]
    assert ticket.cuts


def test_print_test_on_a_printer_out_of_paper_fails_saying_why(tmp_path):
    with PrinterPeer(Behaviour.PAPER_OUT) as peer:
        done = kiosk("print-test", "--config", str(site_with_network_printer(tmp_path, peer.port)))
        assert peer.received() == b""
    assert done.returncode == 1
    assert "print-test: FAILED" in done.stderr and "out of paper" in done.stderr


# -- kiosk report ------------------------------------------------------------------------


def last_month() -> tuple[date, date]:
    first_of_this = date.today().replace(day=1)
    end = first_of_this - timedelta(days=1)
    return end.replace(day=1), end


def play_a_morning(store: Store, day: date) -> None:
    """Five visitors: two served (waits 15 and 21 min; 8 and 4 min at the desk), one absent
    (waited 22 min), one cancelled, one still waiting when the day closed (cancelled by the
    next morning's closing of the day, as the hub does)."""
    clock = FixedClock(datetime.combine(day, datetime.min.time(), PARIS).replace(hour=10))
    queue = QueueService(store, load_site_config(site_file("demo")), clock)
    issued = []
    for _ in range(5):
        issued.append(queue.issue("ACC").ticket.id)
        clock.advance(minutes=1)
    clock.advance(minutes=10)
    first = queue.call_next("accueil")
    queue.act(first.id, "start", "accueil")
    clock.advance(minutes=8)
    queue.act(first.id, "finish", "accueil", outcome="solved")
    absent = queue.call_next("accueil")
    queue.act(absent.id, "no_show", "accueil")
    queue.act(issued[4], "cancel", "accueil")
    second = queue.call_next("accueil")
    queue.act(second.id, "start", "accueil")
    clock.advance(minutes=4)
    queue.act(second.id, "finish", "accueil", outcome="solved")
    clock.set(clock.now() + timedelta(days=1))
    queue.close_past_days()


def api_headline(db_url: str, start: date, end: date) -> dict:
    """The month's headline as a manager's dashboard gets it: ``GET /api/stats`` of a hub."""
    store = Store.open(db_url)
    running = start_in_thread(
        Hub(config=load_site_config(site_file("demo")), store=store, clock=SystemClock())
    )
    try:
        with httpx.Client(base_url=running.url, timeout=30) as api:
            answer = api.get(
                "/api/stats",
                params={"from": start.isoformat(), "to": end.isoformat()},
                headers=sign_in_manager(api),
            )
            answer.raise_for_status()
            return answer.json()["headline"]
    finally:
        running.stop()
        store.close()


def pdf_text(path: Path, page: int) -> str:
    pdftotext = need_program("pdftotext", "poppler-utils")
    text = subprocess.run(
        [pdftotext, "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    # Ligatures (ﬀ) and the narrow spaces of French figures, as a reader sees them.
    return unicodedata.normalize("NFKC", text).replace("\u202f", " ").replace("\xa0", " ")


def cells(line: str) -> dict[int, str]:
    """A ``-layout`` line's cells (two spaces or more apart), keyed by their column."""
    return {m.start(): m.group() for m in re.finditer(r"\S+(?: \S+)*", line)}


VALUE = re.compile(r"—|[0-9][0-9 ,.\u202f]*(?:%| min)?")


def cards(text: str) -> dict[str, str]:
    """The headline cards of page 1: values (a card's "avant : …" aside) over a line of
    captions, each value in its caption's column; the values of one row of cards may sit on
    a few lines of their own."""
    found: dict[str, str] = {}
    pending: dict[int, str] = {}
    for line in text.splitlines():
        row = {col: v for col, v in cells(line).items() if not v.startswith("avant")}
        if not row:
            continue
        if all(VALUE.fullmatch(v) for v in row.values()):
            pending.update(row)
            continue
        for col, caption in row.items():
            near = [c for c in pending if abs(c - col) <= 3]
            if near:
                found[caption] = pending.pop(near[0])
        pending = {}
    return found


def french(key: str, value: float) -> str:
    if key.endswith("_s"):
        return f"{value / 60:.1f} min".replace(".", ",")
    if key.endswith("_share"):
        return f"{value * 100:.1f} %".replace(".", ",")
    return str(value)


def test_the_monthly_pdf_report_shows_the_months_figures(tmp_path):
    need_program("pdftotext", "poppler-utils")
    start, end = last_month()
    db_url = f"sqlite:///{tmp_path / 'site.db'}"
    store = Store.open(db_url)
    try:
        play_a_morning(store, start + timedelta(days=(1 - start.weekday()) % 7))  # a Tuesday
    finally:
        store.close()
    out = tmp_path / "rapport.pdf"
    done = kiosk(
        "report", "--db", db_url, "--from", start.isoformat(), "--to", end.isoformat(),
        "--format", "pdf", "--out", str(out), "--language", "fr",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: 5 pages"  # figures, charts, two tables, planning

    first = pdf_text(out, 1)
    assert first.lstrip().startswith("Rapport mensuel")
    shown = cards(first)
    headline = api_headline(db_url, start, end)
    expected = {
        "issued": 5,
        "served": 2,
        "no_show": 1,
        "cancelled": 2,  # one by the desk, one at the day's end
        "wait_p50_s": 21 * 60,
        "service_p50_s": 6 * 60,
        "solved_share": 1.0,
    }
    for key, value in expected.items():
        assert headline[key] == value, f"{key}: the API says {headline[key]}"
        assert french(key, value) in shown.values(), f"{key}: {shown}"
    # The same figures, column by column, in the table per site.
    row = next(line for line in first.splitlines() if line.startswith("Maison des services"))
    assert list(cells(row).values())[1:5] == ["5", "2", "1", "2"]
    assert french("wait_p90_s", headline["wait_p90_s"]) in row
    # The table per site and service (names cut to their column) repeats the counts.
    tables = pdf_text(out, 3)
    service_row = next(line for line in tables.splitlines() if "Accueil g" in line)
    assert list(cells(service_row).values())[2:6] == ["5", "2", "1", "2"]
