"""JSON output, schema docs/schema/findings.schema.json (versioned by `schema_version`).

Numbers are strings of their exact decimal value, so no consumer loses precision.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from validator import __version__
from validator.findings import Cause, Finding, Suspect, hint_text
from validator.formatters.common import causes_of, coverage_dict, decimal_text, json_text, location_dict
from validator.runner import ReportResult, RunResult

SCHEMA_VERSION = "1.2"


def render(result: RunResult, lang: str) -> str:
    return json_text(document(result, lang))


def document(result: RunResult, lang: str) -> dict[str, Any]:
    findings = result.findings
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "lkjip", "version": __version__},
        "lang": lang,
        "reports": [_report(r, lang) for r in result.reports],
        "skipped": [str(path) for path in result.skipped],
        "summary": {
            "reports": len(result.reports),
            "reports_unreadable": sum(1 for r in result.reports if r.error),
            "skipped_not_reports": len(result.skipped),
            "findings": len(findings),
            "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
            "by_rule": dict(sorted(Counter(f.code for f in findings).items())),
            "suppressed": len(result.suppressed),
            "baselined": result.baselined,
            "root_causes": sum(len(causes_of(r.findings)) for r in result.reports),
        },
    }


def _report(result: ReportResult, lang: str) -> dict[str, Any]:
    identity = result.report.identitas if result.report else None
    return {
        "path": str(result.path),
        "instansi": identity.instansi if identity else None,
        "pemda": identity.pemda if identity else None,
        "tahun": identity.tahun if identity else None,
        "error": result.error.describe(lang) if result.error else None,
        "findings": [finding_dict(f, lang) for f in result.findings],
        "roots": [cause_dict(c, findings, lang) for c, findings in causes_of(result.findings)],
        "coverage": coverage_dict(result.coverage),
        "suppressed": [{**finding_dict(s.finding, lang), "reason": s.reason,
                        "suppressed_by": location_dict(s.place)} for s in result.suppressed],
        "baselined": result.baselined,
    }


def cause_dict(cause: Cause, findings: list[Finding], lang: str) -> dict[str, Any]:
    """A root cause: its figures (one, the same figure in several tables, or with
    `ambiguous` one of several), the findings at it and those following from it."""
    return {
        "id": cause.id,
        "ambiguous": cause.ambiguous,
        "diagnosed": cause.diagnosed,
        "figures": [suspect_dict(s, lang) for s in cause.suspects],
        "findings": len(findings),
        "consequences": sum(1 for f in findings if not f.at_root),
    }


def suspect_dict(suspect: Suspect, lang: str) -> dict[str, Any]:
    return {
        "table": suspect.table,
        "table_label": suspect.label(lang),
        "kode": suspect.kode,
        "row": suspect.row_in(lang),
        "column": suspect.column or None,
        "stated": suspect.stated,
        "expected": decimal_text(suspect.expected),
        "expected_shown": suspect.expected_in(lang) or None,
        "hints": [{"code": h.split(":", 1)[0], "text": hint_text(h, lang)} for h in suspect.hints],
        "location": location_dict(suspect.location) if suspect.location is not None else None,
    }


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "status": finding.status,
        "message": finding.message(lang),
        "table": finding.table,
        "table_label": finding.label(lang),
        "row": finding.row_in(lang),
        "kode": finding.kode,
        "column": finding.column,
        "stated": finding.stated,
        "expected": decimal_text(finding.expected),
        "expected_range": (
            {"low": decimal_text(finding.expected_low), "high": decimal_text(finding.expected_high)}
            if finding.expected_low is not None else None
        ),
        "difference": decimal_text(finding.difference),
        "suggestion": finding.suggestion,
        "location": location_dict(finding.location),
        "root": finding.root,
        "caused_by": finding.caused_by,
    }
