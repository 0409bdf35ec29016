"""Auditor's hints on a root cause: how the wrong figure was probably made.

Each hint compares the stated figure with the value that makes every linked rule hold
(both at the figure's printed decimals), or with figures elsewhere in the report:

- `transposed_digits`: the same digits in another order, the difference divisible by 9
  (69,8 M typed as 96,8 M);
- `shifted_separator:<factor>`: the stated figure is the right one x10, x100, x1000 (or
  divided by it): a decimal or thousands separator moved or dropped;
- `copied_from_row_above`: the stated figure equals the figure of the row above;
- `copied_from_version:<table>`: it equals the same row's figure in a table of another
  version of the document (a stale PK or DPA figure);
- `truncated`: the right value cut to the printed decimals instead of rounded;
- `agrees_with_version:<table>`: the corrected figure equals the same row's figure in a
  table of another version (a budget or target unchanged by the revision, mistyped in
  one copy);
- `same_in_every_table` (set by the diagnosis when one figure is wrong identically in
  several tables: a mistake in the source data, not in the tables).

The first two and `agrees_with_version` are strong (a random mistake almost never looks
like them) and break a tie between otherwise equal explanations; the others are only
said.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from validator.diagnosis.relations import Known
from validator.intervals import round_half_up
from validator.model import Report

STRONG = ("transposed_digits", "shifted_separator", "agrees_with_version")
FACTORS = (10, 100, 1000)


def hints(known: Known, expected: Decimal, report: Report | None = None,
          exact: Decimal | None = None) -> tuple[str, ...]:
    """The hints that fit a stated figure and the value it should have (`exact`: the
    unrounded value of its formula, when it is one, for the truncation hint)."""
    figure = known.figure
    if figure is None or figure.value is None:
        return ()
    stated = figure.value
    decimals = _decimals(known)
    right = round_half_up(expected, decimals)
    found: list[str] = []
    if transposed(stated, right, decimals):
        found.append("transposed_digits")
    factor = shifted(stated, right)
    if factor:
        found.append(f"shifted_separator:{factor}")
    printed = figure.decimals - (figure.scale or 0)  # as printed: "97%" was cut to 0 decimals
    if truncated(stated, exact if exact is not None else expected, printed):
        found.append("truncated")
    if _row_above(known) == stated and stated != right:
        found.append("copied_from_row_above")
    other = _other_version(known, report, stated) if stated != right else None
    if other:
        found.append(f"copied_from_version:{other}")
    agrees = _other_version(known, report, right, exact=True) if stated != right else None
    if agrees:
        found.append(f"agrees_with_version:{agrees}")
    return tuple(found)


def strong(found: tuple[str, ...]) -> bool:
    return any(h.split(":", 1)[0] in STRONG for h in found)


def _decimals(known: Known) -> int:
    """The decimals of the figure in its own unit (rupiah for "Rp 69,8 M": -8)."""
    figure = known.figure
    scale = figure.scale if figure is not None and figure.scale else 0
    return known.decimals - scale


def transposed(stated: Decimal, right: Decimal, decimals: int) -> bool:
    """The same digits in another order (and so a difference divisible by 9)."""
    if stated.copy_abs() == right.copy_abs():
        return False  # the same figure (a sign typed is not a transposition)
    a, b = _digits(stated, decimals), _digits(right, decimals)
    if a is None or b is None:
        return False
    return abs(int(a) - int(b)) % 9 == 0 and sorted(a.lstrip("0")) == sorted(b.lstrip("0"))


def _digits(value: Decimal, decimals: int) -> str | None:
    scaled = value.copy_abs() * (Decimal(10) ** decimals)
    if scaled != scaled.to_integral_value():
        return None
    return str(int(scaled))


def shifted(stated: Decimal, right: Decimal) -> int | None:
    """The factor (a power of ten) the stated figure is off by, if it is (within 0.5 %)."""
    if stated == 0 or right == 0 or (stated < 0) != (right < 0):
        return None
    ratio = stated / right
    for factor in FACTORS:
        for candidate in (Decimal(factor), 1 / Decimal(factor)):
            if abs(ratio / candidate - 1) <= Decimal("0.005"):
                return factor
    return None


def truncated(stated: Decimal, expected: Decimal, decimals: int) -> bool:
    """The exact value cut (not rounded) to the printed decimals gives the stated figure."""
    quantum = Decimal(1).scaleb(-decimals)
    cut = expected.quantize(quantum, rounding=ROUND_DOWN)
    return cut == stated and round_half_up(expected, decimals) != stated


def _row_above(known: Known) -> Decimal | None:
    rows = known.table.rows
    for index, row in enumerate(rows):
        if row is known.row:
            if index == 0:
                return None
            figure = rows[index - 1].figure(known.column)
            return figure.value if figure is not None else None
    return None


def _other_version(known: Known, report: Report | None, stated: Decimal, exact: bool = False) -> str | None:
    """A table of another version of the document stating this figure for the same row
    (with `exact`, only an amount or a count: a percentage rounds to too few values)."""
    if report is None or (exact and known.figure is not None and known.figure.percent):
        return None
    for table in report.tabel:
        if table is known.table or table.version == known.table.version or table.version is None:
            continue
        row = table.by_kode().get(known.row.kode)
        figure = row.figure(known.column) if row is not None else None
        if figure is not None and figure.value == stated:
            return table.id
    return None
