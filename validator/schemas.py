"""Table schemas with pandera: tables as DataFrames, checked lazily.

A frame holds rows (row position as index) with the kode, level, parent kode and the
float value of every readable figure. A small pandera schema is built from a `schema`
rule's parameters, validated lazily so every failure is collected, and each failure case
is mapped back to its row. `lkjip schema export` writes these schemas and the gx engine
uses the parent check. Every `lkjip check`, one report or a batch, runs the same rules row
by row (`validator/engine/schema.py`), with the same result (`tests/test_schema_backends.py`);
a batch validating one frame per chunk was slower (issue 14, `bench/stages.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from validator.engine.shapes import ANCESTORS
from validator.expectations import Expect
from validator.model import PARENT_LEVEL, Row, Table, parent_kode, table_parents
from validator.ruleset import Rule

FRAME_COLUMNS = ("kode", "level", "parent", "parent_level")


def table_frame(table: Table, columns: Iterable[str] = (), rows: Sequence[Row] | None = None) -> pd.DataFrame:
    """kode, level, parent, the level its parent has, and float values of `columns`."""
    wanted = list(columns)
    records = []
    parents = dict(zip(map(id, table.rows), table_parents(table), strict=True))
    for row in table.rows if rows is None else rows:
        budget = table.kind == "anggaran"
        parent = parents.get(id(row), parent_kode(row.kode, table.struktur)) if budget else None
        record: dict[str, object] = {
            "kode": row.kode, "level": row.level, "parent": parent,
            "parent_level": PARENT_LEVEL.get(row.level),
        }
        for column in wanted:
            figure = row.figure(column)
            value = figure.value if figure is not None else None
            record[column] = float(value) if value is not None else None
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[*FRAME_COLUMNS, *wanted])


def failing_rows(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[tuple[int, str | None]]:
    """(row position, column) of every failure case; column None for frame-level checks."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        result = []
        for _, case in cases.iterrows():
            index = case["index"]
            if index is None or pd.isna(index):
                continue
            frame_level = case["schema_context"] == "DataFrameSchema"
            column = case["column"] if isinstance(case["column"], str) and not frame_level else None
            result.append((int(index), column))
        return sorted(set(result), key=lambda item: (item[0], item[1] or ""))
    return []


def unique_kode_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({"kode": pa.Column(str, unique=True)})


def parent_exists_schema() -> pa.DataFrameSchema:
    """A sub kegiatan's kegiatan (a kegiatan's program) is in the table, when the table
    lists any level above the row (a flat list of sub kegiatan has no parents to check)."""

    def has_parent(frame: pd.DataFrame) -> pd.Series:
        levels_present = set(frame["level"])
        known = set(frame["kode"])
        # A sub kegiatan needs its kegiatan when the table lists kegiatan or programs at
        # all; a kegiatan needs its program when the table lists programs (and the same
        # for the central levels: an RO needs its KRO when the table lists KRO or above).
        above = {level: levels & levels_present for level, levels in ANCESTORS.items()}
        needs = frame["parent_level"].map(lambda level: bool(above.get(level))).astype(bool)
        return ~needs | frame["parent"].isin(known)

    return pa.DataFrameSchema(checks=[pa.Check(has_parent, name="parent_exists")])


def in_range_schema(columns: Iterable[str], low: float | None, high: float | None) -> pa.DataFrameSchema:
    checks = []
    if low is not None:
        checks.append(pa.Check.ge(low))
    if high is not None:
        checks.append(pa.Check.le(high))
    return pa.DataFrameSchema({c: pa.Column(float, checks=checks, nullable=True) for c in columns})


def frame_expectation(rule: Rule) -> Expect | None:
    """The expectation of a schema rule that is a check on one table's frame, if it is
    one: kode unique, parent present, level known, figures in range. Rules checked
    elsewhere (whether a printed figure can be read, the order of printed rows) are not."""
    if rule.kind != "schema" or len(rule.params["expect"]) != 1:
        return None
    expect: Expect = rule.params["expect"][0]
    source, args = rule.params["items"], expect.args
    if expect.shape == "unique" and set(args["columns"]) <= {"table", "kode"}:
        return expect
    if expect.shape == "parent_present":
        return expect
    if expect.shape == "between" and source == "figures" and args["column"] == "value":
        return expect
    if expect.shape == "not_in_set" and source == "rows" and args["column"] == "level":
        return expect
    return None
