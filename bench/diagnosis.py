"""What the root-cause diagnosis costs per report, beside the rules that find.

For N generated reports with one injected defect each (every family in turn) and the
seed, in one process: the rules (validator.engine.plan.check) and the diagnosis
(validator.diagnosis.diagnose) separately, milliseconds of wall time per report, best of
3 passes; then the slowest single report's diagnosis (best of 3). A report without findings costs
the diagnosis nothing (it returns at once); one with findings recompiles the relational
rules (sum, reconcile, formula, aggregate) to read their relations and searches each
group of linked failures.

    python bench/diagnosis.py [--reports 100]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from _common import SEED_REPORT, corpus, print_machine


def best(function: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()

    from validator.config import config_for
    from validator.diagnosis import diagnose
    from validator.engine import plan
    from validator.load import load_report
    from validator.selection import ALL_RULES, choose

    print("Root-cause diagnosis (ms per report, one process)")
    print_machine()
    folder, _ = corpus(args.reports, seed=5, defects=1.0)
    paths = [*sorted(folder.glob("*.yaml"))[: args.reports], SEED_REPORT]
    cases = []
    for path in paths:
        chosen = choose(path, config_for(path), ALL_RULES)
        report = load_report(path)
        settings, bands = chosen.scope.settings, chosen.bands
        findings, _ = plan.check(report, chosen.rules, settings, bands)
        cases.append((report, chosen.rules, findings, settings, bands))
    count = len(cases)
    with_findings = sum(1 for c in cases if c[2])

    def rules() -> None:
        for report, chosen_rules, _, settings, bands in cases:
            plan.check(report, chosen_rules, settings, bands)

    def diagnosis() -> None:
        for report, chosen_rules, findings, settings, bands in cases:
            diagnose(report, chosen_rules, findings, settings, bands)

    print(f"  {count} reports ({with_findings} with findings)")
    print(f"  {'rules (plan.check)':40} {best(rules) / count * 1000:7.2f} ms")
    print(f"  {'diagnosis (diagnose)':40} {best(diagnosis) / count * 1000:7.2f} ms")
    slowest = max(
        (best(lambda c=case: diagnose(c[0], c[1], c[2], c[3], c[4])), case[0].source) for case in cases
    )
    print(f"  {'slowest report, diagnosis':40} {slowest[0] * 1000:7.2f} ms  ({slowest[1]})")


if __name__ == "__main__":
    main()
