"""Tabular layout shared by XLSX workbooks and CSV folders.

A workbook (or folder) holds one sheet (or file) per section and per table; this module
turns those sheets into the same located tree a YAML file gives, so build.py validates
every format the same way. The layout is documented in docs/formats.md.

Only the layout is checked here (sheets, header rows, columns). Keys that are known
columns but wrong for their row are passed through, so build.py reports them as for YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from validator import limits
from validator.build import (
    BAND_KEYS,
    HISTORY_KEYS,
    INDICATOR_KEYS,
    STATEMENT_FIGURES,
    STATEMENT_TEXT,
    TABLE_KINDS,
    TOTAL_KODE,
    VERSION_KEYS,
    YEAR_COLUMN,
    row_columns,
)
from validator.errors import InputError, Problem, closest
from validator.model import Location
from validator.tree import Entry, MappingNode, Node, Scalar, SequenceNode


@dataclass
class Sheet:
    """One sheet or CSV file: its name and its rows of cells (None for an empty cell).

    ``file`` is the workbook (XLSX) or the CSV file; ``row_numbers`` the 1-based row (XLSX)
    or line (CSV) of each entry of ``rows`` (default: its index + 1). ``fields`` is, for
    CSV, the number of fields each row was written with, empty ones included.
    """

    name: str
    rows: list[list[Scalar | None]] = field(default_factory=list)
    file: str = ""
    csv: bool = False
    row_numbers: list[int] = field(default_factory=list)
    fields: list[int] = field(default_factory=list)

    @property
    def location(self) -> Location:
        return Location(self.file) if self.csv else Location(self.file, sheet=self.name)

    def at(self, row: int, column: int) -> Location:
        """The place of a cell, from 0-based indices into ``rows`` and the row."""
        number = self.row_numbers[row] if row < len(self.row_numbers) else row + 1
        if self.csv:
            return Location(self.file, line=number, column=column + 1)
        return Location(self.file, sheet=self.name, cell=f"{column_letter(column + 1)}{number}")

    def short(self, row: int, width: int) -> Location | None:
        """The first missing field of a CSV row written with fewer than width fields."""
        if not self.csv or row >= len(self.fields) or self.fields[row] >= width:
            return None
        return self.at(row, self.fields[row])


KEY_VALUE_SHEETS = ("identitas", "akip")
LIST_SHEETS = ("versi", "sasaran", "akip_pita", "akip_riwayat", "pernyataan")
INDEX_SHEET = "daftar_tabel"
HELP_SHEET = "petunjuk"
FINDINGS_SHEET = "Temuan"
"""The findings `lkjip check --annotate` adds to a copy of a workbook; never read."""
RESERVED = (*KEY_VALUE_SHEETS, *LIST_SHEETS, INDEX_SHEET, HELP_SHEET, FINDINGS_SHEET)

KEY_VALUE_HEADER = ("kunci", "nilai")
AKIP_SCALARS = ("nilai", "predikat", "interpretasi", "target", "pita")
SASARAN_COLUMNS = (
    "kode", "jenis", "induk", "uraian", "program", "satuan", "arah", "rumus_capaian",
    "rumus_realisasi",
)
INDICATOR_JENIS = "indikator"
STATEMENT_COLUMNS = (
    "bagian", "kutipan", "rata_rata_capaian", "jumlah_di_atas_100", "jumlah_tepat_100",
    "jumlah_di_bawah_100", "jumlah_na", "total_anggaran", "total_realisasi", "serapan_anggaran",
    "efisiensi_anggaran", "nilai_akip", "predikat_akip", "nilai_akip_tahun_lalu", "tabel", "sasaran",
    "rata_rata_serapan", "pembagi", "nilai_efisiensi", "rata_rata_efisiensi", "rumus_nilai_efisiensi",
)
INDEX_COLUMNS = ("id", "lembar")
TABLE_META = ("id", "label", "jenis", "versi", "angka", "skala", "metode_efisiensi", "sumber", "catatan",
              "halaman")
TOTAL_KODE_KEY = "kode_jumlah"
"""Metadata key for the total row's own code when the printed total has one (e.g. `1.06`)."""

if set(STATEMENT_COLUMNS) != set(STATEMENT_TEXT + STATEMENT_FIGURES) or not set(
    INDICATOR_KEYS
) <= set(SASARAN_COLUMNS):  # pragma: no cover - keeps this layout in step with build.py
    raise ImportError("sheet layout out of step with validator.build")

Records = list[MappingNode]

PRINTED_COLUMNS: dict[str, dict[str, str]] = {
    kind: {
        "No": "no", "Kode": "kode", "Uraian": "uraian", "Satuan": "satuan", "Target": "target",
        "Indikator": "indikator", "Keterangan": "keterangan", "Catatan": "catatan",
        "Capaian Kinerja (%)": "capaian_kinerja", "Capaian Anggaran (%)": "capaian_anggaran",
        "Tingkat Efisiensi": "efisiensi", "Status Efisiensi": "status_efisiensi",
        "Pembilang": "pembilang", "Penyebut": "penyebut", "Rumus": "rumus",
        "Sumber Data": "sumber_data", "Anggaran (Rp)": "anggaran",
        **extra,
    }
    for kind, extra in (
        ("anggaran", {"Realisasi (Rp)": "realisasi", "Realisasi": "realisasi",
                      "Realisasi Kinerja": "realisasi_kinerja"}),
        ("kinerja", {"Realisasi": "realisasi", "Capaian (%)": "capaian",
                     "Realisasi Anggaran (Rp)": "realisasi_anggaran"}),
    )
}
"""Column headers as reports print them (the planner's template writes these), read as
the column keys of format.md; the keys themselves are read too. Case and spacing are
ignored; `Target 2023` is `target_2023`."""
PRINTED_YEAR = re.compile(r"^target\s+(\d{4})$", re.IGNORECASE)

EXAMPLE_MARK = "contoh"
"""The `no` of an example row of the planner's template: such a row is not read."""
EXAMPLES: dict[str, tuple[dict[str, str], ...]] = {
    "anggaran": (
        {"kode": "1.06.04", "uraian": "Program Rehabilitasi Sosial", "anggaran": "1.500.000.000",
         "realisasi": "1.417.000.000", "capaian_anggaran": "94,47%", "capaian_kinerja": "101,33%",
         "efisiensi": "6,86"},
        {"kode": "1.06.04.2.01", "uraian": "Rehabilitasi Sosial Dasar Penyandang Disabilitas",
         "anggaran": "900.000.000", "realisasi": "850.200.000", "capaian_anggaran": "94,47%",
         "capaian_kinerja": "101,33%", "efisiensi": "6,86"},
    ),
    "kinerja": (
        {"kode": "S1.I1", "uraian": "Persentase PPKS yang tertangani", "satuan": "%",
         "target": "55", "target_tahun": "55", "realisasi": "54,20", "capaian": "98,55%"},
    ),
}
"""The example rows of the template's table sheets (grey, `no` = contoh): written by
validator/write/template.py, skipped here while unchanged; `target_tahun` stands for every
`target_YYYY` column."""


def max_sheet_rows() -> int:
    """Rows of one sheet: a table's rows plus room for its metadata and header."""
    return limits.MAX_ROWS + 100


def column_letter(number: int) -> str:
    """Spreadsheet column name of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def tree_from_sheets(sheets: dict[str, Sheet], source: str) -> Node:
    """The located tree of a report laid out as sheets (see docs/formats.md)."""
    return _TreeBuilder(sheets, source).build()


def is_empty(row: list[Scalar | None]) -> bool:
    return all(cell is None for cell in row)


class _TreeBuilder:
    def __init__(self, sheets: dict[str, Sheet], source: str) -> None:
        self.sheets = sheets
        self.source = source
        self.problems: list[Problem] = []
        self.listed: set[str] = set()

    def problem(self, location: Location, message: str, /, **params: Any) -> None:
        self.problems.append(Problem(message, location, params))

    def build(self) -> Node:
        top = MappingNode(Location(self.source))
        identitas = self.identitas(top)
        if identitas is not None:
            self.put(top, "identitas", identitas)
        self.put_list(top, "versi", self.records("versi", VERSION_KEYS, ("id", "jenis")))
        self.put_list(top, "sasaran", self.sasaran())
        akip = self.akip()
        if akip is not None:
            self.put(top, "akip", akip)
        self.put_list(top, "tabel", self.tables())
        self.put_list(top, "pernyataan", self.records("pernyataan", STATEMENT_COLUMNS, ("bagian",)))
        self.check_unknown_sheets()
        if self.problems:
            raise InputError(self.problems)
        return top

    # -- tree helpers ------------------------------------------------------------------

    @staticmethod
    def put(node: MappingNode, key: str, value: Node) -> None:
        node.items[key] = Entry(value.location, value)

    def put_list(self, node: MappingNode, key: str, items: list[Node]) -> None:
        if items:
            sheet = self.sheets.get(key)
            where = sheet.location if sheet else node.location
            self.put(node, key, SequenceNode(where, list(items)))

    # -- generic sheet shapes ------------------------------------------------------------

    def header(
        self, sheet: Sheet, index: int, allowed: tuple[str, ...] | None,
        required: tuple[str, ...], extra: Callable[[str], bool] | None = None,
        printed: Callable[[str], str] | None = None,
    ) -> list[str | None]:
        """Column names of a header row; unknown, duplicate and missing names are problems.
        `printed` turns a column name as reports print it into its key."""
        names: list[str | None] = []
        first: dict[str, Location] = {}
        for column, cell in enumerate(sheet.rows[index]):
            name = cell.text.strip() if cell is not None else ""
            if name and printed is not None:
                name = printed(name)
            if not name:
                names.append(None)
                continue
            where = sheet.at(index, column)
            if allowed is not None and name not in allowed and not (extra and extra(name)):
                self.problem(where, "unknown_column", column=name, suggestion=closest(name, allowed))
            elif name in first:
                self.problem(where, "duplicate_column", column=name, first=str(first[name]))
            first.setdefault(name, where)
            names.append(name)
        for name in required:
            if name not in first:
                self.problem(sheet.at(index, 0), "column_missing", column=name)
        return names

    def record(self, sheet: Sheet, index: int, names: list[str | None]) -> MappingNode | None:
        """One data row as a mapping of its non-empty cells (None for an empty row)."""
        row = sheet.rows[index]
        if is_empty(row):
            return None
        self.check_width(sheet, index, len(names))
        node = MappingNode(sheet.at(index, 0))
        for column, cell in enumerate(row):
            if cell is None:
                continue
            name = names[column] if column < len(names) else None
            if name is None:
                self.problem(cell.location, "unnamed_column")
            elif name not in node.items:
                node.items[name] = Entry(cell.location, cell)
        return node

    def check_width(self, sheet: Sheet, index: int, width: int) -> None:
        """A CSV row with fewer fields than its header is refused, as one with more is.

        Spreadsheets and lkjip write every field of a row, empty ones too; a short row is
        what a line break inside an unquoted cell leaves: the row is cut in two and the
        cells after the break shift left into the wrong columns.
        """
        where = sheet.short(index, width)
        if where is not None:
            self.problem(where, "csv_short_row", fields=sheet.fields[index], expected=width)

    def records_of(
        self, sheet: Sheet, start: int, allowed: tuple[str, ...] | None,
        required: tuple[str, ...], extra: Callable[[str], bool] | None = None,
        printed: Callable[[str], str] | None = None,
    ) -> Records:
        """The rows below the first non-empty row at or after start, which is the header."""
        index = next(_content_rows(sheet, start), None)
        if index is None:
            return []
        names = self.header(sheet, index, allowed, required, extra, printed)
        if not set(required) <= set(names):
            return []  # the missing column is reported once, not again on every row
        found = (self.record(sheet, i, names) for i in range(index + 1, len(sheet.rows)))
        return [node for node in found if node is not None]

    def records(self, name: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[Node]:
        sheet = self.sheets.get(name)
        return [*self.records_of(sheet, 0, allowed, required)] if sheet else []

    def key_values(self, sheet: Sheet, start: int, stop: int) -> MappingNode:
        """Rows of `kunci`, `nilai` pairs; an empty value is an absent key."""
        node = MappingNode(sheet.location)
        for index in range(start, stop):
            row = sheet.rows[index]
            if is_empty(row):
                continue
            self.check_width(sheet, index, len(KEY_VALUE_HEADER))
            key = row[0] if row else None
            value = row[1] if len(row) > 1 else None
            for extra_cell in row[2:]:
                if extra_cell is not None:
                    self.problem(extra_cell.location, "unnamed_column")
            if key is None:
                self.problem(sheet.at(index, 0), "missing_key", key="kunci")
                continue
            name = key.text.strip()
            if name in node.items:
                first = node.items[name].key_location
                self.problem(key.location, "duplicate_cell_key", name=name, first=str(first))
            elif value is not None:
                node.items[name] = Entry(key.location, value)
        return node

    def key_value_sheet(self, sheet: Sheet) -> MappingNode | None:
        index = next(_content_rows(sheet, 0), None)
        if index is None:
            return None
        self.header(sheet, index, KEY_VALUE_HEADER, KEY_VALUE_HEADER)
        return self.key_values(sheet, index + 1, len(sheet.rows))

    # -- sections --------------------------------------------------------------------------

    def identitas(self, top: MappingNode) -> MappingNode | None:
        sheet = self.sheets.get("identitas")
        if sheet is None:
            self.problem(Location(self.source), "sheet_missing", sheet="identitas")
            return None
        node = self.key_value_sheet(sheet)
        if node is None:
            return None
        fmt = node.items.pop("format", None)
        if fmt is not None:
            top.items["format"] = fmt
        return node

    def sasaran(self) -> list[Node]:
        """Tujuan and sasaran rows, with indicator rows nested under their `induk`."""
        sheet = self.sheets.get("sasaran")
        if sheet is None:
            return []
        targets: list[Node] = []
        by_code: dict[str, MappingNode] = {}
        indicators: list[MappingNode] = []
        for node in self.records_of(sheet, 0, SASARAN_COLUMNS, ("kode",)):
            jenis = node.items.get("jenis")
            if jenis is not None and _is_indicator(jenis):
                indicators.append(node)
                continue
            _split_programs(node)
            targets.append(node)
            kode = _text(node, "kode")
            if kode is not None:
                by_code.setdefault(kode, node)
        for node in indicators:
            self.attach_indicator(node, by_code)
        return targets

    def attach_indicator(self, node: MappingNode, targets: dict[str, MappingNode]) -> None:
        node.items.pop("jenis", None)
        parent = node.items.pop("induk", None)
        if parent is None:
            self.problem(node.location, "missing_key", key="induk")
            return
        code = parent.value.text.strip() if isinstance(parent.value, Scalar) else ""
        target = targets.get(code)
        if target is None:
            self.problem(parent.key_location, "unknown_parent", parent=code,
                         suggestion=closest(code, targets))
            return
        entry = target.items.get("indikator")
        if entry is None:
            entry = Entry(node.location, SequenceNode(node.location))
            target.items["indikator"] = entry
        assert isinstance(entry.value, SequenceNode)
        entry.value.items.append(node)

    def akip(self) -> MappingNode | None:
        sheet = self.sheets.get("akip")
        node = (self.key_value_sheet(sheet) if sheet else None) or MappingNode(
            Location(self.source)
        )
        for key, name, allowed, required in (
            ("pita_dicetak", "akip_pita", BAND_KEYS, ("bawah", "atas", "predikat")),
            ("riwayat", "akip_riwayat", HISTORY_KEYS, HISTORY_KEYS),
        ):
            items = self.records(name, allowed, required)
            if items:
                where = self.sheets[name].location
                node.items[key] = Entry(where, SequenceNode(where, items))
        return node if node.items else None

    # -- tables ------------------------------------------------------------------------------

    def tables(self) -> list[Node]:
        index = self.sheets.get(INDEX_SHEET)
        if index is None:
            return []
        tables: list[Node] = []
        for entry in self.records_of(index, 0, INDEX_COLUMNS, ("id",)):
            table_id = _scalar(entry, "id")
            if table_id is None:
                self.problem(entry.location, "missing_key", key="id")
                continue
            lembar = _scalar(entry, "lembar") or table_id
            name = lembar.text.strip()
            self.listed.add(name)
            sheet = self.sheets.get(name)
            if sheet is None:
                self.problem(lembar.location, "sheet_missing", sheet=name)
                continue
            tables.append(self.table(sheet, table_id))
        return tables

    def table(self, sheet: Sheet, table_id: Scalar) -> MappingNode:
        """Metadata rows, an empty row, then the header row and the data rows."""
        start = next(_content_rows(sheet, 0), len(sheet.rows))
        if start < len(sheet.rows) and _is_key_value_header(sheet.rows[start]):
            start += 1
        stop = next((i for i in range(start, len(sheet.rows)) if _ends_metadata(sheet.rows[i])),
                    len(sheet.rows))
        node = self.key_values(sheet, start, stop)
        for reserved in ("baris", "jumlah"):
            if reserved in node.items:
                self.problem(node.items.pop(reserved).key_location, "unknown_key", key=reserved,
                             suggestion=None)
        self.check_table_id(node, table_id)
        rows = self.table_rows(sheet, stop, node)
        total = [row for row in rows if _is_total(row)]
        for extra in total[1:]:
            self.problem(extra.location, "duplicate_id", what="baris", id=TOTAL_KODE)
        baris = SequenceNode(sheet.location, [row for row in rows if not _is_total(row)])
        node.items["baris"] = Entry(sheet.location, baris)
        own_kode = node.items.pop(TOTAL_KODE_KEY, None)
        if total:
            if own_kode is not None:
                total[0].items["kode"] = own_kode
            node.items["jumlah"] = Entry(total[0].location, total[0])
        elif own_kode is not None:
            self.problem(own_kode.key_location, "total_row_missing")
        return node

    def table_rows(self, sheet: Sheet, stop: int, meta: MappingNode) -> Records:
        header = next(_content_rows(sheet, stop), None)
        if header is None:
            where = sheet.at(stop, 0) if stop < len(sheet.rows) else sheet.location
            self.problem(where, "column_missing", column="kode")
            return []
        kind = _text(meta, "jenis")
        if kind not in TABLE_KINDS:
            # build.py reports the bad `jenis`; without it the columns cannot be judged.
            return self.records_of(sheet, header, None, ("kode",))
        extra = (lambda name: bool(YEAR_COLUMN.match(name))) if kind == "kinerja" else None
        printed = _printed_names(kind)
        rows = self.records_of(sheet, header, row_columns(kind), ("kode",), extra, printed)
        return [row for row in rows if not self.example(row, kind)]

    def example(self, row: MappingNode, kind: str) -> bool:
        """An example row of the template (`no` = contoh), to skip; one whose cells were
        changed is refused, so a row typed over an example is never dropped unread."""
        if (_text(row, "no") or "").casefold() != EXAMPLE_MARK:
            return False
        cells = {_example_key(key): entry.value.text.strip() for key, entry in row.items.items()
                 if key != "no" and isinstance(entry.value, Scalar)}
        if not any(all(example.get(key) == text for key, text in cells.items())
                   for example in EXAMPLES.get(kind, ())):
            self.problem(row.items["no"].key_location, "example_row_changed", mark=EXAMPLE_MARK)
        return True

    def check_table_id(self, node: MappingNode, table_id: Scalar) -> None:
        own = _scalar(node, "id")
        if own is None:
            node.items = {"id": Entry(table_id.location, table_id), **node.items}
        elif own.text.strip() != table_id.text.strip():
            self.problem(own.location, "table_id_mismatch", id=own.text, listed=table_id.text)

    def check_unknown_sheets(self) -> None:
        known = (*RESERVED, *sorted(self.listed))
        for name, sheet in self.sheets.items():
            if name not in RESERVED and name not in self.listed:
                self.problem(sheet.location, "unknown_sheet", sheet=name,
                             suggestion=closest(name, known))


# -- small helpers --------------------------------------------------------------------------


def _printed_names(kind: str) -> Callable[[str], str]:
    """A header cell's column key: a printed name (`Capaian (%)`, `Target 2023`) or the
    key itself."""
    known = {" ".join(name.split()).casefold(): key for name, key in PRINTED_COLUMNS[kind].items()}

    def key(name: str) -> str:
        year = PRINTED_YEAR.match(name.strip())
        if year:
            return f"target_{year[1]}"
        return known.get(" ".join(name.split()).casefold(), name)

    return key


def _example_key(key: str) -> str:
    return "target_tahun" if YEAR_COLUMN.match(key) else key


def _content_rows(sheet: Sheet, start: int) -> Iterator[int]:
    return (i for i in range(start, len(sheet.rows)) if not is_empty(sheet.rows[i]))


def _ends_metadata(row: list[Scalar | None]) -> bool:
    """An empty row, or the header row itself (`kode` is never a metadata key)."""
    return is_empty(row) or any(cell is not None and cell.text.strip() == "kode" for cell in row)


def _is_key_value_header(row: list[Scalar | None]) -> bool:
    texts = tuple(cell.text.strip() if cell else "" for cell in row[:2])
    return texts == KEY_VALUE_HEADER


def _scalar(node: MappingNode, key: str) -> Scalar | None:
    entry = node.items.get(key)
    return entry.value if entry and isinstance(entry.value, Scalar) else None


def _text(node: MappingNode, key: str) -> str | None:
    scalar = _scalar(node, key)
    return scalar.text.strip() if scalar else None


def _is_indicator(entry: Entry) -> bool:
    return isinstance(entry.value, Scalar) and entry.value.text.strip().lower() == INDICATOR_JENIS


def _is_total(row: MappingNode) -> bool:
    kode = _text(row, "kode")
    return kode is not None and kode.upper() == TOTAL_KODE


def _split_programs(node: MappingNode) -> None:
    """`program` is a comma-separated list of codes in one cell."""
    entry = node.items.get("program")
    if entry is None or not isinstance(entry.value, Scalar):
        return
    cell = entry.value
    codes = [part.strip() for part in cell.text.split(",") if part.strip()]
    items: list[Node] = [Scalar(code, "str", cell.location) for code in codes]
    node.items["program"] = Entry(entry.key_location, SequenceNode(cell.location, items))

