"""Formula cells of a workbook: their saved results, or their results computed here.

Excel and LibreOffice save each formula's last result beside it, and that result is what
the planner saw: it is read, and the formula is noted. A workbook written by a script
(openpyxl, pandas, a report generator) saves formulas without results; such a formula is
computed with the `formulas` library (maintained, 1.3.4 of 2026, a parser and compiler of
Excel formulas to Python functions, no macros and no code execution; pycel's last release
is of 2021). A formula that cannot be computed (an unknown function, a link to another
workbook, a circular reference, an Excel error such as #DIV/0!) is never read as empty:
its cell becomes an unreadable figure with the reason (`FormulaFailure`), which the
figure rules report at its cell.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 100
"""Formulas that depend on formulas without results, nested deeper than this, are not
computed (a chain that long is no report table; it would only exhaust the stack)."""

FUNCTIONS = frozenset({
    "ABS", "AND", "AVERAGE", "AVERAGEA", "AVERAGEIF", "AVERAGEIFS", "CEILING", "CHOOSE",
    "CONCAT", "CONCATENATE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS", "FALSE",
    "FLOOR", "HLOOKUP", "IF", "IFERROR", "IFNA", "INDEX", "INT", "ISBLANK", "ISERROR",
    "ISNUMBER", "ISTEXT", "LEFT", "LEN", "LOWER", "MATCH", "MAX", "MEDIAN", "MID", "MIN",
    "MOD", "NOT", "OR", "PRODUCT", "PROPER", "RIGHT", "ROUND", "ROUNDDOWN", "ROUNDUP",
    "SUBTOTAL", "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "TRIM", "TRUE", "TRUNC", "UPPER",
    "VALUE", "VLOOKUP",
})
"""Functions computed: the arithmetic, rounding, logic, lookup and text functions report
tables use. Others are refused by name (a finding, not a guess): REPT, SEQUENCE or
MUNIT could build values large enough to exhaust memory from one short formula."""
MAX_COMPUTED = 10_000
"""Formulas without results computed per workbook (about 1.5 ms each, see
docs/performance.md): beyond this a workbook is to be saved by a spreadsheet program, so
that a hostile one cannot keep a check busy for minutes."""
MAX_TEXT = 32_767
"""Characters of a computed text, as in an Excel cell; a longer result (text doubled cell
after cell) is refused before another formula can grow it further."""

_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
_STRING = re.compile(r'"(?:[^"]|"")*"')
_REFERENCE = re.compile(
    r"^(?:(?P<sheet>'(?:[^']|'')+'|[^!'\[\]]+)!)?"
    r"\$?(?P<c1>[A-Z]{1,3})\$?(?P<r1>[0-9]+)(?::\$?(?P<c2>[A-Z]{1,3})\$?(?P<r2>[0-9]+))?$"
)


@dataclass(frozen=True, slots=True)
class FormulaFailure:
    """Why a formula without a saved result has no value: a reason key of numbers.REASONS
    and its detail (the function, reference or Excel error)."""

    key: str
    detail: str = ""


Lookup = Callable[[str, int, int], Any]
"""The value of a cell (sheet title, row, column, all 1-based), formulas resolved."""


def cached_value(kind: str | None, text: str) -> Any:
    """A formula's saved result from its `<v>` text and the cell's `t` attribute."""
    if kind == "e":
        return FormulaFailure("formula_error", text)
    if kind == "b":
        return text.strip() == "1"
    if kind in ("str", "inlineStr", "s"):
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def evaluate(formula: str, sheet: str, sheets: Mapping[str, str], lookup: Lookup) -> Any:
    """The result of one formula of `sheet`; `sheets` maps upper-cased titles to titles."""
    import formulas  # imported late: only workbooks with formulas lacking results need it

    named = _FUNCTION.findall(_STRING.sub('""', formula))
    # Excel saves functions newer than 2007 with a prefix: `_xlfn.CONCAT(`.
    unknown = sorted({name.upper().removeprefix("_XLFN.") for name in named} - FUNCTIONS)
    if unknown:
        return FormulaFailure("formula_unsupported", ", ".join(unknown)[:80])
    try:
        with _quiet():  # compiling already runs what it can, and logs what fails
            compiled = formulas.Parser().ast(formula)[1].compile()
    except Exception as exc:  # the parser raises many kinds of error on what it does not know
        return FormulaFailure("formula_unsupported", _short(exc))
    arguments = []
    for name in compiled.inputs:
        value = _input(name, sheet, sheets, lookup)
        if isinstance(value, FormulaFailure):
            return value
        arguments.append(value)
    try:
        with _quiet():
            result = compiled(*arguments)
    except Exception as exc:  # an unimplemented function fails only when called
        return FormulaFailure("formula_unsupported", _short(exc))
    return _plain(result)


@contextmanager
def _quiet() -> Iterator[None]:
    """schedula logs a traceback for a function it cannot run; the failure is reported
    as a finding instead, so its log is silenced while a formula runs."""
    logger = logging.getLogger("schedula")  # its modules' loggers inherit this level
    previous = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _input(name: str, sheet: str, sheets: Mapping[str, str], lookup: Lookup) -> Any:
    import numpy
    import schedula

    match = _REFERENCE.match(name)
    if match is None:
        return FormulaFailure("formula_unsupported", name)
    target = sheet
    if match["sheet"]:
        wanted = match["sheet"].strip("'").replace("''", "'").upper()
        if wanted not in sheets:
            return FormulaFailure("formula_unsupported", name)
        target = sheets[wanted]
    first = (_column(match["c1"]), int(match["r1"]))
    if match["c2"] is None:
        value = lookup(target, first[1], first[0])
        return schedula.EMPTY if value is None else value
    last = (_column(match["c2"]), int(match["r2"]))
    rows = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
    columns = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
    if len(rows) * len(columns) > 100_000:
        return FormulaFailure("formula_unsupported", name)
    grid = []
    for row in rows:
        cells = []
        for column in columns:
            value = lookup(target, row, column)
            if isinstance(value, FormulaFailure):
                return value
            cells.append(schedula.EMPTY if value is None else value)
        grid.append(cells)
    return numpy.array(grid, dtype=object)


def _plain(result: Any) -> Any:
    """A computed result as a plain Python value (a 1x1 array as its one value)."""
    import numpy
    import schedula
    from formulas.tokens.operand import XlError

    while isinstance(result, numpy.ndarray):
        if result.size != 1:
            return FormulaFailure("formula_unsupported", "array")
        result = result.reshape(-1)[0]
    if isinstance(result, XlError):
        return FormulaFailure("formula_error", str(result))
    if result is schedula.EMPTY:
        return 0
    if isinstance(result, numpy.bool_ | bool):
        return bool(result)
    if isinstance(result, numpy.integer):
        return int(result)
    if isinstance(result, numpy.floating | float):
        return float(result)
    if isinstance(result, str) and len(result) > MAX_TEXT:
        return FormulaFailure("formula_unsupported", f"text longer than {MAX_TEXT}")
    return result


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _short(exc: Exception) -> str:
    """The first thing a failure names (the function not implemented), kept short."""
    text = " ".join(str(arg) for arg in exc.args[1:2]) or type(exc).__name__
    return text[:80]
