"""PDF files with a text layer, through pdfplumber (pdfminer.six underneath).

Each page gives its tables (found from their ruling lines, else from the alignment of
their words) and its text lines outside them, in reading order from the top. Rows are
cited by their page in the PDF ("hal. 45": the page's number in the file, which can
differ from the number printed in its footer). A PDF whose pages hold no text (a scan)
is refused: the import does not do OCR.
"""

from __future__ import annotations

import io
from typing import Any

from validator.errors import InputError
from validator.imports.document import Document, Line
from validator.model import Location

MIN_TEXT_PER_PAGE = 20
"""Fewer characters than this on average per page: no text layer (a scanned PDF)."""


def read_pdf_document(data: bytes, name: str, where: Location) -> Document:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError.at(where, "import_needs", kind="PDF", package="pdfplumber") from None
    from pdfminer.pdfparser import PDFSyntaxError

    doc = Document(source=name, kind="pdf")
    characters = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                lines = _page_lines(page, number)
                characters += sum(len(line.text) for line in lines)
                doc.lines += lines
                doc.lines.append(Line((), place=f"hal. {number}", page=number, page_break=True))
    except PDFSyntaxError as exc:
        raise InputError.at(where, "import_corrupt", kind="PDF", reason=str(exc)[:200]) from None
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        raise InputError.at(where, "import_corrupt", kind="PDF",
                            reason=f"{type(exc).__name__}: {str(exc)[:200]}") from None
    if pages == 0 or characters < MIN_TEXT_PER_PAGE * pages:
        raise InputError.at(where, "import_scanned_pdf", pages=pages)
    return doc


def _page_lines(page: Any, number: int) -> list[Line]:
    place = f"hal. {number}"
    tables = page.find_tables()
    placed: list[tuple[float, Line]] = []
    boxes = [t.bbox for t in tables]
    for table in tables:
        top = table.bbox[1]
        for offset, row in enumerate(table.extract()):
            cells = tuple(" ".join((c or "").split()) for c in row)
            placed.append((top + offset * 0.01, Line(cells, place=place, page=number, tabular=True)))
    for text_line in page.extract_text_lines(return_chars=False):
        x0, top, x1, bottom = text_line["x0"], text_line["top"], text_line["x1"], text_line["bottom"]
        if any(b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= top and bottom <= b[3] + 1
               for b in boxes):
            continue
        text = " ".join(text_line["text"].split())
        if text:
            placed.append((top, Line((text,), place=place, page=number)))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]
