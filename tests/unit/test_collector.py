"""A serving hub process freezes what it holds once started and spaces out the collector's
runs (kiosk.hub.collector); checked in a process of its own, as ``kiosk serve`` runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import config
from kiosk.hub.collector import MIDDLE, OLD, YOUNG
from kiosk.hub.server import ENV_CONFIG, ENV_DB

PROBE = """
import gc, json
from kiosk.hub.server import worker_app
before = gc.get_freeze_count()
worker_app()  # what each process of `kiosk serve --workers N` runs first
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(),
                  "threshold": gc.get_threshold()}))
"""


def test_a_worker_process_freezes_what_it_holds_and_spaces_collections(tmp_path):
    env = {**os.environ, ENV_CONFIG: str(Path(config.__file__).parent / "demo.toml"),
           ENV_DB: f"sqlite:///{tmp_path / 'hub.db'}"}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=60, env=env).stdout  # fmt: skip
    seen = json.loads(out)
    assert seen["before"] == 0 and seen["frozen"] > 10_000
    assert tuple(seen["threshold"]) == (YOUNG, MIDDLE, OLD)
