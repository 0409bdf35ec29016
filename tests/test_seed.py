"""The seed report: the engine reports exactly the findings it really has."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SEED, SEED_REPORT
from validator import engine
from validator.bands import BandSet
from validator.cli import main
from validator.findings import Finding
from validator.formatters.common import decimal_text
from validator.load import load_report
from validator.ruleset import Rule

FIELDS = ("code", "severity", "status", "table", "kode", "column", "stated", "expected", "line")


def _expected() -> list[dict[str, Any]]:
    data = yaml.safe_load((SEED / "expected-findings.yaml").read_text(encoding="utf-8"))
    rows = []
    for item in data["findings"]:
        row = {key: item.get(key) for key in FIELDS}
        row["status"] = row["status"] or "mismatch"
        row["kode"] = str(row["kode"])
        rows.append(row)
    return sorted(rows, key=lambda r: (r["line"], r["code"]))


def test_seed_findings_are_exactly_the_real_ones(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    report = load_report(SEED_REPORT)
    findings = engine.run(report, rules, band_sets=band_sets)
    observed = [
        {"code": f.code, "severity": f.severity, "status": f.status, "table": f.table,
         "kode": f.kode, "column": f.column, "stated": f.stated,
         "expected": decimal_text(f.expected), "line": f.location.line}
        for f in findings
    ]
    assert sorted(observed, key=lambda r: (r["line"], r["code"])) == _expected()


def test_seed_check_json_cli_reports_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(SEED), "--format", "json"])
    assert code == 1  # the seed has errors
    data = json.loads(capsys.readouterr().out)
    codes = sorted(f["code"] for f in data["reports"][0]["findings"])
    assert codes == sorted(item["code"] for item in _expected())
    assert data["summary"]["by_severity"] == {"error": 4, "info": 13, "warning": 3}


def test_seed_findings_do_not_depend_on_row_order(rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    import dataclasses

    report = load_report(SEED_REPORT)
    shuffled = dataclasses.replace(
        report, tabel=tuple(dataclasses.replace(t, rows=tuple(reversed(t.rows))) for t in report.tabel)
    )
    first = engine.run(report, [r for r in rules if r.code != "DAT004"], band_sets=band_sets)
    second = engine.run(shuffled, [r for r in rules if r.code != "DAT004"], band_sets=band_sets)
    assert first == second


@pytest.mark.parametrize("target", ["seed.xlsx", "seed_csv"])
def test_seed_findings_are_the_same_from_xlsx_and_csv(
    target: str, tmp_path: Path, rules: list[Rule], band_sets: dict[str, BandSet]
) -> None:
    out = tmp_path / target
    assert main(["convert", str(SEED_REPORT), str(out)] + (["--to", "csv"] if "csv" in target else [])) == 0

    def key(f: Finding) -> tuple[object, ...]:
        return (f.code, f.severity, f.status, f.table, f.kode, f.column, f.stated, f.expected, f.suggestion)

    original = engine.run(load_report(SEED_REPORT), rules, band_sets=band_sets)
    converted = engine.run(load_report(out), rules, band_sets=band_sets)
    assert sorted(map(key, converted), key=str) == sorted(map(key, original), key=str)
    places = {str(f.location) for f in converted}
    assert all(("!" in p) if target.endswith(".xlsx") else (".csv:" in p) for p in places), places
