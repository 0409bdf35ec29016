"""Detection quality over a generated corpus: recall per rule family, false findings.

A defect counts as detected when its expected finding fires (severity error or warning)
at the expected table and kode. A clean report (no injected defect) must have no error
or warning finding at all; info notes are counted separately. The consequences a defect
necessarily causes are checked too, and any other error or warning on a defective
report is listed as unpredicted (a hint that either the manifest or a rule is off).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.findings import Finding
from validator.generate.corpus import MANIFEST
from validator.runner import ReportResult

ALARM = ("error", "warning")


@dataclass
class FamilyScore:
    injected: int = 0
    detected: int = 0
    consequences: int = 0
    consequences_seen: int = 0

    @property
    def recall(self) -> float:
        return self.detected / self.injected if self.injected else 1.0


ROOT_OUTCOMES = ("exact", "ambiguous", "wrong_cell", "not_localised", "undetected")
"""How the diagnosis placed a defect's root cause:

- exact: one certain root cause at the injected figure (table, kode, column);
- ambiguous: "one of these figures", the injected one among them;
- wrong_cell: a certain root cause elsewhere, or an ambiguous one without the injected
  figure (the diagnosis asserted something false);
- not_localised: the findings stand alone (no rule links their figures: a lost row, a
  version's date) and none sits on the injected place;
- undetected: the defect's expected findings did not fire.
"""


@dataclass
class RootScore:
    outcomes: Counter[str] = field(default_factory=Counter)
    knock_on: int = 0
    knock_on_attached: int = 0
    knock_on_localised: int = 0
    """Knock-on findings of the defects whose root was found (exact or ambiguous)."""
    knock_on_localised_attached: int = 0

    @property
    def defects(self) -> int:
        return sum(self.outcomes.values())

    def share(self, outcome: str) -> float:
        return self.outcomes[outcome] / self.defects if self.defects else 1.0


@dataclass
class Quality:
    families: dict[str, FamilyScore] = field(default_factory=lambda: defaultdict(FamilyScore))
    kinds: dict[str, FamilyScore] = field(default_factory=lambda: defaultdict(FamilyScore))
    clean_reports: int = 0
    defective_reports: int = 0
    false_findings: list[dict[str, Any]] = field(default_factory=list)
    clean_info: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    missed_consequences: list[dict[str, Any]] = field(default_factory=list)
    unpredicted: Counter[str] = field(default_factory=Counter)
    unreadable: list[str] = field(default_factory=list)
    roots: RootScore = field(default_factory=RootScore)
    root_kinds: dict[str, RootScore] = field(default_factory=lambda: defaultdict(RootScore))
    root_misses: list[dict[str, Any]] = field(default_factory=list)
    wrong_corrections: list[dict[str, Any]] = field(default_factory=list)
    """Certain root causes on defective reports that ask to correct a figure the
    generator did not change (a reviu matter that would spread an error)."""

    @property
    def recall(self) -> float:
        injected = sum(s.injected for s in self.families.values())
        detected = sum(s.detected for s in self.families.values())
        return detected / injected if injected else 1.0

    def summary(self) -> dict[str, Any]:
        return {
            "recall": self.recall,
            "families": {name: _score(s) for name, s in sorted(self.families.items())},
            "kinds": {name: _score(s) for name, s in sorted(self.kinds.items())},
            "clean_reports": self.clean_reports,
            "defective_reports": self.defective_reports,
            "false_findings": len(self.false_findings),
            "clean_info_notes": dict(sorted(self.clean_info.items())),
            "misses": self.misses,
            "missed_consequences": self.missed_consequences,
            "unpredicted_on_defective": dict(sorted(self.unpredicted.items())),
            "unreadable": self.unreadable,
            "false_finding_examples": self.false_findings[:20],
            "root_causes": _roots(self.roots),
            "root_causes_by_kind": {k: _roots(v) for k, v in sorted(self.root_kinds.items())},
            "root_misses": self.root_misses,
            "wrong_corrections": self.wrong_corrections,
        }


def _roots(score: RootScore) -> dict[str, Any]:
    return {
        "defects": score.defects,
        **{outcome: score.outcomes[outcome] for outcome in ROOT_OUTCOMES},
        "exact_share": score.share("exact"),
        "knock_on": score.knock_on,
        "knock_on_attached": score.knock_on_attached,
        "knock_on_localised": score.knock_on_localised,
        "knock_on_localised_attached": score.knock_on_localised_attached,
    }


def _score(score: FamilyScore) -> dict[str, Any]:
    return {
        "injected": score.injected,
        "detected": score.detected,
        "recall": score.recall,
        "consequences": score.consequences,
        "consequences_seen": score.consequences_seen,
    }


def load_manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return data


def evaluate(manifest: dict[str, Any], results: Iterable[ReportResult], root: Path) -> Quality:
    """Score the findings of a checked corpus against its manifest."""
    by_report: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for defect in manifest["defects"]:
        by_report[defect["report"]].append(defect)
    quality = Quality()
    for result in results:
        name = _relative(result.path, root)
        if result.error is not None:
            quality.unreadable.append(f"{name}: {result.error.describe('en')}")
            continue
        defects = by_report.get(name, [])
        if defects:
            quality.defective_reports += 1
            _score_defects(quality, name, defects, result.findings)
        else:
            quality.clean_reports += 1
            _score_clean(quality, name, result.findings)
    return quality


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _fires(findings: list[Finding], expected: dict[str, Any]) -> bool:
    return any(
        f.code == expected["code"]
        and f.table == expected["table"]
        and f.kode == expected["kode"]
        and f.severity in ALARM
        for f in findings
    )


def _score_defects(
    quality: Quality, name: str, defects: list[dict[str, Any]], findings: list[Finding]
) -> None:
    predicted: set[tuple[str, str, str]] = set()
    for defect in defects:
        family, kind = quality.families[defect["family"]], quality.kinds[defect["kind"]]
        hit = all(_fires(findings, e) for e in defect["expected"])
        for score in (family, kind):
            score.injected += 1
            score.detected += int(hit)
        if not hit:
            quality.misses.append({"defect": defect, "observed": [_brief(f) for f in findings]})
        for consequence in defect["consequences"]:
            seen = _fires(findings, consequence)
            for score in (family, kind):
                score.consequences += 1
                score.consequences_seen += int(seen)
            if not seen:
                quality.missed_consequences.append({"report": name, "kind": defect["kind"], **consequence})
        predicted |= {
            (e["code"], e["table"], e["kode"]) for e in [*defect["expected"], *defect["consequences"]]
        }
        _score_root(quality, name, defect, findings, hit)
    _score_corrections(quality, name, defects, findings)
    for finding in findings:
        if finding.severity in ALARM and (finding.code, finding.table, finding.kode) not in predicted:
            quality.unpredicted[f"{defects[0]['kind']}: {finding.code}"] += 1


def _matching(findings: list[Finding], expected: dict[str, Any]) -> list[Finding]:
    return [f for f in findings if f.code == expected["code"] and f.table == expected["table"]
            and f.kode == expected["kode"] and f.severity in ALARM]


def _injected(defect: dict[str, Any]) -> tuple[str, str, str]:
    return (defect["table"], defect["kode"], defect["column"])


def _score_root(quality: Quality, name: str, defect: dict[str, Any], findings: list[Finding],
                detected: bool) -> None:
    """Where the diagnosis put the root cause of one defect, and whether the findings it
    necessarily causes elsewhere are attached to that root."""
    outcome = "undetected"
    primary = [f for e in defect["expected"] for f in _matching(findings, e)]
    injected = _injected(defect)
    root: Any = None
    if detected and primary:
        causes = [f.cause for f in primary if f.cause is not None]
        places = [{s.place() for s in c.suspects} | _row_places(c, defect) for c in causes]
        if causes and all(not c.ambiguous and c.diagnosed is not None and injected in p
                          for c, p in zip(causes, places, strict=True)):
            outcome, root = "exact", causes[0].id
        elif causes and all(injected in p for p in places):
            outcome, root = "ambiguous", causes[0].id
        elif any(c.diagnosed for c in causes):
            outcome = "wrong_cell"
        else:
            outcome = "not_localised"
    for score in (quality.roots, quality.root_kinds[defect["kind"]]):
        score.outcomes[outcome] += 1
    if outcome not in ("exact", "ambiguous"):
        quality.root_misses.append({"report": name, "kind": defect["kind"], "outcome": outcome,
                                    "injected": list(injected),
                                    "observed": [_brief(f) for f in primary]})
    for consequence in defect["consequences"]:
        for finding in _matching(findings, consequence):
            attached = root is not None and finding.root == root
            for score in (quality.roots, quality.root_kinds[defect["kind"]]):
                score.knock_on += 1
                score.knock_on_attached += int(attached)
                if root is not None:
                    score.knock_on_localised += 1
                    score.knock_on_localised_attached += int(attached)


def _row_places(cause: Any, defect: dict[str, Any]) -> set[tuple[str, str, str]]:
    """A finding about a whole row (a kode typed twice, a row under the wrong kegiatan)
    sits on the injected row when the defect is about the row or its kode."""
    if defect["column"] not in ("kode", "baris"):
        return set()
    return {(s.table, s.kode, defect["column"]) for s in cause.suspects if not s.column}


def _score_corrections(quality: Quality, name: str, defects: list[dict[str, Any]],
                       findings: list[Finding]) -> None:
    """A certain root cause found by the diagnosis at a figure no defect changed."""
    injected = {_injected(d) for d in defects}
    seen: set[str] = set()
    for finding in findings:
        cause = finding.cause
        if cause is None or cause.ambiguous or not cause.diagnosed or cause.id in seen:
            continue
        seen.add(cause.id)
        wrong = [s.place() for s in cause.suspects if s.place() not in injected]
        if wrong and finding.severity in ALARM:
            quality.wrong_corrections.append({"report": name, "cause": cause.id,
                                              "figures": [list(w) for w in wrong]})


def _score_clean(quality: Quality, name: str, findings: list[Finding]) -> None:
    for finding in findings:
        if finding.severity in ALARM:
            quality.false_findings.append({"report": name, **_brief(finding)})
        else:
            quality.clean_info[finding.code] += 1


def _brief(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "status": finding.status,
        "table": finding.table,
        "kode": finding.kode,
        "column": finding.column,
        "stated": finding.stated,
        "message": finding.message("en"),
        "root": finding.root,
        "caused_by": finding.caused_by,
        "suspects": [list(s.place()) for s in finding.cause.suspects] if finding.cause else [],
        "ambiguous": bool(finding.cause and finding.cause.ambiguous),
    }
