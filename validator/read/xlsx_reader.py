"""Read an XLSX workbook into a located tree, safely.

The zip container is inspected before any XML is parsed: oversized or absurdly
compressed members (zip bombs) and XML entity declarations (billion laughs, external
entities) are refused. openpyxl then reads values only (read-only, cached results, never
formulas), and each sheet's XML is checked for cells openpyxl would misplace or drop.
"""

from __future__ import annotations

import io
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from validator import limits
from validator.errors import InputError
from validator.model import Location
from validator.read.files import read_bytes
from validator.read.sheets import Sheet, column_letter, max_sheet_rows, tree_from_sheets
from validator.tree import Node, Scalar

_BIG_MEMBER = 1024 * 1024
_MAX_RATIO = 200
# Everything openpyxl might parse as XML is scanned, whatever its name (a relationship
# can point anywhere); only pictures and embedded objects, which it never parses, are not.
_NOT_XML = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin")
_EMBEDDED = "xl/embeddings/"
_CHUNK = 1024 * 1024
# UTF-8 and UTF-16 spellings: a UTF-16 part must not slip a declaration past the scan.
_FORBIDDEN = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(marker) for marker in _FORBIDDEN)


def read_xlsx_tree(path: Path) -> Node:
    data = read_bytes(path)
    where = Location(str(path))
    with _open_zip(data, where) as archive:
        check_archive(archive, where)
    sheets = _read_sheets(data, str(path))
    return tree_from_sheets(sheets, str(path))


def _open_zip(data: bytes, where: Location) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError.at(where, "file_unreadable",
                            reason=f"not an XLSX workbook (not a zip archive: {exc})") from exc


def check_archive(archive: zipfile.ZipFile, where: Location) -> None:
    """Refuse zip bombs and XML with entity declarations before openpyxl sees them."""
    members = archive.infolist()
    total = sum(info.file_size for info in members)
    if total > limits.MAX_UNCOMPRESSED_XLSX_BYTES:
        raise InputError.at(where, "xlsx_unsafe", reason=(
            f"uncompressed size {total} bytes exceeds {limits.MAX_UNCOMPRESSED_XLSX_BYTES}"
        ))
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _BIG_MEMBER and ratio > _MAX_RATIO:
            raise InputError.at(where, "xlsx_unsafe",
                                reason=f"member {info.filename!r} compressed {ratio:.0f}:1")
        name = info.filename.lower()
        if not (name.endswith(_NOT_XML) or name.startswith(_EMBEDDED) or info.is_dir()):
            _check_xml(archive, info, where)


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: Location) -> None:
    tail = b""
    try:
        with archive.open(info) as member:
            # zipfile stops at the declared size, so a lying header cannot inflate this.
            while chunk := member.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _FORBIDDEN):
                    raise InputError.at(where, "xlsx_unsafe", reason=(
                        f"member {info.filename!r} declares a DOCTYPE or ENTITY"
                    ))
                tail = window[-_OVERLAP:]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise InputError.at(where, "file_unreadable",
                            reason=f"damaged zip member {info.filename!r}: {exc}") from exc


def _read_sheets(data: bytes, filename: str) -> dict[str, Sheet]:
    import openpyxl  # imported late: only XLSX input needs it

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise InputError.at(Location(filename), "file_unreadable",
                            reason=f"not a valid XLSX workbook: {type(exc).__name__}: {exc}") from exc
    try:
        sheets = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for worksheet in workbook.worksheets:
                sheets[worksheet.title] = sheet = _read_sheet(worksheet, filename)
                # openpyxl's own member for this sheet: the check reads the XML it read.
                _check_cell_places(archive, worksheet._worksheet_path, sheet)
        return sheets
    finally:
        workbook.close()


def _read_sheet(worksheet: Any, filename: str) -> Sheet:
    sheet = Sheet(str(worksheet.title), file=filename)
    # Declared dimensions may be wrong or huge (formatting to XFD1048576); read actual cells.
    worksheet.reset_dimensions()
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            _add_row(sheet, number, values)
    except InputError:
        raise
    except Exception as exc:  # malformed sheet XML surfaces from inside openpyxl
        raise InputError.at(sheet.location, "file_unreadable",
                            reason=f"damaged sheet: {type(exc).__name__}: {exc}") from exc
    _trim(sheet)
    return sheet


def _check_cell_places(archive: zipfile.ZipFile, member: str, sheet: Sheet) -> None:
    """Refuse rows and cells that openpyxl would silently drop or put elsewhere.

    It keeps the last of two cells with one address, drops a row numbered 0 or not after
    the row before it and the cells after one out of column order, and files a cell under
    its row element whatever its own address says. check_archive has refused entity
    declarations, so expat here expands nothing.
    """
    from openpyxl.utils.exceptions import CellCoordinatesException

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = _CellPlaces(sheet).start
    try:
        with archive.open(member) as source:
            while chunk := source.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (ValueError, OverflowError, CellCoordinatesException,
            xml.parsers.expat.ExpatError) as exc:
        raise InputError.at(sheet.location, "file_unreadable",
                            reason=f"damaged sheet: {type(exc).__name__}: {exc}") from exc


class _CellPlaces:
    """Row and cell addresses of one sheet's XML, numbered as openpyxl numbers them."""

    def __init__(self, sheet: Sheet) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.xml.constants import SHEET_MAIN_NS

        self.sheet = sheet
        self.address: Callable[[str], tuple[int, int]] = coordinate_to_tuple
        self.row_tag, self.cell_tag = f"{SHEET_MAIN_NS} row", f"{SHEET_MAIN_NS} c"
        self.row = 0
        self.column = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.cell_tag:
            self.start_cell(attributes.get("r"))
        elif name == self.row_tag:
            self.start_row(attributes.get("r"))

    def start_row(self, ref: str | None) -> None:
        number = _row_number(ref) if ref else self.row + 1
        if number < 1:
            self.refuse(None, "xlsx_bad_row_number", row=number)
        if number <= self.row:
            self.refuse(None, "xlsx_row_order", row=number, previous=self.row)
        self.row, self.column = number, 0

    def start_cell(self, ref: str | None) -> None:
        row, column = self.address(ref) if ref else (self.row, self.column + 1)
        if row != self.row or column <= self.column:
            self.misplaced(row, column)
        self.column = column

    def misplaced(self, row: int, column: int) -> NoReturn:
        """Refuse a cell outside its row element, written twice, or out of column order."""
        cell = f"{column_letter(column)}{row}"
        if row != self.row:
            self.refuse(cell, "xlsx_cell_outside_row", cell=cell, row=self.row)
        if column == self.column:
            self.refuse(cell, "xlsx_duplicate_cell", cell=cell)
        previous = f"{column_letter(self.column)}{row}"
        self.refuse(cell, "xlsx_cell_order", cell=cell, previous=previous)

    def refuse(self, place: str | None, key: str, /, **params: object) -> NoReturn:
        where = Location(self.sheet.file, sheet=self.sheet.name, cell=place)
        raise InputError.at(where, key, **params)


def _row_number(ref: str) -> int:
    try:
        return int(ref)
    except ValueError:
        return int(float(ref))  # openpyxl reads `r="3.0"` as row 3


def _add_row(sheet: Sheet, number: int, values: tuple[object, ...]) -> None:
    width = _width(values)
    if width > limits.MAX_COLUMNS:
        raise InputError.at(sheet.location, "too_many_columns", sheet=sheet.name,
                            limit=limits.MAX_COLUMNS)
    if width and number > max_sheet_rows():
        raise InputError.at(sheet.location, "too_many_rows", sheet=sheet.name,
                            limit=max_sheet_rows())
    if not width and sheet.rows and not sheet.rows[-1]:
        return  # one empty row keeps the layout; a long run of them would only cost memory
    sheet.row_numbers.append(number)
    index = len(sheet.rows)
    sheet.rows.append(
        [_scalar(value, sheet.at(index, column)) for column, value in enumerate(values[:width])]
    )


def _width(values: tuple[object, ...]) -> int:
    for i in range(len(values) - 1, -1, -1):
        if _present(values[i]):
            return i + 1
    return 0


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _trim(sheet: Sheet) -> None:
    """Drop trailing empty rows (formatting often extends a sheet far below its data)."""
    while sheet.rows and not sheet.rows[-1]:
        sheet.rows.pop()
        sheet.row_numbers.pop()


def _scalar(value: object, where: Location) -> Scalar | None:
    """A cell value as a scalar, typed the way build.py reads YAML scalars."""
    if not _present(value):
        return None
    if isinstance(value, bool):
        return Scalar("true" if value else "false", "bool", where)
    if isinstance(value, int):
        return Scalar(str(value), "int", where)
    if isinstance(value, float):
        if value.is_integer():
            return Scalar(str(int(value)), "int", where)
        return Scalar(repr(value), "float", where)
    if isinstance(value, datetime):
        moment = value.date() if value.time() == time() else value
        return Scalar(moment.isoformat(), "date", where)
    if isinstance(value, date):
        return Scalar(value.isoformat(), "date", where)
    if isinstance(value, time | timedelta):
        return Scalar(str(value), "str", where)
    return Scalar(str(value), "str", where)
