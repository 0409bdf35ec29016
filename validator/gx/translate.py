"""Great Expectations as an interpreter of the engine's items and expectations.

Each rule kind compiles a rule into items and expectations (validator/engine/items.py,
validator/expectations.py). Here the items of one kind become one frame (a row per item,
with its `item` id and its rule's code, values written as text where GX compares text)
and each expectation becomes the GX expectation class of its shape (`GX_SHAPES`),
restricted to its rule's rows (`row_condition: rule == CODE`) and tagged in `meta` with
the rule and its role. GX decides every pass and fail; `items.decide` turns the roles
an item failed into the finding, exactly as the native interpreter does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from validator.bands import BandSet
from validator.coverage import RuleCount
from validator.engine import KINDS
from validator.engine.context import Context, Settings
from validator.engine.items import Items, as_text, decide
from validator.engine.plan import compile_all, count
from validator.expectations import Expect
from validator.findings import Finding, sort_findings
from validator.model import Report
from validator.ruleset import Rule

GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}
RESULT_FORMAT: dict[str, Any] = {"result_format": "COMPLETE", "unexpected_index_column_names": ["item"]}
SUITE_PREFIX = "lkjip."
LEADING = ("item", "rule", "table", "kode", "column", "stated")


@dataclass
class Plan:
    """What a gx run checks on one report: per family (rule kind) its rules' items."""

    context: Context
    rules: list[Rule]
    items: dict[str, list[tuple[Rule, Items]]] = field(default_factory=dict)
    counts: list[RuleCount] = field(default_factory=list)
    """What each rule checks (validator/coverage.py), counted from the same items."""

    def frame(self, family: str) -> pd.DataFrame:
        return frame_from_records(records(self.items.get(family, [])))


def plan(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
         band_sets: Mapping[str, BandSet] | None = None) -> Plan:
    ctx = Context(report, settings or Settings(), band_sets)
    result = Plan(ctx, list(rules))
    for compiled in compile_all(rules, ctx):
        result.counts.append(count(compiled))
        if len(compiled.items):
            result.items.setdefault(compiled.rule.kind, []).append((compiled.rule, compiled.items))
    return result


def records(items: Iterable[tuple[Rule, Items]]) -> list[dict[str, Any]]:
    """One frame row per item: its id, its rule, where it is and its values as text."""
    rows = [{"rule": rule.code, **{k: as_text(v) for k, v in record.items()}}
            for rule, found in items for record in found.records()]
    return [{"item": i, **row} for i, row in enumerate(rows)]


def frame_from_records(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The frame GX validates, indexed by item id (every column any row has)."""
    columns = list(dict.fromkeys([*LEADING, *(name for row in rows for name in row)]))
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    frame.index = pd.Index(frame["item"].astype("int64"), name=None)
    return frame


# -- expectations -> GX expectations ----------------------------------------------------------


def families(rules: Iterable[Rule]) -> list[str]:
    present = {r.kind for r in rules}
    return [kind for kind in KINDS if kind in present]


def suite_name(family: str) -> str:
    return SUITE_PREFIX + family


def suite(family: str, rules: Iterable[Rule], band_set: BandSet | None) -> Any:
    """The ExpectationSuite of one family (GX objects; the custom classes registered)."""
    import great_expectations as gx

    from validator.gx import expectations  # noqa: F401  (registers the custom classes)

    _ensure_context()
    result = gx.ExpectationSuite(name=suite_name(family), meta={"lkjip_family": family})
    for rule in rules:
        if rule.kind == family:
            for expectation in expectations_for(rule, band_set):
                result.add_expectation(expectation)
    return result


def _ensure_context() -> None:
    """GX builds suites only with an active data context: make an ephemeral one if none."""
    import great_expectations as gx
    from great_expectations.data_context.data_context.context_factory import project_manager
    from great_expectations.exceptions import DataContextRequiredError

    try:
        project_manager.get_current_project()
    except DataContextRequiredError:
        gx.get_context(mode="ephemeral")


def expectations_for(rule: Rule, band_set: BandSet | None) -> list[Any]:
    from great_expectations.expectations.row_conditions import Column

    made = []
    for expect in KINDS[rule.kind].expectations(rule, band_set):
        translated = _gx_expectation(expect)
        if translated is None:
            continue
        cls, kwargs = translated
        severity = GX_SEVERITY[rule.severity] if expect.role in ("check", "overlap", "grade") else "info"
        made.append(cls(**kwargs, row_condition=Column("rule") == rule.code, severity=severity,
                        description=f"{rule.code} {rule.name}: {ROLE_TEXT[expect.role]}",
                        meta={"lkjip_rule": rule.code, "lkjip_role": expect.role, "lkjip_kind": rule.kind}))
    return made


ROLE_TEXT = {
    "readable": "every input can be read (else: cannot verify)",
    "overlap": "the stated figure agrees with what it should be",
    "truncated": "agrees when every figure is read as truncated (then only a truncation note)",
    "truncated_nearest": "the truncated stated figure agrees with the rounded range (truncation note)",
    "grade": "the predicates printed with both figures agree",
    "check": "the rule holds",
}


def _gx_expectation(expect: Expect) -> tuple[Any, dict[str, Any]] | None:
    """The GX class and arguments of an expectation; None when it checks nothing."""
    return GX_SHAPES[expect.shape](expect.args)


def _column(name: str) -> Callable[[Mapping[str, Any]], tuple[Any, dict[str, Any]]]:
    """A shape over one column, mapped to a GX class by name (imported when used)."""
    def translate(args: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
        import great_expectations.expectations as gxe

        extra = {"value_set": as_text(list(args["values"]))} if "values" in args else {}
        return getattr(gxe, name), {"column": args["column"], **extra}
    return translate


def _pair(name: str, **fixed: Any) -> Callable[[Mapping[str, Any]], tuple[Any, dict[str, Any]]]:
    """A shape over two columns; rows with a missing value are not judged, as natively."""
    def translate(args: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
        import great_expectations.expectations as gxe

        from validator.gx import expectations as custom

        cls = getattr(gxe, name, None) or getattr(custom, name)
        extra = {k: v for k, v in args.items() if k not in ("a", "b")}
        return cls, {"column_A": args["a"], "column_B": args["b"], "ignore_row_if": "either_value_is_missing",
                     **fixed, **_gx_args(extra)}
    return translate


def _gx_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as GX stores them (JSON): a band set as data."""
    from validator.gx.expectations import band_set_data

    return {k: band_set_data(v) if isinstance(v, BandSet) else v for k, v in args.items()}


def _between(args: Mapping[str, Any]) -> tuple[Any, dict[str, Any]] | None:
    import great_expectations.expectations as gxe

    if args.get("min") is None and args.get("max") is None:
        return None  # no bound: nothing to check (GX refuses a range without bounds)
    return gxe.ExpectColumnValuesToBeBetween, {"column": args["column"], "min_value": args.get("min"),
                                               "max_value": args.get("max")}


def _unique(args: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    import great_expectations.expectations as gxe

    return gxe.ExpectCompoundColumnsToBeUnique, {"column_list": list(args["columns"])}


def _custom(name: str) -> Callable[[Mapping[str, Any]], tuple[Any, dict[str, Any]]]:
    def translate(args: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
        from validator.gx import expectations as custom

        return getattr(custom, name), _gx_args(args)
    return translate


GX_SHAPES: dict[str, Callable[[Mapping[str, Any]], tuple[Any, dict[str, Any]] | None]] = {
    "missing": _column("ExpectColumnValuesToBeNull"),
    "present": _column("ExpectColumnValuesToNotBeNull"),
    "in_set": _column("ExpectColumnValuesToBeInSet"),
    "not_in_set": _column("ExpectColumnValuesToNotBeInSet"),
    "between": _between,
    "equal": _pair("ExpectColumnPairValuesToBeEqual"),
    "at_least": _pair("ExpectColumnPairValuesAToBeGreaterThanB", or_equal=True),
    "overlap": _pair("ExpectColumnPairIntervalsToOverlap"),
    "grade_in_band": _pair("ExpectGradeToMatchBand"),
    "label_of_condition": _pair("ExpectLabelToMatchCondition"),
    "unique": _unique,
    "no_repeat": _custom("ExpectColumnValuesToNotRepeatEarlierRows"),
    "parent_present": _custom("ExpectParentKodeToBePresent"),
}
"""Each expectation shape (validator/expectations.py) as a GX expectation class."""


# -- GX results -> findings -------------------------------------------------------------------


def result_records(suite_result: Any) -> list[dict[str, Any]]:
    """The part of a GX suite validation result lkjip needs, as JSON data:
    [{rule, role, success, unexpected: [item ids]}]. Raises if GX could not evaluate
    an expectation (that is a bug, not a finding)."""
    rows = []
    for result in suite_result.results:
        config = result.expectation_config
        info = result.exception_info or {}
        if info.get("raised_exception"):
            raise RuntimeError(f"GX could not evaluate {config.type} ({config.meta}): "
                               f"{info.get('exception_message')}")
        meta = config.meta or {}
        rows.append({"rule": meta["lkjip_rule"], "role": meta["lkjip_role"], "success": bool(result.success),
                     "unexpected": _unexpected_ids(result.result or {})})
    return rows


def _unexpected_ids(result: Mapping[str, Any]) -> list[int]:
    ids = []
    for entry in result.get("unexpected_index_list") or []:
        ids.append(int(entry["item"]) if isinstance(entry, Mapping) else int(entry))
    return sorted(set(ids))


def findings(current: Plan, results: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """The findings GX's results call for, in the native engine's order."""
    failed: dict[tuple[str, int], set[str]] = {}
    for row in results:
        for item in row["unexpected"]:
            failed.setdefault((row["rule"], int(item)), set()).add(row["role"])
    band_set = current.context.band_set()
    roles = {r.code: [e.role for e in KINDS[r.kind].expectations(r, band_set)] for r in current.rules}
    made: list[Finding] = []
    for family in current.items.values():
        number = 0  # item ids run on across the rules of a family, as in its frame
        for rule, found in family:
            for position in range(len(found)):
                item_failed = failed.get((rule.code, number), set())
                status = decide(item_failed, roles[rule.code], found.on_fail(position))
                if status is not None:
                    made.append(found.make(position, status))
                number += 1
    return sort_findings(made)
