"""Sync secrets: read from a keys file and/or the environment, never from the site file.

Both hold one JSON object ``{"key id": "secret"}``: the file named by ``[sync] keys_file``
(relative paths are taken from the site file's folder; keep it outside the repository,
readable by the hub only) and the ``KIOSK_SYNC_KEYS`` environment variable, whose entries
win. A secret is at least 32 characters (``python -c "import secrets;
print(secrets.token_urlsafe(32))"`` makes one). Messages never show a secret.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kiosk.errors import SyncError
from kiosk.siteconfig import SiteConfig

ENV_KEYS = "KIOSK_SYNC_KEYS"
MIN_SECRET_CHARS = 32


def resolve(config: SiteConfig, value: str) -> Path:
    """A path of the site file's ``[sync]`` table, relative to the site file's folder."""
    path = Path(value).expanduser()
    if not path.is_absolute() and config.source and not config.source.startswith("<"):
        path = Path(config.source).parent / path
    return path


def load_keys(config: SiteConfig) -> dict[str, bytes]:
    """Every known secret by key id; raises :class:`SyncError` for an unreadable source."""
    keys: dict[str, bytes] = {}
    if config.sync.keys_file:
        path = resolve(config, config.sync.keys_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SyncError(f"sync keys file {path}: cannot read it ({exc.strerror})") from None
        keys.update(_parse(text, f"sync keys file {path}"))
    if os.environ.get(ENV_KEYS):
        keys.update(_parse(os.environ[ENV_KEYS], f"environment variable {ENV_KEYS}"))
    return keys


def _parse(text: str, where: str) -> dict[str, bytes]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SyncError(f"{where}: not valid JSON (line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise SyncError(f'{where}: must be a JSON object {{"key id": "secret"}}')
    keys = {}
    for key_id, secret in raw.items():
        if not isinstance(secret, str) or len(secret) < MIN_SECRET_CHARS:
            raise SyncError(
                f'{where}: the secret of key "{key_id}" must be a string of at least '
                f"{MIN_SECRET_CHARS} characters"
            )
        keys[str(key_id)] = secret.encode()
    return keys


def peer_keys(config: SiteConfig, secrets: dict[str, bytes]) -> dict[str, tuple[bytes, str]]:
    """Key id → (secret, peer slug) for every key a peer may sign with."""
    accepted = {}
    for peer in config.peers:
        for key_id in (peer.key_id, *peer.accept_key_ids):
            if key_id in secrets:
                accepted[key_id] = (secrets[key_id], peer.slug)
    return accepted
