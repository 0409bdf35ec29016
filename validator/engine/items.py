"""The vocabulary every rule kind compiles to: items, and expectations over them.

A rule kind turns a rule and a report into *items*, one per thing it checks (a stated
total, a derived figure, a version, a kode), each carrying named values; and it names
the *expectations* those items must meet, each of one shape over those values (the
shapes and roles are listed in `validator/expectations.py`). An interpreter decides
which items fail which expectation: the native one (`validator/engine/shapes.py`, row
by row in plain Python) or Great Expectations (`validator/gx/`, one GX expectation
class per shape). `decide` turns the roles an item failed into its finding's status,
once for every interpreter, and the item makes the finding. So a rule kind is written
once and every engine agrees with it by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from validator.expectations import TRUNCATION_ROLES, Expect
from validator.findings import (
    STATUS_MISMATCH,
    STATUS_TRUNCATION,
    STATUS_UNVERIFIABLE,
    Finding,
)
from validator.intervals import Interval

Make = Callable[[str], Finding]
PLACE = ("table", "kode", "column", "stated")
_ABSENT = object()


@dataclass(slots=True)
class Item:
    """One checked thing: where it is (table, kode, column, the stated text), the values
    its rule's expectations look at, and how to make its finding for a status."""

    table: str
    kode: str
    column: str | None
    stated: str | None
    values: dict[str, Any]
    make: Make
    on_fail: str = STATUS_MISMATCH

    def value(self, name: str) -> Any:
        """A value by name (also `table`, `kode`, `column`, `stated`)."""
        value = self.values.get(name, _ABSENT)
        if value is _ABSENT:
            return getattr(self, name) if name in PLACE else None
        return value

    def record(self) -> dict[str, Any]:
        """Where the item is and every value, computed: one row of a frame."""
        where = {"table": self.table, "kode": self.kode, "column": self.column, "stated": self.stated}
        return {**where, **{name: self.value(name) for name in self.values}}


Where = tuple[str, str, "str | None", "str | None"]
"""An item's place: table id, kode, column, the stated text."""


class Items:
    """The items one rule checks in one report, read column by column.

    `entries` hold whatever a kind keeps per item; a value is read by name, from a
    precomputed column, from a whole column derived from the entries when first asked
    (`derived`: one comprehension, no call per item), or from a getter applied to each
    entry (computed only when an expectation asks for it, and only for the items asked
    about). `where` gives an item's place, `make` its finding for a status, `on_fail`
    the status a failed `check` gives it. The interpreters only read columns and make
    findings.
    """

    def __init__(self, entries: Sequence[Any], where: Callable[[Any], Where],
                 make: Callable[[Any, str], Finding], *, columns: Mapping[str, list[Any]] | None = None,
                 getters: Mapping[str, Callable[[Any], Any]] | None = None,
                 derived: Mapping[str, Callable[[Sequence[Any]], list[Any]]] | None = None,
                 on_fail: str | Callable[[Any], str] = STATUS_MISMATCH) -> None:
        self.entries = entries
        self.where = where
        self._make = make
        self._columns: dict[str, list[Any]] = dict(columns or {})
        self._getters = dict(getters or {})
        self._derived = dict(derived or {})
        self._on_fail = on_fail

    @classmethod
    def of(cls, items: Iterable[Item]) -> Items:
        """Items each built with its own values and finding (the kinds with few items)."""
        entries = list(items)
        names = dict.fromkeys(name for item in entries for name in item.values)
        getters = {name: _value_of(name) for name in names}
        return cls(entries, lambda item: (item.table, item.kode, item.column, item.stated),
                   lambda item, status: item.make(status), getters=getters, on_fail=lambda item: item.on_fail)

    def __len__(self) -> int:
        return len(self.entries)

    def names(self) -> list[str]:
        """The value names every item can be asked for (besides its place)."""
        return [name for name in dict.fromkeys([*self._columns, *self._derived, *self._getters])
                if name not in PLACE]

    def column(self, name: str, positions: Sequence[int] | None = None) -> list[Any]:
        """The values of `name` of every item, or of the items at `positions`."""
        known = self._columns.get(name)
        if known is None and name in self._derived:
            known = self._columns[name] = self._derived[name](self.entries)
        if known is None and positions is None:
            getter = self._getter(name)
            known = self._columns[name] = [getter(entry) for entry in self.entries]
        if positions is None:
            return known  # type: ignore[return-value]
        if known is not None:
            return [known[p] for p in positions]
        getter = self._getter(name)
        return [getter(self.entries[p]) for p in positions]

    def _getter(self, name: str) -> Callable[[Any], Any]:
        getter = self._getters.get(name)
        if getter is not None:
            return getter
        if name in PLACE:
            index = PLACE.index(name)
            return lambda entry: self.where(entry)[index]
        return lambda _entry: None

    def make(self, position: int, status: str) -> Finding:
        return self._make(self.entries[position], status)

    def on_fail(self, position: int) -> str:
        on_fail = self._on_fail
        return on_fail if isinstance(on_fail, str) else on_fail(self.entries[position])

    def records(self) -> list[dict[str, Any]]:
        """Every item as one row: its place and every value (GX frames, exports)."""
        names = self.names()
        places = [self.where(entry) for entry in self.entries]
        columns = [self.column(name) for name in names]
        named = list(zip(names, columns, strict=True))
        return [{**dict(zip(PLACE, place, strict=True)), **{name: values[i] for name, values in named}}
                for i, place in enumerate(places)]


def _value_of(name: str) -> Callable[[Item], Any]:
    return lambda item: item.value(name)


def decide(item_failed: set[str], roles: Iterable[str], on_fail: str) -> str | None:
    """The finding's status from the roles an item failed; None when it holds.

    Unreadable inputs make "cannot verify" whatever else failed. A failed overlap is a
    mismatch, unless the rule also reads figures as truncated and one truncated
    reading agrees: then it is only a truncation note.
    """
    if "readable" in item_failed:
        return STATUS_UNVERIFIABLE
    if "check" in item_failed:
        return on_fail
    if "overlap" in item_failed:
        truncation = TRUNCATION_ROLES & set(roles)
        if truncation and not truncation <= item_failed:
            return STATUS_TRUNCATION
        return STATUS_MISMATCH
    if "grade" in item_failed:
        return STATUS_MISMATCH
    return None


# -- the expectations shared by several kinds -------------------------------------------------

READABLE = Expect("readable", "missing", {"column": "unreadable"})

INTERVAL_EXPECTATIONS = (
    READABLE,
    Expect("overlap", "overlap", {"a": "stated_range", "b": "expected_range"}),
    Expect("truncated", "overlap", {"a": "stated_range_truncated", "b": "expected_range_truncated"}),
    Expect("truncated_nearest", "overlap", {"a": "stated_range_truncated", "b": "expected_range"}),
)
"""A stated figure against the range of its formula (sum, formula, aggregate)."""


def unreadable_values(reason: str) -> dict[str, Any]:
    """The values of an item whose inputs cannot be read (it fails `readable`)."""
    return {"unreadable": reason}


def fixed(finding: Finding) -> Make:
    """An item whose finding is already made (an unreadable input: the status is fixed)."""
    return lambda _status: finding


# -- how values are written where an interpreter needs text (GX frames, exports) -------------


def decimal_text(value: Decimal) -> str:
    """A decimal without exponent and without trailing zeros: 80.00 -> "80"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def interval_text(interval: Interval) -> str:
    return f"[{format(interval.low, 'f')}, {format(interval.high, 'f')}]"


def inputs_text(values: Mapping[str, Decimal | str | None], names: Iterable[str]) -> str:
    """The inputs of a condition as JSON: numbers as exact text, words as they are."""
    return json.dumps({n: ["number", str(v)] if isinstance(v, Decimal) else ["text", v]
                       for n, v in sorted((n, values.get(n)) for n in names)})


def inputs_from_text(text: str) -> dict[str, Decimal | str | None]:
    return {name: Decimal(value) if kind == "number" else value
            for name, (kind, value) in json.loads(text).items()}


def as_text(value: Any) -> Any:
    """A value as a frame cell: intervals and decimals as exact text, the rest as is."""
    if isinstance(value, Interval):
        return interval_text(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, Mapping):
        return inputs_text(value, value.keys())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [as_text(v) for v in value]
    return value
