"""JUnit XML for GitLab and Jenkins: a test suite per report, a test case per rule.

A rule with findings in a report is a failing test case; JUnit allows one <failure> per
test case, so it lists all of that rule's findings. A report that cannot be read is a
test case "input" with an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from validator.findings import SEVERITY_RANK, Finding, sort_findings
from validator.formatters.common import decimal_text, safe_text
from validator.formatters.github import relative_path
from validator.formatters.markdown import words_for
from validator.model import Location
from validator.ruleset import Rule
from validator.runner import ReportResult, RunResult

# Characters XML 1.0 cannot carry at all, not even escaped.
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", safe_text(text))


def render(result: RunResult, lang: str) -> str:
    root = ET.Element("testsuites", name="lkjip")
    for report in result.reports:
        root.append(_suite(report, result.rules, lang))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: ReportResult, rules: Sequence[Rule], lang: str) -> ET.Element:
    path = clean(relative_path(str(report.path)))
    suite = ET.Element("testsuite", name=path)
    if report.report is not None:
        ident = report.report.identitas
        props = ET.SubElement(suite, "properties")
        for name, value in (("instansi", ident.instansi), ("pemda", ident.pemda), ("tahun", ident.tahun)):
            ET.SubElement(props, "property", name=name, value=clean(str(value or "")))
    if report.error is not None:
        case = ET.SubElement(suite, "testcase", classname=path, name="input")
        error = ET.SubElement(case, "error", type="input",
                              message=clean(report.error.problems[0].describe(lang)))
        error.text = clean(report.error.describe(lang))
    else:
        for name, findings in _by_rule(report.findings, rules):
            case = ET.SubElement(suite, "testcase", classname=path, name=clean(name))
            if findings:
                case.append(_failure(findings, lang))
    _count(suite, suite.findall("testcase"))
    return suite


def _by_rule(findings: list[Finding], rules: Sequence[Rule]) -> list[tuple[str, list[Finding]]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in sort_findings(findings):
        grouped[finding.code].append(finding)
    names = {rule.code: f"{rule.code} {rule.name}" for rule in rules}
    names.update({f.code: f"{f.code} {f.name}" for f in findings if f.code not in names})
    return [(names[code], grouped.get(code, [])) for code in sorted(names)]


def _failure(findings: list[Finding], lang: str) -> ET.Element:
    words = words_for(lang)
    worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
    first = findings[0].message(lang)
    message = first if len(findings) == 1 else f"{len(findings)} {words['findings']}: {first}"
    failure = ET.Element("failure", type=worst, message=clean(message))
    failure.text = clean("\n\n".join(_details(f, lang, words) for f in findings))
    return failure


def _details(finding: Finding, lang: str, words: dict[str, str]) -> str:
    shown = finding.shown(lang)
    fields = (
        ("table", finding.label(lang) or finding.table),
        ("row", finding.row_in(lang)),
        ("kode", finding.kode),
        ("column", finding.column_in(lang)),
        ("stated", finding.stated_in(lang)),
        ("expected", shown.expected or decimal_text(finding.expected)),
        ("difference", shown.difference or decimal_text(finding.difference)),
        ("place", _place(finding.location, lang)),
    )
    lines = [f"{finding.severity} {finding.code}: {finding.message(lang)}"]
    lines += [f"  {words[key]}: {value}" for key, value in fields if value]
    return "\n".join(lines)


def _place(location: Location, lang: str) -> str:
    return replace(location, file=relative_path(location.file)).shown(lang)


def _count(element: ET.Element, children: Sequence[ET.Element]) -> None:
    """tests/failures/errors/skipped on a suite (from its cases) or the root (its suites)."""
    if element.tag == "testsuites":
        totals = {key: sum(int(c.get(key, "0")) for c in children)
                  for key in ("tests", "failures", "errors", "skipped")}
    else:
        totals = {"tests": len(children),
                  "failures": sum(1 for c in children if c.find("failure") is not None),
                  "errors": sum(1 for c in children if c.find("error") is not None),
                  "skipped": 0}
    for key, value in totals.items():
        element.set(key, str(value))
