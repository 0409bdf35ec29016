"""JUnit XML for GitLab and Jenkins: one test case per report, in one test suite.

A report with error or warning findings fails: JUnit allows one <failure> per test case,
so it lists all of them, one line each (severity, rule, place, kode and column, message).
Info notes never fail; they are listed in the test case's <system-out>, with the findings
a suppression accepted (and their reasons) and the count the baseline left out. A report
that cannot be read is an <error>. One case per report (not per rule and report) keeps
the file small enough for a CI server at tens of thousands of reports (docs/output.md).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from pathlib import PurePosixPath

from validator.findings import SEVERITY_RANK, Finding, sort_findings
from validator.formatters.common import accepted_note, safe_text
from validator.formatters.github import relative_path
from validator.formatters.markdown import words_for
from validator.model import Location
from validator.runner import ReportResult, RunResult

FAILING = ("error", "warning")

# Characters XML 1.0 cannot carry at all, not even escaped.
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", safe_text(text))


def render(result: RunResult, lang: str) -> str:
    root = ET.Element("testsuites", name="lkjip")
    suite = ET.SubElement(root, "testsuite", name="lkjip")
    for report in result.reports:
        suite.append(_case(report, lang))
    cases = suite.findall("testcase")
    totals = {"tests": len(cases),
              "failures": sum(1 for c in cases if c.find("failure") is not None),
              "errors": sum(1 for c in cases if c.find("error") is not None), "skipped": 0}
    for element in (root, suite):
        for key, value in totals.items():
            element.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(report: ReportResult, lang: str) -> ET.Element:
    path = relative_path(str(report.path))
    case = ET.Element("testcase", classname=clean(str(PurePosixPath(path).parent)), name=clean(path))
    if report.error is not None:
        first = report.error.problems[0].describe(lang)
        error = ET.SubElement(case, "error", type="input", message=clean(first))
        error.text = clean(report.error.describe(lang))
        return case
    findings = sort_findings(report.findings)
    matters = sorted((f for f in findings if f.severity in FAILING), key=lambda f: -SEVERITY_RANK[f.severity])
    if matters:
        case.append(_failure(matters, lang))
    out = [_line(f, lang) for f in findings if f.severity not in FAILING]
    accepted = accepted_note(len(report.suppressed), report.baselined, lang)
    out += [accepted] if accepted else []
    out += [f"{s.finding.code} {_place(s.finding.location, lang)}: {s.reason} ({s.place})"
            for s in report.suppressed]
    if out:
        ET.SubElement(case, "system-out").text = clean("\n".join(out))
    return case


def _failure(findings: list[Finding], lang: str) -> ET.Element:
    words = words_for(lang)
    worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
    counts = Counter(f.severity for f in findings)
    detail = ", ".join(f"{counts[s]} {s}" for s in FAILING if counts[s])
    message = f"{len(findings)} {words['findings']} ({detail}): {findings[0].message(lang)}"
    failure = ET.Element("failure", type=worst, message=clean(message))
    failure.text = clean("\n".join(_line(f, lang) for f in findings))
    return failure


def _line(finding: Finding, lang: str) -> str:
    """severity CODE place [kode column]: message (the message names the table, the row
    and the stated and expected figures)."""
    where = " ".join(p for p in (finding.kode, finding.column) if p)
    return (f"{finding.severity} {finding.code} {_place(finding.location, lang)}"
            + (f" [{where}]" if where else "") + f": {finding.message(lang)}")


def _place(location: Location, lang: str) -> str:
    """The place in the file, and in the imported document where there is one."""
    return replace(location, file=relative_path(location.file)).shown(lang)
