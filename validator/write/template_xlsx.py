"""The planner's workbook (`lkjip template --xlsx`, `--from report.yaml`): fill it in Excel
without reading the docs.

The instructions come first; every standard table of an LKjIP is its own sheet with its
columns named as reports print them (`Anggaran (Rp)`, `Capaian (%)`, read back by
validator/read/sheets.py), grey example rows that are not read (`no` = contoh), dropdowns
where a value comes from a list (jenis, arah, satuan, predikat, versi), a warning where a
number is expected, number formats that show what is typed the way reports print it,
fitted column widths and frozen header rows. With a report, the sheets hold its data
(lkjip's own layout, as `lkjip convert` writes it) styled the same way, without examples.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from validator.build import FORMAT, VERSION_KINDS, YEAR_COLUMN
from validator.model import Report
from validator.numbers import NumberFormatError, parse_number
from validator.read.sheets import (
    EXAMPLE_MARK,
    EXAMPLES,
    HELP_SHEET,
    INDEX_SHEET,
    KEY_VALUE_HEADER,
    PRINTED_COLUMNS,
)
from validator.write.atomic import atomic_file
from validator.write.serialize import Sheets, report_to_sheets
from validator.write.template import help_rows, template_sheets
from validator.write.xlsx_writer import _set

STANDARD_TABLES: tuple[tuple[str, str, str, str, str | None, tuple[str, ...]], ...] = (
    # (sheet, id, label, jenis, the version it usually comes from, columns); "target_*"
    # is every Renstra year.
    ("Renstra", "tabel_2_1", "Tabel 2.1 Tujuan, Sasaran, Indikator dan Target Kinerja",
     "kinerja", None, ("no", "kode", "uraian", "satuan", "target_*")),
    ("Perjanjian Kinerja", "tabel_2_4", "Tabel 2.4 Perjanjian Kinerja", "kinerja", "pk_awal",
     ("no", "kode", "uraian", "satuan", "target")),
    ("PK Program dan Kegiatan", "tabel_2_5", "Tabel 2.5 Program dan Kegiatan (Perjanjian Kinerja)",
     "anggaran", "pk_awal", ("no", "kode", "uraian", "anggaran")),
    ("Pengukuran Kinerja", "tabel_3_1", "Tabel 3.1 Pengukuran Kinerja", "kinerja", None,
     ("no", "kode", "uraian", "satuan", "target", "realisasi", "capaian")),
    ("Realisasi Anggaran", "tabel_3_7", "Tabel 3.7 Capaian Anggaran Program dan Kegiatan",
     "anggaran", None, ("no", "kode", "uraian", "anggaran", "realisasi", "capaian_anggaran")),
    ("Efisiensi", "tabel_3_9", "Tabel 3.9 Perbandingan Capaian Kinerja dan Anggaran",
     "anggaran", None, ("no", "kode", "uraian", "capaian_kinerja", "capaian_anggaran",
                        "efisiensi")),
)
"""The tables every LKjIP prints (PermenPANRB 53/2014): Renstra targets, the Perjanjian
Kinerja (targets and budget), the measurement of performance, budget realisation and
efficiency. A report may have more: `--from` writes its own tables."""

SATUAN = ("%", "orang", "jiwa", "KK", "dokumen", "laporan", "unit", "lembaga", "kegiatan",
          "paket", "kali", "hari", "indeks", "nilai", "predikat")
PREDICATES = ("AA", "A", "BB", "B", "CC", "C", "D")
AMOUNTS = {"anggaran": ("anggaran", "realisasi"), "kinerja": ("anggaran", "realisasi_anggaran")}
PERCENTS = ("capaian", "capaian_anggaran", "capaian_kinerja")
NUMBERS = ("target", "realisasi", "realisasi_kinerja", "efisiensi", "pembilang", "penyebut")
AMOUNT_FORMAT, PERCENT_FORMAT, NUMBER_FORMAT = "#,##0", "0.00%", "#,##0.##"
WIDE = {"uraian": 48, "indikator": 40, "catatan": 30, "keterangan": 30, "kutipan": 60}
DATA_ROWS = 300
"""Rows below a header that get the column's validation and number format."""
_HEADER_FILL, _EXAMPLE_GREY = "D9E1F2", "808080"


def write_planner_template(path: Path, report: Report | None = None) -> None:
    """The planner's template; with a report, pre-filled with its data."""
    sheets = report_to_sheets(report) if report is not None else standard_sheets()
    workbook = planner_workbook(sheets)
    with atomic_file(path) as handle:
        workbook.save(handle)


def standard_sheets(year: int | None = None) -> Sheets:
    """The empty template's sheets: sections, the standard tables with their examples."""
    year = year or date.today().year - 1  # the report is written the year after
    base = template_sheets()
    sheets: Sheets = {name: rows for name, rows in base.items()
                      if name not in (HELP_SHEET, INDEX_SHEET, "tabel_3_7")}
    sheets["identitas"] = [row if row[:1] != ["tahun"] else ["tahun", str(year)]
                           for row in sheets["identitas"]]
    sheets[INDEX_SHEET] = [["id", "lembar"], *([t[1], t[0]] for t in STANDARD_TABLES)]
    for name, table_id, label, jenis, _, columns in STANDARD_TABLES:
        # A Perjanjian Kinerja table names its version (a row of `versi`) once there is one.
        meta = [["id", table_id], ["label", label], ["jenis", jenis], ["versi", ""]]
        keys = _years(columns, year)
        examples = [[EXAMPLE_MARK, *(_example(example, key) for key in keys[1:])]
                    for example in EXAMPLES[jenis]]
        sheets[name] = [list(KEY_VALUE_HEADER), *meta, [], keys, *examples]
    return sheets


def _years(columns: tuple[str, ...], year: int) -> list[str]:
    keys: list[str] = []
    for column in columns:
        keys += [f"target_{y}" for y in range(year - 4, year + 1)] if column == "target_*" else [column]
    return keys


def _example(example: dict[str, str], key: str) -> str:
    return example.get("target_tahun" if YEAR_COLUMN.match(key) else key, "")


# -- the workbook -----------------------------------------------------------------------------


def planner_workbook(sheets: Sheets) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _help_sheet(workbook.create_sheet(HELP_SHEET))
    tables = _table_sheets(sheets)
    for name, rows in sheets.items():
        if name == HELP_SHEET:
            continue
        sheet = workbook.create_sheet(name)
        if name in tables:
            _table_sheet(sheet, rows)
        else:
            _section_sheet(sheet, name, rows)
    for sheet in workbook.worksheets:
        # Printed, each sheet is landscape and one page wide.
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    return workbook


def _table_sheets(sheets: Sheets) -> set[str]:
    index = sheets.get(INDEX_SHEET, [])
    return {(row[1] if len(row) > 1 and row[1] else row[0]) for row in index[1:] if row}


def _help_sheet(sheet: Any) -> None:
    from openpyxl.styles import Font

    title = ("Petunjuk pengisian / Instructions: isi setiap lembar; baris abu-abu (no = contoh) "
             "hanya contoh dan tidak dibaca / grey rows are examples and are not read.")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([])
    for row in help_rows():
        sheet.append(row)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for column, width in zip("ABC", (18, 24, 100), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"


def _section_sheet(sheet: Any, name: str, rows: list[list[str]]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    _fill(sheet, rows, header=0, kind=None)
    header = rows[0] if rows else []
    last = DATA_ROWS + 1
    if header == list(KEY_VALUE_HEADER):
        keys = {row[0]: index + 1 for index, row in enumerate(rows) if row}
        if name == "akip" and "predikat" in keys:
            _list(sheet, f"B{keys['predikat']}", PREDICATES, "predikat")
        if name == "identitas" and "format" in keys:
            rule = DataValidation(type="list", formula1=f'"{FORMAT}"', allow_blank=False)
            _add(sheet, rule, f"B{keys['format']}")
        return
    for column, key in enumerate(header, start=1):
        area = _area(column, 2, last)
        if name == "sasaran" and key == "jenis":
            _list(sheet, area, ("tujuan", "sasaran", "indikator"), key)
        elif name == "sasaran" and key == "arah":
            _list(sheet, area, ("naik", "turun"), key)
        elif key == "satuan":
            _list(sheet, area, SATUAN, key, strict=False)
        elif name == "versi" and key == "jenis":
            _list(sheet, area, VERSION_KINDS, key)
        elif name == "versi" and key in ("dilampirkan", "final"):
            _list(sheet, area, ("true", "false"), key)
        elif name == "akip_pita" and key == "predikat":
            _list(sheet, area, PREDICATES, key)
        elif key in ("nilai", "bawah", "atas", "tahun", "urutan"):
            _number(sheet, area, key)


def _table_sheet(sheet: Any, rows: list[list[str]]) -> None:
    """Metadata rows, an empty row, the header (printed names) and the rows."""
    header = next((i + 1 for i, row in enumerate(rows) if not any(row)), len(rows))
    meta = {row[0]: index + 1 for index, row in enumerate(rows[:header]) if row and row[0]}
    kind = next((row[1] for row in rows[:header] if row[:1] == ["jenis"] and len(row) > 1), "")
    printed: dict[str, str] = {}
    for name, key in PRINTED_COLUMNS.get(kind, {}).items():
        printed.setdefault(key, name)  # the first name is the one reports print
    keys = rows[header] if header < len(rows) else []
    shown = [_printed(key, printed) for key in keys]
    body = [*rows[:header], shown, *rows[header + 1:]]
    _fill(sheet, body, header=header, kind=kind, keys=keys)
    for key, validation in (("jenis", ("anggaran", "kinerja")), ("angka", ("id", "en")),
                            ("skala", ("ribuan", "jutaan", "miliar"))):
        if key in meta:
            _list(sheet, f"B{meta[key]}", validation, key)
    first, last = header + 2, header + 1 + DATA_ROWS
    for column, key in enumerate(keys, start=1):
        area = _area(column, first, last)
        if key == "satuan":
            _list(sheet, area, SATUAN, key, strict=False)
        elif key in AMOUNTS.get(kind, ()) or key in PERCENTS or key in NUMBERS or YEAR_COLUMN.match(key):
            _number(sheet, area, _printed(key, printed))
            _format(sheet, column, first, last, _number_format(kind, key))


def _printed(key: str, printed: dict[str, str]) -> str:
    year = YEAR_COLUMN.match(key)
    return f"Target {year[1]}" if year else printed.get(key, key)


def _number_format(kind: str, key: str) -> str:
    if key in AMOUNTS.get(kind, ()):
        return AMOUNT_FORMAT
    return PERCENT_FORMAT if key in PERCENTS else NUMBER_FORMAT


def _fill(sheet: Any, rows: list[list[str]], header: int, kind: str | None,
          keys: list[str] | None = None) -> None:
    """Write the rows: text cells as lkjip writes them, example rows as typed numbers in
    grey; bold filled header, fitted widths, frozen below the header."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from validator.model import Location

    where = Location(sheet.title, sheet=sheet.title)
    grey = Font(italic=True, color=_EXAMPLE_GREY)
    for r, row in enumerate(rows, start=1):
        example = bool(row) and row[0] == EXAMPLE_MARK and r > header + 1
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            cell = sheet.cell(row=r, column=c)
            key = keys[c - 1] if keys and c - 1 < len(keys) else ""
            typed = example and kind is not None and _typed(cell, value, kind, key)
            if not typed:
                _set(cell, value, where)
            if example:
                cell.font = grey
    bold, fill = Font(bold=True), PatternFill(fill_type="solid", start_color=_HEADER_FILL,
                                              end_color=_HEADER_FILL)
    for index in {0, header} if header < len(rows) else {0}:
        for cell in sheet[index + 1]:
            cell.font, cell.fill = bold, fill
    widths: dict[int, int] = {}
    for row in rows:
        for c, value in enumerate(row):
            widths[c] = max(widths.get(c, 0), min(len(value), 60))
    for c, width in widths.items():
        key = keys[c] if keys and c < len(keys) else ""
        wanted = max(width + 2, WIDE.get(key, 10), len(_printed(key, {})) + 4 if key else 0)
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(wanted, 64)
    sheet.freeze_panes = f"A{header + 2}" if header < len(rows) else "A2"


def _typed(cell: Any, value: str, kind: str, key: str) -> bool:
    """An example figure typed as a planner types it: a number in a formatted cell."""
    try:
        parsed = parse_number(value)
    except NumberFormatError:
        return False
    if parsed.nil or parsed.grade or parsed.unit:
        return False
    if parsed.percent:
        cell.value, cell.number_format = float(parsed.value / 100), PERCENT_FORMAT
    elif key in AMOUNTS.get(kind, ()):
        cell.value, cell.number_format = int(parsed.value), AMOUNT_FORMAT
    elif parsed.decimals:
        cell.value, cell.number_format = float(parsed.value), "0." + "0" * parsed.decimals
    else:
        return False  # a whole number stays text: a kode or a count reads the same
    return True


def _area(column: int, first: int, last: int) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    return f"{letter}{first}:{letter}{last}"


def _format(sheet: Any, column: int, first: int, last: int, number_format: str) -> None:
    for row in range(first, last + 1):
        cell = sheet.cell(row=row, column=column)
        if cell.value is None:
            cell.number_format = number_format


def _list(sheet: Any, area: str, values: Iterable[str], what: str, strict: bool = True) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = ",".join(values)
    rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                          errorStyle="stop" if strict else "warning")
    rule.errorTitle = what
    rule.error = (f"Pilih salah satu: {choices} / choose one of: {choices}" if strict else
                  f"Biasanya salah satu dari: {choices}. Lanjutkan? / Usually one of these. Continue?")
    _add(sheet, rule, area)


def _number(sheet: Any, area: str, what: str) -> None:
    """Numbers go here; text ("n/a", "-", a figure as printed) is allowed after a warning."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(type="decimal", operator="between", formula1="-1E+15",
                          formula2="1E+15", allow_blank=True, errorStyle="warning")
    rule.errorTitle = what
    rule.error = ("Kolom ini berisi angka. Teks seperti n/a atau - tetap boleh. Lanjutkan? / "
                  "This column holds numbers; text such as n/a or - is allowed. Continue?")
    _add(sheet, rule, area)


def _add(sheet: Any, rule: Any, area: str) -> None:
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(area)

