"""Rule kind `sum`: a parent equals the sum of its children.

Modes: `hierarchy` (kegiatan = its sub kegiatan, program = its kegiatan, matched by
kode; in a central-government table RO -> KRO -> kegiatan -> program), `total` (the
stated Jumlah = the rows of a level), `mapping` (a sasaran's budget = the programs mapped
to it under `sasaran[].program`, read from a `source` table), and `ratio`:

`ratio` (issue 15 item 6): a parent row that prints a percentage (`columns`) but not the
amounts it is made of (`numerator`, `denominator`: realisasi and anggaran) is checked
against the aggregate of its descendants, sum(numerator) / sum(denominator) x 100. The
amounts are taken from the nearest rows below that print both (a kegiatan printing
nothing is replaced by its sub kegiatan); a branch that prints neither amounts nor rows
below makes the check "cannot verify". When the stated percentage misses the aggregate
but lies in the range of the unweighted mean of those rows' own percentages, the
finding names that method error (message field `{hint}`). Fields: `{children}` (how
many rows were added up), `{child_level}` (their level).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from validator.bands import BandSet
from validator.diagnosis import relations as rel
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context
from validator.engine.items import INTERVAL_EXPECTATIONS, Items
from validator.expectations import Expect
from validator.findings import STATUS_UNVERIFIABLE
from validator.intervals import Interval, Rounding
from validator.model import LEVEL_LABELS_ID, Figure, Row, Table, table_parents
from validator.ruleset import Rule

Child = tuple[Table, Row, Figure]


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    if rule.params.get("mode") == "ratio":
        return _ratio_items(rule, ctx)
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
        table, row, column, stated, parts = entry
        # A ratio item (SUM005: a parent's % of its children's amounts) is not linear; its
        # finding stands alone in the diagnosis.
        if unreadable is None and not isinstance(parts, Aggregate):
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
    for row, kode in zip(table.rows, table_parents(table), strict=True):
        if row.level == child_level and kode:
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


# -- mode `ratio`: a parent printing only a percentage ---------------------------------------

Contributor = tuple[Row, Figure, Figure]
"""A row whose amounts make up a parent's aggregate: the row, its numerator, its denominator."""


class Aggregate:
    """What a ratio item keeps: the rows added up, and the mean its stated figure fits."""

    __slots__ = ("contributors", "mean")

    def __init__(self, contributors: list[Contributor], mean: Decimal | None) -> None:
        self.contributors = contributors
        self.mean = mean


METHOD_HINT = {
    "id": (" Nilai tertulis sama dengan rata-rata sederhana capaian anggaran {children} {level} di bawahnya "
           "({mean}): kesalahan metode; capaian anggaran induk adalah jumlah realisasi dibagi jumlah "
           "anggaran, bukan rata-rata persentase."),
    "en": (" The stated value is the unweighted mean of the capaian anggaran of its {children} {level} "
           "({mean}): a method error; a parent's capaian anggaran is the sum of realisasi over the sum "
           "of anggaran, not the mean of the percentages."),
}
NO_AMOUNTS = {
    "id": "{row} ({kode}) tidak mencantumkan {numerator} dan {denominator}, dan tidak punya rincian di tabel",
    "en": "{row} ({kode}) states no {numerator} and {denominator}, and no rows below it in the table",
}


def _ratio_items(rule: Rule, ctx: Context) -> Items:
    numerator, denominator = rule.params["numerator"], rule.params["denominator"]

    def range_of(entry: FigureEntry, rounding: Rounding) -> Interval:
        table, data = entry[0], entry[4]
        top = sum((ctx.interval(table, numerator, n, rounding) for _, n, _ in data.contributors),
                  Interval.point(Decimal(0)))
        bottom = sum((ctx.interval(table, denominator, d, rounding) for _, _, d in data.contributors),
                     Interval.point(Decimal(0)))
        return top / bottom * Interval.point(Decimal(100))

    def expected(entry: FigureEntry) -> Decimal:
        contributors = entry[4].contributors
        top = sum((n.value for _, n, _ in contributors if n.value is not None), Decimal(0))
        bottom = sum((d.value for _, _, d in contributors if d.value is not None), Decimal(0))
        return top / bottom * 100

    def fields(entry: FigureEntry) -> dict[str, Any]:
        table, column, stated, data = entry[0], entry[2], entry[3], entry[4]
        levels = {row.level for row, _, _ in data.contributors}
        level = LEVEL_LABELS_ID.get(levels.pop(), "") if len(levels) == 1 else ""
        count = str(len(data.contributors))
        hint = {"id": "", "en": ""}
        if data.mean is not None:
            decimals = ctx.decimals(table, column, stated)
            words = {"id": level or "baris", "en": level or "rows"}
            hint = {lang: METHOD_HINT[lang].format(children=count, level=words[lang],
                                                   mean=ctx.number(data.mean, decimals, lang, stated))
                    for lang in ("id", "en")}
        return {"children": count, "child_level": level, "hint": hint}

    built = IntervalItems(rule, ctx, range_of, expected, fields)
    for table in ctx.select(rule.params["tables"]):
        rows = table.rows
        children: dict[str, list[Row]] = {}
        for row, parent in zip(rows, table_parents(table), strict=True):
            if parent:
                children.setdefault(parent, []).append(row)
        for column in rule.params["columns"]:
            for row in rows:
                stated = row.figure(column)
                if (stated is None or stated.value is None or row.kode not in children
                        or (row.figure(numerator) is not None and row.figure(denominator) is not None)):
                    continue  # no percentage, no rows below, or its own amounts (FRM004 checks it)
                _ratio(built, rule, ctx, table, row, column, stated, children)
    return built.items()


def _ratio(built: IntervalItems, rule: Rule, ctx: Context, table: Table, parent: Row, column: str,
           stated: Figure, children: dict[str, list[Row]]) -> None:
    numerator, denominator = rule.params["numerator"], rule.params["denominator"]
    contributors: list[Contributor] = []
    pending = list(children[parent.kode])
    while pending:
        row = pending.pop(0)
        top, bottom = row.figure(numerator), row.figure(denominator)
        if top is not None and bottom is not None:
            bad = next((f for name, f in ((numerator, top), (denominator, bottom)) if f.error), None)
            if bad is not None:
                bad_column = numerator if bad is top else denominator
                finding = ctx.unreadable(rule, table, parent, column, row, bad_column, bad, stated)
                built.cannot_read(table, parent, column, stated, where(table, bad_column, bad), finding)
                return
            if top.value is None or bottom.value is None:
                return  # a grade without a score: nothing to add up
            contributors.append((row, top, bottom))
        elif row.kode in children:
            pending[0:0] = children[row.kode]  # its own rows below, in printed order
        else:
            reason = {lang: text.format(row=row.uraian or row.kode, kode=row.kode, numerator=numerator,
                                        denominator=denominator) for lang, text in NO_AMOUNTS.items()}
            finding = ctx.finding(rule, table, parent, column, figure=stated, status=STATUS_UNVERIFIABLE,
                                  reason=reason)
            built.cannot_read(table, parent, column, stated, f"{table.id} {row.kode} no amounts", finding)
            return
    built.figure(table, parent, column, stated, Aggregate(contributors, _mean(ctx, table, column, stated,
                                                                              contributors)))


def _mean(ctx: Context, table: Table, column: str, stated: Figure,
          contributors: list[Contributor]) -> Decimal | None:
    """The unweighted mean of the rows' own percentages, when the stated figure lies in its
    range (the method error a finding names), else None."""
    printed = [row.figure(column) for row, _, _ in contributors]
    figures = [f for f in printed if f is not None and f.value is not None]
    if len(figures) < 2 or len(figures) != len(contributors):
        return None
    total = sum((ctx.interval(table, column, f) for f in figures), Interval.point(Decimal(0)))
    mean = total / Interval.point(Decimal(len(figures)))
    if not ctx.interval(table, column, stated).overlaps(mean):
        return None
    return sum((f.value for f in figures if f.value is not None), Decimal(0)) / len(figures)
