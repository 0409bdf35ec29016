"""Facts -> the plain data of one `lkjip/1` report, printed as real reports print it.

The layout follows the seed (fixtures/pamekasan-dinsos-2023): Renstra, IKU, RKT and PK
tables in Bab II, one program table per budget version, the measurement and analysis
tables, Tabel 3.7 (realisation), 3.8 (per sasaran) and 3.9 (efficiency), and the signed
PK lampiran in English number style. Figures are PrintedFigure strings (always quoted).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from validator.generate import printing as p
from validator.generate.printing import PercentStyle
from validator.generate.truth import (
    BANDS,
    HUNDRED,
    Facts,
    Indicator,
    Kegiatan,
    Program,
    Sub,
    Version,
    capaian,
    predicate,
)
from validator.write.serialize import DateText, PrintedFigure

Data = dict[str, Any]
RUMUS_RASIO = "pembilang / penyebut * 100"


@dataclass(frozen=True)
class Style:
    """Printing habits that differ between offices."""

    short_39: bool  # Tabel 3.9 prints 98.9% / 100% (dot, trailing zeros dropped)
    bare_38: bool  # Tabel 3.8 prints capaian anggaran without the % sign
    total_37: bool  # Tabel 3.7 ends with a Jumlah row
    category_39: bool  # Tabel 3.9 also classes each row "Efisien" / "Tidak Efisien"

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        return cls(rng.random() < 0.5, rng.random() < 0.3, rng.random() < 0.5, rng.random() < 0.3)


def F(text: str) -> PrintedFigure:
    return PrintedFigure(text)


def document(facts: Facts, style: Style) -> Data:
    return {
        "format": "lkjip/1",
        "identitas": _identitas(facts),
        "versi": [_versi(v) for v in facts.versions],
        "sasaran": _sasaran(facts),
        "akip": _akip(facts),
        "tabel": list(_tables(facts, style)),
        "pernyataan": _pernyataan(facts),
    }


# -- header sections -------------------------------------------------------------------------


def _identitas(f: Facts) -> Data:
    return {
        "instansi": f.instansi,
        "pemda": f.pemda,
        "tahun": f.tahun,
        "tanggal": DateText(f.tanggal.isoformat()),
        "tempat": f.tempat,
        "kepala": f.kepala,
        "nip": f.nip,
        "urusan": f.dinas.urusan,
        "periode_renstra": f"{f.renstra[0]}-{f.renstra[1]}",
    }


def _versi(v: Version) -> Data:
    data: Data = {
        "id": v.id,
        "jenis": v.jenis,
        "nama": v.nama,
        "tanggal": DateText(v.tanggal.isoformat()),
        "urutan": v.urutan,
    }
    if v.dilampirkan:
        data["dilampirkan"] = True
    if v.final:
        data["final"] = True
    return data


def _sasaran(f: Facts) -> list[Data]:
    items: list[Data] = [
        {
            "kode": "T1",
            "jenis": "tujuan",
            "uraian": f.tujuan_uraian,
            "indikator": [{"kode": "T1.I1", "uraian": f.tujuan_indikator, "arah": "naik"}],
        }
    ]
    for ind in f.indicators:
        indicator: Data = {"kode": ind.kode, "uraian": ind.uraian, "satuan": ind.satuan, "arah": ind.arah}
        if ind.jenis == "rasio":
            indicator["rumus_realisasi"] = RUMUS_RASIO
        programs = [pr.kode for pr in f.programs if pr.sasaran == ind.sasaran]
        items.append(
            {
                "kode": ind.sasaran,
                "jenis": "sasaran",
                "uraian": ind.sasaran_uraian,
                "program": programs,
                "indikator": [indicator],
            }
        )
    return items


def _akip(f: Facts) -> Data:
    a = f.akip
    bands = []
    top = Decimal(100)
    for bottom, grade, meaning in BANDS:
        bands.append({"bawah": int(bottom), "atas": int(top), "predikat": grade, "interpretasi": meaning})
        top = bottom
    return {
        "nilai": F(p.number(a.nilai)),
        "predikat": a.predikat,
        "interpretasi": a.interpretasi,
        "target": F(p.grade(a.target_predikat, a.target)),
        "pita": "permenpanrb-88-2021",
        "pita_dicetak": bands,
        "riwayat": [
            {"tahun": year, "nilai": F(p.number(score))} for year, score in sorted(a.riwayat.items())
        ],
    }


# -- tables ---------------------------------------------------------------------------------------


def _tables(f: Facts, style: Style) -> Iterator[Data]:
    awal, final = f.awal, f.final
    yield _renstra(f)
    yield _iku(f)
    yield _rkt(f)
    yield _pk_kinerja(f, "tabel_2_4", f"Tabel 2.4 Perjanjian Kinerja {f.instansi} Tahun {f.tahun}", awal)
    yield _program_table(f, "tabel_2_5", f"Tabel 2.5 Program dan Kegiatan {f.instansi} Tahun {f.tahun}", awal)
    yield _pk_kinerja(f, "tabel_2_6", f"Tabel 2.6 Perubahan Perjanjian Kinerja Tahun {f.tahun}", final)
    yield _program_table(f, "tabel_2_7", f"Tabel 2.7 Perubahan Program dan Kegiatan Tahun {f.tahun}", final)
    yield _measurement(f, analysis=False)
    yield _measurement(f, analysis=True)
    yield _realisation(f, style)
    yield _per_sasaran(f, style)
    yield _efficiency(f, style)
    for version in f.versions:
        if version.dilampirkan:
            yield _lampiran_kinerja(f, version)
            yield _lampiran_anggaran(f, version)


def _target_text(ind: Indicator, where: str) -> str:
    """An indicator's target as a table of kind `where` prints it."""
    if ind.jenis == "akip":
        assert ind.predicate is not None
        if where == "renstra":
            return ind.predicate
        if where == "analisis":
            return p.number(ind.target)
        return p.grade(ind.predicate, ind.target, "id")
    if where in ("renstra", "pk"):
        return p.short_number(ind.target)
    if where == "lampiran":
        return p.percent(ind.target, "en") if ind.satuan == "%" else p.number(ind.target, 2, "en")
    return p.percent(ind.target, "int") if ind.satuan == "%" else p.short_number(ind.target)


def _realisation_text(ind: Indicator, where: str) -> str:
    if ind.jenis == "akip":
        assert ind.predicate is not None
        return p.grade(_grade_of(ind.realisasi), ind.realisasi) if where == "3_8" else p.number(ind.realisasi)
    return p.percent(ind.realisasi) if ind.satuan == "%" else p.number(ind.realisasi)


def _grade_of(score: Decimal) -> str:
    return predicate(score)[0]


def _renstra(f: Facts) -> Data:
    years = range(f.renstra[0] + 1, f.renstra[1] + 1)
    rows: list[Data] = [
        {
            "no": "1",
            "kode": "T1.I1",
            "uraian": f.tujuan_indikator,
            **{f"target_{y}": F(p.short_number(f.tujuan_target[y])) for y in years},
            "catatan": f"Tujuan: {f.tujuan_uraian}",
        }
    ]
    for n, ind in enumerate(f.indicators, 1):
        targets: Data = {}
        for year in years:
            shown = replace(ind, target=ind.renstra[year])
            targets[f"target_{year}"] = F(_target_text(shown, "renstra"))
        rows.append(
            {
                "no": f"1.{n}",
                "kode": ind.kode,
                "uraian": ind.uraian,
                **targets,
                "catatan": f"Sasaran: {ind.sasaran_uraian}",
            }
        )
    return _table(
        "tabel_2_1",
        f"Tabel 2.1 Tujuan, Sasaran, Indikator dan Target Kinerja {f.instansi}",
        "kinerja",
        rows,
        sumber=f"Renstra {f.instansi} Periode {f.renstra[0]}-{f.renstra[1]}",
    )


def _iku(f: Facts) -> Data:
    rows = [
        {
            "no": f"{n}.",
            "kode": ind.kode,
            "uraian": ind.uraian,
            "satuan": ind.satuan,
            "rumus": ind.rumus,
            "sumber_data": ind.sumber_data,
        }
        for n, ind in enumerate(f.indicators, 1)
    ]
    return _table(
        "tabel_2_2",
        f"Tabel 2.2 Indikator Kinerja Utama {f.instansi}",
        "kinerja",
        rows,
        sumber=f"Indikator Kinerja Utama {f.instansi} Tahun {f.tahun}",
    )


def _rkt(f: Facts) -> Data:
    rows: list[Data] = [
        {
            "no": "1",
            "kode": "T1.I1",
            "uraian": f.tujuan_indikator,
            "target": F(p.short_number(f.tujuan_target[f.tahun])),
        }
    ]
    rows += [
        {"no": f"1.{n}", "kode": ind.kode, "uraian": ind.uraian, "target": F(_target_text(ind, "pk"))}
        for n, ind in enumerate(f.indicators, 1)
    ]
    return _table(
        "tabel_2_3",
        f"Tabel 2.3 Rencana Kinerja Tahun {f.tahun} {f.instansi}",
        "kinerja",
        rows,
        sumber=f"Rencana Kinerja {f.instansi} Tahun {f.tahun}",
    )


def _pk_kinerja(f: Facts, table_id: str, label: str, version: Version) -> Data:
    rows = [
        {
            "no": str(n),
            "kode": ind.kode,
            "uraian": ind.uraian,
            "satuan": ind.satuan,
            "target": F(_target_text(ind, "pk")),
        }
        for n, ind in enumerate(f.indicators, 1)
    ]
    return _table(table_id, label, "kinerja", rows, versi=version.id, sumber=version.nama)


def _budget_rows(f: Facts, version: str, subs: bool = True) -> Iterator[tuple[Program | Kegiatan | Sub, int]]:
    """Programs, kegiatan and (optionally) sub kegiatan present in a version, in order."""
    for program in f.programs:
        amount = program.budget(version)
        if amount is None:
            continue
        yield program, amount
        for kegiatan in program.kegiatan:
            budget = kegiatan.budget(version)
            if budget is None:
                continue
            yield kegiatan, budget
            if subs:
                yield from ((s, s.budgets[version]) for s in kegiatan.subs if version in s.budgets)


def _program_table(f: Facts, table_id: str, label: str, version: Version) -> Data:
    rows = []
    for n, (item, amount) in enumerate(_budget_rows(f, version.id), 1):
        target = f"{item.target}%" if isinstance(item, Program) else f"{item.target} {item.satuan}"
        rows.append(
            {
                "no": str(n),
                "kode": item.kode,
                "uraian": item.nama,
                "indikator": item.indikator,
                "target": F(target),
                "anggaran": F(p.rupiah(amount)),
            }
        )
    return _table(
        table_id,
        label,
        "anggaran",
        rows,
        versi=version.id,
        sumber=f"Dokumen Pelaksanaan Anggaran {f.instansi} Tahun {f.tahun}",
    )


def _measurement(f: Facts, analysis: bool) -> Data:
    rows = []
    for ind in f.indicators:
        row: Data = {} if analysis else {"no": "1."}
        row.update(
            {
                "kode": ind.kode,
                "uraian": ind.uraian,
                "target": F(_target_text(ind, "analisis" if analysis else "pengukuran")),
                "realisasi": F(_realisation_text(ind, "pengukuran")),
                "capaian": F(p.percent(ind.capaian)),
            }
        )
        if analysis and ind.pembilang is not None and ind.penyebut is not None:
            row["pembilang"] = F(p.grouped(ind.pembilang))
            row["penyebut"] = F(p.grouped(ind.penyebut))
        rows.append(row)
    if analysis:
        return _table(
            "analisis_capaian", "Tabel Capaian Indikator Sasaran Strategis (BAB III B)", "kinerja", rows
        )
    return _table(
        "pengukuran_kinerja", f"Tabel Pengukuran Kinerja Tahun {f.tahun} (BAB III A)", "kinerja", rows
    )


def _absorption(spent: int, budget: int) -> Decimal:
    return p.rounded(Decimal(spent) / Decimal(budget) * HUNDRED)


def _realisation(f: Facts, style: Style) -> Data:
    final = f.final.id
    rows = []
    number = 0
    for item, amount in _budget_rows(f, final):
        spent = _spent(item, final)
        row: Data = {}
        if isinstance(item, Program):
            number += 1
            row["no"] = str(number)
        row.update(
            {
                "kode": item.kode,
                "uraian": item.nama,
                "anggaran": F(p.rupiah(amount, 2)),
                "realisasi": F(p.rupiah(spent, 2)),
                "capaian_anggaran": F(p.percent(_absorption(spent, amount))),
            }
        )
        rows.append(row)
    table = _table("tabel_3_7", "Tabel 3.7 Capaian Anggaran Program dan Kegiatan", "anggaran", rows)
    if style.total_37:
        budget = sum(pr.budget(final) or 0 for pr in f.programs)
        spent = sum(pr.realisasi(final) for pr in f.programs)
        table["jumlah"] = {
            "kode": f.dinas.urusan,
            "uraian": "Jumlah",
            "anggaran": F(p.rupiah(budget, 2)),
            "realisasi": F(p.rupiah(spent, 2)),
            "capaian_anggaran": F(p.percent(_absorption(spent, budget))),
        }
    return table


def _spent(item: Program | Kegiatan | Sub, version: str) -> int:
    return item.realisasi if isinstance(item, Sub) else item.realisasi(version)


def _per_sasaran(f: Facts, style: Style) -> Data:
    final = f.final.id
    rows = []
    for n, ind in enumerate(f.indicators, 1):
        programs = [pr for pr in f.programs if pr.sasaran == ind.sasaran]
        budget = sum(pr.budget(final) or 0 for pr in programs)
        spent = sum(pr.realisasi(final) for pr in programs)
        absorption = _absorption(spent, budget)
        rows.append(
            {
                "no": f"{n}.",
                "kode": ind.sasaran,
                "uraian": ind.sasaran_uraian,
                "target": F(_target_text(ind, "3_8")),
                "realisasi": F(_realisation_text(ind, "3_8")),
                "capaian": F(p.percent(ind.capaian)),
                "anggaran": F(p.rupiah(budget)),
                "realisasi_anggaran": F(p.rupiah(spent)),
                "capaian_anggaran": F(p.percent(absorption, "id_bare" if style.bare_38 else "id")),
                "efisiensi": F(p.percent(ind.capaian - absorption)),
            }
        )
    return _table(
        "tabel_3_8",
        "Tabel 3.8 Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran",
        "kinerja",
        rows,
    )


def _efficiency(f: Facts, style: Style) -> Data:
    final = f.final.id
    pct: PercentStyle = "en_short" if style.short_39 else "id"
    eff: PercentStyle = "id_short" if style.short_39 else "id"
    rows = []
    for n, (item, amount) in enumerate(_budget_rows(f, final), 1):
        spent = _spent(item, final)
        target = f"{item.target}%" if isinstance(item, Program) else str(item.target)
        achieved = capaian(Decimal(item.target), Decimal(item.realisasi_kinerja))
        absorption = _absorption(spent, amount)
        row: Data = {
            "no": str(n),
            "kode": item.kode,
            "uraian": item.nama,
            "target": F(target),
            "realisasi_kinerja": F(str(item.realisasi_kinerja)),
            "capaian_kinerja": F(p.percent(achieved, pct)),
            "anggaran": F(p.rupiah(amount, 2)),
            "realisasi": F(p.rupiah(spent, 2)),
            "capaian_anggaran": F(p.percent(absorption, pct)),
            "efisiensi": F(p.percent(achieved - absorption, eff)),
        }
        if style.category_39:
            row["status_efisiensi"] = "Efisien" if achieved >= absorption else "Tidak Efisien"
        rows.append(row)
    return _table(
        "tabel_3_9",
        "Tabel 3.9 Perbandingan Pencapaian Kinerja dan Anggaran Program dan Kegiatan",
        "anggaran",
        rows,
    )


def _lampiran_label(f: Facts, version: Version) -> str:
    title = "PERJANJIAN KINERJA" if version.urutan == 0 else version.nama.rsplit(" Tahun", 1)[0].upper()
    return f"LAMPIRAN {title} TAHUN {f.tahun} {f.instansi.upper()}"


def _lampiran_kinerja(f: Facts, version: Version) -> Data:
    rows = [
        {"no": f"{n}.", "kode": ind.kode, "uraian": ind.uraian, "target": F(_target_text(ind, "lampiran"))}
        for n, ind in enumerate(f.indicators, 1)
    ]
    return _table(
        f"lampiran_{version.id}_kinerja",
        _lampiran_label(f, version),
        "kinerja",
        rows,
        versi=version.id,
        angka="en",
    )


def _lampiran_anggaran(f: Facts, version: Version) -> Data:
    rows = []
    number = 0
    for item, amount in _budget_rows(f, version.id, subs=False):
        row: Data = {}
        if isinstance(item, Program):
            number += 1
            row["no"] = f"{number}."
        row.update(
            {
                "kode": item.kode,
                "uraian": item.nama.title() if isinstance(item, Program) else item.nama,
                "anggaran": F(p.rupiah(amount, 2, "en")),
                "keterangan": "APBD",
            }
        )
        rows.append(row)
    total = sum(pr.budget(version.id) or 0 for pr in f.programs)
    table = _table(
        f"lampiran_{version.id}_anggaran",
        _lampiran_label(f, version),
        "anggaran",
        rows,
        versi=version.id,
        angka="en",
    )
    table["jumlah"] = {"kode": f.dinas.urusan, "uraian": "Jumlah", "anggaran": F(p.rupiah(total, 2, "en"))}
    return table


def _table(
    table_id: str,
    label: str,
    jenis: str,
    rows: list[Data],
    *,
    versi: str | None = None,
    angka: str | None = None,
    sumber: str | None = None,
) -> Data:
    data: Data = {"id": table_id, "label": label, "jenis": jenis}
    if versi is not None:
        data["versi"] = versi
    if angka is not None:
        data["angka"] = angka
    if sumber is not None:
        data["sumber"] = sumber
    data["baris"] = rows
    return data


# -- summary statements ----------------------------------------------------------------------


def counts(values: list[Decimal]) -> tuple[int, int, int]:
    return (
        sum(1 for v in values if v > HUNDRED),
        sum(1 for v in values if v == HUNDRED),
        sum(1 for v in values if v < HUNDRED),
    )


def _pernyataan(f: Facts) -> list[Data]:
    achieved = [ind.capaian for ind in f.indicators]
    mean = p.rounded(sum(achieved, Decimal(0)) / len(achieved))
    above, exact, below = counts(achieved)
    count_text = (
        f"1. Target dengan capaian realisasi di atas 100% sebanyak {above} target; 2. Target dengan "
        f"capaian realisasi tepat 100% sebanyak {exact} target; 3. Target dengan capaian realisasi di "
        f"bawah 100% sebanyak {below} target; dan 4. Target yang tidak dapat diperoleh hasil "
        "pengukurannya (NA) sebanyak 0 target"
    )
    tally = {
        "jumlah_di_atas_100": above,
        "jumlah_tepat_100": exact,
        "jumlah_di_bawah_100": below,
        "jumlah_na": 0,
    }
    final = f.final.id
    budget = sum(pr.budget(final) or 0 for pr in f.programs)
    spent = sum(pr.realisasi(final) for pr in f.programs)
    serapan = _absorption(spent, budget)
    a = f.akip
    last = a.riwayat[f.tahun - 1]
    trend = "peningkatan" if a.nilai > last else "penurunan"
    return [
        {
            "bagian": "BAB III A",
            "kutipan": f"Secara rata-rata capaian kinerja pada tahun {f.tahun} adalah sebesar "
            f"{p.percent(mean)} yang dihitung dari rata-rata capaian seluruh sasaran strategis. "
            f"[...] {count_text}",
            "rata_rata_capaian": F(p.percent(mean)),
            **tally,
        },
        {
            "bagian": "BAB III B",
            "kutipan": f"Pada tahun {f.tahun} nilai hasil evaluasi (LHE AKIP) {f.instansi} adalah "
            f'{p.number(a.nilai)} dengan predikat "{a.predikat}" dan interpretasi "{a.interpretasi}". '
            f"Nilai ini mengalami {trend} dari tahun sebelumnya yaitu {p.number(last)}.",
            "nilai_akip": F(p.number(a.nilai)),
            "predikat_akip": a.predikat,
            "nilai_akip_tahun_lalu": F(p.number(last)),
        },
        {
            "bagian": "BAB IV",
            "kutipan": f"{count_text} [...] dianggarkan melalui APBD {f.pemda} Tahun Anggaran {f.tahun} "
            f"sebesar {p.rupiah_text(budget)} sedangkan realisasi anggaran mencapai {p.rupiah_text(spent)}, "
            f"dengan demikian serapan anggaran sebesar {p.percent(serapan)} dan nilai efisiensi "
            f"anggaran sebesar {p.percent(HUNDRED - serapan)}.",
            **tally,
            "total_anggaran": F(p.rupiah_text(budget)),
            "total_realisasi": F(p.rupiah_text(spent)),
            "serapan_anggaran": F(p.percent(serapan)),
            "efisiensi_anggaran": F(p.percent(HUNDRED - serapan)),
        },
    ]
