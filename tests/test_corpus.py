"""The bad-input corpus (tests/corpus/cases.yaml): every case through `lkjip check`.

Each case must end with its exit code (2 when the input cannot be used, 1 when the file
is readable and the problem is a finding), a message that contains the expected text and
names the place, no traceback, every file of the case untouched (and nothing new written
beside it), within a time bound, and for the big cases within a memory bound.
`pytest -k alias_bomb` runs one case.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml

from tests.corpus.generate import CORPUS, generate
from validator.cli import main

MANIFEST = CORPUS / "cases.yaml"
BASE_REPORT = CORPUS / "base" / "report.yaml"
DEFAULT_SECONDS = 20.0
ISOLATED_MEMORY = 2 * 1024 * 1024 * 1024
NOT_CASES = {"cases.yaml", "generate.py", "__pycache__"}


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    exit: int
    message: str
    place: str
    file: str | None = None
    generate: tuple[Mapping[str, Any], ...] = ()
    target: str | None = None
    rules: str | None = None
    config: str | None = None
    args: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    env: Mapping[str, str] = dataclasses.field(default_factory=dict)
    max_seconds: float = DEFAULT_SECONDS
    max_memory_mb: float | None = None
    isolated: bool = False
    xfail: str | None = None


FIELDS = {f.name for f in dataclasses.fields(Case)}


def load_cases() -> list[Case]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    cases = []
    for item in data["cases"]:
        unknown = set(item) - FIELDS
        assert not unknown, f"{item.get('name')}: unknown manifest keys {unknown}"
        values = {**item}
        for key in ("generate", "args", "absent"):
            if key in values:
                values[key] = tuple(values[key])
        cases.append(Case(**values))
    return cases


CASES = load_cases()


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


# -- the manifest itself ------------------------------------------------------------------


def test_manifest_is_complete() -> None:
    names = [c.name for c in CASES]
    assert len(names) >= 100
    assert len(set(names)) == len(names), "case names must be unique"
    for case in CASES:
        assert case.exit in (1, 2), case.name
        assert case.message and case.place, case.name
        assert case.file or case.generate or case.rules or case.config, case.name


def test_every_committed_file_belongs_to_a_case() -> None:
    used = {BASE_REPORT.relative_to(CORPUS).as_posix()}
    for case in CASES:
        if case.file:
            used.add(case.file)
        used.update(str(spec["from"]) for spec in case.generate if "from" in spec)
    committed = {
        path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*")
        if path.is_file() and not NOT_CASES & set(path.relative_to(CORPUS).parts)
    }
    orphans = {p for p in committed if not any(p == u or p.startswith(u + "/") for u in used)}
    assert not orphans


# -- running a case -------------------------------------------------------------------------


class CaseTimeout(BaseException):
    """Raised by the timer; a BaseException so that main()'s `except Exception` lets it out."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout(f"no result within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prepare(case: Case, work: Path) -> list[str]:
    """Lay the case out in work; the argv of `lkjip check` for it."""
    if case.file:
        source = CORPUS / case.file
        if source.is_dir():
            shutil.copytree(source, work / source.name)
        else:
            shutil.copyfile(source, work / source.name)
    if case.rules or case.config:
        shutil.copyfile(BASE_REPORT, work / "report.yaml")
    for spec in case.generate:
        generate(spec, work)
    config = case.config
    if case.rules:
        (work / "lkjip.toml").write_text(f'rules = ["{case.rules}"]\n', encoding="utf-8")
        config = "lkjip.toml"
    elif not config:
        # An empty config beside the case keeps any lkjip.toml further up out of the run.
        (work / "lkjip.toml").write_text("", encoding="utf-8")
    target = case.target or (
        Path(case.file).name if case.file and not (case.rules or case.config)
        else "report.yaml" if case.rules or case.config else case.generate[0]["name"]
    )
    argv = ["check", target, "--lang", "en"]
    if config:
        argv += ["--config", config]
    return argv + list(case.args)


def snapshot(folder: Path) -> dict[str, str]:
    """What every entry of folder is, without reading special files (FIFOs, devices)."""
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            info = path.lstat()
            key = path.relative_to(folder).as_posix()
            if stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with path.open("rb") as handle:
                    while chunk := handle.read(1024 * 1024):
                        digest.update(chunk)
                state[key] = digest.hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                state[key] = "link:" + os.readlink(path)
            else:
                state[key] = f"mode:{stat.S_IFMT(info.st_mode)}"
    return state


@dataclasses.dataclass
class Outcome:
    code: int
    output: str
    seconds: float
    peak_bytes: int = 0
    rss_growth_bytes: int = 0


def run_in_process(case: Case, argv: list[str], capsys: pytest.CaptureFixture[str]) -> Outcome:
    measure = case.max_memory_mb is not None
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if measure:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        with time_limit(case.max_seconds):
            code = main(argv)
    except CaseTimeout as exc:
        pytest.fail(f"{case.name}: {exc}")
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if measure else 0
        if measure:
            tracemalloc.stop()
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
    captured = capsys.readouterr()
    return Outcome(code, captured.out + captured.err, seconds, peak, growth)


def run_isolated(case: Case, argv: list[str], work: Path) -> Outcome:
    """A child process with a memory cap, for inputs that could hang or exhaust the tests."""
    script = "import sys\nfrom validator.cli import main\nsys.exit(main(sys.argv[1:]))\n"

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ISOLATED_MEMORY, ISOLATED_MEMORY))

    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, *argv], cwd=work, capture_output=True, text=True,
            timeout=case.max_seconds, preexec_fn=cap_memory, stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "1000", **case.env}, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case.name}: no result within {case.max_seconds} s")
    return Outcome(done.returncode, done.stdout + done.stderr, time.perf_counter() - start)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_corpus_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    argv = prepare(case, work)
    before = snapshot(work)
    monkeypatch.chdir(work)
    monkeypatch.setenv("COLUMNS", "1000")  # rich would otherwise wrap messages at 80
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    outcome = run_isolated(case, argv, work) if case.isolated else run_in_process(case, argv, capsys)
    output = outcome.output
    assert "Traceback" not in output
    assert outcome.code == case.exit, output
    assert case.message in output, output
    assert case.place in output, output
    for text in case.absent:
        assert text not in output, f"{text!r} in output"
    assert snapshot(work) == before, "the case's files changed or a file was written beside them"
    assert outcome.seconds < case.max_seconds
    if case.max_memory_mb is not None:
        limit = case.max_memory_mb * 1024 * 1024
        assert outcome.peak_bytes < limit, f"traced peak {outcome.peak_bytes} bytes"
        assert outcome.rss_growth_bytes < limit, f"RSS grew {outcome.rss_growth_bytes} bytes"


@pytest.mark.parametrize("name", ["xlsx_external_entity", "csv_formula_equals", "yaml_python_object_apply"])
def test_a_check_opens_no_network_connection(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An entity or formula that names a URL is never fetched: every socket use is recorded."""
    import socket

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    case = next(c for c in CASES if c.name == name)
    work = tmp_path / "work"
    work.mkdir()
    argv = prepare(case, work)
    monkeypatch.chdir(work)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert main(argv) == case.exit
    capsys.readouterr()
    assert attempts == []
