"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The rules go in tool.driver.rules with their documentation in the run's language; each
finding is a result with a region for every source kind: a YAML line and column, a CSV
line, and for a workbook the sheet and cell as a logical location plus a region at line 1
(a workbook has no text lines, and code scanning places a result only with a startLine),
whose message names the cell. partialFingerprints hash the finding's baseline identity
(report, rule, table, kode, column; validator/baseline.py), not the line, so an alert
survives lines being added above it. Suppressed findings are results with a
`suppressions` entry carrying the reason. A finding that follows from a root cause
elsewhere (validator/diagnosis) names it in its message and points at its figure(s) in
relatedLocations; properties `root` and `causedBy` carry the ids. Reports that cannot be
read are tool execution notifications.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from validator import __version__
from validator.baseline import finding_key
from validator.errors import Problem
from validator.findings import Finding, sort_findings
from validator.formatters.common import coverage_dict, decimal_text, json_text
from validator.formatters.github import cell_place, is_csv, relative_path
from validator.model import Location
from validator.ruledocs import SECTION_TITLES, SECTION_TITLES_ID, WORDS, rule_markdown
from validator.ruleset import Rule
from validator.runner import RunResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FALLBACK_URI = "https://lkjip.invalid/"
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
            "informationUri": information_uri(), "rules": [rule_descriptor(r, lang) for r in result.rules],
        }},
        "invocations": [_invocation(result, lang)],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "language": lang,
        "results": _results(result, index, lang),
        # What each report's check covered (docs/output.md): a property bag, as SARIF allows.
        "properties": {"lkjipSuppressed": len(result.suppressed), "lkjipBaselined": result.baselined,
                       "lkjipCoverage": [{"report": str(r.path), **(coverage_dict(r.coverage) or {})}
                                         for r in result.reports if r.coverage is not None]},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


@lru_cache(maxsize=1)
def information_uri() -> str:
    """The project's home page: [project.urls] Homepage of pyproject.toml, from the
    installed package's metadata, else from the source checkout's pyproject.toml."""
    from importlib import metadata

    try:
        for entry in metadata.metadata("lkjip").get_all("Project-URL") or []:
            label, _, url = str(entry).partition(",")
            if label.strip().lower() == "homepage":
                return url.strip()
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        import tomllib

        urls = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]
        return str(urls["Homepage"])
    except (OSError, ValueError, KeyError):
        return FALLBACK_URI


def rule_descriptor(rule: Rule, lang: str = "en") -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": rule.doc.get("what", rule.name)},
        "messageStrings": {"default": {"text": rule.messages.get(lang) or rule.messages.get("id", "")}},
        "help": {"text": _help_text(rule, lang), "markdown": rule_markdown(rule, lang=lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(dict.fromkeys([*rule.tags, rule.kind])), "kind": rule.kind},
    }


def _help_text(rule: Rule, lang: str) -> str:
    """Headings in the run's language; the explanations are written in English (a note
    says so in Indonesian, as `lkjip rules CODE --lang id` does)."""
    titles = SECTION_TITLES_ID if lang == "id" else SECTION_TITLES
    note = [WORDS["id"]["note"].strip("_")] if lang == "id" else []
    return "\n\n".join([*note, *(f"{title}:\n{rule.doc[key].strip()}"
                                 for key, title in titles.items() if rule.doc.get(key))])


def _results(result: RunResult, index: dict[str, int], lang: str) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    results = []
    for report in result.reports:
        accepted = [(s.finding, s) for s in report.suppressed]
        for finding, suppressed in [*((f, None) for f in sort_findings(report.findings)), *accepted]:
            key = fingerprint(finding)
            seen[key] += 1
            # Two findings on the same figure of the same rule: keep them apart.
            if seen[key] > 1:
                key = fingerprint(finding, seen[key])
            item = _result(finding, index, key, lang)
            if suppressed is not None:
                # A viewer shows it as suppressed, with the reason (SARIF 3.35 suppressions).
                item["suppressions"] = [{
                    "kind": "inSource" if suppressed.inline else "external", "status": "accepted",
                    "justification": suppressed.reason, "location": location(suppressed.place)}]
            results.append(item)
    return results


def fingerprint(finding: Finding, occurrence: int = 1) -> str:
    """A hash of the finding's baseline identity (validator/baseline.py: report, rule,
    table, kode, column; no line), rule first as before, so alerts keep their identity."""
    report, code, table, kode, column = finding_key(finding)
    parts = [code, report, table, kode, column]
    if occurrence > 1:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _result(finding: Finding, index: dict[str, int], key: str, lang: str) -> dict[str, Any]:
    text = finding.message(lang)
    cell = cell_place(finding.location)
    if cell:
        text += f" [{cell}]"
    origin = finding.location.origin_in(lang)
    if origin:
        text += f" ({origin})"
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
        "origin": finding.location.origin,
        "root": finding.root, "causedBy": finding.caused_by,
    }
    return {k: v for k, v in values.items() if v is not None}


def location(where: Location) -> dict[str, Any]:
    """A physical location with a region for every source: the YAML line and column, the
    CSV line (its column is a field number, kept as a logical location), a workbook's line
    1 with the cell named; the sheet and cell, or CSV field, as a logical location."""
    physical: dict[str, Any] = {"artifactLocation": artifact(where.file)}
    place: dict[str, Any] = {"physicalLocation": physical}
    cell = cell_place(where)
    if cell is not None:
        physical["region"] = {"startLine": 1, "message": {"text": cell}}
        place["logicalLocations"] = [{"name": where.cell or where.sheet, "fullyQualifiedName": cell,
                                      "kind": "element"}]
    elif where.line is not None:
        region: dict[str, Any] = {"startLine": where.line}
        if where.column is not None and not is_csv(where):
            region["startColumn"] = where.column
        elif where.column is not None:
            place["logicalLocations"] = [{"name": f"field {where.column}", "kind": "element"}]
        physical["region"] = region
    elif where.file:
        physical["region"] = {"startLine": 1}  # the report as a whole
    return place


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
