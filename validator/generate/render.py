"""Render a generated report as the documents offices publish: HTML, PDF (headless
Chromium prints the HTML) and DOCX (python-docx, real Word tables), in the layouts seen
in real reports. The import (validator/imports) is measured against these: the report
data they are printed from is the ground truth.

Layouts:
- `kode`: a code column before the names, portrait;
- `tanpa_kode`: no code column, a narrow name column so long names wrap over lines (in
  the DOCX, names are split over two paragraphs of their cell);
- `lanskap`: landscape pages, no code column, long tables split over pages with their
  header repeated.

Printed: the cover (office, year), and the tables the import reads: the program tables
(2.5, 2.7), the PK tables (2.4, 2.6), 3.7, 3.9 and each PK lampiran (targets, budgets
with their Jumlah). Tabel 3.9 has the two-row header of the seed ("Indikator Kinerja"
over target / realisasi / % capaian, "Anggaran" over its three).
"""

from __future__ import annotations

import html
import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAYOUTS = ("kode", "tanpa_kode", "lanskap")
PRINTED_TABLES = ("tabel_2_4", "tabel_2_5", "tabel_2_6", "tabel_2_7", "tabel_3_7", "tabel_3_9")
"""The numbered tables printed; every `lampiran_*` table is printed too."""

Data = dict[str, Any]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    group: str | None = None
    """The header over several columns (row one of a two-row header)."""


def printed_tables(data: Data) -> list[Data]:
    return [t for t in data["tabel"] if t["id"] in PRINTED_TABLES or t["id"].startswith("lampiran_")]


def columns_of(table: Data, layout: str) -> list[Column]:
    """The printed columns of a table, by what it states."""
    code = [Column("kode", "Kode")] if layout == "kode" and table["jenis"] == "anggaran" else []
    tid = table["id"]
    if table["jenis"] == "kinerja":
        satuan = [Column("satuan", "Satuan")] if any("satuan" in r for r in table["baris"]) else []
        return [Column("no", "No"), Column("sasaran", "Sasaran Strategis"),
                Column("uraian", "Indikator Kinerja"), *satuan, Column("target", "Target")]
    if tid.startswith("lampiran_"):
        return [Column("no", "No"), *code, Column("uraian", "Program/Kegiatan"),
                Column("anggaran", "Anggaran (Rp)"), Column("keterangan", "Keterangan")]
    if tid == "tabel_3_7":
        return [Column("no", "No."), *code, Column("uraian", "Program, Kegiatan, Sub Kegiatan"),
                Column("anggaran", "Anggaran (Rp)"), Column("realisasi", "Realisasi (Rp)"),
                Column("capaian_anggaran", "% Capaian")]
    if tid == "tabel_3_9":
        return [Column("no", "No."), *code, Column("uraian", "Program/ Kegiatan/ Sub Kegiatan"),
                Column("target", "Target", "Indikator Kinerja"),
                Column("realisasi_kinerja", "Realisasi", "Indikator Kinerja"),
                Column("capaian_kinerja", "% Capaian", "Indikator Kinerja"),
                Column("anggaran", "Anggaran (Rp.)", "Anggaran"),
                Column("realisasi", "Realisasi (Rp.)", "Anggaran"),
                Column("capaian_anggaran", "% Capaian", "Anggaran"),
                Column("efisiensi", "Tingkat Efisiensi")]
    return [Column("no", "NO."), *code, Column("uraian", "PROGRAM, KEGIATAN, SUB KEGIATAN"),
            Column("indikator", "INDIKATOR KINERJA"), Column("target", "TARGET"),
            Column("anggaran", "ANGGARAN")]


def _sasaran_names(data: Data) -> dict[str, str]:
    return {ind["kode"]: target.get("uraian", "") for target in data.get("sasaran", [])
            for ind in target.get("indikator", [])}


def table_rows(table: Data, data: Data) -> list[Data]:
    """The rows as printed (the Jumlah row last), sasaran names filled in."""
    names = _sasaran_names(data)
    rows = []
    for row in table["baris"]:
        printed = {k: str(v) for k, v in row.items()}
        if table["jenis"] == "kinerja":
            printed["sasaran"] = names.get(row["kode"], "")
        rows.append(printed)
    if "jumlah" in table:
        rows.append({k: str(v) for k, v in table["jumlah"].items() if k != "kode"})
    return rows


def _cover(data: Data) -> list[str]:
    ident = data["identitas"]
    return ["LAPORAN KINERJA", ident["instansi"].upper(), f"TAHUN {ident['tahun']}"]


# -- HTML (and PDF) ---------------------------------------------------------------------------

CSS = {
    "kode": "@page { size: A4; margin: 18mm; } td.uraian { width: 34%; }",
    "tanpa_kode": "@page { size: A4; margin: 18mm; } td.uraian { width: 18%; }",
    "lanskap": "@page { size: A4 landscape; margin: 14mm; } td.uraian { width: 30%; }",
}
BASE_CSS = ("body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; } "
            "table { border-collapse: collapse; width: 100%; margin: 6pt 0 14pt; } "
            "th, td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; } "
            "thead { display: table-header-group; } tr { page-break-inside: avoid; } "
            ".cover { text-align: center; font-size: 14pt; font-weight: bold; margin: 4pt; } "
            ".caption { font-weight: bold; margin-top: 12pt; } ")


def html_document(data: Data, layout: str) -> str:
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><style>{BASE_CSS}{CSS[layout]}"
             "</style></head><body>"]
    parts += [f"<p class='cover'>{html.escape(line)}</p>" for line in _cover(data)]
    heading = None
    for table in printed_tables(data):
        if table["label"] != heading:
            heading = table["label"]
            parts.append(f"<p class='caption'>{html.escape(heading)}</p>")
        parts.append(_html_table(table, data, layout))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_table(table: Data, data: Data, layout: str) -> str:
    columns = columns_of(table, layout)
    head = ["<thead>"]
    if any(c.group for c in columns):
        first, second = [], []
        index = 0
        while index < len(columns):
            column = columns[index]
            if column.group is None:
                first.append(f"<th rowspan='2'>{html.escape(column.header)}</th>")
                index += 1
                continue
            span = sum(1 for c in columns[index:] if c.group == column.group)
            first.append(f"<th colspan='{span}'>{html.escape(column.group)}</th>")
            second += [f"<th>{html.escape(c.header)}</th>" for c in columns[index:index + span]]
            index += span
        head += ["<tr>" + "".join(first) + "</tr>", "<tr>" + "".join(second) + "</tr>"]
    else:
        head.append("<tr>" + "".join(f"<th>{html.escape(c.header)}</th>" for c in columns) + "</tr>")
    head.append("</thead>")
    body = ["<tbody>"]
    for row in table_rows(table, data):
        cells = []
        for column in columns:
            css = " class='uraian'" if column.key == "uraian" else ""
            cells.append(f"<td{css}>{html.escape(row.get(column.key, ''))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    body.append("</tbody>")
    return "<table>" + "".join(head + body) + "</table>"


def pdf_document(data: Data, layout: str, chromium: str = "chromium") -> bytes:
    """The HTML printed to PDF by headless Chromium (a text layer, like an office's PDF)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "laporan.html"
        target = Path(folder) / "laporan.pdf"
        source.write_text(html_document(data, layout), encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=180,
        )
        return target.read_bytes()


# -- DOCX ---------------------------------------------------------------------------------------


def docx_document(data: Data, layout: str) -> bytes:
    """A Word file with real tables: merged header cells (Tabel 3.9), names split over
    two paragraphs of their cell (`tanpa_kode`), landscape sections (`lanskap`)."""
    import docx
    from docx.enum.section import WD_ORIENT

    word = docx.Document()
    if layout == "lanskap":
        section = word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for line in _cover(data):
        word.add_paragraph(line)
    heading = None
    for table in printed_tables(data):
        if table["label"] != heading:
            heading = table["label"]
            word.add_paragraph(heading)
        _docx_table(word, table, data, layout)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(word: Any, table: Data, data: Data, layout: str) -> None:
    columns = columns_of(table, layout)
    grouped = any(c.group for c in columns)
    rows = table_rows(table, data)
    header_rows = 2 if grouped else 1
    sheet = word.add_table(rows=header_rows + len(rows), cols=len(columns))
    sheet.style = "Table Grid"
    if grouped:
        index = 0
        while index < len(columns):
            column = columns[index]
            if column.group is None:
                merged = sheet.cell(0, index).merge(sheet.cell(1, index))
                merged.text = column.header
                index += 1
                continue
            span = sum(1 for c in columns[index:] if c.group == column.group)
            sheet.cell(0, index).merge(sheet.cell(0, index + span - 1)).text = column.group
            for offset in range(span):
                sheet.cell(1, index + offset).text = columns[index + offset].header
            index += span
    else:
        for index, column in enumerate(columns):
            sheet.cell(0, index).text = column.header
    for number, row in enumerate(rows, start=header_rows):
        for index, column in enumerate(columns):
            text = row.get(column.key, "")
            cell = sheet.cell(number, index)
            words = text.split()
            if layout == "tanpa_kode" and column.key == "uraian" and len(words) > 4:
                half = len(words) // 2
                cell.text = " ".join(words[:half])
                cell.add_paragraph(" ".join(words[half:]))
            else:
                cell.text = text
