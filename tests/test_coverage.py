"""Coverage: never a clean verdict over nothing (issue 15, item 8).

An empty or table-less report gets findings (REQ001-REQ003), every output says what was
checked, the reviu statement states its scope and limits and is never clean over
nothing, and the coverage is the same one by one, in a batch, from the cache and with GX.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from tests.test_rule_cases import CASES, Case, _settings
from validator.bands import BandSet
from validator.batch import check_many
from validator.build import build_report
from validator.cache import ResultCache
from validator.cli import main
from validator.coverage import Coverage, scope_line
from validator.engine import plan
from validator.findings import STATUS_UNVERIFIABLE
from validator.load import load_report
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule
from validator.runner import check_one, check_paths
from validator.selection import select_rules

needs_gx = pytest.mark.skipif(find_spec("great_expectations") is None,
                              reason="great_expectations not installed")

EMPTY = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial Kabupaten Contoh, pemda: Kabupaten Contoh, tahun: 2023}
"""

PLAN_ONLY = EMPTY + """\
sasaran:
  - kode: S1
    uraian: Meningkatnya pelayanan sosial PPKS
    indikator:
      - {kode: S1.I1, uraian: Persentase PPKS yang tertangani, satuan: "%"}
tabel:
  - id: tabel_2_3
    label: Tabel 2.3 Rencana Kinerja Tahun 2023
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "55%"}
"""

REQUIRED = ["REQ001", "REQ002", "REQ003"]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f.code for f in findings)


# -- the empty report and the plan-only report ---------------------------------------------


def test_empty_report_is_never_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _write(tmp_path, "kosong.yaml", EMPTY)
    assert main(["check", str(report)]) == 1
    out = capsys.readouterr().out
    for code in REQUIRED:
        assert code in out
    assert "tidak ada temuan" not in out
    assert "Laporan secara keseluruhan" in out
    assert "diperiksa: 0 tabel, 0 angka, 0 aturan berlaku, 0 tidak dapat diverifikasi" in out
    assert f"{report}:1:1" in out  # a finding about the whole report cites its first line


def test_empty_report_in_english_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _write(tmp_path, "kosong.yaml", EMPTY)
    assert main(["check", str(report), "--lang", "en"]) == 1
    assert "checked: 0 tables, 0 figures, 0 rules applied, 0 could not be verified" in capsys.readouterr().out
    assert main(["check", str(report), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (result,) = data["reports"]
    assert sorted(f["code"] for f in result["findings"]) == REQUIRED
    assert all(f["table"] is None and f["location"]["line"] == 1 for f in result["findings"])
    coverage = result["coverage"]
    assert coverage["tables"] == [] and coverage["figures"] == 0
    assert coverage["rules_applied"] == 0 and coverage["items_checked"] == 0
    assert {r["rule"] for r in coverage["rules"]} == {*REQUIRED, "COV001"}  # the rules that applied
    assert coverage["rules_in_force"] > len(coverage["rules"])


def test_plan_table_only_is_not_a_measurement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _write(tmp_path, "rencana.yaml", PLAN_ONLY)
    assert main(["check", str(report), "--format", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["reports"]
    assert sorted(f["code"] for f in result["findings"]) == REQUIRED
    assert result["coverage"]["tables"] == [{
        "id": "tabel_2_3", "label": "Tabel 2.3 Rencana Kinerja Tahun 2023", "kind": "kinerja",
        "version": None, "figures": 1, "unreadable": 0}]
    assert result["coverage"]["figures"] == 1


def test_nothing_checked_never_reads_as_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the required parts ignored, the summary still says nothing was checked."""
    report = _write(tmp_path, "kosong.yaml", EMPTY)
    assert main(["check", str(report), "--ignore", "REQ"]) == 0
    out = capsys.readouterr().out
    assert "tidak ada temuan, tetapi tidak ada yang diperiksa" in out
    assert main(["check", str(report), "--ignore", "REQ", "--format", "markdown", "--lang", "en"]) == 0
    assert "No findings, but nothing was checked." in capsys.readouterr().out


# -- the reviu statement -------------------------------------------------------------------


def test_reviu_of_an_empty_report_states_its_limits(tmp_path: Path) -> None:
    report = _write(tmp_path, "kosong.yaml", EMPTY)
    out = tmp_path / "out"
    assert main(["reviu", str(report), "-o", str(out), "--format", "md", "--date", "2024-03-15"]) == 1
    text = (out / "dinas-sosial-kabupaten-contoh-2023.reviu.md").read_text(encoding="utf-8")
    assert "Lingkup reviu: laporan tidak memuat tabel" in text
    assert "Batasan: tidak ada angka laporan yang dapat diperiksa" in text
    assert "tidak terdapat kondisi" not in text
    assert "1. Laporan tidak memuat tabel pengukuran kinerja" in text


def test_reviu_is_never_clean_over_nothing_even_with_the_rules_ignored(tmp_path: Path) -> None:
    report = _write(tmp_path, "kosong.yaml", EMPTY)
    _write(tmp_path, "lkjip.toml", 'ignore = ["REQ", "COV"]\n')
    out = tmp_path / "out"
    assert main(["reviu", str(report), "-o", str(out), "--format", "md", "--date", "2024-03-15"]) == 1
    text = (out / "dinas-sosial-kabupaten-contoh-2023.reviu.md").read_text(encoding="utf-8")
    assert "tidak terdapat kondisi" not in text
    assert "1. Tidak ada angka laporan yang dapat diperiksa" in text


def test_reviu_of_the_seed_states_scope_and_limits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["reviu", str(SEED_REPORT), "-o", str(out), "--format", "md", "--date", "2024-03-15"]) == 1
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "Lingkup reviu: 16 tabel (Tabel 2.1 Tujuan" in text
    assert "828 angka, dan 56 aturan pemeriksaan yang berlaku" in text
    assert "Batasan: 3 butir tidak dapat diverifikasi (" in text
    assert "2 angka tidak terbaca" in text


# -- the seed: everything present, nothing new ---------------------------------------------


def test_seed_has_every_required_part(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    findings, coverage = plan.check(load_report(SEED_REPORT), rules, band_sets=band_sets)
    assert not [f for f in findings if f.code[:3] in ("REQ", "COV")]
    assert len(coverage.tables) == 16
    assert (coverage.figures, coverage.unreadable) == (828, 2)
    assert coverage.rules_applied == 56
    assert coverage.unverifiable == 3
    assert scope_line(coverage, "id") == ("diperiksa: 16 tabel, 828 angka, 56 aturan berlaku, "
                                          "3 tidak dapat diverifikasi")


# -- coverage counts what the findings say --------------------------------------------------


def _agrees(coverage: Coverage, findings: list) -> None:  # type: ignore[type-arg]
    counted = {r.code: r.unverifiable for r in coverage.rules if r.unverifiable}
    found = Counter(f.code for f in findings if f.status == STATUS_UNVERIFIABLE)
    assert counted == dict(found)


def test_unverifiable_counts_match_the_findings_on_the_seed(rules: list[Rule],
                                                            band_sets: dict[str, BandSet]) -> None:
    findings, coverage = plan.check(load_report(SEED_REPORT), rules, band_sets=band_sets)
    _agrees(coverage, findings)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}_{c.name}" for c in CASES])
def test_unverifiable_counts_match_the_findings_on_every_case(case: Case, rules: list[Rule],
                                                              band_sets: dict[str, BandSet]) -> None:
    report = build_report(parse_yaml_tree(case.report, f"{case.code}.yaml"), f"{case.code}.yaml")
    findings, coverage = plan.check(report, select_rules(rules, case.codes(), []), _settings(case.settings),
                                    band_sets)
    _agrees(coverage, findings)


# -- the same coverage however the report is checked ----------------------------------------


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED_REPORT, folder / "seed.yaml")
    _write(folder, "kosong.yaml", EMPTY)
    _write(folder, "rencana.yaml", PLAN_ONLY)
    return sorted(folder.glob("*.yaml"))


def test_same_coverage_one_by_one_in_a_batch_and_from_the_cache(reports: list[Path], tmp_path: Path) -> None:
    one_by_one = [r.coverage for r in check_paths(reports).reports]
    assert all(c is not None for c in one_by_one)
    batch = [r.coverage for r in check_many(reports, jobs=2, chunksize=1)]
    assert batch == one_by_one
    cache = ResultCache(tmp_path / "cache", secret=b"s" * 32)
    stored = [check_one(p, cache=cache).coverage for p in reports]
    cached = [check_one(p, cache=cache).coverage for p in reports]
    assert stored == cached == one_by_one


def test_cli_batch_json_has_the_same_coverage(reports: list[Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for jobs in ("1", "2"):
        main(["check", *map(str, reports), "--format", "json", "--jobs", jobs])
        outputs.append([r["coverage"] for r in json.loads(capsys.readouterr().out)["reports"]])
    assert outputs[0] == outputs[1]


@needs_gx
def test_same_coverage_with_gx(reports: list[Path], rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    from validator import gx

    for path in reports:
        report = load_report(path)
        native = plan.check(report, rules, band_sets=band_sets)
        assert gx.check(report, rules, band_sets=band_sets) == native
    native_results = check_paths(reports).reports
    gx_results = check_paths(reports, engine="gx").reports
    assert [r.coverage for r in gx_results] == [r.coverage for r in native_results]


def test_a_report_whose_figures_cannot_be_read_is_flagged(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """COV001 over the whole rule book: every capaian unverifiable -> the report says so."""
    text = PLAN_ONLY.replace('{kode: S1.I1, target: "55%"}',
                             '{kode: S1.I1, target: "55%", realisasi: "5O,20%", capaian: "98,55%"}')
    report = _write(tmp_path, "tak-terbaca.yaml", text)
    assert main(["check", str(report), "--format", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["reports"]
    codes = {f["code"] for f in result["findings"]}
    assert "COV001" in codes and "DAT001" in codes
    (most,) = [f for f in result["findings"] if f["code"] == "COV001"]
    assert most["message"].startswith(
        "Sebagian besar pemeriksaan angka tidak dapat diverifikasi: 2 dari 2 (100%")
    assert result["coverage"]["unverifiable"] == 2


def test_coverage_is_a_plain_value() -> None:
    coverage = Coverage()
    assert replace(coverage) == coverage and coverage.rules_applied == 0
