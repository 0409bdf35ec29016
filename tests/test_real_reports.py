"""Real-style reports (issue 15): every finding on a report transcribed from a public
LKjIP is known and classified, as a real defect or as a known false finding.

The reports live in fixtures/real/*.yaml, one per source, each naming its source in its
header; fixtures/real/expected.yaml lists, per file, today's findings as (code, table,
kode, column) with a reason, and marks the false ones with the issue-15 item they belong
to. A fix that removes a false finding (or a change that adds one) makes the comparison
fail until expected.yaml is updated: no silent drift.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from validator import engine
from validator.bands import BandSet
from validator.load import load_report
from validator.ruleset import Rule

REAL = ROOT / "fixtures" / "real"
EXPECTED = REAL / "expected.yaml"
KEY = ("code", "table", "kode", "column")
EXCERPTS = ("REQ",)
"""The files are excerpts (a table or two of a real report), so they lack by construction
the parts REQ001-REQ003 require of a whole report; those rules have their own fixtures
and tests/test_coverage.py. Every other rule runs."""
ITEMS = range(1, 10)


def _expected() -> dict[str, Any]:
    """The expected findings per file. YAML 1.1 reads the key `false` as the boolean False;
    it is renamed back to the string "false" here."""
    data: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    for entry in data["reports"].values():
        for item in entry["findings"]:
            if False in item:
                item["false"] = item.pop(False)
    return data["reports"]


def _reports() -> list[Path]:
    return sorted(p for p in REAL.glob("*.yaml") if p.name != EXPECTED.name)


def _key(item: dict[str, Any]) -> tuple[str, ...]:
    return tuple("" if item.get(k) is None else str(item[k]) for k in KEY)


def test_at_least_ten_reports_each_with_an_expected_entry() -> None:
    names = {p.name for p in _reports()}
    assert len(names) >= 10
    assert names == set(_expected())


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.stem)
def test_report_names_its_source(path: Path) -> None:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "Source:" in text
    assert "http" in text
    assert "Transcribed:" in text


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.stem)
def test_real_report_findings_are_the_classified_ones(
    path: Path, rules: list[Rule], band_sets: dict[str, BandSet]
) -> None:
    chosen = [r for r in rules if not r.code.startswith(EXCERPTS)]
    findings = engine.run(load_report(path), chosen, band_sets=band_sets)
    observed = Counter(
        _key({"code": f.code, "table": f.table, "kode": f.kode, "column": f.column}) for f in findings
    )
    expected = Counter(_key(item) for item in _expected()[path.name]["findings"])
    assert observed == expected, (
        f"{path.name}: new {sorted((observed - expected).elements())}, "
        f"gone {sorted((expected - observed).elements())}; update fixtures/real/expected.yaml"
    )


@pytest.mark.parametrize("name", sorted(_expected()))
def test_every_expected_finding_is_classified(name: str) -> None:
    entry = _expected()[name]
    for item in entry["findings"]:
        assert set(KEY) <= set(item), item
        assert isinstance(item.get("false"), bool), item
        assert item.get("reason"), item
        if item["false"]:
            assert item.get("item") in ITEMS, item
        else:
            assert "item" not in item or item["item"] in ITEMS, item
    for item in entry.get("missed") or []:
        assert item.get("reason"), item
        assert item.get("item") in ITEMS, item


def test_false_findings_by_item_are_what_docs_real_reports_md_says() -> None:
    """docs/real-reports.md states the count of known false findings per issue item; keep
    the two in step."""
    counts = Counter(
        item["item"] for entry in _expected().values() for item in entry["findings"] if item["false"]
    )
    doc = (ROOT / "docs" / "real-reports.md").read_text(encoding="utf-8")
    for number in ITEMS:
        assert f"| {number} |" in doc
        row = next(line for line in doc.splitlines() if line.startswith(f"| {number} |"))
        assert row.split("|")[3].strip() == str(counts.get(number, 0)), row
