"""Rule kind `revision`: the document versions of a report and how they reconcile.

Version checks look at the `versi` list (dates, sequence, final, attachment); item
checks compare consecutive versions by kode (validator/revisions.py) and the final
version against the realisation tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from validator.engine.context import Context
from validator.findings import Finding
from validator.model import Figure, Row, Table, Text, Version
from validator.revisions import diff_versions, ordered_versions, version_items
from validator.ruleset import Rule

ORDINALS_ID = {1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat", 5: "kelima"}


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    yield from CHECKS[rule.params["check"]](rule, ctx)


def _versions_table(ctx: Context) -> Table | None:
    return next((t for t in ctx.tables if t.id == "versi"), None)


def _row(table: Table, version: Version) -> Row:
    return next(r for r in table.rows if r.kode == version.id)


def _at(ctx: Context, rule: Rule, table: Table, version: Version, column: str,
        fields: dict[str, Any] | None = None) -> Finding:
    """A finding about one key of a version, cited at that key's line when it was written."""
    row = _row(table, version)
    cell = row.cells.get(column)
    stated = cell.raw if isinstance(cell, Figure) else (cell.value if isinstance(cell, Text) else None)
    return ctx.finding(rule, table, row, column, fields=fields or {}, stated=stated,
                       location=cell.location if cell is not None else row.location)


def _missing_date(rule: Rule, ctx: Context) -> Iterator[Finding]:
    table = _versions_table(ctx)
    for version in ctx.report.versi:
        if table is not None and version.tanggal is None:
            yield _at(ctx, rule, table, version, "tanggal")


def _duplicate_sequence(rule: Rule, ctx: Context) -> Iterator[Finding]:
    table = _versions_table(ctx)
    first: dict[int, Version] = {}
    for version in ctx.report.versi:
        if table is None or version.urutan is None:
            continue
        if version.urutan in first:
            yield _at(ctx, rule, table, version, "urutan",
                      {"other": first[version.urutan].id, "urutan": str(version.urutan)})
        else:
            first[version.urutan] = version


def _order(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Versions with both a date and a sequence: a later sequence must not be earlier in time."""
    table = _versions_table(ctx)
    known = [v for v in ctx.report.versi if v.tanggal and v.urutan is not None]
    for version in known:
        for other in known:
            if table is None or other.urutan is None or version.urutan is None:
                continue
            assert version.tanggal is not None and other.tanggal is not None
            if other.urutan < version.urutan and other.tanggal > version.tanggal:
                yield _at(ctx, rule, table, version, "tanggal",
                          {"other": other.id, "date": version.tanggal.isoformat(),
                           "other_date": other.tanggal.isoformat()})


def _final(rule: Rule, ctx: Context) -> Iterator[Finding]:
    table = _versions_table(ctx)
    versions = ctx.report.versi
    finals = [v for v in versions if v.final]
    if table is None or not versions:
        return
    if not finals:
        yield ctx.finding(rule, table, table.rows[0], "final", fields={"count": "0"})
        return
    if len(finals) > 1:
        yield _at(ctx, rule, table, finals[0], "final", {"count": str(len(finals))})
        return
    latest = ordered_versions(ctx.report)[-1]
    if latest.id != finals[0].id and latest.tanggal and finals[0].tanggal:
        latest_text = {"id": f", padahal versi terbaru adalah {latest.id}",
                       "en": f", but the latest version is {latest.id}"}
        yield _at(ctx, rule, table, finals[0], "final", {"count": "1", "latest": latest_text})


def _signature_date(rule: Rule, ctx: Context) -> Iterator[Finding]:
    table = _versions_table(ctx)
    for version in ctx.report.versi:
        signed = version.tanggal_tanda_tangan
        if table is not None and signed and version.tanggal and signed != version.tanggal:
            yield _at(ctx, rule, table, version, "tanggal_tanda_tangan",
                      {"date": version.tanggal.isoformat(), "signed": signed.isoformat()})


def _missing_previous(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A revision numbered n (kedua = 2) needs revision n-1 among the versions."""
    table = _versions_table(ctx)
    revisions = {v.urutan for v in ctx.report.versi if v.urutan is not None}
    for version in ctx.report.versi:
        n = version.urutan
        if table is not None and n is not None and n >= 2 and (n - 1) not in revisions:
            yield _at(ctx, rule, table, version, "urutan", {
                "ordinal": ORDINALS_ID.get(n, str(n)), "previous": ORDINALS_ID.get(n - 1, str(n - 1)),
            })


def _final_attached(rule: Rule, ctx: Context) -> Iterator[Finding]:
    table = _versions_table(ctx)
    final = ctx.report.final_version()
    attached = [v for v in ctx.report.versi if v.dilampirkan]
    if table is not None and final is not None and attached and not final.dilampirkan:
        yield _at(ctx, rule, table, final, "dilampirkan", {"attached": ", ".join(v.id for v in attached)})


def _consecutive(ctx: Context) -> Iterator[tuple[Version, Version, list[Version]]]:
    versions = ordered_versions(ctx.report)
    for i in range(1, len(versions)):
        yield versions[i - 1], versions[i], versions[:i]


def _renamed(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for before, after, history in _consecutive(ctx):
        for change in diff_versions(ctx.report, before, after, "anggaran", history):
            if change.kind == "renamed" and change.after is not None:
                yield ctx.finding(rule, change.after.table, change.after.row, "uraian",
                                  location=change.after.row.location,
                                  fields={"old": change.old or "", "new": change.new or "",
                                          "old_table": change.before.table.label if change.before else "",
                                          "version": after.id, "previous": before.id})


def _target_changed(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for before, after, history in _consecutive(ctx):
        if after.alasan:
            continue
        for change in diff_versions(ctx.report, before, after, "kinerja", history):
            strategic = change.level == "indikator"  # a sasaran indicator's target
            if change.kind != "changed" or change.field != "target" or not strategic:
                continue
            if change.after is not None:
                figure = change.after.row.figure("target")
                yield ctx.finding(rule, change.after.table, change.after.row, "target", figure=figure,
                                  expected=change.old, fields={"old": change.old or "", "version": after.id,
                                                               "previous": before.id})


def _coverage(rule: Rule, ctx: Context, final_side: bool) -> Iterator[Finding]:
    """Items of the final version vs items of the realisation tables, by kode."""
    final = ctx.report.final_version()
    if final is None:
        return
    planned = version_items(ctx.report, final, "anggaran")
    for table in ctx.select(rule.params["tables"]):
        realised = table.by_kode()
        levels = {r.level for r in table.rows} & {i.row.level for i in planned.values()}
        if final_side:
            for kode, item in planned.items():
                if item.row.level in levels and kode not in realised:
                    yield ctx.finding(rule, item.table, item.row, None, location=item.row.location,
                                      fields={"other_table": table.label})
        else:
            for row in table.rows:
                if row.level in levels and row.kode not in planned:
                    yield ctx.finding(rule, table, row, None, location=row.location,
                                      fields={"version": final.id})


def _final_coverage(rule: Rule, ctx: Context) -> Iterator[Finding]:
    return _coverage(rule, ctx, True)


def _realisation_coverage(rule: Rule, ctx: Context) -> Iterator[Finding]:
    return _coverage(rule, ctx, False)


CHECKS: dict[str, Callable[[Rule, Context], Iterator[Finding]]] = {
    "missing_date": _missing_date,
    "duplicate_sequence": _duplicate_sequence,
    "order": _order,
    "final": _final,
    "signature_date": _signature_date,
    "missing_previous": _missing_previous,
    "final_attached": _final_attached,
    "renamed": _renamed,
    "target_changed": _target_changed,
    "final_coverage": _final_coverage,
    "realisation_coverage": _realisation_coverage,
}
