"""`--format concise`: one line per finding, `path:line:col: CODE message`, as ruff's
concise output and the problem matchers of editors and CI logs read it.

A workbook cell has no line: `path:Sheet!C5: CODE message`; a CSV place has a line but
its column is a field number: `path:line: CODE message`. A report that cannot be read
gives one line per problem with the code `INPUT`. The last line is the summary.
"""

from __future__ import annotations

from collections import Counter

from validator.findings import SEVERITIES, sort_findings
from validator.formatters.common import accepted_note, safe_text, skipped_note
from validator.formatters.github import cell_place, is_csv, relative_path
from validator.model import Location
from validator.runner import RunResult

SUMMARY = {"id": "{count} temuan ({detail}) — {reports} laporan",
           "en": "{count} findings ({detail}) — {reports} reports"}
UNREADABLE = {"id": "{count} tidak terbaca", "en": "{count} unreadable"}


def render(result: RunResult, lang: str) -> str:
    lines: list[str] = []
    for report in result.reports:
        if report.error is not None:
            lines += [_line(p.location, "INPUT", p.message(lang)) for p in report.error.problems]
        lines += [_line(f.location, f.code, f.message(lang)) for f in sort_findings(report.findings)]
    lines.append(_summary(result, lang))
    return "".join(line + "\n" for line in lines)


def place(location: Location) -> str:
    """`path:line:col`, `path:line` (CSV), `path:Sheet!C5` (workbook) or `path`."""
    path = relative_path(location.file)
    cell = cell_place(location)
    if cell is not None:
        return f"{path}:{cell}"
    if location.line is None:
        return path
    if location.column is None or is_csv(location):
        return f"{path}:{location.line}"
    return f"{path}:{location.line}:{location.column}"


def _line(location: Location, code: str, message: str) -> str:
    text = f"{place(location)}: {code} {message}"
    return safe_text(text).replace("\n", " ").replace("\r", " ")


def _summary(result: RunResult, lang: str) -> str:
    key = lang if lang in SUMMARY else "id"
    counts = Counter(f.severity for f in result.findings)
    text = SUMMARY[key].format(count=len(result.findings), reports=len(result.reports),
                               detail=", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES))
    unreadable = sum(1 for r in result.reports if r.error)
    notes = [UNREADABLE[key].format(count=unreadable)] if unreadable else []
    notes += [note for note in (skipped_note(result.skipped, lang),
                                accepted_note(len(result.suppressed), result.baselined, lang)) if note]
    return "; ".join([text, *notes])
