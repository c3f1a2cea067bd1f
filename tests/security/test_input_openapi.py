"""schemathesis against a real ``kiosk serve``: the published OpenAPI tells the truth.

It reads the hub's own ``/openapi.json``, so a route another module adds later is fuzzed
too, and runs ``--checks all`` (server errors, undocumented status codes, bodies and
content types that break the schema, schema-violating requests accepted, schema-valid
requests refused, 405s without a true ``Allow``), stateful where the schema's links allow,
three times: without a credential, as a counter and as a manager. Examples are bounded so
that the three runs take a few seconds each.

422 is this hub's answer to a well-formed request that a rule of the site refuses (a range
backwards, a closed service, a day outside 2000..2099), so schema-valid data may meet a
422; it must never meet a 400 (kept for requests that cannot be read) nor a 5xx.
Live streams (``text/event-stream``) never end and are probed in test_input_ranges.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from config import site_file
from tests.conftest import DEMO_PIN, MANAGER_PIN
from tests.sync.conftest import ROOT, Site

MAX_EXAMPLES = 4
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("openapi")
    site = Site("demo", folder, site_file("demo"))
    site.spawn()
    yield site
    site.stop()


def _token(hub: Site, who: dict) -> str:
    response = httpx.post(f"{hub.url}/api/session", json=who, timeout=10)
    response.raise_for_status()
    return response.json()["token"]


def _streams_and_sign_out(schema: dict) -> tuple[list[str], list[str]]:
    streams, sign_out = [], []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = operation.get("responses", {})
            if any("text/event-stream" in a.get("content", {}) for a in answers.values()):
                streams.append(path)
            if method == "delete" and path == "/api/session":
                sign_out.append(operation["operationId"])
    return streams, sign_out


def _command(hub: Site, config: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{hub.url}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "20261202",
        "--no-shrink",
        "--request-timeout",
        "10",
        *extra,
    ]


def test_schemathesis_finds_no_server_error_and_no_lie(hub, tmp_path: Path):
    """Attack: a fuzzer sends every route schema-valid and schema-breaking input (odd
    Unicode, huge numbers, far-off dates, missing and extra fields, other methods), with and
    without credentials, looking for a 500, a dead stream or an answer the schema denies.
    The three identities run side by side against the one hub."""
    schema = httpx.get(f"{hub.url}/openapi.json", timeout=10).json()
    streams, sign_out = _streams_and_sign_out(schema)
    common = ["--exclude-path", *streams] if streams else []
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    identities = {
        "nobody": [],
        "counter": {"counter": "accueil", "pin": DEMO_PIN},
        "manager": {"manager": "direction", "pin": MANAGER_PIN},
    }
    # Sign in before any run starts: the fuzzer's wrong PINs may lock the sign-in out.
    tokens = {who: _token(hub, creds) for who, creds in identities.items() if creds}
    runs = {}
    for who, credentials in identities.items():
        extra = list(common)
        if credentials:
            extra += ["-H", f"Authorization: Bearer {tokens[who]}"]
            for operation_id in sign_out:  # signing out would end the run's own session
                extra += ["--exclude-operation-id", operation_id]
        runs[who] = subprocess.Popen(
            _command(hub, config, extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    outputs = {who: run.communicate(timeout=300)[0] for who, run in runs.items()}
    for who, run in runs.items():
        assert run.returncode == 0, f"as {who}:\n{outputs[who][-8000:]}"
        assert "Unmatched filters" not in outputs[who], outputs[who][-3000:]
    log = (hub.folder / "hub.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-4000:]
