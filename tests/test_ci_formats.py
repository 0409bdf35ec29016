"""CI outputs at repository scale: GitHub's annotation limit and job summary, JUnit's
size, SARIF's regions and fingerprints, the concise format."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator.cli import main
from validator.formatters import github, junit, markdown
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


def test_junit_size_at_2000_generated_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Size, not time: 40 generated reports (30 % with a defect, as in issue 21) checked
    for real, their results repeated under 2,000 distinct paths. One test case per report
    keeps the file near 0.3 KB a report (the corpus of issue 21 gave 13.9 MB with a test
    case per rule and report; measured on 2,000 real reports: docs/output.md#junit)."""
    corpus = tmp_path / "corpus"
    assert main(["generate", "--reports", "40", "--defects", "0.3", "--output", str(corpus)]) == 0
    monkeypatch.chdir(tmp_path)
    sample = check_paths([Path("corpus")])
    assert len(sample.reports) == 40 and sample.findings
    reports = [dataclasses.replace(report, path=Path(f"laporan/{copy:02d}") / report.path.name)
               for copy in range(50) for report in sample.reports]
    result = dataclasses.replace(sample, reports=reports)
    text = junit.render(result, "id")
    size = len(text.encode("utf-8"))
    root = ET.fromstring(text)
    assert root.get("tests") == "2000" and len(root.findall("testsuite/testcase")) == 2000
    failing = {r.path for r in reports if any(f.severity != "info" for f in r.findings)}
    assert root.get("failures") == str(len(failing))
    print(f"JUnit at 2,000 reports: {size:,} bytes, {len(result.findings):,} findings")
    assert size < 1_500_000  # about 10x smaller than the 13.9 MB of issue 21


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_quiet_leaves_clean_reports_out_of_markdown_and_html(
        fmt: str, repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repository / "lkjip.toml").write_text('[[override]]\npaths = ["zz-*.yaml"]\nselect = ["SUM003"]\n',
                                           encoding="utf-8")
    shutil.copy(SEED_REPORT, repository / "zz-bersih.yaml")  # only SUM003, which it passes
    main(["check", "laporan", "--format", fmt])
    loud = capsys.readouterr().out
    main(["check", "laporan", "--format", fmt, "--quiet"])
    quiet = capsys.readouterr().out
    assert "zz-bersih.yaml" in loud and "zz-bersih.yaml" not in quiet
    assert quiet.count("dinsos-") >= COPIES
    assert "6 laporan" in quiet  # the summary still counts every report


def test_concise_is_one_line_per_finding(repository: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "laporan/dinsos-1.yaml", "--format", "concise"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 21 and lines[-1] == "20 temuan (4 error, 3 warning, 13 info) — 1 laporan"
    assert lines[0].startswith("laporan/dinsos-1.yaml:38:27: REV005 Versi ")
    assert all(re.match(r"^laporan/dinsos-1\.yaml:\d+:\d+: [A-Z]{3}\d{3} \S", line) for line in lines[:-1])
    book = tmp_path / "dinsos.xlsx"
    main(["convert", str(SEED_REPORT), str(book)])
    capsys.readouterr()
    main(["check", str(book), "--format", "concise", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    assert all(re.match(rf"^{re.escape(str(book))}:[^!]+![A-Z]+\d+: [A-Z]{{3}}\d{{3}} ", line)
               for line in lines[:-1])
    broken = tmp_path / "rusak.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    assert main(["check", str(broken), "--format", "concise"]) == 2
    assert re.match(rf"^{re.escape(str(broken))}:\d+:\d+: INPUT ", capsys.readouterr().out)


def test_show_settings_shows_the_configuration_in_force_for_a_report(
        repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repository.parent / "lkjip.toml").write_text(
        'ignore = ["AGG"]\nrounding = "either"\n[severity]\nREC006 = "info"\n'
        '[options]\nefisiensi = "selisih"\n'
        '[[override]]\npaths = ["laporan/dinsos-2.yaml"]\nprecision = "printed"\n'
        '[[suppress]]\npaths = ["laporan/dinsos-2.yaml"]\nrules = ["FRM006"]\nreason = "BPKAD"\n',
        encoding="utf-8")
    assert main(["check", "--show-settings", "laporan/dinsos-2.yaml", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Settings in force for laporan/dinsos-2.yaml\n")
    assert f'config = "{repository.parent / "lkjip.toml"}"' in text
    assert 'ignore = ["AGG"]' in text and 'severity = {"REC006": "info"}' in text
    assert 'rounding = "either"' in text and 'precision = "printed"' in text
    assert 'options = {"efisiensi": "selisih"}' in text
    rules = json_list(text, "rules")
    assert rules and not [code for code in rules if code.startswith("AGG")]
    assert '"reason": "BPKAD"' in text
    assert main(["check", "--show-settings", "laporan/dinsos-1.yaml"]) == 0
    other = capsys.readouterr().out
    assert 'precision = "column"' in other and "BPKAD" not in other  # the override is dinsos-2's


def json_list(text: str, key: str) -> list[str]:
    import json

    line = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
    value: list[str] = json.loads(line.split(" = ", 1)[1])
    return value
