"""The reviu findings as an XLSX workbook: a summary sheet, the findings, the notes.

Every text cell is a string cell: a value starting with = + - @ is stored as text with
quotePrefix, so no spreadsheet ever evaluates report data as a formula.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from validator.reviu.document import FindingRow, ReviuDocument
from validator.reviu.statement import plain_text
from validator.reviu.words import BLANK, words
from validator.write.xlsx_writer import FORMULA_STARTS

HEADS = ("no", "tingkat", "tabel", "kode", "baris_only", "kolom_head", "uraian", "tertulis", "seharusnya",
         "selisih", "aturan", "nama_aturan", "lokasi")
WIDTHS = (5, 11, 30, 18, 36, 16, 70, 16, 16, 12, 9, 26, 36)
WRAPPED = {"tabel", "baris_only", "uraian"}


def render(doc: ReviuDocument, created: datetime | None = None) -> bytes:
    from openpyxl import Workbook  # imported late: only XLSX output needs it

    w = words(doc.lang)
    workbook = Workbook()
    _summary(workbook.active, doc)
    for name, rows in ((w["sheet_matters"], doc.matters), (w["sheet_notes"], doc.notes)):
        _findings(workbook.create_sheet(name), rows, doc.lang)
    workbook.properties.creator = "lkjip"
    if created is not None:
        workbook.properties.created = created
        workbook.properties.modified = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def put(sheet: Any, row: int, column: int, value: str | int) -> Any:
    """One cell; text is always a string cell, never a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = sheet.cell(row=row, column=column)
    if isinstance(value, int):
        cell.value = value
        return cell
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _summary(sheet: Any, doc: ReviuDocument) -> None:
    from openpyxl.styles import Alignment, Font

    w = words(doc.lang)
    sheet.title = w["sheet_summary"]
    counts = doc.counts()
    signer = doc.signer
    rows: list[tuple[str, str | int]] = [
        (w["instansi"], doc.instansi), (w["pemda"], doc.pemda), (w["tahun"], doc.tahun),
        (w["unit"], doc.unit or BLANK), (w["source"], doc.source),
        (w["error"], counts["error"]), (w["warning"], counts["warning"]), (w["info"], counts["info"]),
        (w["statement_title"], plain_text(doc.statement)),
        (w["tempat_tanggal"], f"{signer.tempat or BLANK}, {signer.tanggal}"),
        (w["jabatan"], signer.jabatan or BLANK), (w["nama"], signer.nama or BLANK),
        (w["nip"].rstrip("."), signer.nip or BLANK),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        put(sheet, r, 1, key).font = Font(bold=True)
        put(sheet, r, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100


def _findings(sheet: Any, rows: tuple[FindingRow, ...], lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = words(lang)
    fill = PatternFill("solid", fgColor="E3E8EE")
    for c, head in enumerate(HEADS, start=1):
        cell = put(sheet, 1, c, w[head])
        cell.font, cell.fill = Font(bold=True), fill
        sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[c - 1]
    for r, row in enumerate(rows, start=2):
        for c, (head, value) in enumerate(zip(HEADS, _values(row), strict=True), start=1):
            put(sheet, r, c, value).alignment = Alignment(wrap_text=head in WRAPPED, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADS))}{max(len(rows) + 1, 1)}"
    _print_setup(sheet)


def _values(row: FindingRow) -> tuple[str | int, ...]:
    return (row.no, row.severity_label, row.table, row.kode, row.row, row.column, row.message,
            row.stated, row.expected, row.difference, row.rule, row.rule_name, row.location)


def _print_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
