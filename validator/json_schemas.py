"""JSON Schemas published in docs/schema/: the report format (for editor completion) and
the JSON findings output. Generated from the same key lists the builder and the JSON
formatter use, so they cannot drift: `python -m validator.json_schemas` rewrites them
and a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from validator import build
from validator.build import YEAR_COLUMN
from validator.model import STRUCTURES
from validator.numbers import TABLE_SCALES

FIGURE: dict[str, Any] = {
    "description": 'A figure as printed: "3.637.682.131,00", "94,47%", "-", "A (81,50)", "742 Orang"',
    "type": ["string", "number", "integer"],
}
TEXT: dict[str, Any] = {"type": ["string", "number", "integer"]}
DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}"}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    schema.update(extra)
    return schema


def _row(kind: str, required: tuple[str, ...]) -> dict[str, Any]:
    properties = {key: TEXT for key in build.ROW_TEXT[kind]}
    properties.update({key: FIGURE for key in build.ROW_FIGURES[kind]})
    extra: dict[str, Any] = {}
    if kind == "kinerja":
        extra["patternProperties"] = {YEAR_COLUMN.pattern: FIGURE}
    return _object(properties, required, **extra)


def report_schema() -> dict[str, Any]:
    identity = {key: TEXT for key in build.IDENTITAS_KEYS}
    identity["struktur_anggaran"] = {"enum": list(STRUCTURES)}
    identity.update({"tahun": {"type": "integer"}, "tanggal": DATE})
    version = {key: TEXT for key in build.VERSION_KEYS}
    version.update({
        "jenis": {"enum": list(build.VERSION_KINDS)}, "tanggal": DATE, "tanggal_tanda_tangan": DATE,
        "urutan": {"type": "integer"}, "dilampirkan": {"type": "boolean"}, "final": {"type": "boolean"},
    })
    indicator = {key: TEXT for key in build.INDICATOR_KEYS}
    indicator["arah"] = {"enum": ["naik", "turun"]}
    target = {key: TEXT for key in build.TARGET_KEYS}
    target.update({
        "jenis": {"enum": ["tujuan", "sasaran"]}, "program": {"type": "array", "items": {"type": "string"}},
        "indikator": {"type": "array", "items": _object(indicator, ("kode",))},
    })
    band = _object({"bawah": FIGURE, "atas": FIGURE, "predikat": TEXT, "interpretasi": TEXT},
                   ("bawah", "atas", "predikat"))
    history = _object({"tahun": {"type": "integer"}, "nilai": FIGURE}, ("tahun", "nilai"))
    akip = _object({
        "nilai": FIGURE, "predikat": TEXT, "interpretasi": TEXT, "target": FIGURE, "pita": TEXT,
        "pita_dicetak": {"type": "array", "items": band}, "riwayat": {"type": "array", "items": history},
    })
    tables = []
    for kind in build.TABLE_KINDS:
        table = {key: TEXT for key in build.TABLE_KEYS}
        table.update({
            "jenis": {"const": kind}, "angka": {"enum": ["id", "en"]},
            "skala": {"enum": list(TABLE_SCALES)},
            "baris": {"type": "array", "items": _row(kind, ("kode",))}, "jumlah": _row(kind, ()),
        })
        tables.append(_object(table, ("id", "label", "jenis", "baris")))
    statement = {key: TEXT for key in build.STATEMENT_TEXT}
    statement.update({key: FIGURE for key in build.STATEMENT_FIGURES})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lkjip.invalid/schema/report.schema.json",
        "title": "LKjIP report (lkjip/1)",
        "description": "One LKjIP report as stated in the document; see docs/format.md.",
        **_object({
            "format": {"const": build.FORMAT},
            "identitas": _object(identity, ("instansi", "pemda", "tahun")),
            "versi": {"type": "array", "items": _object(version, ("id", "jenis"))},
            "sasaran": {"type": "array", "items": _object(target, ("kode",))},
            "akip": akip,
            "tabel": {"type": "array", "items": {"oneOf": tables}},
            "pernyataan": {"type": "array", "items": _object(statement, ("bagian",))},
        }, ("format", "identitas")),
    }


def findings_schema() -> dict[str, Any]:
    nullable_text = {"type": ["string", "null"]}
    count_of_findings = {"type": "integer", "minimum": 0}
    decimal = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$", "description": "exact decimal"}
    location = {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string"}, "line": {"type": ["integer", "null"]},
            "column": {"type": ["integer", "null"]}, "sheet": nullable_text, "cell": nullable_text,
            "origin": {"type": "string", "description": "where an imported figure is printed in its "
                       "document: \"hal. 45, Tabel 3.9 baris 31\" (lkjip import)"},
        },
        "additionalProperties": False,
    }
    finding = _object({
        "code": {"type": "string", "pattern": "^[A-Z]{3}[0-9]{3}$"}, "name": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "status": {"enum": ["mismatch", "unverifiable", "truncation", "note"]},
        "message": {"type": "string"}, "table": nullable_text, "table_label": nullable_text,
        "row": nullable_text, "kode": nullable_text, "column": nullable_text, "stated": nullable_text,
        "expected": {"type": ["string", "null"]},
        "expected_range": {"type": ["object", "null"], "properties": {"low": decimal, "high": decimal}},
        "difference": decimal, "suggestion": nullable_text, "location": location,
        "root": {"type": ["string", "null"], "description": "id of the finding's root cause (report.roots)"},
        "caused_by": {"type": ["string", "null"],
                      "description": "id of the root cause it follows from; null at the root figure"},
    }, ("code", "name", "severity", "status", "message", "location"))
    hint = _object({"code": {"type": "string"}, "text": {"type": "string"}}, ("code", "text"))
    figure = _object({
        "table": {"type": "string"}, "table_label": nullable_text, "kode": {"type": "string"},
        "row": nullable_text, "column": nullable_text, "stated": nullable_text,
        "expected": {"type": ["string", "null"]}, "expected_shown": nullable_text,
        "hints": {"type": "array", "items": hint},
        "location": {"oneOf": [{"type": "null"}, location]},
    }, ("table", "kode", "column", "stated", "expected", "hints"))
    root = _object({
        "id": {"type": "string"},
        "ambiguous": {"type": "boolean",
                      "description": "one of `figures` is wrong, not all (equally small explanations)"},
        "diagnosed": {"type": "boolean", "description": "false: no rule links its figures to others"},
        "figures": {"type": "array", "items": figure},
        "findings": count_of_findings, "consequences": count_of_findings,
    }, ("id", "ambiguous", "diagnosed", "figures", "findings", "consequences"))
    count = {"type": "integer", "minimum": 0}
    table = _object({
        "id": {"type": "string"}, "label": {"type": "string"}, "kind": {"type": "string"},
        "version": nullable_text, "figures": count, "unreadable": count,
    }, ("id", "label", "kind", "version", "figures", "unreadable"))
    rule = _object({"rule": {"type": "string"}, "items": count, "unverifiable": count},
                   ("rule", "items", "unverifiable"))
    coverage = {
        "description": "What the check covered (null when the report could not be read); see docs/output.md",
        "oneOf": [{"type": "null"}, _object({
            "tables": {"type": "array", "items": table}, "figures": count, "figures_unreadable": count,
            "rules_in_force": count, "rules_applied": count, "items_checked": count, "unverifiable": count,
            "rules": {"type": "array", "items": rule},
        }, ("tables", "figures", "figures_unreadable", "rules_in_force", "rules_applied", "items_checked",
            "unverifiable", "rules"))],
    }
    suppressed = {**finding, "properties": {
        **finding["properties"], "reason": {"type": "string"}, "suppressed_by": location,
    }, "required": [*finding["required"], "reason", "suppressed_by"]}
    report = _object({
        "path": {"type": "string"}, "instansi": nullable_text, "pemda": nullable_text,
        "tahun": {"type": ["integer", "null"]}, "error": nullable_text,
        "findings": {"type": "array", "items": finding}, "coverage": coverage,
        "suppressed": {"type": "array", "items": suppressed,
                       "description": "Findings accepted by a suppression, with its reason and place"},
        "baselined": {**count, "description": "Findings left out because the baseline holds them"},
        "roots": {"type": "array", "items": root, "description": "root causes (matters); see docs/output.md"},
    }, ("path", "findings"))
    counts = {"type": "object", "additionalProperties": {"type": "integer"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lkjip.invalid/schema/findings.schema.json",
        "title": "lkjip check --format json",
        **_object({
            "schema_version": {"const": "1.2"},
            "tool": _object({"name": {"const": "lkjip"}, "version": {"type": "string"}}, ("name", "version")),
            "lang": {"enum": ["id", "en"]},
            "reports": {"type": "array", "items": report},
            "skipped": {"type": "array", "items": {"type": "string"}},
            "summary": _object({
                "reports": {"type": "integer"}, "reports_unreadable": {"type": "integer"},
                "skipped_not_reports": {"type": "integer"},
                "findings": {"type": "integer"}, "by_severity": counts, "by_rule": counts,
                "suppressed": {"type": "integer"}, "baselined": {"type": "integer"},
                "root_causes": {"type": "integer"},
            }, ("reports", "findings")),
        }, ("schema_version", "tool", "reports", "summary")),
    }


SCHEMAS = {"report.schema.json": report_schema, "findings.schema.json": findings_schema}


def render(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    folder = Path(__file__).resolve().parent.parent / "docs" / "schema"
    for schema_name in SCHEMAS:
        (folder / schema_name).write_text(render(schema_name), encoding="utf-8")
