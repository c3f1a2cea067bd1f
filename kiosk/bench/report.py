"""Reading bench runs: the change of each figure against a saved run, and the README table.

A run is the JSON object ``kiosk bench`` prints (figures, ``machine``, ``method``,
``goals``). Every goal is a ceiling: a figure meets it when it is at most the goal.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.bench.machine import machine_line
from kiosk.errors import KioskError

NOT_FIGURES = {"machine", "quick", "method", "goals"}


def load_run(path: Path) -> dict:
    """A saved run, or a clear error naming the file."""
    try:
        run = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise KioskError(f"{path}: cannot read the saved run ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise KioskError(f"{path}: not a bench run (invalid JSON: {exc.msg})") from exc
    if not isinstance(run, dict):
        raise KioskError(f"{path}: not a bench run (expected a JSON object)")
    return run


def merge_runs(runs: list[dict]) -> dict:
    """Runs of different groups as one: figures, methods and goals together; the machine
    and ``quick`` of the first (the runs are meant to come from one machine)."""
    merged: dict = {"machine": runs[0].get("machine", {}), "quick": runs[0].get("quick")}
    method: dict = {}
    goals: dict = {}
    for run in runs:
        merged.update({k: v for k, v in run.items() if k not in NOT_FIGURES})
        method.update(run.get("method", {}))
        goals.update(run.get("goals", {}))
    merged["method"], merged["goals"] = method, goals
    loads = [r.get("machine", {}).get("load_1min_at_start") for r in runs]
    if any(load is not None for load in loads):  # the busiest start speaks for them all
        merged["machine"] = {
            **merged["machine"],
            "load_1min_at_start": max(load for load in loads if load is not None),
        }
    return merged


def figures_of(run: dict) -> dict[str, float]:
    """The numeric figures of a run (counts and sizes of the run itself included)."""
    return {
        key: value
        for key, value in run.items()
        if key not in NOT_FIGURES and isinstance(value, int | float) and not isinstance(value, bool)
    }


def compare(old: dict, new: dict) -> list[dict]:
    """Per figure of either run: old, new, the change in percent and the goal's verdict."""
    before, after = figures_of(old), figures_of(new)
    goals = {**old.get("goals", {}), **new.get("goals", {})}
    rows = []
    for key in [*after, *(k for k in before if k not in after)]:
        was, now = before.get(key), after.get(key)
        change = None
        if was is not None and now is not None and was != 0:
            change = round((now - was) / abs(was) * 100, 1)
        goal = goals.get(key)
        rows.append(
            {
                "figure": key,
                "old": was,
                "new": now,
                "change_pct": change,
                "goal": goal,
                "meets_goal": None if goal is None or now is None else now <= goal,
            }
        )
    return rows


def compare_text(old: dict, new: dict) -> str:
    """The comparison as aligned text, one figure a line."""
    rows = compare(old, new)
    width = max((len(r["figure"]) for r in rows), default=10)
    lines = [f"{'figure':<{width}}  {'old':>12}  {'new':>12}  {'change':>9}  goal"]
    for r in rows:
        change = "" if r["change_pct"] is None else f"{r['change_pct']:+.1f}%"
        goal = ""
        if r["goal"] is not None:
            goal = f"≤ {_number(r['goal'])} " + ("met" if r["meets_goal"] else "MISSED")
            if r["meets_goal"] is None:
                goal = f"≤ {_number(r['goal'])}"
        lines.append(
            f"{r['figure']:<{width}}  {_number(r['old']):>12}  {_number(r['new']):>12}"
            f"  {change:>9}  {goal}".rstrip()
        )
    return "\n".join(lines)


def markdown(run: dict) -> str:
    """The README's figures table: each figure with a goal, its value, and what it times."""
    goals = run.get("goals", {})
    method = run.get("method", {})
    figures = figures_of(run)
    lines = [
        f"Measured on {machine_line(run.get('machine', {}))}"
        + (" (`--quick`)." if run.get("quick") else "."),
        "",
        "| Figure | Value | Goal | What it times |",
        "|---|---:|---:|---|",
    ]
    for key, value in figures.items():
        if key not in goals and key not in method:
            continue
        goal = goals.get(key)
        verdict = "" if goal is None else (" ✅" if value <= goal else " ❌")
        goal_text = "" if goal is None else f"≤ {_number(goal)}"
        text = method.get(key, "").replace("|", "\\|")
        lines.append(f"| `{key}` | {_number(value)}{verdict} | {goal_text} | {text} |")
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"
