"""The in-memory model of one LKjIP report: what the document states, with places.

The model never computes or corrects a figure. Every figure keeps its printed text, its
parsed value (or why it could not be read) and where it was written, so that a finding
can cite the exact place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

Level = Literal["urusan", "program", "kegiatan", "sub_kegiatan", "tujuan", "sasaran", "indikator"]
TableKind = Literal["anggaran", "kinerja"]

LEVEL_LABELS_ID = {
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "indikator": "indikator",
}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written: a YAML line and column, or a sheet and cell."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
            return f"{self.file} [{where}]"
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


NOWHERE = Location("")


@dataclass(frozen=True)
class Figure:
    """A number as the report states it.

    ``value`` is None when the printed text could not be read; ``error`` says why.
    Percentages keep their value in percentage points (94.47 for "94,47%").

    An amount printed in a larger unit (`Rp 1,2 M`, or any amount of a table declared
    `skala: ribuan`) keeps its value in rupiah and ``scale``, the power of ten of the
    printed unit (9, 3): ``decimals`` stays the printed decimals of that unit.

    ``not_measured`` is an indicator's realisasi or capaian printed `n/a`, `NA`,
    `tidak diukur` (or `-` in a kinerja table): it has no value, is not an error, and
    no formula over it applies; it is never zero.

    ``qualitative`` is a target or realisasi stated in words ("WTP", "Sangat Baik"):
    text, with no value and no error; no formula over it applies. A predicate with its
    score ("BB (Nilai 75)") or an index ("Indeks 3 (Skala 4)") has its value instead.
    """

    raw: str
    value: Decimal | None
    decimals: int = 0
    percent: bool = False
    unit: str | None = None
    grade: str | None = None
    nil: bool = False
    error: str | None = None
    scale: int = 0
    not_measured: bool = False
    qualitative: bool = False
    location: Location = field(default=NOWHERE, compare=False)

    @property
    def readable(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Text:
    value: str
    location: Location = field(default=NOWHERE, compare=False)


Cell = Figure | Text


@dataclass(frozen=True)
class Row:
    """One printed row of a table."""

    kode: str
    level: str
    uraian: str | None
    cells: dict[str, Cell]
    no: str | None = None
    location: Location = field(default=NOWHERE, compare=False)

    def figure(self, column: str) -> Figure | None:
        cell = self.cells.get(column)
        return cell if isinstance(cell, Figure) else None

    def text(self, column: str) -> str | None:
        cell = self.cells.get(column)
        return cell.value if isinstance(cell, Text) else None


@dataclass(frozen=True)
class Table:
    id: str
    label: str
    kind: str
    rows: tuple[Row, ...]
    version: str | None = None
    number_style: str = "id"
    sumber: str | None = None
    catatan: str | None = None
    total: Row | None = None
    location: Location = field(default=NOWHERE, compare=False)
    skala: str | None = None
    """The declared scale of the table's amounts (`ribuan`, `jutaan`, `miliar`), else rupiah."""
    halaman: str | None = None
    """The page(s) of the printed report the table is on (`45`, `45-46`), when transcribed:
    the reviu documents name it."""

    def by_kode(self) -> dict[str, Row]:
        return {row.kode: row for row in self.rows}


@dataclass(frozen=True)
class Identity:
    instansi: str
    pemda: str
    tahun: int
    tanggal: date | None = None
    tempat: str | None = None
    kepala: str | None = None
    nip: str | None = None
    urusan: str | None = None
    periode_renstra: str | None = None
    rumus_capaian_turun: str | None = None
    """The report's one capaian formula for its lower-is-better indicators (FRM001)."""


@dataclass(frozen=True)
class Version:
    """One document version that states budgets or targets (PK awal, perubahan, DPA-P)."""

    id: str
    jenis: str
    nama: str | None = None
    tanggal: date | None = None
    tanggal_tanda_tangan: date | None = None
    urutan: int | None = None
    dilampirkan: bool = False
    final: bool = False
    alasan: str | None = None
    catatan: str | None = None
    location: Location = field(default=NOWHERE, compare=False)
    places: Mapping[str, Location] = field(default_factory=dict, compare=False)
    """Where each key was written, so a finding can cite the exact line."""

    @property
    def title(self) -> str:
        """The version's title as a reader knows it: its `nama`, else one built from its
        `jenis` and `urutan` ("Perjanjian Kinerja Perubahan Kedua", "DPA Perubahan")."""
        if self.nama:
            return self.nama
        title = VERSION_TITLES.get(self.jenis, self.jenis)
        if self.urutan and self.jenis.endswith("perubahan"):
            title += " " + ORDINALS_ID.get(self.urutan, str(self.urutan)).capitalize()
        return title


def version_titles(versions: Sequence[Version]) -> dict[str, str]:
    """Each version's title by id; two versions of one title are told apart by their
    date, else their id."""
    titles = {v.id: v.title for v in versions}
    for version in versions:
        same = [v for v in versions if titles[v.id] == version.title]
        if len(same) > 1:
            dates = [v.tanggal for v in same]
            unique = version.tanggal is not None and dates.count(version.tanggal) == 1
            mark = version.tanggal.isoformat() if unique and version.tanggal else version.id
            titles[version.id] = f"{version.title} ({mark})"
    return titles


VERSION_TITLES = {"pk_awal": "Perjanjian Kinerja", "pk_perubahan": "Perjanjian Kinerja Perubahan",
                  "dpa": "DPA", "dpa_perubahan": "DPA Perubahan"}
"""The title of a version without a `nama`, by its `jenis` (a proper name: the same in
both languages)."""
ORDINALS_ID = {1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat", 5: "kelima", 6: "keenam",
               7: "ketujuh", 8: "kedelapan", 9: "kesembilan", 10: "kesepuluh"}
ORDINALS_EN = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
               7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}

DERIVED_LABELS = {
    "pernyataan": {"id": "Pernyataan dalam teks laporan", "en": "Statements in the report text"},
    "versi": {"id": "Daftar versi dokumen", "en": "List of document versions"},
    "akip": {"id": "Nilai AKIP", "en": "AKIP score"},
    "akip_riwayat": {"id": "Riwayat Nilai AKIP", "en": "AKIP score history"},
}
"""Labels of the tables the tool derives from the report's text and sections (not
printed tables): named in the reader's language."""


COLUMN_WORDS_EN = {
    "nilai": "score", "tahun": "year", "tanggal": "date", "tanggal tanda tangan": "signature date",
    "urutan": "sequence", "dilampirkan": "attached", "final": "final", "uraian": "name",
    "predikat": "predicate", "interpretasi": "interpretation", "jenis": "kind",
}
"""Column names that are plain Indonesian words, in English; the names of figures
(anggaran, realisasi, capaian, target) are the report's terms in both languages."""


def column_words(column: str | None, lang: str) -> str | None:
    """A column name as a reader writes it: `tanggal_tanda_tangan` -> "tanggal tanda
    tangan" (in English "signature date"), `capaian_anggaran` -> "capaian anggaran"."""
    if column is None:
        return None
    words = column.replace("_", " ")
    return COLUMN_WORDS_EN.get(words, words) if lang == "en" else words


def table_label(table: str | None, label: str | None, lang: str) -> str | None:
    """A table's label in `lang`: a derived table's own label translated, a printed
    table's label as printed."""
    known = DERIVED_LABELS.get(table or "")
    if known is not None and label == known["id"]:
        return known.get(lang, label)
    return label


def row_label(table: str | None, row: str | None, lang: str) -> str | None:
    """A row's name in `lang`: the AKIP rows the tool names itself are translated."""
    if lang == "en" and row and table in ("akip", "akip_riwayat") and row.startswith("Nilai "):
        return "AKIP evaluation score" if row == "Nilai LHE AKIP" else "AKIP score" + row[len("Nilai AKIP"):]
    return row


@dataclass(frozen=True)
class Indicator:
    kode: str
    uraian: str | None = None
    satuan: str | None = None
    arah: str = "naik"
    rumus_capaian: str | None = None
    rumus_realisasi: str | None = None
    arah_dinyatakan: bool = True
    """False when the report does not state `arah` (then `arah` is the default "naik"
    and the checks may infer it from the name, see validator/directions.py)."""
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Target:
    """A tujuan or sasaran with its indicators and the programs that serve it."""

    kode: str
    jenis: str
    uraian: str | None
    indikator: tuple[Indicator, ...] = ()
    program: tuple[str, ...] = ()
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Band:
    bawah: Decimal
    atas: Decimal
    predikat: str
    interpretasi: str | None = None
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class HistoryEntry:
    tahun: int
    nilai: Figure
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Akip:
    nilai: Figure | None = None
    predikat: Text | None = None
    interpretasi: Text | None = None
    target: Figure | None = None
    pita: str = "permenpanrb-88-2021"
    pita_dicetak: tuple[Band, ...] = ()
    riwayat: tuple[HistoryEntry, ...] = ()
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Statement:
    """A block of summary figures stated in the text (Bab III, Bab IV)."""

    bagian: str
    values: dict[str, Cell]
    kutipan: str | None = None
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Report:
    source: str
    identitas: Identity
    versi: tuple[Version, ...] = ()
    sasaran: tuple[Target, ...] = ()
    akip: Akip | None = None
    tabel: tuple[Table, ...] = ()
    pernyataan: tuple[Statement, ...] = ()

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tabel if t.id == table_id), None)

    def indicators(self) -> dict[str, Indicator]:
        return {ind.kode: ind for target in self.sasaran for ind in target.indikator}

    def final_version(self) -> Version | None:
        finals = [v for v in self.versi if v.final]
        return finals[0] if len(finals) == 1 else None


UNKNOWN_LEVEL = "tidak_dikenal"
"""The level of a row whose kode is not a budget code nor declared under `sasaran`."""

PARENT_LEVEL = {"sub_kegiatan": "kegiatan", "kegiatan": "program"}
"""The level of a budget row's parent."""


def budget_level(kode: str) -> str | None:
    """The level of a Permendagri 90/2019 budget code, from its segments.

    1.06 urusan; 1.06.04 program; 1.06.04.2.01 kegiatan; 1.06.04.2.01.0001 sub kegiatan.
    """
    return {2: "urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(len(kode.split(".")))


def parent_kode(kode: str) -> str | None:
    """The code of the parent in the budget hierarchy (kegiatan -> program, ...)."""
    parts = kode.split(".")
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    return None
