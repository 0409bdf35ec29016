"""Import an LKjIP document (PDF with a text layer, DOCX, or text exported from either)
into the report format (`lkjip/1` YAML), so that it can be checked.

Flow: a reader per document type turns the file into lines (`document.py`: text.py,
docx_reader.py, pdf_reader.py) -> `tables.py` finds the LKjIP tables by caption and
header words and reads their rows -> `codes.py` gives budget rows their codes ->
`report.py` writes the YAML, keeping every figure as printed, with where it was printed
(`asal`) and a `# perlu diperiksa` mark on every cell not read with certainty.
"""

from __future__ import annotations

from pathlib import Path

from validator.errors import InputError
from validator.imports.document import Document
from validator.imports.report import Imported, NotAReport, build_yaml
from validator.load import DOCUMENT_SUFFIXES
from validator.model import Location
from validator.read.files import read_bytes


def is_document(path: Path) -> bool:
    """A document the import reads (by its name), as opposed to report data."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def read_document(path: Path) -> Document:
    """The lines of a document; InputError (exit 2) when it cannot be read."""
    where = Location(str(path))
    suffix = path.suffix.lower()
    data = read_bytes(path)
    if not data.strip():
        raise InputError.at(where, "empty_document")
    if suffix in (".txt", ".text"):
        from validator.imports.text import read_text_document
        from validator.read.yaml_reader import decode_text

        return read_text_document(decode_text(data, where), path.name)
    if suffix == ".docx":
        from validator.imports.docx_reader import read_docx_document

        return read_docx_document(data, path.name, where)
    if suffix == ".pdf":
        from validator.imports.pdf_reader import read_pdf_document

        return read_pdf_document(data, path.name, where)
    raise InputError.at(where, "import_unknown_type", suffix=suffix or path.name)


def import_document(path: Path) -> Imported:
    """The report YAML of a document, with what needs checking by a person."""
    doc = read_document(path)
    where = Location(str(path))
    try:
        imported = build_yaml(doc)
    except NotAReport:
        raise InputError.at(where, "import_not_lkjip") from None
    for what in ("instansi", "tahun"):
        if what not in imported.identity:
            raise InputError.at(where, "import_no_identity", what=what)
    return imported


__all__ = ["DOCUMENT_SUFFIXES", "Imported", "import_document", "is_document", "read_document"]
