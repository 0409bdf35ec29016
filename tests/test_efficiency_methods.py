"""Efficiency methods (issue 15 item 2): the method declared per table, project or report,
a column computed by another method said once, and the "nilai efisiensi" score checked
against the formula the text states."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_language import _leftover, _report_texts
from validator import engine
from validator.bands import BandSet
from validator.build import build_report
from validator.config import load_config
from validator.engine.context import Settings
from validator.errors import RuleDefinitionError
from validator.load import load_report
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule
from validator.selection import choose, select_rules
from validator.write.csv_writer import write_csv
from validator.write.xlsx_writer import write_xlsx

REAL = ROOT / "fixtures" / "real"
RATIO_TABLE = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023%s}
tabel:
  - id: tabel_3_10
    label: "Tabel 3.10 Efisiensi (6 = 5/3)"
    jenis: anggaran%s
    baris:
      - {kode: "1.06.02.2.01", uraian: Pemberdayaan Sosial KAT,
         capaian_anggaran: "95,50%%", capaian_kinerja: "100,00%%", efisiensi: "104,71%%"}
      - {kode: "1.06.04.2.01", uraian: Rehabilitasi Sosial Dasar,
         capaian_anggaran: "92,10%%", capaian_kinerja: "87,50%%", efisiensi: "95,01%%"}
      - {kode: "1.06.05.2.01", uraian: Pemeliharaan Anak Terlantar,
         capaian_anggaran: "98,40%%", capaian_kinerja: "110,00%%", efisiensi: "111,79%%"}
pernyataan:
  - bagian: BAB III
    tabel: tabel_3_10
    rata_rata_efisiensi: "103,84%%"
    rumus_nilai_efisiensi: "rata_rata_efisiensi - 100"
    nilai_efisiensi: "3,84"
"""


def _findings(text: str, rules: list[Rule], band_sets: dict[str, BandSet], codes: list[str],
              settings: Settings | None = None) -> list:  # type: ignore[type-arg]
    report = build_report(parse_yaml_tree(text, "r.yaml"), "r.yaml")
    return list(engine.run(report, select_rules(rules, codes, []), settings or Settings(), band_sets))


def test_a_column_in_another_method_is_said_once(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    findings = _findings(RATIO_TABLE % ("", ""), rules, band_sets, ["FRM006"])
    assert [(f.kode, f.severity) for f in findings] == [("1.06.02.2.01", "warning")]
    message = findings[0].messages
    assert "Kolom ini dihitung dengan metode rasio" in message["id"]
    assert "3 baris" in message["id"] and "nyatakan metodenya" in message["id"]
    assert "ratio method (capaian kinerja / capaian anggaran x 100) in 3 rows" in message["en"]
    assert "'rasio'" in message["en"] and "metode rasio" not in message["en"]


def test_the_declared_method_wins_and_is_not_milder(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    declared = RATIO_TABLE % ("", "\n    metode_efisiensi: rasio")
    assert _findings(declared, rules, band_sets, ["FRM006"]) == []
    # The project's option over the report's declaration; declared, so an error.
    report_says = RATIO_TABLE % (", metode_efisiensi: rasio", "")
    assert _findings(report_says, rules, band_sets, ["FRM006"]) == []
    project = Settings(options={"efisiensi": "selisih"})
    findings = _findings(report_says, rules, band_sets, ["FRM006"], project)
    assert [(f.kode, f.severity) for f in findings] == [("1.06.02.2.01", "error")]
    # The table's own declaration over the project's option.
    assert _findings(declared, rules, band_sets, ["FRM006"], project) == []


def test_the_score_is_checked_against_its_stated_formula(
        rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    declared = RATIO_TABLE % ("", "\n    metode_efisiensi: rasio")
    # (104,71 + 95,01 + 111,79) / 3 = 103,836... -> 103,84; 103,84 - 100 = 3,84.
    assert _findings(declared, rules, band_sets, ["AGG016", "FRM012"]) == []
    wrong = declared.replace('nilai_efisiensi: "3,84"', 'nilai_efisiensi: "4,84"')
    findings = _findings(wrong, rules, band_sets, ["AGG016", "FRM012"])
    assert [(f.code, f.column, f.severity) for f in findings] == [("FRM012", "nilai_efisiensi", "error")]
    assert "rata rata efisiensi - 100" in findings[0].messages["id"]
    assert "stated formula" in findings[0].messages["en"]


def test_a_project_may_choose_rasio(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(RATIO_TABLE % ("", ""), encoding="utf-8")
    (tmp_path / "lkjip.toml").write_text('[options]\nefisiensi = "rasio"\n', encoding="utf-8")
    chosen = choose(report, load_config(tmp_path / "lkjip.toml"))  # known to FRM006, FRM007: accepted
    assert chosen.scope.settings.options["efisiensi"] == "rasio"
    (tmp_path / "lkjip.toml").write_text('[options]\nefisiensi = "rasioo"\n', encoding="utf-8")
    with pytest.raises(RuleDefinitionError, match="rasioo"):
        choose(report, load_config(tmp_path / "lkjip.toml"))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_methods_and_score_formula_survive_xlsx_and_csv(kind: str, tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(RATIO_TABLE % (", metode_efisiensi: sisa_anggaran", "\n    metode_efisiensi: rasio"),
                      encoding="utf-8")
    original = load_report(source)
    target = tmp_path / ("r.xlsx" if kind == "xlsx" else "csv")
    (write_xlsx if kind == "xlsx" else write_csv)(original, target)
    back = load_report(target)
    assert back.identitas.metode_efisiensi == "sisa_anggaran"
    assert back.tabel[0].metode_efisiensi == "rasio"
    statement = back.pernyataan[0].values
    assert str(statement["rumus_nilai_efisiensi"].value) == "rata_rata_efisiensi - 100"
    assert statement["rata_rata_efisiensi"].raw == "103,84%"


def test_real_ratio_table_undeclared_gives_one_warning_not_two_errors(
        rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    """The Badan POM PRKOM 2021 table (fixtures/real): as transcribed it declares the formula
    its text states and holds; without the declaration the column is said once to be
    computed by indeks_te (before item 2: two errors, one per row)."""
    text = (REAL / "bpom-prkom-2021-efisiensi.yaml").read_text(encoding="utf-8")
    assert _findings(text, rules, band_sets, ["FRM007"]) == []
    undeclared = text.replace('    metode_efisiensi: "capaian / capaian_anggaran - 1"\n', "")
    assert undeclared != text
    findings = _findings(undeclared, rules, band_sets, ["FRM007"])
    assert [(f.kode, f.severity) for f in findings] == [("S1.I1", "warning")]
    assert "metode indeks_te" in findings[0].messages["id"] and "2 baris" in findings[0].messages["id"]


def test_real_score_checked_against_the_formula_the_text_applies(
        rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    """Itjen 2019: "Nilai efisiensi = 50% + 74,03 x 50/20 = 235%" holds as written."""
    text = (REAL / "itjen-2019-efisiensi.yaml").read_text(encoding="utf-8")
    assert _findings(text, rules, band_sets, ["FRM012"]) == []
    misprinted = text.replace('nilai_efisiensi: "235%"', 'nilai_efisiensi: "225%"')
    findings = _findings(misprinted, rules, band_sets, ["FRM012"])
    assert [(f.column, f.stated, str(f.expected)) for f in findings] == [("nilai_efisiensi", "225%", "235")]


@pytest.mark.parametrize("variant", ["undeclared", "unknown", "score"])
def test_english_messages_have_no_indonesian(variant: str, rules: list[Rule],
                                             band_sets: dict[str, BandSet]) -> None:
    table = {"undeclared": "", "unknown": "\n    metode_efisiensi: rasi", "score": ""}[variant]
    text = RATIO_TABLE % ("", table)
    if variant == "score":
        text = text.replace('nilai_efisiensi: "3,84"', 'nilai_efisiensi: "4,84"')
    findings = _findings(text, rules, band_sets, ["FRM006", "FRM012", "AGG016"])
    assert findings
    report = build_report(parse_yaml_tree(text, "r.yaml"), "r.yaml")
    for finding in findings:
        assert _leftover(finding.messages["en"], _report_texts(report)) == [], finding.messages["en"]
