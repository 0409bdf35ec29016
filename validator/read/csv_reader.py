"""Read a folder of CSV files (one per sheet) into a located tree.

Every cell is text; a cell the writer protected from spreadsheet formula evaluation
(`'=...`, `'+...`, `'-...`, `'@...`) loses its one leading apostrophe (docs/formats.md).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from validator import limits
from validator.errors import InputError
from validator.model import Location
from validator.read.files import read_bytes
from validator.read.sheets import Sheet, max_sheet_rows, tree_from_sheets
from validator.read.yaml_reader import decode_text
from validator.tree import Node, Scalar

_PROTECTED = re.compile(r"^'+[=+\-@]")


def read_csv_tree(folder: Path) -> Node:
    if not folder.is_dir():
        raise InputError.at(Location(str(folder)), "not_a_report")
    sheets = {path.stem: read_csv_sheet(path) for path in sorted(folder.glob("*.csv"))}
    return tree_from_sheets(sheets, str(folder))


def read_csv_sheet(path: Path) -> Sheet:
    text = decode_text(read_bytes(path), Location(str(path)))
    sheet = Sheet(path.stem, file=str(path), csv=True)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for record in reader:
            _add_row(sheet, line, record)
            line = reader.line_num + 1
    except csv.Error as exc:
        where = Location(str(path), line=reader.line_num or line)
        raise InputError.at(where, "file_unreadable", reason=f"CSV: {exc}") from exc
    while sheet.rows and not sheet.rows[-1]:
        sheet.rows.pop()
        sheet.row_numbers.pop()
        sheet.fields.pop()
    return sheet


def _add_row(sheet: Sheet, line: int, record: list[str]) -> None:
    width = _width(record)
    if width > limits.MAX_COLUMNS:
        raise InputError.at(Location(sheet.file, line=line), "too_many_columns",
                            sheet=sheet.name, limit=limits.MAX_COLUMNS)
    if len(sheet.rows) >= max_sheet_rows():
        raise InputError.at(Location(sheet.file, line=line), "too_many_rows",
                            sheet=sheet.name, limit=max_sheet_rows())
    sheet.row_numbers.append(line)
    sheet.fields.append(len(record))
    index = len(sheet.rows)
    sheet.rows.append([
        _scalar(text, sheet.at(index, column)) for column, text in enumerate(record[:width])
    ])


def _width(record: list[str]) -> int:
    for i in range(len(record) - 1, -1, -1):
        if record[i].strip():
            return i + 1
    return 0


def _scalar(text: str, where: Location) -> Scalar | None:
    if not text.strip():
        return None
    if _PROTECTED.match(text):
        text = text[1:]
    return Scalar(text, "str", where)
