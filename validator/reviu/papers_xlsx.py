"""The KKR and the CHR as one XLSX workbook each: a sheet of the report and scope, and
the sheet of steps or of matters with empty columns to fill in. Text cells are strings,
never formulas (validator/reviu/xlsx.py put)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from validator.reviu.papers import Papers, words
from validator.reviu.xlsx import table_sheet


def render_kkr(papers: Papers, created: datetime | None = None) -> bytes:
    w = words(papers.lang)
    rows = [
        (s.no, s.title, s.purpose, s.checked, s.result, s.pages, s.manual, "", "", "") for s in papers.steps
    ]
    heads = [w[k] for k in ("no", "langkah", "tujuan", "diperiksa", "hasil")]
    heads += [w["page"].format(page="").strip(), *(w[k] for k in ("manual", "simpulan", "paraf", "ref"))]
    return _book(
        papers,
        w["kkr_title"],
        w["sheet_kkr"],
        heads,
        rows,
        (5, 28, 40, 32, 24, 10, 40, 40, 20, 10),
        frozenset({1, 2, 3, 4, 6}),
        created,
    )


def render_chr(papers: Papers, created: datetime | None = None) -> bytes:
    w = words(papers.lang)
    rows = [
        (
            m.no,
            m.severity,
            m.step,
            m.message,
            m.place,
            m.page,
            m.stated,
            m.expected,
            m.rule,
            m.recommendation,
            m.response,
            "",
            "",
        )
        for m in papers.matters
    ]
    heads = [
        w["no"],
        w["tingkat"],
        w["langkah"],
        w["uraian"],
        w["tempat"],
        w["page"].format(page="").strip(),
        w["tertulis"],
        w["seharusnya"],
        w["aturan"],
        w["rekomendasi"],
        w["tanggapan"],
        w["tindak_lanjut"],
        w["status"],
    ]
    return _book(
        papers,
        w["chr_title"],
        w["sheet_chr"],
        heads,
        rows,
        (5, 11, 24, 60, 40, 8, 14, 14, 24, 40, 40, 30, 12),
        frozenset({2, 3, 4, 9, 10, 11}),
        created,
    )


def _book(
    papers: Papers,
    title: str,
    sheet_name: str,
    heads: Sequence[str],
    rows: Sequence[Sequence[str | int]],
    widths: tuple[int, ...],
    wrapped: frozenset[int],
    created: datetime | None,
) -> bytes:
    from openpyxl import Workbook

    w = words(papers.lang)
    book = Workbook()
    info: Any = book.active
    info.title = w["sheet_info"]
    facts = [
        (w["judul"], title),
        (w["instansi"], f"{papers.instansi} ({papers.pemda})"),
        (w["tahun"], str(papers.tahun)),
        (w["source"], papers.source),
        (w["tanggal"], papers.tanggal),
        (w["unit"], papers.unit or ""),
        (w["lingkup"], " ".join(p for p in (papers.scope, papers.limits) if p) or "-"),
    ]
    table_sheet(info, [w["sheet_info"], ""], facts, (24, 120), frozenset({1}))
    table_sheet(book.create_sheet(sheet_name), heads, rows, widths, wrapped)
    book.properties.creator = "lkjip"
    if created is not None:
        book.properties.created = created
        book.properties.modified = created
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
