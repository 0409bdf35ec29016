"""Rule kind `completeness`: a row that states some figures states another one too.

`tables` selects the tables, `levels` the rows (all when absent), `when` the columns a
row must state to be checked, and `column` the one it must then state: an indicator of
a measurement table with a target must state its realisation. A cell that is stated but
cannot be read is present (DAT001 says it cannot be read). The items are the rows
checked, with `value`: the required cell as printed, null when the row lacks it.
"""

from __future__ import annotations

from validator.bands import BandSet
from validator.engine.context import Context
from validator.engine.items import Items
from validator.expectations import Expect
from validator.findings import Finding
from validator.model import Row, Table
from validator.ruleset import Rule

Entry = tuple[Table, Row]


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return [Expect("check", "present", {"column": "value"})]


def items(rule: Rule, ctx: Context) -> Items:
    column = ctx.column_name(rule.params["column"])
    when = [ctx.column_name(c) for c in rule.params.get("when", [])]
    levels = rule.params.get("levels")
    entries = [(table, row) for table in ctx.select(rule.params["tables"]) for row in table.rows
               if (not levels or row.level in levels) and all(c in row.cells for c in when)]

    def value(entry: Entry) -> str | None:
        cell = entry[1].cells.get(column)
        return None if cell is None else getattr(cell, "raw", None) or str(cell.value)

    def make(entry: Entry, _status: str) -> Finding:
        table, row = entry
        return ctx.finding(rule, table, row, column, fields={"when": ", ".join(when)}, location=row.location)

    return Items(entries, lambda e: (e[0].id, e[1].kode, column, None), make, getters={"value": value})
