"""The reviu findings as an XLSX workbook: a summary sheet, the findings, the notes.

Every text cell is a string cell: a value starting with = + - @ is stored as text with
quotePrefix, so no spreadsheet ever evaluates report data as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from validator.reviu.changes import ChangeRow, ChangeSection, subtotal_heads
from validator.reviu.document import FindingRow, ReviuDocument
from validator.reviu.statement import plain_text
from validator.reviu.words import BLANK, CHANGE_HEADS, words
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
    if doc.accepted:
        _accepted(workbook.create_sheet(w["sheet_suppressed"]), doc)
    if doc.changes:
        _changes(workbook.create_sheet(w["sheet_changes"]), doc.changes, doc.lang)
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


def _accepted(sheet: Any, doc: ReviuDocument) -> None:
    """The accepted findings as the findings sheet shows them, then the reason and its place."""
    w = words(doc.lang)
    heads = [w[h] for h in HEADS] + [w["alasan"], w["diterima_di"]]
    _heads(sheet, 1, heads, (*WIDTHS, 50, 24))
    _rows(sheet, 2, [tuple(str(v) for v in (*_values(a.finding), a.reason, a.by)) for a in doc.accepted])
    _print_setup(sheet)


def _values(row: FindingRow) -> tuple[str | int, ...]:
    number: str | int = row.number if row.sub else row.no
    return (number, row.severity_label, row.table, row.kode, row.row, row.column, row.message,
            row.stated, row.expected, row.difference, row.rule, row.rule_name, row.location)


CHANGE_WIDTHS = (26, 20, 11, 50, 12, 10, 24, 24, 16)
"""perbandingan, then the columns of `lkjip diff`."""


def _changes(sheet: Any, sections: tuple[ChangeSection, ...], lang: str) -> None:
    """Every change as one filterable row, then per comparison its program subtotals and notes."""
    from openpyxl.utils import get_column_letter

    w = words(lang)
    _heads(sheet, 1, [w["comparison"], *(w[h] for h in CHANGE_HEADS)], CHANGE_WIDTHS)
    rows = [(s.title, *_change_values(r)) for s in sections for r in s.rows]
    _rows(sheet, 2, rows, wrapped=frozenset({3, 6, 7}))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(CHANGE_WIDTHS))}{len(rows) + 1}"
    at = len(rows) + 3
    _heads(sheet, at, [w["comparison"], *subtotal_heads(lang)])
    subtotals = [(s.title, r.program, *r.deltas) for s in sections for r in s.subtotals]
    _rows(sheet, at + 1, subtotals)
    notes = [(s.title, note) for s in sections for note in s.notes]
    _rows(sheet, at + len(subtotals) + 2, notes)
    _print_setup(sheet)


def _change_values(row: ChangeRow) -> tuple[str, ...]:
    return (row.kode, row.level, row.name, row.kind, row.field, row.before, row.after, row.delta)


def _heads(sheet: Any, at: int, heads: list[str], widths: tuple[int, ...] = ()) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="E3E8EE")
    for c, head in enumerate(heads, start=1):
        cell = put(sheet, at, c, head)
        cell.font, cell.fill = Font(bold=True), fill
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def _rows(sheet: Any, at: int, rows: Sequence[tuple[str, ...]],
          wrapped: frozenset[int] = frozenset()) -> None:
    """Text rows from row `at`; the columns in `wrapped` (0-based) wrap."""
    from openpyxl.styles import Alignment

    for r, values in enumerate(rows, start=at):
        for c, value in enumerate(values):
            put(sheet, r, c + 1, value).alignment = Alignment(wrap_text=c in wrapped, vertical="top")


def _print_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def table_sheet(sheet: Any, heads: Sequence[str], rows: Sequence[Sequence[str | int]],
                widths: tuple[int, ...] = (), wrapped: frozenset[int] = frozenset()) -> None:
    """A sheet that is one table: bold heads, text (never formula) cells, a filter, the
    head row frozen and repeated on every printed A4 landscape page."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    _heads(sheet, 1, list(heads), widths)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values):
            put(sheet, r, c + 1, value).alignment = Alignment(wrap_text=c in wrapped, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(heads), 1))}{len(rows) + 1}"
    _print_setup(sheet)
