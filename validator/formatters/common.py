"""Small helpers shared by formatters."""

from __future__ import annotations

from decimal import Decimal

from validator.model import Location


def decimal_text(value: Decimal | str | None) -> str | None:
    """The exact decimal value as a string (no exponent), or the text as is."""
    if value is None or isinstance(value, str):
        return value
    if value == 0:
        value = abs(value)  # no "-0.00"
    return format(value, "f")


def location_dict(location: Location) -> dict[str, object]:
    data: dict[str, object] = {"file": location.file}
    if location.sheet is not None:
        data["sheet"] = location.sheet
        data["cell"] = location.cell
    else:
        data["line"] = location.line
        data["column"] = location.column
    return data
