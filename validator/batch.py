"""Checking many reports: `runner.check_one` over every report, in worker processes.

`check_many` yields one ReportResult per report, in input order, as results arrive. A
worker checks a chunk of reports with a plain loop over `runner.check_one` (the one
per-report check: same config lookup, rules, cache and engine), so the findings are the
ones checking the reports one by one gives. Memory stays bounded: only a few chunks are
in flight, and a result keeps the report's identity and table list (what formatters
show), not its figures. Whether a run batches at all is `runner.use_batch`.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from validator import collector, runner
from validator.cache import ResultCache, slim
from validator.config import Config
from validator.coverage import Coverage
from validator.errors import InputError, Problem, RuleDefinitionError
from validator.findings import Finding
from validator.model import Report
from validator.selection import ALL_RULES, Selection
from validator.suppress import Suppressed

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.connection import Connection

MAX_CHUNK = 32
IN_FLIGHT_PER_JOB = 3


@dataclass(frozen=True)
class _Outcome:
    """A ReportResult in a form that crosses process boundaries (InputError does not pickle)."""

    path: Path
    report: Report | None
    findings: list[Finding]
    problems: list[Problem] | None
    coverage: Coverage | None = None
    suppressed: list[Suppressed] = field(default_factory=list)

    def result(self) -> runner.ReportResult:
        error = InputError(self.problems) if self.problems is not None else None
        return runner.ReportResult(self.path, self.report, self.findings, error, self.coverage,
                                   self.suppressed)


@dataclass(frozen=True)
class _RuleProblems:
    problems: list[Problem]


def default_jobs() -> int:
    return os.cpu_count() or 1


def chunk_size(reports: int, jobs: int) -> int:
    """Enough chunks to keep every worker busy to the end, few enough to amortise the IPC."""
    return max(1, min(MAX_CHUNK, reports // (jobs * 8)))


def check_many(
    paths: Iterable[Path],
    config: Config | None = None,
    jobs: int | None = None,
    selection: Selection = ALL_RULES,
    chunksize: int | None = None,
    cache: ResultCache | None = None,
) -> Iterator[runner.ReportResult]:
    """Check every report with `runner.check_one`; yield its result in input order.

    `config` applies to every report (as `--config`); None looks up lkjip.toml from each
    report's folder. `jobs` defaults to the number of cores; 1 checks in this process.
    A selection naming unknown rules raises RuleDefinitionError when its report's turn
    comes, as `runner.check_paths` does.
    """
    jobs = jobs or default_jobs()
    items = list(paths)
    size = chunksize or chunk_size(len(items), jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if jobs == 1 or len(items) <= 1:
        for chunk in chunks:
            yield from (_unwrap(o) for o in _check_chunk(chunk, config, selection, cache))
        return
    with _pool(jobs) as pool:
        pending: deque[Future[list[_Outcome | _RuleProblems]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_check_chunk, chunk, config, selection, cache))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _drain(pending.popleft())
        while pending:
            yield from _drain(pending.popleft())


def with_progress(results: Iterable[runner.ReportResult], total: int) -> Iterator[runner.ReportResult]:
    """A progress bar on stderr when a person is watching (never in a pipe or CI log)."""
    if not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(results, total=total, description="Memeriksa laporan", transient=True,
                     console=Console(stderr=True))


# -- a pool whose workers die with this process -------------------------------------------------
#
# A worker waits for its next chunk on a pipe that every other worker holds open too, so
# when the main process is killed (OOM killer, CI timeout) it would wait forever. Each
# worker therefore watches a lifeline, a pipe only the main process can write to: at EOF
# the main process is gone and the worker exits. This works with every start method (a
# forkserver worker's parent is the forkserver, not us; the forkserver exits once its
# workers have). On Linux the kernel also kills a worker whose parent dies, even in the
# middle of a computation that keeps the lifeline thread from running.

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@contextmanager
def _pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    from concurrent.futures import ProcessPoolExecutor  # only a batch run pays for the import
    from multiprocessing import Pipe

    lifeline, held = Pipe(duplex=False)
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_watch_main,
                                 initargs=(os.getpid(), lifeline, held)) as pool:
            yield pool
    finally:
        lifeline.close()
        held.close()


def _watch_main(main_pid: int, lifeline: Connection, held: Connection) -> None:
    """Pool initializer: exit this worker when the main process dies."""
    import threading

    held.close()  # a worker's copy would keep the lifeline open after the main process died
    _kill_with_parent(main_pid)
    threading.Thread(target=_exit_at_eof, args=(lifeline,), name="lkjip-lifeline", daemon=True).start()


def _exit_at_eof(lifeline: Connection) -> None:
    lifeline.poll(None)  # nothing is ever sent: this returns at EOF, when the main process is gone
    os._exit(1)


def _kill_with_parent(main_pid: int) -> None:
    """On Linux, have the kernel SIGKILL this worker when its parent dies, if that is us."""
    if not sys.platform.startswith("linux") or os.getppid() != main_pid:
        return  # a forkserver's worker, or the main process already died: the lifeline acts
    import ctypes
    import signal

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() != main_pid:
        os._exit(1)  # the parent died before the signal was armed


def _drain(future: Future[list[_Outcome | _RuleProblems]]) -> Iterator[runner.ReportResult]:
    for outcome in future.result():
        yield _unwrap(outcome)


def _unwrap(outcome: _Outcome | _RuleProblems) -> runner.ReportResult:
    if isinstance(outcome, _RuleProblems):
        raise RuleDefinitionError(outcome.problems)
    return outcome.result()


def _check_chunk(paths: list[Path], config: Config | None, selection: Selection,
                 cache: ResultCache | None = None) -> list[_Outcome | _RuleProblems]:
    """runner.check_one for each report of a chunk, in a worker (or in this process)."""
    outcomes: list[_Outcome | _RuleProblems] = []
    with collector.paused():  # a chunk's reports are lasting objects, nearly cycle-free
        for path in paths:
            try:
                result = runner.check_one(path, config, selection, cache=cache)
            except RuleDefinitionError as exc:
                outcomes.append(_RuleProblems(exc.problems))
                break  # the run stops here, as check_paths would
            problems = result.error.problems if result.error is not None else None
            outcomes.append(_Outcome(result.path, slim(result.report), result.findings, problems,
                                     result.coverage, result.suppressed))
    return outcomes
