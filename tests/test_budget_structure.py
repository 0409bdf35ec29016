"""Issue 15 items 6 and 7: parents that print only a percentage (SUM005), and the two
budget code structures (Permendagri 90/2019 and central government), chosen by identitas.

The rule fixtures (fixtures/rules/SUM005..SUM008, DAT003..DAT005, DAT008) pin which
findings are made; this module pins what they say, how codes are read, and that the
structure survives a conversion.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_language import _leftover, _report_texts, _run
from validator import engine
from validator.bands import BandSet
from validator.build import build_report
from validator.engine.context import Settings
from validator.findings import Finding
from validator.load import load_report
from validator.model import Identity, budget_level, budget_structure, parent_kode, table_parents
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule
from validator.selection import select_rules
from validator.write.csv_writer import write_csv
from validator.write.xlsx_writer import write_xlsx

SUMUT = ROOT / "fixtures" / "real" / "sumut-setda-2021.yaml"

CENTRAL = """\
format: lkjip/1
identitas: {instansi: Inspektorat Jenderal Kementerian Contoh, pemda: Pemerintah Pusat, tahun: 2022%s}
tabel:
  - id: t
    label: Tabel 3.12 Realisasi Anggaran
    jenis: anggaran
    baris:
      - {kode: "054.01.WA", uraian: Program Dukungan Manajemen, anggaran: "2.400.000.000"}
      - {kode: "3937", uraian: Pengawasan dan Peningkatan Akuntabilitas, anggaran: "2.400.000.000"}
      - {kode: "3937.EBA", uraian: Layanan Dukungan Manajemen Internal, anggaran: "2.400.000.000"}
      - {kode: "3937.EBA.994", uraian: Layanan Perkantoran, anggaran: "2.400.000.000"}
"""


def _findings(text: str, rules: list[Rule], band_sets: dict[str, BandSet], codes: list[str]) -> list[Finding]:
    report = build_report(parse_yaml_tree(text, "r.yaml"), "r.yaml")
    return list(engine.run(report, select_rules(rules, codes, []), Settings(), band_sets))


# -- item 6: a parent printing only a percentage ----------------------------------------------


def test_sumut_program_is_named_a_method_error(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    report = load_report(SUMUT)
    findings = list(engine.run(report, select_rules(rules, ["SUM005"], []), Settings(), band_sets))
    assert [(f.kode, f.stated, str(f.expected), f.severity) for f in findings] == [
        ("4.01.02", "88.6", "88.9", "error")]
    message = findings[0].messages
    assert ("unweighted mean of the capaian anggaran of its 4 sub kegiatan (88.6): a method error"
            in message["en"])
    assert "rata-rata sederhana capaian anggaran 4 sub kegiatan" in message["id"]
    assert "sum of realisasi / sum of anggaran of its 4 sub kegiatan = 88.9" in message["en"]


def test_a_bare_mismatch_names_no_method(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    text = SUMUT.read_text(encoding="utf-8").replace('capaian_anggaran: "88.6"', 'capaian_anggaran: "95.0"')
    findings = _findings(text, rules, band_sets, ["SUM005"])
    assert len(findings) == 1 and findings[0].stated == "95.0"
    assert "method" not in findings[0].messages["en"] and "metode" not in findings[0].messages["id"]


def test_the_aggregate_holds_when_the_program_prints_it(rules: list[Rule],
                                                        band_sets: dict[str, BandSet]) -> None:
    text = SUMUT.read_text(encoding="utf-8").replace('capaian_anggaran: "88.6"', 'capaian_anggaran: "88.9"')
    assert _findings(text, rules, band_sets, ["SUM005"]) == []


# -- item 7: the code structures ---------------------------------------------------------------


@pytest.mark.parametrize(("kode", "level", "parent"), [
    ("WA", "program", None), ("054.01.WA", "program", None), ("3937", "kegiatan", None),
    ("WA.3937", "kegiatan", "WA"), ("3937.EBA", "kro", "3937"), ("3937.EBA.994", "ro", "3937.EBA"),
    ("3937.EBA.994.051", "komponen", "3937.EBA.994"),
    ("054.01.WA.3937.EBA.994", "ro", "054.01.WA.3937.EBA"),
    ("3937.eba", None, None), ("1.06.04", None, None), ("RO.1", None, None), ("3937.EBA.99", None, None),
])
def test_central_codes(kode: str, level: str | None, parent: str | None) -> None:
    assert budget_level(kode, "kementerian") == level
    assert parent_kode(kode, "kementerian") == parent


@pytest.mark.parametrize(("kode", "level"), [
    ("1.06", "urusan"), ("1.06.04", "program"), ("X.XX.01", "program"), ("1.06.04.2.01", "kegiatan"),
    ("1.06.04.2.01.0001", "sub_kegiatan"), ("3937.EBA", None), ("WA.1", None), ("3937.EBA.994", None),
])
def test_permendagri_codes_are_digits_or_x(kode: str, level: str | None) -> None:
    assert budget_level(kode) == level


def test_a_central_kegiatan_belongs_to_the_program_above_it() -> None:
    report = build_report(parse_yaml_tree(CENTRAL % ", struktur_anggaran: kementerian", "r.yaml"), "r.yaml")
    table = report.tabel[0]
    assert [r.level for r in table.rows] == ["program", "kegiatan", "kro", "ro"]
    assert table_parents(table) == [None, "054.01.WA", "3937", "3937.EBA"]


def test_a_parent_printed_with_its_program_in_front_is_found() -> None:
    text = (CENTRAL % ", struktur_anggaran: kementerian").replace('kode: "3937"', 'kode: "054.01.WA.3937"')
    table = build_report(parse_yaml_tree(text, "r.yaml"), "r.yaml").tabel[0]
    assert table_parents(table) == [None, "054.01.WA", "054.01.WA.3937", "3937.EBA"]


@pytest.mark.parametrize(("pemda", "stated", "expected"), [
    ("Kabupaten Pamekasan", None, ("pemda", None)),
    ("Pemerintah Pusat", None, ("kementerian", "Pemerintah Pusat")),
    ("pemerintah pusat (Kejaksaan RI)", None, ("kementerian", "pemerintah pusat (Kejaksaan RI)")),
    ("Pemerintah Pusat", "kementerian", ("kementerian", None)),
    ("Pemerintah Pusat", "pemda", ("pemda", None)),
])
def test_structure_stated_or_inferred(pemda: str, stated: str | None,
                                     expected: tuple[str, str | None]) -> None:
    assert budget_structure(Identity("X", pemda, 2022, struktur_anggaran=stated)) == expected


def test_a_central_code_in_a_pemda_report_gets_advice(rules: list[Rule],
                                                      band_sets: dict[str, BandSet]) -> None:
    text = (CENTRAL % "").replace("Pemerintah Pusat", "Kabupaten Contoh")
    findings = _findings(text, rules, band_sets, ["DAT005"])
    assert [f.kode for f in findings] == ["054.01.WA", "3937", "3937.EBA", "3937.EBA.994"]
    assert "state identitas.struktur_anggaran: kementerian" in findings[2].messages["en"]
    assert "(program)" in findings[0].messages["en"] and "(kegiatan)" in findings[1].messages["en"]
    assert "(KRO)" in findings[2].messages["en"] and "(RO)" in findings[3].messages["en"]
    assert "nyatakan identitas.struktur_anggaran: kementerian" in findings[2].messages["id"]


def test_an_inferred_structure_is_said_once(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    inferred = _findings(CENTRAL % "", rules, band_sets, ["DAT005", "DAT008", "SUM002", "SUM006", "SUM007"])
    assert [(f.code, f.severity, f.table) for f in inferred] == [("DAT008", "info", "identitas")]
    assert '"Pemerintah Pusat"' in inferred[0].messages["en"]
    stated = _findings(CENTRAL % ", struktur_anggaran: kementerian", rules, band_sets, ["DAT008"])
    assert stated == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_structure_survives_xlsx_and_csv(kind: str, tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(CENTRAL % ", struktur_anggaran: kementerian", encoding="utf-8")
    target = tmp_path / ("r.xlsx" if kind == "xlsx" else "csv")
    (write_xlsx if kind == "xlsx" else write_csv)(load_report(source), target)
    back = load_report(target)
    assert back.identitas.struktur_anggaran == "kementerian"
    assert [r.level for r in back.tabel[0].rows] == ["program", "kegiatan", "kro", "ro"]


@pytest.mark.parametrize("stated", ["", ", struktur_anggaran: kementerian"])
# REQ003's English message quotes the format key `nilai` (akip.nilai), which the word list
# of tests/test_language.py counts as Indonesian: it is ignored here, not this module's subject.
def test_central_findings_in_english_have_no_indonesian(stated: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "5000")
    source = tmp_path / "r.yaml"
    text = (CENTRAL % stated).replace('anggaran: "2.400.000.000"}\n      - {kode: "3937.EBA.994"',
                                      'anggaran: "2.500.000.000"}\n      - {kode: "3937.EBA.994"')
    source.write_text(text + '      - {kode: "1.06.04.2.01.0001", uraian: Penyediaan Permakanan}\n',
                      encoding="utf-8")
    out = _run(["check", str(source), "--lang", "en", "--no-cache", "--ignore", "REQ003"], capsys)
    assert "SUM007" in out and "DAT005" in out
    assert _leftover(out, _report_texts(load_report(source))) == []


def test_method_error_in_english_has_no_indonesian(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "5000")
    out = _run(["check", str(SUMUT), "--lang", "en", "--no-cache", "--ignore", "REQ003"], capsys)
    assert "a method error" in out
    assert _leftover(out, _report_texts(load_report(SUMUT))) == []
