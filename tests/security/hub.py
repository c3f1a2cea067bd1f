"""A real ``kiosk serve`` process on a real (not open-mode) site file, for the attack suite.

The site file is the demo's with the open mode turned off, a public listener on a free
loopback port and whatever a test changes; PINs: counters 1234, manager 9999, kiosk unlock
4321. Devices are paired the way a site pairs them: the device asks, a manager approves
its code over the API.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from kiosk.bench.processes import wait_for_health
from tests.integration.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "config" / "demo.toml"
COUNTER_PIN, MANAGER_PIN, UNLOCK_PIN = "1234", "9999", "4321"


def site_file(folder: Path, public_port: int, **security: str) -> Path:
    """The demo site as a real site: no open mode, a guest listener, extra security keys
    (TOML values, e.g. ``trusted_proxies='["127.0.0.1"]'``)."""
    text = DEMO.read_text(encoding="utf-8").replace("open_mode = true", "open_mode = false")
    extra = "".join(f"{key} = {value}\n" for key, value in security.items())
    text = text.replace("[security]\n", f'[security]\npublic_listen = "127.0.0.1:{public_port}"\n'
                        + extra, 1)
    path = folder / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class ServedHub:
    """``python -m kiosk.cli serve`` on loopback ports, stopped by the fixture."""

    config: Path
    db: Path
    log: Path
    port: int = field(default_factory=free_port)
    public_port: int = 0
    proc: subprocess.Popen | None = None
    extra_args: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.public_port}"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "kiosk.cli", "serve", "--config", str(self.config),
                "--db", f"sqlite:///{self.db}", "--port", str(self.port),
                "--log-level", "warning", *self.extra_args]

    def start(self) -> ServedHub:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log,
                                         stderr=subprocess.STDOUT)
        wait_for_health(self.url, self.proc, self.log.read_text, timeout_s=30)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def sign_in(api: httpx.Client, counter: str = "accueil", pin: str = COUNTER_PIN,
            headers: dict | None = None) -> dict:
    answer = api.post("/api/session", json={"counter": counter, "pin": pin}, headers=headers)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def manager(api: httpx.Client) -> dict:
    answer = api.post("/api/session", json={"manager": "direction", "pin": MANAGER_PIN})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def pair(api: httpx.Client, role: str = "kiosk", approve: bool = True) -> tuple[str, dict]:
    """A device asks to pair and (unless told not to) a manager approves its code:
    the device's id and the headers carrying its credential."""
    asked = api.post("/api/devices/pair", json={"role": role})
    assert asked.status_code == 201, asked.text
    body = asked.json()
    if approve:
        done = api.post("/api/devices/approve", json={"code": body["code"]}, headers=manager(api))
        assert done.status_code == 200, done.text
        assert done.json()["state"] == "paired"
    return body["device_id"], {"X-Device-Credential": body["credential"]}
