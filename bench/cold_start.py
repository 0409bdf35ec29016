"""Benchmark 1: one report, a cold `lkjip check` process, against merely parsing the file.

Prints the median wall time of 7 runs of `lkjip check REPORT --format json` (a new Python
process each time), the median of a bare `python -c "import yaml; yaml.safe_load(...)"`
of the same file, their ratio, and where the time of a cold start goes.

    python bench/cold_start.py [--report PATH] [--runs 7]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import SEED_REPORT, lkjip, median_of, print_machine

TARGET_SECONDS = 1.0
TARGET_RATIO = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=SEED_REPORT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    report, runs, python = str(args.report), args.runs, sys.executable
    print("Benchmark 1: one report, cold process")
    print_machine()
    print(f"  report        {report} ({Path(report).stat().st_size:,} bytes)")
    # --no-cache: every run checks the report (a cache hit would skip the work measured).
    check, check_all = median_of([*lkjip(), "check", report, "--format", "json", "--no-cache"], runs)
    with tempfile.TemporaryDirectory() as folder:
        cached_command = [*lkjip(), "check", report, "--format", "json", "--cache-dir", folder]
        median_of(cached_command, 1)  # fills the cache
        cached, _ = median_of(cached_command, runs)
    parse, _ = median_of([python, "-c", f"import yaml; yaml.safe_load(open({report!r}))"], runs)
    cparse, _ = median_of(
        [python, "-c", f"import yaml; yaml.load(open({report!r}), Loader=yaml.CSafeLoader)"], runs
    )
    bare, _ = median_of([python, "-c", "pass"], runs)
    imports, _ = median_of([python, "-c", "import validator.cli"], runs)
    science, _ = median_of([python, "-c", "import pandas, pandera.pandas"], runs)  # batch only now
    print(
        f"\n  lkjip check (median of {runs})        {check:.3f} s   "
        f"runs: {', '.join(f'{t:.2f}' for t in check_all)}"
    )
    print(f"  lkjip check, result cached            {cached:.3f} s")
    print(f"  python + yaml.safe_load (pure Python) {parse:.3f} s")
    print(f"  python + yaml CSafeLoader             {cparse:.3f} s")
    print(f"  ratio check / safe_load               {check / parse:.2f}x")
    print(f"  ratio check / CSafeLoader parse       {check / cparse:.2f}x")
    print("\n  where a cold start goes (each a fresh process, median):")
    print(f"    python -c pass                      {bare:.3f} s")
    print(f"    import validator.cli                {imports:.3f} s")
    print(f"    import pandas, pandera (batch only) {science:.3f} s")
    verdict = "met" if check <= TARGET_SECONDS else f"missed by {check - TARGET_SECONDS:.2f} s"
    print(f"\n  target <= {TARGET_SECONDS:.0f} s wall: {verdict}")
    ratio = check / parse
    verdict = "met" if ratio <= TARGET_RATIO else f"missed ({ratio:.2f}x)"
    print(f"  target <= {TARGET_RATIO:.0f}x parse (safe_load): {verdict}")


if __name__ == "__main__":
    main()
