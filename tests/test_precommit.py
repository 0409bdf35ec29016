"""The pre-commit hook, end to end with the real `pre-commit` tool.

A copy of this checkout is committed into a temporary hook repository (pre-commit needs
a commit to pin, and this checkout's own history must not change), so the repository's
`.pre-commit-hooks.yaml` is what gets installed. pre-commit builds the hook's virtualenv
with pip like a user's machine would: that is most of this test's time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from validator.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# What pip needs to build and install the project; the rest of the checkout is not needed.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "validator", "rules")

# The rest of what every LKjIP must have (REQ001-REQ003): the budget realisation, a
# measurement table and the AKIP score; after the table above, so its lines stay put.
COMPLETE = """\
  - id: r
    label: Tabel 3.7 Realisasi Anggaran
    jenis: anggaran
    baris:
      - {kode: "1.06.01.2.01", uraian: Perencanaan, anggaran: "162.500.000", realisasi: "162.500.000"}
  - id: k
    label: Tabel 3.1 Capaian Kinerja
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "55%", realisasi: "55%", capaian: "100%"}
sasaran:
  - {kode: S1, jenis: sasaran, uraian: Sasaran, indikator: [{kode: S1.I1, uraian: Indikator, satuan: "%"}]}
akip: {nilai: "81,50", predikat: A}
"""
REPORT = """\
format: lkjip/1
identitas: {{instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023}}
tabel:
  - id: t
    label: Tabel 2.5 Program dan Kegiatan
    jenis: anggaran
    baris:
      - {{kode: "1.06.01.2.01", uraian: Perencanaan Perangkat Daerah, anggaran: "162.500.000"}}
      - {{kode: "1.06.01.2.01.0001", uraian: Penyusunan Dokumen Perencanaan, anggaran: "150.000.000"}}
      - {{kode: "1.06.01.2.01.0006", uraian: Evaluasi Kinerja, anggaran: "{last}"}}
"""
BROKEN = REPORT.format(last="10.000.000") + COMPLETE  # 150.000.000 + 10.000.000 != 162.500.000
CLEAN = REPORT.format(last="12.500.000") + COMPLETE
WORKFLOW = "name: ci\non: push\njobs: {}\n"  # YAML, not a report: the hook must skip it
# Reports that a text sniff for `format: lkjip/` in the first 2 KB let through (issue 13).
DISGUISED_BROKEN = {
    "double_quoted": BROKEN.replace("format: lkjip/1", 'format: "lkjip/1"'),
    "single_quoted_two_spaces": BROKEN.replace("format: lkjip/1", "format:  'lkjip/1'"),
    "long_comment_header": "".join(f"# Laporan Kinerja, catatan transkripsi baris {i:03}\n"
                                   for i in range(80)) + BROKEN,
}
# Valid YAML that merely contains the text `format: lkjip/1`: not a report.
WORKFLOW_MENTIONING = (
    "name: lkjip\non: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: lkjip check laporan/\n        env:\n          NOTE: 'format: lkjip/1'\n"
)


@dataclass
class DataRepo:
    path: Path
    env: dict[str, str]
    timings: dict[str, float]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=self.path, env=self.env, capture_output=True, text=True,
                              timeout=300, check=False)

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run("git", *args)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").stdout)

    def commit(self, name: str) -> subprocess.CompletedProcess[str]:
        start = time.perf_counter()
        done = self.run("git", "commit", "-m", name)
        self.timings[name] = time.perf_counter() - start
        return done


def _hook_output(done: subprocess.CompletedProcess[str]) -> str:
    # git passes a hook's output on stderr, its own commit summary on stdout.
    return next((text for text in (done.stderr, done.stdout) if "hook id: lkjip-check" in text), "")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("VIRTUAL_ENV", None)
    env.pop("LKJIP_NO_CACHE", None)  # the hook runs as installed: with its result cache
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1",
    })
    return env


def _hook_repo(target: Path, env: dict[str, str]) -> str:
    """Commit a copy of this checkout's working tree; return the commit to pin."""
    target.mkdir()
    for name in HOOK_REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    repo = DataRepo(target, env, {})
    repo.git("init", "-q")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "hook repository")
    return repo.git("rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def data_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DataRepo]:
    base = tmp_path_factory.mktemp("precommit")
    env = _environment(base)
    rev = _hook_repo(base / "hookrepo", env)
    repo = DataRepo(base / "data", env, {})
    repo.path.mkdir()
    repo.git("init", "-q")
    (repo.path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {base / 'hookrepo'}\n    rev: {rev}\n    hooks:\n"
        "      - id: lkjip-check\n        verbose: true\n",  # show the output of passing runs too
        encoding="utf-8",
    )
    pre_commit = (sys.executable, "-m", "pre_commit")
    start = time.perf_counter()
    for step in (("install",), ("install-hooks",)):
        done = repo.run(*pre_commit, *step)
        assert done.returncode == 0, done.stdout + done.stderr
    repo.timings["install-hooks"] = time.perf_counter() - start
    # The config itself is YAML the hook is given, and must pass as "not a report".
    repo.git("add", ".pre-commit-config.yaml")
    done = repo.commit("config")
    assert done.returncode == 0, done.stdout + done.stderr
    yield repo
    print("\npre-commit timings (s):", {k: round(v, 2) for k, v in repo.timings.items()})


def test_commit_with_broken_sum_is_refused(data_repo: DataRepo) -> None:
    report = data_repo.path / "laporan" / "broken.yaml"
    report.parent.mkdir(exist_ok=True)
    report.write_text(BROKEN, encoding="utf-8")
    before = data_repo.commits()
    data_repo.git("add", "laporan/broken.yaml")
    done = data_repo.commit("broken")
    output = _hook_output(done)
    assert done.returncode != 0, done.stdout + done.stderr
    assert data_repo.commits() == before
    assert "lkjip check" in output and "Failed" in output
    assert "SUM001" in output and "laporan/broken.yaml:8:" in output
    assert "160.000.000" in output  # the sum it should have been
    data_repo.git("rm", "-q", "--cached", "laporan/broken.yaml")
    report.unlink()


def test_clean_report_and_other_yaml_commit(data_repo: DataRepo) -> None:
    (data_repo.path / "laporan").mkdir(exist_ok=True)
    (data_repo.path / "laporan" / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (data_repo.path / ".github" / "workflows").mkdir(parents=True)
    (data_repo.path / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    before = data_repo.commits()
    data_repo.git("add", "laporan/clean.yaml", ".github/workflows/ci.yml")
    done = data_repo.commit("clean")
    assert done.returncode == 0, done.stdout + done.stderr
    hook = _hook_output(done)
    assert "lkjip check" in hook and "Passed" in hook
    # The report was checked; the workflow was skipped and said so, not reported as unreadable.
    assert "laporan/clean.yaml" in hook and "1 laporan" in hook
    assert "ci.yml: dilewati, bukan laporan lkjip" in hook and "1 berkas dilewati: bukan laporan" in hook
    assert data_repo.commits() == before + 1
    # The result cache is in the repository's root, ignored by git (its own .gitignore).
    assert (data_repo.path / ".lkjip_cache" / "CACHEDIR.TAG").is_file()
    assert data_repo.git("status", "--porcelain").stdout == ""


# -- --only-reports, without pre-commit ----------------------------------------------------

def test_only_reports_skips_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    paths = [str(tmp_path / "clean.yaml"), str(tmp_path / "ci.yml")]
    assert main(["check", *paths]) == 2  # without the option the workflow is an input error
    capsys.readouterr()
    assert main(["check", "--only-reports", *paths, "--format", "github"]) == 0
    assert capsys.readouterr().out == "::notice title=lkjip::1 berkas dilewati: bukan laporan\n"
    assert main(["check", "--only-reports", str(tmp_path / "ci.yml")]) == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert main(["check", "--only-reports", str(broken), str(tmp_path / "ci.yml"), "--format", "github"]) == 1
    assert "title=SUM001" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(DISGUISED_BROKEN))
def test_commit_of_a_broken_report_in_any_yaml_spelling_is_refused(data_repo: DataRepo, name: str) -> None:
    report = data_repo.path / "laporan" / f"{name}.yaml"
    report.parent.mkdir(exist_ok=True)
    report.write_text(DISGUISED_BROKEN[name], encoding="utf-8")
    before = data_repo.commits()
    data_repo.git("add", f"laporan/{name}.yaml")
    done = data_repo.commit(name)
    output = _hook_output(done)
    assert done.returncode != 0, done.stdout + done.stderr
    assert data_repo.commits() == before
    assert "SUM001" in output and "0 laporan" not in output
    data_repo.git("rm", "-q", "--cached", f"laporan/{name}.yaml")
    report.unlink()


def test_commit_of_a_workflow_mentioning_the_format_passes(data_repo: DataRepo) -> None:
    workflow = data_repo.path / ".github" / "workflows" / "lkjip.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(WORKFLOW_MENTIONING, encoding="utf-8")
    before = data_repo.commits()
    data_repo.git("add", ".github/workflows/lkjip.yml")
    done = data_repo.commit("workflow mentioning the format")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 berkas dilewati: bukan laporan" in _hook_output(done)
    assert data_repo.commits() == before + 1


@pytest.mark.parametrize("name", sorted(DISGUISED_BROKEN))
def test_folder_check_finds_a_report_in_any_yaml_spelling(tmp_path: Path, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r.yaml").write_text(DISGUISED_BROKEN[name], encoding="utf-8")
    (tmp_path / "ci.yml").write_text(WORKFLOW_MENTIONING, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["reports"] == 1 and summary["by_rule"] == {"SUM001": 1}
    assert summary["skipped_not_reports"] == 1


def test_a_report_whose_format_is_mistyped_is_checked_not_skipped(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r.yaml").write_text(BROKEN.replace("format: lkjip/1", "format: lkjp/1"), encoding="utf-8")
    assert main(["check", "--only-reports", str(tmp_path / "r.yaml")]) == 2
    captured = capsys.readouterr()
    assert "format 'lkjp/1' tidak dikenal" in captured.out + captured.err
