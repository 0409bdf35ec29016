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

import difflib
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from validator.imports.codes import Placement, Placer, is_program_name
from validator.imports.document import Document
from validator.imports.tables import BUDGET_KINDS, RawRow, RawTable, find_tables, normal
from validator.numbers import NumberFormatError, parse_number, reason_text

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
    reason_en: str


@dataclass
class Imported:
    yaml_text: str
    review: list[Doubt] = field(default_factory=list)
    made_up_codes: int = 0
    tables: list[str] = field(default_factory=list)
    figures: int = 0
    identity: dict[str, object] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Tables found but not imported (a kind the import does not read, or unreadable)."""


class NotAReport(Exception):
    """The document holds no LKjIP table the import knows."""


def build_yaml(doc: Document) -> Imported:
    found = find_tables(doc)
    raw_tables = [t for t in found if t.kind in BUDGET_KINDS and t.rows]
    target_tables = [t for t in found if t.kind == "kinerja_target" and _names_sasaran(t)]
    if not raw_tables and not target_tables:
        raise NotAReport(doc.source)
    goals = Goals()
    for raw in target_tables:
        goals.register(raw)
    identity = _identity(doc)
    placer = Placer(str(identity["urusan"]) if "urusan" in identity else None)
    if placer.urusan is None:
        names = [r.cells.get("uraian", "") for t in raw_tables for r in t.rows]
        placer.urusan = placer.guess_urusan([n for n in names if is_program_name(n)])
        if placer.urusan:
            identity["urusan"] = placer.urusan
    versions = _versions(doc, raw_tables + target_tables)
    out = _Writer()
    result = Imported("", identity=identity)
    result.skipped = [(t.place, t.caption) for t in found
                      if t not in raw_tables and t not in target_tables and t.rows]
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
            out.line(f"  - id: {_q(str(version['id']))}")
            for key in ("jenis", "nama", "tanggal", "urutan", "dilampirkan"):
                if key in version:
                    out.line(f"    {key}: {_scalar(version[key], key)}")
    goals.write(out)
    out.line("tabel:")
    used_ids: Counter[str] = Counter()
    for raw in [t for t in found if t in raw_tables or t in target_tables]:
        table_id = _table_id(raw, versions, used_ids)
        result.tables.append(table_id)
        if raw.kind == "kinerja_target":
            _write_target_table(out, raw, table_id, versions, goals, result)
        else:
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
    placements = [printed_code(r.cells.get("kode", ""), p) for r, p in zip(rows, placements, strict=True)]
    style = _number_style(raw)
    out.line(f"  - id: {_q(table_id)}")
    out.line(f"    label: {_q(raw.caption or raw.heading or table_id)}")
    out.line("    jenis: anggaran")
    version = _version_of(raw, versions)
    if version:
        out.line(f"    versi: {_q(version)}")
    if style == "en":
        out.line("    angka: en")
    out.line("    baris:")
    caption = short_caption(raw)
    for row, placement in zip(rows, placements, strict=True):
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
        out.line(f"      # perlu diperiksa: {_one_line(note[0])}")
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
                printed_no = (row.cells.get("no") or label[:40]).rstrip(".,")
                result.review.append(Doubt(row.place, caption, printed_no, column,
                                           row.cells[column], *row.notes[0]))
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
                                       row.cells.get("uraian", "")[:40], column, printed, problem,
                                       reason_text(problem, "en")))
        out.line(f"{indent}{column}: {_q(printed)}")


def _unreadable(printed: str, style: str, column: str) -> str | None:
    if column in WORDS_ALLOWED and not re.search(r"\d", printed):
        return None  # a qualitative target or "tidak diukur": the checker reads words
    try:
        parse_number(printed, "en" if style == "en" else "id")
    except NumberFormatError as error:
        return error.reason
    return None


BUDGET_CODE = re.compile(r"^\d{1,2}\.\d{2}(\.\d{2}(\.\d\.\d{2}(\.\d{2,4})?)?)?$")


def printed_code(printed: str, placed: Placement) -> Placement:
    """The code the report prints wins over the one its name gives: the report's own."""
    code = printed.replace(" ", "")
    if not BUDGET_CODE.match(code):
        return placed
    level = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(len(code.split(".")), placed.level)
    return Placement(code, level, "tercetak")


def _repair_merged_program_names(rows: list[RawRow]) -> None:
    """An extraction can move the end of a wrapped kegiatan name into the next (program)
    row: "Daerah Kabupaten/Kota Program Rehabilitasi Sosial". A numbered row whose name
    has "Program" after other words gives those words back to the row above."""
    for above, row in itertools.pairwise(rows):
        name = row.cells.get("uraian", "")
        match = re.search(r"\s(Program|PROGRAM)\s", name)
        if match and row.cells.get("no") and "uraian" in above.cells:
            head, tail = name[:match.start()].strip(), name[match.start():].strip()
            above.cells["uraian"] = f"{above.cells['uraian']} {head}"
            row.cells["uraian"] = tail
            row.notes.append((f"awal nama ({head!r}) dipindah ke baris di atasnya",
                              f"start of the name ({head!r}) moved to the row above"))


def _number_style(raw: RawTable) -> str:
    amounts = [r.cells.get("anggaran", "") for r in raw.rows if r.cells.get("anggaran")]
    en = sum(1 for a in amounts if EN_AMOUNT.match(a.strip()))
    return "en" if amounts and en > len(amounts) / 2 else "id"


def short_caption(raw: RawTable) -> str:
    if raw.number:
        return f"Tabel {raw.number}"
    return "Lampiran PK" if raw.kind in ("pk_anggaran", "kinerja_target") else (raw.caption or "")[:40]


def _table_id(raw: RawTable, versions: dict[str, dict[str, object]], used: Counter[str]) -> str:
    if raw.number:
        base = "tabel_" + raw.number.replace(".", "_")
    elif raw.kind in ("pk_anggaran", "kinerja_target") and _version_of(raw, versions):
        part = "anggaran" if raw.kind == "pk_anggaran" else "kinerja"
        base = f"lampiran_{_version_of(raw, versions)}_{part}"
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
        if raw.number or not raw.heading:
            continue
        heading = raw.heading.lower()
        ordinal = next((n for w, n in ORDINAL_WORDS.items() if w in heading), None)
        revised = "perubahan" in heading
        vid = f"pk_perubahan_{ordinal}" if revised and ordinal else (
            "pk_perubahan" if revised else "pk_awal")
        version: dict[str, object] = {
            "id": vid, "jenis": "pk_perubahan" if revised else "pk_awal",
            "nama": re.sub(r"^lampiran\s+", "", raw.heading, flags=re.IGNORECASE).title(),
            "heading": raw.heading, "dilampirkan": True,
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
    cover = [line for line in doc.lines[:200] if not line.tabular and line.text]
    for index, line in enumerate(cover):
        text = line.text.replace("**", "").strip()
        if "instansi" not in identity:
            # A long name wraps on the cover: try the line alone, then with the next.
            following = cover[index + 1].text if index + 1 < len(cover) else ""
            for candidate in (text, f"{text} {following}".strip()):
                match = INSTANSI.match(candidate)
                if match and len(candidate) < 120:
                    identity["instansi"] = candidate
                    identity["pemda"] = match[2].strip()
                    break
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


def _scalar(value: object, key: str) -> str:
    if value is True:
        return "true"
    if isinstance(value, int) or key == "tanggal":
        return str(value)  # a number, or a date written YYYY-MM-DD
    return _q(str(value))


def _one_line(text: str) -> str:
    return " ".join(text.split())


SAME_NAME = 0.8
"""The least similarity for two printed sasaran (or indicator) names to be one."""


def _names_sasaran(raw: RawTable) -> bool:
    """A target table whose sasaran column holds names (not the numbers "1.1" of a
    table whose cells slid), so its rows can be given sasaran and indicator codes."""
    names = [r.cells.get("sasaran", "") for r in raw.rows]
    return any(len(n.split()) >= 2 for n in names) and all(
        not n or len(n.split()) >= 2 for n in names)


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, normal(a), normal(b)).ratio() >= SAME_NAME


class Goals:
    """The sasaran and indicators named by the report's target tables (PK, lampiran),
    coded S1, S1.I1, ... in the order first printed; the same sasaran printed with
    other words in another table is matched by similarity, an indicator by similarity
    or, failing that, by its place under its sasaran (noted)."""

    def __init__(self) -> None:
        self.sasaran: list[dict[str, Any]] = []
        self.last: str | None = None

    def register(self, raw: RawTable) -> None:
        self.last = None
        for row in raw.rows:
            self.code(row)

    def code(self, row: RawRow) -> tuple[str, str]:
        # A sasaran printed once for several indicator rows (a merged cell).
        name = row.cells.get("sasaran", "") or (self.last or "")
        self.last = name
        indicator = row.cells.get("indikator", "")
        target = next((s for s in self.sasaran if _similar(s["uraian"], name)), None)
        if target is None:
            target = {"kode": f"S{len(self.sasaran) + 1}", "uraian": name, "indikator": []}
            self.sasaran.append(target)
        for item in target["indikator"]:
            if item["row"] is row or _similar(item["uraian"], indicator):
                return item["kode"], "nama"
        if len(target["indikator"]) == 1:
            # The sasaran's one indicator printed in other words ("Persentase PPKS yang
            # tertangani" for "Persentase Pemerlu Pelayanan ... (PPKS)").
            return target["indikator"][0]["kode"], "urutan"
        kode = f"{target['kode']}.I{len(target['indikator']) + 1}"
        target["indikator"].append({"kode": kode, "uraian": indicator,
                                    "satuan": row.cells.get("satuan"), "row": row})
        return kode, "nama"

    def write(self, out: _Writer) -> None:
        if not self.sasaran:
            return
        out.line("sasaran:")
        for target in self.sasaran:
            out.line(f"  - kode: {_q(target['kode'])}")
            out.line(f"    uraian: {_q(target['uraian'])}")
            out.line("    indikator:")
            for item in target["indikator"]:
                out.line(f"      - kode: {_q(item['kode'])}")
                out.line(f"        uraian: {_q(item['uraian'])}")
                if item.get("satuan"):
                    out.line(f"        satuan: {_q(item['satuan'])}")


def _write_target_table(out: _Writer, raw: RawTable, table_id: str,
                        versions: dict[str, dict[str, object]], goals: Goals,
                        result: Imported) -> None:
    out.line(f"  - id: {_q(table_id)}")
    out.line(f"    label: {_q(raw.caption or raw.heading or table_id)}")
    out.line("    jenis: kinerja")
    version = _version_of(raw, versions)
    if version:
        out.line(f"    versi: {_q(version)}")
    out.line("    baris:")
    caption = short_caption(raw)
    for row in raw.rows:
        if not row.cells.get("indikator") and not row.cells.get("target"):
            continue
        kode, how = goals.code(row)
        if how == "urutan":
            out.line("      # indikator dicocokkan dengan indikator sasaran yang sama (satu-satunya)")
        for note in row.notes:
            out.line(f"      # perlu diperiksa: {_one_line(note[0])}")
        if row.cells.get("no"):
            out.line(f"      - \"no\": {_q(row.cells['no'])}")
            out.line(f"        kode: {_q(kode)}")
        else:
            out.line(f"      - kode: {_q(kode)}")
        if row.cells.get("indikator"):
            out.line(f"        uraian: {_q(row.cells['indikator'])}")
        if row.cells.get("satuan"):
            out.line(f"        satuan: {_q(row.cells['satuan'])}")
        if row.cells.get("sasaran"):
            out.line(f"        catatan: {_q('Sasaran: ' + row.cells['sasaran'])}")
        printed = row.cells.get("target")
        if printed:
            result.figures += 1
            problem = _unreadable(printed, "id", "target")
            if problem:
                out.line(f"        # perlu diperiksa: target tercetak {_one_line(printed)!r} ({problem})")
                result.review.append(Doubt(row.place, caption, row.cells.get("no") or
                                           row.cells.get("indikator", "")[:40], "target", printed,
                                           problem, reason_text(problem, "en")))
            out.line(f"        target: {_q(printed)}")
        out.line(f"        asal: {_q(row.place)}")
