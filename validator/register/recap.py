"""The register's recap across every office and year, as an XLSX workbook."""

from __future__ import annotations

import io

from validator.register.queries import MatterView, RecapRow
from validator.register.words import status_word, words
from validator.reviu.words import words as reviu_words
from validator.reviu.xlsx import table_sheet


def render(rows: list[RecapRow], matters: list[MatterView], lang: str) -> bytes:
    from openpyxl import Workbook  # only the recap needs it

    w = words(lang)
    severities = reviu_words(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = w["sheet_recap"]
    table_sheet(sheet, [w[k] for k in ("instansi", "pemda", "tahun", "drafts", "found", "new", "open",
                                       "resolved", "accepted")],
                [(r.instansi, r.pemda, r.tahun, r.drafts, r.found, r.new, r.open, r.resolved, r.accepted)
                 for r in rows], (40, 28, 8, 10, 10, 8, 10, 10, 10), frozenset({0}))
    table_sheet(book.create_sheet(w["sheet_matters"]),
                [w[k] for k in ("no", "status", "instansi", "sejak", "terakhir", "aturan", "tingkat", "tabel",
                                "baris", "kolom", "uraian", "tertulis", "seharusnya", "tanggapan")],
                [(m.number, status_word(m.status, lang), m.instansi,
                  f"{m.first_year} ({w['draf']} {m.first_draft})",
                  f"{m.last_year} ({w['draf']} {m.last_draft})",
                  m.rule, severities.get(m.severity, m.severity), m.table_in(lang), m.row, m.column_in(lang),
                  m.message(lang), m.stated, m.expected, m.response) for m in matters],
                (6, 10, 32, 16, 16, 9, 10, 30, 32, 14, 70, 14, 14, 40), frozenset({2, 7, 8, 10, 13}))
    book.properties.creator = "lkjip"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
