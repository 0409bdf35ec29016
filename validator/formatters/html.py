"""`lkjip check --format html`: the findings of a run as one self-contained HTML page.

Per report a header (file, instansi, tahun, counts by severity) and its findings grouped
by table, each with the row, the message, stated / expected / difference and the place.
The page, its CSS and its Content-Security-Policy are the reviu documents' own
(validator.reviu.html): no script, no link or resource outside the file, and every piece
of report data through the reviu page's `escape` (html.escape, control and bidi
characters shown as U+FFFD).
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from validator import __version__
from validator.coverage import scope_line
from validator.findings import SEVERITIES, Finding, sort_findings
from validator.formatters.common import accepted_note, decimal_text, follows_text, skipped_note
from validator.formatters.github import relative_path
from validator.formatters.markdown import short_place
from validator.reviu.document import finding_row, ordered_findings
from validator.reviu.html import escape, grid, page, stacked
from validator.reviu.statement import one_line
from validator.reviu.words import words
from validator.runner import ReportResult, RunResult

HEADS = ("no", "tingkat", "aturan", "baris", "uraian", "tertulis", "seharusnya", "selisih", "lokasi")
WIDTHS = (3, 8, 11, 17, 24, 10, 10, 8, 9)
"""Percent of the landscape page, in the order of HEADS."""


def render(result: RunResult, lang: str, quiet: bool = False) -> str:
    """The page; with `quiet`, only the reports with findings or problems (the summary
    still counts every report)."""
    w = words(lang)
    kop = (f'<header class="kop"><h1>{escape(w["check_title"])}</h1>'
           f'<div class="sub">{escape(_summary(result, lang))}</div></header>')
    reports = [_report(report, lang) for report in result.reports
               if not quiet or report.findings or report.error or report.suppressed]
    footer = f"<footer>{escape(w['check_generated'])} {escape(__version__)}.</footer>"
    body = "\n".join([kop, *reports, footer])
    return page(lang, w["check_title"], f'<main class="sheet wide">\n{body}\n</main>')


def _summary(result: RunResult, lang: str) -> str:
    w = words(lang)
    text = w["check_summary"].format(findings=len(result.findings), detail=_counts(result.findings, lang),
                                     reports=len(result.reports))
    unreadable = sum(1 for r in result.reports if r.error)
    text += ", " + w["check_unreadable"].format(count=unreadable) if unreadable else ""
    skipped = skipped_note(result.skipped, lang)
    text += f"; {skipped}" if skipped else ""
    accepted = accepted_note(len(result.suppressed), result.baselined, lang)
    return text + (f"; {accepted}" if accepted else "")


def _counts(findings: list[Finding], lang: str) -> str:
    w = words(lang)
    counts = Counter(f.severity for f in findings)
    return ", ".join(f"{counts.get(s, 0)} {w[s]}" for s in SEVERITIES)


def _report(report: ReportResult, lang: str) -> str:
    w = words(lang)
    status = "unreadable" if report.error else "has_findings" if report.findings else "clean"
    parts = [f'<section class="report status-{status}">', f"<h2>{escape(_title(report))}</h2>",
             _meta(report, status, lang)]
    if report.error is not None:
        problems = "".join(f"<li>{escape(one_line(p.describe(lang)))}</li>" for p in report.error.problems)
        parts.append(f"<ul>{problems}</ul>")
    elif not report.findings:
        nothing = report.coverage is not None and not report.coverage.rules_applied
        parts.append(f'<p class="empty">{escape(w["check_nothing" if nothing else "check_clean"])}</p>')
    else:
        parts += _tables(report, lang)
    if report.suppressed:
        items = "".join(f"<li>{escape(s.finding.code)} {escape(one_line(short_place(s.finding)))}: "
                        f"{escape(one_line(s.reason))} ({escape(str(s.place))})</li>"
                        for s in report.suppressed)
        parts.append(f'<h3 class="table">{escape(w["suppressed_title"])}</h3><ul>{items}</ul>')
    return "\n".join([*parts, "</section>"])


def _title(report: ReportResult) -> str:
    title = relative_path(str(report.path))
    if report.report is not None:
        ident = report.report.identitas
        title += f" — {ident.instansi} {ident.tahun}"
    return one_line(title)


def _meta(report: ReportResult, status: str, lang: str) -> str:
    w = words(lang)
    rows = [(w["source"], relative_path(str(report.path)))]
    if report.report is not None:
        ident = report.report.identitas
        rows += [(w["instansi"], ident.instansi), (w["pemda"], ident.pemda), (w["tahun"], str(ident.tahun))]
    rows.append((w["summary"], _counts(report.findings, lang)))
    if report.coverage is not None:
        rows.append((w["scope"], scope_line(report.coverage, lang)))
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(one_line(v))}</td></tr>" for k, v in rows)
    return (f'<table class="meta">{cells}<tr><td>{escape(w["status"])}</td>'
            f'<td class="sev status">{escape(w[status])}</td></tr></table>')


def _tables(report: ReportResult, lang: str) -> list[str]:
    """The findings grouped by table, in the order of the report's tables; numbered throughout."""
    w = words(lang)
    if report.report is not None:
        findings = ordered_findings(report.report, report.findings)
    else:
        findings = sort_findings(report.findings)
    parts: list[str] = []
    number = 0
    for _, group in groupby(findings, key=lambda f: f.table or ""):
        items = list(group)
        label = items[0].label(lang) or items[0].table or w["no_table"]
        rows = []
        for finding in items:
            number += 1
            rows.append(_row(number, finding, lang))
        parts += [f'<h3 class="table">{escape(one_line(label))}</h3>',
                  grid("findings", WIDTHS, [w[h] for h in HEADS], rows)]
    return parts


def _row(number: int, finding: Finding, lang: str) -> str:
    w = words(lang)
    row = finding_row(number, finding, lang)
    column = f'<span class="small">{escape(w["kolom"])}: {escape(row.column)}</span>' if row.column else ""
    suggestion = (f'<span class="small">{escape(w["saran"])}: {escape(one_line(finding.suggestion))}</span>'
                  if finding.suggestion else "")
    cells = [
        f'<td class="num">{row.no}</td>',
        f'<td class="sev sev-{escape(row.severity)}">{escape(row.severity_label)}</td>',
        f"<td>{stacked(row.rule, row.rule_name)}</td>",
        f"<td>{stacked(row.kode, row.row)}{column}</td>",
        f"<td>{escape(row.message)}{suggestion}</td>",
        f'<td class="num">{escape(row.stated)}</td>',
        f'<td class="num">{escape(one_line(follows_text(finding, lang)) or row.expected)}</td>',
        f'<td class="num">{escape(row.difference or decimal_text(finding.difference) or "")}</td>',
        f'<td class="kode">{escape(one_line(short_place(finding, lang)))}</td>',
    ]
    return f'<tr class="finding">{"".join(cells)}</tr>'
