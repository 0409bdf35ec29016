"""What `lkjip diff` and the reviu document show of the version changes: the comparisons
(each version with the next, or two chosen versions), the program subtotals of the
budget deltas, and the note where a level was compared with an older version.

Pure functions over the report model: no click, no console, no files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from validator.model import Report, Version
from validator.numbers import format_en, format_id
from validator.revisions import Change, diff_reports, diff_versions

HEADERS = {
    "id": ("kode", "tingkat", "uraian", "perubahan", "kolom", "sebelum", "sesudah", "selisih"),
    "en": ("kode", "level", "name", "change", "column", "before", "after", "delta"),
}
KINDS_ID = {"added": "ditambah", "removed": "dihapus", "renamed": "ganti nama", "changed": "berubah"}
SUBTOTAL_HEADERS = ("program", "Δ program", "Σ Δ kegiatan", "Σ Δ sub kegiatan")
SUBTOTAL_LEVELS = ("program", "kegiatan", "sub_kegiatan")

Pair = tuple[Version, Version, list[Version]]
"""Before, after, and the history up to and including before (oldest first)."""


@dataclass(frozen=True)
class Comparison:
    """One table of changes: `lkjip diff` prints one per comparison, titled."""

    title: str
    changes: list[Change]
    before: str | None = None
    """The version compared from; None when two separate reports are compared."""


def consecutive_pairs(versions: Sequence[Version]) -> list[Pair]:
    """Each version with the next, in the given (chronological) order."""
    return [(versions[i - 1], versions[i], list(versions[:i])) for i in range(1, len(versions))]


def version_comparisons(report: Report, pairs: list[Pair]) -> list[Comparison]:
    """Per pair the budget changes, then the target changes when there are any."""
    comparisons: list[Comparison] = []
    for old, new, history in pairs:
        title = f"{old.id} -> {new.id}"
        comparisons.append(Comparison(title, diff_versions(report, old, new, "anggaran", history), old.id))
        targets = diff_versions(report, old, new, "kinerja", history)
        if targets:  # strategic targets: shown only when one changed
            comparisons.append(Comparison(f"{title} (kinerja)", targets, old.id))
    return comparisons


def report_comparison(title: str, old: Report, old_version: Version, new: Report,
                      new_version: Version) -> Comparison:
    """A version of one report against a version of another (two years, two drafts)."""
    return Comparison(title, diff_reports(old, old_version, new, new_version))


def program_subtotals(changes: list[Change]) -> dict[str, dict[str, Decimal]]:
    """Per program: its own budget delta and the sum of the deltas of its kegiatan and
    of its sub kegiatan (they agree when every level was revised consistently)."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for change in changes:
        if change.field != "anggaran" and change.kind not in ("added", "removed"):
            continue
        delta = _budget_delta(change)
        if delta is not None:  # an unreadable figure has no delta: it is left out
            program = ".".join(change.kode.split(".")[:3])
            totals[program][change.level] += delta
    return {k: dict(v) for k, v in sorted(totals.items())}


def _budget_delta(change: Change) -> Decimal | None:
    if change.kind == "changed":
        return change.delta
    item = change.after or change.before
    figure = item.row.figure("anggaran") if item else None
    if figure is None or figure.value is None:
        return None
    return figure.value if change.kind == "added" else -figure.value


def borrowed_levels(comparison: Comparison) -> dict[str, str]:
    """Levels compared with an older version than the comparison's own `before` version."""
    if comparison.before is None:
        return {}
    borrowed: dict[str, str] = {}
    for change in comparison.changes:
        version = change.before.table.version if change.before else None
        if version and version != comparison.before:
            borrowed[change.level] = version
    return borrowed


def borrowed_note(level: str, version: str, lang: str) -> str:
    if lang == "id":
        return f"Tingkat {level} dibandingkan dengan versi {version} (versi awal tidak memuat tingkat ini)."
    return f"Level {level} is compared with version {version} (the earlier version does not list this level)."


def kind_label(kind: str, lang: str) -> str:
    return KINDS_ID.get(kind, kind) if lang == "id" else kind


def change_name(change: Change) -> str | None:
    item = change.after or change.before
    return item.row.uraian if item is not None else None


def delta_text(value: Decimal | None, lang: str) -> str:
    """A delta as printed: whole units, Indonesian or English grouping."""
    if value is None:
        return ""
    return format_id(value, 0) if lang == "id" else format_en(value, 0)
