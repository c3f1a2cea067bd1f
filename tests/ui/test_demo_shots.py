"""``kiosk demo --shots DIR`` as a person types it: a new process plays the scripted morning
and saves every screen. Each file it names must exist and be what its name says: a PNG of
that size with something drawn on it, a PDF report, printed tickets a printer can read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.printing.escpos_decoder import decode

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
KIOSK_SIZES = {"portrait": (1080, 1920), "landscape": (1280, 800)}


def test_demo_shots_saves_every_screen(tmp_path):
    folder = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "demo", "--shots", str(folder)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    named = [Path(line) for line in done.stdout.splitlines() if line.strip()]
    assert named and all(path.is_relative_to(folder) and path.exists() for path in named)
    pngs = [path for path in named if path.suffix == ".png" and path.parent == folder]
    screens = {path.name.split("-")[0] for path in pngs}
    assert screens >= {"kiosk", "counter", "display", "dashboard"}
    for path in pngs:
        with Image.open(path) as image:
            assert image.format == "PNG", path.name
            size = re.search(r"-(\d+)x(\d+)\.png$", path.name)
            orientation = path.stem.rsplit("-", 1)[-1]
            if size:
                assert image.size == (int(size[1]), int(size[2])), path.name
            else:
                assert image.size == KIOSK_SIZES[orientation], path.name
            colours = image.convert("RGB").resize((64, 64)).getcolors(64 * 64)
            assert colours is None or len(colours) > 8, f"{path.name} looks blank"
    reports = [path for path in named if path.suffix == ".pdf"]
    assert reports and all(path.read_bytes().startswith(b"%PDF-") for path in reports)
    # The preview printer's tickets decode, accents and QR included.
    tickets = sorted((folder / "tickets").glob("*.bin"))
    assert tickets
    for ticket in tickets:
        decoded = decode(ticket.read_bytes())
        number = ticket.name.split("-", 1)[0]
        assert any(number in line.text for line in decoded.lines), ticket.name
        assert decoded.qr_payloads and b"/t/" in decoded.qr_payloads[0]
