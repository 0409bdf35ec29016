"""The KKR and the CHR as self-contained HTML pages, printed on A4 landscape: the same
page frame, style and escaping as the reviu document (validator/reviu/html.py)."""

from __future__ import annotations

from validator.reviu.html import escape, grid, page
from validator.reviu.papers import MatterRow, Papers, StepRow, words

FILL = '<td class="fill"></td>'
"""A cell the reviewer or the office fills in by hand."""
EXTRA_CSS = """<style>
.grid td.fill { height: 16mm; background: #fbfbf4; }
.grid .pages { display: block; color: #555; }
.papers .meta td:first-child { width: 34mm; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; }
.sign div { width: 45%; } .sign .space { height: 20mm; }
</style>"""


def render_kkr(papers: Papers) -> str:
    w = words(papers.lang)
    heads = [w[k] for k in ("no", "langkah", "diperiksa", "hasil", "manual", "simpulan", "paraf", "ref")]
    table = grid("kkr", (3, 17, 17, 12, 17, 16, 10, 8), heads, [_step(s, w) for s in papers.steps])
    body = "\n".join(
        [
            _head(papers, w["kkr_title"]),
            f'<p class="lead">{escape(w["kkr_intro"])}</p>',
            table,
            _signatures(papers, with_office=False),
        ]
    )
    return _page(papers, w["kkr_title"], body)


def render_chr(papers: Papers) -> str:
    w = words(papers.lang)
    intro = w["chr_limited"] if papers.limited and not papers.matters else w["chr_intro"]
    parts = [_head(papers, w["chr_title"]), f'<p class="lead">{escape(intro)}</p>']
    if papers.matters:
        heads = [
            w[k]
            for k in (
                "no",
                "uraian",
                "tempat",
                "tertulis",
                "seharusnya",
                "rekomendasi",
                "tanggapan",
                "tindak_lanjut",
            )
        ]
        parts.append(
            grid("chr", (3, 22, 16, 8, 8, 15, 16, 12), heads, [_matter(m, w) for m in papers.matters])
        )
    else:
        parts.append(f'<p class="empty">{escape(w["chr_none"])}</p>')
    parts.append(_signatures(papers, with_office=True))
    return _page(papers, w["chr_title"], "\n".join(parts))


def _page(papers: Papers, title: str, body: str) -> str:
    html = page(
        papers.lang,
        f"{title} — {papers.instansi} {papers.tahun}",
        f'<main class="sheet wide papers">\n{body}\n</main>',
    )
    return html.replace("</head>", f"{EXTRA_CSS}\n</head>", 1)


def _head(papers: Papers, title: str) -> str:
    w = words(papers.lang)
    unit = f'<div class="unit">{escape(papers.unit)}</div>' if papers.unit else ""
    rows = [
        (w["instansi"], f"{papers.instansi} ({papers.pemda})"),
        (w["tahun"], str(papers.tahun)),
        (w["source"], papers.source),
        (w["tanggal"], papers.tanggal),
        (w["lingkup"], " ".join(p for p in (papers.scope, papers.limits) if p) or "-"),
    ]
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        f'<header class="kop">{unit}<h1>{escape(title)}</h1>'
        f'<div class="sub">{escape(papers.instansi)} — {papers.tahun}</div></header>'
        f'<table class="meta">{cells}</table>'
    )


def _step(row: StepRow, w: dict[str, str]) -> str:
    pages = f'<span class="pages">{escape(w["page"].format(page=row.pages))}</span>' if row.pages else ""
    return (
        f'<tr class="step"><td class="num">{row.no}</td>'
        f'<td><b>{escape(row.title)}</b><span class="small">{escape(row.purpose)}</span></td>'
        f"<td>{escape(row.checked)}</td><td>{escape(row.result)}{pages}</td>"
        f"<td>{escape(row.manual)}</td>{FILL}{FILL}{FILL}</tr>"
    )


def _matter(row: MatterRow, w: dict[str, str]) -> str:
    response = f"<td>{escape(row.response)}</td>" if row.response else FILL
    return (
        f'<tr class="matter"><td class="num">{row.no}</td>'
        f'<td>{escape(row.message)}'
        f'<span class="small">{escape(row.severity)} — {escape(row.rule)}</span></td>'
        f"<td>{escape(row.place)}</td><td>{escape(row.stated)}</td><td>{escape(row.expected)}</td>"
        f"<td>{escape(row.recommendation)}</td>{response}{FILL}</tr>"
    )


def _signatures(papers: Papers, with_office: bool) -> str:
    w = words(papers.lang)
    team = (
        f'<div><p>{escape(w["tim_reviu"])}, {escape(w["ketua"])}</p><p class="space"></p>'
        f"<p>{escape(w['nama'])}: ....................................</p></div>"
    )
    office = (
        (
            f'<div><p>{escape(w["pejabat"])} {escape(papers.instansi)}</p><p class="space"></p>'
            f"<p>{escape(w['nama'])}: ....................................</p></div>"
        )
        if with_office
        else ""
    )
    return f'<div class="sign">{team}{office}</div>'
