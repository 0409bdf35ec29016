"""Pausing Python's cyclic garbage collector around work that builds many lasting objects.

Reading a report and checking it allocate tens of thousands of objects that all stay in
use and form almost no reference cycles (reference counting frees the rest). The cyclic
collector would run again and again, traversing them and the rest of the heap, to free
next to nothing: it took half of the YAML reader's time. Paused meanwhile, the collection
it owes runs at the next allocation after.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block; back on after it only if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
