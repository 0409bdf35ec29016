"""Find the tables of an LKjIP in a document's lines, by their captions and the words
of their headers (never by their position in the document), and read their rows.

A table is a run of table lines (tab-separated text, Word or PDF table rows) that may
cross page breaks; it starts at a header (a line of column words: No, Program, Indikator,
Target, Anggaran, Realisasi, Capaian, Efisiensi, Keterangan, ...). Its caption is the
"Tabel 3.9 ..." (or "PERJANJIAN KINERJA ...") text printed before it. Each column is
named from its header words, so the columns of a table that prints them in another
order, or without a code column, are still read right.

Rows: a line with a printed row number, or with a figure, starts a row; a line with
only words is the continuation of the row above (a name wrapped over lines or over a
page break) and is joined to it. Repeated header lines and column-number lines
("1 2 3 4 5", "(1) (2)") are dropped. A `Jumlah` / `Total` row is the table's stated
total. Nothing is computed: every cell keeps its printed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from validator.imports.document import Document, Line

CAPTION = re.compile(r"^\s*tabel\s+(\d+(?:\.\d+)*)\.?\s*(.*)$", re.IGNORECASE)
PK_HEADING = re.compile(r"^\s*(lampiran\s+)?(perubahan\s+)?perjanjian\s+kinerja\b(?!\s+kepala)",
                        re.IGNORECASE)
ROW_NUMBER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})*[.,)]?$")
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
TOTAL_WORDS = re.compile(r"^(jumlah|total|jumlah total|total anggaran)\b", re.IGNORECASE)
FIGURE_LIKE = re.compile(r"\d")

HEADER_WORDS = (
    "no", "program", "kegiatan", "uraian", "indikator", "target", "anggaran", "realisasi",
    "capaian", "efisiensi", "keterangan", "sasaran", "satuan", "tujuan", "pagu", "kinerja", "kode",
)


@dataclass
class Column:
    index: int
    name: str | None
    """The report-format column (`uraian`, `anggaran`, ...), None for one not imported."""
    header: str


@dataclass
class RawRow:
    """One printed row, its cells by column name, as printed (continuations joined)."""

    cells: dict[str, str]
    place: str
    page: int | None
    lines: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Why the row needs checking: (Indonesian, English)."""
    total: bool = False


@dataclass
class RawTable:
    caption: str
    number: str | None
    """The printed table number ("3.9"), None for a lampiran without one."""
    heading: str
    """The section heading the table is under (for a PK lampiran: the PK's title)."""
    kind: str
    columns: list[Column]
    rows: list[RawRow]
    place: str
    page: int | None
    notes: list[str] = field(default_factory=list)


def normal(text: str) -> str:
    """Lower case letters and digits only: header fragments split by an extraction
    ("Reali" "sasi", "Rehabilitas i") compare equal to the whole word."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text.lower()).split())


def is_header(line: Line) -> bool:
    """A line of column words: at least two cells that are header words, no figure."""
    if not line.tabular:
        return False
    hits = 0
    for cell in line.cells:
        words = _words(cell)
        if not words:
            continue
        if re.search(r"\d{2,}", cell) and not re.search(r"20\d\d", cell):
            return False
        if any(words.startswith(w) or f" {w}" in f" {words}" for w in HEADER_WORDS):
            hits += 1
    return hits >= 2


def is_column_numbers(line: Line) -> bool:
    cells = [c for c in line.cells if c.strip()]
    return len(cells) >= 3 and all(COLUMN_NUMBER.match(c.strip()) for c in cells)


def classify(headers: list[str]) -> str:
    """The kind of table from all its header words."""
    words = _words(" ".join(headers))
    flat = normal(" ".join(headers))
    has = {w: (w in flat) for w in ("anggaran", "realisasi", "efisiensi", "target", "indikator",
                                     "program", "kegiatan", "sasaran", "tujuan", "keterangan",
                                     "formula", "penjelasan", "sumberdata", "satuan")}
    has["realisasi"] = has["realisasi"] or ("reali" in words and "sasi" in words)
    if has["efisiensi"] and (has["program"] or has["kegiatan"]):
        return "efisiensi_program"
    if has["efisiensi"] and (has["sasaran"] or has["tujuan"]):
        return "efisiensi_sasaran"
    if has["anggaran"] and has["realisasi"] and (has["program"] or has["kegiatan"]):
        return "realisasi_anggaran"
    if has["anggaran"] and has["target"] and (has["program"] or has["kegiatan"]):
        return "program_pk"
    if has["anggaran"] and (has["program"] or has["kegiatan"]):
        return "pk_anggaran"
    if has["indikator"] and (has["formula"] or has["penjelasan"] or has["sumberdata"]):
        return "iku"
    if has["indikator"] and has["sasaran"] and has["target"]:
        return "kinerja_target"
    if has["indikator"] and has["target"]:
        return "kinerja_lain"
    return "lain"


TEXT_COLUMNS = ("no", "kode", "uraian", "indikator", "keterangan", "satuan", "sasaran", "tujuan")

BUDGET_KINDS = ("efisiensi_program", "realisasi_anggaran", "program_pk", "pk_anggaran")
"""Kinds of table whose rows are programs, kegiatan and sub kegiatan (jenis: anggaran)."""


def name_columns(header_lines: list[Line], width: int) -> list[Column]:
    """Name each column from its header words. The first of several header lines may be
    a group line ("Indikator Kinerja" over target / realisasi / capaian, "Anggaran" over
    anggaran / realisasi / capaian): a column's own words come from the later lines, the
    group decides whether a `realisasi` or `capaian` is of kinerja or of anggaran."""
    own: list[str] = []
    group: list[str] = []
    for index in range(width):
        cells = [hl.cells[index] if index < len(hl.cells) else "" for hl in header_lines]
        if len(header_lines) > 1:
            group.append(cells[0])
            own.append(" ".join(c for c in cells[1:] if c))
        else:
            group.append("")
            own.append(cells[0])
    budget_start = next((i for i in range(width)
                         if "anggaran" in normal(group[i]) or "anggaran" in normal(own[i])
                         or "pagu" in normal(own[i])), width)
    columns: list[Column] = []
    seen: set[str] = set()
    for index in range(width):
        text = own[index] or group[index]
        name = _column_name(text, index, in_budget=index >= budget_start)
        if name in seen:
            name = None
        if name:
            seen.add(name)
        columns.append(Column(index, name, " ".join(x for x in (group[index], own[index]) if x)))
    return columns


def _column_name(text: str, index: int, in_budget: bool) -> str | None:
    flat = normal(text)
    if not flat:
        return None
    if index == 0 and len(flat) <= 3:
        return "no"  # "No", "No.", and what extraction makes of it ("Vo.")
    if flat.startswith("no") and len(flat) <= 4:
        return "no"
    if flat.startswith("kode"):
        return "kode"
    if "efisiensi" in flat:
        return "efisiensi"
    if "keterangan" in flat or flat.startswith("keteranga"):
        return "keterangan"
    if "sasaran" in flat:
        return "sasaran"
    if flat.startswith("tujuan"):
        return "tujuan"
    if any(w in flat for w in ("program", "kegiatan", "uraian")):
        return "uraian"
    if flat.startswith("indikator"):
        return "indikator"
    if flat.startswith("satuan"):
        return "satuan"
    if "target" in flat:
        return "target"
    if "realisasi" in flat or "reali" in flat:
        return "realisasi" if in_budget else "realisasi_kinerja"
    if "capaian" in flat or flat in ("", "00", "0") or text.strip() in ("%", "0/0"):
        return "capaian_anggaran" if in_budget else "capaian_kinerja"
    if "anggaran" in flat or "pagu" in flat:
        return "anggaran"
    return None


def find_tables(doc: Document) -> list[RawTable]:
    """Every table of the document that has a header, with its caption and rows."""
    tables: list[RawTable] = []
    lines = doc.lines
    caption, number, heading, caption_place = "", None, "", ""
    pending_title = False
    i = 0
    after_table = False
    while i < len(lines):
        line = lines[i]
        if not line.tabular:
            text = line.text
            match = CAPTION.match(text) if text else None
            if text and after_table and not match:
                # A paragraph after a table: its caption is used up (a PK's heading
                # stays, its lampiran tables follow its paragraphs).
                caption, number, caption_place = (heading, None, "") if number is None else ("", None, "")
                after_table = False
            if match:
                number, caption, pending_title = match[1], text, True
                caption_place = line.place
            elif text and pending_title and len(text) < 120 and (number or text == text.upper()):
                # A caption printed over several lines ("Tabel 2.3" / its title / the
                # office), or wrapped by the page width: read up to the table.
                caption = f"{caption} {text}"
                if number is None:
                    heading = caption
            elif text and PK_HEADING.match(text) and text == text.upper() and len(text) < 160:
                heading, caption, number, caption_place = text, text, None, line.place
                after_table, pending_title = False, True
            else:
                pending_title = False
            i += 1
            continue
        if not is_header(line):
            i += 1
            continue
        table, i = _read_table(lines, i, caption, number, heading, caption_place)
        pending_title, after_table = False, True
        tables.append(table)
    return tables


def _read_table(lines: list[Line], start: int, caption: str, number: str | None,
                heading: str, caption_place: str) -> tuple[RawTable, int]:
    header_lines = [lines[start]]
    i = start + 1
    while i < len(lines) and lines[i].tabular and is_header(lines[i]) and len(header_lines) < 3:
        header_lines.append(lines[i])
        i += 1
    width = max(len(hl.cells) for hl in header_lines)
    columns = name_columns(header_lines, width)
    kind = classify([hl.text for hl in header_lines])
    table = RawTable(caption=caption or "", number=number, heading=heading, kind=kind,
                     columns=columns, rows=[], place=lines[start].place, page=lines[start].page)
    if caption_place:
        table.notes.append(f"judul di {caption_place}")
    header_texts = {normal(hl.text) for hl in header_lines}
    row: RawRow | None = None
    while i < len(lines):
        line = lines[i]
        if line.page_break or line.blank:
            nxt = _next_content(lines, i)
            if nxt is None or not lines[nxt].tabular:
                break
            i += 1
            continue
        if not line.tabular:
            break
        if is_header(line) and normal(line.text) not in header_texts and row is not None \
                and classify([line.text]) != kind:
            break  # the header of the next table in the same run (a PK lampiran)
        if normal(line.text) in header_texts or is_column_numbers(line):
            i += 1  # a header repeated on the next page, or the column numbers
            continue
        row = _take_line(table, row, line, width)
        i += 1
        if row is not None and row.total:
            break  # the stated total closes the table; what follows is its signature
    return table, i


def _next_content(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 8)):
        if not (lines[j].blank or lines[j].page_break):
            return j
    return None


def _take_line(table: RawTable, row: RawRow | None, line: Line, width: int) -> RawRow | None:
    cells = list(line.cells)
    aligned: tuple[str, str] | None = None
    if len(cells) < width:
        # A row that lost its empty leading cells (a page break in the middle of a table):
        # its figures are the rightmost columns, so it is aligned from the right.
        aligned = (f"baris {len(cells)} sel dari {width} kolom, disejajarkan dari kanan",
                   f"row of {len(cells)} cells for {width} columns, aligned from the right")
        cells = [""] * (width - len(cells)) + cells
    elif len(cells) > width:
        table.notes.append(f"{line.place}: baris dengan {len(cells)} sel untuk {width} kolom dilewati")
        table.rows.append(RawRow({}, line.place, line.page, [line.text],
                                 notes=[(f"{len(cells)} sel untuk {width} kolom: tidak dibaca",
                                         f"{len(cells)} cells for {width} columns: not read")]))
        return row
    named = {col.name: cells[col.index].strip() for col in table.columns if col.name}
    number = named.get("no", "")
    label = named.get("uraian", "")
    figures = [v for k, v in named.items() if k not in TEXT_COLUMNS and (FIGURE_LIKE.search(v) or v == "-")]
    starts = bool(ROW_NUMBER.match(number) or figures or TOTAL_WORDS.match(label or ""))
    if starts and not number and not label and table.kind in BUDGET_KINDS and not any(
            named.get(k) for k in ("anggaran", "realisasi")):
        # No number, no name, no amount: a second indicator of the row above (its name
        # and budget merged over both rows). The format holds one target per row, so
        # it is joined to the row above, where the target no longer reads as a figure
        # and is marked for checking: never a row of its own with a made-up code.
        starts = False
    if not starts and row is not None:
        for key, value in named.items():
            if not re.search(r"\w", value):
                continue  # stray marks of the extraction (", ,"): no word, no figure
            if key not in ("no",):
                row.cells[key] = f"{row.cells.get(key, '')} {value}".strip()
        row.lines.append(line.place)
        return row
    new = RawRow({k: v for k, v in named.items() if v}, line.place, line.page, [line.place])
    if aligned:
        new.notes.append(aligned)
    if TOTAL_WORDS.match(label or "") and not ROW_NUMBER.match(number):
        new.total = True
    table.rows.append(new)
    return new
