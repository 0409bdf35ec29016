"""Write a report (or the empty template) as a folder of UTF-8 CSV files, one per sheet.

A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
leading `'`; the reader drops it. Cells that already start with `'` before one of those
get one more, so the rule round-trips any text.

Lines end in CRLF, as Excel writes them. It also makes the csv module quote a cell holding
a bare CR: before Python 3.11.9 / 3.12.3 it quoted only the characters of its line
terminator, so with "\n" a CR pasted from a PDF split the row on reading.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from validator.errors import InputError
from validator.model import Report
from validator.write.atomic import atomic_folder
from validator.write.serialize import NumberFigure, Sheets, report_to_sheets
from validator.write.template import template_sheets

_NEEDS_PROTECTION = re.compile(r"^'*[=+\-@]")
LINE_END = "\r\n"


def write_csv(report: Report, folder: Path) -> None:
    write_sheets_csv(report_to_sheets(report), folder)


def write_template_csv(folder: Path) -> None:
    write_sheets_csv(template_sheets(), folder)


def write_sheets_csv(sheets: Sheets, folder: Path) -> None:
    with atomic_folder(folder) as temp:
        for name, rows in sheets.items():
            (temp / f"{name}.csv").write_bytes(sheet_csv(rows))


def sheet_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerows([protect(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def protect(value: str) -> str:
    if isinstance(value, NumberFigure):
        # As CSV text, `1.234` would read as 1234 in an Indonesian table.
        raise InputError.at(value.location, "figure_needs_number", raw=str(value))
    return "'" + value if _NEEDS_PROTECTION.match(value) else value
