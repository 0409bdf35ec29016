"""A baseline: the findings a repository already had, so a CI run reports only new ones.

`lkjip check --write-baseline FILE` records the current findings; `--baseline FILE` then
leaves out each finding the file holds, counts it (every output says how many), and
reports each entry that no longer matches a finding of a report checked in this run
(LKJ003, info: rewrite the baseline).

A finding's identity is its report (the path from the working folder, as CI tools show
it), rule, table, kode and column, never its line: adding a row above it does not make
it new. Entries are counted: a baseline holding two findings of one identity absorbs
two, and a third is new. SARIF's partialFingerprints hash the same identity.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from validator.errors import InputError, Problem
from validator.findings import Finding
from validator.formatters.github import relative_path
from validator.model import Location
from validator.read.files import read_bytes
from validator.runner import ReportResult, RunResult
from validator.suppress import BASELINE_GONE, meta_finding

Key = tuple[str, str, str, str, str]
FORMAT_KEY = "lkjip_baseline"
FORMAT_VERSION = 1
FIELDS = ("report", "rule", "table", "kode", "column")


def finding_key(finding: Finding) -> Key:
    """report, rule, table, kode, column: what the finding is about, not where its line is."""
    return (relative_path(finding.report), finding.code, finding.table or "", finding.kode or "",
            finding.column or "")


def document(result: RunResult) -> dict[str, Any]:
    """The baseline of a run's findings as JSON data, sorted so that it diffs well."""
    counts = Counter(finding_key(f) for f in result.findings if f.code != BASELINE_GONE)
    return {FORMAT_KEY: FORMAT_VERSION, "findings": [
        {**dict(zip(FIELDS, key, strict=True)), "count": count} for key, count in sorted(counts.items())]}


def text(result: RunResult) -> str:
    """One entry a line: a baseline under version control diffs line by line."""
    entries = document(result)["findings"]
    lines = ",\n".join(" " + json.dumps(entry, ensure_ascii=False) for entry in entries)
    return f'{{"{FORMAT_KEY}": {FORMAT_VERSION}, "findings": [\n{lines}\n]}}\n'



def load(path: Path) -> Counter[Key]:
    """The entries of a baseline file; an unreadable or malformed file is an InputError."""
    where = Location(str(path))
    try:
        data = json.loads(read_bytes(path).decode("utf-8-sig"))
        if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
            raise ValueError(f"not an lkjip baseline (no \"{FORMAT_KEY}\": {FORMAT_VERSION})")
        entries: Counter[Key] = Counter()
        for item in data["findings"]:
            key = tuple(str(item.get(name) or "") for name in FIELDS)
            entries[key] += int(item.get("count", 1))  # type: ignore[index]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError([Problem("baseline_bad", where, {"reason": str(exc)})]) from exc
    return entries


def apply(result: RunResult, entries: Counter[Key]) -> None:
    """Leave out of each report the findings the baseline holds (counted in `baselined`),
    and add a finding for each entry of a report checked now that matched nothing."""
    left = Counter(entries)
    checked: dict[str, ReportResult] = {}
    for report in result.reports:
        if report.error is not None:
            continue
        checked[relative_path(str(report.path))] = report
        kept = []
        for finding in report.findings:
            key = finding_key(finding)
            if left[key] > 0:
                left[key] -= 1
                report.baselined += 1
            else:
                kept.append(finding)
        report.findings = kept
    for key, count in sorted(left.items()):
        held = checked.get(key[0])
        if held is None or count <= 0:
            continue  # a report not checked in this run: nothing to say about it
        held.findings += [_gone(key, str(held.path))] * count


def _gone(key: Key, source: str) -> Finding:
    _, code, table, kode, column = key
    what = " ".join(part for part in (code, table, kode, column) if part)
    messages = {
        "id": f"Entri baseline {what} tidak lagi cocok dengan temuan mana pun; tulis ulang baseline "
              "dengan --write-baseline.",
        "en": f"Baseline entry {what} no longer matches any finding; rewrite the baseline with "
              "--write-baseline.",
    }
    return meta_finding(BASELINE_GONE, source, Location(source), messages, table=table or None,
                        kode=kode or None, column=column or None)
