"""The corpus generator: reproducible, realistic, and every injected defect is found.

The quality test runs the real checker over ~30 generated reports (half of them with one
injected defect of a rule family) and asserts the targets of the scale issue: recall
100 % per family, and no error or warning on a clean report.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from validator.batch import check_many
from validator.cli import main
from validator.generate.corpus import MANIFEST, GenerateOptions, generate_corpus
from validator.generate.defects import FAMILIES
from validator.generate.nomenclature import load_nomenclature
from validator.generate.quality import Quality, evaluate, load_manifest
from validator.load import find_reports, load_report
from validator.model import budget_level

SEED = 20240229


def _files(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate_corpus(GenerateOptions(reports=30, seed=SEED, output=folder, defects=0.5))
    return folder


@pytest.fixture(scope="module")
def quality(corpus: Path) -> Quality:
    return evaluate(load_manifest(corpus), check_many(list(find_reports([corpus])), jobs=2), corpus)


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate_corpus(GenerateOptions(reports=4, seed=7, output=tmp_path / name, defects=0.5))
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_same_seed_gives_identical_workbooks_and_csv(tmp_path: Path, fmt: str) -> None:
    for name in ("a", "b"):
        generate_corpus(GenerateOptions(reports=2, seed=7, output=tmp_path / name, fmt=fmt))
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_different_seeds_differ(tmp_path: Path) -> None:
    generate_corpus(GenerateOptions(reports=3, seed=1, output=tmp_path / "a"))
    generate_corpus(GenerateOptions(reports=3, seed=2, output=tmp_path / "b"))
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a != b
    assert not set(a.values()) & set(b.values())


def test_defects_leave_the_clean_reports_unchanged(tmp_path: Path) -> None:
    generate_corpus(GenerateOptions(reports=6, seed=3, output=tmp_path / "clean"))
    corpus = generate_corpus(GenerateOptions(reports=6, seed=3, output=tmp_path / "mixed", defects=0.5))
    defective = {d.report for d in corpus.defects}
    clean, mixed = _files(tmp_path / "clean"), _files(tmp_path / "mixed")
    for name, content in clean.items():
        if name.endswith(".yaml"):
            assert (content == mixed[name]) == (name not in defective)


def test_reports_look_like_the_seed(corpus: Path) -> None:
    urusan: Counter[str] = Counter()
    for path in sorted(corpus.glob("*.yaml")):
        report = load_report(path)
        urusan[report.identitas.urusan or ""] += 1
        ids = {t.id for t in report.tabel}
        assert {"tabel_2_5", "tabel_2_7", "tabel_3_7", "tabel_3_8", "tabel_3_9"} <= ids
        assert report.final_version() is not None and report.versi[0].jenis == "pk_awal"
        assert 2 <= len(report.versi) <= 4
        assert report.akip is not None and report.akip.riwayat and report.pernyataan
        final = next(t for t in report.tabel if t.id == "tabel_3_7")
        for row in final.rows:
            budget = row.figure("anggaran")
            assert budget is not None and budget.value is not None
            if budget_level(row.kode) == "sub_kegiatan":
                assert 5_000_000 <= budget.value <= 25_000_000_000
    assert urusan["1.06"] >= 10  # mostly Dinas Sosial
    assert len(urusan) >= 3  # and other dinas with their own urusan


def test_nomenclature_ships_as_data() -> None:
    data = load_nomenclature()
    assert {d.urusan for d in data.dinas} >= {"1.01", "1.02", "1.03", "1.06"}
    for dinas in data.dinas:
        mapped = {p for s in dinas.sasaran for p in s.program}
        assert mapped == {p.kode for p in dinas.program}, dinas.id  # every program serves a sasaran


def test_manifest_records_every_defect(corpus: Path) -> None:
    manifest = json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["reports"] == 30 and len(manifest["files"]) == 30
    defects = manifest["defects"]
    assert {d["family"] for d in defects} == set(FAMILIES)
    for defect in defects:
        assert (corpus / defect["report"]).is_file()
        assert defect["expected"] and defect["original"] != defect["injected"]
        assert {"table", "kode", "column"} <= set(defect)


def test_every_family_is_found(quality: Quality) -> None:
    summary = quality.summary()
    assert summary["misses"] == [], summary["misses"]
    for family in FAMILIES:
        assert quality.families[family].injected > 0
        assert quality.families[family].recall == 1.0, family


def test_clean_reports_have_no_findings(quality: Quality) -> None:
    assert quality.clean_reports >= 10
    assert quality.unreadable == []
    assert quality.false_findings == []


def test_consequences_of_defects_fire_too(quality: Quality) -> None:
    assert quality.missed_consequences == []


def test_generate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["generate", "--reports", "2", "--seed", "5", "--output", str(out), "--defects", "1"]) == 0
    assert "2 laporan" in capsys.readouterr().out
    assert len(list(out.glob("*.yaml"))) == 2 and (out / MANIFEST).is_file()
    # A folder that already holds files is not written into without --force.
    assert main(["generate", "--reports", "1", "--output", str(out)]) == 2
    assert main(["generate", "--reports", "1", "--output", str(out), "--force"]) == 0


def test_xlsx_and_csv_reports_check_like_yaml(tmp_path: Path) -> None:
    codes = {}
    for fmt in ("yaml", "xlsx", "csv"):
        folder = tmp_path / fmt
        generate_corpus(GenerateOptions(reports=2, seed=11, output=folder, defects=1.0, fmt=fmt))
        results = check_many(list(find_reports([folder])), jobs=1)
        codes[fmt] = [sorted((f.code, f.table, f.kode) for f in r.findings) for r in results]
    assert codes["yaml"] == codes["xlsx"] == codes["csv"]
    assert any(codes["yaml"])
