"""The index over several reviu documents: one row per report with status, counts, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from validator.reviu import html as html_doc
from validator.reviu.markdown import md, table
from validator.reviu.words import words

CLEAN, HAS_FINDINGS, UNREADABLE = "clean", "has_findings", "unreadable"


@dataclass(frozen=True)
class Entry:
    source: str
    status: str
    title: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    """Format (html, md, xlsx) -> file name of the document, relative to the index."""
    error: str | None = None


def _heads(lang: str) -> list[str]:
    w = words(lang)
    counts = [w[s].capitalize() for s in ("error", "warning", "info")]
    return [w["no"], w["report"], w["status"], *counts, w["documents"]]


def render_html(entries: list[Entry], lang: str, tanggal: str, unit: str | None) -> str:
    w = words(lang)
    heads = _heads(lang)
    rows = [_html_row(n, e, lang) for n, e in enumerate(entries, start=1)]
    sub = " — ".join(escape(p) for p in (unit, tanggal) if p)
    kop = f'<header class="kop"><h1>{escape(w["index_title"])}</h1><div class="sub">{sub}</div></header>'
    table = html_doc.grid("index", (4, 40, 18, 8, 8, 8, 14), heads, rows)
    return html_doc.page(lang, w["index_title"], f'<main class="sheet wide">\n{kop}\n{table}\n</main>')


def _html_row(no: int, entry: Entry, lang: str) -> str:
    w = words(lang)
    title = html_doc.stacked(entry.title, entry.source, "title") if entry.title else escape(entry.source)
    status = escape(w[entry.status])
    if entry.error:
        status += f'<span class="small">{escape(entry.error)}</span>'
    links = " · ".join(f'<a href="{escape(quote(name))}">{escape(fmt.upper())}</a>'
                       for fmt, name in entry.links.items())
    counts = "".join(f'<td class="num">{entry.counts.get(s, 0) if entry.title else "-"}</td>'
                     for s in ("error", "warning", "info"))
    return (f'<tr class="status-{escape(entry.status)}"><td class="num">{no}</td><td>{title}</td>'
            f'<td class="sev status">{status}</td>{counts}<td>{links or "-"}</td></tr>')


def render_markdown(entries: list[Entry], lang: str, tanggal: str, unit: str | None) -> str:
    w = words(lang)
    heads = _heads(lang)
    rows = [_md_row(n, e, lang) for n, e in enumerate(entries, start=1)]
    sub = " — ".join(md(p) for p in (unit, tanggal) if p)
    lines = [f"# {md(w['index_title'])}", "", sub, "", *table([md(h) for h in heads], rows)]
    return "\n".join(lines) + "\n"


def _md_row(no: int, entry: Entry, lang: str) -> list[str]:
    w = words(lang)
    title = f"{md(entry.title)} ({md(entry.source)})" if entry.title else md(entry.source)
    status = md(w[entry.status]) + (f": {md(entry.error)}" if entry.error else "")
    # Link targets are our own file names; quote() keeps them one URL token.
    links = ", ".join(f"[{fmt.upper()}]({quote(name)})" for fmt, name in entry.links.items())
    counts = [str(entry.counts.get(s, 0)) if entry.title else "-" for s in ("error", "warning", "info")]
    return [str(no), title, status, *counts, links or "-"]
