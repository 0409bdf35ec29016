"""Item builders several rule kinds share: a stated figure against a range, an unreadable
input, a row or a key of a version cited as the finding's place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from validator.engine.context import Context
from validator.engine.items import Item, Lazy, Make, fixed, interval_values, unreadable_values
from validator.findings import STATUS_MISMATCH, Finding
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table
from validator.ruleset import Rule

RangeOf = Callable[[Rounding], Interval]
"""The range a figure should take, with the inputs read under a rounding convention."""


def where(table: Table, column: str, figure: Figure) -> str:
    """Which input cannot be read, as the `unreadable` value of an item."""
    return f"{table.id} {column} {figure.raw!r}"


def unreadable_item(table: Table, row: Row, column: str | None, stated: str | None, reason: str,
                    finding: Finding) -> Item:
    """An item that cannot be judged: it fails `readable` and its finding is made."""
    return Item(table.id, row.kode, column, stated, unreadable_values(reason), fixed(finding))


def interval_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str, stated: Figure,
                  range_of: RangeOf, expected: Decimal,
                  fields: Mapping[str, Any] | None = None) -> Item | None:
    """A stated figure against the range of what it should be (None when the range
    divides by zero: e.g. a capaian over a target of 0 is not defined).

    Under rounding to nearest, the truncated readings are computed only if asked for:
    an interpreter needs them only when the rounded reading disagrees.
    """
    rounding = ctx.settings.rounding
    try:
        stated_range, expected_range = ctx.interval(table, column, stated, rounding), range_of(rounding)
    except ZeroDivisionError:
        return None
    if rounding == "nearest":
        truncated: tuple[Lazy | Interval, Lazy | Interval] = (
            Lazy(partial(ctx.interval, table, column, stated, "truncate")),
            Lazy(partial(range_of, "truncate")))
    else:
        truncated = (stated_range, expected_range)
    values = interval_values(stated_range, expected_range, *truncated)
    return Item(table.id, row.kode, column, stated.raw, values, later(
        ctx, rule, table, row, column, figure=stated, expected=expected, expected_range=expected_range,
        fields=fields))


def exact_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str, stated: Figure,
               expected: Decimal, fields: Mapping[str, Any]) -> Item:
    """A stated figure that must equal a count: both are points (no truncation note)."""
    assert stated.value is not None
    mine, count = Interval.point(stated.value), Interval.point(expected)
    return Item(table.id, row.kode, column, stated.raw, interval_values(mine, count, mine, count),
                later(ctx, rule, table, row, column, figure=stated, expected=expected, fields=fields))


def row_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str | None, values: dict[str, Any],
             fields: Mapping[str, Any], figure: Figure | None = None, expected: str | None = None,
             stated: str | None = None, on_fail: str = STATUS_MISMATCH) -> Item:
    """An item about one row, cited at the figure (else at the row)."""
    location = None if figure is not None else row.location
    shown = stated if stated is not None else (figure.raw if figure is not None else None)
    return Item(table.id, row.kode, column, shown, values,
                later(ctx, rule, table, row, column, figure=figure, expected=expected, location=location,
                      fields=fields), on_fail)


def later(ctx: Context, rule: Rule, table: Table, row: Row, column: str | None, **kwargs: Any) -> Make:
    """The finding of an item, made only if it fails. A partial rather than a closure:
    most items hold, and each costs fewer objects to make and to collect."""
    return partial(_finding, ctx, rule, table, row, column, kwargs)


def _finding(ctx: Context, rule: Rule, table: Table, row: Row, column: str | None, kwargs: dict[str, Any],
             status: str) -> Finding:
    return ctx.finding(rule, table, row, column, status=status, **kwargs)
