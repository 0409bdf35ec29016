"""Write a report (or the empty template) as an XLSX workbook in the layout of formats.md.

Every cell is a text cell, so Excel never turns `1.06` into a number or `=...` into a
formula; the only numbers are figures whose source typed them as numbers.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from validator.errors import InputError
from validator.model import Location, Report
from validator.write.atomic import atomic_file
from validator.write.serialize import NumberFigure, Sheets, report_to_sheets
from validator.write.template import template_sheets

FORMULA_STARTS = ("=", "+", "-", "@")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def write_xlsx(report: Report | None, path: Path) -> None:
    """The report as a workbook; None writes the empty documented template."""
    sheets = report_to_sheets(report) if report is not None else template_sheets()
    workbook = build_workbook(sheets, str(path))
    with atomic_file(path) as handle:
        workbook.save(handle)


def write_template_xlsx(path: Path) -> None:
    write_xlsx(None, path)


def workbook_bytes(sheets: Sheets, filename: str) -> bytes:
    buffer = io.BytesIO()
    build_workbook(sheets, filename).save(buffer)
    return buffer.getvalue()


def build_workbook(sheets: Sheets, filename: str) -> Any:
    from openpyxl import Workbook  # imported late: only XLSX output needs it

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    _set(worksheet.cell(row=r, column=c), value, Location(filename, sheet=name))
        _style(worksheet, rows)
    return workbook


def _set(cell: Any, value: str, sheet: Location) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, NumberFigure):
        cell.value = float(value) if "." in value else int(value)
        return
    if ILLEGAL_CHARACTERS_RE.search(value):
        where = Location(sheet.file, sheet=sheet.sheet, cell=cell.coordinate)
        raise InputError.at(where, "xlsx_illegal_text")
    cell.value = value
    if value.startswith(FORMULA_STARTS):
        # openpyxl would store `=...` as a formula; force a string cell, and quotePrefix
        # keeps Excel from evaluating it when someone edits the cell.
        cell.data_type = "s"
        cell.quotePrefix = True


def _style(worksheet: Any, rows: list[list[str]]) -> None:
    """Bold header rows (the first row and a row after an empty one), column widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    headers = [0] + [i + 1 for i, row in enumerate(rows[:-1]) if not any(row)]
    for index in headers:
        for cell in worksheet[index + 1]:
            cell.font = bold
    widths: dict[int, int] = {}
    for row in rows:
        for c, value in enumerate(row):
            widths[c] = max(widths.get(c, 0), len(value))
    for c, width in widths.items():
        letter = get_column_letter(c + 1)
        worksheet.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    if len(headers) <= 2 and headers[-1] + 1 < len(rows):
        worksheet.freeze_panes = f"A{headers[-1] + 2}"
