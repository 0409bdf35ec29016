"""CI outputs at repository scale: GitHub's annotation limit and job summary, JUnit's
size, SARIF's regions and fingerprints, the concise format."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator.cli import main
from validator.formatters import github, markdown
from validator.runner import check_paths

COPIES = 5  # the seed has 4 errors, 3 warnings and 13 info findings: 100 findings in all


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of five copies of the seed, checked from its root as CI does."""
    folder = tmp_path / "repo" / "laporan"
    folder.mkdir(parents=True)
    for number in range(1, COPIES + 1):
        shutil.copy(SEED_REPORT, folder / f"dinsos-{number}.yaml")
    monkeypatch.chdir(folder.parent)
    return folder


def _annotations(text: str) -> Counter[str]:
    return Counter(line.split(" ", 1)[0].lstrip(":") for line in text.splitlines())


def test_github_annotates_up_to_the_limit_and_writes_the_job_summary(
        repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "laporan", "--format", "github"]) == 1
    out = capsys.readouterr().out
    counts = _annotations(out)
    assert counts == {"error": 10, "warning": 10, "notice": 10}, out
    (more,) = [line for line in out.splitlines() if "tidak dianotasi" in line]
    # 10 errors, 10 warnings, 9 info notices and this one: 71 of the 100 left out
    assert more.startswith("::notice title=lkjip::71 temuan lain tidak dianotasi (10 error, 5 warning, "
                           "56 notice; GitHub menampilkan 10 per jenis). Daftar lengkap: ringkasan job")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n**lkjip** Ringkasan: 100 temuan (20 error, 15 warning, 65 info)")
    rows = [line for line in written.splitlines() if re.match(r"^\| (error|warning|info) \|", line)]
    assert len(rows) == 100  # the full table


def test_github_without_a_job_summary_says_where_the_full_list_is(
        repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    main(["check", "laporan", "--format", "github", "--lang", "en"])
    out = capsys.readouterr().out
    assert "Full list: lkjip check --format markdown or json." in out
    assert sum(_annotations(out).values()) == 30


def test_github_prints_every_annotation_under_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(SEED_REPORT), "--format", "github", "--select", "FRM,REV00"])
    out = capsys.readouterr().out
    assert "tidak dianotasi" not in out  # 2 errors, 3 warnings, 10 notices: all shown
    assert _annotations(out) == {"error": 2, "warning": 3, "notice": 10}


def test_the_job_summary_stays_within_githubs_size(repository: Path) -> None:
    result = check_paths([repository])
    full = markdown.render(result, "id", quiet=True)
    cut = markdown.render(result, "id", quiet=True, limit=len(full.encode()) // 2)
    assert len(cut.encode()) <= len(full.encode()) // 2
    assert re.search(r"_\d laporan lagi \(\d+ temuan\) tidak muat di sini", cut)
    assert github.job_summary(result, "id") == full  # far below 1 MiB: whole
