"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The rules go in tool.driver.rules with their documentation; each finding is a result
pointing at the YAML line (a workbook cell goes in the message, since SARIF regions
are text regions). partialFingerprints name the figure, not the line, so an alert
survives lines being added above it. A finding that follows from a root cause elsewhere
(validator/diagnosis) names it in its message and points at its figure(s) in
relatedLocations; properties `root` and `causedBy` carry the ids. Reports that cannot be
read are tool execution notifications.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from validator import __version__
from validator.errors import Problem
from validator.findings import Finding, sort_findings
from validator.formatters.common import coverage_dict, decimal_text, json_text
from validator.formatters.github import cell_place, is_csv, relative_path
from validator.model import Location
from validator.ruledocs import SECTION_TITLES, rule_markdown
from validator.ruleset import Rule
from validator.runner import RunResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://lkjip.invalid/"  # the project has no public home page yet
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT = "lkjipFinding/v1"


def render(result: RunResult, lang: str) -> str:
    return json_text(document(result, lang))


def document(result: RunResult, lang: str) -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(result.rules)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "lkjip", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI, "rules": [rule_descriptor(r) for r in result.rules],
        }},
        "invocations": [_invocation(result, lang)],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "language": lang,
        "results": _results(result, index, lang),
        # What each report's check covered (docs/output.md): a property bag, as SARIF allows.
        "properties": {"lkjipCoverage": [{"report": str(r.path), **(coverage_dict(r.coverage) or {})}
                                         for r in result.reports if r.coverage is not None]},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": rule.doc.get("what", rule.name)},
        "help": {"text": _help_text(rule), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(dict.fromkeys([*rule.tags, rule.kind])), "kind": rule.kind},
    }


def _help_text(rule: Rule) -> str:
    return "\n\n".join(f"{title}:\n{rule.doc[key].strip()}"
                       for key, title in SECTION_TITLES.items() if rule.doc.get(key))


def _results(result: RunResult, index: dict[str, int], lang: str) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    results = []
    for report in result.reports:
        for finding in sort_findings(report.findings):
            key = fingerprint(finding)
            seen[key] += 1
            # Two findings on the same figure of the same rule: keep them apart.
            if seen[key] > 1:
                key = fingerprint(finding, seen[key])
            results.append(_result(finding, index, key, lang))
    return results


def fingerprint(finding: Finding, occurrence: int = 1) -> str:
    """A hash of what the finding is about: rule, report, table, kode, column; no line."""
    parts = [finding.code, relative_path(finding.report), finding.table or "", finding.kode or "",
             finding.column or ""]
    if occurrence > 1:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _result(finding: Finding, index: dict[str, int], key: str, lang: str) -> dict[str, Any]:
    text = finding.message(lang)
    cell = cell_place(finding.location)
    if cell:
        text += f" [{cell}]"
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    related = related_locations(finding, lang)
    if finding.caused_by is not None:
        text += " " + ROOT_WORDS[lang]["follows"].format(root=finding.caused_by)
    result.update({
        "level": LEVELS.get(finding.severity, "error"),
        "message": {"text": text},
        "locations": [location(finding.location)],
        "partialFingerprints": {FINGERPRINT: key},
        "properties": _properties(finding),
    })
    if related:
        result["relatedLocations"] = related
    return result


ROOT_WORDS = {
    "id": {"follows": "(akibat dari akar masalah {root})", "root": "akar masalah {root}",
           "one_of": "akar masalah {root}, salah satu dari", "expected": "seharusnya",
           "if_wrong": "bila ini yang keliru, seharusnya"},
    "en": {"follows": "(follows from root cause {root})", "root": "root cause {root}",
           "one_of": "root cause {root}, one of", "expected": "expected",
           "if_wrong": "if this is the wrong one, expected"},
}


def related_locations(finding: Finding, lang: str) -> list[dict[str, Any]]:
    """The figures of the finding's root cause, when it is not simply this finding's own
    figure: a consequence points at its root, an ambiguous cause at each candidate."""
    cause = finding.cause
    if cause is None or not cause.diagnosed or (finding.at_root and len(cause.suspects) == 1
                                                 and not cause.ambiguous):
        return []
    words = ROOT_WORDS.get(lang, ROOT_WORDS["id"])
    related = []
    for number, suspect in enumerate(cause.suspects, start=1):
        if suspect.location is None:
            continue
        head = (words["one_of"] if cause.ambiguous else words["root"]).format(root=cause.id)
        place = f"{suspect.label(lang) or suspect.table} {suspect.kode} {suspect.column}"
        text = f"{head}: {place}: {suspect.stated}"
        expected = suspect.expected_in(lang)
        if expected:
            text += f", {words['if_wrong'] if cause.ambiguous else words['expected']} {expected}"
        related.append({"id": number, **location(suspect.location), "message": {"text": text}})
    return related


def _properties(finding: Finding) -> dict[str, Any]:
    values = {
        "status": finding.status, "table": finding.table, "tableLabel": finding.table_label,
        "kode": finding.kode, "row": finding.row, "column": finding.column,
        "stated": finding.stated, "expected": decimal_text(finding.expected),
        "difference": decimal_text(finding.difference), "suggestion": finding.suggestion,
        "sheet": finding.location.sheet, "cell": finding.location.cell,
        "root": finding.root, "causedBy": finding.caused_by,
    }
    return {k: v for k, v in values.items() if v is not None}


def location(where: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact(where.file)}
    if where.line is not None and where.sheet is None:
        region: dict[str, Any] = {"startLine": where.line}
        if where.column is not None and not is_csv(where):
            region["startColumn"] = where.column
        physical["region"] = region
    return {"physicalLocation": physical}


def artifact(file: str) -> dict[str, Any]:
    path = relative_path(file)
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": SRCROOT}


def _invocation(result: RunResult, lang: str) -> dict[str, Any]:
    problems = [p for r in result.reports if r.error for p in r.error.problems]
    invocation: dict[str, Any] = {"executionSuccessful": not problems}
    if problems:
        invocation["toolExecutionNotifications"] = [_notification(p, lang) for p in problems]
    return invocation


def _notification(problem: Problem, lang: str) -> dict[str, Any]:
    text = problem.message(lang)
    cell = cell_place(problem.location)
    if cell:
        text += f" [{cell}]"
    note: dict[str, Any] = {"level": "error", "message": {"text": text}, "descriptor": {"id": problem.key}}
    if problem.location.file:
        note["locations"] = [location(problem.location)]
    return note
