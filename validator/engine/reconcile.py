"""Rule kind `reconcile`: the same item agrees across two tables, matched by kode.

`left` names the tables whose figures are checked, `right` the tables they must agree
with; `columns` maps a left column to a right column. With `match: indikator` a sasaran
row is matched through its single indicator (Tabel 3.8 rows against measurement rows).
When left and right select the same tables, each pair is compared once and the finding
cites the later table.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.bands import BandSet
from validator.build import AVERAGE_LEVEL
from validator.diagnosis import relations as rel
from validator.engine.common import FigureEntry, FigureItems, where
from validator.engine.context import Context
from validator.engine.items import READABLE, Items
from validator.expectations import Expect
from validator.findings import Finding
from validator.intervals import Interval
from validator.model import Figure, Row, Table
from validator.ruleset import Rule


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return [READABLE, Expect("overlap", "overlap", {"a": "stated_range", "b": "other_range"}),
            Expect("grade", "equal", {"a": "grade", "b": "other_grade"})]


def items(rule: Rule, ctx: Context) -> Items:
    built = FigureItems("stated_range", "other_range", "grade", "other_grade")
    for left, right, row, left_column, other, right_column in _compared(rule, ctx):
        _compare(built, rule, ctx, left, row, left_column, right, other, right_column)

    def make(entry: FigureEntry, status: str) -> Finding:
        left, row, left_column, mine, (right, other, theirs, _) = entry
        fields = {"other_table": right.label, "other_stated": theirs.raw,
                  "other_row": other.uraian or other.kode}
        expected = theirs.value if theirs.value is not None else theirs.raw
        return ctx.finding(rule, left, row, left_column, status=status, figure=mine, expected=expected,
                           fields=fields, exact=True)

    return built.items(make, {"other_table": lambda entry: entry[4][0].id,
                              "other_stated": lambda entry: entry[4][2].raw})


def relations(rule: Rule, ctx: Context) -> Iterator[rel.Relation]:
    """Each pair of readable numbers as a relation: the left figure = the right one (an
    equality of two stated figures: neither is derived from the other)."""
    built = items(rule, ctx)
    for entry, unreadable in zip(built.entries, built.column("unreadable"), strict=True):
        left, row, left_column, mine, data = entry
        if unreadable is not None or mine.value is None or data[2].value is None:
            continue
        right, other, theirs, right_column = data
        yield rel.linear(rule.code, ctx, (left, row, left_column, mine),
                         [(right, other, right_column, theirs)], derived=False)


def _compared(rule: Rule, ctx: Context) -> Iterator[tuple[Table, Table, Row, str, Row, str]]:
    """Each row of a left table, a column of it, and the row and column it must agree with."""
    columns = [(ctx.column_name(mine), ctx.column_name(theirs))
               for mine, theirs in rule.params["columns"].items()]
    for left, right in _pairs(rule, ctx):
        right_rows = _keyed(rule, ctx, right)
        for row in left.rows:
            if rule.params.get("levels") and row.level not in rule.params["levels"]:
                continue
            if row.level == AVERAGE_LEVEL:
                continue  # a Rata-rata row is about its own table's rows (AGG012)
            other = right_rows.get(_key(rule, ctx, row))
            if other is None:
                continue
            for left_column, right_column in columns:
                yield left, right, row, left_column, other, right_column


def _pairs(rule: Rule, ctx: Context) -> Iterator[tuple[Table, Table]]:
    lefts, rights = ctx.select(rule.params["left"]), ctx.select(rule.params["right"])
    order = {id(t): i for i, t in enumerate(ctx.tables)}
    seen: set[frozenset[int]] = set()
    for left in lefts:
        for right in rights:
            if left is right:
                continue
            if rule.params.get("pairs") == "same_version" and (
                left.version is None or left.version != right.version
            ):
                continue
            pair = frozenset((id(left), id(right)))
            symmetric = left in rights and right in lefts
            if symmetric:
                if pair in seen:
                    continue
                seen.add(pair)
                if order[id(left)] < order[id(right)]:
                    left, right = right, left
            yield left, right


def _key(rule: Rule, ctx: Context, row: Row) -> str:
    if rule.params.get("match") != "indikator" or row.kode in ctx.indicators:
        return row.kode
    target = ctx.targets.get(row.kode)
    if target is not None and len(target.indikator) == 1:
        return target.indikator[0].kode
    return row.kode


def _keyed(rule: Rule, ctx: Context, table: Table) -> dict[str, Row]:
    keyed: dict[str, Row] = {}
    for row in table.rows:
        keyed.setdefault(_key(rule, ctx, row), row)
    return keyed


def _compare(built: FigureItems, rule: Rule, ctx: Context, left: Table, row: Row, left_column: str,
             right: Table, other: Row, right_column: str) -> None:
    mine, theirs = row.figure(left_column), other.figure(right_column)
    if mine is None or theirs is None:
        return
    if mine.error or theirs.error:
        bad_table, bad_row, bad_column, bad = (left, row, left_column, mine) if mine.error \
            else (right, other, right_column, theirs)
        finding = ctx.unreadable(rule, left, row, left_column, bad_row, bad_column, bad,
                                 mine if not mine.error else None)
        built.cannot_read(left, row, left_column, mine, where(bad_table, bad_column, bad), finding)
        return
    entry = (left, row, left_column, mine, (right, other, theirs, right_column))
    if ctx.listing:  # the diagnosis reads only which figures are compared
        built.add(entry, None, None, None, None)
        return
    built.add(entry, _range(ctx, left, left_column, mine), _range(ctx, right, right_column, theirs),
              mine.grade or None, theirs.grade or None)


def _range(ctx: Context, table: Table, column: str, figure: Figure) -> Interval | None:
    return ctx.interval(table, column, figure) if figure.value is not None else None
