"""The native interpreter of expectation shapes: which items fail, in plain Python.

Each shape of `validator.engine.items.SHAPES` is one function from the items of one rule
and the expectation's arguments to a pass/fail flag per item. The predicates that need
more than a comparison (intervals overlap, a grade in its band, a label of a condition,
a parent present) are public: the Great Expectations metrics call the same ones, so the
two engines cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from validator.bands import BandSet
from validator.expectations import Expect
from validator.expr import Expression, evaluate_bool, parse
from validator.intervals import Interval
from validator.model import PARENT_LEVEL

Flags = list[bool]
"""True where an item fails the expectation."""


# -- predicates shared with the GX metrics ------------------------------------------------------


def intervals_overlap(a: Interval, b: Interval) -> bool:
    return a.overlaps(b)


def grade_matches(band_set: BandSet, score: Decimal, grade: str) -> bool:
    band = band_set.grade(score)
    expected = band.predikat if band else "-"
    return str(grade).strip().upper() == expected.upper()


@lru_cache(maxsize=256)
def condition(text: str) -> Expression:
    return parse(text)


def label_matches(condition_text: str, labels: Mapping[str, str],
                  inputs: Mapping[str, Decimal | str | None], stated: str) -> bool:
    """The stated label is `labels["true"]` when the condition holds over the inputs."""
    expected = labels["true" if evaluate_bool(condition(condition_text), dict(inputs)) else "false"]
    return str(stated).strip().lower() == expected.lower()


def parents_missing(rows: Sequence[Mapping[str, Any]]) -> Flags:
    """Rows (table, kode, level, parent, parent_level) whose parent is missing: see
    `parents_missing_in`."""
    names = ("table", "kode", "level", "parent", "parent_level")
    return parents_missing_in(*([row[name] for row in rows] for name in names))


def parents_missing_in(tables: Sequence[Any], kodes: Sequence[Any], levels: Sequence[Any],
                       parents: Sequence[Any], parent_levels: Sequence[Any]) -> Flags:
    """The rows, given column by column, whose parent is missing, when their table lists
    the parent's level at all: a sub kegiatan needs its kegiatan when the table lists
    kegiatan or programs, a kegiatan needs its program when the table lists programs (a
    PK lampiran that stops at kegiatan, or a flat list of sub kegiatan, has no parents
    to check). The same for the central levels (an RO needs its KRO when the table lists
    KRO, kegiatan or programs)."""
    present: dict[Any, set[Any]] = {}
    known: dict[Any, set[Any]] = {}
    for table, kode, level in zip(tables, kodes, levels, strict=True):
        present.setdefault(table, set()).add(level)
        known.setdefault(table, set()).add(kode)
    needed = {table: {level: bool(above & found) for level, above in ANCESTORS.items()}
              for table, found in present.items()}
    return [needed[table].get(parent_level, False) and parent not in known[table]
            for table, parent, parent_level in zip(tables, parents, parent_levels, strict=True)]


def _with_ancestors(level: str) -> set[str]:
    """A budget level and every level above it (kro: kro, kegiatan, program)."""
    levels = {level}
    while level in PARENT_LEVEL:
        level = PARENT_LEVEL[level]
        levels.add(level)
    return levels


ANCESTORS = {level: _with_ancestors(level) for level in set(PARENT_LEVEL.values())}
"""Each parent level with the levels above it: a table listing any of them needs it."""


def repeats_earlier(values: Iterable[Any]) -> Flags:
    """Values equal to one of an earlier row (the first of them passes; None is not judged)."""
    seen: set[Any] = set()
    flags = []
    for value in values:
        flags.append(value is not None and value in seen)
        if value is not None:
            seen.add(value)
    return flags


# -- shapes ---------------------------------------------------------------------------------------

Column = Callable[[str], Sequence[Any]]
"""The values of a name for the items judged."""


def _between(column: Column, args: Mapping[str, Any]) -> Flags:
    low, high = args.get("min"), args.get("max")
    return [v is not None and ((low is not None and not v >= low) or (high is not None and not v <= high))
            for v in column(args["column"])]


def _pairs(column: Column, args: Mapping[str, Any], fails: Callable[[Any, Any], bool]) -> Flags:
    """A pair with a missing value is not judged."""
    return [a is not None and b is not None and fails(a, b)
            for a, b in zip(column(args["a"]), column(args["b"]), strict=True)]


def _overlap(column: Column, args: Mapping[str, Any]) -> Flags:
    return [a is not None and b is not None and not (a.low <= b.high and b.low <= a.high)
            for a, b in zip(column(args["a"]), column(args["b"]), strict=True)]


def _unique(column: Column, args: Mapping[str, Any]) -> Flags:
    keys = list(zip(*(column(name) for name in args["columns"]), strict=True))
    counts = Counter(keys)
    return [counts[key] > 1 for key in keys]


def _parents(column: Column, args: Mapping[str, Any]) -> Flags:
    return parents_missing_in(*(column(n) for n in ("table", "kode", "level", "parent", "parent_level")))


SHAPES: dict[str, Callable[[Column, Mapping[str, Any]], Flags]] = {
    "missing": lambda column, a: [v is not None for v in column(a["column"])],
    "present": lambda column, a: [v is None for v in column(a["column"])],
    "in_set": lambda column, a: [v is not None and v not in a["values"] for v in column(a["column"])],
    "not_in_set": lambda column, a: [v is not None and v in a["values"] for v in column(a["column"])],
    "between": _between,
    "equal": lambda column, a: _pairs(column, a, lambda x, y: x != y),
    "at_least": lambda column, a: _pairs(column, a, lambda x, y: not x >= y),
    "overlap": _overlap,
    "grade_in_band": lambda column, a: _pairs(
        column, a, lambda score, grade: not grade_matches(a["band_set"], score, grade)),
    "label_of_condition": lambda column, a: _pairs(
        column, a, lambda inputs, label: not label_matches(a["condition"], a["labels"], inputs, label)),
    "unique": _unique,
    "no_repeat": lambda column, a: repeats_earlier(column(a["column"])),
    "parent_present": _parents,
}
"""Each shape over the values of the items judged: True where an item fails."""

ACROSS = frozenset({"unique", "no_repeat", "parent_present"})
"""Shapes over all the items of a rule together (never a part of them)."""


def failing(expect: Expect, column: Column) -> Flags:
    """True for each item that fails the expectation."""
    return SHAPES[expect.shape](column, expect.args)
