"""The machine a bench ran on, named by what shapes its figures (never by paths or hosts).

Cores, CPU model, memory and the load when the run began: a run on a shared, busy machine
says so, and two runs are compared knowing whether they ran on the same kind of machine.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe_machine() -> dict:
    return {
        "cpus": os.cpu_count() or 1,
        "cpu_model": cpu_model(),
        "memory_gb": memory_gb(),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "load_1min_at_start": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def machine_line(machine: dict) -> str:
    """One line for a README: "2 cores, AMD EPYC, 23.5 GB memory, Linux x86_64, ..."."""
    cores = machine.get("cpus")
    parts = [f"{cores} core{'s' if cores != 1 else ''}", machine.get("cpu_model", "unknown CPU")]
    if machine.get("memory_gb"):
        parts.append(f"{machine['memory_gb']} GB memory")
    if machine.get("system"):
        parts.append(machine["system"])
    if machine.get("load_1min_at_start") is not None:
        parts.append(f"1-minute load average up to {machine['load_1min_at_start']} at start")
    return ", ".join(parts)
