"""Figures printed the ways real LKjIP tables print them.

Derived figures are rounded half up to two decimals first (as reports print them), then
written in one of the styles seen in the wild: Indonesian `94,47%`, the Tabel 3.9 style
with a decimal point and trailing zeros dropped (`98.9%`, `100%`), English-style PK
lampiran `3,862,987,429.00`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from validator.intervals import round_half_up
from validator.numbers import format_en, format_id

PercentStyle = Literal["id", "id_bare", "id_short", "en_short", "en", "int"]
TWO = 2


def rounded(value: Decimal, decimals: int = TWO) -> Decimal:
    return round_half_up(value, decimals)


def rupiah(value: int, decimals: int = 0, style: str = "id") -> str:
    """`3.637.682.131` / `3.637.682.131,00`, or `3,637,682,131.00` in an English table."""
    amount = Decimal(value)
    return format_en(amount, decimals) if style == "en" else format_id(amount, decimals)


def rupiah_text(value: int) -> str:
    """As the closing chapter writes a total: `Rp. 25.299.819.831,00,-`."""
    return f"Rp. {format_id(Decimal(value), 2)},-"


def percent(value: Decimal, style: PercentStyle = "id") -> str:
    """A percentage already rounded to two decimals, printed in one style."""
    if style == "int":
        return f"{value:.0f}%"
    if style == "en":
        return f"{format_en(value, 2)}%"
    if style in ("id_short", "en_short"):
        text = _short(value)
        return (text.replace(".", ",") if style == "id_short" else text) + "%"
    text = format_id(value, 2)
    return text if style == "id_bare" else text + "%"


def number(value: Decimal, decimals: int = TWO, style: str = "id") -> str:
    """A plain figure (a realisation such as `88,50` or `80,15`)."""
    return format_en(value, decimals) if style == "en" else format_id(value, decimals)


def short_number(value: Decimal) -> str:
    """`2,17`, `55`: a target as typed in a Renstra table, without trailing zeros."""
    return _short(value).replace(".", ",")


def grouped(value: int) -> str:
    """A count with thousands dots: `114.619`."""
    return format_id(Decimal(value), 0)


def grade(predicate: str, score: Decimal, style: str = "id") -> str:
    """A predicate with its score: `A (81,50)`."""
    return f"{predicate} ({number(score, 2, style)})"


def _short(value: Decimal) -> str:
    """Two decimals with trailing zeros dropped: 98.90 -> 98.9, 100.00 -> 100."""
    text = f"{value:.2f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
