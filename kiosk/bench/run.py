"""``kiosk bench``: every figure the issues ask for, as one JSON object of medians.

Figures are medians over several runs; compare runs by ratios within one run, not across
machines. ``--quick`` uses smaller histories and fewer requests, to finish sooner.

Each group is a function ``(quick) -> {figure: value}`` in its own ``kiosk/bench/*_figures``
module; that module may declare ``METHOD`` (per figure, the interval it times, from the
person's action to what they see) and ``GOALS`` (per figure, the most it may be). The JSON
carries both, for the figures of the groups that ran, under ``"method"`` and ``"goals"``.
A group is registered with one line below.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from kiosk.bench import (
    dashboard_figures,
    display_figures,
    hub_figures,
    kiosk_figures,
    observatory_figures,
    phone_figures,
    soak_figures,
    stream_figures,
    sync_figures,
)
from kiosk.bench.machine import describe_machine
from kiosk.errors import KioskError

#: name -> group; one line per group, in the order of a full run.
GROUPS: dict[str, Callable[[bool], dict]] = {}
GROUPS["hub"] = hub_figures.hub_group
GROUPS["dashboard"] = dashboard_figures.dashboard_group
GROUPS["kiosk"] = kiosk_figures.kiosk_group
GROUPS["sync"] = sync_figures.sync_group
GROUPS["display"] = display_figures.display_group
GROUPS["soak"] = soak_figures.soak_group
GROUPS["phone"] = phone_figures.phone_group
GROUPS["streams"] = stream_figures.stream_group
GROUPS["observatory"] = observatory_figures.observatory_group


def declared(group: Callable) -> tuple[dict[str, str], dict[str, float]]:
    """The ``METHOD`` and ``GOALS`` of the module that defines ``group``."""
    module = sys.modules[group.__module__]
    return dict(getattr(module, "METHOD", {})), dict(getattr(module, "GOALS", {}))


def run_bench(quick: bool = False, only: list[str] | None = None) -> dict:
    unknown = sorted(set(only or ()) - set(GROUPS))
    if unknown:
        raise KioskError(f"unknown bench group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")
    result: dict = {"machine": describe_machine(), "quick": quick}
    method: dict[str, str] = {}
    goals: dict[str, float] = {}
    for name, group in GROUPS.items():
        if only and name not in only:
            continue
        figures = group(quick)
        result.update(figures)
        group_method, group_goals = declared(group)
        method.update({k: v for k, v in group_method.items() if k in figures})
        goals.update({k: v for k, v in group_goals.items() if k in figures})
    result["method"] = method
    result["goals"] = goals
    return result
