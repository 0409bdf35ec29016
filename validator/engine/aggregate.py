"""Rule kind `aggregate`: a summary statement equals an aggregate of a table.

`statement` is a figure of a `pernyataan` block (or of another derived table chosen by
`statement_table`); it is compared with `sum`, `mean`, `count` (rows where a condition
holds) or `value` (the one row where a condition holds) of `column` in the table the
statement is about:

- the table its block names (`tabel: <id>`), if that table is one the `tables` selector
  finds (otherwise the rule does not apply to the block);
- else the one table the selector finds; when several qualify and their aggregates
  differ, the statement cannot be verified ("several tables qualify, name the table");
  tables giving the same aggregate (an analysis table repeating the measurement
  table's capaian) are one answer;
- a block naming a sasaran (`sasaran: S1`) is compared with the rows of that sasaran
  (its own row and its indicators) only, and only tables holding such rows qualify.

With `statement_level` the statements are rows of that level in the tables themselves
(a `Rata-rata` row, level `rata_rata`): each is compared with its own table's rows (with
`S1.RATA_RATA`, the rows of sasaran S1 in that table).

With `with_statement` the rule applies only to blocks that also state that figure (the
block's `pembagi` is the divisor of its `rata_rata_capaian`). A `mean` whose block states
a `pembagi` is computed with that divisor, as the text did; whether the divisor is the
number of values is the business of a `count` rule on `pembagi`.

A block's figures listed in `consequences` (a `nilai_efisiensi` computed from the
average) are named in the finding as built on it (`{consequence}`).

Message fields: `{source}` (the table's label), `{count}` (the number of rows),
`{consequence}`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from validator.bands import BandSet
from validator.build import AVERAGE_LEVEL, average_of
from validator.diagnosis import relations as rel
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context
from validator.engine.formula import point_values
from validator.engine.items import INTERVAL_EXPECTATIONS, Items
from validator.expectations import Expect
from validator.expr import Expression, evaluate_bool, parse
from validator.findings import STATUS_UNVERIFIABLE
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table, Text
from validator.ruleset import Rule

AMBIGUOUS_REASON = {
    "id": "beberapa tabel memenuhi ({candidates}) dan hasilnya berbeda; sebutkan tabelnya (tabel: <id>)",
    "en": "several tables qualify ({candidates}) and they differ; name the table (tabel: <id>)",
}


class Aggregated(NamedTuple):
    """What an item keeps: the table aggregated, its figures, the rows counted, the
    divisor the text states (if any)."""

    source: Table
    figures: list[Figure]
    counted: int
    divisor: Decimal | None
    rows: tuple[Row, ...] = ()
    """The rows of `figures`, in their order."""


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    sources = ctx.select(rule.params["tables"])
    built = _built(rule, ctx)
    if not sources:
        return built.items()
    column = ctx.column_name(rule.params["column"])
    condition = parse(rule.params["where"]) if "where" in rule.params else None
    statement_column = rule.params["statement"]
    level = rule.params.get("statement_level")
    if level is not None:
        for source in sources:
            for row in source.rows:
                stated = row.figure(statement_column)
                if row.level != level or stated is None or stated.value is None:
                    continue
                part = average_of(row.kode) if level == AVERAGE_LEVEL else None
                members = _members(ctx, part) if part else None
                rows = _rows(rule, ctx, source, condition, members)
                _judge(built, rule, ctx, source, row, statement_column, stated, source, rows, column, members)
        return built.items()
    also = rule.params.get("with_statement")
    for table in ctx.select(rule.params.get("statement_table", {"jenis": "pernyataan"})):
        for row in table.rows:
            stated = row.figure(statement_column)
            if stated is None or stated.value is None or (also and row.figure(also) is None):
                continue
            named = _text(row, "tabel")
            sasaran = _text(row, "sasaran")
            members = _members(ctx, sasaran) if sasaran else None
            candidates = [s for s in sources if named is None or s.id == named]
            chosen = [(s, _rows(rule, ctx, s, condition, members)) for s in candidates]
            if members is not None:
                chosen = [(s, rows) for s, rows in chosen if _all_rows(rule, s, members)]
            if not chosen:
                continue
            if len({_answer(rule, rows, column) for _, rows in chosen}) > 1:
                _ambiguous(built, rule, ctx, table, row, statement_column, stated, [s for s, _ in chosen])
                continue
            source, rows = chosen[0]
            _judge(built, rule, ctx, table, row, statement_column, stated, source, rows, column, members)
    return built.items()


def _text(row: Row, key: str) -> str | None:
    cell = row.cells.get(key)
    return cell.value.strip() if isinstance(cell, Text) else None


def _members(ctx: Context, sasaran: str) -> frozenset[str]:
    """The kodes of a sasaran: its own and its indicators'."""
    target = ctx.targets.get(sasaran)
    indicators = {i.kode for i in target.indikator} if target else set()
    return frozenset({sasaran, *indicators})


def _answer(rule: Rule, rows: list[Row], column: str) -> tuple[Any, ...]:
    """What a table gives, to tell whether several qualifying tables disagree."""
    if rule.params["aggregate"] == "count":
        return (len(rows),)
    values = [f.value for r in rows if (f := r.figure(column)) is not None and f.value is not None]
    listed = tuple(values) if rule.params["aggregate"] == "value" else ()
    return (len(values), sum(values, Decimal(0)), listed)


def _built(rule: Rule, ctx: Context) -> IntervalItems:
    """The items of one rule, each keeping the figures it aggregates (a count: none)."""
    aggregate = rule.params["aggregate"]

    def fields(entry: FigureEntry) -> Mapping[str, Any]:
        data: Aggregated = entry[4]
        return {"source": data.source.label, "count": str(data.counted),
                "consequence": _consequence(rule, entry[1])}

    if aggregate == "count":
        def counted(entry: FigureEntry, _rounding: Rounding) -> Interval:
            return Interval.point(Decimal(entry[4].counted))

        return IntervalItems(rule, ctx, counted, lambda entry: Decimal(entry[4].counted), fields, exact=True)
    column = ctx.column_name(rule.params["column"])

    def range_of(entry: FigureEntry, rounding: Rounding) -> Interval:
        data: Aggregated = entry[4]
        total = Interval.point(Decimal(0))
        for figure in data.figures:
            total = total + ctx.interval(data.source, column, figure, rounding)
        if aggregate == "mean":
            return total / Interval.point(data.divisor or Decimal(len(data.figures)))
        return total

    def expected(entry: FigureEntry) -> Decimal:
        data: Aggregated = entry[4]
        exact = sum((f.value for f in data.figures if f.value is not None), Decimal(0))
        return exact / (data.divisor or len(data.figures)) if aggregate == "mean" else exact

    return IntervalItems(rule, ctx, range_of, expected, fields)


def _consequence(rule: Rule, row: Row) -> dict[str, str]:
    """The figures of the block built on the average a finding is about (`consequences`)."""
    built_on = [f"{name} {figure.raw}" for name in rule.params.get("consequences", [])
                if (figure := row.figure(name)) is not None]
    if not built_on:
        return {"id": "", "en": ""}
    listed = ", ".join(built_on)
    return {"id": f" Nilai yang dihitung dari rata-rata itu ikut keliru: {listed}.",
            "en": f" Figures computed from that average are wrong too: {listed}."}


def _rows(rule: Rule, ctx: Context, source: Table, where: Expression | None,
          members: frozenset[str] | None = None) -> list[Row]:
    year = Decimal(ctx.report.identitas.tahun)
    selected = []
    for row in _all_rows(rule, source, members):
        if where is not None:
            env = {**point_values(row), "tahun_laporan": year}
            if not evaluate_bool(where, env):
                continue
        selected.append(row)
    return selected


def _all_rows(rule: Rule, source: Table, members: frozenset[str] | None = None) -> list[Row]:
    levels = rule.params.get("levels")
    return [r for r in source.rows
            if (not levels or r.level in levels) and r.level != AVERAGE_LEVEL
            and (members is None or r.kode in members)]


def _ambiguous(built: IntervalItems, rule: Rule, ctx: Context, table: Table, row: Row, column: str,
               stated: Figure, candidates: list[Table]) -> None:
    names = ", ".join(t.id for t in candidates)
    reason = {lang: text.format(candidates=names) for lang, text in AMBIGUOUS_REASON.items()}
    finding = ctx.finding(rule, table, row, column, figure=stated, status=STATUS_UNVERIFIABLE,
                          reason=reason, suggestion=f"tabel: {candidates[0].id}")
    built.cannot_read(table, row, column, stated, f"ambiguous {names}", finding)


def _divisor(row: Row) -> Decimal | None:
    figure = row.figure("pembagi")
    return figure.value if figure is not None and figure.value else None


def _judge(built: IntervalItems, rule: Rule, ctx: Context, table: Table, row: Row, column: str,
           stated: Figure, source: Table, rows: list[Row], source_column: str,
           members: frozenset[str] | None = None) -> None:
    aggregate = rule.params["aggregate"]
    for item in _all_rows(rule, source, members):
        figure = item.figure(source_column)
        if figure is not None and figure.error:
            # An unreadable figure may or may not meet the condition: no count is certain.
            finding = ctx.unreadable(rule, table, row, column, item, source_column, figure, stated)
            built.cannot_read(table, row, column, stated, where(source, source_column, figure), finding)
            return
    if aggregate == "count":
        built.figure(table, row, column, stated, Aggregated(source, [], len(rows), None))
        return
    figures: list[Figure] = []
    kept: list[Row] = []
    for item in rows:
        figure = item.figure(source_column)
        if figure is None:
            continue
        if figure.value is not None:
            figures.append(figure)
            kept.append(item)
    if not figures or (aggregate == "value" and len(figures) != 1):
        return
    divisor = _divisor(row) if aggregate == "mean" and table.kind == "pernyataan" else None
    built.figure(table, row, column, stated, Aggregated(source, figures, len(rows), divisor, tuple(kept)))


def relations(rule: Rule, ctx: Context) -> Iterator[rel.Relation]:
    """Each readable item as a relation: a sum, a mean or the one value of the table's
    figures (a count is left out: which figures it counts is a condition, not a sum)."""
    aggregate = rule.params["aggregate"]
    if aggregate == "count":
        return
    column = ctx.column_name(rule.params["column"])
    built = items(rule, ctx)
    for entry, unreadable in zip(built.entries, built.column("unreadable"), strict=True):
        if unreadable is not None:
            continue
        table, row, statement, stated, data = entry
        weight = Decimal(1)
        if aggregate == "mean":
            weight = Decimal(1) / (data.divisor or Decimal(len(data.figures)))
        # The one value of a table quoted in the text is a copy, not computed from it.
        yield rel.linear(rule.code, ctx, (table, row, statement, stated),
                         [(data.source, r, column, f) for r, f in zip(data.rows, data.figures, strict=True)],
                         [weight] * len(data.figures), derived=aggregate != "value")
