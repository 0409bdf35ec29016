"""The terminal view: findings grouped by report and table, stated vs expected with the
difference, severity in colour, Indonesian number formatting in Indonesian output."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table as RichTable

from validator.coverage import scope_line
from validator.findings import Cause, Finding, Suspect, hint_text
from validator.formatters.common import accepted_note, causes_of, safe_text, shows_root, skipped_note
from validator.runner import ReportResult, RunResult


def escape(text: str) -> str:
    # Report text must never drive the terminal: ESC sequences and other control characters
    # (a title-changing "\e]0;...\a", a screen clear, a carriage return that overwrites
    # the line) and bidi controls are shown as U+FFFD.
    return _markup_escape(safe_text(text).replace("\r", "\ufffd"))


STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WORDS = {
    "id": {"stated": "tertulis", "expected": "seharusnya", "difference": "selisih",
           "suggestion": "saran", "clean": "tidak ada temuan", "summary": "Ringkasan",
           "findings": "temuan", "reports": "laporan", "unreadable": "tidak terbaca",
           "rule": "aturan", "count": "jumlah",
           "skipped": "dilewati, bukan laporan lkjip", "whole": "Laporan secara keseluruhan",
           "nothing": "tidak ada temuan, tetapi tidak ada yang diperiksa",
           "suppressed": "diabaikan",
           "root": "akar masalah", "one_of": "salah satu dari angka berikut", "follows": "akibat dari",
           "if_wrong": "bila angka ini yang keliru, seharusnya", "hint": "petunjuk",
           "roots": "akar masalah", "consequences": "akibat", "ambiguous": "salah satu dari beberapa angka"},
    "en": {"stated": "stated", "expected": "expected", "difference": "difference",
           "suggestion": "suggestion", "clean": "no findings", "summary": "Summary",
           "findings": "findings", "reports": "reports", "unreadable": "unreadable",
           "rule": "rule", "count": "count",
           "skipped": "skipped, not an lkjip report", "whole": "The report as a whole",
           "nothing": "no findings, but nothing was checked",
           "suppressed": "suppressed",
           "root": "root cause", "one_of": "one of these figures", "follows": "follows from",
           "if_wrong": "if this is the wrong figure, expected", "hint": "hint",
           "roots": "root causes", "consequences": "consequences", "ambiguous": "one of several figures"},
}


def show(result: RunResult, lang: str, console: Console, quiet: bool = False,
         statistics: bool = False) -> None:
    words = WORDS.get(lang, WORDS["id"])
    for report in result.reports:
        if not quiet or report.findings or report.error:
            _report(report, lang, console, words)
    if statistics:
        _statistics(result, console, words)
    if not quiet:
        _skipped(result, console, words)
    _summary(result, console, words, lang)


def _report(report: ReportResult, lang: str, console: Console, words: dict[str, str]) -> None:
    title = str(report.path)
    if report.report is not None:
        ident = report.report.identitas
        title += f" — {ident.instansi} {ident.tahun}"
    console.print(f"[bold]{escape(title)}[/bold]")
    if report.error is not None:
        console.print(f"  [bold red]{escape(report.error.describe(lang))}[/bold red]")
        return
    if not report.findings:
        if report.coverage is not None and not report.coverage.rules_applied:
            console.print(f"  [yellow]{words['nothing']}[/yellow]")
        else:
            console.print(f"  [green]{words['clean']}[/green]")
        _suppressed(report, lang, console, words)
        _scope(report, lang, console)
        return
    order = {t.id: i for i, t in enumerate(report.report.tabel)} if report.report else {}
    ordered = sorted(report.findings, key=lambda f: (order.get(f.table or "", len(order)), f.sort_key()))
    # One matter per root cause: its findings together, the consequences indented under
    # it (wherever their tables are), under the table of its first finding.
    groups = causes_of(ordered)
    for _, by_table in groupby(groups, key=lambda group: group[1][0].table):
        matters = list(by_table)
        first = matters[0][1][0]
        console.print(f"  [bold]{escape(first.label(lang) or first.table or words['whole'])}[/bold]")
        for cause, members in matters:
            if shows_root(cause, members):
                _root(cause, lang, console, words)
            for finding in members:
                _finding(finding, lang, console, words)
    _suppressed(report, lang, console, words)
    _scope(report, lang, console)


def _root(cause: Cause, lang: str, console: Console, words: dict[str, str]) -> None:
    head = f"{words['root']} {cause.id}" + (f" ({words['one_of']})" if cause.ambiguous else "")
    if len(cause.suspects) == 1 and not cause.ambiguous:
        console.print(f"    [bold magenta]{escape(head)}:[/bold magenta] "
                      f"{escape(suspect_line(cause.suspects[0], lang, words, False))}")
        return
    console.print(f"    [bold magenta]{escape(head)}:[/bold magenta]")
    for suspect in cause.suspects:
        console.print(f"      - {escape(suspect_line(suspect, lang, words, cause.ambiguous))}")


def suspect_line(suspect: Suspect, lang: str, words: dict[str, str], option: bool) -> str:
    """A root figure: where, as stated, the value that makes every linked rule hold, hints."""
    row = " ".join(x for x in (suspect.kode, suspect.row_in(lang)) if x)
    place = ", ".join(p for p in (suspect.label(lang), row, suspect.column_in(lang)) if p)
    text = f"{place}: {words['stated']} {suspect.stated}"
    expected = suspect.expected_in(lang)
    if expected:
        text += f", {words['if_wrong'] if option else words['expected']} {expected}"
    if suspect.hints:
        text += f" ({words['hint']}: " + "; ".join(hint_text(h, lang) for h in suspect.hints) + ")"
    return text


def _suppressed(report: ReportResult, lang: str, console: Console, words: dict[str, str]) -> None:
    """Each accepted finding on one dim line with its reason: accepted, not hidden."""
    for item in report.suppressed:
        finding = item.finding
        console.print(f"    [dim]{words['suppressed']} {finding.code} {escape(str(finding.location))}: "
                      f"{escape(item.reason)} ({escape(str(item.place))})[/dim]")


def _scope(report: ReportResult, lang: str, console: Console) -> None:
    """What was checked, so a clean result never looks like one over nothing."""
    if report.coverage is not None:
        console.print(f"  [dim]{escape(scope_line(report.coverage, lang))}[/dim]")


def _finding(finding: Finding, lang: str, console: Console, words: dict[str, str]) -> None:
    style = STYLE.get(finding.severity, "")
    row = " ".join(p for p in (finding.kode, finding.row_in(lang)) if p)
    consequence = finding.caused_by is not None
    indent = "      " if consequence else "    "
    place = f"{finding.label(lang)}, " if consequence and finding.label(lang) else ""
    console.print(
        f"{indent}[{style}]{finding.severity:<7}[/{style}] [bold]{finding.code}[/bold] "
        f"[dim]{escape(finding.location.shown(lang))}[/dim]" + (f"  {escape(place + row)}" if row else "")
    )
    body = indent + "        "
    parts = []
    shown = finding.shown(lang)
    if finding.column and finding.stated is not None:
        parts.append(f"{finding.column_in(lang)}: {words['stated']} {finding.stated_in(lang)}")
    if shown.expected and not consequence:
        parts.append(f"{words['expected']} {shown.expected}")  # "seharusnya" only at the root
    if shown.difference:
        parts.append(f"{words['difference']} {shown.difference}")
    if consequence:
        parts.append(f"{words['follows']} {finding.caused_by}")
    if parts:
        console.print(body + escape("  ".join(parts)))
    console.print(body + escape(finding.message(lang)))
    if finding.suggestion:
        console.print(f"{body}[green]{words['suggestion']}: {escape(finding.suggestion)}[/green]")



def _statistics(result: RunResult, console: Console, words: dict[str, str]) -> None:
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    following = Counter((f.code, f.name, f.severity) for f in result.findings if f.caused_by is not None)
    table = RichTable(show_header=True, header_style="bold")
    table.add_column(words["rule"])
    table.add_column("")
    table.add_column("")
    table.add_column(words["count"], justify="right")
    table.add_column(words["consequences"], justify="right")
    for (code, name, severity), count in sorted(counts.items()):
        table.add_row(code, name, severity, str(count), str(following[(code, name, severity)]))
    console.print(table)
    matters = [cause for report in result.reports for cause, _ in causes_of(report.findings)]
    ambiguous = sum(1 for cause in matters if cause.ambiguous)
    console.print(f"{words['roots']}: {len(matters)} ({words['ambiguous']}: {ambiguous}; "
                  f"{words['consequences']}: {sum(following.values())})")


def _skipped(result: RunResult, console: Console, words: dict[str, str]) -> None:
    for path in result.skipped:
        console.print(f"[dim]{escape(safe_text(str(path)))}: {words['skipped']}[/dim]")


def _summary(result: RunResult, console: Console, words: dict[str, str], lang: str) -> None:
    severities = Counter(f.severity for f in result.findings)
    detail = ", ".join(f"{severities.get(s, 0)} {s}" for s in ("error", "warning", "info"))
    unreadable = sum(1 for r in result.reports if r.error)
    extra = f", {unreadable} {words['unreadable']}" if unreadable else ""
    skipped = skipped_note(result.skipped, lang)
    extra += f"; {skipped}" if skipped else ""
    accepted = accepted_note(len(result.suppressed), result.baselined, lang)
    extra += f"; {accepted}" if accepted else ""
    console.print(
        f"[bold]{words['summary']}:[/bold] {len(result.findings)} {words['findings']} ({detail}) "
        f"— {len(result.reports)} {words['reports']}{extra}"
    )
