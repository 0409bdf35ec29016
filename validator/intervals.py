"""Printed figures as intervals, the way XBRL Calculations 1.1 judges rounded values.

A figure printed with d decimals stands for every value that prints that way:
[v - 0.5*10^-d, v + 0.5*10^-d] when rounded to nearest, [v, v + 10^-d] when truncated
(towards zero). A total or a derived figure is consistent when its interval overlaps
the range its formula takes over its inputs' intervals, so the slack grows with the
number of inputs instead of being a fixed epsilon.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Rounding = Literal["nearest", "truncate", "either"]


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a printed figure, or a formula over printed figures, may stand for.
    Slotted: the engine makes one or more per checked figure."""

    low: Decimal
    high: Decimal

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @property
    def mid(self) -> Decimal:
        return (self.low + self.high) / 2

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains_zero(self) -> bool:
        return self.low <= 0 <= self.high

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.contains_zero():
            raise ZeroDivisionError("interval divisor contains zero")
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients))

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.low, other.low), max(self.high, other.high))


def printed_interval(value: Decimal, decimals: int, rounding: Rounding) -> Interval:
    """The values that print as `value` with `decimals` decimals under a convention."""
    step = Decimal(1).scaleb(-decimals)
    nearest = Interval(value - step / 2, value + step / 2)
    # Truncation drops digits towards zero: 54,209 prints 54,20 and -5,749 prints -5,74.
    truncated = Interval(value, value + step) if value >= 0 else Interval(value - step, value)
    if value == 0:
        truncated = Interval(-step, step)
    if rounding == "nearest":
        return nearest
    if rounding == "truncate":
        return truncated
    return nearest.hull(truncated)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
