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
from validator.model import Report, Version, version_titles
from validator.revisions import BUDGET_FIELDS, TARGET_FIELDS, Change, ordered_versions
from validator.reviu.rulewords import level_words
from validator.reviu.statement import one_line
from validator.reviu.words import long_date, words

KINERJA_SUFFIX = " (kinerja)"
"""How `diffs.version_comparisons` marks the comparison of targets."""


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
    """The two versions by title (`Perjanjian Kinerja Tahun 2023 → Perubahan ...`), with
    `(target kinerja)` for targets: `lkjip diff` titles by the versions' ids instead."""
    versions: str
    """The two versions by name and date, for the reader."""
    rows: tuple[ChangeRow, ...]
    subtotals: tuple[SubtotalRow, ...]
    notes: tuple[str, ...]


def change_sections(report: Report, lang: str) -> tuple[ChangeSection, ...]:
    """One section per comparison of consecutive versions; none for fewer than two versions."""
    sections: list[ChangeSection] = []
    ordered = ordered_versions(report)
    titles = version_titles(_distinct([*report.versi, *ordered]))
    names = {key: one_line(title) for key, title in titles.items()}
    for pair in consecutive_pairs(ordered):
        versions = f"{_version_text(pair[0], lang)} → {_version_text(pair[1], lang)}"
        title = f"{names[pair[0].id]} → {names[pair[1].id]}"
        for comparison in version_comparisons(report, [pair]):
            targets = comparison.title.endswith(KINERJA_SUFFIX)
            shown = f"{title} ({words(lang)['targets']})" if targets else title
            sections.append(_section(comparison, shown, versions, names, lang))
    return tuple(sections)


def subtotal_heads(lang: str) -> list[str]:
    """Program, Δ program, Σ Δ kegiatan, Σ Δ sub kegiatan (as `lkjip diff` heads them)."""
    return [words(lang)["program"], *SUBTOTAL_HEADERS[1:]]


def _section(comparison: Comparison, title: str, versions: str, names: dict[str, str],
             lang: str) -> ChangeSection:
    totals = program_subtotals(comparison.changes)
    return ChangeSection(
        title=title, versions=versions,
        rows=tuple(_row(c, lang) for c in comparison.changes),
        subtotals=tuple(SubtotalRow(program, _deltas(levels, lang)) for program, levels in totals.items()),
        notes=tuple(one_line(borrowed_note(level_words(level), names.get(version, version), lang))
                    for level, version in sorted(borrowed_levels(comparison).items())),
    )


def _deltas(levels: dict[str, Decimal], lang: str) -> tuple[str, str, str]:
    program, kegiatan, sub = (delta_text(levels.get(level), lang) for level in SUBTOTAL_LEVELS)
    return program, kegiatan, sub


def _row(change: Change, lang: str) -> ChangeRow:
    return ChangeRow(
        kode=one_line(change.kode), level=level_words(change.level), name=one_line(change_name(change) or ""),
        kind=kind_label(change.kind, lang), change=change.kind, field=one_line(change.field or ""),
        before=one_line(change.old or ""), after=one_line(change.new or ""),
        delta=delta_text(change.delta, lang),
        figures=change.kind in ("added", "removed") or change.field in (*BUDGET_FIELDS, *TARGET_FIELDS),
    )


def _distinct(versions: list[Version]) -> list[Version]:
    return list({v.id: v for v in versions}.values())


def _version_text(version: Version, lang: str) -> str:
    name = one_line(version.title)
    return f"{name} ({long_date(version.tanggal, lang)})" if version.tanggal else name
