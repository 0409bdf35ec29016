"""Defects injected into generated reports, each with the findings it must cause.

Every defect is one realistic mistake (a mistyped budget, a stale figure, a wrong
predicate, a lost row) made far larger than the rounding interval of the figures
involved, so that the rules as written must detect it. A defect names the finding that
must fire (`expected`: code, table, kode) and the findings the same mistake necessarily
causes elsewhere (`consequences`), for example a changed program budget that no longer
matches the signed PK lampiran.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from validator.generate import printing as p
from validator.generate.truth import HUNDRED, predicate
from validator.intervals import Interval, printed_interval
from validator.model import budget_level, parent_kode
from validator.numbers import NumberStyle, parse_number
from validator.write.serialize import DateText, PrintedFigure

Data = dict[str, Any]
FAMILIES = ("SUM", "FRM", "BND", "REC", "AGG", "DAT", "REV")
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")


@dataclass(frozen=True)
class Expected:
    code: str
    table: str
    kode: str


@dataclass
class Defect:
    report: str
    family: str
    kind: str
    table: str
    kode: str
    column: str
    original: str
    injected: str
    expected: list[Expected]
    consequences: list[Expected] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class NotApplicable(Exception):
    """This kind of defect does not fit this report (no such row, too small a figure)."""


Injector = Callable[[Data, random.Random], Defect]


def inject(data: Data, rng: random.Random, family: str, report: str) -> list[Defect]:
    """One defect of `family` into `data` (in place); [] when no kind of it fits."""
    kinds = list(CATALOG[family])
    rng.shuffle(kinds)
    for kind in kinds:
        try:
            defect = kind(data, rng)
        except NotApplicable:
            continue
        defect.report, defect.family = report, family
        return [defect]
    return []


# -- access to the report data ------------------------------------------------------------------


def _table(data: Data, table_id: str) -> Data:
    table: Data | None = next((t for t in data["tabel"] if t["id"] == table_id), None)
    if table is None:
        raise NotApplicable(table_id)
    return table


def _rows(table: Data, level: str | None = None) -> list[Data]:
    return [r for r in table["baris"] if level is None or budget_level(r["kode"]) == level]


def _row(table: Data, kode: str) -> Data:
    row: Data | None = next((r for r in table["baris"] if r["kode"] == kode), None)
    if row is None:
        raise NotApplicable(kode)
    return row


def _statement(data: Data, bagian: str) -> Data:
    return next(s for s in data["pernyataan"] if s["bagian"] == bagian)


def _final_version(data: Data) -> str:
    return str(next(v["id"] for v in data["versi"] if v.get("final")))


def _value(text: str, style: NumberStyle = "id") -> Decimal:
    return parse_number(text, style).value


def _pick(rng: random.Random, rows: list[Data]) -> Data:
    if not rows:
        raise NotApplicable("no row")
    return rows[rng.randrange(len(rows))]


def _sign(rng: random.Random) -> int:
    return 1 if rng.random() < 0.5 else -1


def _set(
    table: Data,
    row: Data,
    column: str,
    new: str,
    kind: str,
    expected: list[Expected],
    consequences: list[Expected] | None = None,
) -> Defect:
    original = str(row[column])
    row[column] = PrintedFigure(new)
    kode = str(row.get("kode") or row.get("bagian"))
    return Defect("", "", kind, table["id"], kode, column, original, new, expected, consequences or [])


def _amount(rng: random.Random, old: int, low: float = 0.1, high: float = 0.4) -> int:
    """A budget changed by 10-40 % (at least Rp 1 juta), as whole hundred thousands."""
    delta = max(1_000_000, int(old * rng.uniform(low, high)) // 100_000 * 100_000)
    new = old + _sign(rng) * delta
    return new if new > 0 else old + delta


def _pct(rng: random.Random, old: Decimal, low: float, high: float) -> Decimal:
    """A percentage moved by low..high points (never below zero)."""
    delta = Decimal(str(round(rng.uniform(low, high), 2)))
    new = old + _sign(rng) * delta
    return new if new >= 0 else old + delta


def _ratio_slack(a: Interval, b: Interval) -> Decimal:
    """Half the width of a / b * 100 over its inputs' intervals."""
    quotient = (a / b) * Interval.point(HUNDRED)
    return (quotient.high - quotient.low) / 2


def _printed(text: str, style: NumberStyle = "id") -> Interval:
    parsed = parse_number(text, style)
    return printed_interval(parsed.value, parsed.decimals, "nearest")


# -- SUM ----------------------------------------------------------------------------------------


def sum_sub_kegiatan(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    row = _pick(rng, _rows(table, "sub_kegiatan"))
    new = _amount(rng, int(_value(row["anggaran"])))
    kegiatan = str(parent_kode(row["kode"]))
    return _set(
        table,
        row,
        "anggaran",
        p.rupiah(new),
        "sub-kegiatan-budget-mistyped",
        [Expected("SUM001", table["id"], kegiatan)],
    )


def sum_program(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    row = _pick(rng, _rows(table, "program"))
    new = _amount(rng, int(_value(row["anggaran"])))
    lampiran = _table(data, "lampiran_pk_awal_anggaran")
    return _set(
        table,
        row,
        "anggaran",
        p.rupiah(new),
        "program-budget-mistyped",
        [Expected("SUM002", table["id"], row["kode"])],
        [Expected("REC002", lampiran["id"], row["kode"])],
    )


def sum_total(data: Data, rng: random.Random) -> Defect:
    tables = [t for t in data["tabel"] if "jumlah" in t]
    table = _pick(rng, tables)
    total = table["jumlah"]
    style: NumberStyle = "en" if table.get("angka") == "en" else "id"
    new = _amount(rng, int(_value(total["anggaran"], style)), 0.02, 0.1)
    return _set(
        table,
        total,
        "anggaran",
        p.rupiah(new, 2, style),
        "total-row-mistyped",
        [Expected("SUM003", table["id"], total["kode"])],
    )


def sum_sasaran(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, table["baris"])
    new = _amount(rng, int(_value(row["realisasi_anggaran"])), 0.1, 0.3)
    return _set(
        table,
        row,
        "realisasi_anggaran",
        p.rupiah(new),
        "sasaran-realisation-not-sum-of-programs",
        [Expected("SUM004", table["id"], row["kode"])],
        [Expected("FRM005", table["id"], row["kode"])],
    )


def _swap_digits(rng: random.Random, text: str, last: bool = False) -> str:
    """Two adjacent, different digits swapped (162.500.000 -> 165.200.000), as typists do."""
    pairs = [
        i
        for i in range(len(text) - 1)
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
    ]
    if not pairs:
        raise NotApplicable("no digits to swap")
    i = pairs[-1] if last else rng.choice(pairs)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def sum_digits_swapped(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    row = _pick(rng, _rows(table, "sub_kegiatan"))
    return _set(
        table,
        row,
        "anggaran",
        _swap_digits(rng, str(row["anggaran"])),
        "sub-kegiatan-digits-swapped",
        [Expected("SUM001", table["id"], str(parent_kode(row["kode"])))],
    )


# -- FRM ----------------------------------------------------------------------------------------


def _like(original: str, value: Decimal) -> str:
    """A percentage in the printing style of `original` (3.9 short or Indonesian)."""
    bare = original.rstrip("%")
    if "." in bare:
        return p.percent(p.rounded(value), "en_short")
    if original.endswith("%"):
        return p.percent(
            p.rounded(value), "id" if "," in bare and len(bare.split(",")[1]) == 2 else "id_short"
        )
    return p.percent(p.rounded(value), "id_bare")


def frm_efficiency(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_9")
    row = _pick(rng, table["baris"])
    old = _value(row["efisiensi"])
    new = old + _sign(rng) * Decimal(str(round(rng.uniform(5, 20), 2)))
    return _set(
        table,
        row,
        "efisiensi",
        _like(row["efisiensi"], new),
        "efficiency-miscomputed",
        [Expected("FRM006", table["id"], row["kode"])],
    )


def frm_efficiency_digits(data: Data, rng: random.Random) -> Defect:
    """The seed's own mistake: 1,10 printed 1,01 (the last two digits swapped)."""
    table = _table(data, "tabel_3_9")
    row = _pick(rng, [r for r in table["baris"] if re.search(r"[,.]\d*(\d)(?!\1)\d%$", str(r["efisiensi"]))])
    return _set(
        table,
        row,
        "efisiensi",
        _swap_digits(rng, str(row["efisiensi"]), last=True),
        "efficiency-digits-swapped",
        [Expected("FRM006", table["id"], row["kode"])],
    )


def frm_capaian_kinerja(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_9")
    row = _pick(rng, table["baris"])
    old, absorption = _value(row["capaian_kinerja"]), _value(row["capaian_anggaran"])
    new = p.rounded(_pct(rng, old, 10, 30))
    consequences = [Expected("FRM006", table["id"], row["kode"])]
    if "status_efisiensi" in row and (new >= absorption) != (old >= absorption):
        consequences.append(Expected("FRM010", table["id"], row["kode"]))  # the stated category flips
    return _set(
        table,
        row,
        "capaian_kinerja",
        _like(row["capaian_kinerja"], new),
        "capaian-kinerja-miscomputed",
        [Expected("FRM002", table["id"], row["kode"])],
        consequences,
    )


def frm_capaian_anggaran(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_7")
    row = _pick(rng, table["baris"])
    new = _pct(rng, _value(row["capaian_anggaran"]), 5, 15)
    return _set(
        table,
        row,
        "capaian_anggaran",
        _like(row["capaian_anggaran"], new),
        "absorption-miscomputed",
        [Expected("FRM004", table["id"], row["kode"])],
        [Expected("REC001", "tabel_3_9", row["kode"])],
    )


def frm_capaian_indicator(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "analisis_capaian")
    row = _pick(rng, table["baris"])
    target, realised = _printed(row["target"]), _printed(row["realisasi"])
    slack = _ratio_slack(realised, target) if target.low > 0 else Decimal(5)
    if _indicator_arah(data, row["kode"]) == "turun":
        slack = 2 * _ratio_slack(realised, target) + 1
    low = float(max(Decimal(10), 4 * slack))
    new = _pct(rng, _value(row["capaian"]), low, low + 10)
    sasaran = row["kode"].split(".")[0]
    return _set(
        table,
        row,
        "capaian",
        _like(row["capaian"], new),
        "capaian-miscomputed",
        [Expected("FRM001", table["id"], row["kode"])],
        [Expected("REC008", table["id"], row["kode"]), Expected("REC007", "tabel_3_8", sasaran)],
    )


def _indicator_arah(data: Data, kode: str) -> str:
    for target in data["sasaran"]:
        for indicator in target.get("indikator", []):
            if indicator["kode"] == kode:
                return str(indicator.get("arah", "naik"))
    return "naik"


def frm_coefficient(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "analisis_capaian")
    row = _pick(rng, [r for r in table["baris"] if "pembilang" in r])
    pembilang, penyebut = int(_value(row["pembilang"])), int(_value(row["penyebut"]))
    # Move the ratio by at least 3 points: far beyond the 0,005 of the printed realisation.
    step = max(1, int(penyebut * rng.uniform(0.05, 0.25)))
    new = (
        pembilang - step
        if pembilang - step >= 0 and (rng.random() < 0.5 or pembilang + step > penyebut)
        else pembilang + step
    )
    if abs(new - pembilang) * 100 < 3 * penyebut:
        raise NotApplicable("ratio moves too little")
    return _set(
        table,
        row,
        "pembilang",
        p.grouped(new),
        "coefficient-mistyped",
        [Expected("FRM003", table["id"], row["kode"])],
    )


def frm_absorption_total(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB IV")
    new = _pct(rng, _value(statement["serapan_anggaran"]), 2, 6)
    return _set(
        {"id": "pernyataan"},
        statement,
        "serapan_anggaran",
        p.percent(new),
        "total-absorption-miscomputed",
        [Expected("FRM008", "pernyataan", "BAB IV")],
        [Expected("FRM009", "pernyataan", "BAB IV")],
    )


def frm_efficiency_total(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB IV")
    new = _pct(rng, _value(statement["efisiensi_anggaran"]), 1, 5)
    return _set(
        {"id": "pernyataan"},
        statement,
        "efisiensi_anggaran",
        p.percent(new),
        "total-efficiency-miscomputed",
        [Expected("FRM009", "pernyataan", "BAB IV")],
    )


def frm_efficiency_sasaran(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, table["baris"])
    new = _value(row["efisiensi"]) + _sign(rng) * Decimal(str(round(rng.uniform(3, 10), 2)))
    return _set(
        table,
        row,
        "efisiensi",
        p.percent(p.rounded(new)),
        "sasaran-efficiency-miscomputed",
        [Expected("FRM007", table["id"], row["kode"])],
    )


def frm_absorption_sasaran(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, table["baris"])
    new = _pct(rng, _value(row["capaian_anggaran"]), 5, 15)
    return _set(
        table,
        row,
        "capaian_anggaran",
        _like(row["capaian_anggaran"], new),
        "sasaran-absorption-miscomputed",
        [Expected("FRM005", table["id"], row["kode"])],
        [Expected("FRM007", table["id"], row["kode"])],
    )


def frm_category(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_9")
    row = _pick(rng, [r for r in table["baris"] if "status_efisiensi" in r])
    original = row["status_efisiensi"]
    row["status_efisiensi"] = "Tidak Efisien" if original == "Efisien" else "Efisien"
    return Defect(
        "",
        "",
        "efficiency-category-wrong",
        table["id"],
        row["kode"],
        "status_efisiensi",
        original,
        row["status_efisiensi"],
        [Expected("FRM010", table["id"], row["kode"])],
    )


# -- BND ----------------------------------------------------------------------------------------


def _other_grade(rng: random.Random, grade: str) -> str:
    index = GRADES.index(grade) if grade in GRADES else 1
    neighbours = [GRADES[i] for i in (index - 1, index + 1) if 0 <= i < len(GRADES)]
    return rng.choice(neighbours)


def bnd_predicate(data: Data, rng: random.Random) -> Defect:
    akip = data["akip"]
    original = akip["predikat"]
    akip["predikat"] = _other_grade(rng, original)
    return Defect(
        "",
        "",
        "akip-predicate-wrong",
        "akip",
        "AKIP",
        "predikat",
        original,
        akip["predikat"],
        [Expected("BND001", "akip", "AKIP")],
    )


def bnd_predicate_text(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB III B")
    original = statement["predikat_akip"]
    statement["predikat_akip"] = _other_grade(rng, original)
    return Defect(
        "",
        "",
        "akip-predicate-in-text-wrong",
        "pernyataan",
        "BAB III B",
        "predikat_akip",
        original,
        statement["predikat_akip"],
        [Expected("BND002", "pernyataan", "BAB III B")],
    )


def bnd_grade_with_score(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, [r for r in table["baris"] if "(" in str(r["realisasi"])])
    grade, score = str(row["realisasi"]).split(" ", 1)
    new = f"{_other_grade(rng, grade)} {score}"
    return _set(
        table,
        row,
        "realisasi",
        new,
        "grade-does-not-match-score",
        [Expected("BND003", table["id"], row["kode"])],
    )


def bnd_printed_bands(data: Data, rng: random.Random) -> Defect:
    bands = data["akip"]["pita_dicetak"]
    band = _pick(rng, [b for b in bands if b["bawah"] > 0])
    original = f"{band['bawah']}-{band['atas']}"
    band["bawah"] = band["bawah"] + rng.choice((-5, 5))
    return Defect(
        "",
        "",
        "printed-band-wrong",
        "akip",
        "AKIP",
        "pita_dicetak",
        original,
        f"{band['bawah']}-{band['atas']}",
        [Expected("BND005", "akip", "AKIP")],
    )


# -- REC ----------------------------------------------------------------------------------------


def rec_realisation_tables(data: Data, rng: random.Random) -> Defect:
    """Tabel 3.9 states another realisation for a sub kegiatan than Tabel 3.7 (and its own
    absorption and efficiency follow the wrong figure)."""
    table = _table(data, "tabel_3_9")
    row = _pick(rng, _rows(table, "sub_kegiatan"))
    budget, old = int(_value(row["anggaran"])), int(_value(row["realisasi"]))
    new = old + _sign(rng) * max(1_000_000, int(budget * rng.uniform(0.05, 0.2)))
    if new < 0 or new > budget:
        new = old - max(1_000_000, int(budget * 0.1)) if old > budget // 2 else old + int(budget * 0.1)
    if new < 0:
        raise NotApplicable("realisation too small")
    absorption = p.rounded(Decimal(new) / Decimal(budget) * HUNDRED)
    achieved = _value(row["capaian_kinerja"])
    row["capaian_anggaran"] = PrintedFigure(_like(row["capaian_anggaran"], absorption))
    row["efisiensi"] = PrintedFigure(_like(row["efisiensi"], achieved - absorption))
    if "status_efisiensi" in row:
        row["status_efisiensi"] = "Efisien" if achieved >= absorption else "Tidak Efisien"
    kegiatan = str(parent_kode(row["kode"]))
    return _set(
        table,
        row,
        "realisasi",
        p.rupiah(new, 2),
        "realisation-tables-disagree",
        [Expected("REC001", table["id"], row["kode"])],
        [Expected("SUM001", table["id"], kegiatan)],
    )


def rec_lampiran_budget(data: Data, rng: random.Random) -> Defect:
    """The signed lampiran states another budget for a kegiatan (its program and total follow)."""
    version = rng.choice(["pk_awal", _final_version(data)])
    table = _table(data, f"lampiran_{version}_anggaran")
    row = _pick(rng, _rows(table, "kegiatan"))
    old = int(_value(row["anggaran"], "en"))
    new = _amount(rng, old)
    program = _row(table, str(parent_kode(row["kode"])))
    program["anggaran"] = PrintedFigure(p.rupiah(int(_value(program["anggaran"], "en")) + new - old, 2, "en"))
    total = table["jumlah"]
    total["anggaran"] = PrintedFigure(p.rupiah(int(_value(total["anggaran"], "en")) + new - old, 2, "en"))
    consequences = [Expected("REC002", table["id"], program["kode"])]
    if version != "pk_awal":  # the final lampiran is also what realisation tables are held to
        consequences += [
            Expected("REC003", t, k)
            for t in ("tabel_3_7", "tabel_3_9")
            for k in (row["kode"], program["kode"])
        ]
    return _set(
        table,
        row,
        "anggaran",
        p.rupiah(new, 2, "en"),
        "lampiran-budget-differs",
        [Expected("REC002", table["id"], row["kode"])],
        consequences,
    )


def rec_final_budget(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_7")
    row = _pick(rng, _rows(table, "sub_kegiatan"))
    new = _amount(rng, int(_value(row["anggaran"])))
    return _set(
        table,
        row,
        "anggaran",
        p.rupiah(new),
        "realisation-budget-not-final",
        [Expected("REC003", "tabel_3_7", row["kode"])],
        [
            Expected("REC003", "tabel_3_9", row["kode"]),
            Expected("SUM001", table["id"], str(parent_kode(row["kode"]))),
        ],
    )


def _numeric_indicator(table: Data, rng: random.Random) -> Data:
    return _pick(
        rng,
        [
            r
            for r in table["baris"]
            if "(" not in str(r.get("target", "(")) and not str(r["target"]).isalpha()
        ],
    )


def rec_pk_target(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "lampiran_pk_awal_kinerja")
    row = _numeric_indicator(table, rng)
    old = _value(row["target"], "en")
    new = old + _sign(rng) * Decimal(rng.randint(5, 15))
    if new <= 0:
        new = old + 10
    text = p.percent(new, "en") if str(row["target"]).endswith("%") else p.number(new, 2, "en")
    return _set(
        table, row, "target", text, "signed-pk-target-differs", [Expected("REC004", table["id"], row["kode"])]
    )


def rec_measured_target(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_3")
    row = _numeric_indicator(table, rng)
    if not row["kode"].startswith("S"):
        raise NotApplicable("tujuan row")
    old = _value(row["target"])
    new = old + _sign(rng) * Decimal(rng.randint(5, 15))
    return _set(
        table,
        row,
        "target",
        p.short_number(new if new > 0 else old + 10),
        "rkt-target-differs-from-pk",
        [Expected("REC005", table["id"], row["kode"])],
    )


def rec_renstra_target(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_1")
    column = f"target_{data['identitas']['tahun']}"
    row = _pick(rng, [r for r in table["baris"] if r["kode"].startswith("S")])
    old = str(row[column])
    if old.isalpha():
        new = _other_grade(rng, old)
    else:
        value = _value(old) + _sign(rng) * Decimal(rng.randint(5, 15))
        new = p.short_number(value if value > 0 else _value(old) + 10)
    return _set(
        table,
        row,
        column,
        new,
        "renstra-target-differs-from-pk",
        [Expected("REC006", table["id"], row["kode"])],
    )


def rec_sasaran_realisation(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, [r for r in table["baris"] if "(" not in str(r["realisasi"])])
    old = _value(row["realisasi"])
    new = old * Decimal(str(round(1 + _sign(rng) * rng.uniform(0.1, 0.25), 4)))
    text = p.percent(p.rounded(new)) if str(row["realisasi"]).endswith("%") else p.number(p.rounded(new))
    return _set(
        table,
        row,
        "realisasi",
        text,
        "sasaran-realisation-differs-from-measurement",
        [Expected("REC007", table["id"], row["kode"])],
        [Expected("FRM001", table["id"], row["kode"])],
    )


def rec_measurement(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "analisis_capaian")
    row = _pick(rng, [r for r in table["baris"] if "pembilang" not in r])
    old = _value(row["realisasi"])
    new = old * Decimal(str(round(1 + _sign(rng) * rng.uniform(0.1, 0.25), 4)))
    text = p.percent(p.rounded(new)) if str(row["realisasi"]).endswith("%") else p.number(p.rounded(new))
    sasaran = row["kode"].split(".")[0]
    return _set(
        table,
        row,
        "realisasi",
        text,
        "analysis-realisation-differs",
        [Expected("REC008", table["id"], row["kode"])],
        [Expected("FRM001", table["id"], row["kode"]), Expected("REC007", "tabel_3_8", sasaran)],
    )


# -- AGG ----------------------------------------------------------------------------------------


def _statement_defect(
    statement: Data, column: str, new: Any, kind: str, code: str, consequences: list[Expected] | None = None
) -> Defect:
    original = str(statement[column])
    statement[column] = new
    bagian = str(statement["bagian"])
    return Defect(
        "",
        "",
        kind,
        "pernyataan",
        bagian,
        column,
        original,
        str(new),
        [Expected(code, "pernyataan", bagian)],
        consequences or [],
    )


def agg_average(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB III A")
    new = _pct(rng, _value(statement["rata_rata_capaian"]), 2, 8)
    return _statement_defect(
        statement, "rata_rata_capaian", PrintedFigure(p.percent(new)), "average-capaian-miscomputed", "AGG001"
    )


COUNTS = {
    "jumlah_di_atas_100": "AGG002",
    "jumlah_tepat_100": "AGG003",
    "jumlah_di_bawah_100": "AGG004",
    "jumlah_na": "AGG005",
}


def agg_count(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, rng.choice(["BAB III A", "BAB IV"]))
    column = rng.choice(sorted(COUNTS))
    old = int(statement[column])
    new = old + 1 if old == 0 or rng.random() < 0.5 else old - 1
    return _statement_defect(statement, column, new, "target-count-wrong", COUNTS[column])


def agg_total_budget(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB IV")
    old = int(_value(statement["total_anggaran"]))
    new = _amount(rng, old, 0.03, 0.1)
    return _statement_defect(
        statement,
        "total_anggaran",
        PrintedFigure(p.rupiah_text(new)),
        "total-budget-wrong",
        "AGG006",
        [Expected("AGG008", "pernyataan", "BAB IV"), Expected("FRM008", "pernyataan", "BAB IV")],
    )


def agg_total_realisation(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB IV")
    old = int(_value(statement["total_realisasi"]))
    new = _amount(rng, old, 0.03, 0.1)
    return _statement_defect(
        statement,
        "total_realisasi",
        PrintedFigure(p.rupiah_text(new)),
        "total-realisation-wrong",
        "AGG007",
        [Expected("FRM008", "pernyataan", "BAB IV")],
    )


def agg_last_year(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB III B")
    new = _value(statement["nilai_akip_tahun_lalu"]) + _sign(rng) * Decimal(str(round(rng.uniform(1, 4), 2)))
    return _statement_defect(
        statement, "nilai_akip_tahun_lalu", PrintedFigure(p.number(new)), "last-year-score-wrong", "AGG009"
    )


def agg_score_in_text(data: Data, rng: random.Random) -> Defect:
    statement = _statement(data, "BAB III B")
    old = _value(statement["nilai_akip"])
    new = old + _sign(rng) * Decimal(str(round(rng.uniform(0.5, 3), 2)))
    consequences = []
    if predicate(new)[0] != predicate(old)[0]:
        consequences.append(Expected("BND002", "pernyataan", "BAB III B"))
    return _statement_defect(
        statement,
        "nilai_akip",
        PrintedFigure(p.number(new)),
        "akip-score-in-text-wrong",
        "AGG010",
        consequences,
    )


def agg_history(data: Data, rng: random.Random) -> Defect:
    entry = next(h for h in data["akip"]["riwayat"] if h["tahun"] == data["identitas"]["tahun"])
    original = str(entry["nilai"])
    new = _value(original) + _sign(rng) * Decimal(str(round(rng.uniform(0.5, 3), 2)))
    entry["nilai"] = PrintedFigure(p.number(new))
    return Defect(
        "",
        "",
        "akip-history-wrong",
        "akip_riwayat",
        str(entry["tahun"]),
        "nilai",
        original,
        str(entry["nilai"]),
        [Expected("AGG011", "akip", "AKIP")],
    )


def agg_sasaran_budget(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_8")
    row = _pick(rng, table["baris"])
    new = _amount(rng, int(_value(row["anggaran"])), 0.1, 0.3)
    defect = _set(
        table,
        row,
        "anggaran",
        p.rupiah(new),
        "sasaran-budgets-do-not-total",
        [Expected("AGG008", "pernyataan", "BAB IV")],
        [Expected("SUM004", table["id"], row["kode"]), Expected("FRM005", table["id"], row["kode"])],
    )
    return defect


# -- DAT ----------------------------------------------------------------------------------------


def dat_unreadable(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    row = _pick(rng, [r for r in _rows(table) if str(r["anggaran"]).endswith(".000")])
    return _set(
        table,
        row,
        "anggaran",
        str(row["anggaran"])[:-1],
        "figure-grouping-broken",
        [Expected("DAT001", table["id"], row["kode"])],
    )


def dat_duplicate(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    subs = _rows(table, "sub_kegiatan")
    pairs = [(a, b) for a, b in itertools.pairwise(subs) if parent_kode(a["kode"]) == parent_kode(b["kode"])]
    if not pairs:
        raise NotApplicable("no kegiatan with two sub kegiatan")
    first, second = pairs[rng.randrange(len(pairs))]
    original = second["kode"]
    second["kode"] = first["kode"]
    return Defect(
        "",
        "",
        "kode-duplicated",
        table["id"],
        first["kode"],
        "kode",
        original,
        first["kode"],
        [Expected("DAT002", table["id"], first["kode"])],
    )


def dat_missing_parent(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    kegiatan = _pick(rng, _rows(table, "kegiatan"))
    rows = table["baris"]
    index = rows.index(kegiatan)
    rows.remove(kegiatan)
    orphans = [r for r in rows if parent_kode(r["kode"]) == kegiatan["kode"]]
    program = str(parent_kode(kegiatan["kode"]))
    siblings = [r for r in rows if parent_kode(r["kode"]) == program]
    consequences = [Expected("DAT003", table["id"], r["kode"]) for r in orphans[1:]]
    if siblings:
        consequences.append(Expected("SUM002", table["id"], program))
    earlier = [r for r in rows[:index] if budget_level(r["kode"]) == "kegiatan"]
    if earlier:
        consequences += [Expected("DAT004", table["id"], r["kode"]) for r in orphans]
    return Defect(
        "",
        "",
        "kegiatan-row-lost",
        table["id"],
        kegiatan["kode"],
        "baris",
        kegiatan["uraian"],
        "",
        [Expected("DAT003", table["id"], orphans[0]["kode"])],
        consequences,
    )


def dat_wrong_parent(data: Data, rng: random.Random) -> Defect:
    table = _table(data, rng.choice(["tabel_2_5", "tabel_3_9"]))
    rows = table["baris"]
    sub = _pick(rng, [r for r in rows if budget_level(r["kode"]) == "sub_kegiatan"])
    others = [
        r for r in rows if budget_level(r["kode"]) == "kegiatan" and r["kode"] != parent_kode(sub["kode"])
    ]
    kegiatan = _pick(rng, others)
    rows.remove(sub)
    rows.insert(rows.index(kegiatan) + 1, sub)
    return Defect(
        "",
        "",
        "row-under-wrong-kegiatan",
        table["id"],
        sub["kode"],
        "baris",
        sub["uraian"],
        f"di bawah {kegiatan['kode']}",
        [Expected("DAT004", table["id"], sub["kode"])],
    )


def dat_unknown_kode(data: Data, rng: random.Random) -> Defect:
    table = _table(data, rng.choice(["tabel_2_2", "tabel_2_1"]))
    row = _pick(rng, [r for r in table["baris"] if r["kode"].startswith("S")])
    original = row["kode"]
    row["kode"] = original.replace(".I", ".", 1)  # "S1.I1" typed as "S1.1"
    return Defect(
        "",
        "",
        "kode-mistyped",
        table["id"],
        row["kode"],
        "kode",
        original,
        row["kode"],
        [Expected("DAT005", table["id"], row["kode"])],
    )


def dat_negative(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_2_5")
    row = _pick(rng, _rows(table, "sub_kegiatan"))
    return _set(
        table,
        row,
        "anggaran",
        "-" + str(row["anggaran"]),
        "sign-typed",
        [Expected("DAT006", table["id"], row["kode"])],
        [Expected("SUM001", table["id"], str(parent_kode(row["kode"])))],
    )


def dat_percent(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_7")
    row = _pick(rng, [r for r in table["baris"] if _value(r["capaian_anggaran"]) >= 11])
    new = str(row["capaian_anggaran"]).replace(",", "")  # 98,54% typed as 9854%
    return _set(
        table,
        row,
        "capaian_anggaran",
        new,
        "separator-dropped",
        [Expected("DAT007", table["id"], row["kode"])],
        [Expected("FRM004", table["id"], row["kode"]), Expected("REC001", "tabel_3_9", row["kode"])],
    )


# -- REV ----------------------------------------------------------------------------------------


def _version(data: Data, rng: random.Random, final: bool | None = None) -> Data:
    versions = [v for v in data["versi"] if final is None or bool(v.get("final")) == final]
    return _pick(rng, versions)


def _version_defect(version: Data, column: str, original: Any, kind: str, code: str) -> Defect:
    return Defect(
        "",
        "",
        kind,
        "versi",
        str(version["id"]),
        column,
        str(original),
        str(version.get(column, "")),
        [Expected(code, "versi", str(version["id"]))],
    )


def rev_missing_date(data: Data, rng: random.Random) -> Defect:
    version = _version(data, rng, final=False)
    original = version.pop("tanggal")
    return _version_defect(version, "tanggal", original, "version-date-missing", "REV001")


def rev_duplicate_sequence(data: Data, rng: random.Random) -> Defect:
    versions = data["versi"]
    final = versions[-1]
    original = final["urutan"]
    final["urutan"] = versions[-2]["urutan"]
    return _version_defect(final, "urutan", original, "version-sequence-duplicated", "REV002")


def rev_out_of_order(data: Data, rng: random.Random) -> Defect:
    versions = data["versi"]
    if len(versions) < 3:
        raise NotApplicable("needs a PK perubahan")
    first, second = versions[0], versions[1]
    original = first["tanggal"]
    later = second["tanggal"]
    first["tanggal"] = DateText(f"{later[:8]}{min(int(later[8:]) + 1, 28):02d}")
    if first["tanggal"] <= later:
        raise NotApplicable("no room to move the date")
    defect = _version_defect(first, "tanggal", original, "version-dates-out-of-order", "REV003")
    defect.expected = [Expected("REV003", "versi", str(second["id"]))]
    return defect


def rev_signature_date(data: Data, rng: random.Random) -> Defect:
    version = _version(data, rng)
    day = int(version["tanggal"][8:])
    signed = day - rng.randint(1, 4) if day > 5 else day + rng.randint(1, 4)
    version["tanggal_tanda_tangan"] = DateText(f"{version['tanggal'][:8]}{signed:02d}")
    return _version_defect(version, "tanggal_tanda_tangan", "", "signature-date-differs", "REV005")


def rev_final_not_attached(data: Data, rng: random.Random) -> Defect:
    final = _version(data, rng, final=True)
    final.pop("dilampirkan", None)
    data["tabel"] = [t for t in data["tabel"] if not t["id"].startswith(f"lampiran_{final['id']}_")]
    defect = _version_defect(final, "dilampirkan", True, "final-version-not-attached", "REV007")
    defect.injected = "false"
    return defect


def rev_missing_realisation(data: Data, rng: random.Random) -> Defect:
    table = _table(data, "tabel_3_7")
    sub = _pick(rng, _rows(table, "sub_kegiatan"))
    table["baris"].remove(sub)
    kegiatan = str(parent_kode(sub["kode"]))
    siblings = [r for r in table["baris"] if parent_kode(r["kode"]) == kegiatan]
    consequences = [Expected("SUM001", table["id"], kegiatan)] if siblings else []
    return Defect(
        "",
        "",
        "realisation-row-lost",
        table["id"],
        sub["kode"],
        "baris",
        sub["uraian"],
        "",
        [Expected("REV010", "tabel_2_7", sub["kode"])],
        consequences,
    )


CATALOG: dict[str, tuple[Injector, ...]] = {
    "SUM": (sum_sub_kegiatan, sum_digits_swapped, sum_program, sum_total, sum_sasaran),
    "FRM": (
        frm_efficiency,
        frm_efficiency_digits,
        frm_capaian_kinerja,
        frm_capaian_anggaran,
        frm_capaian_indicator,
        frm_coefficient,
        frm_absorption_total,
        frm_efficiency_total,
        frm_efficiency_sasaran,
        frm_absorption_sasaran,
        frm_category,
    ),
    "BND": (bnd_predicate, bnd_predicate_text, bnd_grade_with_score, bnd_printed_bands),
    "REC": (
        rec_realisation_tables,
        rec_lampiran_budget,
        rec_final_budget,
        rec_pk_target,
        rec_measured_target,
        rec_renstra_target,
        rec_sasaran_realisation,
        rec_measurement,
    ),
    "AGG": (
        agg_average,
        agg_count,
        agg_total_budget,
        agg_total_realisation,
        agg_last_year,
        agg_score_in_text,
        agg_history,
        agg_sasaran_budget,
    ),
    "DAT": (
        dat_unreadable,
        dat_duplicate,
        dat_missing_parent,
        dat_wrong_parent,
        dat_unknown_kode,
        dat_negative,
        dat_percent,
    ),
    "REV": (
        rev_missing_date,
        rev_duplicate_sequence,
        rev_out_of_order,
        rev_signature_date,
        rev_final_not_attached,
        rev_missing_realisation,
    ),
}
