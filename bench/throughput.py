"""Benchmark 2: many generated reports: reports per second and peak memory.

Generates (or reuses, cached in $LKJIP_BENCH_DIR, default /tmp/lkjip-bench) a corpus of N
reports and runs `lkjip check DIR --jobs J --format json` on it twice, its JSON going to a
file (never `--output /dev/null`: the atomic writer would replace the device node): cold,
with an empty result cache (every report read and checked, and its result stored), then
warm, with the cache the first run filled (a CI re-run over a repository where nothing
changed). Prints wall time, reports per second, CPU seconds per report (robust to other
load on the machine), the peak RSS of the whole process tree and of the largest process.
With --api it also runs the batch API (validator.batch.check_many) in this process.

    python bench/throughput.py [--reports 1000 10000] [--jobs 2] [--api]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from _common import CACHE, Measured, corpus, lkjip, measure, mib, print_machine

TARGET_RATE = 500
TARGET_MEMORY = 2 * 1024**3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--api", action="store_true", help="also time check_many in-process")
    parser.add_argument(
        "--stream", action="store_true", help="check with the batch API in a child process, logging progress"
    )
    args = parser.parse_args()
    print("Benchmark 2: throughput and memory", flush=True)
    print_machine()
    for count in args.reports:
        folder, seconds = corpus(count, args.seed)
        made = f"generated in {seconds:.0f} s" if seconds else "cached"
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        print(f"\n  {count:,} reports in {folder} ({made}; {size / 1024**2:.0f} MiB of YAML)", flush=True)
        if args.stream:
            _stream(folder, count, args.jobs)
            continue
        results = CACHE / f"result-cache-{count}"
        shutil.rmtree(results, ignore_errors=True)
        outputs = []
        for label in ("cold", "warm"):
            out = CACHE / f"findings-{count}-{label}.json"
            command = [*lkjip(), "check", str(folder), "--jobs", str(args.jobs), "--format", "json",
                       "--cache-dir", str(results)]
            _report(label, count, args.jobs, measure(command, stdout=out), out)
            outputs.append(out.read_bytes())
        print(f"    warm output identical to cold: {outputs[0] == outputs[1]}", flush=True)
        if args.api:
            _api(folder, args.jobs)


def _report(label: str, count: int, jobs: int, run: Measured, out: Path) -> None:
    rate = count / run.wall
    print(
        f"    {label}: lkjip check --jobs {jobs}: {run.wall:.1f} s wall, {rate:.1f} reports/s, "
        f"{run.cpu / count * 1000:.1f} ms CPU per report, exit {run.returncode}"
    )
    print(
        f"      peak memory: {mib(run.peak_tree_rss)} (process tree, sampled), "
        f"{mib(run.max_child_rss)} (largest process); JSON {out.stat().st_size / 1024**2:.1f} MiB"
    )
    verdict = "met" if rate >= TARGET_RATE else f"missed ({rate:.1f}/s, {TARGET_RATE / rate:.0f}x short)"
    print(
        f"      target >= {TARGET_RATE} reports/s: {verdict}; "
        f"memory < 2 GB: {'met' if run.peak_tree_rss < TARGET_MEMORY else 'missed'}",
        flush=True,
    )


def _stream(folder: Path, count: int, jobs: int) -> None:
    """The batch API in a child process that logs `done elapsed rate findings` lines, so a run
    that must be stopped still tells its rate (tail the log while it runs)."""
    log = CACHE / f"progress-{count}.log"
    print(f"    progress log: {log}", flush=True)
    script = Path(__file__).with_name("_stream_check.py")
    run = measure([sys.executable, str(script), str(folder), "--jobs", str(jobs)], stdout=log)
    lines = log.read_text(encoding="utf-8").split()
    done = int(lines[-4]) if len(lines) >= 4 else 0
    rate = done / run.wall if run.wall else 0.0
    print(
        f"    check_many --jobs {jobs}: {done:,} reports in {run.wall:.1f} s wall, {rate:.1f} reports/s, "
        f"{run.cpu / max(done, 1) * 1000:.0f} ms CPU per report, exit {run.returncode}"
    )
    print(
        f"    peak memory: {mib(run.peak_tree_rss)} (process tree, sampled), "
        f"{mib(run.max_child_rss)} (largest process)",
        flush=True,
    )


def _api(folder: Path, jobs: int) -> None:
    import resource

    from validator.batch import check_many
    from validator.load import find_reports

    paths = list(find_reports([folder]))
    start = time.perf_counter()
    findings = sum(len(r.findings) for r in check_many(paths, jobs=jobs))
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"    check_many(jobs={jobs}): {wall:.1f} s, "
        f"{len(paths) / wall:.1f} reports/s, "
        f"{findings} findings, this process peak {mib(peak)}; pid {os.getpid()}",
        flush=True,
    )


if __name__ == "__main__":
    main()
