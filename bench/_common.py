"""Shared helpers for the benchmark scripts: the machine, timing, memory, corpora."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
CACHE = Path(os.environ.get("LKJIP_BENCH_DIR", Path(tempfile.gettempdir()) / "lkjip-bench"))
PAGE = os.sysconf("SC_PAGE_SIZE")


def machine() -> dict[str, str]:
    """nproc, CPU model, memory, Python version and the current load."""
    model = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(handle.readline().split()[1])
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "memory": f"{total_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def print_machine() -> None:
    for key, value in machine().items():
        print(f"  {key:13} {value}")


def lkjip() -> list[str]:
    """The lkjip console script of the running environment."""
    script = Path(sys.executable).parent / "lkjip"
    return [str(script)] if script.exists() else [sys.executable, "-m", "validator.cli"]


def timed(command: Sequence[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median_of(command: Sequence[str], runs: int = 7, cwd: Path | None = None) -> tuple[float, list[float]]:
    times = [timed(command, cwd) for _ in range(runs)]
    return statistics.median(times), times


@dataclass
class Measured:
    wall: float
    cpu: float  # user + sys of the process and every descendant it waited for
    peak_tree_rss: int  # bytes: the largest sum of RSS over the process tree, sampled
    max_child_rss: int  # bytes: ru_maxrss of the largest single descendant
    returncode: int


def measure(command: Sequence[str], stdout: Path | None = None, cwd: Path | None = None) -> Measured:
    """Run a command once; wall time, CPU time and peak memory of its whole process tree."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115 - closed below
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    sampler.stop()
    if stdout:
        out.close()  # type: ignore[union-attr]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, sampler.peak, after.ru_maxrss * 1024, code)


class _TreeSampler(threading.Thread):
    """Sums the RSS of a process and its descendants from /proc every 50 ms."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self._done = root, 0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _tree_rss(self.root))
            self._done.wait(0.05)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", encoding="utf-8") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def corpus(reports: int, seed: int = 1, defects: float = 0.0, jobs: int | None = None) -> tuple[Path, float]:
    """A generated corpus, cached between runs; the seconds it took to generate (0 if cached)."""
    from validator.generate.corpus import MANIFEST, GenerateOptions, generate_corpus

    folder = CACHE / f"corpus-{reports}-seed{seed}-defects{defects}"
    if (folder / MANIFEST).is_file():
        return folder, 0.0
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    generate_corpus(GenerateOptions(reports, seed, folder, defects, jobs=jobs or os.cpu_count() or 1))
    return folder, time.perf_counter() - start


def mib(value: int) -> str:
    return f"{value / 1024 / 1024:.0f} MiB"
