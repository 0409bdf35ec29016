"""Batch mode: the same findings as checking reports one by one, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator.batch import check_many, chunk_size
from validator.cache import slim
from validator.cli import main
from validator.errors import RuleDefinitionError
from validator.generate.corpus import GenerateOptions, generate_corpus
from validator.load import find_reports, load_report
from validator.runner import ReportResult, check_paths, run, use_batch
from validator.selection import Selection


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    generate_corpus(GenerateOptions(reports=12, seed=99, output=folder / "a", defects=0.7))
    # A second folder with its own lkjip.toml: per-report configuration must be kept.
    generate_corpus(GenerateOptions(reports=3, seed=98, output=folder / "b", defects=1.0))
    (folder / "b" / "lkjip.toml").write_text('ignore = ["DAT"]\n[severity]\nSUM001 = "warning"\n',
                                              encoding="utf-8")
    (folder / "a" / "zz-broken.yaml").write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_by_one(corpus: Path) -> list[ReportResult]:
    return check_paths(list(find_reports([corpus]))).reports


def _same(one: list[ReportResult], many: list[ReportResult]) -> None:
    assert [r.path for r in many] == [r.path for r in one]
    for a, b in zip(one, many, strict=True):
        assert b.findings == a.findings, a.path
        assert (a.error is None) == (b.error is None)
        if a.error is not None and b.error is not None:
            assert b.error.describe("en") == a.error.describe("en")
        if a.report is not None:
            assert b.report == slim(a.report)


@pytest.mark.parametrize("jobs", [2, 1])
def test_batch_findings_equal_one_by_one(corpus: Path, one_by_one: list[ReportResult], jobs: int) -> None:
    many = list(check_many(list(find_reports([corpus])), jobs=jobs, chunksize=3))
    _same(one_by_one, many)
    assert any(r.findings for r in many) and any(r.error for r in many)


def test_a_batch_run_matches_check_paths(corpus: Path) -> None:
    expected = check_paths([corpus], selection=Selection(ignore=("REV",)))
    result = run([corpus], selection=Selection(ignore=("REV",)), jobs=2)
    _same(expected.reports, result.reports)
    assert [r.code for r in result.rules] == [r.code for r in expected.rules]


def test_unknown_rule_code_stops_the_run_like_check_paths(corpus: Path) -> None:
    paths = list(find_reports([corpus]))
    with pytest.raises(RuleDefinitionError):
        check_paths(paths, selection=Selection(select=("XYZ999",)))
    with pytest.raises(RuleDefinitionError):
        list(check_many(paths, jobs=2, selection=Selection(select=("XYZ999",))))


def test_cli_jobs_gives_the_same_json(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", str(corpus / "a"), "--format", "json", "--jobs", jobs])
        assert code == 2  # the broken report is an input error
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[1]["summary"]["reports"] == 13


def test_one_report_keeps_the_single_process_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED_REPORT), "--format", "json"]) == 1
    single = json.loads(capsys.readouterr().out)
    assert main(["check", str(SEED_REPORT), "--format", "json", "--jobs", "2"]) == 1
    assert json.loads(capsys.readouterr().out) == single


def test_when_to_batch() -> None:
    assert not use_batch(1, None) and not use_batch(8, None) and use_batch(9, None)
    assert use_batch(2, 2) and not use_batch(1, 4) and not use_batch(500, 1)
    assert chunk_size(10_000, 2) == 32 and chunk_size(10, 2) == 1


def test_slim_report_keeps_what_formatters_show() -> None:
    report = load_report(SEED_REPORT)
    light = slim(report)
    assert light is not None and light.identitas == report.identitas
    assert [t.id for t in light.tabel] == [t.id for t in report.tabel]
    assert all(not t.rows for t in light.tabel)


def test_unknown_option_value_stops_the_batch_like_check_paths(tmp_path: Path) -> None:
    generate_corpus(GenerateOptions(reports=3, seed=5, output=tmp_path))
    (tmp_path / "lkjip.toml").write_text('[options]\nefisiensi = "selisihh"\n', encoding="utf-8")
    paths = list(find_reports([tmp_path]))
    with pytest.raises(RuleDefinitionError, match="selisihh"):
        check_paths(paths)
    for jobs in (1, 2):
        with pytest.raises(RuleDefinitionError, match="selisihh"):
            list(check_many(paths, jobs=jobs))


def test_the_batch_checks_each_report_with_runner_check_one(corpus: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # One per-report check (issue 14): the batch loops over it, it does not re-implement it.
    from validator import runner

    seen: list[Path] = []
    real = runner.check_one

    def spy(path: Path, *args: object, **kwargs: object) -> ReportResult:
        seen.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_one", spy)
    paths = list(find_reports([corpus]))
    assert len(list(check_many(paths, jobs=1, chunksize=4))) == len(paths)
    assert seen == paths
