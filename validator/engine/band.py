"""Rule kind `band`: a stated grade matches the band its score falls in.

Checks: `grade` (the predicate printed beside a score, or inside a figure such as
"A (81,50)"), `boundary` (a score exactly on a band bound, where applications disagree),
`printed` (the band table printed in the report equals the regulation's band set).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.bands import BandSet
from validator.engine.context import Context
from validator.findings import STATUS_NOTE, Finding
from validator.model import Figure, Row, Table
from validator.ruleset import Rule


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    band_set = ctx.band_set()
    if band_set is None:
        yield from _unknown_band_set(rule, ctx)
        return
    kind = rule.params["check"]
    if kind == "printed":
        yield from _printed(rule, ctx, band_set)
        return
    scores = rule.params.get("score", [])
    for table in ctx.select(rule.params["tables"]):
        for row in table.rows:
            for score_column in scores if isinstance(scores, list) else [scores]:
                yield from _row(rule, ctx, band_set, table, row, ctx.column_name(score_column))


def _row(rule: Rule, ctx: Context, band_set: BandSet, table: Table, row: Row,
         score_column: str) -> Iterator[Finding]:
    score = row.figure(score_column)
    if score is not None and score.error:
        yield ctx.unreadable(rule, table, row, rule.params.get("grade") or score_column, row,
                             score_column, score, score)
        return
    if score is None or score.value is None:
        return
    if rule.params["check"] == "boundary":
        if band_set.on_boundary(score.value):
            yield ctx.finding(rule, table, row, score_column, figure=score, status=STATUS_NOTE,
                              severity=rule.severity, fields={"band_set": band_set.name})
        return
    yield from _grade(rule, ctx, band_set, table, row, score_column, score)


def _grade(rule: Rule, ctx: Context, band_set: BandSet, table: Table, row: Row,
           score_column: str, score: Figure) -> Iterator[Finding]:
    grade_column = rule.params.get("grade")
    if grade_column:
        stated = row.text(grade_column)
        place = row.cells.get(grade_column)
        location = place.location if place is not None else None
    else:
        stated, location = score.grade, score.location
    if stated is None:
        return
    band = band_set.grade(score.value) if score.value is not None else None
    expected = band.predikat if band else "-"
    if stated.strip().upper() == expected.upper():
        return
    yield ctx.finding(rule, table, row, grade_column or score_column, figure=score,
                      expected=expected, location=location, stated=stated if grade_column else None,
                      fields={"grade": stated, "score": score.raw, "band_set": band_set.name})


def _unknown_band_set(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A band set no file defines: every band rule says it cannot verify, once per report."""
    table = next((t for t in ctx.tables if t.id == "akip"), None)
    if table is None:
        return
    wanted = ctx.settings.band_set or (ctx.report.akip.pita if ctx.report.akip else "")
    reason = {"id": f"pita nilai {wanted!r} tidak dikenal", "en": f"band set {wanted!r} is not known"}
    yield ctx.finding(rule, table, table.rows[0], "pita", status="unverifiable", reason=reason)


def _printed(rule: Rule, ctx: Context, band_set: BandSet) -> Iterator[Finding]:
    akip = ctx.report.akip
    if akip is None or not akip.pita_dicetak:
        return
    table = next(t for t in ctx.tables if t.id == "akip")
    row = table.rows[0]
    regulation = {b.predikat: b for b in band_set.bands}
    for printed in akip.pita_dicetak:
        band = regulation.get(printed.predikat)
        if band is not None and (band.bawah, band.atas) == (printed.bawah, printed.atas):
            continue
        expected = f"{band.bawah}-{band.atas}" if band else "-"
        yield ctx.finding(
            rule, table, row, "pita_dicetak", expected=expected, location=printed.location,
            fields={"grade": printed.predikat, "printed": f"{printed.bawah}-{printed.atas}",
                    "band_set": band_set.name},
        )
