"""Compiling every rule in force on one report, and counting what each checks.

`compile_all` is the one place where a report's rules become items and expectations,
for every interpreter (the native `engine.run`, GX's `translate.plan`). The kinds that
judge the check itself (a kind module with `COUNTS = True`, such as `coverage`) are
compiled last, and their `items` get the counts of the rules compiled before them.

`count` says, from a rule's compiled items alone, how many it checks and how many cannot
be verified (they fail a `readable` expectation: `items.decide` then gives every
interpreter's finding the status `unverifiable`). So coverage never depends on the
interpreter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from validator.bands import BandSet
from validator.coverage import Coverage, RuleCount, measure
from validator.engine.context import Context, Settings
from validator.engine.items import Items
from validator.expectations import Expect
from validator.findings import Finding, sort_findings
from validator.model import Report
from validator.ruleset import Rule


@dataclass(frozen=True)
class Compiled:
    """One rule compiled on one report: its items and their expectations."""

    rule: Rule
    items: Items
    expects: list[Expect]


def compile_each(rules: Iterable[Rule], ctx: Context) -> Iterator[tuple[Compiled, RuleCount]]:
    """Every rule compiled, in rule order, with its count; the kinds that count the
    others last. One at a time, so the native engine can judge a rule and let its items
    go before the next is compiled (kept together, every rule's items would be garbage
    the collector scans again and again)."""
    from validator.engine import KINDS  # the registry imports this module

    band_set = ctx.band_set()
    ordered = list(rules)
    counts: list[RuleCount] = []
    for rule in (r for r in ordered if not getattr(KINDS[r.kind], "COUNTS", False)):
        kind = KINDS[rule.kind]
        compiled = Compiled(rule, kind.items(rule, ctx), kind.expectations(rule, band_set))
        counts.append(count(compiled))
        yield compiled, counts[-1]
    for rule in (r for r in ordered if getattr(KINDS[r.kind], "COUNTS", False)):
        kind = KINDS[rule.kind]
        compiled = Compiled(rule, kind.items(rule, ctx, list(counts)), kind.expectations(rule, band_set))
        yield compiled, count(compiled)


def compile_all(rules: Iterable[Rule], ctx: Context) -> list[Compiled]:
    """Every rule compiled (GX validates them all at once)."""
    return [compiled for compiled, _ in compile_each(rules, ctx)]


def count(compiled: Compiled) -> RuleCount:
    """How many items a compiled rule checks, and how many of them cannot be verified."""
    readable = [e for e in compiled.expects if e.role == "readable"]
    items = compiled.items
    unverifiable = 0
    if readable and len(items):
        # A `readable` expectation is `missing: unreadable` (items.READABLE): the item's
        # reason is read, not judged, so no interpreter's work is done twice.
        reasons = [items.column(_missing_column(e)) for e in readable]
        unverifiable = sum(1 for values in zip(*reasons, strict=True) if any(v is not None for v in values))
    from validator.engine import KINDS  # the registry imports this module

    whole = getattr(KINDS[compiled.rule.kind], "WHOLE_REPORT_KIND", False)
    return RuleCount(compiled.rule.code, compiled.rule.name, len(items), unverifiable, bool(readable), whole)


def _missing_column(expect: Expect) -> str:
    if expect.shape != "missing":
        raise ValueError(f"a readable expectation must be of shape missing, not {expect.shape}")
    return str(expect.args["column"])


def coverage(report: Report, compiled: Sequence[Compiled]) -> Coverage:
    return measure(report, (count(c) for c in compiled))


def check(report: Report, rules: Iterable[Rule], settings: Settings | None = None,
          band_sets: Mapping[str, BandSet] | None = None) -> tuple[list[Finding], Coverage]:
    """The native engine's findings on one report, and what the check covered."""
    from validator.engine import judge  # the registry imports this module

    ctx = Context(report, settings or Settings(), band_sets)
    findings: list[Finding] = []
    counts: list[RuleCount] = []
    for compiled, counted in compile_each(rules, ctx):
        findings.extend(judge(compiled.items, compiled.expects))
        counts.append(counted)
    return sort_findings(findings), measure(report, counts)
