"""Hypothesis strategies and settings for the property tests (tests/test_properties.py).

Two settings profiles: `lkjip` (200 examples, the default) and `lkjip-fuzz` (10,000
examples), chosen by the environment variable LKJIP_FUZZ=1. They are applied per test
(`@PROFILE`), so loading this module changes no other test's settings.

The report strategy builds a small CONSISTENT report the way an office prints one:
programs > kegiatan > sub kegiatan whose budgets and realisations add up, capaian
anggaran, capaian kinerja and efisiensi computed and rounded half-up to 2 decimals,
figures in Indonesian style (validator.numbers.format_id), a final DPA version whose table
states the same budgets, and a Bab IV statement with the totals, serapan and efisiensi.
Every checked figure is addressed by a FigureRef so a test can change one of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from validator.intervals import round_half_up
from validator.numbers import format_en, format_id

settings.register_profile(
    "lkjip", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "lkjip-fuzz", max_examples=10_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = os.environ.get("LKJIP_FUZZ") == "1"
PROFILE = settings.get_profile("lkjip-fuzz" if FUZZ else "lkjip")

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# -- printed numbers ------------------------------------------------------------------------

# Digits of other scripts that str.isdigit() or int() accept: none of them is a digit of
# a printed Indonesian figure.
UNICODE_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩০১২３４５６７８９０１２²³¹⁰½⅓①②"
SIGNS = "-−–—+±"
SEPARATORS = ".,  \u00a0'’٫٬"
NUMBER_ALPHABET = "0123456789" + UNICODE_DIGITS + SIGNS + SEPARATORS + "%‰eE()[]RrPp$€ ,-OrangUnit/∞NaINFinf"

number_text = st.text(alphabet=NUMBER_ALPHABET, max_size=40) | st.text(max_size=40)


@st.composite
def printed_like(draw: st.DrawFn) -> str:
    """Text shaped like a printed figure, often malformed: prefix, sign, digit groups with
    any separators (ASCII or unicode digits), a decimal part, percent, unit, ",-"."""
    digit = st.sampled_from("0123456789") if draw(st.integers(0, 9)) else st.sampled_from(UNICODE_DIGITS)
    groups = draw(st.lists(st.text(alphabet=digit, min_size=1, max_size=4), min_size=1, max_size=8))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(groups), max_size=len(groups)))
    body = "".join(g + s for g, s in zip(groups, separators, strict=True))[:-1]
    prefix = draw(st.sampled_from(["", "", "Rp", "Rp ", "Rp. ", "rp.", "RP", "$"]))
    sign = draw(st.sampled_from(["", "", "", *SIGNS]))
    suffix = draw(st.sampled_from(["", "", "%", " %", ",-", " Orang", " Unit Kerja", "%%", " 12", "e309"]))
    if draw(st.booleans()):
        return f"{prefix}{sign}{body}{suffix}"
    grade = draw(st.sampled_from(["A", "BB", "AA", "E", "X"]))
    return f"{grade} ({sign}{body}{suffix})"


@st.composite
def decimal_values(draw: st.DrawFn, max_digits: int = 20) -> tuple[Decimal, int]:
    """A value and a number of decimals it is printed with (0 to 4)."""
    decimals = draw(st.integers(0, 4))
    units = draw(st.integers(-(10 ** (max_digits - decimals)) + 1, 10 ** (max_digits - decimals) - 1))
    return Decimal(units).scaleb(-decimals), decimals


@st.composite
def plausible_printed(draw: st.DrawFn) -> str:
    """A figure as offices print it, in either style (so often the other style than the
    table's), with the decorations of format.md: currency, ",-", percent, unit, grade, nil."""
    value, decimals = draw(decimal_values(max_digits=15))
    text = (format_id if draw(st.booleans()) else format_en)(value, decimals)
    prefix = draw(st.sampled_from(["", "", "Rp ", "Rp. "]))
    suffix = draw(st.sampled_from(["", "", "%", ",-", " Orang", " Unit Kerja"]))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return draw(st.sampled_from(["-", "–", "—", "−"]))
    if shape == 1:
        return f"{draw(st.sampled_from(['A', 'BB', 'AA', 'CC']))} ({text})"
    return prefix + text + suffix


# -- expressions ----------------------------------------------------------------------------

NAMES = ["realisasi", "anggaran", "target", "capaian", "x", "__import__", "os", "self", "open"]
ALLOWED_CALLS = ["min", "max", "abs", "present"]
OTHER_CALLS = ["eval", "exec", "open", "__import__", "getattr", "sum", "len", "print", "type"]
FINITE_CONSTANTS = ["0", "1", "100", "2.5", "0.001", "1e10", "1e-300", "9" * 40, "007", "1_000"]
HOSTILE_CONSTANTS = ["1e309", "'s'", '"x" * 9', "b'x'", "None", "True", "1j", "...", "f'{x}'"]


def expression_source(constants: Sequence[str], hostile: bool) -> st.SearchStrategy[str]:
    """Source text of random expressions: the rule language, and with `hostile` much that is
    outside it (attributes, subscripts, lambdas, comprehensions, other calls and operators)."""
    leaves = st.sampled_from(NAMES) | st.sampled_from(list(constants))
    operators = ["+", "-", "*", "/"] + (["**", "//", "%", "@", "<<", "&"] if hostile else [])
    comparisons = ["<", "<=", ">", ">=", "==", "!="] + (["in", "is"] if hostile else [])
    functions = ALLOWED_CALLS + (OTHER_CALLS if hostile else [])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(operators), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
        compare = st.tuples(inner, st.sampled_from(comparisons), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})")
        logic = st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})")
        unary = st.tuples(st.sampled_from(["-", "+", "not "] + (["~"] if hostile else [])), inner).map(
            lambda t: f"({t[0]}{t[1]})")
        call = st.tuples(st.sampled_from(functions), st.lists(inner, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})")
        shapes = [binary, compare, logic, unary, call]
        if hostile:
            shapes += [
                st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} < {t[1]} < {t[2]})"),
                inner.map(lambda e: f"{e}.__class__"),
                inner.map(lambda e: f"{e}[0]"),
                inner.map(lambda e: f"(lambda: {e})()"),
                inner.map(lambda e: f"[{e} for x in anggaran]"),
                inner.map(lambda e: f"({e} if x else 1)"),
                inner.map(lambda e: f"(y := {e})"),
                inner.map(lambda e: f"min(key={e})"),
                inner.map(lambda e: f"[{e}]"),
            ]
        return st.one_of(*shapes)

    return st.recursive(leaves, extend, max_leaves=25)


safe_expressions = expression_source(FINITE_CONSTANTS, hostile=False)
any_expressions = expression_source(FINITE_CONSTANTS + HOSTILE_CONSTANTS, hostile=True)
EXPRESSION_ALPHABET = "abcdeinorstx_0123456789.+-*/%<>=!()[]{}:,'\" \t\n\\@~^&|#λ²"
expression_text = st.text(alphabet=EXPRESSION_ALPHABET, max_size=80) | st.text(max_size=80)


# -- consistent reports ---------------------------------------------------------------------

DPA, REALISASI, PERNYATAAN = "tabel_2_7", "tabel_3_7", "pernyataan"
TOTAL = "JUMLAH"
BAGIAN = "BAB IV"
AMOUNT = "amount"
PERCENT = "percent"
COUNT = "count"


@dataclass(frozen=True)
class BudgetRow:
    kode: str
    anggaran: Decimal
    realisasi: Decimal
    target: int | None = None
    realisasi_kinerja: int | None = None


@dataclass(frozen=True)
class FigureRef:
    """One printed figure: its table, the kode of its row and its column."""

    table: str
    kode: str
    column: str


@dataclass(frozen=True)
class Figure:
    text: str
    value: Decimal
    kind: str  # AMOUNT, PERCENT or COUNT (a performance count printed with a unit)
    reference: Decimal = Decimal(0)  # an amount the change must be large against


@dataclass(frozen=True)
class ReportSpec:
    rows: tuple[BudgetRow, ...]  # in hierarchy order: program, its kegiatan, their sub kegiatan
    labels: Mapping[str, str] = field(default_factory=dict)
    prefixed: frozenset[str] = frozenset()  # kode of rows whose amounts print "Rp. ...,-"

    def programs(self) -> list[BudgetRow]:
        return [r for r in self.rows if r.kode.count(".") == 2]


def _amount_text(value: Decimal, prefixed: bool) -> str:
    text = format_id(value, 2)
    return f"Rp. {text},-" if prefixed else text


def _percent(value: Decimal) -> Figure:
    return Figure(format_id(value, 2) + "%", value, PERCENT)


def capaian(part: Decimal, whole: Decimal) -> Decimal:
    return round_half_up(part / whole * HUNDRED, 2)


def figures(spec: ReportSpec, scale: int = 0) -> dict[FigureRef, Figure]:
    """Every figure the report prints, amounts multiplied by 10**scale."""
    factor = Decimal(10) ** scale
    result: dict[FigureRef, Figure] = {}
    for row in spec.rows:
        prefixed = row.kode in spec.prefixed
        anggaran, realisasi = row.anggaran * factor, row.realisasi * factor
        for table in (DPA, REALISASI):
            result[FigureRef(table, row.kode, "anggaran")] = Figure(
                _amount_text(anggaran, prefixed), anggaran, AMOUNT, anggaran)
        result[FigureRef(REALISASI, row.kode, "realisasi")] = Figure(
            _amount_text(realisasi, prefixed), realisasi, AMOUNT, anggaran)
        absorption = capaian(row.realisasi, row.anggaran)
        result[FigureRef(REALISASI, row.kode, "capaian_anggaran")] = _percent(absorption)
        if row.target is not None and row.realisasi_kinerja is not None:
            achieved = capaian(Decimal(row.realisasi_kinerja), Decimal(row.target))
            result[FigureRef(REALISASI, row.kode, "target")] = Figure(
                f"{row.target} Orang", Decimal(row.target), COUNT)
            result[FigureRef(REALISASI, row.kode, "realisasi_kinerja")] = Figure(
                f"{row.realisasi_kinerja} Orang", Decimal(row.realisasi_kinerja), COUNT,
                Decimal(row.target))
            result[FigureRef(REALISASI, row.kode, "capaian_kinerja")] = _percent(achieved)
            result[FigureRef(REALISASI, row.kode, "efisiensi")] = _percent(achieved - absorption)
    total_anggaran = sum((p.anggaran for p in spec.programs()), Decimal(0)) * factor
    total_realisasi = sum((p.realisasi for p in spec.programs()), Decimal(0)) * factor
    for table in (DPA, REALISASI):
        result[FigureRef(table, TOTAL, "anggaran")] = Figure(
            format_id(total_anggaran, 2), total_anggaran, AMOUNT, total_anggaran)
    result[FigureRef(REALISASI, TOTAL, "realisasi")] = Figure(
        format_id(total_realisasi, 2), total_realisasi, AMOUNT, total_anggaran)
    serapan = capaian(total_realisasi, total_anggaran)
    result[FigureRef(PERNYATAAN, BAGIAN, "total_anggaran")] = Figure(
        format_id(total_anggaran, 2), total_anggaran, AMOUNT, total_anggaran)
    result[FigureRef(PERNYATAAN, BAGIAN, "total_realisasi")] = Figure(
        format_id(total_realisasi, 2), total_realisasi, AMOUNT, total_anggaran)
    result[FigureRef(PERNYATAAN, BAGIAN, "serapan_anggaran")] = _percent(serapan)
    result[FigureRef(PERNYATAAN, BAGIAN, "efisiensi_anggaran")] = _percent(HUNDRED - serapan)
    return result


CHECKED_KINDS = (AMOUNT, PERCENT, COUNT)


def checked_refs(values: Mapping[FigureRef, Figure]) -> list[FigureRef]:
    """Figures some rule checks against others. A performance target is left out: with a
    realisation of 0 its capaian is 0 whatever the target, so changing it may show nothing."""
    return [ref for ref in values if ref.column != "target"]


def changed(figure: Figure, sign: int, size: Decimal) -> Figure:
    """The figure moved well outside its rounding: `size` is a fraction in [0.01, 0.5] for
    amounts, percentage points in [5, 50] for percentages, a share of the target for counts."""
    if figure.kind == AMOUNT:
        step = max(abs(figure.value) * size, figure.reference * Decimal("0.01"), Decimal(1))
        value = figure.value + sign * step.quantize(CENT)
        prefixed = figure.text.startswith("Rp")
        return Figure(_amount_text(value, prefixed), value, AMOUNT, figure.reference)
    if figure.kind == PERCENT:
        value = figure.value + sign * (size * HUNDRED).quantize(CENT)
        return Figure(format_id(value, 2) + "%", value, PERCENT)
    step = max(Decimal(1), (figure.reference * size).to_integral_value())
    value = figure.value + sign * step
    return Figure(f"{value} Orang", value, COUNT, figure.reference)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def report_yaml(spec: ReportSpec, values: Mapping[FigureRef, Figure],
                order: Callable[[str, list[BudgetRow]], list[BudgetRow]] | None = None) -> str:
    """The report as YAML text; order may rearrange the rows of each table."""
    lines = [
        "format: lkjip/1",
        "identitas:",
        '  instansi: "Dinas Sosial Kabupaten Contoh"',
        '  pemda: "Kabupaten Contoh"',
        "  tahun: 2023",
        "  tanggal: 2024-02-29",
        "versi:",
        "  - {id: dpa_p, jenis: dpa_perubahan, nama: \"DPA Perubahan\", tanggal: 2023-12-05, urutan: 1, "
        "final: true}",
        "tabel:",
    ]
    for table, label, columns in (
        (DPA, "Tabel 2.7 Anggaran DPA Perubahan", ("anggaran",)),
        (REALISASI, "Tabel 3.7 Capaian Kinerja dan Anggaran Program",
         ("target", "realisasi_kinerja", "capaian_kinerja", "anggaran", "realisasi",
          "capaian_anggaran", "efisiensi")),
    ):
        lines += [f"  - id: {table}", f"    label: {_q(label)}", "    jenis: anggaran"]
        if table == DPA:
            lines.append("    versi: dpa_p")
        lines.append("    baris:")
        rows = list(spec.rows) if order is None else order(table, list(spec.rows))
        for row in rows:
            cells = [f"kode: {_q(row.kode)}", f"uraian: {_q(spec.labels.get(row.kode, row.kode))}"]
            cells += [f"{c}: {_q(values[ref].text)}" for c in columns
                      if (ref := FigureRef(table, row.kode, c)) in values]
            lines.append(f"      - {{{', '.join(cells)}}}")
        total = [f"{c}: {_q(values[ref].text)}" for c in ("anggaran", "realisasi")
                 if (ref := FigureRef(table, TOTAL, c)) in values]
        lines.append(f"    jumlah: {{uraian: \"Jumlah\", {', '.join(total)}}}")
    statement = [f"{c}: {_q(values[FigureRef(PERNYATAAN, BAGIAN, c)].text)}"
                 for c in ("total_anggaran", "total_realisasi", "serapan_anggaran", "efisiensi_anggaran")]
    lines += ["pernyataan:", f"  - {{bagian: {_q(BAGIAN)}, {', '.join(statement)}}}"]
    return "\n".join(lines) + "\n"


LABEL = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ()/.,-'&", min_size=1,
                max_size=30).map(str.strip).filter(bool)


@st.composite
def leaf_amounts(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    """Budget and realisation of one sub kegiatan, in rupiah with cents (often whole)."""
    cents = draw(st.integers(100_000, 10**14))
    if draw(st.booleans()):
        cents -= cents % 100
    spent = draw(st.integers(0, cents) | st.sampled_from([0, cents]))
    return Decimal(cents).scaleb(-2), Decimal(spent).scaleb(-2)


@st.composite
def performance(draw: st.DrawFn) -> tuple[int, int]:
    target = draw(st.integers(100, 10_000))
    return target, draw(st.integers(0, 2 * target))


@st.composite
def consistent_reports(draw: st.DrawFn) -> ReportSpec:
    rows: list[BudgetRow] = []
    labels: dict[str, str] = {}
    program_numbers = draw(st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True))
    for p in program_numbers:
        program = f"1.06.{p:02d}"
        program_rows: list[BudgetRow] = []
        for k in draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)):
            kegiatan = f"{program}.2.{k:02d}"
            subs = []
            for s in draw(st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True)):
                anggaran, realisasi = draw(leaf_amounts())
                subs.append(BudgetRow(f"{kegiatan}.{s:04d}", anggaran, realisasi))
            kinerja = draw(st.none() | performance())
            program_rows.append(BudgetRow(
                kegiatan, sum((r.anggaran for r in subs), Decimal(0)),
                sum((r.realisasi for r in subs), Decimal(0)),
                *(kinerja or (None, None)),
            ))
            program_rows.extend(subs)
        target, achieved = draw(performance())
        kegiatan_rows = [r for r in program_rows if r.kode.count(".") == 4]
        rows.append(BudgetRow(
            program, sum((r.anggaran for r in kegiatan_rows), Decimal(0)),
            sum((r.realisasi for r in kegiatan_rows), Decimal(0)), target, achieved,
        ))
        rows.extend(program_rows)
    for row in rows:
        labels[row.kode] = draw(LABEL)
    prefixed = frozenset(r.kode for r in rows if draw(st.integers(0, 4)) == 0)
    return ReportSpec(tuple(rows), labels, prefixed)
