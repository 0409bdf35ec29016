"""Item builders several rule kinds share: stated figures (against a range, or another
table's), an unreadable input, a row or a key of a version cited as the finding's place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from validator.engine.context import Context
from validator.engine.items import Item, Items, Make, Where, fixed, unreadable_values
from validator.findings import STATUS_MISMATCH, Finding
from validator.intervals import Interval, Rounding
from validator.model import Figure, Row, Table
from validator.ruleset import Rule


def where(table: Table, column: str, figure: Figure) -> str:
    """Which input cannot be read, as the `unreadable` value of an item."""
    return f"{table.id} {column} {figure.raw!r}"


def unreadable_item(table: Table, row: Row, column: str | None, stated: str | None, reason: str,
                    finding: Finding) -> Item:
    """An item that cannot be judged: it fails `readable` and its finding is made."""
    return Item(table.id, row.kode, column, stated, unreadable_values(reason), fixed(finding))


FigureEntry = tuple[Table, Row, str, Figure, Any]
"""An item about a stated figure: its table, row, column, the figure, and what its kind
keeps to judge it (or, for an item whose inputs cannot be read, its finding)."""


def figure_place(entry: FigureEntry) -> Where:
    return entry[0].id, entry[1].kode, entry[2], entry[3].raw


class FigureItems:
    """The items of one rule about stated figures, built column by column.

    An item is one tuple (`FigureEntry`) and a value in each column: the values every
    item needs are computed as it is added; the rest only when asked, by one getter per
    rule (no object per item beyond the tuple: most items hold, and every object kept
    alive while a rule runs is one more for the cyclic garbage collector to scan).
    """

    def __init__(self, *names: str) -> None:
        self.names = names
        self.entries: list[FigureEntry] = []
        self.unreadable: list[str | None] = []
        self.values: list[tuple[Any, ...]] = []
        self._none = (None,) * len(names)

    def add(self, entry: FigureEntry, *values: Any) -> None:
        """An item with its values of the columns, in their order (turned into columns at
        the end, in one go)."""
        self.entries.append(entry)
        self.unreadable.append(None)
        self.values.append(values)

    def cannot_read(self, table: Table, row: Row, column: str, stated: Figure, reason: str,
                    finding: Finding) -> None:
        """An item whose inputs cannot be read: it fails `readable`, its finding is made."""
        self.entries.append((table, row, column, stated, finding))
        self.unreadable.append(reason)
        self.values.append(self._none)

    def columns(self) -> dict[str, list[Any]]:
        """Every column: `unreadable` and the kind's."""
        transposed = [list(column) for column in zip(*self.values, strict=True)] or [[] for _ in self.names]
        return {"unreadable": self.unreadable, **dict(zip(self.names, transposed, strict=True))}

    def items(self, make: Callable[[FigureEntry, str], Finding],
              getters: Mapping[str, Callable[[FigureEntry], Any]] | None = None,
              on_fail: str = STATUS_MISMATCH) -> Items:
        """The items; `make` and the getters see only the items that can be read;
        `on_fail` is the status a failed `check` gives."""
        def made(entry: FigureEntry, status: str) -> Finding:
            data = entry[4]
            return data if isinstance(data, Finding) else make(entry, status)

        readable = {name: _readable_only(getter) for name, getter in (getters or {}).items()}
        return Items(self.entries, figure_place, made, columns=self.columns(), getters=readable,
                     on_fail=on_fail)


def _readable_only(getter: Callable[[FigureEntry], Any]) -> Callable[[FigureEntry], Any]:
    """A getter giving None for an item that cannot be read (it has no other value), and
    for a value that divides by zero."""
    def value(entry: FigureEntry) -> Any:
        if isinstance(entry[4], Finding):
            return None
        try:
            return getter(entry)
        except ZeroDivisionError:
            return None
    return value


EntryRange = Callable[[FigureEntry, Rounding], Interval]
"""The range an item's figure should take, with its inputs read under a rounding."""


class IntervalItems(FigureItems):
    """Items of a stated figure against the range of what it should be (sum, formula,
    aggregate): `stated_range`, `expected_range` and, read as truncated,
    `stated_range_truncated` and `expected_range_truncated` (`INTERVAL_EXPECTATIONS`).

    The kind gives, once per rule, the range of an entry under a rounding, the exact
    expected value and the message fields; the last two are computed only for a
    finding, the truncated readings only for an item whose rounded reading disagrees.
    With `exact` the stated figure and its range are points (a count): no truncation,
    and the finding quotes no range.
    """

    def __init__(self, rule: Rule, ctx: Context, range_of: EntryRange,
                 expected: Callable[[FigureEntry], Decimal],
                 fields: Callable[[FigureEntry], Mapping[str, Any]], exact: bool = False) -> None:
        super().__init__("stated_range", "expected_range")
        self.rule, self.ctx, self.exact = rule, ctx, exact
        self.range_of, self.expected, self.fields = range_of, expected, fields
        self.rounding = ctx.settings.rounding

    def figure(self, table: Table, row: Row, column: str, stated: Figure, data: Any) -> None:
        """A stated figure and what its kind keeps to compute its range; nothing when the
        range divides by zero (a capaian over a target of 0 is not defined)."""
        entry = (table, row, column, stated, data)
        if self.ctx.listing:  # the diagnosis reads only which figures are compared
            self.entries.append(entry)
            self.unreadable.append(None)
            self.values.append((None, None))
            return
        try:
            if self.exact:
                assert stated.value is not None
                stated_range = Interval.point(stated.value)
            else:
                stated_range = self.ctx.interval(table, column, stated, self.rounding)
            expected_range = self.range_of(entry, self.rounding)
        except ZeroDivisionError:
            return
        self.entries.append(entry)
        self.unreadable.append(None)
        self.values.append((stated_range, expected_range))

    def items(self, make: Callable[[FigureEntry, str], Finding] | None = None,
              getters: Mapping[str, Callable[[FigureEntry], Any]] | None = None,
              on_fail: str = STATUS_MISMATCH) -> Items:
        """The items (with the kind's further values, if any)."""
        truncated: dict[str, Callable[[FigureEntry], Any]] = {}
        if not self._truncated_same():
            truncated = {"stated_range_truncated": self._stated_truncated,
                         "expected_range_truncated": lambda entry: self.range_of(entry, "truncate")}
        return super().items(make or self._finding, {**truncated, **(getters or {})}, on_fail)

    def _truncated_same(self) -> bool:
        """Read as truncated, the figures are as read: a count, or a report not judged as
        rounding to nearest."""
        return self.exact or self.rounding != "nearest"

    def columns(self) -> dict[str, list[Any]]:
        columns = super().columns()
        if self._truncated_same():
            columns["stated_range_truncated"] = columns["stated_range"]
            columns["expected_range_truncated"] = columns["expected_range"]
        return columns

    def _stated_truncated(self, entry: FigureEntry) -> Interval:
        table, _, column, stated, _ = entry
        return self.ctx.interval(table, column, stated, "truncate")

    def _finding(self, entry: FigureEntry, status: str) -> Finding:
        table, row, column, stated, _ = entry
        expected_range = None if self.exact else self.range_of(entry, self.rounding)
        return self.ctx.finding(self.rule, table, row, column, status=status, figure=stated,
                                expected=self.expected(entry), expected_range=expected_range,
                                fields=self.fields(entry))


def row_item(rule: Rule, ctx: Context, table: Table, row: Row, column: str | None, values: dict[str, Any],
             fields: Mapping[str, Any], figure: Figure | None = None, expected: str | None = None,
             stated: str | None = None, on_fail: str = STATUS_MISMATCH) -> Item:
    """An item about one row, cited at the figure (else at the row)."""
    location = None if figure is not None else row.location
    shown = stated if stated is not None else (figure.raw if figure is not None else None)
    return Item(table.id, row.kode, column, shown, values,
                later(ctx, rule, table, row, column, figure=figure, expected=expected, location=location,
                      fields=fields), on_fail)


def later(ctx: Context, rule: Rule, table: Table, row: Row, column: str | None, **kwargs: Any) -> Make:
    """The finding of an item, made only if it fails. A partial rather than a closure:
    most items hold, and each costs fewer objects to make and to collect."""
    return partial(_finding, ctx, rule, table, row, column, kwargs)


def _finding(ctx: Context, rule: Rule, table: Table, row: Row, column: str | None, kwargs: dict[str, Any],
             status: str) -> Finding:
    return ctx.finding(rule, table, row, column, status=status, **kwargs)
