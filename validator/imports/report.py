"""Turn the tables found in a document into a report in the `lkjip/1` YAML format.

Every figure is written as printed. A cell that cannot be read with certainty (a figure
that does not parse, a row aligned from the right after a page break, a row with more
cells than columns) is kept as printed text or left out, marked in the YAML with a
`# perlu diperiksa` comment, and listed in `Imported.review` with its place. Codes the
report does not print are given from the nomenclature (`validator/imports/codes.py`);
a code made up by the import is marked too.

Provenance: each row carries `asal`, where it was read ("hal. 45", "teks baris 712");
findings about its figures cite it with the table's caption and the printed row number.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from validator.imports.codes import Placement, Placer, is_program_name
from validator.imports.document import Document
from validator.imports.tables import BUDGET_KINDS, RawRow, RawTable, find_tables
from validator.numbers import NumberFormatError, parse_number

BUDGET_COLUMNS = ("target", "realisasi_kinerja", "capaian_kinerja", "anggaran", "realisasi",
                  "capaian_anggaran", "efisiensi")
TEXT_COLUMNS = ("indikator", "keterangan")
WORDS_ALLOWED = ("target", "realisasi_kinerja", "capaian_kinerja")
EN_AMOUNT = re.compile(r"^(Rp\.?\s*)?\d{1,3}(,\d{3})+(\.\d{1,2})?$")
MONTHS = {"januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
          "agustus": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12}
DATE = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\w*\s+(\d{4})", re.IGNORECASE)
ORDINAL_WORDS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5}


@dataclass(frozen=True)
class Doubt:
    """A cell the import could not read with certainty."""

    place: str
    table: str
    row: str
    column: str
    printed: str
    reason: str


@dataclass
class Imported:
    yaml_text: str
    review: list[Doubt] = field(default_factory=list)
    made_up_codes: int = 0
    tables: list[str] = field(default_factory=list)
    figures: int = 0


class NotAReport(Exception):
    """The document holds no LKjIP table the import knows."""


def build_yaml(doc: Document) -> Imported:
    raw_tables = [t for t in find_tables(doc) if t.kind in BUDGET_KINDS and t.rows]
    if not raw_tables:
        raise NotAReport(doc.source)
    identity = _identity(doc)
    placer = Placer(identity.get("urusan"))
    if placer.urusan is None:
        names = [r.cells.get("uraian", "") for t in raw_tables for r in t.rows]
        placer.urusan = placer.guess_urusan([n for n in names if is_program_name(n)])
        if placer.urusan:
            identity["urusan"] = placer.urusan
    versions = _versions(doc, raw_tables)
    out = _Writer()
    result = Imported("")
    out.line("format: lkjip/1")
    out.line(f"# Diimpor oleh `lkjip import` dari {_q(doc.source)} ({doc.kind}).")
    out.line("# Angka ditulis persis seperti tercetak; sel yang tidak terbaca pasti ditandai")
    out.line("# `perlu diperiksa`. Kode yang tidak tercetak diberikan dari nomenklatur.")
    out.line("identitas:")
    for key in ("instansi", "pemda", "tahun", "urusan"):
        if key in identity:
            value = identity[key]
            out.line(f"  {key}: {value if isinstance(value, int) else _q(str(value))}")
    if versions:
        out.line("versi:")
        for version in versions.values():
            out.line(f"  - id: {_q(version['id'])}")
            for key in ("jenis", "nama", "tanggal", "urutan", "dilampirkan"):
                if key in version:
                    value = version[key]
                    text = value if isinstance(value, (int, bool)) and not isinstance(value, bool) \
                        else ("true" if value is True else _q(str(value)) if key != "tanggal" else value)
                    out.line(f"    {key}: {text}")
    out.line("tabel:")
    used_ids: Counter[str] = Counter()
    for raw in raw_tables:
        table_id = _table_id(raw, versions, used_ids)
        result.tables.append(table_id)
        _write_table(out, raw, table_id, versions, placer, result)
    result.yaml_text = out.text()
    return result


def _write_table(out: _Writer, raw: RawTable, table_id: str, versions: dict[str, dict[str, object]],
                 placer: Placer, result: Imported) -> None:
    rows = [r for r in raw.rows if not r.total and r.cells]
    _repair_merged_program_names(rows)
    numbered = [bool(r.cells.get("no")) for r in rows]
    programs_only = 0 < sum(numbered) < len(rows) / 2  # only programs carry a number
    placements = placer.place([r.cells.get("uraian", "") for r in rows],
                              sub_level=raw.kind != "pk_anggaran",
                              programs_marked=numbered if programs_only else None)
    style = _number_style(raw)
    out.line(f"  - id: {_q(table_id)}")
    out.line(f"    label: {_q(raw.caption or raw.heading or table_id)}")
    out.line("    jenis: anggaran")
    version = _version_of(raw, versions)
    if version:
        out.line(f"    versi: {_q(version)}")
    if style == "en":
        out.line("    angka: en")
    out.line(f"    asal: {_q(raw.place)}")
    out.line("    baris:")
    caption = short_caption(raw)
    for row, placement in zip(rows, placements):
        _write_row(out, raw, row, placement, style, caption, result)
    total = next((r for r in raw.rows if r.total), None)
    if total is not None:
        out.line("    jumlah:")
        if placer.urusan:
            out.line(f"      kode: {_q(placer.urusan)}")
        out.line(f"      uraian: {_q(total.cells.get('uraian', 'Jumlah').split()[0])}")
        _write_figures(out, raw, total, style, caption, result, indent="      ")
        out.line(f"      asal: {_q(total.place)}")


def _write_row(out: _Writer, raw: RawTable, row: RawRow, placement: Placement, style: str,
               caption: str, result: Imported) -> None:
    label = row.cells.get("uraian", "")
    first = True

    def key(text: str) -> str:
        nonlocal first
        prefix = "      - " if first else "        "
        first = False
        return prefix + text

    if placement.how == "disusun":
        out.line(f"      # perlu diperiksa: kode {placement.kode} disusun importer; nama tidak "
                 "dikenal nomenklatur")
        result.made_up_codes += 1
    elif placement.how == "dari_kegiatan":
        out.line("      # perlu diperiksa: nama program tidak terbaca; kode dari kegiatan di "
                 f"bawahnya ({_one_line(placement.known_as or '')})")
        result.made_up_codes += 1
    elif placement.how == "mirip":
        out.line(f"      # kode dari nama nomenklatur yang mirip: {_one_line(placement.known_as or '')}")
    for note in row.notes:
        out.line(f"      # perlu diperiksa: {_one_line(note)}")
    if row.cells.get("no"):
        out.line(key(f"\"no\": {_q(row.cells['no'])}"))
    out.line(key(f"kode: {_q(placement.kode)}"))
    if label and placement.how == "dari_kegiatan":
        # The name as printed cannot be read: kept as a note, not as the row's name,
        # so that no rename between versions is reported over an extraction error.
        out.line(f"        catatan: {_q('nama tercetak tidak terbaca: ' + label)}")
    elif label:
        out.line(key(f"uraian: {_q(label)}"))
    for column in TEXT_COLUMNS:
        if row.cells.get(column):
            out.line(f"        {column}: {_q(row.cells[column])}")
    if row.notes:
        for column in BUDGET_COLUMNS:
            if row.cells.get(column):
                result.review.append(Doubt(row.place, caption, row.cells.get("no") or label[:40],
                                           column, row.cells[column], row.notes[0]))
    _write_figures(out, raw, row, style, caption, result, indent="        ")
    out.line(f"        asal: {_q(row.place)}")


def _write_figures(out: _Writer, raw: RawTable, row: RawRow, style: str, caption: str,
                   result: Imported, indent: str) -> None:
    for column in BUDGET_COLUMNS:
        printed = row.cells.get(column)
        if not printed:
            continue
        result.figures += 1
        problem = _unreadable(printed, style, column)
        if problem:
            out.line(f"{indent}# perlu diperiksa: {column} tercetak {_one_line(printed)!r} ({problem})")
            result.review.append(Doubt(row.place, caption, row.cells.get("no") or
                                       row.cells.get("uraian", "")[:40], column, printed, problem))
        out.line(f"{indent}{column}: {_q(printed)}")


def _unreadable(printed: str, style: str, column: str) -> str | None:
    if column in WORDS_ALLOWED and not re.search(r"\d", printed):
        return None  # a qualitative target or "tidak diukur": the checker reads words
    try:
        parse_number(printed, "en" if style == "en" else "id")
    except NumberFormatError as error:
        return error.reason
    return None


def _repair_merged_program_names(rows: list[RawRow]) -> None:
    """An extraction can move the end of a wrapped kegiatan name into the next (program)
    row: "Daerah Kabupaten/Kota Program Rehabilitasi Sosial". A numbered row whose name
    has "Program" after other words gives those words back to the row above."""
    for above, row in zip(rows, rows[1:]):
        name = row.cells.get("uraian", "")
        match = re.search(r"\s(Program|PROGRAM)\s", name)
        if match and row.cells.get("no") and "uraian" in above.cells:
            head, tail = name[:match.start()].strip(), name[match.start():].strip()
            above.cells["uraian"] = f"{above.cells['uraian']} {head}"
            row.cells["uraian"] = tail
            row.notes.append(f"awal nama ({head!r}) dipindah ke baris di atasnya")


def _number_style(raw: RawTable) -> str:
    amounts = [r.cells.get("anggaran", "") for r in raw.rows if r.cells.get("anggaran")]
    en = sum(1 for a in amounts if EN_AMOUNT.match(a.strip()))
    return "en" if amounts and en > len(amounts) / 2 else "id"


def short_caption(raw: RawTable) -> str:
    if raw.number:
        return f"Tabel {raw.number}"
    return "Lampiran PK" if raw.kind == "pk_anggaran" else (raw.caption or "")[:40]


def _table_id(raw: RawTable, versions: dict[str, dict[str, object]], used: Counter[str]) -> str:
    if raw.number:
        base = "tabel_" + raw.number.replace(".", "_")
    elif raw.kind == "pk_anggaran" and _version_of(raw, versions):
        base = f"lampiran_{_version_of(raw, versions)}_anggaran"
    else:
        base = "tabel_tanpa_nomor"
    used[base] += 1
    return base if used[base] == 1 else f"{base}_{used[base]}"


def _version_of(raw: RawTable, versions: dict[str, dict[str, object]]) -> str | None:
    if raw.number or not raw.heading:
        return None
    for version in versions.values():
        if version["heading"] == raw.heading:
            return str(version["id"])
    return None


def _versions(doc: Document, tables: list[RawTable]) -> dict[str, dict[str, object]]:
    """The PK versions whose lampiran are attached, from their headings."""
    found: dict[str, dict[str, object]] = {}
    for raw in tables:
        if raw.number or not raw.heading or raw.kind != "pk_anggaran":
            continue
        heading = raw.heading.lower()
        ordinal = next((n for w, n in ORDINAL_WORDS.items() if w in heading), None)
        revised = "perubahan" in heading
        vid = f"pk_perubahan_{ordinal}" if revised and ordinal else (
            "pk_perubahan" if revised else "pk_awal")
        version: dict[str, object] = {
            "id": vid, "jenis": "pk_perubahan" if revised else "pk_awal",
            "nama": raw.heading.title(), "heading": raw.heading, "dilampirkan": True,
        }
        if ordinal or not revised:
            version["urutan"] = ordinal or 0
        date = _date_after(doc, raw.heading)
        if date:
            version["tanggal"] = date
        found.setdefault(vid, version)
    return found


def _date_after(doc: Document, heading: str) -> str | None:
    """The first "Tempat, 31 Januari 2023" after the heading: the PK's date."""
    seen = False
    for line in doc.lines:
        if not seen:
            seen = line.text == heading
            continue
        match = DATE.search(line.text)
        if match and "," in line.text[:match.start() + 1]:
            day, month, year = int(match[1]), MONTHS[match[2].lower()], int(match[3])
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


INSTANSI = re.compile(r"^((?:DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|SATUAN|RUMAH SAKIT|RSUD|"
                      r"KECAMATAN|BAGIAN)\b.*?)\s+((?:KABUPATEN|KOTA|PROVINSI)\s+[A-Z][A-Z .'-]+)$",
                      re.IGNORECASE)
YEAR = re.compile(r"\btahun\s+(20\d\d)\b", re.IGNORECASE)


def _identity(doc: Document) -> dict[str, object]:
    """Who and when, from the cover: the first office name and the first year."""
    identity: dict[str, object] = {}
    for line in doc.lines[:200]:
        text = line.text.replace("**", "").strip()
        if "instansi" not in identity and not line.tabular:
            match = INSTANSI.match(text)
            if match and len(text) < 120:
                identity["instansi"] = text
                identity["pemda"] = match[2].strip()
        if "tahun" not in identity:
            year = YEAR.search(text)
            if year and len(text) < 80:
                identity["tahun"] = int(year[1])
    return identity


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())
