"""Property-based tests: the number parser, the rule language and whole generated reports.

200 examples per property by default; LKJIP_FUZZ=1 runs 10,000 (tests/strategies.py).
"""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    BAGIAN,
    DPA,
    PERNYATAAN,
    PROFILE,
    REALISASI,
    TOTAL,
    BudgetRow,
    FigureRef,
    ReportSpec,
    any_expressions,
    changed,
    checked_refs,
    consistent_reports,
    decimal_values,
    expression_text,
    figures,
    number_text,
    plausible_printed,
    printed_like,
    report_yaml,
    safe_expressions,
)
from validator import engine
from validator.bands import BandSet, load_band_sets
from validator.build import build_report
from validator.engine.context import Settings
from validator.expr import (
    FUNCTIONS,
    Binary,
    Call,
    Compare,
    Expression,
    ExpressionError,
    Logic,
    Node,
    Num,
    Unary,
    Var,
    evaluate_bool,
    evaluate_interval,
    parse,
)
from validator.findings import Finding
from validator.intervals import Interval
from validator.numbers import MAX_DIGITS, NumberFormatError, format_en, format_id, parse_number
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule, bundled_rules_dir, load_rules

STYLES = st.sampled_from(["id", "en"])

# -- the number parser ----------------------------------------------------------------------


@PROFILE
@given(st.one_of(number_text, printed_like(), plausible_printed()), STYLES)
def test_number_parser_raises_only_its_own_error(text: str, style: Any) -> None:
    try:
        parsed = parse_number(text, style)
    except NumberFormatError:
        return
    # What it accepts is a finite number of bounded size.
    assert parsed.value.is_finite()
    assert len(parsed.value.as_tuple().digits) <= MAX_DIGITS
    assert parsed.decimals >= 0


@PROFILE
@given(decimal_values(), STYLES,
       st.sampled_from([("", ""), ("Rp. ", ",-"), ("Rp ", ""), ("", "%"), ("", " Orang")]))
def test_a_formatted_number_reads_back(value_decimals: tuple[Decimal, int], style: str,
                                       dress: tuple[str, str]) -> None:
    value, decimals = value_decimals
    prefix, suffix = dress
    text = format_id(value, decimals) if style == "id" else format_en(value, decimals)
    parsed = parse_number(prefix + text + suffix, style)  # type: ignore[arg-type]
    assert parsed.value == value
    assert parsed.decimals == decimals
    assert parsed.percent == (suffix == "%")
    assert parsed.unit == ("Orang" if suffix == " Orang" else None)


@PROFILE
@given(st.one_of(plausible_printed(), plausible_printed(), printed_like()), STYLES)
def test_format_of_a_parsed_number_parses_to_the_same_value(text: str, style: str) -> None:
    try:
        parsed = parse_number(text, style)  # type: ignore[arg-type]
    except NumberFormatError:
        assume(False)
        return
    again_text = (format_id if style == "id" else format_en)(parsed.value, parsed.decimals)
    again = parse_number(again_text, style)  # type: ignore[arg-type]
    assert (again.value, again.decimals) == (parsed.value, parsed.decimals)


# -- the rule language ----------------------------------------------------------------------


def _nodes(node: Node) -> list[Node]:
    if isinstance(node, (Num, Var)):
        return [node]
    if isinstance(node, Unary):
        return [node, *_nodes(node.operand)]
    if isinstance(node, (Binary, Compare)):
        return [node, *_nodes(node.left), *_nodes(node.right)]
    if isinstance(node, Logic):
        return [node, *(n for operand in node.operands for n in _nodes(operand))]
    return [node, *(n for arg in node.args for n in _nodes(arg))]


def _parse_or_none(text: str) -> Expression | None:
    try:
        return parse(text)
    except ExpressionError:
        return None


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ast.parse warns on backslashes in random text
@PROFILE
@given(st.one_of(any_expressions, expression_text))
def test_expressions_parse_or_raise_expression_error_only(text: str) -> None:
    expression = _parse_or_none(text)
    if expression is None:
        return
    # What is accepted is built only of the language's own nodes and functions.
    for node in _nodes(expression.root):
        assert isinstance(node, (Num, Var, Unary, Binary, Compare, Logic, Call))
        if isinstance(node, Call):
            assert node.function in FUNCTIONS


def _environment(draw: st.DrawFn, names: frozenset[str]) -> dict[str, Interval]:
    env = {}
    for name in sorted(names):
        if draw(st.integers(0, 9)) == 0:
            continue  # a missing input: KeyError is allowed
        low = Decimal(draw(st.integers(-(10**15), 10**15))).scaleb(-draw(st.integers(0, 4)))
        width = Decimal(draw(st.integers(0, 10**6))).scaleb(-draw(st.integers(0, 6)))
        env[name] = Interval(low, low + width)
    return env


@PROFILE
@given(safe_expressions, st.data())
def test_evaluating_an_accepted_expression_raises_only_allowed_errors(text: str, data: st.DataObject) -> None:
    expression = _parse_or_none(text)
    assume(expression is not None)
    assert expression is not None
    env = _environment(data.draw, expression.names)
    with contextlib.suppress(KeyError, ZeroDivisionError, ExpressionError):
        result = evaluate_interval(expression, env)
        assert result.low <= result.high
    points: dict[str, Decimal | str | None] = {
        name: data.draw(st.none() | st.just("teks") | st.decimals(allow_nan=False, allow_infinity=False,
                                                                  places=2, min_value=-10**12,
                                                                  max_value=10**12))
        for name in expression.names
    }
    assert evaluate_bool(expression, points) in (True, False)


def test_an_infinite_constant_is_refused_or_evaluates() -> None:
    """Was a bug found by the corpus: 1e309 became Decimal('Infinity')."""
    with contextlib.suppress(ExpressionError):
        expression = parse("realisasi * 1e309")
        with contextlib.suppress(KeyError, ZeroDivisionError, ExpressionError):
            evaluate_interval(expression, {"realisasi": Interval(Decimal(0), Decimal(1))})
        evaluate_bool(expression, {"realisasi": Decimal(0)})


# -- generated reports ------------------------------------------------------------------------


# The generated reports are specimens of consistent figures, not whole LKjIPs: the rules
# about the report as a whole (REQ: its required parts, COV: how much could be verified)
# are tested on their fixtures and in test_coverage.py.
WHOLE_REPORT_RULES = ("REQ", "COV")


@cache
def _rules() -> tuple[tuple[Rule, ...], dict[str, BandSet]]:
    rules = tuple(r for r in load_rules() if not r.code.startswith(WHOLE_REPORT_RULES))
    return rules, load_band_sets(bundled_rules_dir() / "bands")


def check(text: str) -> list[Finding]:
    rules, bands = _rules()
    report = build_report(parse_yaml_tree(text, "gen.yaml"), "gen.yaml")
    return engine.run(report, rules, Settings(), bands)


def describe(findings: list[Finding]) -> list[str]:
    return [f"{f.code} {f.severity} {f.kode} {f.column}: {f.message('en')}" for f in findings]


@PROFILE
@given(consistent_reports())
def test_a_consistent_report_has_no_findings(spec: ReportSpec) -> None:
    # Not even an info note: figures are rounded half-up, so no truncation note applies.
    assert describe(check(report_yaml(spec, figures(spec)))) == []


@PROFILE
@given(consistent_reports(), st.integers(1, 6))
def test_scaling_every_amount_keeps_a_report_consistent(spec: ReportSpec, k: int) -> None:
    assert describe(check(report_yaml(spec, figures(spec, scale=k)))) == []


def _signature(finding: Finding) -> tuple[Any, ...]:
    """A finding without its place (which moves when rows move)."""
    return (finding.code, finding.severity, finding.status, finding.table, finding.kode,
            finding.column, finding.stated, str(finding.expected), finding.message("en"))


@PROFILE
@given(consistent_reports(), st.data())
def test_findings_do_not_depend_on_row_order(spec: ReportSpec, data: st.DataObject) -> None:
    values = figures(spec)
    # Some wrong figures first, so that there are findings to compare.
    refs = checked_refs(values)
    for _ in range(data.draw(st.integers(0, 3))):
        ref = data.draw(st.sampled_from(refs))
        values[ref] = changed(values[ref], data.draw(st.sampled_from([-1, 1])),
                              Decimal(data.draw(st.integers(1, 50))) / 100)
    seed = data.draw(st.integers(0, 2**32))

    def shuffled(table: str, rows: list[BudgetRow]) -> list[BudgetRow]:
        random.Random(f"{seed}-{table}").shuffle(rows)
        return rows

    def without_order_rule(findings: list[Finding]) -> Counter[tuple[Any, ...]]:
        # DAT004 is about the order itself: a row printed under another parent.
        return Counter(_signature(f) for f in findings if f.code != "DAT004")

    in_order = check(report_yaml(spec, values))
    reordered = check(report_yaml(spec, values, order=shuffled))
    assert without_order_rule(reordered) == without_order_rule(in_order)
    assert not [f for f in in_order if f.code == "DAT004"]


@PROFILE
@given(consistent_reports(), st.data())
def test_changing_one_checked_figure_is_found(spec: ReportSpec, data: st.DataObject) -> None:
    values = figures(spec)
    ref = data.draw(st.sampled_from(checked_refs(values)))
    sign = data.draw(st.sampled_from([-1, 1]))
    size = Decimal(data.draw(st.integers(1, 50))) / 100
    values[ref] = changed(values[ref], sign, size)
    findings = check(report_yaml(spec, values))
    assert any(f.kode == ref.kode for f in findings), (ref, values[ref].text, describe(findings))


def test_every_kind_of_checked_figure_can_be_changed() -> None:
    """The mutation property covers each table, the totals and the statement."""
    spec = ReportSpec((
        BudgetRow("1.06.01", Decimal(1000), Decimal(500), 100, 90),
        BudgetRow("1.06.01.2.01", Decimal(1000), Decimal(500)),
        BudgetRow("1.06.01.2.01.0001", Decimal(1000), Decimal(500)),
    ))
    refs = set(checked_refs(figures(spec)))
    for expected in (
        FigureRef(DPA, "1.06.01.2.01.0001", "anggaran"), FigureRef(DPA, TOTAL, "anggaran"),
        FigureRef(REALISASI, "1.06.01", "capaian_kinerja"), FigureRef(REALISASI, "1.06.01", "efisiensi"),
        FigureRef(REALISASI, "1.06.01", "realisasi_kinerja"), FigureRef(REALISASI, TOTAL, "realisasi"),
        FigureRef(PERNYATAAN, BAGIAN, "serapan_anggaran"),
        FigureRef(PERNYATAAN, BAGIAN, "efisiensi_anggaran"),
    ):
        assert expected in refs
    assert check(report_yaml(spec, figures(spec))) == []
