"""Where the time of checking one report goes, stage by stage, in one process.

For N generated reports (already on disk, files in the OS cache): the bare C YAML parse,
the located tree, the model build, the non-schema rules, the schema rules row by row (as
the engine runs them for one report) and as pandera schemas vectorized over the chunk (as
the batch runs them).
Milliseconds of wall time per report, best of 3 passes.

    python bench/stages.py [--reports 50]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from _common import corpus, print_machine


def best(function: Callable[[], Any], count: int, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    args = parser.parse_args()

    import yaml

    from validator import batch, engine
    from validator.build import build_report
    from validator.engine.context import Context, Settings
    from validator.read.yaml_reader import read_yaml_tree
    from validator.runner import _rules_for

    print("Stages of one check (ms per report, one process)")
    print_machine()
    folder, _ = corpus(1000, seed=1)
    paths = sorted(folder.glob("*.yaml"))[: args.reports]
    count = len(paths)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rules, bands = _rules_for(())
    schema = [r for r in rules if batch._vectorized(r)]
    other = [r for r in rules if not batch._vectorized(r)]
    trees = [read_yaml_tree(p) for p in paths]
    reports = [build_report(t, str(p)) for t, p in zip(trees, paths, strict=True)]
    engine.run(reports[0], rules, None, bands)
    batch._vector_schema([batch._Job(paths[0], schema, Context(reports[0], Settings(), bands), None)])

    def rules_of(chosen: list[Any]) -> Callable[[], None]:
        return lambda: [engine.run(r, chosen, Settings(), bands) for r in reports] and None

    def vectorized() -> None:
        jobs = [
            batch._Job(p, schema, Context(r, Settings(), bands), None)
            for p, r in zip(paths, reports, strict=True)
        ]
        batch._vector_schema(jobs)

    rows = sum(len(t.rows) for r in reports for t in r.tabel)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"  {count} reports, {size / count / 1024:.0f} KiB and {rows / count:.0f} table rows per report")
    figures = {
        "yaml.load (CSafeLoader, plain objects)": best(
            lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts], count
        ),
        "read_yaml_tree (compose + located tree)": best(lambda: [read_yaml_tree(p) for p in paths], count),
        "build_report (model, Decimal figures)": best(
            lambda: [build_report(t, str(p)) for t, p in zip(trees, paths, strict=True)], count
        ),
        "non-schema rules (sum, formula, reconcile, ...)": best(rules_of(other), count),
        "schema rules, row by row (engine)": best(rules_of(schema), count),
        "same rules, pandera, vectorized per chunk": best(vectorized, count),
    }
    for name, value in figures.items():
        print(f"  {name:48} {value:7.1f} ms")


if __name__ == "__main__":
    main()
