"""Checking many reports at once: reading and checking spread over processes.

`check_many` yields one ReportResult per report, in input order, as results arrive. Each
worker process checks a chunk of reports exactly as `runner.check_one` does (same
config lookup, same rules, same engine), so the findings are identical to checking the
reports one by one. Memory stays bounded: only a few chunks are in flight, and a result
keeps the report's identity and table list (what formatters show), not its figures.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from validator import collector, engine
from validator.cache import Entry, ResultCache
from validator.config import Config, load_config, select_rules
from validator.engine.context import Context
from validator.errors import InputError, Problem, RuleDefinitionError
from validator.findings import Finding, sort_findings
from validator.load import find_reports, load_report
from validator.model import Report, Row, Table, parent_kode
from validator.ruleset import Rule
from validator.runner import (
    ReportResult,
    RuleBooks,
    RunResult,
    Selection,
    _check_codes,
    _check_options,
    _config_for,
    _rules_for,
    cache_key,
    check_one,
    check_paths,
    slim,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.connection import Connection

    import pandas as pd
    import pandera.pandas as pa

ALL_RULES = Selection()  # no --select / --ignore
HANDFUL = 8  # up to this many reports, one process is faster than starting a pool
MAX_CHUNK = 32
IN_FLIGHT_PER_JOB = 3


@dataclass(frozen=True)
class _Outcome:
    """A ReportResult in a form that crosses process boundaries (InputError does not pickle)."""

    path: Path
    report: Report | None
    findings: list[Finding]
    problems: list[Problem] | None

    def result(self) -> ReportResult:
        error = InputError(self.problems) if self.problems is not None else None
        return ReportResult(self.path, self.report, self.findings, error)


@dataclass(frozen=True)
class _RuleProblems:
    problems: list[Problem]


def default_jobs() -> int:
    return os.cpu_count() or 1


def use_batch(reports: int, jobs: int | None) -> bool:
    """Batch for more than a handful of reports, or whenever more than one job is asked for."""
    if jobs is not None:
        return jobs > 1 and reports > 1
    return reports > HANDFUL


def chunk_size(reports: int, jobs: int) -> int:
    """Enough chunks to keep every worker busy to the end, few enough to amortise the IPC."""
    return max(1, min(MAX_CHUNK, reports // (jobs * 8)))


def run_paths(
    paths: Sequence[Path],
    config_path: Path | None = None,
    selection: Selection = ALL_RULES,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> RunResult:
    """Like runner.check_paths, in parallel when there are many reports or jobs > 1."""
    reports = list(find_reports(paths))
    if not use_batch(len(reports), jobs):
        return check_paths(reports, config_path, selection, cache=cache)
    explicit = load_config(config_path) if config_path else None
    checked = check_many(reports, explicit, jobs, selection, cache=cache)
    results = list(_with_progress(checked, len(reports)))
    return RunResult(results, rules_used(reports, explicit))


def _with_progress(results: Iterable[ReportResult], total: int) -> Iterator[ReportResult]:
    """A progress bar on stderr when a person is watching (never in a pipe or CI log)."""
    import sys

    if not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(results, total=total, description="Memeriksa laporan", transient=True,
                     console=Console(stderr=True))


def rules_used(paths: Iterable[Path], config: Config | None) -> list[Rule]:
    """Every rule any of the reports is checked with (the union over their configs)."""
    folders = [config.rule_paths] if config is not None else [_config_for(p).rule_paths for p in paths]
    found: dict[str, Rule] = {}
    for extra in dict.fromkeys(folders):  # each distinct set of rule folders once, in order
        found.update({r.code: r for r in _rules_for(extra)[0]})
    return sorted(found.values(), key=lambda r: r.code)


def check_many(
    paths: Iterable[Path],
    config: Config | None = None,
    jobs: int | None = None,
    selection: Selection = ALL_RULES,
    chunksize: int | None = None,
    vectorize: bool = True,
    cache: ResultCache | None = None,
) -> Iterator[ReportResult]:
    """Check every report; yield its result in input order.

    `config` applies to every report (as `--config`); None looks up lkjip.toml from each
    report's folder. `jobs` defaults to the number of cores; 1 checks in this process.
    `vectorize` runs each pandera schema rule once per chunk of reports instead of once
    per table (same findings, see _vector_schema). With a `cache`, a report checked before
    with the same bytes, rules and settings is not read again (see validator.cache).
    """
    jobs = jobs or default_jobs()
    items = list(paths)
    size = chunksize or chunk_size(len(items), jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if jobs == 1 or len(items) <= 1:
        for chunk in chunks:
            yield from (_unwrap(o) for o in _check_chunk(chunk, config, selection, vectorize, cache))
        return
    with _pool(jobs) as pool:
        pending: deque[Future[list[_Outcome | _RuleProblems]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_check_chunk, chunk, config, selection, vectorize, cache))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _drain(pending.popleft())
        while pending:
            yield from _drain(pending.popleft())


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


def _drain(future: Future[list[_Outcome | _RuleProblems]]) -> Iterator[ReportResult]:
    for outcome in future.result():
        yield _unwrap(outcome)


def _unwrap(outcome: _Outcome | _RuleProblems) -> ReportResult:
    if isinstance(outcome, _RuleProblems):
        raise RuleDefinitionError(outcome.problems)
    return outcome.result()


def _check_chunk(
    paths: list[Path], config: Config | None, selection: Selection, vectorize: bool = False,
    cache: ResultCache | None = None,
) -> list[_Outcome | _RuleProblems]:
    with collector.paused():  # a chunk's reports are lasting objects, nearly cycle-free
        if vectorize:
            return _check_chunk_vectorized(paths, config, selection, cache)
        return _check_chunk_one_by_one(paths, config, selection, cache)


def _check_chunk_one_by_one(
    paths: list[Path], config: Config | None, selection: Selection, cache: ResultCache | None
) -> list[_Outcome | _RuleProblems]:
    outcomes: list[_Outcome | _RuleProblems] = []
    books = RuleBooks()
    for path in paths:
        outcome = _check(path, config, selection, cache, books)
        outcomes.append(outcome)
        if isinstance(outcome, _RuleProblems):
            break  # the run stops here, as check_paths would
    return outcomes


def _check(path: Path, config: Config | None, selection: Selection,
           cache: ResultCache | None, books: RuleBooks) -> _Outcome | _RuleProblems:
    """One report exactly as runner.check_paths checks it."""
    chosen = config or _config_for(path)
    rules, bands = books.get(chosen.rule_paths)
    try:
        result = check_one(path, chosen, rules, bands, selection, cache=cache)
    except RuleDefinitionError as exc:
        return _RuleProblems(exc.problems)
    problems = result.error.problems if result.error is not None else None
    return _Outcome(result.path, slim(result.report), result.findings, problems)


# -- vectorized schema rules -----------------------------------------------------------------
#
# The pandera rules (unique kode, parent present, values in range) cost one frame and one
# validation per table: most of a report's checking time. Here every table of a chunk of
# reports goes into one frame per rule, keyed by a part number (one part = one table of
# one report), and each rule validates once. The per-table semantics are kept: uniqueness
# is within a part, the parent check is the engine's own check applied part by part, and
# the range check is element-wise. Findings are made exactly as engine/schema.py makes them
# and slotted into each report's rule order, so engine.run's result is reproduced.

VECTOR_CHECKS = ("unique_kode", "parent_exists", "in_range")


@dataclass
class _Job:
    """One report of a chunk, read and ready for its rules."""

    path: Path
    rules: list[Rule]
    ctx: Context | None
    problems: list[Problem] | None
    key: str | None = None  # its cache key, when the result is to be cached


@dataclass(frozen=True)
class _Part:
    job: int
    rule: int
    table: Table
    rows: tuple[Row, ...]


def _vectorized(rule: Rule) -> bool:
    # Schema rules are declared as items + expectations now (validator/engine/schema.py);
    # the pandera path below no longer applies to them: every rule runs per report.
    return False


def _check_chunk_vectorized(
    paths: list[Path], config: Config | None, selection: Selection, cache: ResultCache | None = None
) -> list[_Outcome | _RuleProblems]:
    prepared: list[_Job | _Outcome] = []
    books = RuleBooks()
    stop: list[_Outcome | _RuleProblems] = []
    for path in paths:
        job = _prepare(path, config, selection, cache, books)
        if isinstance(job, _RuleProblems):
            stop = [job]  # the run stops here, as check_paths would
            break
        prepared.append(job)
    jobs = [job for job in prepared if isinstance(job, _Job)]
    found = _vector_schema(jobs)
    finished = iter([_finish(job, found, index, cache) for index, job in enumerate(jobs)])
    return [*(next(finished) if isinstance(job, _Job) else job for job in prepared), *stop]


def _prepare(path: Path, config: Config | None, selection: Selection, cache: ResultCache | None,
             books: RuleBooks) -> _Job | _Outcome | _RuleProblems:
    """runner.check_one up to the engine: scope, rule choice, the cache, reading."""
    chosen = config or _config_for(path)
    rules, bands = books.get(chosen.rule_paths)
    scope = chosen.scope_for(path)
    select, ignore = selection.in_force(scope)
    try:
        _check_codes([*select, *ignore], rules, chosen)
        chosen_rules = select_rules(rules, select, ignore, scope.severity)
        _check_options(chosen_rules, scope.settings.options, chosen)
    except RuleDefinitionError as exc:
        return _RuleProblems(exc.problems)
    key = cache_key(cache, path, rules, bands, scope, selection) if cache is not None else None
    hit = cache.get(key) if cache is not None and key is not None else None
    if hit is not None:
        return _Outcome(path, hit.report, hit.findings, hit.problems)
    try:
        report = load_report(path)
    except InputError as exc:
        return _Job(path, chosen_rules, None, exc.problems, key)
    return _Job(path, chosen_rules, Context(report, scope.settings, bands), None, key)


def _finish(job: _Job, found: dict[tuple[int, int], list[Finding]], index: int = -1,
            cache: ResultCache | None = None) -> _Outcome:
    """engine.run for one report, with the vectorized rules' findings slotted in."""
    if job.ctx is None:
        outcome = _Outcome(job.path, None, [], job.problems)
    else:
        findings: list[Finding] = []
        for number, rule in enumerate(job.rules):
            if _vectorized(rule):
                findings.extend(found.get((index, number), []))
            else:
                findings.extend(engine.judge(*engine.compile_rule(rule, job.ctx)))
        outcome = _Outcome(job.path, slim(job.ctx.report), sort_findings(findings), None)
    if cache is not None and job.key is not None:
        cache.put(job.key, Entry(outcome.report, outcome.findings, outcome.problems))
    return outcome


def _vector_schema(jobs: list[_Job]) -> dict[tuple[int, int], list[Finding]]:
    """Findings of every vectorized rule of every report, keyed by (report, rule index)."""
    groups: dict[tuple[str, str], list[_Part]] = {}
    for index, job in enumerate(jobs):
        if job.ctx is None:
            continue
        for number, rule in enumerate(job.rules):
            if _vectorized(rule):
                key = (rule.params["check"], repr(sorted(rule.params.items())))
                groups.setdefault(key, []).extend(_parts(index, number, rule, job.ctx))
    found: dict[tuple[int, int], list[Finding]] = {}
    for (check, _), parts in groups.items():
        if not parts:
            continue
        rule = jobs[parts[0].job].rules[parts[0].rule]  # same check and parameters for all
        for part, position, column in _failures(check, rule, parts):
            job = jobs[part.job]
            assert job.ctx is not None
            finding = _finding(check, job.rules[part.rule], job.ctx, part, position, column)
            found.setdefault((part.job, part.rule), []).append(finding)
    return found


def range_columns(rule: Rule, table: Table) -> tuple[list[str], tuple[Row, ...]]:
    rows = (*table.rows, table.total) if table.total else table.rows
    return [c for c in rule.params.get("columns", []) if any(c in r.cells for r in rows)], rows


def _parts(index: int, number: int, rule: Rule, ctx: Context) -> Iterator[_Part]:
    """The tables a rule checks in one report, in the engine's order, with their rows."""
    check = rule.params["check"]
    for table in ctx.select(rule.params["tables"]):
        if check == "parent_exists" and table.kind != "anggaran":
            continue
        rows = table.rows
        if check == "in_range":
            columns, rows = range_columns(rule, table)
            if not columns:
                continue
        yield _Part(index, number, table, rows)


def _failures(check: str, rule: Rule, parts: list[_Part]) -> Iterator[tuple[_Part, int, str | None]]:
    """(part, row position, column) of every failure, validating all parts at once."""
    from validator import schemas

    frame, places = _frame(check, rule, parts)
    for index, column in schemas.failing_rows(frame, _schema(check, rule, frame)):
        number, position = places[index]
        yield parts[number], position, column


def _frame(check: str, rule: Rule, parts: list[_Part]) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """One frame for all parts, built by the engine's own table_frame: one call per table
    kind and column set (a row's record depends only on those), not one per table."""
    import pandas as pd

    from validator import schemas

    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for number, part in enumerate(parts):
        columns = tuple(range_columns(rule, part.table)[0]) if check == "in_range" else ()
        groups.setdefault((part.table.kind, columns), []).append(number)
    frames, places = [], []
    for (kind, columns), numbers in groups.items():
        rows = [row for n in numbers for row in parts[n].rows]
        frame = schemas.table_frame(Table("", "", kind, ()), columns, rows)
        frame["_part"] = [n for n in numbers for _ in parts[n].rows]
        frames.append(frame)
        places += [(n, position) for n in numbers for position in range(len(parts[n].rows))]
    return pd.concat(frames, ignore_index=True), places


def _schema(check: str, rule: Rule, frame: pd.DataFrame) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    from validator import schemas

    if check == "unique_kode":
        return pa.DataFrameSchema({"kode": pa.Column(str)}, unique=["_part", "kode"], report_duplicates="all")
    if check == "parent_exists":
        per_table = schemas.parent_exists_schema().checks[0]

        def each_table(data: pd.DataFrame) -> pd.Series:
            # The engine's own per-table check, applied to each table's rows.
            passed: pd.Series = data.groupby("_part", sort=False, group_keys=False)[list(data.columns)].apply(
                lambda part: per_table(part).check_output
            )
            return passed

        return pa.DataFrameSchema(checks=[pa.Check(each_table, name="parent_exists")])
    columns = [c for c in rule.params.get("columns", []) if c in frame.columns]
    return schemas.in_range_schema(columns, rule.params.get("min"), rule.params.get("max"))


def _finding(check: str, rule: Rule, ctx: Context, part: _Part, position: int, column: str | None) -> Finding:
    """The finding engine/schema.py makes for this failure."""
    table, row = part.table, part.rows[position]
    if check == "unique_kode":
        return ctx.finding(rule, table, row, None, fields={}, location=row.location)
    if check == "parent_exists":
        return ctx.finding(
            rule, table, row, None, fields={"parent": parent_kode(row.kode) or ""}, location=row.location
        )
    low, high = rule.params.get("min"), rule.params.get("max")
    figure = row.figure(column) if column else None
    fields = {"min": "" if low is None else str(low), "max": "" if high is None else str(high)}
    return ctx.finding(rule, table, row, column, figure=figure, fields=fields)
