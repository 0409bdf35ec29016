"""Build the report model from a located tree, whatever format the tree came from.

Structural problems (unknown or missing keys, wrong types) are collected and raised
together as one InputError. Figures that cannot be read are not errors here: they stay
in the model with their reason, and become data findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from validator.errors import InputError, Problem, closest
from validator.model import (
    STRUCTURES,
    UNKNOWN_LEVEL,
    Akip,
    Band,
    Cell,
    Figure,
    HistoryEntry,
    Identity,
    Indicator,
    Location,
    Report,
    Row,
    Statement,
    Table,
    Target,
    Text,
    Version,
    budget_level,
    budget_structure,
)
from validator.numbers import (
    MAX_DIGITS,
    TABLE_SCALES,
    NumberFormatError,
    NumberStyle,
    bare_grade,
    not_measured,
    parse_number,
    qualitative,
    reason,
    unit_scale,
)
from validator.tree import MappingNode, Node, Scalar, SequenceNode

FORMAT = "lkjip/1"

TOP_KEYS = ("format", "identitas", "versi", "sasaran", "akip", "tabel", "pernyataan")
IDENTITAS_KEYS = (
    "instansi", "pemda", "tahun", "tanggal", "tempat", "kepala", "nip", "urusan", "periode_renstra",
    "rumus_capaian_turun", "struktur_anggaran", "metode_efisiensi",
)
VERSION_KEYS = (
    "id", "jenis", "nama", "tanggal", "tanggal_tanda_tangan", "urutan", "dilampirkan", "final",
    "alasan", "catatan",
)
VERSION_KINDS = ("pk_awal", "pk_perubahan", "dpa", "dpa_perubahan")
TARGET_KEYS = ("kode", "jenis", "uraian", "program", "indikator")
INDICATOR_KEYS = ("kode", "uraian", "satuan", "arah", "rumus_capaian", "rumus_realisasi")
AKIP_KEYS = ("nilai", "predikat", "interpretasi", "target", "pita", "pita_dicetak", "riwayat")
BAND_KEYS = ("bawah", "atas", "predikat", "interpretasi")
HISTORY_KEYS = ("tahun", "nilai")
TABLE_KEYS = (
    "id", "label", "jenis", "versi", "angka", "skala", "metode_efisiensi", "sumber", "catatan", "halaman",
    "baris", "jumlah",
)
ORIGIN_KEY = "asal"
"""Where a row is printed in the document it was imported from ("hal. 45", "teks baris
712"): written by `lkjip import`, kept as a text cell (so every format carries it), and
cited by findings with the table's caption and the row's number."""
CAPTION_NUMBER = re.compile(r"^\s*(tabel\s+\d+(?:\.\d+)*)", re.IGNORECASE)
TABLE_KINDS = ("anggaran", "kinerja")

ROW_TEXT = {
    "anggaran": ("no", "kode", "uraian", "indikator", "status_efisiensi", "keterangan", "catatan", "asal"),
    "kinerja": ("no", "kode", "uraian", "satuan", "rumus", "sumber_data", "status_efisiensi", "catatan",
                "asal"),
}
ROW_FIGURES = {
    "anggaran": (
        "target", "realisasi_kinerja", "capaian_kinerja", "anggaran", "realisasi",
        "capaian_anggaran", "efisiensi",
    ),
    "kinerja": (
        "target", "realisasi", "capaian", "pembilang", "penyebut", "anggaran",
        "realisasi_anggaran", "capaian_anggaran", "efisiensi",
    ),
}
AMOUNT_COLUMNS = {
    "anggaran": ("anggaran", "realisasi"),
    "kinerja": ("anggaran", "realisasi_anggaran"),
}
"""Rupiah amounts: exact as printed, unless printed in a unit (`Rp 1,2 M`) or in a table
that declares a `skala` (then rounded to that unit)."""
MEASURED_COLUMNS = {
    "anggaran": ("realisasi_kinerja", "capaian_kinerja"),
    "kinerja": ("realisasi", "capaian"),
}
"""Performance figures: `n/a`, `NA`, `tidak diukur` there mean "not measured", and so
does `-` in a kinerja table (in a budget table `-` is a zero amount)."""
TARGET_COLUMNS = {"anggaran": ("target",), "kinerja": ("target",)}
"""Targets: like performance figures, they may be qualitative ("WTP", "BB")."""
YEAR_COLUMN = re.compile(r"^target_(\d{4})$")
STATEMENT_TEXT = ("bagian", "kutipan", "predikat_akip", "tabel", "sasaran", "rumus_nilai_efisiensi")
STATEMENT_FIGURES = (
    "rata_rata_capaian", "jumlah_di_atas_100", "jumlah_tepat_100", "jumlah_di_bawah_100",
    "jumlah_na", "total_anggaran", "total_realisasi", "serapan_anggaran", "efisiensi_anggaran",
    "nilai_akip", "nilai_akip_tahun_lalu", "rata_rata_serapan", "pembagi", "nilai_efisiensi",
    "rata_rata_efisiensi",
)
STATEMENT_SUBJECT = ("tabel", "sasaran")
"""What a statement block is about: the table (`tabel: <id>`) and / or the sasaran
(`sasaran: S1`) its averages, counts and totals are taken from."""
STATEMENT_AMOUNTS = ("total_anggaran", "total_realisasi")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ASCII_INTEGER = re.compile(r"^-?[0-9]{1,9}$")
TOTAL_KODE = "JUMLAH"
AVERAGE_KODE = "RATA_RATA"
AVERAGE_LEVEL = "rata_rata"
"""A row printed "Rata-rata": kode `RATA_RATA` (the table's indicators) or `S1.RATA_RATA`
(the indicators of sasaran S1 in that table)."""


def average_of(kode: str) -> str | None:
    """For the kode of a Rata-rata row, the sasaran it averages ("" for the whole table);
    None for any other kode."""
    head, _, last = kode.strip().rpartition(".")
    if last.upper().replace("-", "_") != AVERAGE_KODE:
        return None
    return head


def short_caption(label: str) -> str:
    """"Tabel 3.9" of "Tabel 3.9 Perbandingan ...", else the label (a lampiran's)."""
    match = CAPTION_NUMBER.match(label)
    return match[1] if match else label


def row_origin(asal: str | None, caption: str, no: str | None) -> str | None:
    """The printed place of an imported row: "hal. 45, Tabel 3.9 baris 31"."""
    if not asal:
        return None
    parts = [asal, caption] if caption else [asal]
    if no:
        parts[-1] += f" baris {no.rstrip('.,')}"
    return ", ".join(parts)


def row_columns(kind: str) -> tuple[str, ...]:
    return ROW_TEXT[kind] + ROW_FIGURES[kind]


def is_figure_column(kind: str, column: str) -> bool:
    return column in ROW_FIGURES[kind] or bool(YEAR_COLUMN.match(column))


def figure_from_scalar(scalar: Scalar, style: NumberStyle = "id") -> Figure:
    """A Figure from a scalar; an unreadable one keeps its text and the reason."""
    raw, where = scalar.text, scalar.location
    cell = scalar.cell
    formula = cell.formula if cell is not None else None
    if cell is not None and cell.failure is not None:
        return Figure(raw, None, error=reason(cell.failure, detail=cell.detail),
                      location=where, formula=formula)
    if cell is not None and cell.shown is not None:
        # A spreadsheet cell read as its number format shows it: that one cell says its
        # precision (the format's decimals), whatever the float it stores.
        shown = cell.shown
        return Figure(shown.text(style), shown.value, shown.decimals, shown.percent,
                      location=where, own_precision=True, formula=formula)
    if scalar.kind in ("int", "float"):
        if not _PLAIN_NUMBER.match(raw.replace("_", "")) or "_" in raw:
            return Figure(raw, None, error=reason("not_plain"),
                          location=where)
        fraction = raw.split(".")[1] if "." in raw else ""
        if len(raw.lstrip("-").replace(".", "")) > MAX_DIGITS:
            return Figure(raw, None, error=reason("too_many_digits"), location=where)
        return Figure(raw, Decimal(raw), decimals=len(fraction), location=where,
                      formula=formula)
    if scalar.kind != "str":
        return Figure(raw, None, error=reason("not_a_number_kind", kind=scalar.kind), location=where)
    grade = bare_grade(raw)
    if grade is not None:
        # A predicate printed without its score ("A") is a stated grade, not a bad number.
        return Figure(raw, None, grade=grade, location=where)
    try:
        parsed = parse_number(raw, style)
    except NumberFormatError as exc:
        return Figure(raw, None, error=exc.reason, location=where)
    return Figure(
        raw, parsed.value, parsed.decimals, parsed.percent, parsed.unit, parsed.grade,
        parsed.nil, location=where,
    )


def scaled(figure: Figure, table_scale: int = 0, skala: str | None = None) -> Figure:
    """An amount in rupiah: a figure printed in a unit (`Rp 1,2 M`) or in a table of a
    declared scale is multiplied out, and keeps the power of ten it was printed in."""
    if figure.value is None or figure.nil or figure.percent:
        return figure
    own = unit_scale(figure.unit)
    if own and table_scale:
        return replace(figure, value=None, error=reason("double_scale", unit=repr(figure.unit),
                                                            skala=str(skala)))
    power = own or table_scale
    if not power:
        return figure
    return replace(figure, value=figure.value * 10**power, scale=power)


def measured(figure: Figure, kind: str) -> Figure:
    """A performance figure printed as "not measured" has no value and no error."""
    nil_too = kind == "kinerja" and figure.nil
    if nil_too or (figure.value is None and figure.grade is None and not_measured(figure.raw)):
        return Figure(figure.raw, None, not_measured=True, location=figure.location)
    return figure


def read_qualitative(figure: Figure) -> Figure:
    """A target or realisasi stated in words ("WTP", "Sangat Baik") is a qualitative
    figure: text with no value and no error, that no formula applies to."""
    if figure.error and qualitative(figure.raw):
        return Figure(figure.raw, None, qualitative=True, location=figure.location)
    return figure


@dataclass
class Builder:
    """Collects problems while building, so one run reports all of them."""

    problems: list[Problem] = field(default_factory=list)
    kinerja_levels: dict[str, str] = field(default_factory=dict)
    struktur: str = "pemda"
    """The budget code scheme of the report (identitas.struktur_anggaran, else inferred)."""

    def problem(self, location: Location, key: str, /, **params: Any) -> None:
        self.problems.append(Problem(key, location, params))

    # -- generic accessors -------------------------------------------------------------

    def mapping(self, node: Node | None, what: str) -> MappingNode | None:
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.problem(node.location, "wrong_type", key=what, expected="mapping")
            return None
        return node

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node.location, "wrong_type", key=what, expected="list")
            return []
        return node.items

    def check_keys(
        self, node: MappingNode, allowed: tuple[str, ...], required: tuple[str, ...] = (),
        extra: Callable[[str], bool] | None = None,
    ) -> None:
        for key, entry in node.items.items():
            if key not in allowed and not (extra and extra(key)):
                self.problem(entry.key_location, "unknown_key", key=key,
                             suggestion=closest(key, allowed))
        for key in required:
            if key not in node.items:
                self.problem(node.location, "missing_key", key=key)

    def get(self, node: MappingNode, key: str) -> Node | None:
        entry = node.items.get(key)
        return entry.value if entry else None

    def scalar(self, node: MappingNode, key: str) -> Scalar | None:
        value = self.get(node, key)
        if value is None:
            return None
        if not isinstance(value, Scalar):
            self.problem(value.location, "wrong_type", key=key, expected="text or number")
            return None
        return None if value.kind == "null" else value

    def text(self, node: MappingNode, key: str) -> str | None:
        value = self.scalar(node, key)
        return value.text if value else None

    def located_text(self, node: MappingNode, key: str) -> Text | None:
        value = self.scalar(node, key)
        return Text(value.text, value.location) if value else None

    def integer(self, node: MappingNode, key: str) -> int | None:
        value = self.scalar(node, key)
        if value is None:
            return None
        text = value.text.strip()
        # YAML 1.1 also types 0x7E7, 0o17 and 1:30 as integers, and str.isdigit accepts
        # superscripts: only plain ASCII decimal digits are a year or a sequence here.
        if not _ASCII_INTEGER.match(text):
            self.problem(value.location, "wrong_type", key=key, expected="integer")
            return None
        return int(text)

    def boolean(self, node: MappingNode, key: str) -> bool:
        value = self.scalar(node, key)
        if value is None:
            return False
        lowered = value.text.strip().lower()
        if lowered in ("true", "ya", "yes", "1"):
            return True
        if lowered in ("false", "tidak", "no", "0", ""):
            return False
        self.problem(value.location, "wrong_type", key=key, expected="true/false")
        return False

    def date(self, node: MappingNode, key: str) -> date | None:
        value = self.scalar(node, key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value.text.strip()[:10])
        except ValueError:
            self.problem(value.location, "bad_date", key=key, value=value.text)
            return None

    def choice(self, node: MappingNode, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.scalar(node, key)
        if value is None:
            return default
        if value.text not in choices:
            self.problem(value.location, "bad_value", key=key, value=value.text,
                         choices=", ".join(choices))
            return default
        return value.text

    def figure(self, node: MappingNode, key: str, style: NumberStyle = "id") -> Figure | None:
        value = self.scalar(node, key)
        return figure_from_scalar(value, style) if value else None

    # -- sections ------------------------------------------------------------------------

    def report(self, root: Node, source: str) -> Report:
        top = self.mapping(root, "document")
        if top is None:
            raise InputError(self.problems)
        self.check_keys(top, TOP_KEYS, ("format", "identitas"))
        fmt = self.scalar(top, "format")
        if fmt is not None and fmt.text != FORMAT:
            self.problem(fmt.location, "bad_format", value=fmt.text)
        identity = self.identity(self.mapping(self.get(top, "identitas"), "identitas"))
        self.struktur = budget_structure(identity)[0]
        versions = tuple(self.version(n) for n in self.sequence(self.get(top, "versi"), "versi"))
        targets = tuple(self.target(n) for n in self.sequence(self.get(top, "sasaran"), "sasaran"))
        for target in targets:
            if target:
                self.kinerja_levels[target.kode] = target.jenis
                self.kinerja_levels.update({i.kode: "indikator" for i in target.indikator})
        akip_node = self.mapping(self.get(top, "akip"), "akip")
        akip = self.akip(akip_node) if akip_node else None
        tables = tuple(self.table(n) for n in self.sequence(self.get(top, "tabel"), "tabel"))
        statements = tuple(
            self.statement(n) for n in self.sequence(self.get(top, "pernyataan"), "pernyataan")
        )
        self.check_references(versions, tables)
        self.check_subjects(statements, tables, targets)
        if self.problems:
            raise InputError(self.problems)
        return Report(
            source=source, identitas=identity, versi=tuple(v for v in versions if v),
            sasaran=tuple(t for t in targets if t), akip=akip,
            tabel=tuple(t for t in tables if t), pernyataan=tuple(s for s in statements if s),
        )

    def identity(self, node: MappingNode | None) -> Identity:
        if node is None:
            return Identity("", "", 0)
        self.check_keys(node, IDENTITAS_KEYS, ("instansi", "pemda", "tahun"))
        return Identity(
            instansi=self.text(node, "instansi") or "", pemda=self.text(node, "pemda") or "",
            tahun=self.integer(node, "tahun") or 0, tanggal=self.date(node, "tanggal"),
            tempat=self.text(node, "tempat"), kepala=self.text(node, "kepala"),
            nip=self.text(node, "nip"), urusan=self.text(node, "urusan"),
            periode_renstra=self.text(node, "periode_renstra"),
            rumus_capaian_turun=self.text(node, "rumus_capaian_turun"),
            struktur_anggaran=self.choice(node, "struktur_anggaran", STRUCTURES, "") or None,
            metode_efisiensi=self.text(node, "metode_efisiensi"),
            location=node.location,
        )

    def version(self, item: Node) -> Version | None:
        node = self.mapping(item, "versi[]")
        if node is None:
            return None
        self.check_keys(node, VERSION_KEYS, ("id", "jenis"))
        return Version(
            id=self.text(node, "id") or "", jenis=self.choice(node, "jenis", VERSION_KINDS, "pk_awal"),
            nama=self.text(node, "nama"), tanggal=self.date(node, "tanggal"),
            tanggal_tanda_tangan=self.date(node, "tanggal_tanda_tangan"),
            urutan=self.integer(node, "urutan"), dilampirkan=self.boolean(node, "dilampirkan"),
            final=self.boolean(node, "final"), alasan=self.text(node, "alasan"),
            catatan=self.text(node, "catatan"),
            places={key: entry.value.location for key, entry in node.items.items()},
            location=node.location,
        )

    def target(self, item: Node) -> Target | None:
        node = self.mapping(item, "sasaran[]")
        if node is None:
            return None
        self.check_keys(node, TARGET_KEYS, ("kode",))
        programs = []
        for program in self.sequence(self.get(node, "program"), "program"):
            if isinstance(program, Scalar):
                programs.append(program.text)
            else:
                self.problem(program.location, "wrong_type", key="program[]", expected="text")
        indicators = [
            self.indicator(n) for n in self.sequence(self.get(node, "indikator"), "indikator")
        ]
        return Target(
            kode=self.text(node, "kode") or "",
            jenis=self.choice(node, "jenis", ("tujuan", "sasaran"), "sasaran"),
            uraian=self.text(node, "uraian"), indikator=tuple(i for i in indicators if i),
            program=tuple(programs), location=node.location,
        )

    def indicator(self, item: Node) -> Indicator | None:
        node = self.mapping(item, "indikator[]")
        if node is None:
            return None
        self.check_keys(node, INDICATOR_KEYS, ("kode",))
        return Indicator(
            kode=self.text(node, "kode") or "", uraian=self.text(node, "uraian"),
            satuan=self.text(node, "satuan"),
            arah=self.choice(node, "arah", ("naik", "turun"), "naik"),
            rumus_capaian=self.text(node, "rumus_capaian"),
            rumus_realisasi=self.text(node, "rumus_realisasi"), location=node.location,
            arah_dinyatakan=self.get(node, "arah") is not None,
        )

    def akip(self, node: MappingNode) -> Akip:
        self.check_keys(node, AKIP_KEYS)
        bands = [self.band(n) for n in self.sequence(self.get(node, "pita_dicetak"), "pita_dicetak")]
        history = [self.history(n) for n in self.sequence(self.get(node, "riwayat"), "riwayat")]
        return Akip(
            nilai=self.figure(node, "nilai"), predikat=self.located_text(node, "predikat"),
            interpretasi=self.located_text(node, "interpretasi"),
            target=self.figure(node, "target"), pita=self.text(node, "pita") or "permenpanrb-88-2021",
            pita_dicetak=tuple(b for b in bands if b), riwayat=tuple(h for h in history if h),
            location=node.location,
        )

    def band(self, item: Node) -> Band | None:
        node = self.mapping(item, "pita_dicetak[]")
        if node is None:
            return None
        self.check_keys(node, BAND_KEYS, ("bawah", "atas", "predikat"))
        low, high = self.figure(node, "bawah"), self.figure(node, "atas")
        if low is None or high is None or low.value is None or high.value is None:
            self.problem(node.location, "wrong_type", key="bawah/atas", expected="number")
            return None
        return Band(low.value, high.value, self.text(node, "predikat") or "",
                    self.text(node, "interpretasi"), node.location)

    def history(self, item: Node) -> HistoryEntry | None:
        node = self.mapping(item, "riwayat[]")
        if node is None:
            return None
        self.check_keys(node, HISTORY_KEYS, HISTORY_KEYS)
        year, value = self.integer(node, "tahun"), self.figure(node, "nilai")
        if year is None or value is None:
            return None
        return HistoryEntry(year, value, node.location)

    def table(self, item: Node) -> Table | None:
        node = self.mapping(item, "tabel[]")
        if node is None:
            return None
        self.check_keys(node, TABLE_KEYS, ("id", "label", "jenis", "baris"))
        kind = self.choice(node, "jenis", TABLE_KINDS, "anggaran")
        style: NumberStyle = "en" if self.choice(node, "angka", ("id", "en"), "id") == "en" else "id"
        skala = self.choice(node, "skala", tuple(TABLE_SCALES), "") or None
        caption = short_caption(self.text(node, "label") or "")
        rows = [self.row(n, kind, style, skala=skala, caption=caption)
                for n in self.sequence(self.get(node, "baris"), "baris")]
        total_node = self.mapping(self.get(node, "jumlah"), "jumlah")
        total = self.row(total_node, kind, style, total=True, skala=skala,
                         caption=caption) if total_node else None
        return Table(
            id=self.text(node, "id") or "", label=self.text(node, "label") or "",
            kind="kinerja" if kind == "kinerja" else "anggaran",
            rows=tuple(r for r in rows if r), version=self.text(node, "versi"),
            number_style=style, sumber=self.text(node, "sumber"),
            catatan=self.text(node, "catatan"), total=total, location=node.location, skala=skala,
            struktur=self.struktur,
            metode_efisiensi=self.text(node, "metode_efisiensi"),
            halaman=self.text(node, "halaman"),
        )

    def row(self, item: Node, kind: str, style: NumberStyle, total: bool = False,
            skala: str | None = None, caption: str = "") -> Row | None:
        node = self.mapping(item, "baris[]")
        if node is None:
            return None
        extra = (lambda key: bool(YEAR_COLUMN.match(key))) if kind == "kinerja" else None
        self.check_keys(node, row_columns(kind), () if total else ("kode",), extra)
        origin = row_origin(self.text(node, ORIGIN_KEY), caption, self.text(node, "no"))
        cells: dict[str, Cell] = {}
        for key in node.items:
            if key in ("kode", "uraian", "no"):
                continue
            if is_figure_column(kind, key):
                value = self.figure(node, key, style)
                if value is not None and key in AMOUNT_COLUMNS[kind]:
                    value = scaled(value, TABLE_SCALES.get(skala or "", 0), skala)
                elif value is not None and key in MEASURED_COLUMNS[kind]:
                    value = read_qualitative(measured(value, kind))
                elif value is not None and (key in TARGET_COLUMNS[kind] or YEAR_COLUMN.match(key)):
                    value = read_qualitative(value)
            else:
                value = self.located_text(node, key)  # type: ignore[assignment]
            if value is not None:
                cells[key] = replace(value, location=replace(value.location, origin=origin)) \
                    if origin else value
        kode = self.text(node, "kode") or (TOTAL_KODE if total else "")
        if total:
            level = "jumlah"
        elif average_of(kode) is not None:
            level = AVERAGE_LEVEL
        elif kind == "anggaran":
            level = budget_level(kode, self.struktur) or UNKNOWN_LEVEL
        else:
            level = self.kinerja_levels.get(kode, UNKNOWN_LEVEL)
        location = replace(node.location, origin=origin) if origin else node.location
        return Row(kode=kode, level=level, uraian=self.text(node, "uraian"), cells=cells,
                   no=self.text(node, "no"), location=location)

    def statement(self, item: Node) -> Statement | None:
        node = self.mapping(item, "pernyataan[]")
        if node is None:
            return None
        self.check_keys(node, STATEMENT_TEXT + STATEMENT_FIGURES, ("bagian",))
        values: dict[str, Cell] = {}
        for key in node.items:
            if key in STATEMENT_FIGURES:
                figure = self.figure(node, key)
                if figure is not None and key in STATEMENT_AMOUNTS:
                    figure = scaled(figure)
                if figure is not None:
                    values[key] = figure
            elif key in ("predikat_akip", "rumus_nilai_efisiensi", *STATEMENT_SUBJECT):
                text = self.located_text(node, key)
                if text is not None:
                    values[key] = text
        return Statement(self.text(node, "bagian") or "", values, self.text(node, "kutipan"),
                         node.location)

    def check_references(
        self, versions: tuple[Version | None, ...], tables: tuple[Table | None, ...]
    ) -> None:
        version_ids = [v.id for v in versions if v]
        seen: set[str] = set()
        for version in versions:
            if version and version.id in seen:
                self.problem(version.location, "duplicate_id", what="versi", id=version.id)
            if version:
                seen.add(version.id)
        table_ids: set[str] = set()
        for table in tables:
            if table is None:
                continue
            if table.id in table_ids:
                self.problem(table.location, "duplicate_id", what="tabel", id=table.id)
            table_ids.add(table.id)
            if table.version is not None and table.version not in version_ids:
                self.problem(table.location, "unknown_version", id=table.version,
                             suggestion=closest(table.version, version_ids))

    def check_subjects(self, statements: tuple[Statement | None, ...], tables: tuple[Table | None, ...],
                       targets: tuple[Target | None, ...]) -> None:
        """A statement's `tabel` and `sasaran` name a table and a sasaran of the report."""
        known = {"tabel": [t.id for t in tables if t], "sasaran": [t.kode for t in targets if t]}
        for statement in statements:
            for key in STATEMENT_SUBJECT:
                named = statement.values.get(key) if statement else None
                if isinstance(named, Text) and named.value not in known[key]:
                    self.problem(named.location, "unknown_subject", what=key, id=named.value,
                                 suggestion=closest(named.value, known[key]))


def build_report(root: Node, source: str) -> Report:
    return Builder().report(root, source)
