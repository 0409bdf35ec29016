"""Rule kind `aggregate`: a summary statement equals an aggregate of a table.

`statement` is a figure of a `pernyataan` block (or of another derived table chosen by
`statement_table`); it is compared with `sum`, `mean`, `count` (rows where a condition
holds) or `value` (the one row where a condition holds) of `column` in the first table
the `tables` selector finds.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.bands import BandSet
from validator.engine.common import exact_item, interval_item, unreadable_item, where
from validator.engine.context import Context
from validator.engine.formula import point_values
from validator.engine.items import INTERVAL_EXPECTATIONS, Item, Items
from validator.expectations import Expect
from validator.expr import Expression, evaluate_bool, parse
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table
from validator.ruleset import Rule


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    return Items.of(_items(rule, ctx))


def _items(rule: Rule, ctx: Context) -> Iterator[Item]:
    sources = ctx.select(rule.params["tables"])
    if not sources:
        return
    source = sources[0]
    column = ctx.column_name(rule.params["column"])
    where = parse(rule.params["where"]) if "where" in rule.params else None
    rows = _rows(rule, ctx, source, where)
    statement_column = rule.params["statement"]
    for table in ctx.select(rule.params.get("statement_table", {"jenis": "pernyataan"})):
        for row in table.rows:
            stated = row.figure(statement_column)
            if stated is None or stated.value is None:
                continue
            yield from _judge(rule, ctx, table, row, statement_column, stated, source, rows, column)


def _rows(rule: Rule, ctx: Context, source: Table, where: Expression | None) -> list[Row]:
    levels = rule.params.get("levels")
    year = Decimal(ctx.report.identitas.tahun)
    selected = []
    for row in source.rows:
        if levels and row.level not in levels:
            continue
        if where is not None:
            env = {**point_values(row), "tahun_laporan": year}
            if not evaluate_bool(where, env):
                continue
        selected.append(row)
    return selected


def _all_rows(rule: Rule, source: Table) -> list[Row]:
    levels = rule.params.get("levels")
    return [r for r in source.rows if not levels or r.level in levels]


def _judge(rule: Rule, ctx: Context, table: Table, row: Row, column: str, stated: Figure,
           source: Table, rows: list[Row], source_column: str) -> Iterator[Item]:
    aggregate = rule.params["aggregate"]
    fields = {"source": source.label, "count": str(len(rows))}
    for item in _all_rows(rule, source):
        figure = item.figure(source_column)
        if figure is not None and figure.error:
            # An unreadable figure may or may not meet the condition: no count is certain.
            finding = ctx.unreadable(rule, table, row, column, item, source_column, figure, stated)
            reason = where(source, source_column, figure)
            yield unreadable_item(table, row, column, stated.raw, reason, finding)
            return
    if aggregate == "count":
        yield exact_item(rule, ctx, table, row, column, stated, Decimal(len(rows)), fields)
        return
    figures: list[tuple[Row, Figure]] = []
    for item in rows:
        figure = item.figure(source_column)
        if figure is None:
            continue
        if figure.value is not None:
            figures.append((item, figure))
    if not figures or (aggregate == "value" and len(figures) != 1):
        return

    def range_of(rounding: Rounding) -> Interval:
        total = Interval.point(Decimal(0))
        for _, figure in figures:
            total = total + ctx.interval(source, source_column, figure, rounding)
        if aggregate == "mean":
            return total / Interval.point(Decimal(len(figures)))
        return total

    exact = sum((f.value for _, f in figures if f.value is not None), Decimal(0))
    if aggregate == "mean":
        exact /= len(figures)
    found = interval_item(rule, ctx, table, row, column, stated, range_of, exact, fields)
    if found is not None:
        yield found
