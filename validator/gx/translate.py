"""The translation layer: rules -> expectation suites and frames; GX results -> findings.

One suite and one frame per rule family (the rule kind). A frame has one row per item
a rule checks (validator/gx/items.py) with an `item` id and the rule's code; each rule
becomes a few expectations restricted to its rows (`row_condition: rule == CODE`), each
tagged in `meta` with the rule and the role it plays:

- `readable`: the item's inputs could be read (`unreadable` is null), else the finding
  says "cannot verify";
- `overlap`, `truncated`, `truncated_nearest` (sum, formula, aggregate): the stated
  figure's interval overlaps its formula's range; failing `overlap` is a mismatch, or
  only a truncation note when either truncated reading passes;
- `overlap`, `grade` (reconcile): the two tables' figures overlap and their grades agree;
- `check` (band, schema, revision): the rule's check (REV004 has two, on different rows).

GX decides every pass and fail; this module only turns its unexpected rows back into
the findings the native engine would make for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from validator.bands import BandSet
from validator.engine.context import Context, Settings
from validator.findings import (
    STATUS_MISMATCH,
    STATUS_TRUNCATION,
    STATUS_UNVERIFIABLE,
    Finding,
    sort_findings,
)
from validator.gx.items import Item, band_text, decimal_text, items_for
from validator.model import UNKNOWN_LEVEL, Report
from validator.ruleset import Rule

INTERVAL_KINDS = ("sum", "formula", "aggregate")
TRANSLATED = (*INTERVAL_KINDS, "reconcile", "band", "schema", "revision")
COMMON = ("item", "rule", "table", "kode", "column", "stated", "unreadable")
RANGES = ("stated_range", "expected_range", "stated_range_truncated", "expected_range_truncated")
COLUMNS: dict[str, tuple[str, ...]] = {
    "sum": (*COMMON, *RANGES),
    "formula": (*COMMON, *RANGES, "formula", "inputs", "label"),
    "aggregate": (*COMMON, *RANGES),
    "reconcile": (*COMMON, "other_table", "other_stated", "stated_range", "other_range", "grade",
                  "other_grade"),
    "band": (*COMMON, "score", "grade", "band"),
    "schema": (*COMMON, "level", "parent", "parent_level", "above", "value"),
    "revision": (*COMMON, "date", "other", "other_date", "urutan", "finals", "latest", "signed", "previous",
                 "attached", "other_table", "old_name", "new_name", "old", "reason", "found_in"),
}
GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}
RESULT_FORMAT: dict[str, Any] = {"result_format": "COMPLETE", "unexpected_index_column_names": ["item"]}
SUITE_PREFIX = "lkjip."


@dataclass
class Plan:
    """What a gx run checks on one report: the items per family, and the rules GX does
    not translate yet (checked by the native engine)."""

    context: Context
    rules: list[Rule]
    items: dict[str, list[Item]] = field(default_factory=dict)
    untranslated: list[Rule] = field(default_factory=list)

    def frame(self, family: str) -> pd.DataFrame:
        return frame_from_records(family, records(self.items.get(family, [])))


def plan(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
         band_sets: Mapping[str, BandSet] | None = None) -> Plan:
    ctx = Context(report, settings or Settings(), band_sets)
    result = Plan(ctx, [r for r in rules if r.kind in TRANSLATED],
                  untranslated=[r for r in rules if r.kind not in TRANSLATED])
    for rule in result.rules:
        result.items.setdefault(rule.kind, []).extend(items_for(rule, ctx))
    return result


def records(items: Iterable[Item]) -> list[dict[str, Any]]:
    return [{"item": i, **item.record} for i, item in enumerate(items)]


def frame_from_records(family: str, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The frame GX validates: the family's columns, indexed by item id."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(COLUMNS[family]))
    frame.index = pd.Index(frame["item"].astype("int64"), name=None)
    return frame


# -- rules -> expectations --------------------------------------------------------------------


def families(rules: Iterable[Rule]) -> list[str]:
    present = {r.kind for r in rules}
    return [f for f in COLUMNS if f in present]


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
    specs = _specs(rule, band_set)
    return [_expectation(rule, role, cls, kwargs) for role, cls, kwargs in specs]


def _expectation(rule: Rule, role: str, cls: Any, kwargs: dict[str, Any]) -> Any:
    from great_expectations.expectations.row_conditions import Column

    severity = GX_SEVERITY[rule.severity] if role in ("check", "overlap", "grade") else "info"
    return cls(**kwargs, row_condition=Column("rule") == rule.code, severity=severity,
               description=f"{rule.code} {rule.name}: {ROLE_TEXT[role]}",
               meta={"lkjip_rule": rule.code, "lkjip_role": role, "lkjip_kind": rule.kind})


ROLE_TEXT = {
    "readable": "every input can be read (else: cannot verify)",
    "overlap": "the stated figure agrees with what it should be",
    "truncated": "agrees when every figure is read as truncated (then only a truncation note)",
    "truncated_nearest": "the truncated stated figure agrees with the rounded range (truncation note)",
    "grade": "the predicates printed with both figures agree",
    "check": "the rule holds",
}


def _specs(rule: Rule, band_set: BandSet | None) -> list[tuple[str, Any, dict[str, Any]]]:
    import great_expectations.expectations as gxe

    from validator.gx.expectations import ExpectColumnPairIntervalsToOverlap as Overlap

    readable = ("readable", gxe.ExpectColumnValuesToBeNull, {"column": "unreadable"})
    if rule.kind == "formula" and "labels" in rule.params:
        from validator.gx.expectations import ExpectLabelToMatchCondition

        return [readable, ("check", ExpectLabelToMatchCondition,
                           {"column_A": "inputs", "column_B": "label", "condition": rule.params["expression"],
                            "labels": {str(k).lower(): str(v) for k, v in rule.params["labels"].items()}})]
    if rule.kind in INTERVAL_KINDS:
        return [readable,
                ("overlap", Overlap, {"column_A": "stated_range", "column_B": "expected_range"}),
                ("truncated", Overlap, {"column_A": "stated_range_truncated",
                                        "column_B": "expected_range_truncated"}),
                ("truncated_nearest", Overlap, {"column_A": "stated_range_truncated",
                                                "column_B": "expected_range"})]
    if rule.kind == "reconcile":
        return [readable,
                ("overlap", Overlap, {"column_A": "stated_range", "column_B": "other_range"}),
                ("grade", gxe.ExpectColumnPairValuesToBeEqual,
                 {"column_A": "grade", "column_B": "other_grade",
                  "ignore_row_if": "either_value_is_missing"})]
    if rule.kind == "band":
        return [readable, ("check", *_band_check(rule, band_set))]
    if rule.kind == "revision":
        return [("check", cls, kwargs) for cls, kwargs in _revision_checks(rule)]
    bounds = (rule.params.get("min"), rule.params.get("max"))
    if rule.params["check"] == "in_range" and bounds == (None, None):
        return []  # no bound: nothing to check (GX refuses a range without bounds)
    return [("check", *_schema_check(rule))]


def _band_check(rule: Rule, band_set: BandSet | None) -> tuple[Any, dict[str, Any]]:
    import great_expectations.expectations as gxe

    from validator.gx.expectations import ExpectGradeToMatchBand, band_set_data

    bands = band_set.bands if band_set else ()
    check = rule.params["check"]
    if check == "boundary":
        bounds = sorted({decimal_text(v) for b in bands for v in (b.bawah, b.atas)})
        return gxe.ExpectColumnValuesToNotBeInSet, {"column": "score", "value_set": bounds}
    if check == "printed":
        regulation = {b.predikat: b for b in bands}
        allowed = [band_text(b.predikat, b.bawah, b.atas) for b in regulation.values()]
        return gxe.ExpectColumnValuesToBeInSet, {"column": "band", "value_set": allowed}
    data = band_set_data(band_set) if band_set else {"id": "-", "name": "-", "bands": []}
    return ExpectGradeToMatchBand, {"column_A": "score", "column_B": "grade", "band_set": data}


def _schema_check(rule: Rule) -> tuple[Any, dict[str, Any]]:
    import great_expectations.expectations as gxe

    from validator.gx.expectations import ExpectParentKodeToBePresent

    check = rule.params["check"]
    if check == "readable":
        return gxe.ExpectColumnValuesToBeNull, {"column": "unreadable"}
    if check == "unique_kode":
        return gxe.ExpectCompoundColumnsToBeUnique, {"column_list": ["table", "kode"]}
    if check == "parent_exists":
        return ExpectParentKodeToBePresent, {}
    if check == "parent_position":
        return gxe.ExpectColumnPairValuesToBeEqual, {"column_A": "above", "column_B": "parent",
                                                     "ignore_row_if": "either_value_is_missing"}
    if check == "known_kode":
        return gxe.ExpectColumnValuesToNotBeInSet, {"column": "level", "value_set": [UNKNOWN_LEVEL]}
    bounds = {"min_value": rule.params.get("min"), "max_value": rule.params.get("max")}
    return gxe.ExpectColumnValuesToBeBetween, {"column": "value", **bounds}


def _revision_checks(rule: Rule) -> list[tuple[Any, dict[str, Any]]]:
    """The expectations of a revision rule over the columns of validator/gx/items.py."""
    import great_expectations.expectations as gxe

    from validator.gx.expectations import ExpectColumnValuesToNotRepeatEarlierRows

    either = {"ignore_row_if": "either_value_is_missing"}
    checks: dict[str, list[tuple[Any, dict[str, Any]]]] = {
        "missing_date": [(gxe.ExpectColumnValuesToNotBeNull, {"column": "date"})],
        "duplicate_sequence": [(ExpectColumnValuesToNotRepeatEarlierRows, {"column": "urutan"})],
        "order": [(gxe.ExpectColumnPairValuesAToBeGreaterThanB,
                   {"column_A": "date", "column_B": "other_date", "or_equal": True})],
        "final": [(gxe.ExpectColumnValuesToBeInSet, {"column": "finals", "value_set": [1]}),
                  (gxe.ExpectColumnPairValuesToBeEqual,
                   {"column_A": "kode", "column_B": "latest", **either})],
        "signature_date": [(gxe.ExpectColumnPairValuesToBeEqual,
                            {"column_A": "date", "column_B": "signed", **either})],
        "missing_previous": [(gxe.ExpectColumnValuesToNotBeNull, {"column": "previous"})],
        "final_attached": [(gxe.ExpectColumnValuesToBeInSet, {"column": "attached", "value_set": [True]})],
        "renamed": [(gxe.ExpectColumnPairValuesToBeEqual, {"column_A": "old_name", "column_B": "new_name"})],
        "target_changed": [(gxe.ExpectColumnValuesToNotBeNull, {"column": "reason"})],
        "final_coverage": [(gxe.ExpectColumnValuesToNotBeNull, {"column": "found_in"})],
        "realisation_coverage": [(gxe.ExpectColumnValuesToNotBeNull, {"column": "found_in"})],
    }
    return checks[rule.params["check"]]


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
    made: list[Finding] = []
    for family, items in current.items.items():
        for i, item in enumerate(items):
            status = decide(family, item, failed.get((item.rule.code, i), set()))
            if status is not None:
                made.append(item.make(status))
    return sort_findings(made)


def decide(family: str, item: Item, failed: set[str]) -> str | None:
    """The finding's status from the roles an item failed (None: no finding)."""
    if "readable" in failed:
        return STATUS_UNVERIFIABLE
    if "check" in failed:
        return item.on_fail
    if family in INTERVAL_KINDS:
        if "overlap" not in failed:
            return None
        return STATUS_MISMATCH if {"truncated", "truncated_nearest"} <= failed else STATUS_TRUNCATION
    if family == "reconcile":
        return STATUS_MISMATCH if failed & {"overlap", "grade"} else None
    return None
