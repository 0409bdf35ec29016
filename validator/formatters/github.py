"""GitHub Actions workflow commands: `::error file=...,line=...::message` lines, shown as
annotations on the changed files of a pull request, and the job summary.

GitHub shows at most 10 annotations of each type (error, warning, notice) per step and
drops the rest without a word. So the most severe findings are annotated up to that
limit, and one notice says how many more there are and where the full list is: the job
summary, which `lkjip check --format github` writes as Markdown (validator/formatters/
markdown.py) to $GITHUB_STEP_SUMMARY when that variable is set.

Also home of the path and place helpers the other CI formats share: CI tools resolve
paths against the repository root, where the check runs.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from validator.findings import Finding, sort_findings
from validator.formatters.common import accepted_note, follows_text, safe_text, skipped_note
from validator.model import Location
from validator.runner import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
INPUT_TITLE = "lkjip input"
LIMIT = 10
"""Annotations GitHub shows per type (error, warning, notice) per step."""
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary larger than 1 MiB."""
MORE = {
    "id": {"more": "{count} temuan lain tidak dianotasi ({detail}; GitHub menampilkan {limit} per jenis).",
           "summary": " Daftar lengkap: ringkasan job (Summary) langkah ini.",
           "nosummary": " Daftar lengkap: lkjip check --format markdown atau json."},
    "en": {"more": "{count} more findings not annotated ({detail}; GitHub shows {limit} per type).",
           "summary": " Full list: this step's job summary.",
           "nosummary": " Full list: lkjip check --format markdown or json."},
}


def render(result: RunResult, lang: str) -> str:
    notes = [note for note in (skipped_note(result.skipped, lang),
                               accepted_note(len(result.suppressed), result.baselined, lang)) if note]
    by_type: dict[str, list[str | Finding]] = {"error": [], "warning": [], "notice": []}
    for report in result.reports:
        if report.error is not None:
            by_type["error"] += [_line("error", p.location, INPUT_TITLE, p.message(lang))
                                 for p in report.error.problems]
    # Most severe first: input problems, then errors, warnings, notes, each in file order.
    for finding in sort_findings(result.findings):
        by_type[COMMANDS.get(finding.severity, "error")].append(finding)
    room = _room(by_type, len(notes))
    shown: list[str] = []
    omitted: Counter[str] = Counter()
    for command, items in by_type.items():
        shown += [item if isinstance(item, str) else _finding(item, lang) for item in items[:room[command]]]
        omitted[command] = len(items) - min(room[command], len(items))
    if sum(omitted.values()):
        notes.append(_more(omitted, lang))
    shown += [f"::notice title=lkjip::{escape_data(note)}" for note in notes]
    return "".join(line + "\n" for line in shown)


def _room(by_type: dict[str, list[str | Finding]], notes: int) -> dict[str, int]:
    """How many of each type to annotate: LIMIT, with the notices sharing theirs with our
    own notes, and one more notice kept for "N more" when anything is left out."""
    room = {"error": LIMIT, "warning": LIMIT, "notice": max(LIMIT - notes, 0)}
    over = any(len(items) > room[command] for command, items in by_type.items())
    if over:
        room["notice"] = max(room["notice"] - 1, 0)
    return room


def _more(omitted: Counter[str], lang: str) -> str:
    words = MORE.get(lang, MORE["id"])
    detail = ", ".join(f"{omitted[c]} {c}" for c in ("error", "warning", "notice") if omitted[c])
    where = words["summary"] if os.environ.get(SUMMARY_ENV) else words["nosummary"]
    return words["more"].format(count=sum(omitted.values()), detail=detail, limit=LIMIT) + where


def job_summary(result: RunResult, lang: str) -> str:
    """The run as Markdown for $GITHUB_STEP_SUMMARY: the counts, then every report with
    findings (clean ones are counted in the summary line), within GitHub's 1 MiB: past
    that, the reports that do not fit are counted, never cut mid-table."""
    from validator.formatters import markdown

    return markdown.render(result, lang, quiet=True, limit=SUMMARY_LIMIT)


def write_job_summary(result: RunResult, lang: str) -> bool:
    """Append the job summary to $GITHUB_STEP_SUMMARY when GitHub set it (other steps
    write to the same file). False when the variable is not set."""
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(job_summary(result, lang))
    return True


def _finding(finding: Finding, lang: str) -> str:
    text = finding.message(lang)
    follows = follows_text(finding, lang)
    if follows:
        text += f" ({follows})"
    cell = cell_place(finding.location)
    if cell:
        text += f" [{cell}]"
    origin = finding.location.origin_in(lang)
    if origin:
        text += f" ({origin})"
    return _line(COMMANDS.get(finding.severity, "error"), finding.location,
                 f"{finding.code} {finding.name}", text)


def _line(command: str, location: Location, title: str, message: str) -> str:
    props = [f"file={escape_property(relative_path(location.file))}"] if location.file else []
    if location.line is not None and location.sheet is None:
        props.append(f"line={location.line}")
        if location.column is not None and not is_csv(location):
            props.append(f"col={location.column}")
    props.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return safe_text(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(file: str) -> str:
    """The path relative to the current directory when it lies below it, with '/'."""
    path, here = Path(file), Path.cwd()
    if path.is_absolute() and path.is_relative_to(here):
        path = path.relative_to(here)
    return path.as_posix()


def is_csv(location: Location) -> bool:
    # A CSV location's column is a field number, not a character column.
    return location.file.lower().endswith(".csv")


def cell_place(location: Location) -> str | None:
    """'Sheet!C5' for a workbook cell: the place CI tools cannot show by line."""
    if location.sheet is None:
        return None
    return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
