"""Rule kind `schema`: data checks on each table (readable figures, unique kode,
parents present and in place, known codes, plausible ranges).

One report's tables are a few dozen rows each, so these checks run row by row in plain
Python: building a data frame per table would cost more than the check, and importing
pandas and pandera would triple a cold `lkjip check`. The same checks as pandera schemas
(`validator/schemas.py`) run in the batch, once over a chunk of reports
(`validator/batch.py`); `tests/test_schema_backends.py` proves both give the same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from validator.engine.context import Context
from validator.findings import Finding
from validator.model import PARENT_LEVEL, UNKNOWN_LEVEL, Row, Table, parent_kode
from validator.ruleset import Rule


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    kind = rule.params["check"]
    for table in ctx.select(rule.params["tables"]):
        yield from CHECKS[kind](rule, ctx, table)


def _readable(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    wanted = rule.params.get("columns")
    rows = (*table.rows, table.total) if table.total else table.rows
    for row in rows:
        for column in row.cells:
            figure = row.figure(column)
            if figure is None or not figure.error or (wanted and column not in wanted):
                continue
            fields = {"reason": figure.error}
            yield ctx.finding(rule, table, row, column, figure=figure, fields=fields)


def _unique_kode(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    for position in duplicate_positions(table.rows):
        yield _at_row(rule, ctx, table, table.rows[position])


def duplicate_positions(rows: Sequence[Row]) -> list[int]:
    """Every row whose kode another row of the table also has (all of them, not the
    second only: which of the two is wrong is for the reader to say)."""
    counts = Counter(row.kode for row in rows)
    return [position for position, row in enumerate(rows) if counts[row.kode] > 1]


def _parent_exists(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    if table.kind != "anggaran":
        return
    for position in orphan_positions(table.rows):
        row = table.rows[position]
        yield _at_row(rule, ctx, table, row, {"parent": parent_kode(row.kode) or ""})


def orphan_positions(rows: Sequence[Row]) -> list[int]:
    """Rows whose parent is missing, when the table lists the parent's level at all: a
    sub kegiatan needs its kegiatan when the table lists kegiatan or programs, a kegiatan
    needs its program when the table lists programs (a PK lampiran that stops at kegiatan,
    or a flat list of sub kegiatan, has no parents to check)."""
    levels = {row.level for row in rows}
    known = {row.kode for row in rows}
    above = {"kegiatan": {"kegiatan", "program"} & levels, "program": {"program"} & levels}
    orphans = []
    for position, row in enumerate(rows):
        parent_level = PARENT_LEVEL.get(row.level)
        if parent_level is not None and above.get(parent_level) and parent_kode(row.kode) not in known:
            orphans.append(position)
    return orphans


def _parent_position(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    """The nearest row above of the parent's level is the parent its kode names."""
    if table.kind != "anggaran":
        return
    last: dict[str, Row] = {}
    for row in table.rows:
        parent = parent_kode(row.kode)
        parent_level = PARENT_LEVEL.get(row.level)
        above = last.get(parent_level) if parent_level else None
        if above is not None and parent is not None and above.kode != parent:
            yield _at_row(rule, ctx, table, row, {"parent": parent, "above": above.kode})
        last[row.level] = row


def _known_kode(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    for row in table.rows:
        if row.level == UNKNOWN_LEVEL:
            yield _at_row(rule, ctx, table, row)


def range_columns(rule: Rule, table: Table) -> tuple[list[str], tuple[Row, ...]]:
    """The rule's columns that the table states (the Jumlah row included), and its rows."""
    rows = (*table.rows, table.total) if table.total else table.rows
    return [c for c in rule.params.get("columns", []) if any(c in r.cells for r in rows)], rows


def _in_range(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    columns, rows = range_columns(rule, table)
    low, high = rule.params.get("min"), rule.params.get("max")
    fields = {"min": "" if low is None else str(low), "max": "" if high is None else str(high)}
    for position, column in out_of_range(rows, columns, low, high):
        row = rows[position]
        yield ctx.finding(rule, table, row, column, figure=row.figure(column), fields=fields)


def out_of_range(rows: Sequence[Row], columns: Sequence[str], low: float | None,
                 high: float | None) -> list[tuple[int, str]]:
    """(row position, column) of every readable figure below `low` or above `high`, row by
    row and columns in name order. Compared as floats, as the pandera schema compares."""
    failures = []
    for position, row in enumerate(rows):
        for column in sorted(columns):
            figure = row.figure(column)
            if figure is None or figure.value is None:
                continue
            value = float(figure.value)
            if (low is not None and not value >= low) or (high is not None and not value <= high):
                failures.append((position, column))
    return failures


def _at_row(rule: Rule, ctx: Context, table: Table, row: Row,
            fields: dict[str, str] | None = None) -> Finding:
    return ctx.finding(rule, table, row, None, fields=fields or {}, location=row.location)


CHECKS = {
    "readable": _readable,
    "unique_kode": _unique_kode,
    "parent_exists": _parent_exists,
    "parent_position": _parent_position,
    "known_kode": _known_kode,
    "in_range": _in_range,
}
