"""The expression language of rule files: arithmetic, comparisons and a few functions.

Rule files may come from another team's repository, so they are untrusted. Expressions
are parsed with Python's own parser (`ast.parse`, which evaluates nothing) and then
translated into this module's small node types: only numbers, names, + - * /, unary
minus, comparisons, `and` / `or` / `not`, and calls to `min`, `max` and `abs` are
accepted. There is no attribute access, subscription, import, lambda, comprehension or
loop, and nothing is ever handed to `eval`. The evaluator is our own tree walk.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from validator.intervals import Interval

MAX_LENGTH = 500
MAX_DEPTH = 30
MAX_CONSTANT = Decimal(10) ** 18
FUNCTIONS = ("min", "max", "abs", "present")

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


class ExpressionError(ValueError):
    """An expression that is not in the language; column is 1-based within the text."""

    def __init__(self, message: str, column: int = 1, *, en: str | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.messages = {"id": message, "en": en or message}
        """The message in both languages (str(error) is the Indonesian one)."""


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Logic:
    op: str
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


Node = Num | Var | Unary | Binary | Compare | Logic | Call


@dataclass(frozen=True)
class Expression:
    text: str
    root: Node

    @property
    def names(self) -> frozenset[str]:
        return frozenset(_names(self.root))


def parse(text: str) -> Expression:
    """Parse an expression of the rule language, or raise ExpressionError."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"ekspresi terlalu panjang (> {MAX_LENGTH} karakter)",
                              en=f"expression too long (> {MAX_LENGTH} characters)")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"sintaks ekspresi salah: {exc.msg}", exc.offset or 1,
                              en=f"expression syntax error: {exc.msg}") from exc
    except (RecursionError, MemoryError) as exc:
        raise ExpressionError("ekspresi terlalu dalam", en="expression nested too deeply") from exc
    return Expression(text, _translate(tree.body, 0))


def _translate(node: ast.expr, depth: int) -> Node:
    if depth > MAX_DEPTH:
        raise ExpressionError("ekspresi terlalu dalam", node.col_offset + 1,
                              en="expression nested too deeply")
    column = node.col_offset + 1
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = Decimal(str(node.value))
        if not value.is_finite() or abs(value) > MAX_CONSTANT:
            raise ExpressionError("angka di luar batas", column, en="number out of range")
        return Num(value)
    if isinstance(node, ast.Name):
        return Var(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
        op = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not"}[type(node.op)]
        return Unary(op, _translate(node.operand, depth + 1))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return Binary(_BINARY[type(node.op)], _translate(node.left, depth + 1),
                      _translate(node.right, depth + 1))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        return Compare(_COMPARE[type(node.ops[0])], _translate(node.left, depth + 1),
                       _translate(node.comparators[0], depth + 1))
    if isinstance(node, ast.BoolOp):
        op = "and" if isinstance(node.op, ast.And) else "or"
        return Logic(op, tuple(_translate(v, depth + 1) for v in node.values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        if node.func.id not in FUNCTIONS:
            raise ExpressionError(
                f"fungsi {node.func.id!r} tidak dikenal; yang ada: {', '.join(FUNCTIONS)}", column,
                en=f"unknown function {node.func.id!r}; known: {', '.join(FUNCTIONS)}",
            )
        return Call(node.func.id, tuple(_translate(a, depth + 1) for a in node.args))
    raise ExpressionError(f"bentuk ekspresi tidak diizinkan: {type(node).__name__}", column,
                          en=f"expression form not allowed: {type(node).__name__}")


def _names(node: Node) -> list[str]:
    if isinstance(node, Var):
        return [node.name]
    if isinstance(node, Num):
        return []
    if isinstance(node, Unary):
        return _names(node.operand)
    if isinstance(node, (Binary, Compare)):
        return _names(node.left) + _names(node.right)
    if isinstance(node, Logic):
        return [n for operand in node.operands for n in _names(operand)]
    return [n for arg in node.args for n in _names(arg)]


def evaluate_interval(expr: Expression, env: Mapping[str, Interval]) -> Interval:
    """The range of an arithmetic expression over its inputs' intervals.

    Raises KeyError for a missing input and ZeroDivisionError for a divisor that may be 0.

    Interval arithmetic overstates the range of an input used twice, (2T - R) / T say,
    enough to let a real difference of a few hundredths pass. Such inputs are split into
    pieces and the ranges over the pieces joined: still a range that contains every
    value (nothing that fits is ever failed), only tighter.
    """
    repeated = [name for name, count in _occurrences(expr.root).items()
                if count > 1 and name in env and env[name].low != env[name].high]
    if not repeated:
        return _interval(expr.root, env)
    pieces = max(2, int(SPLIT_BOXES ** (1 / len(repeated))))
    result: Interval | None = None
    for box in _boxes(env, repeated, pieces):
        part = _interval(expr.root, box)
        result = part if result is None else Interval(min(result.low, part.low), max(result.high, part.high))
    assert result is not None
    return result


SPLIT_BOXES = 32
"""At most about this many pieces per evaluation (a power of the pieces per repeated input)."""


def _occurrences(node: Node) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in _all_names(node):
        counts[name] = counts.get(name, 0) + 1
    return counts


def _all_names(node: Node) -> list[str]:
    if isinstance(node, Var):
        return [node.name]
    if isinstance(node, Unary):
        return _all_names(node.operand)
    if isinstance(node, Binary):
        return _all_names(node.left) + _all_names(node.right)
    if isinstance(node, Call):
        return [name for arg in node.args for name in _all_names(arg)]
    return []


def _boxes(env: Mapping[str, Interval], names: list[str], pieces: int) -> list[dict[str, Interval]]:
    """Every combination of the pieces of `names`' intervals, the other inputs whole."""
    boxes: list[dict[str, Interval]] = [dict(env)]
    for name in names:
        whole = env[name]
        step = (whole.high - whole.low) / pieces
        cuts = [whole.low + step * i for i in range(pieces)] + [whole.high]
        boxes = [{**box, name: Interval(cuts[i], cuts[i + 1])} for box in boxes for i in range(pieces)]
    return boxes


def _interval(node: Node, env: Mapping[str, Interval]) -> Interval:
    if isinstance(node, Num):
        return Interval.point(node.value)
    if isinstance(node, Var):
        return env[node.name]
    if isinstance(node, Unary) and node.op in ("-", "+"):
        inner = _interval(node.operand, env)
        return -inner if node.op == "-" else inner
    if isinstance(node, Binary):
        left, right = _interval(node.left, env), _interval(node.right, env)
        ops: dict[str, Callable[[Interval, Interval], Interval]] = {
            "+": Interval.__add__, "-": Interval.__sub__, "*": Interval.__mul__,
            "/": Interval.__truediv__,
        }
        return ops[node.op](left, right)
    if isinstance(node, Call) and node.function != "present":
        args = [_interval(a, env) for a in node.args]
        if node.function == "abs" and len(args) == 1:
            a = args[0]
            if a.low >= 0:
                return a
            if a.high <= 0:
                return -a
            return Interval(Decimal(0), max(-a.low, a.high))
        if node.function in ("min", "max") and args:
            pick = min if node.function == "min" else max
            return Interval(pick(a.low for a in args), pick(a.high for a in args))
    raise ExpressionError("ekspresi ini bukan ekspresi angka", en="this expression is not a numeric one")


def evaluate_bool(expr: Expression, env: Mapping[str, Decimal | str | None]) -> bool:
    """A condition over point values (for `where` filters). Missing values compare False."""
    result = _point(expr.root, env)
    return bool(result) if result is not None else False


def _point(node: Node, env: Mapping[str, Decimal | str | None]) -> Decimal | str | bool | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Var):
        return env.get(node.name)
    if isinstance(node, Unary):
        inner = _point(node.operand, env)
        if node.op == "not":
            return None if inner is None else not inner
        if isinstance(inner, Decimal):
            return -inner if node.op == "-" else inner
        return None
    if isinstance(node, Logic):
        values = [_point(v, env) for v in node.operands]
        return all(values) if node.op == "and" else any(values)
    if isinstance(node, Compare):
        return _compare(node.op, _point(node.left, env), _point(node.right, env))
    if isinstance(node, Binary):
        left, right = _point(node.left, env), _point(node.right, env)
        if not isinstance(left, Decimal) or not isinstance(right, Decimal):
            return None
        if node.op == "/":
            return left / right if right != 0 else None
        return {"+": left + right, "-": left - right, "*": left * right}[node.op]
    args = [_point(a, env) for a in node.args]
    if node.function == "present":
        return len(args) == 1 and args[0] is not None
    numbers = [a for a in args if isinstance(a, Decimal)]
    if len(numbers) != len(args) or not numbers:
        return None
    if node.function == "abs":
        return abs(numbers[0])
    return min(numbers) if node.function == "min" else max(numbers)


def _compare(op: str, left: object, right: object) -> bool | None:
    if left is None or right is None:
        return None
    if type(left) is not type(right):
        return op == "!="
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if not isinstance(left, Decimal) or not isinstance(right, Decimal):
        return None
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
