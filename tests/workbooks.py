"""Workbooks made the way planners make them, for the tests of Excel habits.

`planner_workbook` starts from lkjip's own layout (a report converted to XLSX) and then
types the figures the Excel way with openpyxl: numbers in cells with number formats
(`0.00%` over a fraction, `#,##0`, `"Rp"#,##0`), formulas for totals and capaian. openpyxl
saves formulas without their results, as every script does; `saved_by_libreoffice` opens
such a workbook in LibreOffice headless and saves it again, which computes and stores
every formula's result the way a spreadsheet program does.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from validator.load import load_report
from validator.write.xlsx_writer import write_xlsx

BASE_REPORT = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial Kabupaten Contoh, pemda: Kabupaten Contoh, tahun: 2023}
sasaran:
  - kode: S1
    uraian: Meningkatnya pelayanan sosial
    program: ["1.06.04"]
    indikator:
      - {kode: S1.I1, uraian: Jumlah PPKS yang tertangani, satuan: orang}
      - {kode: S1.I2, uraian: Jumlah PSKS yang berdaya, satuan: orang}
      - {kode: S1.I3, uraian: Jumlah lansia terlayani, satuan: orang}
      - {kode: S1.I4, uraian: Jumlah anak terlantar terlayani, satuan: orang}
akip: {nilai: "81,50", predikat: "A"}
tabel:
  - id: tabel_3_1
    label: Tabel 3.1 Pengukuran Kinerja
    jenis: kinerja
    baris:
      - {kode: S1.I1, satuan: orang, target: "300", realisasi: "304", capaian: "101,33%"}
      - {kode: S1.I2, satuan: orang, target: "150", realisasi: "142", capaian: "94,67%"}
      - {kode: S1.I3, satuan: orang, target: "80", realisasi: "79", capaian: "98,75%"}
      - {kode: S1.I4, satuan: orang, target: "60", realisasi: "58", capaian: "96,67%"}
  - id: tabel_3_7
    label: Tabel 3.7 Realisasi Anggaran
    jenis: anggaran
    baris:
      - {kode: "1.06.04", uraian: Program Rehabilitasi Sosial, anggaran: "1.500.000.000",
         realisasi: "1.417.000.000", capaian_anggaran: "94,47%"}
      - {kode: "1.06.04.2.01", uraian: Rehabilitasi Sosial Dasar, anggaran: "900.000.000",
         realisasi: "850.200.000", capaian_anggaran: "94,47%"}
      - {kode: "1.06.04.2.02", uraian: Rehabilitasi Sosial Lanjut, anggaran: "600.000.000",
         realisasi: "566.800.000", capaian_anggaran: "94,47%"}
    jumlah: {uraian: Jumlah, anggaran: "1.500.000.000", realisasi: "1.417.000.000",
             capaian_anggaran: "94,47%"}
"""
"""A small report whose figures all agree: no finding at all, as YAML."""

KINERJA = "tabel_3_1"
ANGGARAN = "tabel_3_7"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def needs_soffice() -> str:
    """LibreOffice's path; the test is skipped where it is not installed (.ci/run
    installs it)."""
    path = soffice()
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


def layout_workbook(folder: Path, report: str = BASE_REPORT) -> Path:
    """The report in lkjip's XLSX layout, every cell text (as `lkjip convert` writes it)."""
    (folder / "base.yaml").write_text(report, encoding="utf-8")
    path = folder / "book.xlsx"
    write_xlsx(load_report(folder / "base.yaml"), path)
    return path


def columns(sheet: Any) -> tuple[int, dict[str, str]]:
    """The header row of a table sheet and the column letter of each column name."""
    for row in sheet.iter_rows():
        names = {cell.value: cell.column_letter for cell in row if isinstance(cell.value, str)}
        if "kode" in {name.lower() for name in names}:  # lkjip's key or the printed `Kode`
            return row[0].row, names
    raise AssertionError(f"no header row in {sheet.title}")


def rows_by_kode(sheet: Any) -> dict[str, int]:
    header, names = columns(sheet)
    letter = names.get("kode") or names["Kode"]
    found = {}
    for number in range(header + 1, sheet.max_row + 1):
        value = sheet[f"{letter}{number}"].value
        if value:
            found[str(value)] = number
    return found


Edit = Callable[[Any], None]


def edit(path: Path, *edits: Edit, out: Path | None = None) -> Path:
    """Open the workbook with openpyxl, apply the edits, save (formulas without results)."""
    workbook = openpyxl.load_workbook(path)
    for change in edits:
        change(workbook)
    target = out or path
    workbook.save(target)
    return target


def put(workbook: Any, sheet: str, kode: str, column: str, value: object,
        number_format: str | None = None) -> str:
    """Type a value (a number, a formula) into a table cell; its address."""
    table = workbook[sheet]
    _, names = columns(table)
    cell = table[f"{names[column]}{rows_by_kode(table)[kode]}"]
    cell.value = value
    if number_format is not None:
        cell.number_format = number_format
    return str(cell.coordinate)


def address(workbook: Any, sheet: str, kode: str, column: str) -> str:
    table = workbook[sheet]
    _, names = columns(table)
    return f"{names[column]}{rows_by_kode(table)[kode]}"


KINERJA_ROWS = {"S1.I1": (300, 304), "S1.I2": (150, 142), "S1.I3": (80, 79), "S1.I4": (60, 58)}
ANGGARAN_ROWS = {"1.06.04.2.01": (900_000_000, 850_200_000),
                 "1.06.04.2.02": (600_000_000, 566_800_000)}


def typed_the_excel_way(workbook: Any) -> None:
    """Every figure typed as a planner does in Excel: counts as numbers, capaian as the
    fraction realisasi / target in a `0.00%` cell, amounts in `#,##0` and `"Rp"#,##0`
    cells, the program and the Jumlah as =SUM(...), capaian anggaran as a formula."""
    for kode, (target, realisasi) in KINERJA_ROWS.items():
        put(workbook, KINERJA, kode, "target", target, "#,##0")
        put(workbook, KINERJA, kode, "realisasi", realisasi, "#,##0")
        put(workbook, KINERJA, kode, "capaian", realisasi / target, "0.00%")
    for kode, (anggaran, realisasi) in ANGGARAN_ROWS.items():
        put(workbook, ANGGARAN, kode, "anggaran", anggaran, '"Rp"#,##0')
        put(workbook, ANGGARAN, kode, "realisasi", realisasi, "#,##0")
    first = {c: address(workbook, ANGGARAN, "1.06.04.2.01", c) for c in ("anggaran", "realisasi")}
    last = {c: address(workbook, ANGGARAN, "1.06.04.2.02", c) for c in ("anggaran", "realisasi")}
    for kode in ("1.06.04", "JUMLAH"):
        for column, number_format in (("anggaran", '"Rp"#,##0'), ("realisasi", "#,##0")):
            put(workbook, ANGGARAN, kode, column, f"=SUM({first[column]}:{last[column]})",
                number_format)
    for kode in ("1.06.04", *ANGGARAN_ROWS, "JUMLAH"):
        anggaran = address(workbook, ANGGARAN, kode, "anggaran")
        realisasi = address(workbook, ANGGARAN, kode, "realisasi")
        put(workbook, ANGGARAN, kode, "capaian_anggaran", f"={realisasi}/{anggaran}", "0.00%")


def planner_workbook(folder: Path, *edits: Edit) -> Path:
    """The base report typed the Excel way, then the given edits; saved by openpyxl."""
    return edit(layout_workbook(folder), typed_the_excel_way, *edits)


def saved_by_libreoffice(path: Path, folder: Path) -> Path:
    """The workbook opened and saved again by LibreOffice: every formula's result stored."""
    binary = needs_soffice()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [binary, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    saved = folder / path.name
    assert saved.exists(), f"LibreOffice wrote no {saved}"
    return saved
