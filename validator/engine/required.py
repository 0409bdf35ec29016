"""Rule kind `required`: a part every LKjIP must have.

`tables` selects the tables that count as the part (any selector: `jenis`, `versi`,
`has`, ...; the AKIP section is the table `akip`); at least one must match. One item per
rule, with `found`: the id of the first table that matches, null when none (the
expectation `present`). Its finding is about the whole report, not a table: it has no
table nor row, and cites the report's first line (a workbook or a CSV folder: the file).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from validator.bands import BandSet
from validator.engine.context import Context
from validator.engine.items import Item, Items
from validator.expectations import Expect
from validator.findings import STATUS_MISMATCH, Finding
from validator.model import Location, Report
from validator.ruleset import Rule

WHOLE_REPORT = "laporan"
"""The table of an item about the whole report, in an interpreter's frame."""
WHOLE_REPORT_KIND = True
"""Its rules are about the report as a whole: not counted as rules applied (coverage.py)."""


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return [Expect("check", "present", {"column": "found"})]


def items(rule: Rule, ctx: Context) -> Items:
    found = next((t.id for t in ctx.select(rule.params["tables"])), None)
    return Items.of([Item(WHOLE_REPORT, "", None, None, {"found": found},
                          lambda status: report_finding(rule, ctx.report, status))])


def report_location(report: Report) -> Location:
    """Where a finding about the whole report points: line 1 of a YAML report, else the file."""
    if report.source.lower().endswith((".yaml", ".yml")):
        return Location(report.source, line=1, column=1)
    return Location(report.source)


def report_finding(rule: Rule, report: Report, status: str = STATUS_MISMATCH,
                   fields: Mapping[str, Mapping[str, Any]] | None = None) -> Finding:
    """A finding about the whole report; `fields` per language fill the rule's message."""
    messages = {}
    for lang in ("id", "en"):
        values = {"report": report.source, "instansi": report.identitas.instansi,
                  "tahun": report.identitas.tahun, **((fields or {}).get(lang) or {})}
        template = rule.messages.get(lang) or rule.messages["id"]
        messages[lang] = template.format_map(_Blank(values))
    return Finding(code=rule.code, name=rule.name, severity=rule.severity, messages=messages,
                   report=report.source, location=report_location(report), status=status)


class _Blank(dict[str, Any]):
    """Fields a message names but this finding lacks are left blank."""

    def __missing__(self, key: str) -> str:
        return ""
