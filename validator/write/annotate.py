"""The findings written back into the planner's workbook (`lkjip check --annotate OUT`).

A copy of the checked workbook in which each cell a finding cites gets a comment (every
finding on it, with its rule and message) and a fill colour by the most severe of them,
and a `Temuan` sheet lists every finding with a link to its cell. The input workbook is
never written: the copy goes to another path, checked by validator/write/output.py,
atomically. The `Temuan` sheet is skipped when the copy itself is read as a report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from validator.findings import Finding
from validator.read.sheets import FINDINGS_SHEET
from validator.write.atomic import atomic_file
from validator.write.xlsx_writer import FORMULA_STARTS

SEVERITY_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
"""Cell fill per severity: Excel's own "bad" red, "neutral" yellow, and a light blue."""
_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_WORDS = {
    "id": {"error": "error", "warning": "warning", "info": "info"},  # as the terminal says
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
HEADERS = {
    "id": ("No", "Tingkat", "Aturan", "Tabel", "Kode", "Baris", "Kolom", "Tertulis",
           "Seharusnya", "Temuan", "Sel"),
    "en": ("No", "Severity", "Rule", "Table", "Code", "Row", "Column", "Stated",
           "Expected", "Finding", "Cell"),
}
_WIDTHS = (5, 11, 9, 28, 16, 32, 18, 18, 18, 80, 18)
_AUTHOR = "lkjip"
_FORMULA_WORD = {"id": "Rumus sel", "en": "Cell formula"}


def annotate(source: Path, target: Path, findings: Sequence[Finding], lang: str = "id") -> None:
    """Write to `target` a copy of workbook `source` with `findings` on their cells."""
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    if FINDINGS_SHEET in workbook.sheetnames:
        del workbook[FINDINGS_SHEET]  # a copy annotated before: its old findings go
    ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in ordered:
        where = finding.location
        if where.sheet is not None and where.sheet in workbook.sheetnames and where.cell:
            by_cell[(where.sheet, where.cell)].append(finding)
    for (sheet, cell), on_cell in by_cell.items():
        _mark(workbook[sheet][cell], on_cell, lang)
        _print_setup(workbook[sheet])
    _findings_sheet(workbook, ordered, set(by_cell), lang)
    with atomic_file(target) as handle:
        workbook.save(handle)


def _mark(cell: Any, findings: list[Finding], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    colour = SEVERITY_FILLS.get(findings[0].severity, SEVERITY_FILLS["info"])
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    text = "\n\n".join(_line(finding, lang) for finding in findings)
    if cell.data_type == "f" and isinstance(cell.value, str):
        text += f"\n\n{_FORMULA_WORD[lang]}: {cell.value}"  # the figure was computed by it
    if cell.comment is not None and cell.comment.author != _AUTHOR:
        text = f"{cell.comment.text}\n\n{text}"  # the planner's own note is kept
    comment = Comment(text, _AUTHOR)
    comment.width, comment.height = 360, min(80 + 70 * len(findings), 400)
    cell.comment = comment


def _print_setup(sheet: Any) -> None:
    """A printed (or PDF) page of an annotated sheet: landscape, one page wide, with the
    comments listed after the sheet."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_setup.cellComments = "atEnd"


def _line(finding: Finding, lang: str) -> str:
    severity = SEVERITY_WORDS[lang].get(finding.severity, finding.severity)
    return f"[{severity}] {finding.code}: {finding.message(lang)}"


def _findings_sheet(workbook: Any, findings: Sequence[Finding], marked: set[tuple[str, str]],
                    lang: str) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = workbook.create_sheet(FINDINGS_SHEET, 0)
    sheet.append(HEADERS[lang])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, finding in enumerate(findings, start=1):
        where = finding.location
        place = f"{where.sheet}!{where.cell}" if where.sheet and where.cell else (where.sheet or "")
        row = number + 1
        sheet.cell(row, 1).value = number
        values = (
            SEVERITY_WORDS[lang].get(finding.severity, finding.severity), finding.code,
            finding.label(lang) or finding.table, finding.kode, finding.row_in(lang),
            finding.column, finding.stated, finding.expected, finding.message(lang), place,
        )
        for column, value in enumerate(values, start=2):
            _put(sheet.cell(row, column), value)
        colour = SEVERITY_FILLS.get(finding.severity, SEVERITY_FILLS["info"])
        sheet.cell(row, 2).fill = PatternFill(fill_type="solid", start_color=colour,
                                              end_color=colour)
        if (where.sheet, where.cell) in marked:
            link = sheet.cell(row, len(HEADERS[lang]))
            # An internal link (a location, not a target): it jumps to the cell.
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=f"{_quoted(str(where.sheet))}!{where.cell}")
            link.style = "Hyperlink"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    sheet.auto_filter.ref = sheet.dimensions
    workbook.active = 0


def _put(cell: Any, value: Decimal | str | None) -> None:
    """A text cell, never a formula, whatever a figure or label starts with (`=SUM(...)`,
    `-5,74%`): as validator/write/xlsx_writer.py writes text."""
    if value is None:
        return
    text = str(value)
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"
