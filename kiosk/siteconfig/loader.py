"""Reading and checking a site file; every failure names the file, the key and why.

Pydantic checks each key's type and refuses unknown keys; this module adds the rules that
span keys and phrases each error for the person editing the file (``services[CAF].prefix``
rather than ``services.3.prefix``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kiosk.errors import ConfigError
from kiosk.siteconfig.schema import SiteConfig

_WHY = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known key (typo?)",
}


def load_site_config(path: str | Path) -> SiteConfig:
    """Read and validate a site file; raises :class:`ConfigError` (the first problem)."""
    problems = check_site_file(path)
    if isinstance(problems, SiteConfig):
        return problems
    raise problems[0]


def check_site_file(path: str | Path) -> SiteConfig | list[ConfigError]:
    """The config, or every problem found (for ``kiosk check-config``)."""
    path = Path(path)
    name = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [ConfigError(name, "", "no such file")]
    except UnicodeDecodeError as exc:
        return [ConfigError(name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except tomllib.TOMLDecodeError as exc:
        return [ConfigError(name, "", f"not valid TOML: {exc}")]
    return parse_site_config(raw, name)


def parse_site_config(
    raw: dict[str, Any], name: str = "<memory>"
) -> SiteConfig | list[ConfigError]:
    try:
        config = SiteConfig.model_validate({**raw, "source": name})
    except ValidationError as exc:
        return [ConfigError(name, _key(raw, err["loc"]), _why(err)) for err in exc.errors()]
    if "source" in raw:
        return [ConfigError(name, "source", _WHY["extra_forbidden"])]
    problems = _cross_checks(config, name)
    return problems or config


def _key(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """``("services", 3, "prefix")`` → ``services[CAF].prefix`` using the item's own id."""
    parts: list[str] = []
    node: Any = raw
    for step in loc:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            ident = item.get("code") or item.get("id") if isinstance(item, dict) else None
            parts[-1] += f"[{ident}]" if ident else f"[{step}]"
            node = item
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _why(err: dict[str, Any]) -> str:
    if err["type"] in _WHY:
        return _WHY[err["type"]]
    message = err["msg"].removeprefix("Value error, ")
    if "input" in err and err["type"] not in ("missing",) and not isinstance(err["input"], dict):
        return f"{message} (got {err['input']!r})"
    return message


def _cross_checks(config: SiteConfig, name: str) -> list[ConfigError]:
    problems: list[ConfigError] = []

    def problem(key: str, why: str) -> None:
        problems.append(ConfigError(name, key, why))

    seen_codes: set[str] = set()
    seen_prefixes: dict[str, str] = {}
    for service in config.services:
        key = f"services[{service.code}]"
        if service.code in seen_codes:
            problem(f"{key}.code", "duplicate service code")
        seen_codes.add(service.code)
        if service.prefix in seen_prefixes:
            problem(
                f"{key}.prefix",
                f'prefix "{service.prefix}" is already used by {seen_prefixes[service.prefix]}',
            )
        seen_prefixes.setdefault(service.prefix, service.code)
        if service.schedule is not None:
            house = config.site.hours.intervals()
            for day, (own, open_) in enumerate(
                zip(service.schedule.intervals(), house, strict=True)
            ):
                for interval in own:
                    if not any(h.start <= interval.start and interval.end <= h.end for h in open_):
                        weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day]
                        problem(
                            f"{key}.schedule.{weekday}",
                            f"{interval} is outside the house's hours on that day",
                        )

    seen_ids: set[str] = set()
    for counter in config.counters:
        key = f"counters[{counter.id}]"
        if counter.id in seen_ids:
            problem(f"{key}.id", "duplicate counter id")
        seen_ids.add(counter.id)
        for code in counter.services:
            if code not in seen_codes:
                problem(f"{key}.services", f'unknown service "{code}"')
    for manager in config.managers:
        if manager.id in seen_ids:
            problem(f"managers[{manager.id}].id", "id already used by a counter or manager")
        seen_ids.add(manager.id)

    served = {code for counter in config.counters for code in counter.services}
    for code in sorted(seen_codes - served):
        problem(f"services[{code}]", "no counter serves this service")

    seen_peers: set[str] = set()
    key_owner: dict[str, str] = {}
    for peer in config.peers:
        key = f"peers[{peer.slug}]"
        if peer.slug == config.site.slug:
            problem(f"{key}.slug", "a site is not its own peer")
        if peer.slug in seen_peers:
            problem(f"{key}.slug", "duplicate peer")
        seen_peers.add(peer.slug)
        for key_id in (peer.key_id, *peer.accept_key_ids):
            if key_owner.setdefault(key_id, peer.slug) != peer.slug:
                problem(f"{key}.key_id", f'key "{key_id}" is already {key_owner[key_id]}\'s')
    if bool(config.sync.tls_cert) != bool(config.sync.tls_key):
        problem("sync.tls_key", "tls_cert and tls_key go together")

    printer = config.printer
    required = {
        "network": ("host",),
        "usb": ("vendor_id", "product_id"),
        "serial": ("device",),
        "file": ("device",),
    }
    for field in required.get(printer.kind, ()):
        if not getattr(printer, field):
            problem(f"printer.{field}", f'is required for a "{printer.kind}" printer')
    return problems
