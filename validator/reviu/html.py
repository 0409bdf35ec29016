"""The reviu document as one self-contained HTML file, ready to print on A4.

Everything is inline (CSS, SVG); no script, no font, image or link to anything outside
the file, and a Content-Security-Policy that would block them anyway. Every piece of
report data goes through `escape`: html.escape, with control and bidi characters shown
as U+FFFD.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape as _html_escape

from validator.formatters.common import safe_text
from validator.reviu.changes import ChangeRow, ChangeSection, SubtotalRow, subtotal_heads
from validator.reviu.chart import Chart, render_svg
from validator.reviu.document import AcceptedRow, FindingRow, ReviuDocument, Signer
from validator.reviu.statement import Block
from validator.reviu.words import BLANK, CHANGE_HEADS, words

CSP = "default-src 'none'; style-src 'unsafe-inline'"

CSS = """
@page { size: A4 portrait; margin: 20mm 18mm 20mm 22mm; }
@page lampiran { size: A4 landscape; margin: 15mm 15mm 15mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #e9ecef; color: #1a1a1a;
  font: 11pt/1.5 Arial, "Liberation Sans", "DejaVu Sans", Helvetica, sans-serif; }
.sheet { width: 210mm; margin: 10mm auto; padding: 20mm 18mm 20mm 22mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0, 0, 0, .25); }
.sheet.wide { width: 297mm; padding: 15mm 15mm 15mm 18mm; }
.kop { text-align: center; border-bottom: 3px double #1a1a1a; padding-bottom: 3mm; margin-bottom: 6mm; }
.kop .unit { font-weight: bold; letter-spacing: .04em; text-transform: uppercase; font-size: 12pt; }
.kop h1 { font-size: 15pt; margin: 1mm 0 0; text-transform: uppercase; letter-spacing: .03em; }
.kop .sub { font-size: 11pt; margin-top: 1mm; }
h2 { font-size: 12.5pt; text-transform: uppercase; letter-spacing: .03em; margin: 8mm 0 3mm; }
.wide h2:first-child { margin-top: 0; }
h3 { font-size: 11pt; margin: 6mm 0 1.5mm; }
.report > h2 { text-transform: none; letter-spacing: 0; }
h3 .kode { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-weight: bold; }
.note { font-size: 9pt; color: #444; margin: 1.5mm 0; }
.subtotals { width: 60%; margin-top: 2mm; }
.statement h2 { text-align: center; margin-top: 6mm; }
.statement .instansi { text-align: center; font-weight: bold; margin: 0 0 5mm; text-transform: uppercase; }
.statement p, .statement li { text-align: justify; }
.statement ol { padding-left: 7mm; }
.statement li { margin-bottom: 1.5mm; }
table { border-collapse: collapse; width: 100%; }
.meta td { padding: .6mm 2mm .6mm 0; vertical-align: top; }
.meta td:first-child { width: 38mm; color: #444; }
.signature { width: 78mm; margin: 10mm 0 0 auto; }
.signature p { margin: 0; }
.signature .space { height: 22mm; }
.signature .name { font-weight: bold; text-decoration: underline; }
.grid { font-size: 8.5pt; line-height: 1.35; table-layout: fixed; }
.grid th, .grid td { border: 1px solid #9aa3ad; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
.grid thead th { background: #e3e8ee; font-weight: bold; }
.grid .num { text-align: right; }
.grid .kode { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt; }
.grid .small { display: block; color: #555; font-weight: normal; }
.sev { font-weight: bold; }
.sev-error { color: #a4161a; }
.sev-warning { color: #9a5b00; }
.sev-info { color: #35586f; }
.title { font-weight: bold; }
.status-clean .status { color: #2b6a30; }
.status-has_findings .status { color: #a4161a; }
.status-unreadable .status { color: #6b6b6b; }
.lead { margin: 0 0 3mm; }
.empty { font-style: italic; color: #444; }
figure { margin: 4mm 0; }
figcaption { font-size: 9pt; color: #444; }
.chart { display: block; width: 100%; max-width: 200mm; height: auto; margin: 0 auto; font-family: inherit; }
.chart .tick, .chart .value { font-size: 10px; fill: #333; }
.chart .kode { font-size: 10px; fill: #1a1a1a; }
.chart .axis, .chart .legend { font-size: 12px; fill: #1a1a1a; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
@media print {
  body { background: none; }
  .sheet, .sheet.wide { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .wide { page: lampiran; }
  thead { display: table-header-group; }
  tr, figure, .signature { break-inside: avoid; }
  h2, h3, .lead { break-after: avoid; }
}
"""


COLUMN_WIDTHS = (3, 9, 17, 28, 9, 9, 8, 9, 8)
"""Percent of the landscape page: no, tabel, baris, uraian, tertulis, seharusnya, selisih, aturan, tingkat."""
CHANGE_WIDTHS = (13, 9, 26, 8, 7, 13, 13, 11)
"""kode, tingkat, uraian, perubahan, kolom, sebelum, sesudah, selisih."""
SUBTOTAL_WIDTHS = (25, 25, 25, 25)


def escape(text: str) -> str:
    return _html_escape(safe_text(text))


def render(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    title = f"{w['title']} — {doc.instansi} {doc.tahun}"
    first = "\n".join([_kop(doc), _meta(doc), _statement(doc)])
    second = "\n".join([_attachment(doc), _footer(doc)])
    return page(doc.lang, title, f'<main class="sheet">\n{first}\n</main>\n'
                f'<div class="sheet wide">\n{second}\n</div>')


def page(lang: str, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _kop(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    unit = f'<div class="unit">{escape(doc.unit)}</div>' if doc.unit else ""
    return (f'<header class="kop">{unit}<h1>{escape(w["title"])}</h1>'
            f'<div class="sub">{escape(doc.instansi)} — {escape(w["tahun"])} {doc.tahun}</div></header>')


def _meta(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    counts = doc.counts()
    summary = ", ".join(f"{counts[s]} {w[s]}" for s in ("error", "warning", "info"))
    rows = [(w["instansi"], doc.instansi), (w["pemda"], doc.pemda), (w["tahun"], str(doc.tahun)),
            (w["unit"], doc.unit or BLANK), (w["source"], doc.source), (w["summary"], summary)]
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="meta">{cells}</table>'


def _statement(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    blocks = "\n".join(_block(b) for b in doc.statement)
    return (f'<section class="statement">\n<h2>{escape(w["statement_title"])}</h2>\n'
            f'<p class="instansi">{escape(doc.instansi)}</p>\n{blocks}\n'
            f"{_signature(doc.signer, doc.lang)}\n</section>")


def _block(block: Block) -> str:
    if block.kind == "p":
        return f"<p>{escape(block.items[0])}</p>"
    items = "".join(f'<li value="{n}">{escape(t)}</li>'
                    for n, t in zip(block.numbers, block.items, strict=True))
    return f"<ol>{items}</ol>"


def _signature(signer: Signer, lang: str) -> str:
    w = words(lang)
    return (
        '<div class="signature">'
        f"<p>{escape(signer.tempat or BLANK)}, {escape(signer.tanggal)}</p>"
        f"<p>{escape(signer.jabatan or BLANK)}</p>"
        '<div class="space"></div>'
        f'<p class="name">{escape(signer.nama or BLANK)}</p>'
        f"<p>{escape(w['nip'])} {escape(signer.nip or BLANK)}</p>"
        "</div>"
    )


def _attachment(doc: ReviuDocument) -> str:
    w = words(doc.lang)
    parts = [
        '<section class="attachment">',
        f"<h2>{escape(w['matters_title'])}</h2>",
        f'<p class="lead">{escape(doc.instansi)} — {escape(w["tahun"])} {doc.tahun}</p>',
        findings_table(doc.matters, doc.lang) if doc.matters else _empty(w["matters_none"]),
        f"<h2>{escape(w['notes_title'])}</h2>",
    ]
    if doc.notes:
        parts += [f'<p class="lead">{escape(w["notes_intro"])}</p>', findings_table(doc.notes, doc.lang)]
    else:
        parts.append(_empty(w["notes_none"]))
    if doc.accepted:
        parts += [f"<h2>{escape(w['suppressed_title'])}</h2>",
                  f'<p class="lead">{escape(w["suppressed_intro"])}</p>',
                  accepted_table(doc.accepted, doc.lang)]
    parts += [_chart(doc.chart, doc.lang), "</section>"]
    if doc.changes:
        parts.append(changes_section(doc.changes, doc.lang))
    return "\n".join(parts)


def _empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def grid(name: str, widths: tuple[float, ...], heads: list[str], rows: list[str]) -> str:
    """A bordered table with fixed column widths (percent); rows are already HTML."""
    cols = "".join(f'<col style="width:{width}%">' for width in widths)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "\n".join(rows)
    return (f'<table class="grid {name}">\n<colgroup>{cols}</colgroup>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def stacked(main: str, small: str, main_class: str = "kode") -> str:
    """A cell's text: a main line and a smaller grey line below it."""
    return f'<span class="{main_class}">{escape(main)}</span><span class="small">{escape(small)}</span>'


def findings_table(rows: tuple[FindingRow, ...], lang: str) -> str:
    w = words(lang)
    heads = ("no", "tabel", "baris", "uraian", "tertulis", "seharusnya", "selisih", "aturan", "tingkat")
    return grid("findings", COLUMN_WIDTHS, [w[h] for h in heads], [_finding_row(r, w) for r in rows])


ACCEPTED_WIDTHS = (4, 14, 18, 30, 22, 12)


def accepted_table(rows: tuple[AcceptedRow, ...], lang: str) -> str:
    w = words(lang)
    heads = [w["no"], w["tabel"], w["baris"], w["uraian"], w["alasan"], w["diterima_di"]]
    body = []
    for item in rows:
        row = item.finding
        cells = [
            f'<td class="num">{row.no}</td>', f"<td>{escape(row.table)}</td>",
            f"<td>{stacked(row.kode, row.row)}</td>",
            f"<td>{stacked(row.rule, row.message, 'kode')}</td>",
            f"<td>{escape(item.reason)}</td>", f'<td class="kode">{escape(item.by)}</td>',
        ]
        body.append(f'<tr class="accepted">{"".join(cells)}</tr>')
    return grid("accepted", ACCEPTED_WIDTHS, heads, body)


def _finding_row(row: FindingRow, w: dict[str, str]) -> str:
    column = f'<span class="small">{escape(w["kolom"])}: {escape(row.column)}</span>' if row.column else ""
    cells = [
        f'<td class="num">{escape(row.number)}</td>',
        f"<td>{escape(row.table)}</td>",
        f"<td>{stacked(row.kode, row.row)}{column}</td>",
        f"<td>{escape(row.message)}</td>",
        f'<td class="num">{escape(row.stated)}</td>',
        f'<td class="num">{escape(row.expected)}</td>',
        f'<td class="num">{escape(row.difference)}</td>',
        f"<td>{stacked(row.rule, row.rule_name)}</td>",
        f'<td class="sev sev-{escape(row.severity)}">{escape(row.severity_label)}</td>',
    ]
    return f'<tr class="finding">{"".join(cells)}</tr>'


def _chart(chart: Chart | None, lang: str) -> str:
    w = words(lang)
    head = f"<h2>{escape(w['chart_title'])}</h2>"
    if chart is None:
        return f"{head}\n{_empty(w['chart_none'])}"
    rows = [
        f'<tr><td class="kode">{escape(b.kode)}</td><td>{escape(b.label)}</td>'
        f'<td class="num">{escape(b.kinerja_text)}</td><td class="num">{escape(b.anggaran_text)}</td></tr>'
        for b in chart.bars
    ]
    table = grid("programs", (12, 52, 18, 18), [w["kode"], w["program"], w["kinerja"], w["anggaran"]], rows)
    caption = f"<figcaption>{escape(w['chart_source'])}: {escape(chart.table_label)}</figcaption>"
    return f"{head}\n<figure>\n{render_svg(_safe_chart(chart), lang)}\n{caption}\n</figure>\n{table}"


def _safe_chart(chart: Chart) -> Chart:
    # The SVG escapes markup itself but not control characters; its texts are report data.
    bars = tuple(replace(b, kode=safe_text(b.kode), label=safe_text(b.label)) for b in chart.bars)
    return replace(chart, table_label=safe_text(chart.table_label), bars=bars)


def changes_section(sections: tuple[ChangeSection, ...], lang: str) -> str:
    """Perubahan antar versi: per comparison its changes, program subtotals and notes."""
    w = words(lang)
    parts = ['<section class="changes">', f"<h2>{escape(w['changes_title'])}</h2>",
             f'<p class="lead">{escape(w["changes_intro"])}</p>']
    parts += [_comparison(section, lang) for section in sections]
    return "\n".join([*parts, "</section>"])


def _comparison(section: ChangeSection, lang: str) -> str:
    w = words(lang)
    parts = [f'<h3 class="comparison">{escape(section.title)}</h3>']
    if section.versions:
        parts.append(f'<p class="lead">{escape(section.versions)}</p>')
    if section.rows:
        parts.append(grid("changes", CHANGE_WIDTHS, [w[h] for h in CHANGE_HEADS],
                          [_change_row(r) for r in section.rows]))
    else:
        parts.append(_empty(w["changes_none"]))
    if section.subtotals:
        parts.append(grid("subtotals", SUBTOTAL_WIDTHS, subtotal_heads(lang),
                          [_subtotal_row(r) for r in section.subtotals]))
    parts += [f'<p class="note">{escape(note)}</p>' for note in section.notes]
    return "\n".join(parts)


def _change_row(row: ChangeRow) -> str:
    figure = ' class="num"' if row.figures else ""
    cells = [
        f'<td class="kode">{escape(row.kode)}</td>', f"<td>{escape(row.level)}</td>",
        f"<td>{escape(row.name)}</td>", f"<td>{escape(row.kind)}</td>", f"<td>{escape(row.field)}</td>",
        f"<td{figure}>{escape(row.before)}</td>", f"<td{figure}>{escape(row.after)}</td>",
        f'<td class="num">{escape(row.delta)}</td>',
    ]
    return f'<tr class="change change-{escape(row.change)}">{"".join(cells)}</tr>'


def _subtotal_row(row: SubtotalRow) -> str:
    deltas = "".join(f'<td class="num">{escape(d)}</td>' for d in row.deltas)
    return f'<tr class="subtotal"><td class="kode">{escape(row.program)}</td>{deltas}</tr>'


def _footer(doc: ReviuDocument) -> str:
    return f"<footer>{escape(words(doc.lang)['generated'])} {escape(doc.source)}.</footer>"
