"""Rule kind `coverage`: the check itself must have verified most of the report's figures.

Compiled after every other rule in force (`COUNTS`: validator/engine/plan.py), from
their counts: `checked`, the items of the rules that read figures (those with a
`readable` expectation: sums, formulas, reconciliations, statements, bands) and
`unverifiable`, how many of them could not be verified. `max_unverifiable` is the share
allowed (0.5: more than half fails). One item per rule, about the whole report (see
`required`), with `allowed` = the most items that may be unverifiable, and the
expectation `at_least: [allowed, unverifiable]`. A report where nothing was checked
passes here: the `required` rules say what it lacks.

Message fields: `{unverifiable}`, `{checked}`, `{percent}` (of the checked items),
`{max_percent}` and `{rules}` (the rules with the most unverifiable items, with counts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from validator.bands import BandSet
from validator.coverage import RuleCount, count_text
from validator.engine.context import Context
from validator.engine.items import Item, Items
from validator.engine.required import WHOLE_REPORT, report_finding
from validator.expectations import Expect
from validator.ruleset import Rule

COUNTS = True
"""`items` gets the counts of the rules compiled before it."""

SHOWN_RULES = 5
WHOLE_REPORT_KIND = True
"""Its rules are about the report as a whole: not counted as rules applied (coverage.py)."""


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return [Expect("check", "at_least", {"a": "allowed", "b": "unverifiable"})]


def items(rule: Rule, ctx: Context, counts: Sequence[RuleCount] = ()) -> Items:
    share = Decimal(str(rule.params["max_unverifiable"]))
    figure_rules = [c for c in counts if c.figures]
    checked = sum(c.items for c in figure_rules)
    unverifiable = sum(c.unverifiable for c in figure_rules)
    allowed = math.floor(share * checked)
    worst = sorted((c for c in figure_rules if c.unverifiable), key=lambda c: (-c.unverifiable, c.code))

    def fields(lang: str) -> dict[str, str]:
        percent = Decimal(unverifiable * 100) / checked if checked else Decimal(0)
        shown = ", ".join(f"{c.code} ({count_text(c.unverifiable, lang)})" for c in worst[:SHOWN_RULES])
        return {"unverifiable": count_text(unverifiable, lang), "checked": count_text(checked, lang),
                "percent": _percent(percent, lang), "max_percent": _percent(share * 100, lang),
                "rules": shown}

    values = {"checked": checked, "unverifiable": unverifiable, "allowed": allowed}
    return Items.of([Item(WHOLE_REPORT, "", None, None, values,
                          lambda status: report_finding(rule, ctx.report, status,
                                                        {lang: fields(lang) for lang in ("id", "en")}))])


def _percent(value: Decimal, lang: str) -> str:
    text = f"{value.quantize(Decimal('1')) if value == value.to_integral() else round(value, 1)}"
    return (text if lang == "en" else text.replace(".", ",")) + "%"
