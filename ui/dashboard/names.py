"""Names of sites for people: ours from the hub, the other site's from the site files that
ship with the product (its rows carry only its slug). No Qt here."""

from __future__ import annotations

import tomllib
from pathlib import Path


def short_site_name(name: str) -> str:
    """ "Maison des services publics – Enquin-les-Mines" → "Enquin-les-Mines"."""
    return name.rsplit(" – ", 1)[-1].strip() or name


def known_site_names() -> dict[str, str]:
    """Slug → short name, from the site files of the ``config`` package."""
    from config import site_file

    names = {}
    for path in Path(site_file("demo")).parent.glob("*.toml"):
        try:
            site = tomllib.loads(path.read_text(encoding="utf-8")).get("site", {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if site.get("slug") and site.get("name"):
            names[site["slug"]] = short_site_name(site["name"])
    return names
