"""Document versions of a report (PK awal, PK perubahan, DPA-P) and what changed between them.

Versions are ordered by date, then declared sequence. A version's items are the rows of
every table that states that version, matched by kode. Two versions are compared level
by level, and only at the levels both state: a signed PK lampiran that stops at
kegiatan says nothing about sub kegiatan, so a sub kegiatan is compared with the most
recent earlier version that does state sub kegiatan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from validator.model import Figure, Report, Row, Table, Version

BUDGET_FIELDS = ("anggaran",)
TARGET_FIELDS = ("target",)
TEXT_FIELDS = ("indikator", "satuan")


@dataclass(frozen=True)
class Item:
    """One row of a version: the first table of the version (in report order) that states it."""

    row: Row
    table: Table


@dataclass(frozen=True)
class Change:
    """One difference between two versions for one kode."""

    kode: str
    level: str
    kind: str  # added | removed | renamed | changed
    field: str | None
    before: Item | None
    after: Item | None
    old: str | None = None
    new: str | None = None
    delta: Decimal | None = None


def ordered_versions(report: Report) -> list[Version]:
    """Versions by date (undated last), then declared sequence, then order of listing."""
    position = {v.id: i for i, v in enumerate(report.versi)}
    return sorted(report.versi, key=lambda v: (v.tanggal or date.max, v.urutan if v.urutan is not None
                                               else 10**6, position[v.id]))


def version_items(report: Report, version: Version, kind: str) -> dict[str, Item]:
    """The rows of every `kind` table of the version, by kode; the most detailed table first."""
    tables = [t for t in report.tabel if t.version == version.id and t.kind == kind]
    tables.sort(key=lambda t: -len(t.rows))
    items: dict[str, Item] = {}
    for table in tables:
        for row in table.rows:
            items.setdefault(row.kode, Item(row, table))
    return items


def levels_of(items: dict[str, Item]) -> set[str]:
    return {item.row.level for item in items.values()}


def diff_versions(report: Report, before: Version, after: Version, kind: str = "anggaran",
                  history: list[Version] | None = None) -> list[Change]:
    """Changes from `before` to `after` for tables of one kind.

    `history` lists the versions up to and including `before`, oldest first. A level or
    a column that `before` does not state is compared with the latest version of the
    history that does (a PK lampiran lists no sub kegiatan and no targets).
    """
    versions = history or [before]
    older = [version_items(report, v, kind) for v in reversed(versions)]
    return diff_items(older, version_items(report, after, kind))


def diff_reports(old: Report, old_version: Version, new: Report, new_version: Version,
                 kind: str = "anggaran") -> list[Change]:
    """Changes between a version of one report and a version of another (two years, two drafts)."""
    return diff_items([version_items(old, old_version, kind)], version_items(new, new_version, kind))


def diff_items(older: list[dict[str, Item]], new_items: dict[str, Item]) -> list[Change]:
    """Changes from the older item sets (latest first) to the new one."""
    changes: list[Change] = []
    for level in sorted(levels_of(new_items)):
        base = next((items for items in older if level in levels_of(items)), None)
        if base is None:
            continue
        old_level = {k: i for k, i in base.items() if i.row.level == level}
        new_level = {k: i for k, i in new_items.items() if i.row.level == level}
        for kode in sorted(old_level.keys() - new_level.keys()):
            item = old_level[kode]
            changes.append(Change(kode, level, "removed", None, item, None,
                                  old=_figure_text(item.row.figure("anggaran"))))
        for kode in sorted(new_level.keys() - old_level.keys()):
            item = new_level[kode]
            changes.append(Change(kode, level, "added", None, None, item,
                                  new=_figure_text(item.row.figure("anggaran"))))
        for kode in sorted(old_level.keys() & new_level.keys()):
            changes.extend(_compare_item(kode, old_level[kode], older, new_level[kode]))
    return sorted(changes, key=lambda c: (c.kode, c.kind, c.field or ""))


def _stating(kode: str, field: str, older: list[dict[str, Item]]) -> Item | None:
    """The latest older item of this kode that states the field."""
    for items in older:
        item = items.get(kode)
        if item is not None and field in item.row.cells:
            return item
    return None


def _compare_item(kode: str, before: Item, older: list[dict[str, Item]], after: Item) -> list[Change]:
    level = after.row.level
    changes = []
    old_name, new_name = before.row.uraian, after.row.uraian
    if old_name and new_name and normal_name(old_name) != normal_name(new_name):
        changes.append(Change(kode, level, "renamed", "uraian", before, after, old=old_name, new=new_name))
    for field in BUDGET_FIELDS + TARGET_FIELDS:
        new_figure = after.row.figure(field)
        previous = _stating(kode, field, older) if new_figure is not None else None
        old_figure = previous.row.figure(field) if previous else None
        if new_figure is None or old_figure is None or not _differs(old_figure, new_figure):
            continue
        delta = (new_figure.value - old_figure.value
                 if new_figure.value is not None and old_figure.value is not None else None)
        changes.append(Change(kode, level, "changed", field, previous, after,
                              old=old_figure.raw, new=new_figure.raw, delta=delta))
    for field in TEXT_FIELDS:
        new_text = after.row.text(field)
        previous = _stating(kode, field, older) if new_text else None
        old_text = previous.row.text(field) if previous else None
        if old_text and new_text and normal_name(old_text) != normal_name(new_text):
            changes.append(Change(kode, level, "changed", field, previous, after, old=old_text, new=new_text))
    return changes


def _differs(old: Figure, new: Figure) -> bool:
    if old.error or new.error:
        return old.raw.strip() != new.raw.strip()
    if old.grade != new.grade and old.grade and new.grade:
        return True
    if old.value is None or new.value is None:
        return False
    unit_changed = bool(old.unit and new.unit and old.unit.lower() != new.unit.lower())
    return old.value != new.value or unit_changed


_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w/]+")
_SLASH = re.compile(r"\s*/\s*")


def normal_name(name: str) -> str:
    """A name for comparison: case, spacing and punctuation do not make a rename."""
    spaced = _PUNCT.sub(" ", name.lower())
    return _SLASH.sub("/", _SPACES.sub(" ", spaced)).strip()


def _figure_text(figure: Figure | None) -> str | None:
    return figure.raw if figure is not None else None
