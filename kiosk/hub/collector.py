"""The garbage collector of a serving hub process, set once it has started.

A hub (an observatory above all) parses and applies batches of hundreds of rows: each one
makes thousands of short-lived objects, which with CPython's default thresholds start a
young collection every 700 allocations, and now and then a full one that walks every
object the process holds (the app, its routes, SQLAlchemy's metadata, pydantic's
schemas: hundreds of thousands, none of them garbage). Measured on the observatory path,
that was about a seventh of a worker's CPU.

So, once the process is up: what exists then is moved out of the collector's sight
(:func:`gc.freeze`: it lives as long as the process) and young collections run every
``YOUNG`` allocations instead. Reference counting still frees almost everything at once;
the collector only looks for cycles, which a request rarely makes.
"""

from __future__ import annotations

import gc

#: Allocations between young collections (CPython's default: 700), and how many young and
#: middle collections come before the next older one.
YOUNG, MIDDLE, OLD = 20_000, 20, 100


def settle_collector() -> None:
    """Freeze what the started process holds and space out the collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)
