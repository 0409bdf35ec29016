"""Expectations: what the items of a rule must meet, in a few shapes every engine knows.

A rule kind compiles a rule into items (validator/engine/items.py) and expectations over
their values. Each expectation has a *shape* (below), the *role* it plays in the verdict
and its arguments (the names of item values it looks at, and parameters such as a set
of allowed values). The native engine (validator/engine/shapes.py) and Great
Expectations (validator/gx/translate.py, one GX class per shape) both interpret them.

Schema and revision rules declare theirs in YAML under `expect:` (the shapes of
`DECLARABLE`), so a new check of those kinds is data, not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Shapes over one item: a value is (not) missing, (not) in a set, between bounds; two
# values are equal, the first at least the second, two intervals overlap; a score's
# grade is its band's; a label is its condition's. Over the items of one rule: values
# unique together, a value not repeating an earlier item's, a parent kode present.
# A missing value (None) is never judged, except by `missing` and `present`.
SHAPES = ("missing", "present", "in_set", "not_in_set", "between", "equal", "at_least", "overlap",
          "grade_in_band", "label_of_condition", "unique", "no_repeat", "parent_present")

# The arguments of each shape a rule file may declare, in their order for the short
# forms (`present: date`, `equal: [date, signed]`, `unique: [table, kode]`).
DECLARABLE: dict[str, tuple[str, ...]] = {
    "missing": ("column",),
    "present": ("column",),
    "in_set": ("column", "values"),
    "not_in_set": ("column", "values"),
    "between": ("column", "min", "max"),
    "equal": ("a", "b"),
    "at_least": ("a", "b"),
    "unique": ("columns",),
    "no_repeat": ("column",),
    "parent_present": (),
}
VALUE_NAMES = frozenset({"column", "columns", "a", "b"})
REQUIRED_ARGS: dict[str, tuple[str, ...]] = {
    "in_set": ("column", "values"), "not_in_set": ("column", "values"), "between": ("column",),
}

# Roles in the verdict. `readable`: the item's inputs could be read, else "cannot
# verify"; `check`: the rule holds; `overlap`: a stated figure agrees with what it
# should be; `truncated` / `truncated_nearest`: it agrees when figures are read as
# truncated (then only a truncation note); `grade`: printed grades agree.
ROLES = ("readable", "check", "overlap", "truncated", "truncated_nearest", "grade")
TRUNCATION_ROLES = frozenset({"truncated", "truncated_nearest"})


@dataclass(frozen=True)
class Expect:
    """One expectation of a rule: values of its items must meet `shape` with `args`."""

    role: str
    shape: str
    args: Mapping[str, Any] = field(default_factory=dict)


class DeclarationError(ValueError):
    """An `expect:` entry of a rule file that is not a known shape with its arguments."""


def declared(entries: Any) -> list[Expect]:
    """The `expect:` list of a rule file as expectations (role `check`).

    Each entry is a one-key mapping, shape -> arguments: a mapping of the argument
    names, or the short forms (a value name, or a list of them in argument order).
    """
    if not isinstance(entries, list) or not entries:
        raise DeclarationError("a list of {shape: arguments}")
    return [_entry(entry) for entry in entries]


def _entry(entry: Any) -> Expect:
    if not isinstance(entry, Mapping) or len(entry) != 1:
        raise DeclarationError("each entry is one {shape: arguments}")
    ((shape, given),) = entry.items()
    if shape not in DECLARABLE:
        raise DeclarationError(f"unknown shape {shape!r} (known: {', '.join(DECLARABLE)})")
    names = DECLARABLE[shape]
    if isinstance(given, Mapping):
        args = dict(given)
    elif shape == "unique" and isinstance(given, list):
        args = {"columns": given}
    elif isinstance(given, list) and len(given) == len(names):
        args = dict(zip(names, given, strict=True))
    elif isinstance(given, str) and len(names) >= 1:
        args = {names[0]: given}
    elif given is None and not names:
        args = {}
    else:
        raise DeclarationError(f"{shape}: arguments {', '.join(names) or '(none)'}")
    unknown = set(args) - set(names)
    missing = [n for n in REQUIRED_ARGS.get(shape, names) if n not in args]
    if unknown or missing:
        raise DeclarationError(f"{shape}: arguments {', '.join(names) or '(none)'}")
    return Expect("check", shape, args)


def message_fields(expects: list[Expect]) -> dict[str, str]:
    """The scalar arguments of a rule's expectations, for its message ("{min}", "{max}")."""
    fields: dict[str, str] = {}
    for expect in expects:
        for name, value in expect.args.items():
            if name in VALUE_NAMES:
                continue  # names of item values, not parameters
            if isinstance(value, (int, float, str)) and not isinstance(value, bool):
                fields.setdefault(name, str(value))
    return fields
