"""Where the time of checking one report goes, stage by stage, in one process.

For N generated reports (already on disk, files in the OS cache): the bare C YAML parse,
the located tree, the model build, the non-schema rules, the schema rules row by row (as
the engine runs them, one report at a time, in a batch too) and, for comparison, the same
rules as pandera schemas over all N reports' tables at once (one frame per rule and
table kind; the batch did this until issue 14 measured it slower and dropped it).
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


PANDERA_SHAPES = ("unique", "parent_present", "between")


def range_columns(rule: Any, table: Any) -> tuple[list[str], tuple[Any, ...]]:
    """The rule's columns that the table states (the Jumlah row included), and its rows."""
    rows = (*table.rows, table.total) if table.total else table.rows
    return [c for c in rule.params.get("columns", []) if any(c in r.cells for r in rows)], rows


def pandera_over(reports: list[Any], rules: list[Any], bands: Any) -> None:
    """Each rule validated once as a pandera schema over one frame of every table it
    checks in `reports` (a part number keeps tables apart), as the batch used to; the
    failing rows are found, not turned into findings."""
    import pandas as pd
    import pandera.pandas as pa

    from validator import schemas
    from validator.engine.context import Context, Settings
    from validator.model import Table

    contexts = [Context(report, Settings(), bands) for report in reports]

    for rule in rules:
        expect = schemas.frame_expectation(rule)
        check = expect.shape
        groups: dict[tuple[str, tuple[str, ...]], list[tuple[int, tuple[Any, ...]]]] = {}
        part = 0
        for ctx in contexts:
            for table in ctx.select(rule.params["tables"]):
                if check == "parent_present" and table.kind != "anggaran":
                    continue
                columns: tuple[str, ...] = ()
                rows = table.rows
                if check == "between":
                    found, rows = range_columns(rule, table)
                    columns = tuple(found)
                    if not columns:
                        continue
                groups.setdefault((table.kind, columns), []).append((part, rows))
                part += 1
        frames = []
        for (kind, columns), parts in groups.items():
            every = [row for _, rows in parts for row in rows]
            frame = schemas.table_frame(Table("", "", kind, ()), columns, every)
            frame["_part"] = [n for n, rows in parts for _ in rows]
            frames.append(frame)
        if not frames:
            continue
        frame = pd.concat(frames, ignore_index=True)
        if check == "unique":
            schema = pa.DataFrameSchema({"kode": pa.Column(str)}, unique=["_part", "kode"],
                                        report_duplicates="all")
        elif check == "parent_present":
            schema = pa.DataFrameSchema(checks=[pa.Check(_each_table, name="parent_exists")])
        else:
            wanted = [c for c in rule.params.get("columns", []) if c in frame.columns]
            schema = schemas.in_range_schema(wanted, expect.args.get("min"), expect.args.get("max"))
        list(schemas.failing_rows(frame, schema))


def _each_table(data: Any) -> Any:
    """The engine's per-table parent check, applied to each table's rows of one frame."""
    from validator import schemas

    per_table = schemas.parent_exists_schema().checks[0]
    return data.groupby("_part", sort=False, group_keys=False)[list(data.columns)].apply(
        lambda one: per_table(one).check_output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    args = parser.parse_args()

    import yaml

    from validator import engine
    from validator.build import build_report
    from validator.engine.context import Settings
    from validator.read.yaml_reader import read_yaml_tree
    from validator.selection import rule_book

    print("Stages of one check (ms per report, one process)")
    print_machine()
    folder, _ = corpus(1000, seed=1)
    paths = sorted(folder.glob("*.yaml"))[: args.reports]
    count = len(paths)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rules, bands = rule_book()
    from validator.schemas import frame_expectation

    schema = [r for r in rules if (e := frame_expectation(r)) is not None and e.shape in PANDERA_SHAPES]
    other = [r for r in rules if r not in schema]
    trees = [read_yaml_tree(p) for p in paths]
    reports = [build_report(t, str(p)) for t, p in zip(trees, paths, strict=True)]
    engine.run(reports[0], rules, None, bands)
    pandera_over(reports[:1], schema, bands)

    def rules_of(chosen: list[Any]) -> Callable[[], None]:
        return lambda: [engine.run(r, chosen, Settings(), bands) for r in reports] and None

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
        "same rules, pandera, all reports' tables at once": best(
            lambda: pandera_over(reports, schema, bands), count
        ),
    }
    for name, value in figures.items():
        print(f"  {name:48} {value:7.1f} ms")


if __name__ == "__main__":
    main()
