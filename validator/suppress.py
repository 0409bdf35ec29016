"""Suppressions: findings accepted on purpose, each with its reason, never dropped in silence.

A suppression is written in the report (`# lkjip: abaikan FRM006 -- alasan`, read by
validator/read/yaml_reader.py) or in lkjip.toml (`[[suppress]]`, validator/config.py),
for files that cannot carry comments (XLSX, CSV). Applying one moves the findings it
matches from a result's findings to its `suppressed` list, with the reason: every output
counts them and the reviu attachment lists them, so an auditor sees what was accepted and
why.

A suppression that cannot be used, or no longer matches anything, is itself a finding
(`META` below, codes LKJ001-LKJ003): an inline comment without a reason is not applied,
and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from validator.findings import Finding
from validator.model import Location, Suppression

INVALID, UNUSED, BASELINE_GONE = "LKJ001", "LKJ002", "LKJ003"

META: Mapping[str, tuple[str, str]] = {
    INVALID: ("suppression-invalid", "error"),
    UNUSED: ("suppression-unused", "warning"),
    BASELINE_GONE: ("baseline-entry-gone", "info"),
}
"""The findings about suppressions and the baseline: code -> (name, severity)."""

_PROBLEMS = {
    "no_reason": {"id": "tanpa alasan (tulis `-- alasan` sesudah kodenya)",
                  "en": "it has no reason (write `-- reason` after the codes)"},
    "bad_form": {"id": "bentuknya tidak dikenali (tulis `# lkjip: abaikan KODE -- alasan`)",
                 "en": "its form is not recognised (write `# lkjip: abaikan CODE -- reason`)"},
    "unknown_code": {"id": "kode aturan {codes} tidak dikenal",
                     "en": "rule code {codes} is unknown"},
}


@dataclass(frozen=True)
class Suppressed:
    """A finding that a suppression accepted, with its reason and the suppression's place."""

    finding: Finding
    reason: str
    place: Location
    inline: bool = True


def meta_finding(code: str, report: str, place: Location, messages: Mapping[str, str],
                 table: str | None = None, kode: str | None = None, column: str | None = None) -> Finding:
    name, severity = META[code]
    return Finding(code, name, severity, dict(messages), report, place, table=table, kode=kode, column=column)


def apply_inline(findings: list[Finding], suppressions: Sequence[Suppression], source: str,
                 in_force: set[str], known: set[str]) -> tuple[list[Finding], list[Suppressed]]:
    """Apply a report's own comments: the findings kept (with a finding for each comment
    that is unusable or matched nothing of the rules in force) and those suppressed."""
    usable, problems = [], []
    for suppression in suppressions:
        unknown = [c for c in suppression.codes if c not in known]
        if suppression.problem is None and unknown:
            suppression = replace(suppression, problem="unknown_code")
        if suppression.problem is None:
            usable.append(suppression)
        else:
            problems.append(_invalid(suppression, source, unknown))
    kept, suppressed = _apply(findings, usable, _inline_match)
    used = {s.place for s in suppressed}
    unused = [unused_finding(s, source) for s in usable
              if s.place not in used and in_force.intersection(s.codes)]
    return [*kept, *problems, *unused], suppressed


def apply_config(findings: list[Finding], suppressions: Sequence[Suppression]
                 ) -> tuple[list[Finding], list[Suppressed]]:
    """Apply lkjip.toml's `[[suppress]]` entries already matched to this report by path."""
    return _apply(findings, suppressions, _config_match)


def _apply(findings: list[Finding], suppressions: Sequence[Suppression],
           matches: Callable[[Suppression, Finding], bool]) -> tuple[list[Finding], list[Suppressed]]:
    if not suppressions:
        return findings, []
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        by = next((s for s in suppressions if finding.code in s.codes and matches(s, finding)), None)
        if by is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, by.reason, by.place, by.inline))
    return kept, suppressed


def _inline_match(suppression: Suppression, finding: Finding) -> bool:
    if suppression.first is None or suppression.last is None:
        return True  # at the top of the file: the whole report
    line = finding.location.line
    return (finding.location.sheet is None and line is not None
            and suppression.first <= line <= suppression.last)


def _config_match(suppression: Suppression, finding: Finding) -> bool:
    return all(wanted is None or wanted == actual for wanted, actual in (
        (suppression.table, finding.table), (suppression.kode, finding.kode),
        (suppression.column, finding.column)))


def _invalid(suppression: Suppression, source: str, unknown: list[str]) -> Finding:
    problem = _PROBLEMS[suppression.problem or "bad_form"]
    codes = ", ".join(unknown)
    messages = {
        "id": "Komentar abaikan tidak dipakai: " + problem["id"].format(codes=codes) + ".",
        "en": "Suppression comment not applied: " + problem["en"].format(codes=codes) + ".",
    }
    return meta_finding(INVALID, source, suppression.place, messages)


def unused_finding(suppression: Suppression, source: str) -> Finding:
    codes = ", ".join(suppression.codes)
    messages = {
        "id": f"Pengabaian {codes} tidak lagi cocok dengan temuan mana pun; hapus atau perbarui "
              f"(alasannya: {suppression.reason}).",
        "en": f"Suppression of {codes} no longer matches any finding; remove or update it "
              f"(its reason: {suppression.reason}).",
    }
    return meta_finding(UNUSED, source, suppression.place, messages)


def unused_config(suppressions: Iterable[Suppression], used: set[Location],
                  judged: Mapping[Location, tuple[str, set[str]]]) -> list[tuple[str, Finding]]:
    """lkjip.toml entries that matched no finding: for each, the report it is shown with
    and its finding. Only entries whose paths matched a report checked in this run, with
    one of their rules in force there, are judged: a pre-commit run over two files says
    nothing about the others."""
    found = []
    for suppression in suppressions:
        if suppression.place in used or suppression.place not in judged:
            continue
        source, in_force = judged[suppression.place]
        if in_force.intersection(suppression.codes):
            found.append((source, unused_finding(suppression, source)))
    return found
