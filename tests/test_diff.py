"""lkjip diff: the seed's versions against a golden file justified in expected-diff.md."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SEED, SEED_REPORT
from validator.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed.diff.json"


def _diff(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["diff", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_seed_diff_matches_the_justified_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    observed = _diff(capsys, str(SEED_REPORT))
    # The golden file was written by --output from the repository root; compare content.
    assert observed == json.loads(GOLDEN.read_text(encoding="utf-8")), (
        "regenerate with: lkjip diff fixtures/pamekasan-dinsos-2023/report.yaml --format json "
        "--output tests/golden/seed.diff.json, then justify every changed row in "
        "fixtures/pamekasan-dinsos-2023/expected-diff.md"
    )
    assert (SEED / "expected-diff.md").is_file()


def test_program_deltas_add_up_over_the_year(capsys: pytest.CaptureFixture[str]) -> None:
    data = _diff(capsys, str(SEED_REPORT), "--from", "pk_awal", "--to", "perubahan_desember")
    (section,) = [s for s in data["comparisons"] if "(kinerja)" not in s["title"]]  # type: ignore[attr-defined]
    totals = section["program_subtotals"]
    # 25.299.819.831 - 34.531.275.129: the whole year's budget change, program by program.
    program_sum = sum(Decimal(levels["program"]) for levels in totals.values() if "program" in levels)
    assert program_sum == Decimal("25299819831") - Decimal("34531275129")


def test_two_reports_are_compared_by_kode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED_REPORT.read_text(encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    # A second draft where one sub kegiatan budget was corrected.
    draft.write_text(text.replace('anggaran: "49.000.000"', 'anggaran: "59.000.000"', 1), encoding="utf-8")
    data = _diff(capsys, str(SEED_REPORT), str(draft))
    changes = data["comparisons"][0]["changes"]  # type: ignore[index]
    assert [(c["kode"], c["delta"]) for c in changes] == [("1.06.01.2.01.0001", "10000000")]


def test_unknown_version_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SEED_REPORT), "--from", "pk_awl", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "pk_awl" in err and "did you mean 'pk_awal'" in err


def test_terminal_diff_shows_program_subtotals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SEED_REPORT)]) == 0
    out = capsys.readouterr().out
    assert "pk_awal -> pk_perubahan_2" in out and "Σ Δ sub kegiatan" in out
    assert "dibandingkan dengan versi pk_awal" in out


def test_diff_accepts_what_check_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21: a report folder (the seed's: report.yaml beside expected-findings.yaml)."""
    assert _diff(capsys, str(SEED)) == _diff(capsys, str(SEED_REPORT))
    many = tmp_path / "laporan"
    for name in ("a", "b"):
        (many / name).mkdir(parents=True)
        (many / name / "report.yaml").write_bytes(SEED_REPORT.read_bytes())
    data = _diff(capsys, str(many))
    titles = [c["title"] for c in data["comparisons"]]  # type: ignore[attr-defined]
    single = len(_diff(capsys, str(SEED_REPORT))["comparisons"])  # type: ignore[arg-type]
    assert len(titles) == 2 * single
    assert titles[0].startswith(f"{many / 'a' / 'report.yaml'}: ") and titles[-1].startswith(f"{many / 'b'}")
    # A B: each must hold one report
    assert main(["diff", str(many), str(SEED), "--lang", "en"]) == 2
    assert "one report expected, 2 found" in capsys.readouterr().err
    assert _diff(capsys, str(many / "a"), str(SEED))["comparisons"][0]["changes"] == []  # type: ignore[index]
