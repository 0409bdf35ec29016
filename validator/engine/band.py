"""Rule kind `band`: a stated grade matches the band its score falls in.

Checks: `grade` (the predicate printed beside a score, or inside a figure such as
"A (81,50)"), `boundary` (a score exactly on a band bound, where applications disagree),
`printed` (the band table printed in the report equals the regulation's band set).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from validator.bands import BandSet
from validator.diagnosis import relations as rel
from validator.engine.common import FigureEntry, FigureItems, unreadable_item, where
from validator.engine.context import Context
from validator.engine.items import READABLE, Item, Items, decimal_text
from validator.expectations import Expect
from validator.findings import STATUS_NOTE, STATUS_UNVERIFIABLE, Finding
from validator.intervals import Interval
from validator.model import Band, Row, Table
from validator.ruleset import Rule


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    bands = band_set.bands if band_set else ()
    check = rule.params["check"]
    if check == "boundary":
        bounds = sorted({v for b in bands for v in (b.bawah, b.atas)})
        return [READABLE, Expect("check", "not_in_set", {"column": "score", "values": bounds})]
    if check == "printed":
        allowed = sorted({band_text(b.predikat, b.bawah, b.atas) for b in bands})
        return [READABLE, Expect("check", "in_set", {"column": "band", "values": allowed})]
    return [READABLE, Expect("check", "grade_in_band", {"a": "score", "b": "grade", "band_set": band_set})]


def band_text(predikat: str, low: Decimal, high: Decimal) -> str:
    """A band as one comparable text: "A: 80-90"."""
    return f"{predikat}: {decimal_text(low)}-{decimal_text(high)}"


def items(rule: Rule, ctx: Context) -> Items:
    band_set = ctx.band_set()
    if band_set is None:
        return Items.of(_unknown_band_set(rule, ctx))
    check = rule.params["check"]
    if check == "printed":
        return Items.of(_printed(rule, ctx, band_set))
    scores = rule.params.get("score", [])
    columns = [ctx.column_name(c) for c in (scores if isinstance(scores, list) else [scores])]
    built = FigureItems("score") if check == "boundary" else FigureItems("score", "grade")
    for table in ctx.select(rule.params["tables"]):
        stated = [c for c in columns if c in ctx.columns(table)]
        for row in table.rows if stated else ():
            for score_column in stated:
                _row(built, rule, ctx, table, row, score_column)
    if check == "boundary":
        return built.items(_boundary_finding(rule, ctx, band_set), on_fail=STATUS_NOTE)
    return built.items(_grade_finding(rule, ctx, band_set))


def relations(rule: Rule, ctx: Context) -> Iterator[rel.Relation]:
    """A predicate stated beside its score (its own column) as a relation: the predicate =
    the band of the score. A grade inside the figure ("A (81,50)") is one figure, no link."""
    band_set = ctx.band_set()
    grade_column = rule.params.get("grade")
    if band_set is None or rule.params["check"] != "grade" or not grade_column:
        return
    built = items(rule, ctx)
    for entry, unreadable in zip(built.entries, built.column("unreadable"), strict=True):
        table, row, score_column, score, data = entry
        if unreadable is None and data is not None and data[0] is not None:
            yield rel.label(rule.code, ctx, (table, row, grade_column, str(data[0])),
                            [(table, row, score_column, score)], _band_of(band_set))


def _band_of(band_set: BandSet) -> Callable[[Sequence[Interval]], str]:
    def predicate(values: Sequence[Interval]) -> str:
        band = band_set.grade(values[0].mid)
        return band.predikat if band else "-"
    return predicate


def _row(built: FigureItems, rule: Rule, ctx: Context, table: Table, row: Row, score_column: str) -> None:
    """A score and, for a grade check, the grade stated with it (in the `grade` column,
    else inside the figure: "A (81,50)")."""
    score = row.figure(score_column)
    grade_column = rule.params.get("grade")
    if score is not None and score.error:
        finding = ctx.unreadable(rule, table, row, grade_column or score_column, row, score_column, score,
                                 score)
        built.cannot_read(table, row, score_column, score, where(table, score_column, score), finding)
        return
    if score is None or score.value is None:
        return
    if rule.params["check"] == "boundary":
        built.add((table, row, score_column, score, None), score.value)
        return
    if grade_column:
        stated = row.text(grade_column)
        place = row.cells.get(grade_column)
        location = place.location if place is not None else None
    else:
        stated, location = score.grade, score.location
    if stated is not None:
        built.add((table, row, score_column, score, (stated, location)), score.value, stated)


def _boundary_finding(rule: Rule, ctx: Context, band_set: BandSet) -> Callable[[FigureEntry, str], Finding]:
    def make(entry: FigureEntry, _status: str) -> Finding:
        table, row, score_column, score, _ = entry
        return ctx.finding(rule, table, row, score_column, figure=score, status=STATUS_NOTE,
                           severity=rule.severity, fields={"band_set": band_set.name})
    return make


def _grade_finding(rule: Rule, ctx: Context, band_set: BandSet) -> Callable[[FigureEntry, str], Finding]:
    grade_column = rule.params.get("grade")

    def make(entry: FigureEntry, _status: str) -> Finding:
        table, row, score_column, score, (stated, location) = entry
        band = band_set.grade(score.value) if score.value is not None else None
        expected = band.predikat if band else "-"
        return ctx.finding(rule, table, row, grade_column or score_column, figure=score,
                           expected=expected, location=location, stated=stated if grade_column else None,
                           fields={"grade": stated, "score": score.raw, "band_set": band_set.name})
    return make


def _unknown_band_set(rule: Rule, ctx: Context) -> Iterator[Item]:
    """A band set no file defines: every band rule says it cannot verify, once per report."""
    table = next((t for t in ctx.tables if t.id == "akip"), None)
    if table is None:
        return
    wanted = ctx.settings.band_set or (ctx.report.akip.pita if ctx.report.akip else "")
    reason = {"id": f"pita nilai {wanted!r} tidak dikenal", "en": f"band set {wanted!r} is not known"}
    finding = ctx.finding(rule, table, table.rows[0], "pita", status=STATUS_UNVERIFIABLE, reason=reason)
    yield unreadable_item(table, table.rows[0], "pita", None, reason["en"], finding)


def _printed(rule: Rule, ctx: Context, band_set: BandSet) -> Iterator[Item]:
    akip = ctx.report.akip
    if akip is None or not akip.pita_dicetak:
        return
    table = next(t for t in ctx.tables if t.id == "akip")
    row = table.rows[0]
    regulation = {b.predikat: b for b in band_set.bands}
    for printed in akip.pita_dicetak:
        shown = f"{printed.bawah}-{printed.atas}"

        def make(_status: str, printed: Band = printed, shown: str = shown) -> Finding:
            band = regulation.get(printed.predikat)
            expected = f"{band.bawah}-{band.atas}" if band else "-"
            return ctx.finding(rule, table, row, "pita_dicetak", expected=expected, location=printed.location,
                               fields={"grade": printed.predikat, "printed": shown,
                                       "band_set": band_set.name})

        values = {"unreadable": None, "band": band_text(printed.predikat, printed.bawah, printed.atas)}
        yield Item(table.id, row.kode, "pita_dicetak", shown, values, make)
