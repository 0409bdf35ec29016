"""Lower-is-better indicators (issue 15 item 4): the direction inferred from a name, the
report's own convention, and the hint when a capaian fits another convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from validator import engine
from validator.bands import BandSet
from validator.build import build_report
from validator.directions import inferred_from_name
from validator.engine.context import Settings
from validator.load import load_report
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule
from validator.selection import select_rules
from validator.write.csv_writer import write_csv
from validator.write.xlsx_writer import write_xlsx


@pytest.mark.parametrize(("name", "word"), [
    ("Angka Kematian Ibu per 100.000KH", "angka kematian"),
    ("Prevalensi Stunting", "prevalensi"),
    ("Tingkat Pengangguran Terbuka (TPT)", "tingkat pengangguran"),
    ("Jumlah temuan BPK yang berulang", "jumlah temuan"),
    ("Persentase penurunan angka kemiskinan", "persentase penurunan"),
    ("Persentase PPKS yang tertangani", None),
    ("Persentase kasus kekerasan yang tertangani", None),
    ("Cakupan penanganan balita gizi buruk", None),
    ("Indeks Kepuasan Masyarakat", None),
    ("Nilai SAKIP", None),
])
def test_direction_inferred_from_the_name(name: str, word: str | None) -> None:
    assert inferred_from_name(name) == word


def _findings(text: str, rules: list[Rule], band_sets: dict[str, BandSet], codes: list[str],
              settings: Settings | None = None) -> list:  # type: ignore[type-arg]
    report = build_report(parse_yaml_tree(text, "r.yaml"), "r.yaml")
    return list(engine.run(report, select_rules(rules, codes, []), settings or Settings(), band_sets))


TWO_ROWS = """\
format: lkjip/1
identitas: {instansi: Dinas Kesehatan, pemda: Kabupaten Contoh, tahun: 2023%s}
sasaran:
  - kode: S1
    indikator:
      - {kode: S1.I1, uraian: Angka Kematian Bayi per 1.000KH, arah: turun}
      - {kode: S1.I2, uraian: Prevalensi stunting pada balita, arah: turun}
tabel:
  - id: tabel_3_8
    label: Tabel 3.8
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "9,20", realisasi: "9,53", capaian: "96,54"}
      - {kode: S1.I2, target: "14,00%%", realisasi: "16,50%%", capaian: "84,85"}
"""


def test_a_table_in_the_other_convention_is_said_once(
        rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    findings = _findings(TWO_ROWS % "", rules, band_sets, ["FRM001"])
    assert [(f.kode, f.severity) for f in findings] == [("S1.I1", "warning")]
    said = findings[0].messages["id"]
    assert "Capaian 2 indikator di Tabel 3.8 cocok dengan rumus target / realisasi * 100" in said
    assert "rumus_capaian_turun" in findings[0].messages["id"]
    assert "fit target / realisasi * 100" in findings[0].messages["en"]


def test_the_report_declares_its_convention(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    declared = TWO_ROWS % ", rumus_capaian_turun: target / realisasi * 100"
    assert _findings(declared, rules, band_sets, ["FRM001"]) == []
    # The project's [capaian] overrides the report: both rows miss (2T - R) / T, which
    # was declared, so each is an error that names the convention it fits.
    config = Settings(capaian={"turun": "(2 * target - realisasi) / target * 100"})
    findings = _findings(declared, rules, band_sets, ["FRM001"], config)
    assert [(f.kode, f.severity) for f in findings] == [("S1.I1", "error")]
    assert "2 indikator" in findings[0].messages["id"]


def test_real_manggarai_row_gets_the_hint(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    report = load_report(ROOT / "fixtures" / "real" / "manggaraitimur-2019.yaml")
    chosen = select_rules(rules, ["FRM001"], [])
    findings = {f.kode: f for f in engine.run(report, chosen, Settings(), band_sets)}
    assert findings["S5.I2"].severity == "warning"
    assert "cocok dengan rumus target / realisasi * 100" in findings["S5.I2"].messages["id"]
    assert "fits the formula target / realisasi * 100" in findings["S5.I2"].messages["en"]
    assert findings["S5.I3"].severity == "error" and "cocok" not in findings["S5.I3"].messages["id"]


def test_inferred_direction_is_noted_once(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    text = """\
format: lkjip/1
identitas: {instansi: Pemerintah Provinsi Lampung, pemda: Provinsi Lampung, tahun: 2015}
sasaran:
  - kode: S1
    indikator:
      - {kode: S1.I1, uraian: Angka Kematian Bayi (AKB) per 1000 kelahiran hidup}
tabel:
  - id: t
    label: Tabel 3.37
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "32", realisasi: "4,88", capaian: "184,75"}
"""
    findings = _findings(text, rules, band_sets, ["FRM001", "FRM011"])
    assert [(f.code, f.severity) for f in findings] == [("FRM011", "info")]
    assert '"angka kematian"' in findings[0].messages["id"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_convention_and_stated_direction_survive_xlsx_and_csv(kind: str, tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(TWO_ROWS % ", rumus_capaian_turun: target / realisasi * 100", encoding="utf-8")
    text = source.read_text(encoding="utf-8").replace(
        "Prevalensi stunting pada balita, arah: turun", "Jumlah kasus, arah: naik")
    source.write_text(text.replace("Angka Kematian Bayi per 1.000KH, arah: turun", "Angka Kematian Bayi"),
                      encoding="utf-8")
    original = load_report(source)
    target = tmp_path / ("r.xlsx" if kind == "xlsx" else "csv")
    (write_xlsx if kind == "xlsx" else write_csv)(original, target)
    back = load_report(target)
    assert back.identitas.rumus_capaian_turun == "target / realisasi * 100"
    indicators = back.indicators()
    assert (indicators["S1.I1"].arah, indicators["S1.I1"].arah_dinyatakan) == ("naik", False)
    assert (indicators["S1.I2"].arah, indicators["S1.I2"].arah_dinyatakan) == ("naik", True)


def test_an_indicator_formula_not_followed_names_the_one_that_fits(
        rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    text = (TWO_ROWS % "").replace(
        "Angka Kematian Bayi per 1.000KH, arah: turun",
        "Angka Kematian Bayi per 1.000KH, arah: turun, "
        "rumus_capaian: (2 * target - realisasi) / target * 100")
    findings = _findings(text, rules, band_sets, ["FRM001"])
    # S1.I1 declares (2T - R) / T and misses it: an error with the hint; S1.I2 (default,
    # undeclared) a warning with its own hint. An indicator's own formula is its own: it
    # is not part of a table-wide convention.
    assert [(f.kode, f.severity) for f in findings] == [("S1.I1", "error"), ("S1.I2", "warning")]
    assert all("cocok dengan rumus target / realisasi * 100" in f.messages["id"] for f in findings)
