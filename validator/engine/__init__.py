"""The rule engine: one small function per kind of rule, over one report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from validator.bands import BandSet
from validator.engine import aggregate, band, formula, reconcile, revision, schema
from validator.engine import sum as sum_kind
from validator.engine.context import Context, Settings
from validator.findings import Finding, sort_findings
from validator.model import Report
from validator.ruleset import Rule

KINDS: dict[str, Callable[[Rule, Context], Iterator[Finding]]] = {
    "sum": sum_kind.check,
    "formula": formula.check,
    "band": band.check,
    "reconcile": reconcile.check,
    "aggregate": aggregate.check,
    "schema": schema.check,
    "revision": revision.check,
}


def run(report: Report, rules: Iterable[Rule], settings: Settings | None = None,
        band_sets: Mapping[str, BandSet] | None = None) -> list[Finding]:
    """Every finding of the given rules on one report, in a deterministic order."""
    ctx = Context(report, settings or Settings(), band_sets)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(KINDS[rule.kind](rule, ctx))
    return sort_findings(findings)
