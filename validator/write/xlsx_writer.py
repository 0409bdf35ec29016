"""Write a report (or the empty template) as an XLSX workbook in the layout of formats.md.

Every cell is a text cell, so Excel never turns `1.06` into a number or `=...` into a
formula; the only numbers are figures whose source typed them as numbers. Text a cell
cannot hold as it is (too long, a CR, control characters) is refused with its place in
the report, never written changed.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from validator.errors import InputError, Problem
from validator.model import NOWHERE, Figure, Location, Report
from validator.write.atomic import atomic_file
from validator.write.serialize import NumberFigure, Sheets, report_to_sheets
from validator.write.template import template_sheets

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32_767
"""Characters (UTF-16 code units) one Excel cell holds; openpyxl cuts longer text."""
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_START = 40
_NOT_WRITTEN = frozenset({"location", "places", "source"})


def write_xlsx(report: Report | None, path: Path) -> None:
    """The report as a workbook; None writes the empty documented template."""
    if report is not None:
        check_texts(report)
    sheets = report_to_sheets(report) if report is not None else template_sheets()
    workbook = build_workbook(sheets, str(path))
    with atomic_file(path) as handle:
        workbook.save(handle)


def check_texts(report: Report) -> None:
    """Refuse every text an XLSX cell would change, citing its place in the report.

    openpyxl cuts text at MAX_CELL_TEXT; a CR reads back as LF, because an XML parser
    turns every line end into LF; control characters cannot be stored at all.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    problems = []
    for text, where in _texts(report, Location(report.source)):
        length = len(text.encode("utf-16-le")) // 2
        if length > MAX_CELL_TEXT:
            problems.append(Problem("xlsx_text_too_long", where, {
                "start": _start(text), "length": length, "limit": MAX_CELL_TEXT}))
        if "\r" in text:
            problems.append(Problem("xlsx_carriage_return", where, {"start": _start(text)}))
        if ILLEGAL_CHARACTERS_RE.search(text):
            problems.append(Problem("xlsx_illegal_text", where))
    if problems:
        raise InputError(problems)


def _texts(value: object, where: Location) -> Iterator[tuple[str, Location]]:
    """Every text of the model that a writer writes, with its nearest place."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, Figure):
        yield value.raw, value.location if value.location != NOWHERE else where
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, where)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item, where)
    elif dataclasses.is_dataclass(value) and not isinstance(value, Location):
        own = getattr(value, "location", NOWHERE)
        here = own if own != NOWHERE else where
        for item in dataclasses.fields(value):
            if item.name not in _NOT_WRITTEN:
                yield from _texts(getattr(value, item.name), here)


def _start(text: str) -> str:
    return repr(text[:_START] + ("…" if len(text) > _START else ""))


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
        cell.value = _number(value)
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


def _number(figure: NumberFigure) -> int | float:
    """The cell's number, refused when it reads back as other text (`12.500` as 12.5)."""
    number = float(figure) if "." in figure else int(figure)
    back = str(int(number)) if isinstance(number, int) or number.is_integer() else repr(number)
    if back != figure:
        raise InputError.at(figure.location, "xlsx_number_changes", raw=str(figure), back=back)
    return number


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
