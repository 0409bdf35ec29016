"""Rule kind `formula`: a stated derived figure equals an expression of other figures.

The expression is fixed (`expression`), chosen by a project option (`methods` +
`method_option`, e.g. the tingkat efisiensi method), or taken from the indicator the row
belongs to (`indicator_formula`, falling back to `by_direction` for naik / turun).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from validator.bands import BandSet
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context
from validator.engine.items import INTERVAL_EXPECTATIONS, READABLE, Item, Items
from validator.expectations import Expect
from validator.expr import Expression, ExpressionError, evaluate_bool, evaluate_interval, parse
from validator.findings import STATUS_UNVERIFIABLE, Finding
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table, Text
from validator.ruleset import KNOWN_COLUMNS, Rule

KNOWN_INPUTS = KNOWN_COLUMNS


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    if "labels" in rule.params:
        labels = {str(k).lower(): str(v) for k, v in rule.params["labels"].items()}
        return [READABLE, Expect("check", "label_of_condition", {
            "a": "inputs", "b": "label", "condition": rule.params["expression"], "labels": labels})]
    return list(INTERVAL_EXPECTATIONS)


def items(rule: Rule, ctx: Context) -> Items:
    target = ctx.column_name(rule.params["target"])
    where = _parse(rule.params["where"]) if "where" in rule.params else None
    if "labels" in rule.params:
        return Items.of(_classify(rule, ctx, target, where))
    built = IntervalItems(rule, ctx, lambda entry, rounding: _range(ctx, entry, rounding),
                          lambda entry: entry[4][2], lambda entry: {"formula": entry[4][0].text})
    for table, row, stated in checked_rows(rule, ctx, target, where):
        try:
            expression = expression_for(rule, ctx, row)
        except ExpressionError as exc:
            finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                  reason=_bad_formula(exc.messages))
            built.cannot_read(table, row, target, stated, f"formula: {exc}", finding)
            continue
        if expression is not None:
            _judge(built, rule, ctx, table, row, target, stated, expression,
                   declared="indicator_formula" in rule.params)
    return built.items(getters={"formula": lambda entry: entry[4][0].text})


Inputs = tuple[Expression, dict[str, Figure], Decimal]
"""What a formula item keeps: its expression, the figures it reads, its exact value."""


def _range(ctx: Context, entry: FigureEntry, rounding: Rounding) -> Interval:
    table, _, _, _, (expression, inputs, _) = entry
    env = {n: ctx.interval(table, n, f, rounding) for n, f in inputs.items()}
    return evaluate_interval(expression, env)


def checked_rows(rule: Rule, ctx: Context, target: str,
                 where: Expression | None) -> Iterator[tuple[Table, Row, Figure]]:
    """The rows a formula rule judges: those stating a readable target, at the rule's
    levels, where its condition holds. Shared with the GX translation."""
    levels = rule.params.get("levels")
    for table in ctx.select(rule.params["tables"]):
        for row in table.rows:
            if levels and row.level not in levels:
                continue
            stated = row.figure(target)
            if stated is None or stated.value is None:
                continue  # absent, a bare grade, or unreadable (DAT001 says so)
            if where is not None and not evaluate_bool(where, point_values(row)):
                continue
            yield table, row, stated


def expression_for(rule: Rule, ctx: Context, row: Row) -> Expression | None:
    """The rule's expression for this row, capped when the project sets a cap option."""
    expression = _uncapped(rule, ctx, row)
    cap = ctx.settings.options.get(rule.params.get("cap_option", ""), "")
    if expression is None or not cap:
        return expression
    try:
        limit = Decimal(cap)
    except ArithmeticError as exc:
        raise ExpressionError(f"batas {cap!r} bukan angka", en=f"the cap {cap!r} is not a number") from exc
    return _parse(f"min({expression.text}, {limit})")


def _uncapped(rule: Rule, ctx: Context, row: Row) -> Expression | None:
    params = rule.params
    if "expression" in params:
        return _parse(params["expression"])
    if "methods" in params and "method_option" in params:
        method = ctx.settings.options.get(params["method_option"], params.get("default_method", ""))
        text = params["methods"].get(method)
        return _parse(text) if text else None
    if "indicator_formula" in params:
        indicator = ctx.indicators.get(row.kode) or _single_indicator(ctx, row.kode)
        own = getattr(indicator, params["indicator_formula"], None) if indicator else None
        if own:
            return _parse(own)  # an ExpressionError here is the report's, said as "cannot verify"
        directions = dict(params.get("by_direction", {}))
        if not directions:
            return None
        direction = indicator.arah if indicator else "naik"
        text = ctx.settings.capaian.get(direction) or directions.get(direction)
        return _parse(text) if text else None
    return None


def _single_indicator(ctx: Context, kode: str):  # type: ignore[no-untyped-def]
    target = ctx.targets.get(kode)
    if target is not None and len(target.indikator) == 1:
        return target.indikator[0]
    return None


@lru_cache(maxsize=512)
def _parse(text: str) -> Expression:
    return parse(text)


@lru_cache(maxsize=512)
def _input_names(text: str) -> tuple[str, ...]:
    """The inputs an expression reads, in name order (found once per expression, not per row)."""
    return tuple(sorted(_parse(text).names))


def point_values(row: Row) -> dict[str, Decimal | str | None]:
    values: dict[str, Decimal | str | None] = {}
    for name, cell in row.cells.items():
        values[name] = cell.value if isinstance(cell, (Figure, Text)) else None
    return values


def _classify(rule: Rule, ctx: Context, target: str, where: Expression | None) -> Iterator[Item]:
    """A stated category ("Efisien") against the label of a condition over stated figures."""
    condition = _parse(rule.params["expression"])
    names = _input_names(condition.text)
    labels = {str(k).lower(): str(v) for k, v in rule.params["labels"].items()}
    for table in ctx.select(rule.params["tables"]):
        for row in table.rows:
            stated = row.text(target)
            values = point_values(row)
            if stated is None or any(values.get(n) is None for n in names):
                continue
            if where is not None and not evaluate_bool(where, values):
                continue
            inputs = {n: values.get(n) for n in names}
            yield _category_item(rule, ctx, table, row, target, stated, condition, labels, inputs)


def _category_item(rule: Rule, ctx: Context, table: Table, row: Row, target: str, stated: str,
                   condition: Expression, labels: dict[str, str],
                   inputs: dict[str, Decimal | str | None]) -> Item:
    def make(_status: str) -> Finding:
        expected = labels["true" if evaluate_bool(condition, dict(inputs)) else "false"]
        return ctx.finding(rule, table, row, target, expected=expected, stated=stated,
                           location=row.cells[target].location, fields={"formula": condition.text})

    values = {"unreadable": None, "inputs": inputs, "label": stated, "formula": condition.text}
    return Item(table.id, row.kode, target, stated, values, make)


def _bad_formula(reason: dict[str, str]) -> dict[str, str]:
    return {"id": f"rumus indikator tidak dapat dipakai: {reason['id']}",
            "en": f"the indicator's formula cannot be used: {reason['en']}"}


def _judge(built: IntervalItems, rule: Rule, ctx: Context, table: Table, row: Row, target: str,
           stated: Figure, expression: Expression, declared: bool = False) -> None:
    inputs: dict[str, Figure] = {}
    for name in _input_names(expression.text):
        figure = row.figure(name)
        if figure is None:
            if declared and name not in KNOWN_INPUTS:
                # A formula the report declares names a column no row can have: a typo.
                finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                      reason=_bad_formula({"id": f"kolom {name!r} tidak dikenal",
                                                           "en": f"unknown column {name!r}"}))
                built.cannot_read(table, row, target, stated, f"formula: {name!r}", finding)
            return  # an input is not stated in this row: the formula does not apply
        inputs[name] = figure
    for name, figure in sorted(inputs.items()):
        if figure.error:
            finding = ctx.unreadable(rule, table, row, target, row, name, figure, stated)
            built.cannot_read(table, row, target, stated, where(table, name, figure), finding)
            return
    if any(f.value is None for f in inputs.values()):
        return
    try:
        exact = evaluate_interval(
            expression, {n: Interval.point(f.value) for n, f in inputs.items() if f.value is not None}
        ).mid
    except ZeroDivisionError:
        return  # e.g. a target of 0: capaian is not defined
    built.figure(table, row, target, stated, (expression, inputs, exact))
