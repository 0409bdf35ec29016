"""Rule kind `revision`: the document versions of a report and how they reconcile.

A revision rule names which items it looks at (`items:`) and what they must meet
(`expect:`, see validator/expectations.py). The items, with the values each carries:

- `versions`: each version: `date`, `signed` (the date at the signatures), `urutan`.
- `version_pairs`: each dated version and each dated version of an earlier sequence:
  `date` and `other_date` (the earlier sequence's).
- `revisions`: each version numbered 2 or more: `urutan`, `previous` (the version
  numbered one less, null when the report lists none).
- `final`: one item with `finals` (how many versions are marked final) and, when one
  is, one with `latest` (the latest version by date, when it and the final are dated)
  to compare with its `kode`.
- `final_version`: the final version of a report that attaches versions: `attached`.
- `names`: each kode whose names consecutive versions compare: `old_name`, `new_name`
  (normalised: case, spacing and punctuation are not a rename).
- `target_changes`: each changed target of a sasaran indicator between consecutive
  versions: `reason` (the later version's `alasan`, null when none).
- `final_items` / `realised_items`: the final version's items against the realisation
  tables (`tables`), by kode at the levels both list: `found_in` (the table of the other
  side that lists the kode, null when none).

Version items are cited at the version key their first checked value comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from validator.bands import BandSet
from validator.engine.common import row_item
from validator.engine.context import Context
from validator.engine.items import Item, Items
from validator.expectations import Expect
from validator.findings import Finding
from validator.model import ORDINALS_EN, ORDINALS_ID, Figure, Row, Table, Text, Version, version_titles
from validator.revisions import (
    Item as VersionItem,
)
from validator.revisions import (
    diff_versions,
    levels_of,
    normal_name,
    ordered_versions,
    version_items,
)
from validator.ruleset import Rule

CITES = {"date": "tanggal", "other_date": "tanggal", "signed": "tanggal_tanda_tangan", "urutan": "urutan",
         "previous": "urutan", "finals": "final", "latest": "final", "attached": "dilampirkan"}
"""The key of a version a finding points at, by the value its rule checks."""


def expectations(rule: Rule, band_set: BandSet | None) -> list[Expect]:
    return list(rule.params["expect"])


def items(rule: Rule, ctx: Context) -> Items:
    return Items.of(_items(rule, ctx))


def _items(rule: Rule, ctx: Context) -> Iterator[Item]:
    yield from SOURCES[rule.params["items"]](rule, ctx)


# -- versions -----------------------------------------------------------------------------------


def _title(ctx: Context, version: Version) -> str:
    """A version as messages name it: its title ("Perjanjian Kinerja Perubahan Kedua")."""
    titles = ctx.once("version_titles", lambda: version_titles(ctx.report.versi))
    return titles[version.id]


def _ordinal(n: int) -> dict[str, str]:
    return {"id": ORDINALS_ID.get(n, str(n)), "en": ORDINALS_EN.get(n, f"{n}th")}


def _versions_table(ctx: Context) -> Table | None:
    return next((t for t in ctx.tables if t.id == "versi"), None)


def _row(table: Table, version: Version) -> Row:
    return next(r for r in table.rows if r.kode == version.id)


def _cell_text(row: Row, column: str) -> str | None:
    """A cell of the versi table as text (dates are ISO, booleans "true"/"false")."""
    cell = row.cells.get(column)
    return cell.raw if isinstance(cell, Figure) else (cell.value if isinstance(cell, Text) else None)


def _cited(rule: Rule) -> str:
    first = rule.params["expect"][0].args
    name = first.get("column") or first.get("a") or ""
    return CITES.get(name, "versi")


def _version_item(rule: Rule, ctx: Context, table: Table, version: Version, values: dict[str, Any],
                  fields: dict[str, Any] | None = None) -> Item:
    """An item about one version, cited at the key its rule checks."""
    key = _cited(rule)
    row = _row(table, version)
    return Item(table.id, row.kode, key, _cell_text(row, key), values,
                lambda _s: _at(ctx, rule, table, version, key, fields))


def _at(ctx: Context, rule: Rule, table: Table, version: Version, column: str,
        fields: dict[str, Any] | None = None) -> Finding:
    """A finding about one key of a version, cited at that key's line when it was written."""
    row = _row(table, version)
    cell = row.cells.get(column)
    return ctx.finding(rule, table, row, column, fields=fields or {}, stated=_cell_text(row, column),
                       location=cell.location if cell is not None else row.location)


def _versions(rule: Rule, ctx: Context) -> Iterator[Item]:
    table = _versions_table(ctx)
    if table is None:
        return
    first: dict[int, Version] = {}
    for version in ctx.report.versi:
        row = _row(table, version)
        date, signed = _cell_text(row, "tanggal"), _cell_text(row, "tanggal_tanda_tangan")
        earlier = first.setdefault(version.urutan, version) if version.urutan is not None else version
        fields = {"date": date or "", "signed": signed or "", "other": _title(ctx, earlier),
                  "urutan": "" if version.urutan is None else str(version.urutan)}
        values = {"date": date, "signed": signed, "urutan": version.urutan}
        yield _version_item(rule, ctx, table, version, values, fields)


def _version_pairs(rule: Rule, ctx: Context) -> Iterator[Item]:
    table = _versions_table(ctx)
    if table is None:
        return
    known = [v for v in ctx.report.versi if v.tanggal and v.urutan is not None]
    for version in known:
        for other in known:
            assert version.urutan is not None and other.urutan is not None
            assert version.tanggal is not None and other.tanggal is not None
            if other.urutan >= version.urutan:
                continue
            dates = {"date": version.tanggal.isoformat(), "other_date": other.tanggal.isoformat()}
            fields = {"other": _title(ctx, other), **dates}
            yield _version_item(rule, ctx, table, version, dict(dates), fields)


def _revisions(rule: Rule, ctx: Context) -> Iterator[Item]:
    table = _versions_table(ctx)
    if table is None:
        return
    numbered = [v for v in ctx.report.versi if v.urutan is not None]
    for version in numbered:
        n = version.urutan
        if n is None or n < 2:
            continue
        previous = next((v.id for v in numbered if v.urutan == n - 1), None)
        yield _version_item(rule, ctx, table, version, {"urutan": n, "previous": previous}, {
            "ordinal": _ordinal(n), "previous": _ordinal(n - 1)})


def _final(rule: Rule, ctx: Context) -> Iterator[Item]:
    table = _versions_table(ctx)
    versions = ctx.report.versi
    if table is None or not versions:
        return
    finals = [v for v in versions if v.final]
    count = {"finals": len(finals)}
    if finals:
        yield _version_item(rule, ctx, table, finals[0], count, {"count": str(len(finals))})
    else:
        row = table.rows[0]
        yield Item(table.id, row.kode, "final", None, count,
                   lambda _s: ctx.finding(rule, table, row, "final", fields={"count": "0"}))
    final = ctx.report.final_version()
    if final is None:
        return
    latest = ordered_versions(ctx.report)[-1]
    comparable = latest.tanggal is not None and final.tanggal is not None
    latest_title = _title(ctx, latest)
    latest_text = {"id": f", padahal versi terbaru adalah \"{latest_title}\"",
                   "en": f", but the latest version is \"{latest_title}\""}
    yield _version_item(rule, ctx, table, final, {"latest": latest.id if comparable else None},
                        {"count": "1", "latest": latest_text})


def _final_version(rule: Rule, ctx: Context) -> Iterator[Item]:
    table = _versions_table(ctx)
    final = ctx.report.final_version()
    attached = [v for v in ctx.report.versi if v.dilampirkan]
    if table is None or final is None or not attached:
        return
    yield _version_item(rule, ctx, table, final, {"attached": final.dilampirkan},
                        {"attached": ", ".join(f'"{_title(ctx, v)}"' for v in attached)})


# -- items of consecutive versions ----------------------------------------------------------


def _consecutive(ctx: Context) -> Iterator[tuple[Version, Version, list[Version]]]:
    versions = ordered_versions(ctx.report)
    for i in range(1, len(versions)):
        yield versions[i - 1], versions[i], versions[:i]


def compared_names(older: list[dict[str, VersionItem]], new_items: dict[str, VersionItem]
                   ) -> Iterator[tuple[VersionItem, VersionItem]]:
    """The (before, after) items whose names are compared: per level of the new items,
    the kodes that both they and the latest older item set stating that level list."""
    for level in sorted(levels_of(new_items)):
        base = next((items for items in older if level in levels_of(items)), None)
        if base is None:
            continue
        for kode in sorted(k for k, i in new_items.items() if i.row.level == level):
            before = base.get(kode)
            if before is not None and before.row.level == level:
                yield before, new_items[kode]


def _names(rule: Rule, ctx: Context) -> Iterator[Item]:
    for before_version, after_version, history in _consecutive(ctx):
        older = [version_items(ctx.report, v, "anggaran") for v in reversed(history)]
        for before, after in compared_names(older, version_items(ctx.report, after_version, "anggaran")):
            old, new = before.row.uraian, after.row.uraian
            if not old or not new:
                continue
            values = {"other_table": before.table.id, "old_name": normal_name(old),
                      "new_name": normal_name(new)}
            fields = {"old": old, "new": new, "old_table": before.table.label,
                      "version": _title(ctx, after_version), "previous": _title(ctx, before_version)}
            yield row_item(rule, ctx, after.table, after.row, "uraian", values, fields, stated=new)


def _target_changes(rule: Rule, ctx: Context) -> Iterator[Item]:
    for before, after, history in _consecutive(ctx):
        for change in diff_versions(ctx.report, before, after, "kinerja", history):
            strategic = change.level == "indikator"  # a sasaran indicator's target
            if change.kind != "changed" or change.field != "target" or not strategic or change.after is None:
                continue
            table, row = change.after.table, change.after.row
            values = {"other_table": change.before.table.id if change.before else None,
                      "old": change.old, "reason": after.alasan or None}
            fields = {"old": change.old or "", "version": _title(ctx, after), "previous": _title(ctx, before)}
            yield row_item(rule, ctx, table, row, "target", values, fields, row.figure("target"), change.old)


def _coverage(rule: Rule, ctx: Context, final_side: bool) -> Iterator[Item]:
    final = ctx.report.final_version()
    if final is None:
        return
    planned = version_items(ctx.report, final, "anggaran")
    for table in ctx.select(rule.params["tables"]):
        realised = table.by_kode()
        levels = {r.level for r in table.rows} & {i.row.level for i in planned.values()}
        if final_side:
            for kode, item in planned.items():
                if item.row.level in levels:
                    values = {"other_table": table.id, "found_in": table.id if kode in realised else None}
                    fields = {"other_table": table.label}
                    yield row_item(rule, ctx, item.table, item.row, None, values, fields)
        else:
            for row in table.rows:
                if row.level in levels:
                    found = planned.get(row.kode)
                    values = {"found_in": found.table.id if found else None}
                    yield row_item(rule, ctx, table, row, None, values, {"version": _title(ctx, final)})


SOURCES: dict[str, Callable[[Rule, Context], Iterator[Item]]] = {
    "versions": _versions,
    "version_pairs": _version_pairs,
    "revisions": _revisions,
    "final": _final,
    "final_version": _final_version,
    "names": _names,
    "target_changes": _target_changes,
    "final_items": lambda rule, ctx: _coverage(rule, ctx, True),
    "realised_items": lambda rule, ctx: _coverage(rule, ctx, False),
}
