"""What a spreadsheet cell's number format shows: the figure as the planner sees it.

A planner types 0,9467 into a cell formatted `0.00%` and sees 94,67 %; a report prints
what the cell shows, not the float it stores. So a numeric cell with a number format is
read as the figure it displays: a `%` format means the cell holds a fraction (shown x100),
the format's decimals are the printed precision of that one cell (`0.00` -> 2, `0.##` -> 2,
rounded the way Excel rounds the display: half away from zero on 15 significant digits),
grouping (`#,##0`) and `Rp` formats are amounts. Date formats are left to openpyxl (it
returns dates). Formats whose display is not a plain figure (scientific, fractions,
conditions, scaling by thousands, text `@`, `General`) are not interpreted: such a cell
is read as the number it stores, as before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from validator.numbers import NumberStyle, format_en, format_id

_QUOTED = re.compile(r'"[^"]*"')
_ESCAPED = re.compile(r"\\.")
_BRACKET = re.compile(r"\[[^\]]*\]")
_PADDING = re.compile(r"[_*].")
_NUMBER = re.compile(r"[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+")
_NOT_PLAIN = re.compile(r"[eE][+-]|/")
_CURRENCY = re.compile(r"rp", re.IGNORECASE)
_LARGEST = 1e18
"""Beyond any budget: such a number is left to the figure reader (too many digits)."""
_SIGNIFICANT = 15
"""Excel keeps and displays at most 15 significant digits of a stored double."""


@dataclass(frozen=True, slots=True)
class CellDisplay:
    """A numeric cell as its format displays it.

    ``value`` is the displayed number, already rounded to ``decimals`` (and x100 for a
    percent); ``grouping`` and ``currency`` say how the planner sees it printed.
    """

    value: Decimal
    decimals: int
    percent: bool = False
    grouping: bool = False
    currency: bool = False

    def text(self, style: NumberStyle = "id") -> str:
        """The cell as printed in a table's number style (`94,47%`, `Rp 1.250.000`)."""
        formatted = format_en(self.value, self.decimals) if style == "en" else format_id(
            self.value, self.decimals)
        if not self.grouping:
            thousands = "," if style == "en" else "."
            formatted = formatted.replace(thousands, "")
        if self.percent:
            formatted += "%"
        return f"Rp {formatted}" if self.currency else formatted


@dataclass(frozen=True, slots=True)
class _Format:
    decimals: int
    percent: bool
    grouping: bool
    currency: bool


def shown(value: int | float, number_format: str | None) -> CellDisplay | None:
    """The figure a numeric cell displays, or None when its format is not interpreted."""
    if isinstance(value, bool) or not number_format:
        return None
    if not math.isfinite(value) or abs(value) >= _LARGEST:
        return None  # read as stored: the figure reader refuses it with its reason
    parsed = _parse(number_format, negative=value < 0)
    if parsed is None:
        return None
    exact = Decimal(f"{value:.{_SIGNIFICANT}g}")
    if parsed.percent:
        exact *= 100
    step = Decimal(1).scaleb(-parsed.decimals)
    # Decimal's ROUND_HALF_UP rounds half away from zero, as Excel's display does.
    rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # -0,00 is shown as 0,00
    return CellDisplay(rounded, parsed.decimals, parsed.percent, parsed.grouping, parsed.currency)


@lru_cache(maxsize=256)
def _parse(number_format: str, negative: bool) -> _Format | None:
    sections = _split_sections(number_format)
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    currency = bool(_CURRENCY.search(section))  # `"Rp"#,##0`, `[$Rp-421]#,##0`, `Rp\ 0`
    if section.strip().lower() in ("general", "@", ""):
        return None
    if re.search(r"\[[<>=]", section):
        return None  # a conditional format shows different things by value
    bare = _PADDING.sub("", _BRACKET.sub("", _ESCAPED.sub("", _QUOTED.sub("", section))))
    if _NOT_PLAIN.search(bare) or re.search(r"[dmyhs]", bare, re.IGNORECASE) or "@" in bare:
        return None
    numbers = _NUMBER.findall(bare)
    if len(numbers) != 1:
        return None
    number = numbers[0]
    integer, _, fraction = number.partition(".")
    if integer.endswith(",") or fraction.endswith(","):
        return None  # `#,##0,` shows thousands: a scaling this reader does not guess at
    decimals = sum(1 for char in fraction if char in "0#?")
    return _Format(decimals, "%" in bare, "," in integer, currency)


def _split_sections(number_format: str) -> list[str]:
    """The `;`-separated sections of a format, ignoring `;` inside quotes."""
    sections, current, quoted = [], "", False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    sections.append(current)
    return sections
