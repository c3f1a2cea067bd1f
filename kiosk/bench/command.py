"""The body of ``kiosk bench``: run the groups (or read a saved run), then print.

Running, stdout gets the one JSON object of the run (so ``kiosk bench > run.json`` keeps
it) and the comparison (``--compare OLD``) or the README table (``--markdown``) goes to
stderr. With ``--run FILE`` nothing is measured: the saved run is compared or tabled on
stdout; several ``--run`` (groups run one at a time) are read as one run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.bench.report import compare_text, load_run, markdown, merge_runs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="smaller histories, fewer runs")
    parser.add_argument("--only", action="append", help="run only this group (repeatable)")
    parser.add_argument(
        "--compare", metavar="OLD", type=Path, help="print each figure's change against a saved run"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the README's figures table of the run"
    )
    parser.add_argument(
        "--run", metavar="FILE", type=Path, action="append",
        help="use this saved run instead of measuring (repeatable: runs of several groups)",
    )


def run(args: argparse.Namespace) -> int:
    old = load_run(args.compare) if args.compare else None
    if args.run:
        new = merge_runs([load_run(path) for path in args.run])
        out = sys.stdout
    else:
        from kiosk.bench.run import run_bench

        new = run_bench(quick=args.quick, only=args.only)
        print(json.dumps(new, indent=2), flush=True)
        out = sys.stderr
    if old is not None:
        print(compare_text(old, new), file=out)
    if args.markdown:
        print(markdown(new), file=out, end="")
    return 0
