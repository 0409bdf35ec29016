"""Small helpers shared by formatters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from validator.coverage import Coverage
from validator.findings import Cause, Finding
from validator.model import Location


def decimal_text(value: Decimal | str | None) -> str | None:
    """The exact decimal value as a string (no exponent), or the text as is."""
    if value is None or isinstance(value, str):
        return value
    if value == 0:
        value = abs(value)  # no "-0.00"
    return format(value, "f")


def causes_of(findings: Iterable[Finding]) -> list[tuple[Cause, list[Finding]]]:
    """The root causes of some findings, each with its findings (at the root first), in
    the order of the findings; a finding without a cause (not diagnosed) is its own."""
    grouped: dict[object, tuple[Cause, list[Finding]]] = {}
    for finding in findings:
        cause = finding.cause or Cause("", (), diagnosed=False)
        key = cause.id if finding.cause is not None else id(finding)
        grouped.setdefault(key, (cause, []))[1].append(finding)
    return [(cause, sorted(members, key=lambda f: not f.at_root)) for cause, members in grouped.values()]


def shows_root(cause: Cause, members: list[Finding]) -> bool:
    """A root cause is said on its own line when the diagnosis says more than the finding:
    it links several findings, lies elsewhere, is ambiguous, or has a hint."""
    if not cause.diagnosed or not cause.suspects:
        return False
    return (len(members) > 1 or not members[0].at_root or cause.ambiguous or len(cause.suspects) > 1
            or any(s.hints for s in cause.suspects))


ROOT_WORDS = {
    "id": {"follows": "akibat dari akar masalah {root}", "one_of": "salah satu dari",
           "expected": "seharusnya"},
    "en": {"follows": "follows from root cause {root}", "one_of": "one of", "expected": "expected"},
}


def follows_text(finding: Finding, lang: str) -> str:
    """For a consequence: which root it follows from and where that figure is ("" at a root)."""
    cause = finding.cause
    if finding.caused_by is None or cause is None:
        return ""
    w = ROOT_WORDS.get(lang, ROOT_WORDS["id"])
    places = []
    for suspect in cause.suspects:
        place = f"{suspect.label(lang) or suspect.table} {suspect.kode} {suspect.column}".strip()
        expected = suspect.expected_in(lang)
        places.append(f"{place} ({w['expected']} {expected})" if expected and not cause.ambiguous else place)
    where = (f"{w['one_of']} " if cause.ambiguous else "") + "; ".join(places)
    return f"{w['follows'].format(root=cause.id)}: {where}"


def location_dict(location: Location) -> dict[str, object]:
    data: dict[str, object] = {"file": location.file}
    if location.sheet is not None:
        data["sheet"] = location.sheet
        data["cell"] = location.cell
    else:
        data["line"] = location.line
        data["column"] = location.column
    if location.origin is not None:
        data["origin"] = location.origin  # where an imported figure is printed (hal., Tabel, baris)
    return data


# Characters of report text that must not reach an output as they are: C0 controls but tab,
# newline and carriage return (which each format handles); DEL; C1 controls (0x9b alone is
# a CSI that drives a terminal); and the bidi controls that make text read differently
# from what it is ("\u202egnp.exe" shows as "exe.png").
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_JSON = re.compile(rf"[\x7f-\x9f{_BIDI}]")  # json.dumps escapes C0 itself


def safe_text(text: str) -> str:
    """Report text for display: every control and bidi character becomes U+FFFD."""
    return _UNSAFE_TEXT.sub("\ufffd", text)


def json_text(data: Any) -> str:
    """JSON whose strings keep every character of the data, with the ones json.dumps
    leaves raw (DEL, C1, bidi) written as \\u escapes so the text is safe to print."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


SKIPPED = {"id": "{count} berkas dilewati: bukan laporan", "en": "{count} file(s) skipped: not reports"}


def skipped_note(skipped: list[Path], lang: str) -> str:
    """"2 berkas dilewati: bukan laporan": nothing is skipped in silence; "" when none."""
    return SKIPPED.get(lang, SKIPPED["id"]).format(count=len(skipped)) if skipped else ""


ACCEPTED = {
    "id": {"suppressed": "{count} temuan diabaikan dengan alasan",
           "baselined": "{count} temuan lama (baseline) tidak dilaporkan"},
    "en": {"suppressed": "{count} finding(s) suppressed with a reason",
           "baselined": "{count} known finding(s) (baseline) not reported"},
}


def accepted_note(suppressed: int, baselined: int, lang: str) -> str:
    """"2 temuan diabaikan dengan alasan; 5 temuan lama (baseline) tidak dilaporkan": what a
    run accepted is counted in every output, never dropped in silence; "" when nothing."""
    words = ACCEPTED.get(lang, ACCEPTED["id"])
    parts = [words["suppressed"].format(count=suppressed)] if suppressed else []
    parts += [words["baselined"].format(count=baselined)] if baselined else []
    return "; ".join(parts)


def coverage_dict(coverage: Coverage | None) -> dict[str, Any] | None:
    """What a check covered, as JSON data (JSON output, SARIF run properties)."""
    if coverage is None:
        return None
    return {
        "tables": [{"id": t.id, "label": t.label, "kind": t.kind, "version": t.version,
                    "figures": t.figures, "unreadable": t.unreadable} for t in coverage.tables],
        "figures": coverage.figures,
        "figures_unreadable": coverage.unreadable,
        "rules_in_force": len(coverage.rules),
        "rules_applied": coverage.rules_applied,
        "items_checked": coverage.checked,
        "unverifiable": coverage.unverifiable,
        "rules": [{"rule": r.code, "items": r.items, "unverifiable": r.unverifiable}
                  for r in coverage.rules if r.items],
    }
