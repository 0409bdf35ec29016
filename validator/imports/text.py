"""Plain text exported from a PDF or Word file: one line per paragraph or table row,
table cells separated by tabs (what copying a table out of a PDF viewer or Word gives,
and what the seed report is).

Pages: a form feed (`\\f`, what `pdftotext` writes between pages) starts a new page, and
lines are then cited by page. Without form feeds the page is unknown: lines are cited
by their line in the text file, and an empty line inside a table (how such exports
show a page break in the middle of a table) is kept as a page break.
"""

from __future__ import annotations

from validator.imports.document import Document, Line


def read_text_document(text: str, source: str) -> Document:
    """The lines of an exported text, with their places."""
    paged = "\f" in text
    doc = Document(source=source, kind="text")
    page = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        while raw.startswith("\f"):
            if paged:
                doc.lines.append(Line((), place=f"hal. {page}", page=page, page_break=True))
            page += 1
            raw = raw[1:]
        raw = raw.replace("\f", " ").rstrip("\r")
        place = f"hal. {page}" if paged else f"teks baris {number}"
        cells = tuple(_clean(c) for c in raw.split("\t"))
        tabular = len(cells) > 1
        blank = not any(cells)
        doc.lines.append(Line(cells if not blank else (), place=place,
                              page=page if paged else None, tabular=tabular,
                              page_break=blank and not paged))
    return doc


def _clean(cell: str) -> str:
    # Bold markers of a Markdown-ish export and runs of spaces are not part of a figure.
    return " ".join(cell.replace("**", "").split())
