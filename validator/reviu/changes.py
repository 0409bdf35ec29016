"""The version changes of a report (PK awal, PK perubahan, DPA-P) for the reviu document.

The same comparisons as `lkjip diff REPORT` (validator.diffs): each version with the next,
budget changes and, when there are any, target changes; per comparison the program
subtotals of the budget deltas and the note where a level was compared with an older
version. Every text is chosen and localised here; the renderers only escape and lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from validator.diffs import (
    SUBTOTAL_HEADERS,
    SUBTOTAL_LEVELS,
    Comparison,
    borrowed_levels,
    borrowed_note,
    change_name,
    consecutive_pairs,
    delta_text,
    kind_label,
    program_subtotals,
    version_comparisons,
)
from validator.model import Report, Version
from validator.revisions import BUDGET_FIELDS, TARGET_FIELDS, Change, ordered_versions
from validator.reviu.statement import one_line
from validator.reviu.words import long_date, words


@dataclass(frozen=True)
class ChangeRow:
    kode: str
    level: str
    name: str
    kind: str
    """Localised: ditambah, dihapus, ganti nama, berubah (added, removed, renamed, changed)."""
    change: str
    """The kind as in the model (added, removed, renamed, changed), for styling."""
    field: str
    before: str
    after: str
    delta: str
    figures: bool
    """Before and after are figures (a budget or a target), not names."""


@dataclass(frozen=True)
class SubtotalRow:
    program: str
    deltas: tuple[str, str, str]
    """Δ program, Σ Δ kegiatan, Σ Δ sub kegiatan; empty where that level has no delta."""


@dataclass(frozen=True)
class ChangeSection:
    title: str
    """As `lkjip diff` titles it: `pk_awal -> pk_perubahan_2`, with ` (kinerja)` for targets."""
    versions: str
    """The two versions by name and date, for the reader."""
    rows: tuple[ChangeRow, ...]
    subtotals: tuple[SubtotalRow, ...]
    notes: tuple[str, ...]


def change_sections(report: Report, lang: str) -> tuple[ChangeSection, ...]:
    """One section per comparison of consecutive versions; none for fewer than two versions."""
    sections: list[ChangeSection] = []
    for pair in consecutive_pairs(ordered_versions(report)):
        versions = f"{_version_text(pair[0], lang)} → {_version_text(pair[1], lang)}"
        sections += [_section(c, versions, lang) for c in version_comparisons(report, [pair])]
    return tuple(sections)


def subtotal_heads(lang: str) -> list[str]:
    """Program, Δ program, Σ Δ kegiatan, Σ Δ sub kegiatan (as `lkjip diff` heads them)."""
    return [words(lang)["program"], *SUBTOTAL_HEADERS[1:]]


def _section(comparison: Comparison, versions: str, lang: str) -> ChangeSection:
    totals = program_subtotals(comparison.changes)
    return ChangeSection(
        title=one_line(comparison.title), versions=versions,
        rows=tuple(_row(c, lang) for c in comparison.changes),
        subtotals=tuple(SubtotalRow(program, _deltas(levels, lang)) for program, levels in totals.items()),
        notes=tuple(one_line(borrowed_note(level, version, lang))
                    for level, version in sorted(borrowed_levels(comparison).items())),
    )


def _deltas(levels: dict[str, Decimal], lang: str) -> tuple[str, str, str]:
    program, kegiatan, sub = (delta_text(levels.get(level), lang) for level in SUBTOTAL_LEVELS)
    return program, kegiatan, sub


def _row(change: Change, lang: str) -> ChangeRow:
    return ChangeRow(
        kode=one_line(change.kode), level=one_line(change.level), name=one_line(change_name(change) or ""),
        kind=kind_label(change.kind, lang), change=change.kind, field=one_line(change.field or ""),
        before=one_line(change.old or ""), after=one_line(change.new or ""),
        delta=delta_text(change.delta, lang),
        figures=change.kind in ("added", "removed") or change.field in (*BUDGET_FIELDS, *TARGET_FIELDS),
    )


def _version_text(version: Version, lang: str) -> str:
    name = one_line(version.nama or version.id)
    return f"{name} ({long_date(version.tanggal, lang)})" if version.tanggal else name
