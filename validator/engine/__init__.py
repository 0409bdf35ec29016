"""The rule engine: each kind compiles a rule into items and expectations
(validator/engine/items.py); the native interpreter judges them here, row by row.

`KINDS` is the one list of rule kinds. A kind is a module with two functions:
`items(rule, ctx)`, the things it checks in one report, and
`expectations(rule, band_set)`, what those items must meet. Great Expectations reads
the same two (validator/gx/translate.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress
from types import ModuleType

from validator.bands import BandSet
from validator.engine import aggregate, band, completeness, formula, reconcile, revision, schema, shapes
from validator.engine import coverage as coverage_kind
from validator.engine import required as required_kind
from validator.engine import sum as sum_kind
from validator.engine.context import Settings
from validator.engine.items import Items, decide
from validator.expectations import TRUNCATION_ROLES, Expect
from validator.findings import Finding
from validator.model import Report
from validator.ruleset import Rule

KINDS: dict[str, ModuleType] = {
    "sum": sum_kind,
    "formula": formula,
    "aggregate": aggregate,
    "reconcile": reconcile,
    "band": band,
    "schema": schema,
    "revision": revision,
    "completeness": completeness,
    "required": required_kind,
    "coverage": coverage_kind,
}


def run(report: Report, rules: Iterable[Rule], settings: Settings | None = None,
        band_sets: Mapping[str, BandSet] | None = None) -> list[Finding]:
    """Every finding of the given rules on one report, in a deterministic order (what
    the check covered too: `validator.engine.plan.check`)."""
    from validator.engine import plan

    return plan.check(report, rules, settings, band_sets)[0]


def judge(items: Items, expects: Sequence[Expect]) -> Iterator[Finding]:
    """The findings of one rule's items, each expectation judged over whole columns; the
    truncated readings only for the items whose rounded reading disagrees."""
    if not len(items):
        return
    failed: dict[int, set[str]] = {}  # position -> roles failed; most items fail none
    everything = range(len(items))
    for expect in expects:
        if expect.role not in TRUNCATION_ROLES:
            _mark(expect, items.column, everything, failed)
    truncation = [e for e in expects if e.role in TRUNCATION_ROLES]
    disagreeing = sorted(p for p, roles in failed.items() if "overlap" in roles) if truncation else []
    if disagreeing:
        for expect in truncation:
            _mark(expect, lambda name: items.column(name, disagreeing), disagreeing, failed)
    roles = [e.role for e in expects]
    for position in sorted(failed):
        status = decide(failed[position], roles, items.on_fail(position))
        if status is not None:
            yield items.make(position, status)


def _mark(expect: Expect, column: shapes.Column, positions: Sequence[int],
          failed: dict[int, set[str]]) -> None:
    flags = shapes.failing(expect, column)
    assert len(flags) == len(positions)
    for position in compress(positions, flags):  # visit only the failing items
        failed.setdefault(position, set()).add(expect.role)
