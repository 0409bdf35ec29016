"""Rule kind `aggregate`: a summary statement equals an aggregate of a table.

`statement` is a figure of a `pernyataan` block (or of another derived table chosen by
`statement_table`); it is compared with `sum`, `mean`, `count` (rows where a condition
holds) or `value` (the one row where a condition holds) of `column` in the first table
the `tables` selector finds.
"""

from __future__ import annotations

from decimal import Decimal

from validator.bands import BandSet
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context
from validator.engine.formula import point_values
from validator.engine.items import INTERVAL_EXPECTATIONS, Items
from validator.expectations import Expect
from validator.expr import Expression, evaluate_bool, parse
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table
from validator.ruleset import Rule


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    sources = ctx.select(rule.params["tables"])
    if not sources:
        return Items.of(())
    source = sources[0]
    column = ctx.column_name(rule.params["column"])
    where = parse(rule.params["where"]) if "where" in rule.params else None
    rows = _rows(rule, ctx, source, where)
    built = _built(rule, ctx, source, column, rows)
    statement_column = rule.params["statement"]
    for table in ctx.select(rule.params.get("statement_table", {"jenis": "pernyataan"})):
        for row in table.rows:
            stated = row.figure(statement_column)
            if stated is None or stated.value is None:
                continue
            _judge(built, rule, ctx, table, row, statement_column, stated, source, rows, column)
    return built.items()


def _built(rule: Rule, ctx: Context, source: Table, column: str, rows: list[Row]) -> IntervalItems:
    """The items of one rule, each keeping the figures it aggregates (a count: none)."""
    aggregate = rule.params["aggregate"]
    fields = {"source": source.label, "count": str(len(rows))}
    if aggregate == "count":
        count = Interval.point(Decimal(len(rows)))
        return IntervalItems(rule, ctx, lambda _entry, _rounding: count, lambda _entry: count.low,
                             lambda _entry: fields, exact=True)

    def range_of(entry: FigureEntry, rounding: Rounding) -> Interval:
        figures: list[Figure] = entry[4]
        total = Interval.point(Decimal(0))
        for figure in figures:
            total = total + ctx.interval(source, column, figure, rounding)
        if aggregate == "mean":
            return total / Interval.point(Decimal(len(figures)))
        return total

    def expected(entry: FigureEntry) -> Decimal:
        figures: list[Figure] = entry[4]
        exact = sum((f.value for f in figures if f.value is not None), Decimal(0))
        return exact / len(figures) if aggregate == "mean" else exact

    return IntervalItems(rule, ctx, range_of, expected, lambda _entry: fields)


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


def _judge(built: IntervalItems, rule: Rule, ctx: Context, table: Table, row: Row, column: str,
           stated: Figure, source: Table, rows: list[Row], source_column: str) -> None:
    aggregate = rule.params["aggregate"]
    for item in _all_rows(rule, source):
        figure = item.figure(source_column)
        if figure is not None and figure.error:
            # An unreadable figure may or may not meet the condition: no count is certain.
            finding = ctx.unreadable(rule, table, row, column, item, source_column, figure, stated)
            built.cannot_read(table, row, column, stated, where(source, source_column, figure), finding)
            return
    if aggregate == "count":
        built.figure(table, row, column, stated, None)
        return
    figures: list[Figure] = []
    for item in rows:
        figure = item.figure(source_column)
        if figure is None:
            continue
        if figure.value is not None:
            figures.append(figure)
    if not figures or (aggregate == "value" and len(figures) != 1):
        return
    built.figure(table, row, column, stated, figures)
