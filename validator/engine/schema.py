"""Rule kind `schema`: data checks on each table (readable figures, unique kode,
parents present and in place, known codes, plausible ranges), with pandera schemas
where a frame check fits."""

from __future__ import annotations

from collections.abc import Iterator

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
    from validator import schemas  # pandas and pandera load only when a schema check runs

    frame = schemas.table_frame(table)
    for position, _ in schemas.failing_rows(frame, schemas.unique_kode_schema()):
        yield _at_row(rule, ctx, table, table.rows[position])


def _parent_exists(rule: Rule, ctx: Context, table: Table) -> Iterator[Finding]:
    if table.kind != "anggaran":
        return
    from validator import schemas

    frame = schemas.table_frame(table)
    for position, _ in schemas.failing_rows(frame, schemas.parent_exists_schema()):
        row = table.rows[position]
        yield _at_row(rule, ctx, table, row, {"parent": parent_kode(row.kode) or ""})


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
    if not columns:
        return
    low, high = rule.params.get("min"), rule.params.get("max")
    from validator import schemas

    frame = schemas.table_frame(table, columns, rows)
    schema = schemas.in_range_schema(columns, low, high)
    for position, column in schemas.failing_rows(frame, schema):
        row = rows[position]
        figure = row.figure(column) if column else None
        fields = {"min": "" if low is None else str(low), "max": "" if high is None else str(high)}
        yield ctx.finding(rule, table, row, column, figure=figure, fields=fields)


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
