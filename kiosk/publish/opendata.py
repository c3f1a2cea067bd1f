"""The year's open data: two CSV files and a Frictionless ``datapackage.json`` that says
what every column means, in which unit, and how anonymity was kept, so that a partner
across the border loads them without asking.

Only published cells (:mod:`kiosk.publish.figures`) go out: partners merged into "other
partners" at a site, months suppressed with a flag and empty figures, blanks where a
figure would rest on fewer than five people. UTF-8, comma-separated, a header line,
decimal point, empty cell for "no value".
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.publish.figures import MIN_CELL, OTHER, Cell, Published
from kiosk.siteconfig import SiteConfig

LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
    "title": "Licence Ouverte / Open Licence 2.0",
}

COMMON = [
    ("year", "integer", "Year", "Calendar year of the visits."),
    ("site", "string", "Site", "Identifier (slug) of the France Services house's site."),
    ("site_name", "string", "Site name", "Name of the site, as the house calls it."),
]
FIGURES = [
    ("visitors", "integer", "Visitors",
     "Visits that started in this group (tickets taken; a transfer to another desk is not "
     "a new visitor). Never below {min}."),
    ("served", "integer", "Served",
     "Visits finished at a desk (a visit transferred here counts at both desks). Empty "
     "when fewer than {min}."),
    ("solved_share", "number", "Solved on the spot (share)",
     "Share (0 to 1) of the visits served that were finished with the outcome 'solved "
     "here'. Empty when fewer than {min} were served."),
    ("wait_p50_min", "number", "Median wait (minutes)",
     "Median of the waits, in minutes, from taking the ticket to the call to a desk, over "
     "the visitors called. Empty when fewer than {min} were called."),
    ("service_level_share", "number", "Service level (share)",
     "Share (0 to 1) of the visitors called within service_level_target_min minutes, out "
     "of those called and those who left uncalled after that time (gone, or still waiting "
     "at closing). Empty when fewer than {min} were called."),
    ("service_level_target_share", "number", "Service level target (share)",
     "The house's stated target for service_level_share (e.g. 0.85), as the publishing "
     "site's file states it: every site is measured against it."),
    ("service_level_target_min", "integer", "Service level target (minutes)",
     "The wait, in minutes, that the service level counts against (e.g. 15)."),
    ("feedback_answers", "integer", "Feedback answers",
     "Answers left at the kiosk (three faces). Empty when fewer than {min}."),
    ("satisfaction_share", "number", "Satisfaction (share)",
     "Share (0 to 1) of the answers that chose the smiling face. Empty when fewer than "
     "{min} answers."),
]  # fmt: skip
PARTNER_FIELDS = [
    *COMMON,
    ("partner", "string", "France Services partner",
     "The national partner (operator) the visits are reported under, as the house names "
     f"it; '{OTHER}' groups the partners with fewer than {{min}} visits at this site, and "
     "when they are still fewer than {min} together, the smallest others until they are not "
     "(statistical disclosure control)."),
    ("services", "string", "Desks", "Codes of the house's desks in this group, space-separated."),
    *FIGURES,
]  # fmt: skip
#: What a month tells: visits and waits. Its answers and visits solved would break the
#: partners' site totals down a second way, and a subtraction across the two tables would
#: give those of the months left blank (kiosk.publish.figures).
MONTH_FIGURES = ("visitors", "wait_p50_min", "service_level_share",
                 "service_level_target_share", "service_level_target_min")  # fmt: skip
MONTH_FIELDS = [
    *COMMON,
    ("month", "string", "Month", "Month of the visits, YYYY-MM."),
    ("suppressed", "boolean", "Suppressed",
     "true: this month's figures are withheld (fewer than {min} visits, or withheld with "
     "it so that no subtraction reveals it); its other columns are then empty."),
    *(field for field in FIGURES if field[0] in MONTH_FIGURES),
]  # fmt: skip
NAMES = {"partners": "quality-by-partner-{year}", "months": "quality-by-month-{year}"}


def values(cell: Cell, config: SiteConfig) -> dict:
    f = cell.figures(config)
    return {
        "visitors": f["visitors"],
        "served": f["served"],
        "solved_share": f["solved_share"],
        "wait_p50_min": None if f["wait_p50_s"] is None else round(f["wait_p50_s"] / 60, 1),
        "service_level_share": f["service_level_share"],
        "service_level_target_share": config.service_level.share,
        "service_level_target_min": config.service_level.minutes,
        "feedback_answers": f["feedback_answers"],
        "satisfaction_share": f["satisfaction_share"],
    }


def write_open_data(
    published: Published, config: SiteConfig, folder: Path, made: datetime, site_name
) -> list[Path]:
    """The two CSV files and ``datapackage.json`` in ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    year = published.year
    partner_rows = [
        {"year": year, "site": c.site, "site_name": site_name(c.site), "partner": c.key,
         "services": " ".join(sorted(c.services)), **values(c, config)}
        for c in published.partners
    ]  # fmt: skip
    months = {(c.site, c.key): c for c in published.months}
    month_rows = []
    for site in published.sites():
        keys = sorted({k for s, k in months if s == site}
                      | {k for s, k in published.suppressed_months if s == site})  # fmt: skip
        for key in keys:
            cell = months.get((site, key))
            row = {"year": year, "site": site, "site_name": site_name(site), "month": key,
                   "suppressed": cell is None}  # fmt: skip
            if cell is not None:
                row.update({k: v for k, v in values(cell, config).items() if k in MONTH_FIGURES})
            if cell is None:  # the target is not a figure of the month: keep it
                row["service_level_target_share"] = config.service_level.share
                row["service_level_target_min"] = config.service_level.minutes
            month_rows.append(row)
    paths = [
        _write_csv(folder / f"{NAMES['partners'].format(year=year)}.csv", PARTNER_FIELDS,
                   partner_rows),
        _write_csv(folder / f"{NAMES['months'].format(year=year)}.csv", MONTH_FIELDS,
                   month_rows),
    ]  # fmt: skip
    package = {
        "name": f"kiosk-quality-{config.site.slug}-{year}",
        "title": f"{config.site.name}: service quality {year}",
        "description": (
            f"Yearly quality results of {config.site.name} (France Services), from its "
            "reception system's tickets: visitors, waits, service level against the house's "
            "target, requests solved on the spot and visitors' satisfaction, per site and "
            f"national partner and per site and month. No published figure rests on fewer "
            f"than {MIN_CELL} visitors: small partners are grouped as '{OTHER}', small months "
            "are suppressed together with enough others that no total reveals them, and "
            "every total is a sum of published rows. Days whose tickets were already deleted "
            "under the house's retention policy keep the figures kept for them then: before "
            "December 2026 those left out of the service level the visitors who left uncalled, "
            "and timed appointments from arrival."
        ),
        "created": made.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [LICENCE],
        "keywords": ["France Services", "Services Publics+", "service quality", "waiting time"],
        "resources": [
            _resource(paths[0], PARTNER_FIELDS, ["year", "site", "partner"],
                      "Per site and France Services partner, for the year."),
            _resource(paths[1], MONTH_FIELDS, ["year", "site", "month"],
                      "Per site and month."),
        ],  # fmt: skip
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*paths, path]


def _write_csv(path: Path, fields: list[tuple], rows: list[dict]) -> Path:
    names = [name for name, *_ in fields]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(name)) for name in names])
    return path


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _resource(path: Path, fields: list[tuple], key: list[str], description: str) -> dict:
    schema_fields = []
    for name, kind, title, text in fields:
        field: dict = {"name": name, "type": kind, "title": title,
                       "description": text.format(min=MIN_CELL)}  # fmt: skip
        if name == "visitors":
            field["constraints"] = {"minimum": MIN_CELL}
        elif kind == "number" and name.endswith("_share"):
            field["constraints"] = {"minimum": 0, "maximum": 1}
        elif kind == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        schema_fields.append(field)
    return {
        "name": path.stem,
        "path": path.name,
        "title": path.stem,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": {"fields": schema_fields, "primaryKey": key, "missingValues": [""]},
    }
