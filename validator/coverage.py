"""What a check covered: the tables read, the figures stated, the rules that applied and
how many of their items could not be verified.

"No findings" must never look the same as "not checked": every result carries its
`Coverage`, and every output says it (the terminal summary, JSON, Markdown, HTML,
SARIF and the reviu statement, docs/output.md).

The counts per rule come from the rule's compiled items (validator/engine/plan.py), not
from an interpreter: an item "cannot be verified" when it fails a `readable`
expectation, which is exactly when every interpreter gives its finding the status
`unverifiable` (items.decide). So the native engine and GX, one by one or in a batch,
give the same coverage. The rest is read from the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from validator.model import Cell, Figure, Report, Table


@dataclass(frozen=True)
class TableRead:
    """One table of the report as read: its id, label, kind and version, and how many
    figures it states (the Jumlah row included) and how many of them cannot be read."""

    id: str
    label: str
    kind: str
    version: str | None = None
    figures: int = 0
    unreadable: int = 0


@dataclass(frozen=True)
class RuleCount:
    """One rule in force: how many items it checked in this report, how many of them
    could not be verified, whether it reads figures (has a `readable` expectation, so
    its items can be unverifiable: the figure checks COV001 counts), and whether it is
    about the report as a whole (the `required` and `coverage` kinds: one item each,
    not counted as rules applied nor items checked)."""

    code: str
    name: str
    items: int = 0
    unverifiable: int = 0
    figures: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Coverage:
    """What checking one report covered."""

    tables: tuple[TableRead, ...] = ()
    figures: int = 0
    """Figures stated in the report: its tables, the statements in the text, the AKIP section."""
    unreadable: int = 0
    """Of those, the figures that cannot be read as a number (DAT001 cites each)."""
    rules: tuple[RuleCount, ...] = ()
    """Every rule in force, in rule order, with its counts (0 items: it did not apply)."""

    @property
    def rules_applied(self) -> int:
        """Rules in force that found something to check in the report's content."""
        return sum(1 for r in self.rules if r.items and not r.whole)

    @property
    def checked(self) -> int:
        """Items checked by the rules in force (those about the whole report aside)."""
        return sum(r.items for r in self.rules if not r.whole)

    @property
    def unverifiable(self) -> int:
        """Items that could not be verified (an input cannot be read, a formula is not
        declared, ...): each has a finding of status `unverifiable` saying why."""
        return sum(r.unverifiable for r in self.rules)

    def limited_rules(self) -> list[RuleCount]:
        """The rules with items that could not be verified, most first."""
        return sorted((r for r in self.rules if r.unverifiable), key=lambda r: (-r.unverifiable, r.code))


def measure(report: Report, rules: Iterable[RuleCount]) -> Coverage:
    """The coverage of checking `report` with rules that counted `rules`."""
    tables = tuple(_table_read(t) for t in report.tabel)
    others = list(_other_figures(report))  # each table's figures are counted once, above
    return Coverage(tables=tables, figures=sum(t.figures for t in tables) + len(others),
                    unreadable=sum(t.unreadable for t in tables) + sum(1 for f in others if _unreadable(f)),
                    rules=tuple(rules))


def _table_read(table: Table) -> TableRead:
    figures = list(_table_figures(table))
    return TableRead(table.id, table.label, table.kind, table.version, len(figures),
                     sum(1 for f in figures if _unreadable(f)))


def _unreadable(figure: Figure) -> bool:
    """Printed but not a number (DAT001's items): a grade such as "A" is not unreadable."""
    return figure.error is not None


def _table_figures(table: Table) -> Iterator[Figure]:
    rows = (*table.rows, table.total) if table.total else table.rows
    for row in rows:
        yield from _figures(row.cells.values())


def _other_figures(report: Report) -> Iterator[Figure]:
    for statement in report.pernyataan:
        yield from _figures(statement.values.values())
    akip = report.akip
    if akip is not None:
        yield from (f for f in (akip.nilai, akip.target) if f is not None)
        yield from (h.nilai for h in akip.riwayat)


def _figures(cells: Iterable[Cell]) -> Iterator[Figure]:
    return (c for c in cells if isinstance(c, Figure))


# -- how a result says it -------------------------------------------------------------------

SCOPE_LINE = {
    "id": "diperiksa: {tables} tabel, {figures} angka, {rules} aturan berlaku, "
          "{unverifiable} tidak dapat diverifikasi",
    "en": "checked: {tables} tables, {figures} figures, {rules} rules applied, "
          "{unverifiable} could not be verified",
}


def scope_line(coverage: Coverage, lang: str) -> str:
    """"diperiksa: 9 tabel, 1.204 angka, 51 aturan berlaku, 6 tidak dapat diverifikasi"."""
    return SCOPE_LINE["en" if lang == "en" else "id"].format(
        tables=count_text(len(coverage.tables), lang), figures=count_text(coverage.figures, lang),
        rules=count_text(coverage.rules_applied, lang), unverifiable=count_text(coverage.unverifiable, lang))


def count_text(value: int, lang: str) -> str:
    """A count as the language writes it: 1.204 in Indonesian, 1,204 in English."""
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")
