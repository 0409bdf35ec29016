"""The KKR and the CHR as Word documents (python-docx): A4 landscape, one table each,
with empty cells the reviewer and the office fill in. Report data is only ever text in
a run: Word never reads it as a field or a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from validator.formatters.common import safe_text
from validator.reviu.papers import Papers, words

KKR_HEADS = ("no", "langkah", "diperiksa", "hasil", "manual", "simpulan", "paraf", "ref")
KKR_WIDTHS_CM = (0.9, 5.0, 4.6, 3.4, 4.6, 4.0, 2.6, 1.6)
CHR_HEADS = ("no", "uraian", "tempat", "tertulis", "seharusnya", "rekomendasi", "tanggapan", "tindak_lanjut")
CHR_WIDTHS_CM = (0.9, 6.0, 4.2, 2.0, 2.0, 4.0, 4.2, 3.4)


def render_kkr(papers: Papers, created: datetime | None = None) -> bytes:
    w = words(papers.lang)
    document = _document(papers, w["kkr_title"], created)
    document.add_paragraph(_text(w["kkr_intro"]))
    rows = [
        (
            str(s.no),
            f"{s.title}\n{s.purpose}",
            s.checked,
            s.result + (f"\n{w['page'].format(page=s.pages)}" if s.pages else ""),
            s.manual,
            "",
            "",
            "",
        )
        for s in papers.steps
    ]
    _table(document, [w[h] for h in KKR_HEADS], rows, KKR_WIDTHS_CM)
    _signatures(document, papers, with_office=False)
    return _save(document)


def render_chr(papers: Papers, created: datetime | None = None) -> bytes:
    w = words(papers.lang)
    document = _document(papers, w["chr_title"], created)
    intro = w["chr_limited"] if papers.limited and not papers.matters else w["chr_intro"]
    document.add_paragraph(_text(intro))
    if papers.matters:
        rows = [
            (
                str(m.no),
                f"{m.message}\n{m.severity} — {m.rule}",
                m.place,
                m.stated,
                m.expected,
                m.recommendation,
                m.response,
                "",
            )
            for m in papers.matters
        ]
        _table(document, [w[h] for h in CHR_HEADS], rows, CHR_WIDTHS_CM)
    else:
        document.add_paragraph(_text(w["chr_none"]))
    _signatures(document, papers, with_office=True)
    return _save(document)


def _text(value: str) -> str:
    """Report text as Word may hold it: control and bidi characters shown as U+FFFD (XML
    forbids most of them); the line breaks this module puts in are kept."""
    return "\n".join(safe_text(line) for line in value.split("\n"))


def _document(papers: Papers, title: str, created: datetime | None) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    w = words(papers.lang)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.author = "lkjip"
    document.core_properties.title = _text(f"{title} — {papers.instansi} {papers.tahun}")
    if created is not None:
        document.core_properties.created = created
        document.core_properties.modified = created
    if papers.unit:
        document.add_paragraph(_text(papers.unit.upper())).runs[0].bold = True
    document.add_heading(_text(title), level=1)
    meta = [
        (w["instansi"], f"{papers.instansi} ({papers.pemda})"),
        (w["tahun"], str(papers.tahun)),
        (w["source"], papers.source),
        (w["tanggal"], papers.tanggal),
        (w["lingkup"], " ".join(p for p in (papers.scope, papers.limits) if p) or "-"),
    ]
    for key, value in meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(_text(f"{key}: ")).bold = True
        paragraph.add_run(_text(value))
    return document


def _table(
    document: Any, heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(head)).bold = True
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the head row repeats on every printed page
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _signatures(document: Any, papers: Papers, with_office: bool) -> None:
    w = words(papers.lang)
    document.add_paragraph()
    signers = [f"{w['tim_reviu']}, {w['ketua']}"]
    if with_office:
        signers.append(f"{w['pejabat']} {papers.instansi}")
    table = document.add_table(rows=1, cols=len(signers))
    for cell, who in zip(table.rows[0].cells, signers, strict=True):
        cell.text = _text(f"{who}\n\n\n\n{w['nama']}: ....................................")


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
