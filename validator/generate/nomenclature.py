"""The nomenclature data the generator draws from (nomenclature.yaml, shipped in the package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

DATA_FILE = "nomenclature.yaml"


@dataclass(frozen=True)
class SubTemplate:
    kode: str
    nama: str
    indikator: str
    satuan: str
    target: tuple[int, int]
    pagu_juta: float


@dataclass(frozen=True)
class KegiatanTemplate:
    kode: str
    nama: str
    indikator: str
    satuan: str
    sub: tuple[SubTemplate, ...]


@dataclass(frozen=True)
class ProgramTemplate:
    kode: str
    nama: str
    indikator: str
    kegiatan: tuple[KegiatanTemplate, ...]


@dataclass(frozen=True)
class SasaranTemplate:
    uraian: str
    indikator: str
    satuan: str
    jenis: str  # persen, rasio, turun, akip
    target: tuple[float, float]
    penyebut: tuple[int, int] | None
    rumus: str
    sumber_data: str
    program: tuple[str, ...]


@dataclass(frozen=True)
class TujuanTemplate:
    uraian: str
    indikator: str
    target: tuple[float, float]


@dataclass(frozen=True)
class DinasTemplate:
    id: str
    urusan: str
    nama: str
    tujuan: TujuanTemplate
    sasaran: tuple[SasaranTemplate, ...]
    program: tuple[ProgramTemplate, ...]


@dataclass(frozen=True)
class Nomenclature:
    penunjang: ProgramTemplate
    akuntabilitas: SasaranTemplate
    dinas: tuple[DinasTemplate, ...]
    pemda: tuple[tuple[str, str], ...]
    nama_depan: tuple[str, ...]
    nama_belakang: tuple[str, ...]
    gelar: tuple[str, ...]


@lru_cache(maxsize=1)
def load_nomenclature() -> Nomenclature:
    text = resources.files("validator.generate").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return Nomenclature(
        penunjang=_program(data["penunjang"]),
        akuntabilitas=_sasaran({**data["akuntabilitas"], "target": [0, 0], "program": ["01"]}),
        dinas=tuple(_dinas(d) for d in data["dinas"]),
        pemda=tuple((str(p[0]), str(p[1])) for p in data["pemda"]),
        nama_depan=tuple(data["nama_depan"]),
        nama_belakang=tuple(data["nama_belakang"]),
        gelar=tuple(data["gelar"]),
    )


def _pair(value: Any) -> tuple[float, float]:
    return float(value[0]), float(value[1])


def _sub(data: dict[str, Any]) -> SubTemplate:
    low, high = data["target"]
    return SubTemplate(
        str(data["kode"]),
        data["nama"],
        data["indikator"],
        data["satuan"],
        (int(low), int(high)),
        float(data["pagu"]),
    )


def _kegiatan(data: dict[str, Any]) -> KegiatanTemplate:
    return KegiatanTemplate(
        str(data["kode"]),
        data["nama"],
        data["indikator"],
        data["satuan"],
        tuple(_sub(s) for s in data["sub"]),
    )


def _program(data: dict[str, Any]) -> ProgramTemplate:
    return ProgramTemplate(
        str(data["kode"]), data["nama"], data["indikator"], tuple(_kegiatan(k) for k in data["kegiatan"])
    )


def _sasaran(data: dict[str, Any]) -> SasaranTemplate:
    penyebut = data.get("penyebut")
    return SasaranTemplate(
        uraian=data["uraian"],
        indikator=data["indikator"],
        satuan=data["satuan"],
        jenis=data["jenis"],
        target=_pair(data["target"]),
        penyebut=(int(penyebut[0]), int(penyebut[1])) if penyebut else None,
        rumus=data["rumus"],
        sumber_data=data["sumber_data"],
        program=tuple(str(p) for p in data["program"]),
    )


def _dinas(data: dict[str, Any]) -> DinasTemplate:
    tujuan = data["tujuan"]
    return DinasTemplate(
        id=data["id"],
        urusan=str(data["urusan"]),
        nama=data["nama"],
        tujuan=TujuanTemplate(tujuan["uraian"], tujuan["indikator"], _pair(tujuan["target"])),
        sasaran=tuple(_sasaran(s) for s in data["sasaran"]),
        program=tuple(_program(p) for p in data["program"]),
    )
