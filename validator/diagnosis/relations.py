"""The relations the rules check, as the diagnosis reads them: which figures a rule
compares and how (a sum and its parts, the same figure in two tables, a formula and its
inputs, a category of a condition).

A relation names its figures by place (`Cell`: table id, kode, column), the figure the
rule's finding sits on first (`output`). It can say whether it holds over given values
and solve itself for one figure when the others are known, so the search
(validator/diagnosis/search.py) can ask "if these figures were wrong, could every rule
hold?". The rule kinds build their relations from their own items
(`relations(rule, ctx)` in validator/engine/sum.py, reconcile.py, formula.py,
aggregate.py), so what a rule compares is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import TYPE_CHECKING

from validator.intervals import Interval
from validator.model import Figure, Row, Table

if TYPE_CHECKING:  # the rule kinds import this module: no import of the engine here
    from validator.engine.context import Context

Cell = tuple[str, str, str]
"""A figure's place: table id, kode, column."""

Value = Interval | str
"""What a cell holds for the search: the interval a number stands for, or a word."""

LINEAR = "linear"
FUNCTION = "function"
LABEL = "label"


@dataclass(frozen=True, slots=True)
class Known:
    """A figure as the report states it, with what the diagnosis shows about it."""

    table: Table
    row: Row
    column: str
    figure: Figure | None
    value: Value
    decimals: int
    text: str | None = None
    """A word as stated (a category such as "Efisien"), when the cell is not a figure."""


@dataclass(frozen=True)
class Relation:
    """One rule item over figures: `output` is the figure the rule's finding sits on.

    linear: output = sum of coefficient x input (a sum, an equality, a mean);
    function: output = `function(inputs)` (a formula; an input is solved numerically);
    label: output (a word) = `function(inputs)` (a category of a condition), never solved
    for an input.
    """

    code: str
    form: str
    cells: tuple[Cell, ...]
    places: tuple[Place, ...]
    """The figures (a word for a label's output) with their table, row and column."""
    ctx: Context | None = field(default=None, compare=False, repr=False)
    coefficients: tuple[Decimal, ...] = ()
    function: Callable[[Sequence[Interval]], Value] | None = None
    derived: bool = True
    """The output is computed from the inputs (a total, a formula): when an input is
    corrected and the relation held before, the output follows (a consequence, not a
    second mistake). An equality of two stated figures is not derived."""

    @property
    def output(self) -> Cell:
        return self.cells[0]

    @cached_property
    def known(self) -> tuple[Known, ...]:
        """The figures as read (their intervals), made only for the relations the search
        visits: most relations of a report are never looked at."""
        return tuple(_known(self.ctx, place) for place in self.places)

    def expected(self, values: Mapping[Cell, Value]) -> Value | None:
        """The output's range (or word) over the inputs' values."""
        inputs = [values[c] for c in self.cells[1:]]
        try:
            if self.form == LINEAR:
                total = Interval.point(Decimal(0))
                for coefficient, value in zip(self.coefficients, inputs, strict=True):
                    assert isinstance(value, Interval)
                    total = total + value * Interval.point(coefficient)
                return total
            assert self.function is not None
            return self.function([v for v in inputs if isinstance(v, Interval)])
        except (ZeroDivisionError, InvalidOperation, ArithmeticError):
            return None

    def holds(self, values: Mapping[Cell, Value]) -> bool:
        expected = self.expected(values)
        if expected is None:
            return True  # undefined (a target of 0): the rule does not judge it either
        stated = values[self.output]
        if isinstance(expected, Interval) and isinstance(stated, Interval):
            return stated.overlaps(expected)
        return str(stated).strip().casefold() == str(expected).strip().casefold()

    def solvable(self, cell: Cell) -> bool:
        if cell == self.output:
            return True
        return self.form in (LINEAR, FUNCTION)

    def solve(self, cell: Cell, values: Mapping[Cell, Value]) -> Value | None:
        """The value `cell` must take for the relation to hold, the others as given."""
        if cell == self.output:
            return self.expected(values)
        index = self.cells.index(cell)
        if self.form == LINEAR:
            return self._solve_linear(index, values)
        return self._solve_function(index, values)

    def _solve_linear(self, index: int, values: Mapping[Cell, Value]) -> Value | None:
        rest = Interval.point(Decimal(0))
        for position, (coefficient, cell) in enumerate(zip(self.coefficients, self.cells[1:], strict=True)):
            if position + 1 == index:
                continue
            value = values[cell]
            assert isinstance(value, Interval)
            rest = rest + value * Interval.point(coefficient)
        output = values[self.output]
        assert isinstance(output, Interval)
        coefficient = self.coefficients[index - 1]
        if coefficient == 0:
            return None
        return (output - rest) / Interval.point(coefficient)

    def _solve_function(self, index: int, values: Mapping[Cell, Value]) -> Value | None:
        """An input of a formula: the values that give the output's ends, found by the
        secant method on the other inputs' midpoints (the formulas are ratios and
        differences, monotone in each input), widened by the cell's own printed precision
        so the check that follows judges it as printed."""
        output = values[self.output]
        if not isinstance(output, Interval) or self.function is None:
            return None
        inputs = [values[c] for c in self.cells[1:]]
        if not all(isinstance(v, Interval) for v in inputs):
            return None
        points = [Interval.point(v.mid) for v in inputs if isinstance(v, Interval)]
        ends = [self._root(points, index - 1, target) for target in (output.low, output.high)]
        if any(end is None for end in ends):
            return None
        low, high = min(e for e in ends if e is not None), max(e for e in ends if e is not None)
        stated = self.known[index].value
        if isinstance(stated, Interval) and stated.low == stated.high:
            return Interval(low, high)  # read exactly (a count, rupiah): no rounding to allow for
        half = Decimal(5) / Decimal(10) ** (self.known[index].decimals + 1)
        return Interval(low - half, high + half)

    def _root(self, points: list[Interval], position: int, target: Decimal) -> Decimal | None:
        function = self.function
        assert function is not None

        def gap(x: Decimal) -> Decimal:
            trial = list(points)
            trial[position] = Interval.point(x)
            result = function(trial)
            if not isinstance(result, Interval):
                raise ArithmeticError("not a number")
            return result.mid - target

        x0 = points[position].low
        x1 = x0 * Decimal("1.1") + 1
        try:
            f0, f1 = gap(x0), gap(x1)
            for _ in range(60):
                if abs(f1) < Decimal("1e-12") or f1 == f0:
                    break
                x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
                f0, f1 = f1, gap(x1)
        except (ZeroDivisionError, InvalidOperation, ArithmeticError):
            return None
        return x1 if abs(f1) < Decimal("1e-6") else None


Place = tuple[Table, Row, str, "Figure | str"]
"""A figure's table, row, column and the figure (a stated word for a label's output)."""


def cell_of(table: Table, row: Row, column: str) -> Cell:
    return (table.id, row.kode, column)


def _known(ctx: Context | None, place: Place) -> Known:
    table, row, column, stated = place
    if isinstance(stated, str) or ctx is None:
        return Known(table, row, column, None, str(stated), 0, str(stated))
    return Known(table, row, column, stated, ctx.interval(table, column, stated),
                 ctx.decimals(table, column, stated))


def _cells(places: Sequence[Place]) -> tuple[Cell, ...]:
    return tuple((t.id, r.kode, c) for t, r, c, _ in places)


def linear(code: str, ctx: Context, output: Place, inputs: Sequence[Place],
           coefficients: Sequence[Decimal] | None = None, derived: bool = True) -> Relation:
    """output = sum of coefficient x input (every coefficient 1 unless given)."""
    places = (output, *inputs)
    return Relation(code, LINEAR, _cells(places), places, ctx,
                    tuple(coefficients) if coefficients is not None else (Decimal(1),) * len(inputs),
                    derived=derived)


def function(code: str, ctx: Context, output: Place, inputs: Sequence[Place],
             compute: Callable[[Sequence[Interval]], Value]) -> Relation:
    """output = compute(inputs), a formula over figures."""
    places = (output, *inputs)
    return Relation(code, FUNCTION, _cells(places), places, ctx, function=compute)


def label(code: str, ctx: Context, output: Place, inputs: Sequence[Place],
          compute: Callable[[Sequence[Interval]], str]) -> Relation:
    """A stated word (a category) = compute(inputs)."""
    places = (output, *inputs)
    return Relation(code, LABEL, _cells(places), places, ctx, function=compute)
