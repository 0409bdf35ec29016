"""A bug (exit 3) leaves its details in a new private file, never in a shared fixed name
(issue 13, item 5: a fixed /tmp/lkjip-error.log followed a planted symlink and truncated
its target, and two crashes overwrote each other)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator import runner
from validator.cli import main


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A check that crashes, and a private cache home for the log."""
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug planted by the test")

    monkeypatch.setattr(runner, "check_one", crash)
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _log_path(stderr: str) -> Path:
    return Path(stderr.strip().rsplit(": ", 1)[1])


def test_bug_log_is_a_new_private_file_and_a_planted_link_is_not_followed(
        crashing: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    planted = Path(tempfile.gettempdir()) / "lkjip-error.log"
    if not planted.exists() and not planted.is_symlink():
        planted.symlink_to(victim)
    try:
        assert main(["check", str(SEED_REPORT)]) == 3
        first = _log_path(capsys.readouterr().err)
        assert main(["check", str(SEED_REPORT)]) == 3
        second = _log_path(capsys.readouterr().err)
    finally:
        if planted.is_symlink() and planted.resolve() == victim:
            planted.unlink()
    assert victim.read_text(encoding="utf-8") == "precious"
    assert first != second  # two crashes, two logs
    for log in (first, second):
        assert log.is_relative_to(crashing)  # the user's own cache folder, not /tmp
        assert "RuntimeError: a bug planted by the test" in log.read_text(encoding="utf-8")
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700


def test_bug_log_falls_back_to_a_unique_temp_file(crashing: Path, capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    crashing.write_text("a file where the cache folder should be", encoding="utf-8")
    assert main(["check", str(SEED_REPORT), "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert "internal error (a bug). Details: " in err
    log = _log_path(err)
    try:
        assert log.parent == Path(tempfile.gettempdir()) and log.name.startswith("lkjip-error-")
        assert "a bug planted by the test" in log.read_text(encoding="utf-8")
    finally:
        os.unlink(log)
