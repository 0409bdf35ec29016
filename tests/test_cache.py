"""The result cache: a second check of unchanged reports gives the same findings without
checking again; any change to the report, the rules or the settings is a miss; a broken
or tampered cache is a miss, never a wrong result or a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator import engine, runner
from validator.batch import check_many
from validator.cache import ResultCache, cache_secret, decode, default_cache, encode, slim
from validator.cli import main
from validator.errors import InputError
from validator.formatters import NAMES
from validator.generate.corpus import GenerateOptions, generate_corpus
from validator.load import find_reports, load_report
from validator.runner import ReportResult, check_paths
from validator.selection import Selection


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LKJIP_NO_CACHE", raising=False)  # the suite turns it off elsewhere


@pytest.fixture
def report(tmp_path: Path) -> Path:
    target = tmp_path / "laporan" / "report.yaml"
    target.parent.mkdir()
    target.write_bytes(SEED_REPORT.read_bytes())
    return target


def _no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine ran on a cached report")

    monkeypatch.setattr(engine, "run", fail)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.json"))


def test_second_run_is_served_from_the_cache(report: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ResultCache(tmp_path / "cache")
    first = check_paths([report], cache=cache).reports[0]
    assert len(_entries(cache.folder)) == 1 and first.findings
    _no_engine(monkeypatch)
    second = check_paths([report], cache=cache).reports[0]
    assert second.findings == first.findings
    assert second.report == slim(first.report)


def test_cli_output_is_identical_warm_and_cold(report: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", str(report), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    outputs = []
    for _ in range(2):
        assert main(args) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and json.loads(outputs[0])["reports"][0]["findings"]
    assert main([*args[:-2], "--no-cache"]) == 1
    assert capsys.readouterr().out == outputs[0]


def test_every_input_of_the_result_is_in_the_key(report: Path, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    base = check_paths([report], cache=cache).reports[0]
    # The report changes: a figure of Tabel 2.5 no longer unreadable.
    text = report.read_text(encoding="utf-8")
    assert 'anggaran: "25.000.00"' in text
    report.write_text(text.replace('anggaran: "25.000.00"', 'anggaran: "25.000.000"', 1), encoding="utf-8")
    changed = check_paths([report], cache=cache).reports[0]
    assert changed.findings != base.findings
    assert changed.findings == check_paths([report]).reports[0].findings
    # The settings change: a severity override in lkjip.toml.
    (report.parent / "lkjip.toml").write_text('[severity]\nREV005 = "info"\n', encoding="utf-8")
    overridden = check_paths([report], cache=cache).reports[0]
    assert {f.severity for f in overridden.findings if f.code == "REV005"} == {"info"}
    # The selection changes.
    only = check_paths([report], selection=Selection(select=("FRM",)), cache=cache).reports[0]
    assert only.findings and {f.code[:3] for f in only.findings} == {"FRM"}
    assert len(_entries(cache.folder)) == 4


def test_unreadable_report_is_cached_as_its_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    first = check_paths([broken], cache=cache).reports[0]
    monkeypatch.setattr("validator.runner.load_report", lambda path: pytest.fail("read again"))
    second = check_paths([broken], cache=cache).reports[0]
    assert first.error is not None and second.error is not None
    assert second.error.describe("en") == first.error.describe("en")


@pytest.mark.parametrize("content", [
    b"", b"not json", b'{"$c": "Popen", "f": {"args": "true"}}', b"[" * 100_000 + b"]" * 100_000,
    b'{"$c": "Entry", "f": {"report": null, "findings": "x", "problems": null, "extra": 1}}',
    json.dumps({"$t": [1, 2]}).encode(),
])
def test_a_broken_or_tampered_entry_is_a_miss(report: Path, tmp_path: Path, content: bytes) -> None:
    cache = ResultCache(tmp_path / "cache")
    first = check_paths([report], cache=cache).reports[0]
    [entry] = _entries(cache.folder)
    entry.write_bytes(content)
    again = check_paths([report], cache=cache).reports[0]
    assert again.findings == first.findings
    assert decode(json.loads(_payload(entry))).findings == first.findings  # rewritten


def _payload(entry: Path) -> bytes:
    """The JSON of an entry, after its signature line."""
    header, _, payload = entry.read_bytes().partition(b"\n")
    assert header.startswith(b"lkjip-cache 2 ")
    return payload


def _sign_as_unsigned_json(entry: Path, data: object) -> None:
    """What an attacker without the secret can write: a valid entry with a made-up line."""
    header = entry.read_bytes().partition(b"\n")[0]
    entry.write_bytes(header + b"\n" + json.dumps(data).encode())


def _emptied(entry: Path) -> object:
    data = json.loads(_payload(entry))
    data["f"]["findings"] = []
    return data


def test_a_falsified_entry_does_not_pass_a_broken_report(report: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13, item 8: an entry with its findings emptied made a report with 4 errors
    pass with exit 0. Signed entries make that a miss: the report is checked again."""
    folder = tmp_path / "cache"
    assert main(["check", str(report), "--cache-dir", str(folder)]) == 1
    [entry] = _entries(folder)
    _sign_as_unsigned_json(entry, _emptied(entry))  # the old signature over new bytes
    assert main(["check", str(report), "--cache-dir", str(folder)]) == 1
    entry.write_bytes(json.dumps(_emptied(entry)).encode())  # the pre-signing format
    assert main(["check", str(report), "--cache-dir", str(folder)]) == 1
    assert "4 error" in capsys.readouterr().out


def test_an_entry_moved_to_another_key_is_a_miss(report: Path, tmp_path: Path) -> None:
    """A clean report's (validly signed) entry copied under a broken report's key."""
    clean = tmp_path / "clean" / "report.yaml"
    clean.parent.mkdir()
    text = report.read_text(encoding="utf-8")
    clean.write_text(text.replace('"25.000.00"', '"25.000.000"'), encoding="utf-8")
    cache = ResultCache(tmp_path / "cache", secret=b"s" * 32)
    broken = check_paths([report], cache=cache).reports[0]
    [broken_entry] = _entries(cache.folder)
    check_paths([clean], cache=cache)
    [clean_entry] = [e for e in _entries(cache.folder) if e != broken_entry]
    broken_entry.write_bytes(clean_entry.read_bytes())
    again = check_paths([report], cache=ResultCache(tmp_path / "cache", secret=b"s" * 32)).reports[0]
    assert again.findings == broken.findings


def test_a_cache_made_with_another_secret_is_all_misses(report: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI cache restored from a fork's run (which has no access to the repository's
    LKJIP_CACHE_SECRET) is never trusted; runs that share the secret share the cache."""
    folder = tmp_path / "cache"
    check_paths([report], cache=ResultCache(folder, secret=b"fork" * 8))
    monkeypatch.setattr("validator.runner.load_report", lambda path: pytest.fail("read again"))
    check_paths([report], cache=ResultCache(folder, secret=b"fork" * 8))  # same secret: a hit
    monkeypatch.undo()
    monkeypatch.delenv("LKJIP_NO_CACHE", raising=False)
    calls: list[Path] = []
    monkeypatch.setattr("validator.runner.load_report", lambda path: calls.append(path) or load_report(path))
    result = check_paths([report], cache=ResultCache(folder, secret=b"main" * 8)).reports[0]
    assert calls == [report] and result.findings


def test_the_secret_comes_from_the_environment_else_a_private_user_file(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LKJIP_CACHE_SECRET", raising=False)
    cache_secret.cache_clear()
    try:
        made = cache_secret()
        secret_file = tmp_path / "home" / "lkjip" / "cache-secret"
        assert len(made) == 64 and secret_file.read_bytes() == made
        assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
        cache_secret.cache_clear()
        assert cache_secret() == made  # kept: a second run hits the first run's entries
        monkeypatch.setenv("LKJIP_CACHE_SECRET", "a repository secret")
        cache_secret.cache_clear()
        assert cache_secret() == b"a repository secret"
        monkeypatch.delenv("LKJIP_CACHE_SECRET")
        secret_file.chmod(0o644)  # readable by others: not a secret any more
        cache_secret.cache_clear()
        assert cache_secret() == b""
        assert ResultCache(tmp_path / "cache").get("0" * 40) is None
    finally:
        cache_secret.cache_clear()


def test_failed_writes_leave_no_temporary_file_and_clean_removes_old_ones(
        report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13, item 9: `lkjip cache clean` left the .tmp files of failed writes."""
    folder = tmp_path / "cache"
    check_paths([report], cache=ResultCache(folder))
    [entry] = _entries(folder)
    leftover = entry.parent / f".{entry.name}.12345.tmp"  # a run killed before its rename
    leftover.write_bytes(b"half an entry")
    entry.unlink()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("validator.cache.os.replace", fail)
    check_paths([report], cache=ResultCache(folder))  # the write fails: a miss, no crash
    monkeypatch.undo()
    monkeypatch.delenv("LKJIP_NO_CACHE", raising=False)
    assert sorted(p.name for p in entry.parent.iterdir()) == [leftover.name]
    assert main(["cache", "clean", "--cache-dir", str(folder)]) == 0
    assert not leftover.exists()


def test_codec_refuses_what_it_cannot_rebuild() -> None:
    with pytest.raises(TypeError):
        encode({"path": Path("x")})
    with pytest.raises(KeyError):
        decode({"$c": "Popen", "f": {}})
    assert decode(encode({"a": (1.5, float("inf"))})) == {"a": (1.5, float("inf"))}


def test_an_unwritable_cache_is_not_used(report: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    result = check_paths([report], cache=ResultCache(blocker / "cache")).reports[0]
    assert result.findings and blocker.read_text(encoding="utf-8") == "x"


def test_cache_folder_is_ignored_by_git_and_backups(report: Path, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    check_paths([report], cache=cache)
    assert (cache.folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache.folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f59")


def test_off_switches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert default_cache(enabled=False) is None
    monkeypatch.setenv("LKJIP_NO_CACHE", "1")
    assert default_cache() is None
    monkeypatch.setenv("LKJIP_NO_CACHE", "0")
    monkeypatch.setenv("LKJIP_CACHE_DIR", str(tmp_path / "elsewhere"))
    chosen = default_cache()
    assert chosen is not None and chosen.folder == tmp_path / "elsewhere"


def test_no_cache_writes_nothing(report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(report), "--format", "json", "--no-cache"]) == 1
    assert not (tmp_path / ".lkjip_cache").exists()
    assert main(["check", str(report), "--format", "json"]) == 1
    assert len(_entries(tmp_path / ".lkjip_cache")) == 1
    capsys.readouterr()


def test_key_is_the_same_in_every_process(report: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from validator.cache import ResultCache;"
        "from validator.config import config_for; from validator.runner import cache_key;"
        "from validator.selection import choose;"
        "p = Path(sys.argv[1]);"
        "print(cache_key(ResultCache(Path('x')), p, choose(p, config_for(p))))"
    )
    keys = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True,
                              env=env, check=True)
        keys.add(done.stdout.strip())
    assert len(keys) == 1 and len(keys.pop()) == 40


def test_batch_with_cache_equals_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "corpus"
    generate_corpus(GenerateOptions(reports=10, seed=11, output=folder, defects=0.8))
    (folder / "zz-broken.yaml").write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    paths = list(find_reports([folder]))
    expected = check_paths(paths).reports
    cache = ResultCache(tmp_path / "cache")
    cold = list(check_many(paths, jobs=2, chunksize=3, cache=cache))
    assert len(_entries(cache.folder)) == len(paths)
    _no_engine(monkeypatch)  # in this process; the workers are checked by the equality
    warm = list(check_many(paths, jobs=1, chunksize=3, cache=cache))
    for one, many in ((expected, cold), (expected, warm)):
        _same(one, many)


def _same(one: list[ReportResult], many: list[ReportResult]) -> None:
    assert [r.path for r in many] == [r.path for r in one]
    for a, b in zip(one, many, strict=True):
        assert b.findings == a.findings, a.path
        assert (a.error is None) == (b.error is None)
        if isinstance(a.error, InputError) and isinstance(b.error, InputError):
            assert b.error.describe("en") == a.error.describe("en")
        assert b.report == slim(a.report)


def test_folder_search_skips_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / ".lkjip_cache").mkdir()
    (tmp_path / ".lkjip_cache" / "old.yaml").write_bytes(SEED_REPORT.read_bytes())
    (tmp_path / ".git" / "x").mkdir(parents=True)
    (tmp_path / ".git" / "x" / "r.yaml").write_bytes(SEED_REPORT.read_bytes())
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "r.yaml").write_bytes(SEED_REPORT.read_bytes())
    (tmp_path / "a.yaml").write_bytes(SEED_REPORT.read_bytes())
    assert list(find_reports([tmp_path])) == [tmp_path / "a.yaml", tmp_path / "b" / "r.yaml"]


def test_cache_info_and_clean(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "c"
    assert main(["cache", "info", "--cache-dir", str(folder), "--lang", "en"]) == 0
    assert "no lkjip cache yet" in capsys.readouterr().out
    check_paths([report], cache=ResultCache(folder))
    other = report.with_name("other.yaml")
    other.write_bytes(report.read_bytes())
    check_paths([other], cache=ResultCache(folder))
    assert main(["cache", "info", "--cache-dir", str(folder), "--lang", "en"]) == 0
    assert ": 2 cached results" in capsys.readouterr().out
    # A hit marks the entry used; an entry unused for 10 days goes with --unused-days 7.
    stale = _entries(folder)[0]
    os.utime(stale, (stale.stat().st_atime - 10 * 86400, stale.stat().st_mtime - 10 * 86400))
    assert main(["cache", "clean", "--cache-dir", str(folder), "--unused-days", "7", "--lang", "en"]) == 0
    assert "1 results deleted" in capsys.readouterr().out
    assert len(_entries(folder)) == 1 and not stale.exists()
    check_paths([report], cache=ResultCache(folder))  # a hit or a re-check: both keep working
    assert main(["cache", "clean", "--cache-dir", str(folder)]) == 0
    assert _entries(folder) == [] and (folder / "CACHEDIR.TAG").is_file()
    capsys.readouterr()


def test_cache_clean_refuses_a_folder_lkjip_did_not_make(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    precious = tmp_path / "ab" / "keep.json"
    precious.parent.mkdir()
    precious.write_text("{}", encoding="utf-8")
    assert main(["cache", "clean", "--cache-dir", str(tmp_path), "--lang", "en"]) == 2
    assert "not an lkjip cache folder" in capsys.readouterr().err
    assert precious.exists()


def test_a_hit_marks_the_entry_used(report: Path, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c")
    check_paths([report], cache=cache)
    [entry] = _entries(cache.folder)
    os.utime(entry, (1_000_000, 1_000_000))
    check_paths([report], cache=cache)
    assert entry.stat().st_mtime > 1_000_000


@pytest.mark.parametrize("fmt", NAMES)
def test_every_format_is_served_from_the_cache(fmt: str, report: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm run of any format neither reads nor checks the report (issue 21: html did)."""
    out = tmp_path / "out"
    args = ["check", str(report), "--format", fmt, "--cache-dir", str(tmp_path / "c"), "-o", str(out)]
    assert main(args) == 1
    cold = out.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached report was read or checked again")

    monkeypatch.setattr(runner, "load_report", fail)
    monkeypatch.setattr(runner, "_engine_run", fail)
    assert main(args) == 1
    assert out.read_bytes() == cold
