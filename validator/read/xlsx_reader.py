"""Read an XLSX workbook into a located tree, safely.

The zip container is inspected before any XML is parsed: oversized or absurdly
compressed members (zip bombs) and XML entity declarations (billion laughs, external
entities) are refused. Each sheet's XML is checked for cells openpyxl would misplace or
drop, and gives the saved results of its formulas; openpyxl then reads the cells
(read-only) with their number formats. A cell is read as the planner sees it: a number
as its format shows it, a formula as its saved result, or computed when it has none.
"""

from __future__ import annotations

import io
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from validator import limits
from validator.errors import InputError
from validator.model import Location
from validator.read.files import read_bytes
from validator.read.formulas import (
    MAX_COMPUTED,
    MAX_DEPTH,
    FormulaFailure,
    cached_value,
    evaluate,
)
from validator.read.number_formats import shown
from validator.read.sheets import Sheet, column_letter, max_sheet_rows, tree_from_sheets
from validator.tree import Node, Scalar, SheetCell

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
        # Formulas as written (data_only=False): their saved results come from the XML
        # scan of _check_cell_places, which also tells a formula saved without one.
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise InputError.at(Location(filename), "file_unreadable",
                            reason=f"not a valid XLSX workbook: {type(exc).__name__}: {exc}") from exc
    try:
        cells: dict[str, _SheetCells] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for worksheet in workbook.worksheets:
                sheet = Sheet(str(worksheet.title), file=filename)
                # openpyxl's own member for this sheet: the check reads the XML it reads.
                saved = _check_cell_places(archive, worksheet._worksheet_path, sheet)
                cells[sheet.name] = _SheetCells(sheet, _read_cells(worksheet, sheet), saved)
    finally:
        workbook.close()
    values = _Values(cells)
    for sheet_cells in cells.values():
        _fill(sheet_cells, values)
    return {name: sheet_cells.sheet for name, sheet_cells in cells.items()}


_Cell = tuple[object, str | None]
"""A cell as openpyxl reads it (a formula as its text) and its number format."""


@dataclass
class _SheetCells:
    """One sheet's cells before they become scalars: formulas need every sheet read."""

    sheet: Sheet
    rows: list[tuple[int, list[_Cell]]]
    saved: dict[tuple[int, int], Any]
    """Formula cells (row, column) and their saved results (None: saved without one)."""
    index: dict[tuple[int, int], _Cell] | None = None

    def cell(self, row: int, column: int) -> _Cell | None:
        if self.index is None:
            self.index = {(number, i + 1): cell for number, row_cells in self.rows
                          for i, cell in enumerate(row_cells)}
        return self.index.get((row, column))


def _read_cells(worksheet: Any, sheet: Sheet) -> list[tuple[int, list[_Cell]]]:
    # Declared dimensions may be wrong or huge (formatting to XFD1048576); read actual cells.
    worksheet.reset_dimensions()
    rows: list[tuple[int, list[_Cell]]] = []
    try:
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            values = [(cell.value, getattr(cell, "number_format", None)) for cell in row]
            width = _width(tuple(value for value, _ in values))
            _check_size(sheet, number, width)
            if width or not rows or rows[-1][1]:
                # One empty row keeps the layout (it ends a table's metadata); a long
                # run of them would only cost memory.
                rows.append((number, values[:width]))
    except InputError:
        raise
    except Exception as exc:  # malformed sheet XML surfaces from inside openpyxl
        raise InputError.at(sheet.location, "file_unreadable",
                            reason=f"damaged sheet: {type(exc).__name__}: {exc}") from exc
    return rows


class _Values:
    """Cell values across the workbook, formulas resolved: the saved result, else the
    result computed by validator/read/formulas.py, remembered once computed."""

    def __init__(self, cells: dict[str, _SheetCells]) -> None:
        self.cells = cells
        self.titles = {name.upper(): name for name in cells}
        self.computed: dict[tuple[str, int, int], Any] = {}
        self.pending: list[tuple[str, int, int]] = []

    def formula(self, sheet: str, row: int, column: int, text: str) -> Any:
        """The value of a formula cell: its saved result, else its computed one."""
        saved = self.cells[sheet].saved.get((row, column))
        if saved is not None:
            return saved
        key = (sheet, row, column)
        if key in self.computed:
            return self.computed[key]
        if key in self.pending:
            return FormulaFailure("formula_circular", f"{column_letter(column)}{row}")
        if len(self.pending) >= MAX_DEPTH:
            return FormulaFailure("formula_too_deep", str(MAX_DEPTH))
        if len(self.computed) >= MAX_COMPUTED:
            return FormulaFailure("formula_too_many", str(MAX_COMPUTED))
        self.pending.append(key)
        try:
            result = evaluate(text, sheet, self.titles, self.lookup)
        finally:
            self.pending.pop()
        self.computed[key] = result
        return result

    def lookup(self, sheet: str, row: int, column: int) -> Any:
        cells = self.cells[sheet]
        cell = cells.cell(row, column)
        if cell is None:
            return None
        # Only a cell the XML marks as a formula is one: a text cell may begin with `=`.
        text = _formula_text(cell[0]) if (row, column) in cells.saved else None
        return self.formula(sheet, row, column, text) if text is not None else cell[0]


def _formula_text(value: object) -> str | None:
    """The formula of a cell openpyxl read with data_only=False, else None."""
    from openpyxl.worksheet.formula import ArrayFormula

    if isinstance(value, ArrayFormula):
        return str(value.text)
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        return value
    return None


def _fill(cells: _SheetCells, values: _Values) -> None:
    """Turn one sheet's cells into its rows of scalars."""
    sheet = cells.sheet
    for number, row in cells.rows:
        sheet.row_numbers.append(number)
        index = len(sheet.rows)
        scalars = []
        for column, (value, number_format) in enumerate(row):
            where = sheet.at(index, column)
            formula = _formula_text(value) if (number, column + 1) in cells.saved else None
            if formula is not None:
                value = values.formula(sheet.name, number, column + 1, formula)
            scalars.append(_scalar(value, where, number_format, formula))
        sheet.rows.append(scalars)
    _trim(sheet)


def _check_cell_places(
    archive: zipfile.ZipFile, member: str, sheet: Sheet,
) -> dict[tuple[int, int], Any]:
    """Refuse rows and cells that openpyxl would silently drop or put elsewhere.

    It keeps the last of two cells with one address, drops a row numbered 0 or not after
    the row before it and the cells after one out of column order, and files a cell under
    its row element whatever its own address says. check_archive has refused entity
    declarations, so expat here expands nothing. Returns the sheet's formula cells
    (row, column) with their saved results (None: saved without one).
    """
    from openpyxl.utils.exceptions import CellCoordinatesException

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    places = _CellPlaces(sheet)
    parser.StartElementHandler = places.start
    parser.EndElementHandler = places.end
    parser.CharacterDataHandler = places.text
    try:
        with archive.open(member) as source:
            while chunk := source.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (ValueError, OverflowError, CellCoordinatesException,
            xml.parsers.expat.ExpatError) as exc:
        raise InputError.at(sheet.location, "file_unreadable",
                            reason=f"damaged sheet: {type(exc).__name__}: {exc}") from exc
    return places.formulas


class _CellPlaces:
    """Row and cell addresses of one sheet's XML, numbered as openpyxl numbers them."""

    def __init__(self, sheet: Sheet) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.xml.constants import SHEET_MAIN_NS

        self.sheet = sheet
        self.address: Callable[[str], tuple[int, int]] = coordinate_to_tuple
        self.row_tag, self.cell_tag = f"{SHEET_MAIN_NS} row", f"{SHEET_MAIN_NS} c"
        self.formula_tag, self.value_tag = f"{SHEET_MAIN_NS} f", f"{SHEET_MAIN_NS} v"
        self.row = 0
        self.column = 0
        self.formulas: dict[tuple[int, int], Any] = {}
        self.cell_type: str | None = None
        self.has_formula = False
        self.saved: list[str] | None = None
        self.in_value = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.cell_tag:
            self.start_cell(attributes.get("r"))
            self.cell_type, self.has_formula, self.saved = attributes.get("t"), False, None
        elif name == self.formula_tag:
            self.has_formula = True
        elif name == self.value_tag:
            self.in_value, self.saved = True, []
        elif name == self.row_tag:
            self.start_row(attributes.get("r"))

    def end(self, name: str) -> None:
        if name == self.value_tag:
            self.in_value = False
        elif name == self.cell_tag and self.has_formula:
            # A formula saved without a result has no `<v>`, or an empty one.
            saved = "".join(self.saved) if self.saved is not None else ""
            self.formulas[(self.row, self.column)] = (
                cached_value(self.cell_type, saved) if saved else None
            )

    def text(self, data: str) -> None:
        if self.in_value and self.saved is not None:
            self.saved.append(data)

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


def _check_size(sheet: Sheet, number: int, width: int) -> None:
    if width > limits.MAX_COLUMNS:
        raise InputError.at(sheet.location, "too_many_columns", sheet=sheet.name,
                            limit=limits.MAX_COLUMNS)
    if width and number > max_sheet_rows():
        raise InputError.at(sheet.location, "too_many_rows", sheet=sheet.name,
                            limit=max_sheet_rows())


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


def _scalar(value: object, where: Location, number_format: str | None = None,
            formula: str | None = None) -> Scalar | None:
    """A cell value as a scalar, typed the way build.py reads YAML scalars.

    A number whose format is interpreted (validator/read/number_formats.py) is the text
    it displays, with `shown` telling its value and precision; a formula cell notes its
    formula; a formula that has no value is a scalar that reads as an unreadable figure.
    """
    if isinstance(value, FormulaFailure):
        failed = SheetCell(formula=formula, failure=value.key, detail=value.detail)
        return Scalar(formula or "", "str", where, cell=failed)
    if not _present(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        display = shown(value, number_format)
        if display is not None:
            return Scalar(display.text(), "str", where, cell=SheetCell(display, formula))
    scalar = _plain_scalar(value, where)
    return replace(scalar, cell=SheetCell(formula=formula)) if formula is not None else scalar


def _plain_scalar(value: object, where: Location) -> Scalar:
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
