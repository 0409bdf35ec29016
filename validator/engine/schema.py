"""Rule kind `schema`: data checks on each table, declared in the rule file.

A schema rule names which items it looks at (`items: rows` or `items: figures`) and
what they must meet (`expect:`, see validator/expectations.py):

- `rows`: one item per row: `kode`, `level`, `parent` (the kode its parent has, in a
  budget table), `parent_level` and `above` (the kode of the nearest row above at the
  parent's level); cited at the row.
- `figures`: one item per figure (the Jumlah row included) of the rule's `columns`, or
  of every column: `unreadable` (why it cannot be read, else null) and `value` (the
  number); cited at the figure. The message may use `{reason}`.
- `indicators`: one item per indicator of `sasaran` (the tables are not used): `arah`
  (its direction, inferred from its name when not stated, validator/directions.py),
  `stated` ("true" / "false": the report states `arah`) and `inferred` (the word of the
  name that made it lower-is-better, else null); cited at the indicator. The message may
  use `{arah}` and `{word}`.

- `structure`: one item for a report with budget rows read with the central-government
  code structure (issue 15 item 7): `struktur` (`kementerian`) and `inferred` (the
  `identitas.pemda` text it was inferred from, when the report does not state
  `struktur_anggaran`, else null); cited at identitas. A report read with the Permendagri
  structure (stated, or the default) has no such item.
  The message may use `{struktur}` and `{pemda}`.

A `rows` finding may use `{hint}`: for a code the table's scheme does not know but the
other scheme does, the advice to state `identitas.struktur_anggaran`.

Every parameter of the expectations (`min`, `max`, ...) is a message field too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from validator.bands import BandSet
from validator.directions import direction
from validator.engine.context import Context, columns_of
from validator.engine.items import Item, Items
from validator.expectations import Expect, message_fields
from validator.findings import Finding
from validator.model import (
    LEVEL_LABELS_ID,
    PARENT_LEVEL,
    UNKNOWN_LEVEL,
    Figure,
    Indicator,
    Row,
    Table,
    budget_level,
    budget_structure,
    table_parents,
)
from validator.numbers import reason_text
from validator.ruleset import Rule


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(rule.params["expect"])


def items(rule: Rule, ctx: Context) -> Items:
    return SOURCES[rule.params["items"]](rule, ctx, ctx.select(rule.params["tables"]))


RowEntry = tuple[Table, Row, "str | None", "str | None", "str | None"]
"""A table, a row, its parent kode, its parent's level, the kode of the row above it at
that level."""


def row_entries(table: Table) -> Iterator[RowEntry]:
    last: dict[str, Row] = {}
    for row, parent in zip(table.rows, table_parents(table), strict=True):
        parent_level = PARENT_LEVEL.get(row.level)
        above = last.get(parent_level) if parent_level else None
        yield table, row, parent, parent_level, above.kode if above else None
        last[row.level] = row


def _rows(rule: Rule, ctx: Context, tables: list[Table]) -> Items:
    def make(entry: RowEntry, _status: str) -> Finding:
        table, row, parent, _, above = entry
        fields = {"parent": parent or "", "above": above or "", "hint": _scheme_hint(table, row)}
        return ctx.finding(rule, table, row, None, fields=fields, location=row.location)

    return rows_of(tables, make, lambda table: ctx.once(("row_entries", id(table)),
                                                        lambda: list(row_entries(table))))


SCHEME_HINT = {
    "kementerian": {
        "id": (" Kode ini berbentuk kode anggaran pemerintah pusat ({level}); "
               "nyatakan identitas.struktur_anggaran: kementerian."),
        "en": (" It is a central-government budget code ({level}); "
               "state identitas.struktur_anggaran: kementerian."),
    },
    "pemda": {
        "id": (" Kode ini berbentuk kode Permendagri 90/2019 ({level}); "
               "nyatakan identitas.struktur_anggaran: pemda."),
        "en": " It is a Permendagri 90/2019 code ({level}); state identitas.struktur_anggaran: pemda.",
    },
}
"""The advice for a budget code that only the other code scheme knows."""


def _scheme_hint(table: Table, row: Row) -> dict[str, str]:
    other = "pemda" if table.struktur == "kementerian" else "kementerian"
    level = budget_level(row.kode, other) if table.kind == "anggaran" and row.level == UNKNOWN_LEVEL else None
    if level is None or level == "urusan":
        return {"id": "", "en": ""}
    words = LEVEL_LABELS_ID.get(level, level)
    return {lang: text.format(level=words) for lang, text in SCHEME_HINT[other].items()}


def rows_of(tables: list[Table], make: Callable[[RowEntry, str], Finding],
            entries_of: Callable[[Table], Iterable[RowEntry]] = row_entries) -> Items:
    """The `rows` items of tables: `level`, `parent`, `parent_level`, `above`
    (`entries_of` may give a table's entries remembered: several rules read them)."""
    return Items([e for table in tables for e in entries_of(table)],
                 lambda e: (e[0].id, e[1].kode, None, None), make, derived=ROW_VALUES)


ROW_VALUES: dict[str, Callable[[Sequence[RowEntry]], list[Any]]] = {
    "table": lambda entries: [e[0].id for e in entries],
    "kode": lambda entries: [e[1].kode for e in entries],
    "level": lambda entries: [e[1].level for e in entries],
    "parent": lambda entries: [e[2] for e in entries],
    "parent_level": lambda entries: [e[3] for e in entries],
    "above": lambda entries: [e[4] for e in entries],
}
"""The values of `rows` items, a column at a time (their place too: read directly)."""


FigureEntry = tuple[Table, Row, str, Figure]


def _figures(rule: Rule, ctx: Context, tables: list[Table]) -> Items:
    parameters = message_fields(rule.params["expect"])

    def make(entry: FigureEntry, _status: str) -> Finding:
        table, row, column, figure = entry
        error = figure.error or ""
        fields = {**parameters, "reason": {lang: reason_text(error, lang) for lang in ("id", "en")}}
        return ctx.finding(rule, table, row, column, figure=figure, fields=fields)

    return figures_of(tables, rule.params.get("columns"), make, ctx.columns)


def figures_of(tables: list[Table], columns: list[str] | None,
               make: Callable[[FigureEntry, str], Finding],
               present: Callable[[Table], set[str]] = columns_of) -> Items:
    """The `figures` items of tables (of `columns`, else all): `unreadable`, `value`.
    Only the columns a table states are looked up in its rows (`present`)."""
    entries: list[FigureEntry] = []
    for table in tables:
        stated = present(table)
        wanted = [c for c in columns if c in stated] if columns else None
        if wanted == []:
            continue
        for row in (*table.rows, table.total) if table.total else table.rows:
            cells = row.cells
            for column in wanted or cells:
                figure = cells.get(column)
                if isinstance(figure, Figure):
                    entries.append((table, row, column, figure))
    return Items(entries, lambda e: (e[0].id, e[1].kode, e[2], e[3].raw), make, derived=FIGURE_VALUES)


FIGURE_VALUES: dict[str, Callable[[Sequence[FigureEntry]], list[Any]]] = {
    "table": lambda entries: [e[0].id for e in entries],
    "kode": lambda entries: [e[1].kode for e in entries],
    "column": lambda entries: [e[2] for e in entries],
    "stated": lambda entries: [e[3].raw for e in entries],
    "unreadable": lambda entries: [e[3].error for e in entries],
    "value": lambda entries: [None if (v := e[3].value) is None else float(v) for e in entries],
}
"""The values of `figures` items, a column at a time (their place too: read directly)."""


INDICATORS = Table("sasaran", "Sasaran dan indikator", "sasaran", ())
"""Where a finding about an indicator (not a table row) is filed."""


def _indicators(rule: Rule, ctx: Context, _tables: list[Table]) -> Items:
    parameters = message_fields(rule.params["expect"])

    def item(indicator: Indicator) -> Item:
        arah, word = direction(indicator)
        row = Row(indicator.kode, "indikator", indicator.uraian, {}, location=indicator.location)

        def make(_status: str) -> Finding:
            return ctx.finding(rule, INDICATORS, row, None, location=indicator.location,
                               fields={**parameters, "arah": arah, "word": word or ""})

        values = {"arah": arah, "stated": str(indicator.arah_dinyatakan).lower(), "inferred": word}
        return Item(INDICATORS.id, indicator.kode, None, None, values, make)

    return Items.of(item(i) for target in ctx.report.sasaran for i in target.indikator)


IDENTITAS = Table("identitas", "Identitas laporan", "identitas", ())
"""Where a finding about the report's identitas is filed."""


def _structure(rule: Rule, ctx: Context, _tables: list[Table]) -> Items:
    """The report's central-government code structure, when it has budget rows to read with it."""
    identity = ctx.report.identitas
    struktur, inferred = budget_structure(identity)
    if struktur != "kementerian" or not any(t.kind == "anggaran" and t.rows for t in ctx.report.tabel):
        return Items.of([])  # the Permendagri structure, stated or the default: nothing inferred
    parameters = message_fields(rule.params["expect"])
    row = Row("struktur_anggaran", "identitas", identity.instansi or None, {}, location=identity.location)

    def make(_status: str) -> Finding:
        return ctx.finding(rule, IDENTITAS, row, None, location=identity.location,
                           fields={**parameters, "struktur": struktur, "pemda": identity.pemda})

    return Items.of([Item(IDENTITAS.id, row.kode, None, None, {"struktur": struktur, "inferred": inferred},
                          make)])


SOURCES: dict[str, Callable[[Rule, Context, list[Table]], Items]] = {
    "rows": _rows,
    "figures": _figures,
    "indicators": _indicators,
    "structure": _structure,
}
