"""No command that writes may destroy its input, and no output failure is a crash (issue 13).

Each case runs the real `lkjip` in a subprocess, with the result cache on as a user has
it: the cache reads a report's bytes for its key before any reader looks at the file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT


def lkjip(*args: str, cwd: Path, timeout: float = 60,
          stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LKJIP_NO_CACHE"}
    env["COLUMNS"] = "1000"
    return subprocess.run([sys.executable, "-m", "validator.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          stdin=stdin if stdin is not None else subprocess.DEVNULL)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(SEED_REPORT, tmp_path / "report.yaml")
    (tmp_path / "sub").mkdir()
    return tmp_path


def _absolute(work: Path) -> str:
    return str(work / "report.yaml")


def _hard_link(work: Path) -> str:
    os.link(work / "report.yaml", work / "findings.json")
    return "findings.json"


def _symlink(work: Path) -> str:
    (work / "findings.json").symlink_to("report.yaml")
    return "findings.json"


OUTPUT_SPELLINGS: dict[str, Callable[[Path], str]] = {
    "same_name": lambda work: "report.yaml",
    "dot_slash": lambda work: "./report.yaml",
    "absolute": _absolute,
    "dot_dot": lambda work: "sub/../report.yaml",
    "hard_link": _hard_link,
    "symlink": _symlink,
}


@pytest.mark.parametrize("fmt", ["json", "terminal", "sarif", "markdown"])
@pytest.mark.parametrize("spelling", sorted(OUTPUT_SPELLINGS))
def test_check_never_writes_over_its_input(work: Path, spelling: str, fmt: str) -> None:
    before = digest(work / "report.yaml")
    target = OUTPUT_SPELLINGS[spelling](work)
    done = lkjip("check", "report.yaml", "--format", fmt, "--output", target, cwd=work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "masukan" in done.stderr and "Traceback" not in done.stderr
    assert digest(work / "report.yaml") == before


def test_check_of_a_folder_never_writes_over_a_report_inside(work: Path) -> None:
    before = digest(work / "report.yaml")
    done = lkjip("check", ".", "--format", "json", "-o", "report.yaml", cwd=work)
    assert done.returncode == 2, done.stderr
    assert digest(work / "report.yaml") == before


def test_check_never_replaces_another_report(work: Path) -> None:
    shutil.copy(work / "report.yaml", work / "other.yaml")
    before = digest(work / "other.yaml")
    done = lkjip("check", "report.yaml", "--format", "json", "-o", "other.yaml", "--lang", "en", cwd=work)
    assert done.returncode == 2 and "is an lkjip report" in done.stderr
    assert digest(work / "other.yaml") == before


@pytest.mark.parametrize("args", [("diff", "report.yaml"), ("diff", "report.yaml", "--format", "json"),
                                  ("diff", "report.yaml", "report.yaml")])
@pytest.mark.parametrize("spelling", ["same_name", "dot_dot", "hard_link", "symlink"])
def test_diff_never_writes_over_its_input(work: Path, args: tuple[str, ...], spelling: str) -> None:
    before = digest(work / "report.yaml")
    done = lkjip(*args, "--output", OUTPUT_SPELLINGS[spelling](work), cwd=work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert digest(work / "report.yaml") == before


def test_output_into_missing_folders_is_created(work: Path) -> None:
    done = lkjip("check", "report.yaml", "--format", "json", "-o", "missing/dir/out.json", cwd=work)
    assert done.returncode == 1, done.stderr
    assert (work / "missing" / "dir" / "out.json").read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize(("target", "message"), [
    ("report.yaml/x", "report.yaml adalah berkas, bukan folder"),
    ("/dev/full", "keluaran tidak dapat ditulis"),
])
@pytest.mark.parametrize("command", [("check", "report.yaml", "--format", "json"), ("diff", "report.yaml")])
def test_an_output_that_cannot_be_written_is_exit_2(work: Path, target: str, message: str,
                                                    command: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists() and target == "/dev/full":
        pytest.skip("this system has no /dev/full")
    before = digest(work / "report.yaml")
    done = lkjip(*command, "--output", target, cwd=work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr and "galat internal" not in done.stderr
    assert digest(work / "report.yaml") == before


# -- item 3: what is not a regular file is refused, with the cache on --------------------

@pytest.mark.parametrize("name", ["/dev/zero", "zero.yaml", "fifo.yaml", "/dev/stdin"])
def test_devices_and_fifos_are_refused_quickly(work: Path, name: str) -> None:
    (work / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(work / "fifo.yaml")
    with open("/dev/zero", "rb") as endless:
        done = lkjip("check", name, cwd=work, timeout=30, stdin=endless.fileno())
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr and "galat internal" not in done.stderr


def test_a_device_named_like_a_report_says_what_it_is(work: Path) -> None:
    (work / "zero.yaml").symlink_to("/dev/zero")
    done = lkjip("check", "zero.yaml", "--lang", "en", cwd=work, timeout=30)
    assert "zero.yaml: not a regular file (device)" in done.stdout


# -- the exporters ---------------------------------------------------------------------

def test_schema_export_never_replaces_a_report_with_a_schema(work: Path) -> None:
    shutil.copy(work / "report.yaml", work / "anggaran.yaml")  # a report named like a schema
    before = digest(work / "anggaran.yaml")
    done = lkjip("schema", "export", "-o", ".", cwd=work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert digest(work / "anggaran.yaml") == before
    assert not (work / "kinerja.yaml").exists()  # refused before anything was written


@pytest.mark.parametrize("command", [("schema", "export"), ("gx", "export")])
def test_export_into_a_file_is_exit_2(work: Path, command: tuple[str, ...]) -> None:
    if command[0] == "gx":
        pytest.importorskip("great_expectations")
    done = lkjip(*command, "-o", "report.yaml/out", cwd=work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "report.yaml adalah berkas, bukan folder" in done.stderr
