"""Rule kind `formula`: a stated derived figure equals an expression of other figures.

The expression is fixed (`expression`), one of the rule's `methods` (the tingkat efisiensi
method), the formula the row itself states (`row_formula`, e.g. a statement's
`rumus_nilai_efisiensi`), or taken from the indicator the row belongs to
(`indicator_formula`, falling back to `by_direction` for naik / turun).

Methods (issue 15 item 2). The method of a table is, first found: the table's own
statement (`method_declared`, e.g. `metode_efisiensi`: a method name or a formula), the
project's option (`method_option`), the report's identitas (the same key), the rule's
`default_method`. Where the method in force fits none of a table's stated figures and
another method fits at least half of them, the column is said once to be computed by that
method (the hint below, milder when only the default was in force) and its other rows are
judged by it.

Capaian by direction (issue 15 item 4). The formula of a row is, first found: the
indicator's own (`rumus_capaian`); the project's `[capaian]` for its direction; for a
lower-is-better indicator the report's `identitas.rumus_capaian_turun`; the rule's
`by_direction`. The direction is the indicator's `arah`, or inferred from its name when
the report states none (validator/directions.py; FRM011 notes it), else naik.

`alternatives` (name: expression; a name starting `turun` is a lower-is-better convention,
`naik` higher-is-better) are the other conventions in use. A stated capaian that does not
fit the formula in force (the indicator's own included) but fits an alternative (for a
stated `arah: turun` only the other lower-is-better ones, for a stated `arah: naik` none;
for an indicator without `arah` any) is a finding whose message says which formula it fits
(field `{hint}`); when nobody declared the formula in force (only the rule's default
applies) the finding is one step milder, a warning instead of an error. When two or more such rows
of one table all fit the same alternative, the table says it once: the first row's finding
names the whole table, and the other rows are judged by that alternative (they hold).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from validator.bands import BandSet
from validator.diagnosis import relations as rel
from validator.directions import direction
from validator.engine.common import FigureEntry, IntervalItems, where
from validator.engine.context import Context, in_words
from validator.engine.items import INTERVAL_EXPECTATIONS, READABLE, Item, Items
from validator.expectations import Expect
from validator.expr import Expression, ExpressionError, evaluate_bool, evaluate_interval, parse
from validator.findings import STATUS_MISMATCH, STATUS_UNVERIFIABLE, Finding
from validator.intervals import Interval, Rounding
from validator.model import Figure, Indicator, Row, Table, Text
from validator.ruleset import KNOWN_COLUMNS, Rule

KNOWN_INPUTS = KNOWN_COLUMNS
DECLARED_FORMULAS = ("indicator_formula", "methods", "row_formula")
"""Parameters whose formula the report (or project) may state itself: a name in it that no
row can have is a typo, said as "cannot verify"."""
METHOD_WORDS = {"selisih": "difference", "sisa_anggaran": "unspent budget", "rasio": "ratio",
                "indeks": "efficiency index", "indeks_te": "efficiency index less 1"}
"""Efficiency methods in English words (the method keys stay quoted as written)."""
_METHOD_NAME = re.compile(r"^[a-z_]+$")


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
                          lambda entry: entry[4][2], lambda entry: _fields(entry))
    rows: list[tuple[Table, Row, Figure, Expression]] = []
    for table, row, stated in checked_rows(rule, ctx, target, where):
        try:
            expression = expression_for(rule, ctx, table, row)
        except ExpressionError as exc:
            finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                  reason=_bad_formula(rule, exc.messages))
            built.cannot_read(table, row, target, stated, f"formula: {exc}", finding)
            continue
        if expression is not None:
            rows.append((table, row, stated, expression))
    if "alternatives" in rule.params:
        hints = _hints(rule, ctx, target, rows)
    elif "methods" in rule.params:
        hints = _method_hints(rule, ctx, target, rows)
    else:
        hints = {}
    for table, row, stated, expression in rows:
        hint = hints.get(id(row))
        if hint is not None and hint.judge_by is not None:
            expression = hint.judge_by  # the table's own convention, said once at its first row
            hint = None
        _judge(built, rule, ctx, table, row, target, stated, expression,
               declared=any(k in rule.params for k in DECLARED_FORMULAS), hint=hint)

    def make(entry: FigureEntry, status: str) -> Finding:
        table, row, column, stated, data = entry
        hint: Hint | None = data[3]
        # Only the rule's default was in force: one step milder (a project's own severity stays).
        milder = (hint is not None and hint.undeclared and status == STATUS_MISMATCH
                  and rule.severity == "error")
        severity = "warning" if milder else None
        return ctx.finding(rule, table, row, column, status=status, figure=stated, expected=data[2],
                           expected_range=_range(ctx, entry, ctx.settings.rounding), fields=_fields(entry),
                           severity=severity)

    return built.items(make=make, getters={"formula": lambda entry: entry[4][0].text})


@dataclass(frozen=True)
class Hint:
    """A stated capaian that fits another convention than the formula in force."""

    formula: str
    """The other convention's expression."""
    rows: int = 1
    """How many rows of the table fit it (more than one: the table says it once)."""
    of: int = 0
    """Of how many rows of the column (efficiency methods: when not all of them fit)."""
    undeclared: bool = True
    """Nobody declared the formula in force (only the rule's default applies)."""
    judge_by: Expression | None = None
    """For the table's other rows: the convention they are judged by."""
    method: str | None = None
    """The efficiency method (FRM006, FRM007) the stated figures fit, when it is one."""

    def text(self, table: str) -> dict[str, str]:
        if self.method is not None:
            return self._method_text(table)
        advice_id = ("nyatakan rumus capaian (identitas.rumus_capaian_turun untuk seluruh laporan, "
                     "atau rumus_capaian / arah indikator)")
        advice_en = ("state the capaian formula (identitas.rumus_capaian_turun for the whole report, "
                     "or the indicator's rumus_capaian / arah)")
        if self.rows > 1:
            return {"id": f" Capaian {self.rows} indikator di {table} cocok dengan rumus {self.formula}; "
                          f"{advice_id}.",
                    "en": f" The capaian of {self.rows} indicators in {table} fit {self.formula}; "
                          f"{advice_en}."}
        return {"id": f" Nilai tertulis cocok dengan rumus {self.formula}; {advice_id}.",
                "en": f" The stated value fits the formula {self.formula}; {advice_en}."}


    def _method_text(self, table: str) -> dict[str, str]:
        """Said once per table: the column is computed by another method; state it."""
        method, formula = str(self.method), in_words(self.formula)
        advice_id = ("nyatakan metodenya (metode_efisiensi pada tabel atau identitas, atau efisiensi di "
                     "lkjip.toml)")
        advice_en = (f"state the method (metode_efisiensi: '{method}' on the table or in identitas, or "
                     "efisiensi in lkjip.toml)")
        words = METHOD_WORDS.get(method, method)
        if self.of > 1:
            count_id = f"{self.rows} baris" if self.rows == self.of else f"{self.rows} dari {self.of} baris"
            count_en = f"{self.rows} rows" if self.rows == self.of else f"{self.rows} of {self.of} rows"
            return {"id": f" Kolom ini dihitung dengan metode {method} ({formula}) di {count_id} "
                          f"{table}; {advice_id}.",
                    "en": f" This column is computed by the {words} method ({formula}) in {count_en} "
                          f"of {table}; {advice_en}."}
        return {"id": f" Nilai tertulis cocok dengan metode {method} ({formula}); {advice_id}.",
                "en": f" The stated value fits the {words} method ({formula}); {advice_en}."}


def _fields(entry: FigureEntry) -> dict[str, Any]:
    data = entry[4]
    hint: Hint | None = data[3]
    return {"formula": data[0].text, "hint": hint.text(entry[0].label) if hint else ""}


def _hints(rule: Rule, ctx: Context, target: str,
           rows: list[tuple[Table, Row, Figure, Expression]]) -> dict[int, Hint]:
    """The rows whose stated capaian misses the formula in force but fits another
    convention, by id(row); a table where several rows fit the same one says it once."""
    alternatives = {str(k): str(v) for k, v in rule.params["alternatives"].items()}
    fits: dict[int, tuple[Table, Row, str, bool]] = {}
    misses: dict[str, list[int]] = {}
    for table, row, stated, expression in rows:
        indicator = indicator_of(ctx, row.kode)
        arah = direction(indicator)[0] if indicator else "naik"
        stated_arah = indicator is not None and indicator.arah_dinyatakan
        if stated_arah and arah == "naik":
            continue
        if _fits(ctx, table, row, target, stated, expression.text) is not False:
            continue
        uncapped = _uncapped(rule, ctx, row, table)
        for name, text in alternatives.items():
            if (uncapped is not None and _parse(text).text == uncapped.text) or (
                    stated_arah and not name.startswith(arah)):
                continue
            text = _capped(rule, ctx, _parse(text)).text
            if _fits(ctx, table, row, target, stated, text):
                undeclared = _source(rule, ctx, indicator, arah) == "rule"
                fits[id(row)] = (table, row, text, undeclared)
                break
        if _source(rule, ctx, indicator, arah) != "indicator":
            misses.setdefault(table.id, []).append(id(row))  # an indicator's own formula is its own
    hints: dict[int, Hint] = {}
    for key, (_table, _row, text, undeclared) in fits.items():
        hints[key] = Hint(text, undeclared=undeclared)
    for ids in misses.values():
        formulas = {fits[i][2] if i in fits else None for i in ids}
        if len(ids) < 2 or len(formulas) != 1 or None in formulas:
            continue
        text = fits[ids[0]][2]
        hints[ids[0]] = Hint(text, rows=len(ids), undeclared=all(fits[i][3] for i in ids))
        for other in ids[1:]:
            hints[other] = Hint(text, judge_by=_parse(text))
    return hints


def _method_hints(rule: Rule, ctx: Context, target: str,
                  rows: list[tuple[Table, Row, Figure, Expression]]) -> dict[int, Hint]:
    """A table's efficiency column computed by another method than the one in force, said
    once, by id(row). Only a column that the method in force fits nowhere qualifies (where
    some rows follow it, a row that happens to fit another method is a wrong figure, not a
    method); the other method must fit at least half of the column. Its first fitting row
    says so for the column; every other row is judged by that method."""
    by_table: dict[str, list[tuple[Table, Row, Figure, Expression]]] = {}
    for entry in rows:
        by_table.setdefault(entry[0].id, []).append(entry)
    hints: dict[int, Hint] = {}
    for column in by_table.values():
        hints.update(_column_hint(rule, ctx, target, column))
    return hints


def _column_hint(rule: Rule, ctx: Context, target: str,
                 column: list[tuple[Table, Row, Figure, Expression]]) -> dict[int, Hint]:
    fitted = [_fits(ctx, table, row, target, stated, expression.text)
              for table, row, stated, expression in column]
    if any(fitted) or not column:
        return {}
    missed = [entry for entry, fit in zip(column, fitted, strict=True) if fit is False]
    in_force, source = _method(rule, ctx, column[0][0])
    uncapped = _method_expression(rule, in_force)
    best: tuple[str, str, list[int]] | None = None
    for name, text in rule.params["methods"].items():
        if name == in_force or (uncapped is not None and _parse(str(text)).text == uncapped.text):
            continue
        text = _capped(rule, ctx, _parse(str(text))).text
        ids = [id(row) for table, row, stated, _ in missed if _fits(ctx, table, row, target, stated, text)]
        if ids and 2 * len(ids) >= len(missed) and (best is None or len(ids) > len(best[2])):
            best = (str(name), text, ids)
    if best is None:
        return {}
    name, text, ids = best
    first = ids[0]
    hints = {first: Hint(text, rows=len(ids), of=len(missed), undeclared=source == "rule", method=name)}
    for _, row, _, _ in missed:
        if id(row) != first:
            hints[id(row)] = Hint(text, judge_by=_parse(text), method=name)
    return hints


def _fits(ctx: Context, table: Table, row: Row, target: str, stated: Figure, text: str) -> bool | None:
    """Whether the stated figure lies in the range of `text` over the row's figures
    (None when the formula cannot be computed for the row)."""
    env: dict[str, Interval] = {}
    for name in _input_names(text):
        figure = row.figure(name)
        if figure is None or figure.value is None or figure.error:
            return None
        env[name] = ctx.interval(table, name, figure)
    try:
        expected = evaluate_interval(_parse(text), env)
    except (ZeroDivisionError, ExpressionError):
        return None
    return ctx.interval(table, target, stated).overlaps(expected)


Inputs = tuple[Expression, dict[str, Figure], Decimal, "Hint | None"]
"""What a formula item keeps: its expression, the figures it reads, its exact value, and
the other convention its stated figure fits (if it misses its own)."""


def _range(ctx: Context, entry: FigureEntry, rounding: Rounding) -> Interval:
    table, _, _, _, (expression, inputs, _, _) = entry
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


def expression_for(rule: Rule, ctx: Context, table: Table, row: Row) -> Expression | None:
    """The rule's expression for this row, capped when the project sets a cap option."""
    expression = _uncapped(rule, ctx, row, table)
    return None if expression is None else _capped(rule, ctx, expression)


def _capped(rule: Rule, ctx: Context, expression: Expression) -> Expression:
    """The expression capped when the project sets the rule's cap option."""
    cap = ctx.settings.options.get(rule.params.get("cap_option", ""), "")
    if not cap:
        return expression
    try:
        limit = Decimal(cap)
    except ArithmeticError as exc:
        raise ExpressionError(f"batas {cap!r} bukan angka", en=f"the cap {cap!r} is not a number") from exc
    return _parse(f"min({expression.text}, {limit})")


def _uncapped(rule: Rule, ctx: Context, row: Row, table: Table) -> Expression | None:
    params = rule.params
    if "expression" in params:
        return _parse(params["expression"])
    if "methods" in params and "method_option" in params:
        return _method_expression(rule, _method(rule, ctx, table)[0])
    if "row_formula" in params:
        stated = row.text(params["row_formula"])
        return _parse(stated) if stated else None  # an ExpressionError here is the report's
    if "indicator_formula" in params:
        indicator = indicator_of(ctx, row.kode)
        own = getattr(indicator, params["indicator_formula"], None) if indicator else None
        if own:
            return _parse(own)  # an ExpressionError here is the report's, said as "cannot verify"
        directions = dict(params.get("by_direction", {}))
        if not directions:
            return None
        arah = direction(indicator)[0]
        text = _declared(ctx, arah) or directions.get(arah)
        return _parse(text) if text else None
    return None


def _method(rule: Rule, ctx: Context, table: Table) -> tuple[str, str]:
    """The method in force for a table and who chose it ("declared" or only the "rule"):
    the table's own statement (`metode_efisiensi`), else the project's option, else the
    report's (`identitas.metode_efisiensi`), else the rule's default."""
    key = rule.params.get("method_declared", "")
    own = getattr(table, key, None) if key else None
    if own:
        return str(own), "declared"
    option = ctx.settings.options.get(rule.params["method_option"])
    if option:
        return option, "declared"
    report = getattr(ctx.report.identitas, key, None) if key else None
    if report:
        return str(report), "declared"
    return str(rule.params.get("default_method", "")), "rule"


def _method_expression(rule: Rule, method: str) -> Expression | None:
    """A method's expression: one of the rule's methods by name, else the formula the report
    states (`capaian_kinerja / capaian_anggaran`)."""
    methods = rule.params["methods"]
    if method in methods:
        return _parse(str(methods[method]))
    if not method:
        return None
    if _METHOD_NAME.match(method):
        known = ", ".join(f"'{m}'" for m in sorted(methods))
        raise ExpressionError(f"metode {method!r} tidak dikenal (dikenal: {known}, atau tulis rumusnya)",
                              en=f"the method {method!r} is unknown (known: {known}, or write its formula)")
    return _parse(method)


def _declared(ctx: Context, arah: str) -> str | None:
    """The formula for a direction declared by the project ([capaian]), else by the report
    (identitas.rumus_capaian_turun, lower-is-better only)."""
    if ctx.settings.capaian.get(arah):
        return ctx.settings.capaian[arah]
    if arah == "turun":
        return ctx.report.identitas.rumus_capaian_turun or None
    return None


def _source(rule: Rule, ctx: Context, indicator: Indicator | None, arah: str) -> str:
    """Who declared the formula in force: the indicator, the project or the report, or
    only the rule ("rule")."""
    if indicator is not None and getattr(indicator, rule.params.get("indicator_formula", ""), None):
        return "indicator"
    return "declared" if _declared(ctx, arah) else "rule"


def indicator_of(ctx: Context, kode: str) -> Indicator | None:
    """The indicator a row reports: by its kode, or the one indicator of its sasaran."""
    found = ctx.indicators.get(kode)
    if found is not None:
        return found
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


Classified = tuple[Table, Row, str, Expression, dict[str, str], dict[str, "Decimal | str | None"]]
"""A stated category: its table, row, the word, the condition, the labels, the inputs."""


def _classified(rule: Rule, ctx: Context, target: str, where: Expression | None) -> Iterator[Classified]:
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
            yield table, row, stated, condition, labels, {n: values.get(n) for n in names}


def _classify(rule: Rule, ctx: Context, target: str, where: Expression | None) -> Iterator[Item]:
    """A stated category ("Efisien") against the label of a condition over stated figures."""
    for table, row, stated, condition, labels, inputs in _classified(rule, ctx, target, where):
        yield _category_item(rule, ctx, table, row, target, stated, condition, labels, inputs)


def relations(rule: Rule, ctx: Context) -> Iterator[rel.Relation]:
    """Each readable item as a relation: the stated figure = its formula over the row's
    figures, or the stated category = the label of its condition."""
    target = ctx.column_name(rule.params["target"])
    if "labels" in rule.params:
        where = _parse(rule.params["where"]) if "where" in rule.params else None
        for table, row, stated, condition, labels, inputs in _classified(rule, ctx, target, where):
            figures = {n: f for n in sorted(inputs)
                       if (f := row.figure(n)) is not None and f.value is not None}
            if len(figures) == len(inputs):
                yield rel.label(rule.code, ctx, (table, row, target, stated),
                                [(table, row, n, f) for n, f in figures.items()],
                                _labeller(condition, labels, list(figures)))
        return
    built = items(rule, ctx)
    for entry, unreadable in zip(built.entries, built.column("unreadable"), strict=True):
        if unreadable is None:
            table, row, column, stated, (expression, inputs, _, _) = entry
            names = sorted(inputs)
            yield rel.function(rule.code, ctx, (table, row, column, stated),
                               [(table, row, n, inputs[n]) for n in names], _computer(expression, names))


def _computer(expression: Expression, names: list[str]) -> Any:
    def compute(values: Any) -> Interval:
        return evaluate_interval(expression, dict(zip(names, values, strict=True)))
    return compute


def _labeller(condition: Expression, labels: dict[str, str], names: list[str]) -> Any:
    def compute(values: Any) -> str:
        env: dict[str, Decimal | str | None] = {n: v.mid for n, v in zip(names, values, strict=True)}
        return labels["true" if evaluate_bool(condition, env) else "false"]
    return compute


def _category_item(rule: Rule, ctx: Context, table: Table, row: Row, target: str, stated: str,
                   condition: Expression, labels: dict[str, str],
                   inputs: dict[str, Decimal | str | None]) -> Item:
    def make(_status: str) -> Finding:
        expected = labels["true" if evaluate_bool(condition, dict(inputs)) else "false"]
        return ctx.finding(rule, table, row, target, expected=expected, stated=stated,
                           location=row.cells[target].location, fields={"formula": condition.text})

    values = {"unreadable": None, "inputs": inputs, "label": stated, "formula": condition.text}
    return Item(table.id, row.kode, target, stated, values, make)


FORMULA_OWNERS = {
    "methods": {"id": "metode efisiensi yang dinyatakan", "en": "the stated efficiency method"},
    "row_formula": {"id": "rumus yang dinyatakan", "en": "the stated formula"},
}
"""Whose formula a finding that cannot use it names (else the indicator's)."""


def _bad_formula(rule: Rule, reason: dict[str, str]) -> dict[str, str]:
    owner = next((FORMULA_OWNERS[k] for k in FORMULA_OWNERS if k in rule.params),
                 {"id": "rumus indikator", "en": "the indicator's formula"})
    return {"id": f"{owner['id']} tidak dapat dipakai: {reason['id']}",
            "en": f"{owner['en']} cannot be used: {reason['en']}"}


def _judge(built: IntervalItems, rule: Rule, ctx: Context, table: Table, row: Row, target: str,
           stated: Figure, expression: Expression, declared: bool = False, hint: Hint | None = None) -> None:
    inputs: dict[str, Figure] = {}
    for name in _input_names(expression.text):
        figure = row.figure(name)
        if figure is None:
            if declared and name not in KNOWN_INPUTS:
                # A formula the report declares names a column no row can have: a typo.
                finding = ctx.finding(rule, table, row, target, figure=stated, status=STATUS_UNVERIFIABLE,
                                      reason=_bad_formula(rule, {"id": f"kolom {name!r} tidak dikenal",
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
    if ctx.listing:  # the diagnosis reads only which figures are compared
        built.figure(table, row, target, stated, (expression, inputs, Decimal(0), hint))
        return
    try:
        exact = evaluate_interval(
            expression, {n: Interval.point(f.value) for n, f in inputs.items() if f.value is not None}
        ).mid
    except ZeroDivisionError:
        return  # e.g. a target of 0: capaian is not defined
    built.figure(table, row, target, stated, (expression, inputs, exact, hint))
