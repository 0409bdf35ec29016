"""GitHub Actions workflow commands: one `::error file=...,line=...::message` line per
finding, shown as annotations on the changed files of a pull request.

Also home of the path and place helpers the other CI formats share: CI tools resolve
paths against the repository root, where the check runs.
"""

from __future__ import annotations

from pathlib import Path

from validator.findings import Finding, sort_findings
from validator.formatters.common import follows_text, safe_text, skipped_note
from validator.model import Location
from validator.runner import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
INPUT_TITLE = "lkjip input"


def render(result: RunResult, lang: str) -> str:
    lines: list[str] = []
    for report in result.reports:
        if report.error is not None:
            lines += [_line("error", p.location, INPUT_TITLE, p.message(lang)) for p in report.error.problems]
        lines += [_finding(f, lang) for f in sort_findings(report.findings)]
    if result.skipped:
        lines.append(f"::notice title=lkjip::{escape_data(skipped_note(result.skipped, lang))}")
    return "".join(line + "\n" for line in lines)


def _finding(finding: Finding, lang: str) -> str:
    text = finding.message(lang)
    follows = follows_text(finding, lang)
    if follows:
        text += f" ({follows})"
    cell = cell_place(finding.location)
    if cell:
        text += f" [{cell}]"
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
