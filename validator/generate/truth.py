"""The facts of one generated report, before anything is printed.

Budgets are integers (rupiah) per document version; a kegiatan and a program are always
the sum of their children, so every printed total adds up. Derived percentages are
computed from the figures as they will be printed and rounded half up, as reports do.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from validator.generate.nomenclature import (
    DinasTemplate,
    KegiatanTemplate,
    Nomenclature,
    ProgramTemplate,
    SasaranTemplate,
    SubTemplate,
)
from validator.generate.printing import rounded

HUNDRED = Decimal(100)
MIN_BUDGET = 5_000_000
MAX_BUDGET = 25_000_000_000
AKIP_BOUNDS = (Decimal(30), Decimal(50), Decimal(60), Decimal(70), Decimal(80), Decimal(90))
BANDS = (
    (Decimal(90), "AA", "Sangat Memuaskan"),
    (Decimal(80), "A", "Memuaskan"),
    (Decimal(70), "BB", "Sangat Baik"),
    (Decimal(60), "B", "Baik"),
    (Decimal(50), "CC", "Cukup (Memadai)"),
    (Decimal(30), "C", "Kurang"),
    (Decimal(0), "D", "Sangat Kurang"),
)
ORDINAL = {1: "Pertama", 2: "Kedua", 3: "Ketiga"}


@dataclass
class Version:
    id: str
    jenis: str
    nama: str
    tanggal: date
    urutan: int
    dilampirkan: bool
    final: bool


@dataclass
class Sub:
    kode: str
    nama: str
    indikator: str
    satuan: str
    target: int
    realisasi_kinerja: int
    budgets: dict[str, int]  # version id -> anggaran; absent when the version drops it
    typical: float = 100.0  # median budget of this kind of sub kegiatan, in juta
    realisasi: int = 0


@dataclass
class Kegiatan:
    kode: str
    nama: str
    indikator: str
    satuan: str
    target: int
    realisasi_kinerja: int
    subs: list[Sub]

    def budget(self, version: str) -> int | None:
        amounts = [s.budgets[version] for s in self.subs if version in s.budgets]
        return sum(amounts) if amounts else None

    def realisasi(self, version: str) -> int:
        return sum(s.realisasi for s in self.subs if version in s.budgets)


@dataclass
class Program:
    kode: str
    nama: str
    indikator: str
    target: int  # percent
    realisasi_kinerja: int
    kegiatan: list[Kegiatan]
    sasaran: str = ""

    def budget(self, version: str) -> int | None:
        amounts = [b for k in self.kegiatan if (b := k.budget(version)) is not None]
        return sum(amounts) if amounts else None

    def realisasi(self, version: str) -> int:
        return sum(k.realisasi(version) for k in self.kegiatan if k.budget(version) is not None)


@dataclass
class Indicator:
    kode: str
    sasaran: str
    uraian: str
    sasaran_uraian: str
    satuan: str
    jenis: str  # persen, rasio, turun, akip
    target: Decimal
    realisasi: Decimal
    capaian: Decimal
    rumus: str
    sumber_data: str
    program: tuple[str, ...]
    predicate: str | None = None  # the target's predicate, akip only
    pembilang: int | None = None
    penyebut: int | None = None
    renstra: dict[int, Decimal] = field(default_factory=dict)

    @property
    def arah(self) -> str:
        return "turun" if self.jenis == "turun" else "naik"


@dataclass
class Akip:
    nilai: Decimal
    predikat: str
    interpretasi: str
    target: Decimal
    target_predikat: str
    riwayat: dict[int, Decimal]


@dataclass
class Facts:
    dinas: DinasTemplate
    instansi: str
    pemda: str
    tempat: str
    tahun: int
    tanggal: date
    kepala: str
    nip: str
    renstra: tuple[int, int]
    versions: list[Version]
    programs: list[Program]
    tujuan_uraian: str
    tujuan_indikator: str
    tujuan_target: dict[int, Decimal]
    indicators: list[Indicator]
    akip: Akip

    @property
    def final(self) -> Version:
        return next(v for v in self.versions if v.final)

    @property
    def awal(self) -> Version:
        return self.versions[0]


def predicate(score: Decimal) -> tuple[str, str]:
    """The PermenPANRB 88/2021 predicate of a score (lower bounds exclusive)."""
    for bottom, grade, meaning in BANDS:
        if score > bottom:
            return grade, meaning
    return BANDS[-1][1], BANDS[-1][2]


def make_facts(rng: random.Random, nomenclature: Nomenclature, dinas: DinasTemplate) -> Facts:
    pemda, tempat = rng.choice(nomenclature.pemda)
    tahun = rng.randint(2021, 2024)
    start = tahun - rng.randint(1, 5)
    versions = _versions(rng, tahun)
    programs = _programs(rng, nomenclature, dinas, versions)
    _assign_sasaran(dinas, programs)
    akip = _akip(rng, tahun)
    renstra = (start, start + 5)
    indicators = _indicators(rng, nomenclature, dinas, akip, renstra, tahun)
    return Facts(
        dinas=dinas,
        instansi=f"{dinas.nama} {pemda}",
        pemda=pemda,
        tempat=tempat,
        tahun=tahun,
        tanggal=date(tahun + 1, rng.randint(1, 3), rng.randint(1, 28)),
        kepala=_name(rng, nomenclature),
        nip=_nip(rng),
        renstra=renstra,
        versions=versions,
        programs=programs,
        tujuan_uraian=dinas.tujuan.uraian,
        tujuan_indikator=dinas.tujuan.indikator,
        tujuan_target=_tujuan_targets(rng, dinas, renstra),
        indicators=indicators,
        akip=akip,
    )


# -- identity ----------------------------------------------------------------------------


def _name(rng: random.Random, nomenclature: Nomenclature) -> str:
    first = rng.choice(nomenclature.nama_depan)
    last = rng.choice(nomenclature.nama_belakang)
    return f"{first} {last}, {rng.choice(nomenclature.gelar)}"


def _nip(rng: random.Random) -> str:
    born = date(rng.randint(1965, 1985), rng.randint(1, 12), rng.randint(1, 28))
    appointed = born.year + rng.randint(22, 30)
    return f"{born:%Y%m%d} {appointed}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 12):03d}"


# -- versions and budgets ----------------------------------------------------------------


def _versions(rng: random.Random, tahun: int) -> list[Version]:
    versions = [
        Version(
            "pk_awal",
            "pk_awal",
            f"Perjanjian Kinerja Tahun {tahun}",
            date(tahun, 1, rng.randint(5, 31)),
            0,
            True,
            False,
        )
    ]
    changes = rng.choices((0, 1, 2), weights=(35, 40, 25))[0]
    for n in range(1, changes + 1):
        month = rng.randint(3, 5) if n == 1 else rng.randint(7, 9)
        versions.append(
            Version(
                f"pk_perubahan_{n}",
                "pk_perubahan",
                f"Perjanjian Kinerja Perubahan {ORDINAL[n]} Tahun {tahun}",
                date(tahun, month, rng.randint(1, 28)),
                n,
                True,
                False,
            )
        )
    versions.append(
        Version(
            "perubahan_akhir",
            "dpa_perubahan",
            f"Perubahan Perjanjian Kinerja Tahun {tahun}",
            date(tahun, rng.randint(10, 12), rng.randint(1, 28)),
            changes + 1,
            True,
            True,
        )
    )
    return versions


def _budget(rng: random.Random, sub: Sub) -> int:
    """Log-normal around the typical budget, clipped to 5 jt .. 25 M, rounded as DPA do."""
    raw = sub.typical * 1_000_000 * math.exp(rng.gauss(0, 0.55))
    amount = min(max(raw, MIN_BUDGET), MAX_BUDGET)
    if _is_salary(sub):
        return int(amount)  # salaries are never round
    step = 500_000 if amount >= 100_000_000 else 100_000
    return max(MIN_BUDGET, round(amount / step) * step)


def _revise(rng: random.Random, amount: int, exact: bool) -> int:
    """A revised budget (60-125 % of the previous one), kept within 5 jt .. 25 M."""
    factor = rng.uniform(0.6, 1.25)
    if exact:
        return min(max(int(amount * factor), MIN_BUDGET), MAX_BUDGET)
    step = 500_000 if amount >= 100_000_000 else 100_000
    return min(max(MIN_BUDGET, round(amount * factor / step) * step), MAX_BUDGET)


def _programs(
    rng: random.Random, nomenclature: Nomenclature, dinas: DinasTemplate, versions: list[Version]
) -> list[Program]:
    templates = (nomenclature.penunjang, *dinas.program)
    programs = [_program(rng, dinas.urusan, t, t is nomenclature.penunjang) for t in templates]
    for program in programs:
        for kegiatan in program.kegiatan:
            _budgets(rng, kegiatan, versions)
    final = versions[-1].id
    for program in programs:
        for kegiatan in program.kegiatan:
            for sub in kegiatan.subs:
                if final in sub.budgets:
                    sub.realisasi = _spent(rng, sub.budgets[final])
    return programs


def _program(rng: random.Random, urusan: str, template: ProgramTemplate, penunjang: bool) -> Program:
    count = len(template.kegiatan)
    wanted = count if penunjang else rng.randint(max(1, count - 1), count)
    chosen = sorted(rng.sample(range(count), wanted))
    kode = f"{urusan}.{template.kode}"
    kegiatan = [_kegiatan(rng, kode, template.kegiatan[i]) for i in chosen]
    target = rng.choice((100, 100, 100, 100, 60, 75, 80, 90, 95))
    achieved = target if rng.random() < 0.6 else round(target * rng.uniform(0.85, 1.05))
    return Program(kode, template.nama, template.indikator, target, achieved, kegiatan)


def _kegiatan(rng: random.Random, program: str, template: KegiatanTemplate) -> Kegiatan:
    count = len(template.sub)
    chosen = sorted(rng.sample(range(count), rng.randint(1, count)))
    kode = f"{program}.{template.kode}"
    subs = [_sub(rng, kode, template.sub[i]) for i in chosen]
    same_unit = [s for s in subs if s.satuan == template.satuan]
    if same_unit:
        target = sum(s.target for s in same_unit)
        achieved = sum(s.realisasi_kinerja for s in same_unit)
    else:
        target = rng.randint(1, 20)
        achieved = _achieved(rng, target)
    return Kegiatan(kode, template.nama, template.indikator, template.satuan, target, achieved, subs)


def _sub(rng: random.Random, kegiatan: str, template: SubTemplate) -> Sub:
    target = rng.randint(*template.target)
    return Sub(
        f"{kegiatan}.{template.kode}",
        template.nama,
        template.indikator,
        template.satuan,
        target,
        _achieved(rng, target),
        {},
        template.pagu_juta,
    )


def _achieved(rng: random.Random, target: int) -> int:
    """Most sub kegiatan meet their target exactly; some fall short, a few exceed it."""
    draw = rng.random()
    if draw < 0.72:
        return target
    if draw < 0.90:
        return int(target * rng.uniform(0.3, 0.99))
    if draw < 0.97:
        return math.ceil(target * rng.uniform(1.01, 1.5))
    return 0


def _budgets(rng: random.Random, kegiatan: Kegiatan, versions: list[Version]) -> None:
    """pk_awal from the template; each later version revises some, and may drop a few."""
    for sub in kegiatan.subs:
        sub.budgets[versions[0].id] = _budget(rng, sub)
    for before, version in itertools.pairwise(versions):
        alive = [s for s in kegiatan.subs if before.id in s.budgets]
        for sub in list(alive):
            amount = sub.budgets[before.id]
            if len(alive) > 1 and version.final and rng.random() < 0.04:
                alive.remove(sub)
                continue  # dropped in the final budget (the seed drops two)
            if rng.random() < 0.35:
                amount = _revise(rng, amount, _is_salary(sub))
            sub.budgets[version.id] = amount


def _is_salary(sub: Sub) -> bool:
    return sub.nama.startswith("Penyediaan Gaji")


def _spent(rng: random.Random, budget: int) -> int:
    """Realisation: most between 85 and 99 %, some full, some low, rarely nothing."""
    draw = rng.random()
    if draw < 0.80:
        share = rng.uniform(85, 99)
    elif draw < 0.90:
        share = 100.0 if rng.random() < 0.4 else rng.uniform(99, 100)
    elif draw < 0.98:
        share = rng.uniform(5, 85)
    else:
        return 0
    amount = int(budget * share / 100)
    return amount - amount % 100 if rng.random() < 0.5 else amount


def _assign_sasaran(dinas: DinasTemplate, programs: list[Program]) -> None:
    by_program = {f"{dinas.urusan}.{p}": f"S{i}" for i, s in enumerate(dinas.sasaran, 1) for p in s.program}
    last = f"S{len(dinas.sasaran) + 1}"
    for program in programs:
        program.sasaran = by_program.get(program.kode, last)


# -- performance -----------------------------------------------------------------------------


def _akip(rng: random.Random, tahun: int) -> Akip:
    scores: dict[int, Decimal] = {}
    value = rng.uniform(58, 86)
    for year in (tahun - 2, tahun - 1, tahun):
        value = min(max(value + rng.uniform(-2, 2.5), 35), 95)
        scores[year] = _off_bound(rounded(Decimal(str(value))))
    nilai = scores[tahun]
    target = _off_bound(rounded(scores[tahun - 1] + Decimal(str(round(rng.uniform(0.3, 2.5), 2)))))
    grade, meaning = predicate(nilai)
    return Akip(nilai, grade, meaning, target, predicate(target)[0], scores)


def _off_bound(score: Decimal) -> Decimal:
    """Keep scores off band bounds, where applications disagree (BND004)."""
    return score + Decimal("0.01") if score in AKIP_BOUNDS else score


def _indicators(
    rng: random.Random,
    nomenclature: Nomenclature,
    dinas: DinasTemplate,
    akip: Akip,
    renstra: tuple[int, int],
    tahun: int,
) -> list[Indicator]:
    templates = (*dinas.sasaran, nomenclature.akuntabilitas)
    found = []
    for number, template in enumerate(templates, 1):
        program = tuple(f"{dinas.urusan}.{p}" for p in template.program)
        found.append(_indicator(rng, number, template, program, akip, renstra, tahun))
    return found


def _indicator(
    rng: random.Random,
    number: int,
    template: SasaranTemplate,
    program: tuple[str, ...],
    akip: Akip,
    renstra: tuple[int, int],
    tahun: int,
) -> Indicator:
    indicator = Indicator(
        kode=f"S{number}.I1",
        sasaran=f"S{number}",
        uraian=template.indikator,
        sasaran_uraian=template.uraian,
        satuan=template.satuan,
        jenis=template.jenis,
        target=Decimal(0),
        realisasi=Decimal(0),
        capaian=Decimal(0),
        rumus=template.rumus,
        sumber_data=template.sumber_data,
        program=program,
    )
    if template.jenis == "akip":
        indicator.target, indicator.realisasi = akip.target, akip.nilai
        indicator.predicate = akip.target_predikat
    elif template.jenis == "rasio":
        _ratio(rng, indicator, template)
    else:
        indicator.target = Decimal(rng.randint(int(template.target[0]), int(template.target[1])))
        spread = (0.8, 1.15) if template.jenis == "turun" else (0.9, 1.06)
        indicator.realisasi = rounded(indicator.target * Decimal(str(round(rng.uniform(*spread), 4))))
    indicator.capaian = capaian(indicator.target, indicator.realisasi, indicator.arah)
    indicator.renstra = _renstra_targets(indicator, renstra, tahun)
    return indicator


def _ratio(rng: random.Random, indicator: Indicator, template: SasaranTemplate) -> None:
    assert template.penyebut is not None
    indicator.target = Decimal(rng.randint(int(template.target[0]), int(template.target[1])))
    penyebut = rng.randint(*template.penyebut)
    share = float(indicator.target) / 100 * rng.uniform(0.9, 1.08)
    pembilang = min(penyebut, max(0, round(penyebut * share)))
    indicator.pembilang, indicator.penyebut = pembilang, penyebut
    indicator.realisasi = rounded(Decimal(pembilang) / Decimal(penyebut) * HUNDRED)


def capaian(target: Decimal, realisasi: Decimal, arah: str = "naik") -> Decimal:
    """The default formulas of FRM001, rounded half up as reports print them."""
    if target == 0:
        return Decimal(0)
    if arah == "turun":
        return rounded((2 * target - realisasi) / target * HUNDRED)
    return rounded(realisasi / target * HUNDRED)


def _renstra_targets(indicator: Indicator, renstra: tuple[int, int], tahun: int) -> dict[int, Decimal]:
    """Targets per Renstra year that reach this year's PK target in this year."""
    step = Decimal("-1") if indicator.arah == "turun" else Decimal(1)
    if indicator.jenis == "akip":
        step = Decimal(0)
    targets = {}
    for year in range(renstra[0] + 1, renstra[1] + 1):
        value = indicator.target + step * (year - tahun)
        targets[year] = min(max(value, Decimal(1)), HUNDRED) if indicator.satuan == "%" else value
    targets[tahun] = indicator.target
    return targets


def _tujuan_targets(rng: random.Random, dinas: DinasTemplate, renstra: tuple[int, int]) -> dict[int, Decimal]:
    low, high = dinas.tujuan.target
    value = rng.uniform(low, (low + high) / 2)
    targets = {}
    for year in range(renstra[0] + 1, renstra[1] + 1):
        targets[year] = rounded(Decimal(str(value)))
        value += (high - low) / 10
    return targets
