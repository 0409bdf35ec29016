"""Word documents (.docx) through python-docx: paragraphs and real Word tables, in the
order of the document body.

A merged cell is read once: python-docx repeats a horizontally merged cell in every
grid column it spans and a vertically merged one in every row; the repeats are blanked,
so that a program name merged over two rows is not read as two rows. The paragraphs of
a cell are joined with spaces. A .docx holds no pages (Word lays them out when it
shows the file), so rows are cited by their table and row: "tabel Word 7 baris 3".
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from validator.errors import InputError
from validator.imports.document import Document, Line
from validator.model import Location


def read_docx_document(data: bytes, name: str, where: Location) -> Document:
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError.at(where, "import_needs", kind="DOCX", package="python-docx") from None
    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError.at(where, "import_corrupt", kind="DOCX", reason=type(exc).__name__) from None
    except Exception as exc:  # python-docx raises its own and lxml's errors on bad parts
        raise InputError.at(where, "import_corrupt", kind="DOCX", reason=str(exc)[:200]) from None
    doc = Document(source=name, kind="docx")
    paragraph_no = table_no = 0
    for block in _blocks(word):
        if block.__class__.__name__ == "Paragraph":
            paragraph_no += 1
            text = " ".join(block.text.split())
            doc.lines.append(Line((text,) if text else (), place=f"paragraf {paragraph_no}",
                                  page_break=False))
            continue
        table_no += 1
        for row_no, cells in enumerate(_table_rows(block), start=1):
            doc.lines.append(Line(tuple(cells), place=f"tabel Word {table_no} baris {row_no}",
                                  tabular=True))
        doc.lines.append(Line((), place=f"tabel Word {table_no}"))
    return doc


def _blocks(word: Any) -> Any:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, word)
        elif tag == "tbl":
            yield Table(child, word)


def _table_rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    above: list[Any] = []
    for row in table.rows:
        cells = list(row.cells)
        texts: list[str] = []
        previous = None
        for index, cell in enumerate(cells):
            repeated = cell._tc is previous or (index < len(above) and above[index] is cell._tc)
            previous = cell._tc
            texts.append("" if repeated else _cell_text(cell))
        above = [c._tc for c in cells]
        rows.append(texts)
    return rows


def _cell_text(cell: Any) -> str:
    parts = [p.text for p in cell.paragraphs]
    for nested in cell.tables:  # a table inside a cell: its text, row by row
        parts += [" ".join(c.text for c in r.cells) for r in nested.rows]
    return " ".join(" ".join(parts).split())
