"""The in-memory model of one LKjIP report: what the document states, with places.

The model never computes or corrects a figure. Every figure keeps its printed text, its
parsed value (or why it could not be read) and where it was written, so that a finding
can cite the exact place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

Level = Literal["urusan", "program", "kegiatan", "sub_kegiatan", "kro", "ro", "komponen", "tujuan", "sasaran",
                "indikator"]
TableKind = Literal["anggaran", "kinerja"]

LEVEL_LABELS_ID = {
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
    "kro": "KRO",
    "ro": "RO",
    "komponen": "komponen",
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
    origin: str | None = None
    """Where the value is printed in the document it was imported from (`lkjip
    import`): "hal. 45, Tabel 3.9 baris 31". Shown next to the file place."""

    def __str__(self) -> str:
        return self.shown("id")

    def shown(self, lang: str) -> str:
        """The place in the file and, for an imported report, where it is printed."""
        origin = self.origin_in(lang)
        return self.place() + (f" ({origin})" if origin else "")

    def origin_in(self, lang: str) -> str | None:
        """The printed origin in `lang` ("hal. 45, Tabel 3.9 baris 31" -> "p. 45, Tabel
        3.9 row 31"); the table's caption is the report's own words."""
        if self.origin is None or lang == "id":
            return self.origin
        text = self.origin
        for indonesian, english in ORIGIN_WORDS_EN:
            text = text.replace(indonesian, english)
        return text

    def place(self) -> str:
        """The place in the file, without the printed origin."""
        if self.sheet is not None:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
            return f"{self.file} [{where}]"
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


ORIGIN_WORDS_EN = (("teks baris", "text line"), ("hal.", "p."), ("tabel Word", "Word table"),
                   ("paragraf", "paragraph"), (" baris ", " row "), ("Tabel ", "Table "))
"""The words of an imported row's origin (validator/imports) in English."""

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

    ``own_precision`` and ``formula`` come from a workbook cell: its number format said
    its decimals, and the formula it was computed by.

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
    own_precision: bool = field(default=False, compare=False)
    """The precision is the cell's own (a spreadsheet number format's decimals), never
    inferred from the other figures of its column."""
    formula: str | None = field(default=None, compare=False)
    """The spreadsheet formula the figure is the result of."""

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
    struktur: str = "pemda"
    """The budget code scheme of its rows (`pemda`: Permendagri 90/2019, `kementerian`:
    program / kegiatan / KRO / RO of central government), from the report's identitas."""
    metode_efisiensi: str | None = None
    """The efficiency method the table states (`selisih`, `sisa_anggaran`, `rasio`, or a
    formula such as `capaian_kinerja / capaian_anggaran`); FRM006, FRM007."""
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
    struktur_anggaran: str | None = None
    """The budget code scheme the report states (`pemda` or `kementerian`); None when not
    stated (then `budget_structure` infers it)."""
    metode_efisiensi: str | None = None
    """The report's efficiency method for every table that states none (FRM006, FRM007)."""
    location: Location = field(default=NOWHERE, compare=False)


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
    "identitas": {"id": "Identitas laporan", "en": "Report identity"},
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
class Suppression:
    """A finding accepted on purpose, with its reason (validator/suppress.py applies it).

    Written in a report as `# lkjip: abaikan CODE -- alasan` (lines `first`..`last`, or the
    whole file when both are None), or in lkjip.toml's `[[suppress]]` table (path patterns
    and, optionally, the table, kode and column). `problem` names what makes it unusable
    ("no_reason", "bad_form"): it is then reported, never applied.
    """

    codes: tuple[str, ...]
    reason: str
    place: Location
    first: int | None = None
    last: int | None = None
    paths: tuple[str, ...] = ()
    table: str | None = None
    kode: str | None = None
    column: str | None = None
    problem: str | None = None
    inline: bool = True


@dataclass(frozen=True)
class Report:
    source: str
    identitas: Identity
    versi: tuple[Version, ...] = ()
    sasaran: tuple[Target, ...] = ()
    akip: Akip | None = None
    tabel: tuple[Table, ...] = ()
    pernyataan: tuple[Statement, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    """The report's own `# lkjip: abaikan` comments (YAML only)."""

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tabel if t.id == table_id), None)

    def indicators(self) -> dict[str, Indicator]:
        return {ind.kode: ind for target in self.sasaran for ind in target.indikator}

    def final_version(self) -> Version | None:
        finals = [v for v in self.versi if v.final]
        return finals[0] if len(finals) == 1 else None


UNKNOWN_LEVEL = "tidak_dikenal"
"""The level of a row whose kode is not a budget code nor declared under `sasaran`."""

PARENT_LEVEL = {"sub_kegiatan": "kegiatan", "kegiatan": "program", "kro": "kegiatan", "ro": "kro",
                "komponen": "ro"}
"""The level of a budget row's parent (in either code scheme)."""

STRUCTURES = ("pemda", "kementerian")
"""The budget code schemes: `pemda` (Permendagri 90/2019: urusan, program, kegiatan, sub
kegiatan) and `kementerian` (central government: program, kegiatan, KRO, RO, komponen)."""
CENTRAL_PEMDA = ("pemerintah pusat",)
"""How `identitas.pemda` names the central government: a report whose `pemda` starts with
it and that states no `struktur_anggaran` is read with the `kementerian` scheme."""


def budget_structure(identity: Identity) -> tuple[str, str | None]:
    """The report's budget code scheme, and when it is inferred (not stated) as
    `kementerian`, the identitas text it was inferred from."""
    if identity.struktur_anggaran:
        return identity.struktur_anggaran, None
    if identity.pemda.strip().lower().startswith(CENTRAL_PEMDA):
        return "kementerian", identity.pemda
    return "pemda", None


def budget_level(kode: str, struktur: str = "pemda") -> str | None:
    """The level of a budget code in a scheme, from its segments.

    pemda: 1.06 urusan; 1.06.04 program; 1.06.04.2.01 kegiatan; 1.06.04.2.01.0001 sub kegiatan
    (segments of digits, or X: X.XX.01).
    kementerian: WA or 054.01.WA program; 3937 kegiatan; 3937.EBA KRO; 3937.EBA.994 RO;
    3937.EBA.994.051 komponen (each may carry its program in front: WA.3937.EBA).
    """
    if struktur == "kementerian":
        split = central_split(kode)
        return None if split is None else CENTRAL_LEVELS[len(split[1])]
    parts = kode.split(".")
    if not all(_PEMDA_SEGMENT.match(part) for part in parts):
        return None  # a KRO (3937.EBA) is no urusan, nor a placeholder (WA.1)
    return {2: "urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(len(parts))


def parent_kode(kode: str, struktur: str = "pemda") -> str | None:
    """The code of the parent in the budget hierarchy (kegiatan -> program, ...), as far
    as the code itself names it (a central kegiatan printed without its program: None)."""
    if struktur == "kementerian":
        split = central_split(kode)
        if split is None or not split[1]:
            return None
        prefix, rest = split
        parent = [*prefix, *rest[:-1]]
        return ".".join(parent) or None
    parts = kode.split(".")
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    return None


_PEMDA_SEGMENT = re.compile(r"^(\d+|[Xx]+)$")
"""A segment of a Permendagri code: digits, or X for a program of several urusan (X.XX.01)."""
CENTRAL_LEVELS = ("program", "kegiatan", "kro", "ro", "komponen")
"""The level of a central code by the number of its segments after the program."""
_CENTRAL_SEGMENTS = (re.compile(r"^\d{4}$"), re.compile(r"^[A-Z]{3}$"), re.compile(r"^\d{3}$"),
                     re.compile(r"^\d{3}$"))
_PROGRAM = re.compile(r"^[A-Z0-9]{2}$")


def central_split(kode: str) -> tuple[list[str], list[str]] | None:
    """A central-government code as (program part, the segments below it), or None when it
    is not one: `054.01.WA` -> (054, 01, WA), (); `3937.EBA.994` -> (), (3937, EBA, 994)."""
    parts = kode.strip().split(".")
    if len(parts) >= 3 and re.fullmatch(r"\d{3}", parts[0]) and re.fullmatch(r"\d{2}", parts[1]) \
            and _PROGRAM.match(parts[2]):
        prefix, rest = parts[:3], parts[3:]
    elif _PROGRAM.match(parts[0]) and (len(parts) == 1 or _CENTRAL_SEGMENTS[0].match(parts[1])):
        prefix, rest = parts[:1], parts[1:]
    else:
        prefix, rest = [], parts
    if len(rest) >= len(CENTRAL_LEVELS) or (not prefix and not rest):
        return None
    if not all(pattern.match(part) for pattern, part in zip(_CENTRAL_SEGMENTS, rest, strict=False)):
        return None
    return prefix, rest


def table_parents(table: Table) -> list[str | None]:
    """The parent kode of each row of a budget table, in row order.

    From the code, in either scheme; a central kegiatan printed without its program
    (`3937`) belongs to the nearest program row above it. A central parent written with
    or without its program in front (`WA.3937` / `3937`) is the row the table prints."""
    if table.kind != "anggaran":
        return [None] * len(table.rows)
    if table.struktur != "kementerian":
        return [parent_kode(row.kode) for row in table.rows]
    kodes = {row.kode for row in table.rows}
    short: dict[str, list[str]] = {}
    for row in table.rows:
        split = central_split(row.kode)
        if split is not None and split[1]:
            short.setdefault(".".join(split[1]), []).append(row.kode)
    parents: list[str | None] = []
    program: str | None = None
    for row in table.rows:
        if row.level == "program":
            program = row.kode
        parent = parent_kode(row.kode, "kementerian")
        if parent is None and row.level == "kegiatan":
            parent = program
        elif parent is not None and parent not in kodes:
            split = central_split(parent)
            same = short.get(".".join(split[1])) if split is not None else None
            if same is not None and len(same) == 1:
                parent = same[0]
        parents.append(parent)
    return parents
