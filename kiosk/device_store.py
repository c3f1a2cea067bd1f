"""Where a screen keeps its device credential: the user's data folder, readable by it only.

One file per hub and role (a one-PC site runs a kiosk and a display against the same hub),
JSON ``{"hub", "role", "device_id", "credential"}``, written with mode 0600 through a
temporary file and a rename, so a crash never leaves half a credential.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from platformdirs import user_data_dir


def folder() -> Path:
    return Path(user_data_dir("kiosk", appauthor=False)) / "devices"


def path_for(hub_url: str, role: str) -> Path:
    name = re.sub(r"[^A-Za-z0-9]+", "-", hub_url.split("://", 1)[-1]).strip("-")
    return folder() / f"{name}-{role}.json"


def load(hub_url: str, role: str) -> dict | None:
    """The saved ``{"device_id", "credential", ...}``, or None."""
    try:
        data = json.loads(path_for(hub_url, role).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("credential") else None


def save(hub_url: str, role: str, device_id: str, credential: str) -> Path:
    path = path_for(hub_url, role)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"hub": hub_url, "role": role, "device_id": device_id,
                   "credential": credential}, out)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path


def forget(hub_url: str, role: str) -> None:
    path_for(hub_url, role).unlink(missing_ok=True)
