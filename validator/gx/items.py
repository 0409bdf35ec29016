"""The checked items of each rule: one frame row per item, and how to word its finding.

Selection (which tables, groups, rows and figures a rule looks at), intervals and
message rendering are the native engine's own helpers; nothing here decides whether an
item passes. Each item carries the values GX judges (interval texts, grades, kode,
levels, numbers) and `make(status)`, the finding the native engine makes for it.
No GX import: the frames are plain pandas data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from validator.engine import aggregate, band, formula, reconcile
from validator.engine import revision as revision_kind
from validator.engine import schema as schema_kind
from validator.engine import sum as sum_kind
from validator.engine.context import Context
from validator.expr import Expression, ExpressionError, evaluate_bool, evaluate_interval, parse
from validator.findings import STATUS_MISMATCH, STATUS_NOTE, STATUS_UNVERIFIABLE, Finding
from validator.intervals import Interval, Rounding
from validator.model import PARENT_LEVEL, Figure, Row, Table, Text, Version, parent_kode
from validator.revisions import Item as VersionItem
from validator.revisions import diff_versions, levels_of, normal_name, ordered_versions, version_items
from validator.ruleset import Rule

Record = dict[str, Any]
Make = Callable[[str], Finding]


@dataclass(frozen=True)
class Item:
    """One checked item: its frame row (without the item id) and its finding."""

    rule: Rule
    record: Record
    make: Make
    on_fail: str = STATUS_MISMATCH


def items_for(rule: Rule, ctx: Context) -> Iterator[Item]:
    yield from BUILDERS[rule.kind](rule, ctx)


def decimal_text(value: Decimal) -> str:
    """A decimal without exponent and without trailing zeros: 80.00 -> "80"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def interval_text(interval: Interval) -> str:
    return f"[{format(interval.low, 'f')}, {format(interval.high, 'f')}]"


def _base(rule: Rule, table: Table, row: Row, column: str | None, stated: str | None) -> Record:
    return {"rule": rule.code, "table": table.id, "kode": row.kode, "column": column, "stated": stated}


def _where(table: Table, column: str, figure: Figure) -> str:
    return f"{table.id} {column} {figure.raw!r}"


# -- interval kinds (sum, formula, aggregate) -------------------------------------------------


def _ranges(ctx: Context, table: Table, column: str, stated: Figure,
            range_of: Callable[[Rounding], Interval]) -> Record | None:
    """The stated figure and its formula as intervals, under the project's rounding and,
    when that is "nearest", read as truncated too; None when a range divides by zero."""
    rounding = ctx.settings.rounding
    try:
        stated_range, expected_range = ctx.interval(table, column, stated, rounding), range_of(rounding)
        truncated = (ctx.interval(table, column, stated, "truncate"), range_of("truncate")) \
            if rounding == "nearest" else (stated_range, expected_range)
    except ZeroDivisionError:
        return None
    return {"unreadable": None, "stated_range": interval_text(stated_range),
            "expected_range": interval_text(expected_range),
            "stated_range_truncated": interval_text(truncated[0]),
            "expected_range_truncated": interval_text(truncated[1])}


def _unverifiable(record: Record, reason: str) -> Record:
    return {**record, "unreadable": reason, "stated_range": None, "expected_range": None,
            "stated_range_truncated": None, "expected_range_truncated": None}


def _sum(rule: Rule, ctx: Context) -> Iterator[Item]:
    mode = rule.params.get("mode", "hierarchy")
    for table in ctx.select(rule.params["tables"]):
        for column in rule.params["columns"]:
            for parent, children, child_column, source in sum_kind._groups(rule, ctx, table, column, mode):
                yield from _sum_group(rule, ctx, table, parent, column, children, child_column, source)


def _sum_group(rule: Rule, ctx: Context, table: Table, parent: Row, column: str,
               children: Sequence[Row], child_column: str, source: Table) -> Iterator[Item]:
    stated = parent.figure(column)
    if stated is None:
        return
    parts: list[sum_kind.Child] = []
    for child in children:
        figure = child.figure(child_column)
        if figure is None:
            return
        parts.append((source, child, figure))
    base = _base(rule, table, parent, column, stated.raw)
    unreadable = [(t, r, f) for t, r, f in parts if f.error]
    if stated.error:
        unreadable.append((table, parent, stated))
    if unreadable:
        bad_table, bad_row, bad = unreadable[0]
        hint = sum_kind._implied(ctx, parent, stated, parts, unreadable)
        bad_column = column if bad is stated else child_column
        finding = ctx.unreadable(rule, table, parent, column, bad_row, bad_column, bad,
                                 stated if stated.value is not None else None, suggestion=hint)
        yield Item(rule, _unverifiable(base, _where(bad_table, bad_column, bad)), _fixed(finding))
        return
    if stated.value is None or any(f.value is None for _, _, f in parts):
        return

    def range_of(rounding: Rounding) -> Interval:
        total = Interval.point(Decimal(0))
        for t, _, figure in parts:
            total = total + ctx.interval(t, child_column, figure, rounding)
        return total

    ranges = _ranges(ctx, table, column, stated, range_of)
    if ranges is None:
        return
    expected = sum((f.value for _, _, f in parts if f.value is not None), Decimal(0))

    def make(status: str) -> Finding:
        return ctx.finding(rule, table, parent, column, figure=stated, expected=expected,
                           expected_range=range_of(ctx.settings.rounding), status=status,
                           fields={"children": str(len(parts))})

    yield Item(rule, {**base, **ranges}, make)


def _formula(rule: Rule, ctx: Context) -> Iterator[Item]:
    target = ctx.column_name(rule.params["target"])
    where = parse(rule.params["where"]) if "where" in rule.params else None
    if "labels" in rule.params:
        yield from _classify(rule, ctx, target, where)
        return
    for table, row, stated in formula.checked_rows(rule, ctx, target, where):
        base = _base(rule, table, row, target, stated.raw)
        try:
            expression = formula.expression_for(rule, ctx, row)
        except ExpressionError as exc:
            finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                  reason=formula._bad_formula(str(exc)))
            yield Item(rule, _unverifiable(base, f"formula: {exc}"), _fixed(finding))
            continue
        if expression is not None:
            yield from _formula_row(rule, ctx, table, row, target, stated, expression, base)


def _formula_row(rule: Rule, ctx: Context, table: Table, row: Row, target: str, stated: Figure,
                 expression: Expression, base: Record) -> Iterator[Item]:
    inputs: dict[str, Figure] = {}
    for name in sorted(expression.names):
        figure = row.figure(name)
        if figure is None:
            if "indicator_formula" in rule.params and name not in formula.KNOWN_INPUTS:
                finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                      reason=formula._bad_formula(f"kolom {name!r} tidak dikenal"))
                yield Item(rule, _unverifiable(base, f"formula: {name!r}"), _fixed(finding))
            return
        inputs[name] = figure
    for name, figure in sorted(inputs.items()):
        if figure.error:
            finding = ctx.unreadable(rule, table, row, target, row, name, figure, stated)
            yield Item(rule, _unverifiable(base, _where(table, name, figure)), _fixed(finding))
            return
    if any(f.value is None for f in inputs.values()):
        return

    def range_of(rounding: Rounding) -> Interval:
        env = {n: ctx.interval(table, n, f, rounding) for n, f in inputs.items()}
        return evaluate_interval(expression, env)

    ranges = _ranges(ctx, table, target, stated, range_of)
    try:
        exact = evaluate_interval(
            expression, {n: Interval.point(f.value) for n, f in inputs.items() if f.value is not None}
        ).mid
    except ZeroDivisionError:
        return
    if ranges is None:
        return

    def make(status: str) -> Finding:
        return ctx.finding(rule, table, row, target, figure=stated, expected=exact,
                           expected_range=range_of(ctx.settings.rounding), status=status,
                           fields={"formula": expression.text})

    yield Item(rule, {**base, **ranges, "formula": expression.text}, make)


def inputs_text(values: dict[str, Decimal | str | None], names: Iterable[str]) -> str:
    """The inputs of a condition as JSON: numbers as exact text, words as they are."""
    return json.dumps({n: ["number", str(v)] if isinstance(v, Decimal) else ["text", v]
                       for n, v in sorted((n, values.get(n)) for n in names)})


def _classify(rule: Rule, ctx: Context, target: str, where: Expression | None) -> Iterator[Item]:
    """A stated category ("Efisien"): GX evaluates the condition and compares labels."""
    condition = parse(rule.params["expression"])
    for table in ctx.select(rule.params["tables"]):
        for row in table.rows:
            stated, values = row.text(target), formula.point_values(row)
            if stated is None or any(values.get(n) is None for n in condition.names):
                continue
            if where is not None and not evaluate_bool(where, values):
                continue
            yield _category_item(rule, ctx, table, row, target, stated, condition, values)


def _category_item(rule: Rule, ctx: Context, table: Table, row: Row, target: str, stated: str,
                   condition: Expression, values: dict[str, Decimal | str | None]) -> Item:
    labels = {str(k).lower(): str(v) for k, v in rule.params["labels"].items()}
    expected = labels["true" if evaluate_bool(condition, values) else "false"]
    record = {**_base(rule, table, row, target, stated), "unreadable": None,
              "inputs": inputs_text(values, condition.names), "label": stated, "formula": condition.text}
    return Item(rule, record, lambda _s: ctx.finding(
        rule, table, row, target, expected=expected, stated=stated, location=row.cells[target].location,
        fields={"formula": condition.text}))


def _aggregate(rule: Rule, ctx: Context) -> Iterator[Item]:
    sources = ctx.select(rule.params["tables"])
    if not sources:
        return
    source = sources[0]
    column = ctx.column_name(rule.params["column"])
    where = parse(rule.params["where"]) if "where" in rule.params else None
    rows = aggregate._rows(rule, ctx, source, where)
    statement_column = rule.params["statement"]
    for table in ctx.select(rule.params.get("statement_table", {"jenis": "pernyataan"})):
        for row in table.rows:
            stated = row.figure(statement_column)
            if stated is None or stated.value is None:
                continue
            yield from _aggregate_row(rule, ctx, table, row, statement_column, stated, source, rows, column)


def _aggregate_row(rule: Rule, ctx: Context, table: Table, row: Row, column: str, stated: Figure,
                   source: Table, rows: list[Row], source_column: str) -> Iterator[Item]:
    kind = rule.params["aggregate"]
    fields = {"source": source.label, "count": str(len(rows))}
    base = _base(rule, table, row, column, stated.raw)
    for item in aggregate._all_rows(rule, source):
        figure = item.figure(source_column)
        if figure is not None and figure.error:
            finding = ctx.unreadable(rule, table, row, column, item, source_column, figure, stated)
            yield Item(rule, _unverifiable(base, _where(source, source_column, figure)), _fixed(finding))
            return
    if kind == "count":
        yield _count_item(rule, ctx, table, row, column, stated, Decimal(len(rows)), base, fields)
        return
    figures = [(r, f) for r in rows if (f := r.figure(source_column)) is not None and f.value is not None]
    if not figures or (kind == "value" and len(figures) != 1):
        return

    def range_of(rounding: Rounding) -> Interval:
        total = Interval.point(Decimal(0))
        for _, figure in figures:
            total = total + ctx.interval(source, source_column, figure, rounding)
        return total / Interval.point(Decimal(len(figures))) if kind == "mean" else total

    ranges = _ranges(ctx, table, column, stated, range_of)
    if ranges is None:
        return
    exact = sum((f.value for _, f in figures if f.value is not None), Decimal(0))
    if kind == "mean":
        exact /= len(figures)

    def make(status: str) -> Finding:
        return ctx.finding(rule, table, row, column, figure=stated, expected=exact,
                           expected_range=range_of(ctx.settings.rounding), status=status, fields=fields)

    yield Item(rule, {**base, **ranges}, make)


def _count_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str, stated: Figure,
                expected: Decimal, base: Record, fields: dict[str, str]) -> Item:
    """A count is exact: the stated figure and the count as points (no truncation note)."""
    assert stated.value is not None
    mine, count = interval_text(Interval.point(stated.value)), interval_text(Interval.point(expected))
    record = {**base, "unreadable": None, "stated_range": mine, "expected_range": count,
              "stated_range_truncated": mine, "expected_range_truncated": count}
    return Item(rule, record, lambda _s: ctx.finding(rule, table, row, column, figure=stated,
                                                     expected=expected, fields=fields))


# -- reconcile --------------------------------------------------------------------------------


def _reconcile(rule: Rule, ctx: Context) -> Iterator[Item]:
    for left, right in reconcile._pairs(rule, ctx):
        right_rows = reconcile._keyed(rule, ctx, right)
        for row in left.rows:
            if rule.params.get("levels") and row.level not in rule.params["levels"]:
                continue
            other = right_rows.get(reconcile._key(rule, ctx, row))
            if other is None:
                continue
            for left_column, right_column in rule.params["columns"].items():
                yield from _reconcile_pair(rule, ctx, left, row, ctx.column_name(left_column),
                                           right, other, ctx.column_name(right_column))


def _range(ctx: Context, table: Table, column: str, figure: Figure) -> str | None:
    return interval_text(ctx.interval(table, column, figure)) if figure.value is not None else None


def _reconcile_pair(rule: Rule, ctx: Context, left: Table, row: Row, left_column: str,
                    right: Table, other: Row, right_column: str) -> Iterator[Item]:
    mine, theirs = row.figure(left_column), other.figure(right_column)
    if mine is None or theirs is None:
        return
    base = {**_base(rule, left, row, left_column, mine.raw), "other_table": right.id,
            "other_stated": theirs.raw}
    if mine.error or theirs.error:
        bad_table, bad_row, bad_column, bad = (left, row, left_column, mine) if mine.error \
            else (right, other, right_column, theirs)
        finding = ctx.unreadable(rule, left, row, left_column, bad_row, bad_column, bad,
                                 mine if not mine.error else None)
        yield Item(rule, {**base, "unreadable": _where(bad_table, bad_column, bad)}, _fixed(finding))
        return
    fields = {"other_table": right.label, "other_stated": theirs.raw, "other_row": other.uraian or other.kode}
    record = {
        **base, "unreadable": None,
        "stated_range": _range(ctx, left, left_column, mine),
        "other_range": _range(ctx, right, right_column, theirs),
        "grade": mine.grade or None, "other_grade": theirs.grade or None,
    }
    expected = theirs.value if theirs.value is not None else theirs.raw
    yield Item(rule, record, lambda _s: ctx.finding(rule, left, row, left_column, figure=mine,
                                                    expected=expected, fields=fields, exact=True))


# -- band -------------------------------------------------------------------------------------


def _band(rule: Rule, ctx: Context) -> Iterator[Item]:
    band_set = ctx.band_set()
    if band_set is None:
        for finding in band._unknown_band_set(rule, ctx):
            record = {**_base(rule, _table(ctx, finding.table), _row_of(ctx, finding), finding.column, None),
                      "unreadable": finding.message("en")}
            yield Item(rule, record, _fixed(finding))
        return
    if rule.params["check"] == "printed":
        yield from _printed(rule, ctx)
        return
    scores = rule.params.get("score", [])
    for table in ctx.select(rule.params["tables"]):
        for row in table.rows:
            for score_column in scores if isinstance(scores, list) else [scores]:
                yield from _band_row(rule, ctx, table, row, ctx.column_name(score_column))


def _table(ctx: Context, table_id: str | None) -> Table:
    return next(t for t in ctx.tables if t.id == table_id)


def _row_of(ctx: Context, finding: Finding) -> Row:
    return next(r for r in _table(ctx, finding.table).rows if r.kode == finding.kode)


def _band_row(rule: Rule, ctx: Context, table: Table, row: Row, score_column: str) -> Iterator[Item]:
    band_set = ctx.band_set()
    assert band_set is not None
    score = row.figure(score_column)
    grade_column = rule.params.get("grade")
    if score is not None and score.error:
        finding = ctx.unreadable(rule, table, row, grade_column or score_column, row, score_column, score,
                                 score)
        record = {**_base(rule, table, row, score_column, score.raw),
                  "unreadable": _where(table, score_column, score)}
        yield Item(rule, record, _fixed(finding))
        return
    if score is None or score.value is None:
        return
    base = {**_base(rule, table, row, score_column, score.raw), "unreadable": None,
            "score": decimal_text(score.value)}
    if rule.params["check"] == "boundary":
        yield Item(rule, base, lambda _s: ctx.finding(
            rule, table, row, score_column, figure=score, status=STATUS_NOTE, severity=rule.severity,
            fields={"band_set": band_set.name}), on_fail=STATUS_NOTE)
        return
    if grade_column:
        stated, place = row.text(grade_column), row.cells.get(grade_column)
        location = place.location if place is not None else None
    else:
        stated, location = score.grade, score.location
    if stated is None:
        return
    found = band_set.grade(score.value)
    expected = found.predikat if found else "-"
    yield Item(rule, {**base, "grade": stated}, lambda _s: ctx.finding(
        rule, table, row, grade_column or score_column, figure=score, expected=expected, location=location,
        stated=stated if grade_column else None,
        fields={"grade": stated, "score": score.raw, "band_set": band_set.name}))


def band_text(predikat: str, low: Decimal, high: Decimal) -> str:
    """A band as one comparable text: "A: 80-90"."""
    return f"{predikat}: {decimal_text(low)}-{decimal_text(high)}"


def _printed(rule: Rule, ctx: Context) -> Iterator[Item]:
    akip, band_set = ctx.report.akip, ctx.band_set()
    if akip is None or not akip.pita_dicetak or band_set is None:
        return
    table = next(t for t in ctx.tables if t.id == "akip")
    row = table.rows[0]
    regulation = {b.predikat: b for b in band_set.bands}
    for printed in akip.pita_dicetak:
        found = regulation.get(printed.predikat)
        expected = f"{found.bawah}-{found.atas}" if found else "-"
        shown = f"{printed.bawah}-{printed.atas}"
        record = {**_base(rule, table, row, "pita_dicetak", shown), "unreadable": None,
                  "band": band_text(printed.predikat, printed.bawah, printed.atas)}
        finding = ctx.finding(rule, table, row, "pita_dicetak", expected=expected, location=printed.location,
                              fields={"grade": printed.predikat, "printed": shown, "band_set": band_set.name})
        yield Item(rule, record, _fixed(finding))


# -- schema (DAT) -----------------------------------------------------------------------------


def _schema(rule: Rule, ctx: Context) -> Iterator[Item]:
    check = SCHEMA_CHECKS[rule.params["check"]]
    for table in ctx.select(rule.params["tables"]):
        yield from check(rule, ctx, table)


def _fixed(finding: Finding) -> Make:
    return lambda _status: finding


def _at_row(rule: Rule, ctx: Context, table: Table, row: Row, record: Record,
            fields: dict[str, str] | None = None) -> Item:
    full = {**_base(rule, table, row, None, None), **record}
    return Item(rule, full, lambda _s: ctx.finding(rule, table, row, None, fields=fields or {},
                                                   location=row.location))


def _figure_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str, figure: Figure | None,
                 record: Record, fields: dict[str, str]) -> Item:
    full = {**_base(rule, table, row, column, figure.raw if figure else None), **record}
    return Item(rule, full, lambda _s: ctx.finding(rule, table, row, column, figure=figure, fields=fields))


def _readable(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    wanted = rule.params.get("columns")
    rows = (*table.rows, table.total) if table.total else table.rows
    for row in rows:
        for column in row.cells:
            figure = row.figure(column)
            if figure is None or (wanted and column not in wanted):
                continue
            yield _figure_item(rule, ctx, table, row, column, figure, {"unreadable": figure.error},
                               {"reason": figure.error or ""})


def _unique_kode(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    for row in table.rows:
        yield _at_row(rule, ctx, table, row, {})


def _parent_exists(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    if table.kind != "anggaran":
        return
    for row in table.rows:
        parent = parent_kode(row.kode)
        record = {"level": row.level, "parent": parent, "parent_level": PARENT_LEVEL.get(row.level)}
        yield _at_row(rule, ctx, table, row, record, {"parent": parent or ""})


def _parent_position(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    """`above`: the nearest row above of the parent's level (the data GX compares)."""
    if table.kind != "anggaran":
        return
    last: dict[str, Row] = {}
    for row in table.rows:
        parent, parent_level = parent_kode(row.kode), PARENT_LEVEL.get(row.level)
        above = last.get(parent_level) if parent_level else None
        record = {"level": row.level, "parent": parent, "above": above.kode if above else None}
        fields = {"parent": parent or "", "above": above.kode if above else ""}
        yield _at_row(rule, ctx, table, row, record, fields)
        last[row.level] = row


def _known_kode(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    for row in table.rows:
        yield _at_row(rule, ctx, table, row, {"level": row.level})


def _in_range(rule: Rule, ctx: Context, table: Table) -> Iterator[Item]:
    columns, rows = schema_kind.range_columns(rule, table)
    low, high = rule.params.get("min"), rule.params.get("max")
    fields = {"min": "" if low is None else str(low), "max": "" if high is None else str(high)}
    for row in rows:
        for column in columns:
            figure = row.figure(column)
            value = float(figure.value) if figure is not None and figure.value is not None else None
            yield _figure_item(rule, ctx, table, row, column, figure, {"value": value}, fields)


SCHEMA_CHECKS: dict[str, Callable[[Rule, Context, Table], Iterator[Item]]] = {
    "readable": _readable,
    "unique_kode": _unique_kode,
    "parent_exists": _parent_exists,
    "parent_position": _parent_position,
    "known_kode": _known_kode,
    "in_range": _in_range,
}

# -- revision (REV) ---------------------------------------------------------------------------
#
# Version checks have one row per version of the derived `versi` table (per pair of
# versions for REV003; REV004 has a row with the number of final versions and one with
# the latest version), holding the version's facts as that table states them. Item
# checks have one row per compared kode (REV008), per target change (REV009) or per
# final / realisation item (REV010, REV011). Findings are worded by the native helpers
# (validator/engine/revision.py).


def _revision(rule: Rule, ctx: Context) -> Iterator[Item]:
    yield from REVISION_CHECKS[rule.params["check"]](rule, ctx)


def _cell_text(row: Row, column: str) -> str | None:
    """A cell of the versi table as text (dates are ISO, booleans "true"/"false")."""
    cell = row.cells.get(column)
    return cell.raw if isinstance(cell, Figure) else (cell.value if isinstance(cell, Text) else None)


def _version_item(rule: Rule, ctx: Context, table: Table, version: Version, column: str, record: Record,
                  fields: dict[str, Any] | None = None) -> Item:
    """A row about one key of a version; its finding is cited where the native one is."""
    row = revision_kind._row(table, version)
    full = {**_base(rule, table, row, column, _cell_text(row, column)), **record}
    return Item(rule, full, lambda _s: revision_kind._at(ctx, rule, table, version, column, fields))


def _row_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str | None, record: Record,
              fields: dict[str, Any], figure: Figure | None = None, expected: str | None = None) -> Item:
    """A row about one row of a table, cited at the figure (else at the row)."""
    location = None if figure is not None else row.location
    return Item(rule, record, lambda _s: ctx.finding(rule, table, row, column, figure=figure,
                                                     expected=expected, location=location, fields=fields))


def _missing_date(rule: Rule, ctx: Context) -> Iterator[Item]:
    """`date`: the version's date, null when it has none."""
    table = revision_kind._versions_table(ctx)
    if table is None:
        return
    for version in ctx.report.versi:
        row = revision_kind._row(table, version)
        yield _version_item(rule, ctx, table, version, "tanggal", {"date": _cell_text(row, "tanggal")})


def _duplicate_sequence(rule: Rule, ctx: Context) -> Iterator[Item]:
    """`urutan` of every version that declares one, in the order they are listed."""
    table = revision_kind._versions_table(ctx)
    if table is None:
        return
    declared = [v for v in ctx.report.versi if v.urutan is not None]
    for version in declared:
        first = next(v for v in declared if v.urutan == version.urutan)  # the one it would repeat
        yield _version_item(rule, ctx, table, version, "urutan", {"urutan": version.urutan},
                            {"other": first.id, "urutan": str(version.urutan)})


def _order(rule: Rule, ctx: Context) -> Iterator[Item]:
    """One row per dated version and each dated version of an earlier sequence:
    `date` (its own) and `other_date` (the earlier sequence's)."""
    table = revision_kind._versions_table(ctx)
    if table is None:
        return
    known = [v for v in ctx.report.versi if v.tanggal and v.urutan is not None]
    for version in known:
        for other in known:
            assert version.urutan is not None and other.urutan is not None
            assert version.tanggal is not None and other.tanggal is not None
            if other.urutan >= version.urutan:
                continue
            dates = {"date": version.tanggal.isoformat(), "other_date": other.tanggal.isoformat()}
            yield _version_item(rule, ctx, table, version, "tanggal", {"other": other.id, **dates},
                                {"other": other.id, **dates})


def _final(rule: Rule, ctx: Context) -> Iterator[Item]:
    """`finals`: how many versions are marked final (one row); and, when one is, `latest`:
    the latest version by date, when both it and the final one are dated (one row)."""
    table = revision_kind._versions_table(ctx)
    versions = ctx.report.versi
    if table is None or not versions:
        return
    finals = [v for v in versions if v.final]
    count = {"finals": len(finals)}
    if finals:
        yield _version_item(rule, ctx, table, finals[0], "final", count, {"count": str(len(finals))})
    else:
        row = table.rows[0]
        yield Item(rule, {**_base(rule, table, row, "final", None), **count},
                   lambda _s: ctx.finding(rule, table, row, "final", fields={"count": "0"}))
    final = ctx.report.final_version()
    if final is None:
        return
    latest = ordered_versions(ctx.report)[-1]
    comparable = latest.tanggal is not None and final.tanggal is not None
    latest_text = {"id": f", padahal versi terbaru adalah {latest.id}",
                   "en": f", but the latest version is {latest.id}"}
    yield _version_item(rule, ctx, table, final, "final", {"latest": latest.id if comparable else None},
                        {"count": "1", "latest": latest_text})


def _signature_date(rule: Rule, ctx: Context) -> Iterator[Item]:
    """`date` and `signed` (the date printed at the signatures), each null when absent."""
    table = revision_kind._versions_table(ctx)
    if table is None:
        return
    for version in ctx.report.versi:
        row = revision_kind._row(table, version)
        date, signed = _cell_text(row, "tanggal"), _cell_text(row, "tanggal_tanda_tangan")
        yield _version_item(rule, ctx, table, version, "tanggal_tanda_tangan",
                            {"date": date, "signed": signed}, {"date": date or "", "signed": signed or ""})


def _missing_previous(rule: Rule, ctx: Context) -> Iterator[Item]:
    """Revisions numbered 2 or more: `previous`, the (first listed) version numbered n-1,
    null when the report lists none."""
    table = revision_kind._versions_table(ctx)
    if table is None:
        return
    numbered = [v for v in ctx.report.versi if v.urutan is not None]
    for version in numbered:
        n = version.urutan
        if n is None or n < 2:
            continue
        previous = next((v.id for v in numbered if v.urutan == n - 1), None)
        yield _version_item(rule, ctx, table, version, "urutan", {"urutan": n, "previous": previous}, {
            "ordinal": revision_kind.ORDINALS_ID.get(n, str(n)),
            "previous": revision_kind.ORDINALS_ID.get(n - 1, str(n - 1)),
        })


def _final_attached(rule: Rule, ctx: Context) -> Iterator[Item]:
    """The final version of a report that attaches versions: `attached`, whether it is."""
    table = revision_kind._versions_table(ctx)
    final = ctx.report.final_version()
    attached = [v for v in ctx.report.versi if v.dilampirkan]
    if table is None or final is None or not attached:
        return
    yield _version_item(rule, ctx, table, final, "dilampirkan", {"attached": final.dilampirkan},
                        {"attached": ", ".join(v.id for v in attached)})


def compared_names(older: list[dict[str, VersionItem]], new_items: dict[str, VersionItem]
                   ) -> Iterator[tuple[VersionItem, VersionItem]]:
    """The (before, after) items whose names `revisions.diff_items` compares: per level of
    the new items, the kodes that both they and the latest older item set stating that
    level list (diff_items reports only the differences, not what it compared)."""
    for level in sorted(levels_of(new_items)):
        base = next((items for items in older if level in levels_of(items)), None)
        if base is None:
            continue
        for kode in sorted(k for k, i in new_items.items() if i.row.level == level):
            before = base.get(kode)
            if before is not None and before.row.level == level:
                yield before, new_items[kode]


def _renamed(rule: Rule, ctx: Context) -> Iterator[Item]:
    """One row per kode of consecutive versions whose names are compared: `old_name` and
    `new_name`, normalised (case, spacing and punctuation are not a rename)."""
    for before_version, after_version, history in revision_kind._consecutive(ctx):
        older = [version_items(ctx.report, v, "anggaran") for v in reversed(history)]
        for before, after in compared_names(older, version_items(ctx.report, after_version, "anggaran")):
            old, new = before.row.uraian, after.row.uraian
            if not old or not new:
                continue
            record = {**_base(rule, after.table, after.row, "uraian", new), "other_table": before.table.id,
                      "old_name": normal_name(old), "new_name": normal_name(new)}
            fields = {"old": old, "new": new, "old_table": before.table.label,
                      "version": after_version.id, "previous": before_version.id}
            yield _row_item(rule, ctx, after.table, after.row, "uraian", record, fields)


def _target_changed(rule: Rule, ctx: Context) -> Iterator[Item]:
    """One row per changed target of a sasaran indicator between consecutive versions
    (`revisions.diff_versions`): `reason`, the later version's `alasan`, null when none."""
    for before, after, history in revision_kind._consecutive(ctx):
        for change in diff_versions(ctx.report, before, after, "kinerja", history):
            strategic = change.level == "indikator"  # a sasaran indicator's target
            if change.kind != "changed" or change.field != "target" or not strategic or change.after is None:
                continue
            table, row = change.after.table, change.after.row
            figure = row.figure("target")
            record = {**_base(rule, table, row, "target", figure.raw if figure else None),
                      "other_table": change.before.table.id if change.before else None,
                      "old": change.old, "reason": after.alasan or None}
            fields = {"old": change.old or "", "version": after.id, "previous": before.id}
            yield _row_item(rule, ctx, table, row, "target", record, fields, figure, change.old)


def _coverage(rule: Rule, ctx: Context, final_side: bool) -> Iterator[Item]:
    """Final version items vs realisation tables, by kode, at the levels both list:
    `found_in`, the table of the other side that lists the kode (null when none)."""
    final = ctx.report.final_version()
    if final is None:
        return
    planned = version_items(ctx.report, final, "anggaran")
    for table in ctx.select(rule.params["tables"]):
        realised = table.by_kode()
        levels = {r.level for r in table.rows} & {i.row.level for i in planned.values()}
        if final_side:
            for kode, item in planned.items():
                if item.row.level in levels:
                    record = {**_base(rule, item.table, item.row, None, None), "other_table": table.id,
                              "found_in": table.id if kode in realised else None}
                    yield _row_item(rule, ctx, item.table, item.row, None, record,
                                    {"other_table": table.label})
        else:
            for row in table.rows:
                if row.level in levels:
                    found = planned.get(row.kode)
                    record = {**_base(rule, table, row, None, None),
                              "found_in": found.table.id if found else None}
                    yield _row_item(rule, ctx, table, row, None, record, {"version": final.id})


def _final_coverage(rule: Rule, ctx: Context) -> Iterator[Item]:
    return _coverage(rule, ctx, True)


def _realisation_coverage(rule: Rule, ctx: Context) -> Iterator[Item]:
    return _coverage(rule, ctx, False)


REVISION_CHECKS: dict[str, Callable[[Rule, Context], Iterator[Item]]] = {
    "missing_date": _missing_date,
    "duplicate_sequence": _duplicate_sequence,
    "order": _order,
    "final": _final,
    "signature_date": _signature_date,
    "missing_previous": _missing_previous,
    "final_attached": _final_attached,
    "renamed": _renamed,
    "target_changed": _target_changed,
    "final_coverage": _final_coverage,
    "realisation_coverage": _realisation_coverage,
}

BUILDERS: dict[str, Callable[[Rule, Context], Iterator[Item]]] = {
    "sum": _sum,
    "formula": _formula,
    "aggregate": _aggregate,
    "reconcile": _reconcile,
    "band": _band,
    "schema": _schema,
    "revision": _revision,
}
