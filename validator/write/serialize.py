"""The report model back as plain data (for YAML) and as sheets (for XLSX and CSV).

Figures are written as printed (their raw text), so a conversion never reformats a
number. Keys follow the order of docs/format.md; absent optional values are omitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from validator.build import (
    FORMAT,
    HISTORY_KEYS,
    TOTAL_KODE,
    VERSION_KEYS,
    YEAR_COLUMN,
    figure_from_scalar,
    scaled,
)
from validator.model import (
    NOWHERE,
    Akip,
    Band,
    Cell,
    Figure,
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
)
from validator.numbers import NumberStyle, unit_scale
from validator.read.sheets import (
    AKIP_SCALARS,
    INDEX_COLUMNS,
    INDEX_SHEET,
    INDICATOR_JENIS,
    KEY_VALUE_HEADER,
    RESERVED,
    SASARAN_COLUMNS,
    STATEMENT_COLUMNS,
    TOTAL_KODE_KEY,
)
from validator.tree import Scalar

Sheets = dict[str, list[list[str]]]

DEFAULT_PITA = Akip().pita
BAND_COLUMNS = ("bawah", "atas", "predikat", "interpretasi")
ROW_ORDER = {
    "anggaran": (
        "no", "kode", "uraian", "indikator", "target", "realisasi_kinerja", "capaian_kinerja",
        "anggaran", "realisasi", "capaian_anggaran", "efisiensi", "keterangan", "catatan", "asal",
    ),
    "kinerja": (
        "no", "kode", "uraian", "satuan", "target", "realisasi", "capaian", "pembilang",
        "penyebut", "anggaran", "realisasi_anggaran", "capaian_anggaran", "efisiensi", "rumus",
        "sumber_data", "catatan", "asal",
    ),
}
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class PrintedFigure(str):
    """A figure's printed text; the YAML writer always quotes it."""

    __slots__ = ()


class NumberFigure(str):
    """A figure that was a number cell or plain YAML number and reads differently as text.

    `1.234` typed as a number is one point two three four; as text in an Indonesian table
    it is one thousand two hundred thirty-four. Writers keep it a number (YAML, XLSX) or
    refuse (CSV) rather than change its value.
    """

    __slots__ = ("location",)
    location: Location

    def __new__(cls, text: str, location: Location = NOWHERE) -> NumberFigure:
        self = super().__new__(cls, text)
        self.location = location
        return self


class DateText(str):
    """A date as ISO text (`2024-02-29`); the YAML writer leaves it unquoted."""

    __slots__ = ()


# -- plain data (YAML) --------------------------------------------------------------------


def report_to_data(report: Report) -> dict[str, Any]:
    """The report as nested dicts and lists, in the key order of docs/format.md."""
    data: dict[str, Any] = {"format": FORMAT, "identitas": _identity(report.identitas)}
    _put(data, "versi", [_version(v) for v in report.versi])
    _put(data, "sasaran", [_target(t) for t in report.sasaran])
    if report.akip is not None:
        data["akip"] = _akip(report.akip)
    _put(data, "tabel", [_table(t) for t in report.tabel])
    _put(data, "pernyataan", [_statement(s) for s in report.pernyataan])
    return data


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set key unless value is absent (None, False, empty text or empty list)."""
    if value is None or value is False or value == "" or value == [] or value == {}:
        return
    data[key] = value


def _compact(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        _put(data, key, value)
    return data


def _identity(identity: Identity) -> dict[str, Any]:
    return _compact([
        ("instansi", identity.instansi), ("pemda", identity.pemda), ("tahun", identity.tahun),
        ("tanggal", _iso(identity.tanggal)), ("tempat", identity.tempat),
        ("kepala", identity.kepala), ("nip", identity.nip), ("urusan", identity.urusan),
        ("periode_renstra", identity.periode_renstra),
        ("rumus_capaian_turun", identity.rumus_capaian_turun),
        ("struktur_anggaran", identity.struktur_anggaran),
        ("metode_efisiensi", identity.metode_efisiensi),
    ])


def _version(version: Version) -> dict[str, Any]:
    return _compact((key, _iso(getattr(version, key))) for key in VERSION_KEYS)


def _iso(value: Any) -> Any:
    return DateText(value.isoformat()) if isinstance(value, date) else value


def _target(target: Target) -> dict[str, Any]:
    return _compact([
        ("kode", target.kode), ("jenis", target.jenis), ("uraian", target.uraian),
        ("program", list(target.program)),
        ("indikator", [_indicator(i) for i in target.indikator]),
    ])


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return _compact([
        ("kode", indicator.kode), ("uraian", indicator.uraian), ("satuan", indicator.satuan),
        # A stated direction is kept, naik too: unstated, it may be inferred from the name.
        ("arah", indicator.arah if indicator.arah_dinyatakan else None),
        ("rumus_capaian", indicator.rumus_capaian),
        ("rumus_realisasi", indicator.rumus_realisasi),
    ])


def _akip(akip: Akip) -> dict[str, Any]:
    return _compact([
        ("nilai", _figure(akip.nilai)), ("predikat", _text(akip.predikat)),
        ("interpretasi", _text(akip.interpretasi)), ("target", _figure(akip.target)),
        ("pita", akip.pita if akip.pita != DEFAULT_PITA else None),
        ("pita_dicetak", [_band(b) for b in akip.pita_dicetak]),
        ("riwayat", [{"tahun": h.tahun, "nilai": _figure(h.nilai)} for h in akip.riwayat]),
    ])


def _band(band: Band) -> dict[str, Any]:
    return _compact([
        ("bawah", _decimal(band.bawah)), ("atas", _decimal(band.atas)),
        ("predikat", band.predikat), ("interpretasi", band.interpretasi),
    ])


def _decimal(value: Decimal) -> PrintedFigure:
    """A band bound the Indonesian way (`30,01`): it keeps its value when read as text."""
    return PrintedFigure(format(value, "f").replace(".", ","))


def _table(table: Table) -> dict[str, Any]:
    style: NumberStyle = "en" if table.number_style == "en" else "id"
    data = _compact([
        ("id", table.id), ("label", table.label), ("jenis", table.kind),
        ("versi", table.version), ("angka", "en" if style == "en" else None), ("skala", table.skala),
        ("metode_efisiensi", table.metode_efisiensi), ("sumber", table.sumber), ("catatan", table.catatan),
        ("halaman", table.halaman),
    ])
    data["baris"] = [_row(row, table.kind, style) for row in table.rows]
    if table.total is not None:
        data["jumlah"] = _row(table.total, table.kind, style, total=True)
    return data


def _row(row: Row, kind: str, style: NumberStyle, total: bool = False) -> dict[str, Any]:
    kode = None if total and row.kode == TOTAL_KODE else row.kode
    data = _compact([("no", row.no), ("kode", kode), ("uraian", row.uraian)])
    for key in column_order(kind, row.cells):
        data[key] = _cell(row.cells[key], style)
    return data


def column_order(kind: str, keys: Iterable[str]) -> list[str]:
    """Cell keys in the order of docs/format.md; `target_YYYY` right after `target`."""
    order = ROW_ORDER.get(kind, ())
    present = set(keys)
    years = sorted(k for k in present if YEAR_COLUMN.match(k))
    ordered: list[str] = []
    for key in order:
        if key in present:
            ordered.append(key)
        if key == "target":
            ordered.extend(years)
    rest = sorted(present - set(ordered) - {"no", "kode", "uraian"})
    return [k for k in ordered if k not in ("no", "kode", "uraian")] + rest


def _statement(statement: Statement) -> dict[str, Any]:
    data = _compact([("bagian", statement.bagian), ("kutipan", statement.kutipan)])
    for key in STATEMENT_COLUMNS:
        if key in statement.values:
            data[key] = _cell(statement.values[key], "id")
    return data


def _cell(cell: Cell, style: NumberStyle) -> str:
    return _raw(cell, style) if isinstance(cell, Figure) else cell.value


def _text(text: Text | None) -> str | None:
    return text.value if text is not None else None


def _figure(figure: Figure | None, style: NumberStyle = "id") -> str | None:
    return _raw(figure, style) if figure is not None else None


def _raw(figure: Figure, style: NumberStyle) -> str:
    as_text = figure_from_scalar(Scalar(figure.raw, "str", figure.location), style)
    if figure.scale:
        # An amount in rupiah read from a unit (`Rp 1,2 M`) or a table's `skala`.
        as_text = scaled(as_text, 0 if unit_scale(as_text.unit) else figure.scale)
    if as_text != figure and _PLAIN_NUMBER.match(figure.raw):
        return NumberFigure(figure.raw, figure.location)
    return PrintedFigure(figure.raw)


# -- sheets (XLSX, CSV) ---------------------------------------------------------------------


def report_to_sheets(report: Report) -> Sheets:
    """The tabular layout of docs/formats.md; every cell is text ("" for empty)."""
    data = report_to_data(report)
    sheets: Sheets = {
        "identitas": _key_value_rows([("format", FORMAT), *data["identitas"].items()]),
        "versi": _list_rows(VERSION_KEYS, data.get("versi", [])),
        "sasaran": _sasaran_rows(data.get("sasaran", [])),
        "akip": _akip_rows(report.akip, data.get("akip")),
        "akip_pita": _list_rows(BAND_COLUMNS, data.get("akip", {}).get("pita_dicetak", [])),
        "akip_riwayat": _list_rows(HISTORY_KEYS, data.get("akip", {}).get("riwayat", [])),
        "pernyataan": _list_rows(STATEMENT_COLUMNS, data.get("pernyataan", [])),
    }
    tables = data.get("tabel", [])
    names = sheet_names([t["id"] for t in tables])
    sheets[INDEX_SHEET] = [list(INDEX_COLUMNS), *([t["id"], n] for t, n in zip(tables, names, strict=True))]
    for table, name in zip(tables, names, strict=True):
        sheets[name] = table_rows(table)
    return sheets


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _key_value_rows(pairs: Iterable[tuple[str, Any]]) -> list[list[str]]:
    return [list(KEY_VALUE_HEADER), *([key, _str(value)] for key, value in pairs)]


def _list_rows(columns: tuple[str, ...], items: list[dict[str, Any]]) -> list[list[str]]:
    return [list(columns), *([_str(item.get(c)) for c in columns] for item in items)]


def _sasaran_rows(targets: list[dict[str, Any]]) -> list[list[str]]:
    rows = [list(SASARAN_COLUMNS)]
    for target in targets:
        values = {**target, "program": ", ".join(target.get("program", []))}
        rows.append([_str(values.get(c)) for c in SASARAN_COLUMNS])
        for indicator in target.get("indikator", []):
            values = {**indicator, "jenis": INDICATOR_JENIS, "induk": target.get("kode")}
            rows.append([_str(values.get(c)) for c in SASARAN_COLUMNS])
    return rows


def _akip_rows(akip: Akip | None, data: dict[str, Any] | None) -> list[list[str]]:
    if akip is None or data is None:
        return [list(KEY_VALUE_HEADER)]
    # `pita` is always written: an akip sheet with no row at all would read as no akip.
    values = {**data, "pita": akip.pita}
    return _key_value_rows((key, values[key]) for key in AKIP_SCALARS if key in values)


def table_rows(table: dict[str, Any]) -> list[list[str]]:
    """Metadata rows, one empty row, the header row and the rows (the total last)."""
    meta = [(k, v) for k, v in table.items() if k not in ("baris", "jumlah")]
    rows = table["baris"] + ([table["jumlah"]] if "jumlah" in table else [])
    if "jumlah" in table:
        # The sheet finds the total by kode JUMLAH; a total printed with its own code
        # (the urusan, say) keeps that code in the `kode_jumlah` metadata row.
        kode = str(rows[-1].get("kode", TOTAL_KODE))
        if kode.upper() != TOTAL_KODE:
            meta.append((TOTAL_KODE_KEY, kode))
            kode = TOTAL_KODE
        rows[-1] = {**rows[-1], "kode": kode}
    used: set[str] = set()
    for row in rows:
        used.update(row)
    columns = ["no", "kode", "uraian", *column_order(table["jenis"], used)]
    body = [[_str(row.get(c)) for c in columns] for row in rows]
    return [*_key_value_rows(meta), [], columns, *body]


def sheet_names(table_ids: list[str]) -> list[str]:
    """Valid, unique sheet (and CSV file) names for the tables, in order."""
    taken = {name.lower() for name in RESERVED}
    names: list[str] = []
    for table_id in table_ids:
        base = _BAD_SHEET_CHARS.sub("_", table_id).strip("'. ") or "tabel"
        name, n = base[:MAX_SHEET_NAME], 1
        while name.lower() in taken:
            n += 1
            suffix = f"_{n}"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names
