"""One verdict for every kind: does a stated figure agree with what it should be?"""

from __future__ import annotations

from collections.abc import Callable

from validator.engine.context import Context
from validator.findings import STATUS_MISMATCH, STATUS_TRUNCATION
from validator.intervals import Interval, Rounding
from validator.model import Figure, Table

RangeOf = Callable[[Rounding], Interval]
"""The range a stated figure may take, with the inputs read under a rounding convention."""


def verdict(ctx: Context, table: Table, column: str, stated: Figure, range_of: RangeOf) -> str | None:
    """None when consistent; else STATUS_TRUNCATION or STATUS_MISMATCH.

    Consistent means the stated figure's interval overlaps the range of its formula
    (XBRL Calculations 1.1). A figure that agrees only when every figure is read as
    truncated, in a report judged as rounding to nearest, is a truncation note.
    """
    rounding = ctx.settings.rounding
    if ctx.interval(table, column, stated, rounding).overlaps(range_of(rounding)):
        return None
    if rounding == "nearest":
        truncated = ctx.interval(table, column, stated, "truncate")
        if truncated.overlaps(range_of("truncate")) or truncated.overlaps(range_of("nearest")):
            return STATUS_TRUNCATION
    return STATUS_MISMATCH
