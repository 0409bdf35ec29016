"""Rule kind `sum`: a parent equals the sum of its children.

Modes: `hierarchy` (kegiatan = its sub kegiatan, program = its kegiatan, matched by
kode), `total` (the stated Jumlah = the rows of a level), `mapping` (a sasaran's budget
= the programs mapped to it under `sasaran[].program`, read from a `source` table).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from validator.bands import BandSet
from validator.diagnosis import relations as rel
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context
from validator.engine.items import INTERVAL_EXPECTATIONS, Items
from validator.expectations import Expect
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table, parent_kode
from validator.ruleset import Rule

Child = tuple[Table, Row, Figure]


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    built = IntervalItems(rule, ctx, lambda entry, rounding: _range(ctx, entry[4], rounding), _expected,
                          lambda entry: {"children": str(len(entry[4][2]))})
    mode = rule.params.get("mode", "hierarchy")
    for table in ctx.select(rule.params["tables"]):
        for column in rule.params["columns"]:
            for parent, children, child_column, source in _groups(rule, ctx, table, column, mode):
                _compare(built, rule, ctx, table, parent, column, children, child_column, source)
    return built.items()


class Parts(NamedTuple):
    """What a sum item keeps: the children's table, their column, figures and rows."""

    source: Table
    column: str
    figures: list[Figure]
    rows: Sequence[Row]


def relations(rule: Rule, ctx: Context) -> Iterator[rel.Relation]:
    """Each readable item as a relation: the parent = the sum of its children."""
    built = items(rule, ctx)
    for entry, unreadable in zip(built.entries, built.column("unreadable"), strict=True):
        if unreadable is None:
            table, row, column, stated, parts = entry
            yield rel.linear(rule.code, ctx, (table, row, column, stated),
                             [(parts.source, r, parts.column, f) for r, f in
                              zip(parts.rows, parts.figures, strict=True)])


def _range(ctx: Context, parts: Parts, rounding: Rounding) -> Interval:
    source, child_column, figures, _ = parts
    total = Interval.point(Decimal(0))
    for figure in figures:
        total = total + ctx.interval(source, child_column, figure, rounding)
    return total


def _expected(entry: FigureEntry) -> Decimal:
    return sum((f.value for f in entry[4][2] if f.value is not None), Decimal(0))


def _groups(rule: Rule, ctx: Context, table: Table, column: str,
            mode: str) -> Iterator[tuple[Row, list[Row], str, Table]]:
    if mode == "total":
        level = rule.params.get("children", "program")
        children = [r for r in table.rows if r.level == level]
        if table.total is not None and children:
            yield table.total, children, column, table
        return
    if mode == "mapping":
        yield from _mapped(rule, ctx, table, column)
        return
    parent_level, child_level = rule.params["parent"], rule.params["children"]
    by_parent: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.level == child_level and (kode := parent_kode(row.kode)):
            by_parent.setdefault(kode, []).append(row)
    for row in table.rows:
        if row.level == parent_level and row.kode in by_parent:
            yield row, by_parent[row.kode], column, table


def _mapped(rule: Rule, ctx: Context, table: Table,
            column: str) -> Iterator[tuple[Row, list[Row], str, Table]]:
    sources = [t for t in ctx.select(rule.params.get("source", {})) if t is not table]
    if not sources:
        return
    source = sources[0]
    child_column = dict(rule.params.get("column_map", {})).get(column, column)
    programs = source.by_kode()
    level = rule.params.get("parent", "sasaran")
    for row in table.rows:
        target = ctx.targets.get(row.kode)
        if row.level != level or target is None or not target.program:
            continue
        # A mapped program missing from the source yields a placeholder row, so the
        # comparison says "cannot verify" instead of skipping the sasaran silently.
        children = [programs.get(kode) or _missing(kode, child_column) for kode in target.program]
        yield row, children, child_column, source


def _missing(kode: str, column: str) -> Row:
    absent = Figure("(tidak ada / absent)", None, error="program not in the source table")
    return Row(kode, "program", kode, {column: absent})


def _compare(built: IntervalItems, rule: Rule, ctx: Context, table: Table, parent: Row, column: str,
             children: Sequence[Row], child_column: str, source: Table) -> None:
    stated = parent.figure(column)
    if stated is None:
        return
    figures: list[Figure] = []
    for child in children:
        figure = child.figure(child_column)
        if figure is None:
            return  # the column is not stated for every child: nothing to add up
        figures.append(figure)
    if stated.error or any(f.error for f in figures):
        parts = [(source, child, figure) for child, figure in zip(children, figures, strict=True)]
        _cannot_read(built, rule, ctx, table, parent, column, stated, parts, child_column)
        return
    if stated.value is None or any(f.value is None for f in figures):
        return  # a grade without a score: nothing to add up
    built.figure(table, parent, column, stated, Parts(source, child_column, figures, children))


def _cannot_read(built: IntervalItems, rule: Rule, ctx: Context, table: Table, parent: Row, column: str,
                 stated: Figure, parts: list[Child], child_column: str) -> None:
    unreadable = [(t, r, f) for t, r, f in parts if f.error] + (
        [(table, parent, stated)] if stated.error else []
    )
    bad_table, bad_row, bad = unreadable[0]
    hint = _implied(ctx, parent, stated, parts, unreadable)
    bad_column = column if bad is stated else child_column
    finding = ctx.unreadable(rule, table, parent, column, bad_row, bad_column, bad,
                             stated if stated.value is not None else None, suggestion=hint)
    built.cannot_read(table, parent, column, stated, where(bad_table, bad_column, bad), finding)


def _implied(ctx: Context, parent: Row, stated: Figure, parts: list[Child],
             unreadable: list[Child]) -> str | None:
    """The one value that would make the sum hold, when exactly one figure is unreadable."""
    if len(unreadable) != 1:
        return None
    _, row, bad = unreadable[0]
    known = [f.value for _, _, f in parts if f.value is not None]
    if bad is stated:
        value = sum(known, Decimal(0))
    elif stated.value is not None and len(known) == len(parts) - 1:
        value = stated.value - sum(known, Decimal(0))
    else:
        return None
    return f"{row.kode}: {ctx.number(value, 0, 'id')}"
