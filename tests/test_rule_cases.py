"""Every rule's fixture cases (fixtures/rules/<CODE>.yaml), one parametrized test.

Each case holds a whole small report (YAML text) and the exact findings the rule must
report on it, with their line in that text. `pytest -k SUM001` runs one rule's cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from validator import engine
from validator.bands import BandSet
from validator.build import build_report
from validator.engine.context import Settings
from validator.formatters.common import decimal_text
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import Rule, load_rules
from validator.selection import select_rules

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
FIELDS = ("code", "severity", "status", "table", "kode", "column", "stated", "expected", "line")


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    report: str
    findings: list[dict[str, Any]]
    settings: dict[str, Any]
    also: tuple[str, ...] = ()
    """Rules in force with the case's own (`with:`): a coverage rule counts what they check.
    Only the case's own rule's findings are compared."""

    def codes(self) -> list[str]:
        return [self.code, *self.also]


def _cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["cases"]:
            cases.append(Case(data["rule"], item["name"], item["report"],
                              item.get("findings") or [], item.get("settings") or {},
                              tuple(item.get("with") or ())))
    return cases


CASES = _cases()


def _settings(values: dict[str, Any]) -> Settings:
    base = Settings()
    capaian = {**base.capaian, **values.get("capaian", {})}
    return Settings(rounding=values.get("rounding", "nearest"),
                    precision=values.get("precision", "column"),
                    options=values.get("options", {}), capaian=capaian,
                    band_set=values.get("band_set"))


def _observed(case: Case, rules: list[Rule], band_sets: dict[str, BandSet]) -> list[dict[str, Any]]:
    report = build_report(parse_yaml_tree(case.report, f"{case.code}.yaml"), f"{case.code}.yaml")
    chosen = select_rules(rules, case.codes(), [])
    findings = engine.run(report, chosen, _settings(case.settings), band_sets)
    observed = []
    for f in (f for f in findings if f.code == case.code):
        item = {"code": f.code, "severity": f.severity, "status": f.status, "table": f.table,
                "kode": f.kode, "column": f.column, "stated": f.stated,
                "expected": decimal_text(f.expected), "line": f.location.line}
        observed.append(item)
    return observed


def _expected(case: Case) -> list[dict[str, Any]]:
    expected = []
    for item in case.findings:
        full = {key: item.get(key) for key in FIELDS}
        full["code"] = full["code"] or case.code
        full["status"] = full["status"] or "mismatch"
        if full["expected"] is not None:
            full["expected"] = str(full["expected"])
        if full["kode"] is not None:
            full["kode"] = str(full["kode"])
        expected.append(full)
    return expected


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}_{c.name}" for c in CASES])
def test_rule_case(case: Case, rules: list[Rule], band_sets: dict[str, BandSet]) -> None:
    observed = _observed(case, rules, band_sets)
    assert observed == _expected(case)


def test_every_rule_has_passing_and_failing_cases() -> None:
    codes_with = {c.code for c in CASES}
    missing = [r.code for r in load_rules() if r.code not in codes_with]
    assert not missing, f"rules without fixture cases: {missing}"
    for code in codes_with:
        mine = [c for c in CASES if c.code == code]
        assert any(not c.findings for c in mine), f"{code} has no passing case"
        assert any(c.findings for c in mine), f"{code} has no failing case"
