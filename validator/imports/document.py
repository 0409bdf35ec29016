"""The neutral form of an imported document: its lines in reading order.

Every reader (plain text, DOCX, PDF) turns a document into `Line`s: a paragraph is one
cell, a table row is its cells. Each line keeps where it was read (`place`: the page of
a PDF, the line of a text file, the table of a Word file) so that every imported figure
can cite it. A `page_break` line marks the end of a page inside the flow: tables split
over pages are joined across it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]
    place: str
    """Where the line was read, as a reader cites it: "hal. 45", "teks baris 712"."""
    page: int | None = None
    tabular: bool = False
    """The line is a table row (tab-separated text, a Word or PDF table row)."""
    page_break: bool = False

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c).strip()

    @property
    def blank(self) -> bool:
        return not self.page_break and not any(c.strip() for c in self.cells)


@dataclass
class Document:
    source: str
    kind: str
    """`text`, `docx` or `pdf`."""
    lines: list[Line] = field(default_factory=list)
