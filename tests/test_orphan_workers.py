"""Pool workers die with the main process (issue 13, item 6).

An OOM killer or a CI runner kills only the main pid. A real `lkjip check --jobs 2` process
is killed with SIGKILL while its workers run; every process it started (workers, and the
forkserver and resource tracker when the start method uses them) must then disappear.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from validator.generate.corpus import GenerateOptions, generate_corpus

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120.0
EXIT_TIMEOUT = 20.0

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

Identity = tuple[int, str]  # a pid and its start time, so a reused pid is not mistaken for it


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("orphans") / "reports"
    generate_corpus(GenerateOptions(reports=200, seed=1, output=folder))
    return folder


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state is [0], ppid [1])."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        fields = _stat(int(name)) if name.isdigit() else None
        if fields is not None:
            tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def _descendants(root: int) -> list[int]:
    tree, found, todo = _children(), [], [root]
    while todo:
        kids = tree.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _workers(root: int) -> list[int]:
    """Descendants that start no process themselves, the resource tracker aside."""
    tree = _children()
    return [pid for pid in _descendants(root)
            if pid not in tree and b"resource_tracker" not in _cmdline(pid)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _identity(pid: int) -> Identity | None:
    fields = _stat(pid)
    return None if fields is None else (pid, fields[19])


def _alive(identity: Identity) -> bool:
    """Still running: the same process, and not a zombie waiting for init to reap it."""
    fields = _stat(identity[0])
    return fields is not None and fields[19] == identity[1] and fields[0] not in ("Z", "X")


def _start(method: str, reports: Path) -> subprocess.Popen[bytes]:
    code = (f"import multiprocessing, sys\nmultiprocessing.set_start_method({method!r})\n"
            "from validator.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    argv = ["check", str(reports), "--jobs", "2", "--no-cache", "--format", "json"]
    return subprocess.Popen([sys.executable, "-c", code, *argv], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_workers(process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if len(_workers(process.pid)) >= 2:
            return
        time.sleep(0.02)
    pytest.fail("the check finished or never started its workers; use more reports")


def _wait_until_gone(started: list[Identity]) -> list[Identity]:
    deadline = time.monotonic() + EXIT_TIMEOUT
    alive = [p for p in started if _alive(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if _alive(p)]
    return alive


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_workers_exit_when_the_main_process_is_killed(reports: Path, method: str) -> None:
    process = _start(method, reports)
    started: list[Identity] = []
    try:
        _wait_for_workers(process)
        started = [i for i in map(_identity, _descendants(process.pid)) if i is not None]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        alive = _wait_until_gone(started)
        assert not alive, [_cmdline(pid)[:120] for pid, _ in alive]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid, _ in (p for p in started if _alive(p)):  # never leave orphans behind
            os.kill(pid, signal.SIGKILL)
