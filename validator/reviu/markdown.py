"""The reviu document as Markdown (CommonMark with GitHub tables).

Report data is escaped: & < > become entities (no HTML), and | ` * _ [ ] ~ \\ are
backslash-escaped so a name can break neither a table nor a link nor code; control and
bidi characters are shown as U+FFFD.
"""

from __future__ import annotations

import re

from validator.formatters.common import safe_text
from validator.reviu.changes import ChangeRow, ChangeSection, subtotal_heads
from validator.reviu.chart import Chart
from validator.reviu.document import FindingRow, ReviuDocument, Signer
from validator.reviu.statement import Block, one_line
from validator.reviu.words import BLANK, CHANGE_HEADS, words

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`*_[]|~")


def md(text: str) -> str:
    """Report data as inline Markdown text: one line, nothing interpreted."""
    out = []
    for ch in one_line(safe_text(text)):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub table; cells must already be escaped."""
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    lines = [f"# {md(w['title'])}", "", *_meta(doc), "", f"## {md(w['statement_title'])}", "",
             f"**{md(doc.instansi.upper())}**", ""]
    for block in doc.statement:
        lines += [*_block(block), ""]
    lines += [*_signature(doc.signer, doc.lang), "", f"## {md(w['matters_title'])}", ""]
    lines += [*_findings(doc.matters, doc.lang, w["matters_none"]), "", f"## {md(w['notes_title'])}", ""]
    if doc.notes:
        lines += [md(w["notes_intro"]), ""]
    lines += [*_findings(doc.notes, doc.lang, w["notes_none"]), ""]
    if doc.accepted:
        lines += [f"## {md(w['suppressed_title'])}", "", md(w["suppressed_intro"]), "", *_accepted(doc), ""]
    lines += [*_chart(doc.chart, doc.lang), ""]
    if doc.changes:
        lines += [*changes_section(doc.changes, doc.lang), ""]
    lines.append(f"_{md(w['generated'])} {md(doc.source)}._")
    return "\n".join(lines) + "\n"


def _meta(doc: ReviuDocument) -> list[str]:
    w = words(doc.lang)
    counts = doc.counts()
    summary = ", ".join(f"{counts[s]} {w[s]}" for s in ("error", "warning", "info"))
    rows = [(w["instansi"], doc.instansi), (w["pemda"], doc.pemda), (w["tahun"], str(doc.tahun)),
            (w["unit"], doc.unit or BLANK), (w["source"], doc.source), (w["summary"], summary)]
    return [f"- **{md(key)}:** {md(value)}" for key, value in rows]


def _block(block: Block) -> list[str]:
    if block.kind == "p":
        return [_paragraph_start(md(block.items[0]))]
    return [f"{n}. {md(t)}" for n, t in zip(block.numbers, block.items, strict=True)]


def _paragraph_start(text: str) -> str:
    """Keep a paragraph from opening a heading, list, quote or setext underline."""
    if text[:1] in ("#", "-", "+", "="):
        return "\\" + text
    number = re.match(r"\d+(?=[.)])", text)
    return f"{number.group()}\\{text[number.end():]}" if number else text


def _signature(signer: Signer, lang: str) -> list[str]:
    # A backslash at the end of a line is a CommonMark hard line break.
    return [
        f"{md(signer.tempat or BLANK)}, {md(signer.tanggal)}\\",
        f"{md(signer.jabatan or BLANK)}",
        "",
        "",
        f"**{md(signer.nama or BLANK)}**\\",
        f"{md(words(lang)['nip'])} {md(signer.nip or BLANK)}",
    ]


def _findings(rows: tuple[FindingRow, ...], lang: str, none: str) -> list[str]:
    if not rows:
        return [f"_{md(none)}_"]
    w = words(lang)
    heads = ["no", "tabel", "baris", "uraian", "tertulis", "seharusnya", "selisih", "aturan", "tingkat"]
    body = []
    for row in rows:
        where = f"{md(row.kode)} {md(row.row)}".strip()
        if row.column:
            where += f" ({md(w['kolom'])}: {md(row.column)})"
        body.append([row.number, md(row.table), where, md(row.message), md(row.stated),
                     md(row.expected), md(row.difference), md(row.rule), md(row.severity_label)])
    return table([md(w[h]) for h in heads], body)


def _accepted(doc: ReviuDocument) -> list[str]:
    w = words(doc.lang)
    heads = [w["no"], w["tabel"], w["baris"], w["aturan"], w["uraian"], w["alasan"], w["diterima_di"]]
    body = [[str(a.finding.no), md(a.finding.table), f"{md(a.finding.kode)} {md(a.finding.row)}".strip(),
             md(a.finding.rule), md(a.finding.message), md(a.reason), md(a.by)] for a in doc.accepted]
    return table([md(h) for h in heads], body)


def _chart(chart: Chart | None, lang: str) -> list[str]:
    w = words(lang)
    head = [f"## {md(w['chart_title'])}", ""]
    if chart is None:
        return [*head, f"_{md(w['chart_none'])}_"]
    rows = [[md(b.kode), md(b.label), md(b.kinerja_text), md(b.anggaran_text)] for b in chart.bars]
    return [*head, f"{md(w['chart_source'])}: {md(chart.table_label)}", "",
            *table([md(w["kode"]), md(w["program"]), md(w["kinerja"]), md(w["anggaran"])], rows)]


def changes_section(sections: tuple[ChangeSection, ...], lang: str) -> list[str]:
    """Perubahan antar versi: per comparison its changes, program subtotals and notes."""
    w = words(lang)
    lines = [f"## {md(w['changes_title'])}", "", md(w["changes_intro"])]
    for section in sections:
        lines += ["", *_comparison(section, lang)]
    return lines


def _comparison(section: ChangeSection, lang: str) -> list[str]:
    w = words(lang)
    lines = [f"### {md(section.title)}", ""]
    if section.versions:
        lines += [_paragraph_start(md(section.versions)), ""]
    if section.rows:
        lines += table([md(w[h]) for h in CHANGE_HEADS], [_change_cells(r) for r in section.rows])
    else:
        lines.append(f"_{md(w['changes_none'])}_")
    if section.subtotals:
        rows = [[md(r.program), *(md(d) for d in r.deltas)] for r in section.subtotals]
        lines += ["", *table([md(h) for h in subtotal_heads(lang)], rows)]
    for note in section.notes:
        lines += ["", f"_{md(note)}_"]
    return lines


def _change_cells(row: ChangeRow) -> list[str]:
    return [md(row.kode), md(row.level), md(row.name), md(row.kind), md(row.field), md(row.before),
            md(row.after), md(row.delta)]
