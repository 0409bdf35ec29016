"""Markdown for a pull-request comment: a summary line, then per report a table of
findings and the full messages in a collapsed block.

Every piece of report text is escaped: a row label is data written by someone else, and
a `|`, a backtick or `<script>` in it must neither break the table nor become HTML.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import PurePosixPath

from validator.coverage import scope_line
from validator.findings import SEVERITIES, Finding, Suspect, hint_text, sort_findings
from validator.formatters.common import (
    accepted_note,
    causes_of,
    decimal_text,
    safe_text,
    shows_root,
    skipped_note,
)
from validator.formatters.github import relative_path
from validator.runner import ReportResult, RunResult

WORDS = {
    "id": {"rule": "aturan", "table": "tabel", "row": "baris", "kode": "kode", "column": "kolom",
           "stated": "tertulis", "expected": "seharusnya", "difference": "selisih",
           "place": "tempat", "summary": "Ringkasan", "findings": "temuan", "reports": "laporan",
           "unreadable": "tidak terbaca", "clean": "Tidak ada temuan.", "messages": "Pesan",
           "nothing": "Tidak ada temuan, tetapi tidak ada yang diperiksa.",
           "suggestion": "saran", "suppressed": "Diabaikan dengan alasan",
           "cut": "{reports} laporan lagi ({findings} temuan) tidak muat di sini; "
                  "daftar lengkap: lkjip check --format json atau html.",
           "lang": "id", "roots": "Akar masalah", "follows": "akibat dari",
           "one_of": "salah satu dari", "if_wrong": "bila ini yang keliru, seharusnya", "hint": "petunjuk"},
    "en": {"rule": "rule", "table": "table", "row": "row", "kode": "kode", "column": "column",
           "stated": "stated", "expected": "expected", "difference": "difference",
           "place": "place", "summary": "Summary", "findings": "findings", "reports": "reports",
           "unreadable": "unreadable", "clean": "No findings.", "messages": "Messages",
           "nothing": "No findings, but nothing was checked.",
           "suggestion": "suggestion", "suppressed": "Suppressed with a reason",
           "cut": "{reports} more reports ({findings} findings) do not fit here; "
                  "full list: lkjip check --format json or html.",
           "lang": "en", "roots": "Root causes", "follows": "follows from",
           "one_of": "one of", "if_wrong": "if this is the wrong one, expected", "hint": "hint"},
}
COLUMNS = ("rule", "table", "row", "column", "stated", "expected", "difference", "place")

# Markdown and HTML specials; a newline would end the table row.
_ESCAPES = str.maketrans({
    "\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
    "~": "\\~", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " ",
})


def words_for(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["id"])


def escape(text: str | None) -> str:
    return safe_text(text or "").translate(_ESCAPES)


def render(result: RunResult, lang: str, quiet: bool = False, limit: int | None = None) -> str:
    """The summary line, then each report (with `quiet`, only those with findings or
    problems). With a `limit` in bytes (GitHub's job summary), reports stop whole before
    it and a last line counts the ones left out."""
    words = words_for(lang)
    parts = [summary_line(result, words)]
    size = len(parts[0].encode("utf-8")) + 2
    shown = [r for r in result.reports if not quiet or r.findings or r.error or r.suppressed]
    for number, report in enumerate(shown):
        part = _report(report, lang, words)
        size += len(part.encode("utf-8")) + 2
        if limit is not None and size > limit - 1024:  # room for the closing line
            rest = shown[number:]
            findings = sum(len(r.findings) for r in rest)
            parts.append(f"_{words['cut'].format(reports=len(rest), findings=findings)}_")
            break
        parts.append(part)
    return "\n\n".join(parts) + "\n"


def summary_line(result: RunResult, words: dict[str, str]) -> str:
    counts = Counter(f.severity for f in result.findings)
    detail = ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES)
    unreadable = sum(1 for r in result.reports if r.error)
    extra = f", {unreadable} {words['unreadable']}" if unreadable else ""
    skipped = skipped_note(result.skipped, words["lang"])
    extra += f"; {skipped}" if skipped else ""
    accepted = accepted_note(len(result.suppressed), result.baselined, words["lang"])
    extra += f"; {accepted}" if accepted else ""
    return (f"**lkjip** {words['summary']}: {len(result.findings)} {words['findings']} ({detail})"
            f" — {len(result.reports)} {words['reports']}{extra}")


def _report(report: ReportResult, lang: str, words: dict[str, str]) -> str:
    title = relative_path(str(report.path))
    if report.report is not None:
        ident = report.report.identitas
        title += f" — {ident.instansi} {ident.tahun}"
    lines = [f"### {escape(title)}", ""]
    if report.error is not None:
        lines.append(f"**{words['unreadable']}**:")
        lines.append("")
        lines += [f"- {escape(p.describe(lang))}" for p in report.error.problems]
    elif not report.findings:
        nothing = report.coverage is not None and not report.coverage.rules_applied
        lines.append(words["nothing" if nothing else "clean"])
    else:
        findings = sort_findings(report.findings)
        lines += _table(findings, lang, words)
        lines += _roots(findings, lang, words)
        lines += ["", *_messages(findings, lang, words)]
    if report.suppressed:
        lines += ["", f"**{words['suppressed']}**:", ""]
        lines += [f"- {escape(s.finding.code)} {escape(short_place(s.finding))}: {escape(s.reason)}"
                  f" ({escape(str(s.place))})" for s in report.suppressed]
    if report.coverage is not None:
        lines += ["", f"_{escape(scope_line(report.coverage, lang))}_"]
    return "\n".join(lines)


def _table(findings: list[Finding], lang: str, words: dict[str, str]) -> list[str]:
    header = "| | " + " | ".join(words[c] for c in COLUMNS) + " |"
    rule = "| --- " * (len(COLUMNS) + 1) + "|"
    return [header, rule, *("| " + " | ".join(_cells(f, lang)) + " |" for f in findings)]


def _cells(finding: Finding, lang: str) -> list[str]:
    words = words_for(lang)
    shown = finding.shown(lang)
    values = [
        finding.severity,
        f"{finding.code} {finding.name}",
        finding.label(lang) or finding.table,
        " ".join(p for p in (finding.kode, finding.row_in(lang)) if p),
        finding.column_in(lang),
        finding.stated_in(lang),
        # "seharusnya" only at the root: a consequence names the root it follows from.
        f"{words['follows']} {finding.caused_by}" if finding.caused_by
        else shown.expected or decimal_text(finding.expected),
        shown.difference or decimal_text(finding.difference),
        short_place(finding, lang),
    ]
    return [escape(v) for v in values]


def _roots(findings: list[Finding], lang: str, words: dict[str, str]) -> list[str]:
    """The root causes the diagnosis says more about than the findings do."""
    lines: list[str] = []
    for cause, members in causes_of(findings):
        if not shows_root(cause, members):
            continue
        head = f"- **{cause.id}**" + (f" ({words['one_of']})" if cause.ambiguous else "") + ":"
        if len(cause.suspects) == 1:
            lines.append(f"{head} {escape(_suspect(cause.suspects[0], lang, words, cause.ambiguous))}")
        else:
            lines.append(head)
            lines += [f"  - {escape(_suspect(s, lang, words, cause.ambiguous))}" for s in cause.suspects]
    return ["", f"**{words['roots']}**", "", *lines] if lines else []


def _suspect(suspect: Suspect, lang: str, words: dict[str, str], option: bool) -> str:
    row = " ".join(x for x in (suspect.kode, suspect.row_in(lang)) if x)
    text = ", ".join(p for p in (suspect.label(lang), row, suspect.column_in(lang)) if p)
    text += f": {words['stated']} {suspect.stated}"
    if suspect.expected_in(lang):
        text += f", {words['if_wrong'] if option else words['expected']} {suspect.expected_in(lang)}"
    if suspect.hints:
        text += f" ({words['hint']}: " + "; ".join(hint_text(h, lang) for h in suspect.hints) + ")"
    return text


def short_place(finding: Finding, lang: str = "id") -> str:
    """The file's name and the line or cell (and where an imported figure is printed):
    the report's path heads the table."""
    location = finding.location
    return replace(location, file=PurePosixPath(relative_path(location.file)).name).shown(lang)


def _messages(findings: list[Finding], lang: str, words: dict[str, str]) -> list[str]:
    lines = [f"<details><summary>{words['messages']}</summary>", ""]
    for number, finding in enumerate(findings, 1):
        text = f"{number}. **{finding.code}** {escape(finding.message(lang))}"
        if finding.suggestion:
            text += f" ({words['suggestion']}: {escape(finding.suggestion)})"
        lines.append(text)
    return [*lines, "", "</details>"]
