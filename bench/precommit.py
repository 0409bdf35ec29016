"""Benchmark 4: the pre-commit hook on one changed report in a repository of 1,000.

In a folder holding 1,000 generated reports (the throughput corpus), changes one figure
of one report and times what the hook runs for that commit: `lkjip check --only-reports
FILE` (or `lkjip check FILE` when the option does not exist), a fresh process each time,
median of 7 runs. The report is restored afterwards.

    python bench/precommit.py [--reports 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import subprocess

from _common import corpus, lkjip, median_of, print_machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print("Benchmark 4: pre-commit hook, one changed report")
    print_machine()
    folder, _ = corpus(args.reports, seed=1)
    target = sorted(folder.glob("*.yaml"))[args.reports // 2]
    original = target.read_bytes()
    help_text = subprocess.run([*lkjip(), "check", "--help"], capture_output=True, text=True).stdout
    only = ["--only-reports"] if "--only-reports" in help_text else []
    # The changed report is never in the cache; --no-cache also keeps runs from writing one.
    no_cache = ["--no-cache"] if "--no-cache" in help_text else []
    command = [*lkjip(), "check", *only, *no_cache, target.name]
    try:
        # One changed figure, as a planner's edit would be (any digit of Tabel 3.7's first realisasi).
        text = original.decode("utf-8")
        at = text.index('realisasi: "', text.index("id: tabel_3_7")) + len('realisasi: "')
        digit = "1" if text[at] != "1" else "2"
        target.write_text(text[:at] + digit + text[at + 1 :], encoding="utf-8")
        median, times = median_of(command, args.runs, cwd=folder)
    finally:
        target.write_bytes(original)
    print(f"  repository: {folder} ({args.reports} reports); changed: {target.name}")
    print(f"  hook command: {' '.join(command[1:])} (cwd = repository)")
    print(f"  median of {args.runs}: {median:.3f} s   runs: {', '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
