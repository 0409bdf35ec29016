"""Benchmark 3: the native engine against the gx (Great Expectations) engine.

Runs every rule over the same reports (the seed and N generated ones) with each engine,
in this process, reports already loaded, and prints the time per report and the ratio.
Prints "gx engine not available" when validator.gx or great_expectations is missing.

    python bench/engines.py [--reports 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from _common import SEED_REPORT, corpus, print_machine

TARGET_RATIO = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from validator import engine
    from validator.bands import load_band_sets
    from validator.load import load_report
    from validator.ruleset import bundled_rules_dir, load_rules

    print("Benchmark 3: native vs gx engine")
    print_machine()
    folder, _ = corpus(args.reports, seed=3)
    reports = [load_report(SEED_REPORT), *(load_report(p) for p in sorted(folder.glob("*.yaml")))]
    rules, bands = load_rules(), load_band_sets(bundled_rules_dir() / "bands")
    print(f"  {len(reports)} reports, {len(rules)} rules")
    native, mine = _best(lambda r: engine.run(r, rules, None, bands), reports, args.repeat)
    print(f"  native: {native * 1000:.1f} ms per report")
    gx_run = _gx()
    if gx_run is None:
        print("  gx engine not available")
        return
    gx, theirs = _best(lambda r: gx_run(r, rules, None, bands), reports, 1)
    print(f"  gx:     {gx * 1000:.1f} ms per report")
    same = sum(_keys(a) == _keys(b) for a, b in zip(mine, theirs, strict=True))
    print(f"  same findings (code, table, kode, column, severity): {same} of {len(reports)} reports")
    ratio = gx / native
    verdict = "met" if ratio >= TARGET_RATIO else f"missed ({ratio:.1f}x)"
    print(f"  native is {ratio:.1f}x faster; target >= {TARGET_RATIO}x: {verdict}")


def _best(run: Callable[[Any], Any], reports: list[Any], repeat: int) -> tuple[float, list[Any]]:
    """The best of `repeat` passes over all reports, per report (after one warm-up), and
    the findings of the last pass."""
    run(reports[0])
    best, results = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        results = [run(report) for report in reports]
        best = min(best, (time.perf_counter() - start) / len(reports))
    return best, results


def _keys(findings: Any) -> list[tuple[str, ...]]:
    return sorted((f.code, f.table or "", f.kode or "", f.column or "", f.severity) for f in findings)


def _gx() -> Callable[..., Any] | None:
    try:
        from validator import gx
    except ImportError:
        return None
    if not getattr(gx, "available", lambda: False)():
        return None
    return gx.run


if __name__ == "__main__":
    main()
