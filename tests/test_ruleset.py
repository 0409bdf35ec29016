"""Rule files: documented, valid, generated reference up to date, untrusted input refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from validator.cli import main
from validator.errors import RuleDefinitionError
from validator.ruledocs import reference_markdown
from validator.ruleset import DOC_SECTIONS, Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
  - code: XYZ001
    name: custom-rule
    kind: formula
    severity: warning
    tables: {jenis: anggaran}
    target: capaian_anggaran
    expression: realisasi / anggaran * 100
    message: {id: "pesan {stated}", en: "message {stated}"}
    doc: {what: a, why: b, fail: c, pass: d}
"""


def _rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text("rules:\n" + textwrap.dedent(body).strip("\n").replace("\n", "\n") + "\n",
                    encoding="utf-8")
    return path


def _error(tmp_path: Path, body: str) -> str:
    with pytest.raises(RuleDefinitionError) as info:
        load_rules([_rule_file(tmp_path, body)])
    return info.value.describe("en")


@pytest.mark.parametrize("section", DOC_SECTIONS)
def test_every_rule_documents_every_section(rules: list[Rule], section: str) -> None:
    lacking = [r.code for r in rules if not r.doc.get(section, "").strip()]
    assert not lacking


def test_every_rule_has_both_languages(rules: list[Rule]) -> None:
    assert all(r.messages.get("id") and r.messages.get("en") for r in rules)


def test_generated_reference_is_up_to_date(rules: list[Rule]) -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == reference_markdown(rules), "run: python -m validator.ruledocs > docs/rules.md"


def test_rule_with_a_new_prefix_is_in_the_reference(rules: list[Rule]) -> None:
    """A rule whose code prefix has no family title yet is still documented."""
    from dataclasses import replace

    newcomer = replace(rules[0], code="XYZ001", name="a-new-family")
    page = reference_markdown([*rules, newcomer])
    assert "## Other rules" in page and "### XYZ001 `a-new-family`" in page
    assert "[XYZ001](#xyz001-a-new-family)" in page


def test_a_valid_custom_rule_loads(tmp_path: Path) -> None:
    (rule,) = load_rules([_rule_file(tmp_path, GOOD)])
    assert rule.code == "XYZ001" and rule.severity == "warning"


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("__import__('os').system('true')", "Call"),
        ("__import__('os')", "unknown function '__import__'"),
        ("realisasi.__class__", "Attribute"),
        ("anggaran[0]", "Subscript"),
        ("open('/etc/passwd')", "unknown function 'open'"),
        ("[x for x in anggaran]", "ListComp"),
        ("lambda: 1", "Lambda"),
        ("eval('1')", "unknown function 'eval'"),
        ("realisasi / (", "syntax"),
        ("'text'", "Constant"),
        ("(" * 40 + "1" + ")" * 40 + " + " + " + ".join(["1"] * 300), "too"),
    ],
)
def test_untrusted_expressions_are_refused_with_place(tmp_path: Path, expression: str, reason: str) -> None:
    body = GOOD.replace("realisasi / anggaran * 100", expression.replace('"', '\\"'))
    body = body.replace("expression: ", 'expression: "', 1).replace(
        expression.replace('"', '\\"') + "\n", expression.replace('"', '\\"') + '"\n', 1
    )
    message = _error(tmp_path, body)
    assert "custom.yaml:" in message and "invalid expression" in message and reason in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: formula", "kind: formulas"), "unknown rule kind 'formulas' (did you mean 'formula'?)"),
        (("target: capaian_anggaran", "target: capaian_angaran"), "did you mean 'capaian_anggaran'"),
        (("tables: {jenis: anggaran}", "tables: {jenis: anggran}"), "unknown table kind 'anggran'"),
        (("severity: warning", "severity: fatal"), "invalid value 'fatal'"),
        (("code: XYZ001", "code: xyz1"), "must be three capitals"),
        (("    name: custom-rule\n", "    name: custom-rule\n    colour: red\n"), "unknown key 'colour'"),
        (('en: "message {stated}"', 'en: "message {stated.__class__}"'), "invalid message template"),
        (('en: "message {stated}"', 'en: "message {stated:>999999999}"'), "invalid message template"),
        (("doc: {what: a, why: b, fail: c, pass: d}", "doc: {what: a}"), "required key 'doc.why'"),
    ],
)
def test_bad_rule_definitions_name_file_and_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    message = _error(tmp_path, GOOD.replace(*change))
    assert "custom.yaml:" in message and expected in message


DECLARED = """
  - code: XYZ002
    name: version-undated-signature
    kind: revision
    severity: info
    items: versions
    expect:
      - present: date
      - equal: [signed, date]
    message: {id: "Versi {kode} tanpa tanggal", en: "Version {kode} undated"}
    doc: {what: a, why: b, fail: c, pass: d}
"""


def test_a_declared_revision_rule_is_data_and_runs(tmp_path: Path) -> None:
    """A new check of a declared kind is YAML: items from a known source, expectations of
    known shapes; both engines read it (the GX parity suite covers the shapes)."""
    from validator import engine
    from validator.build import build_report
    from validator.read.yaml_reader import parse_yaml_tree

    (rule,) = load_rules([_rule_file(tmp_path, DECLARED)])
    assert [e.shape for e in rule.params["expect"]] == ["present", "equal"]
    report = build_report(parse_yaml_tree(
        "format: lkjip/1\nidentitas: {instansi: A, pemda: B, tahun: 2023}\nversi:\n"
        "  - {id: a, jenis: pk_awal, tanggal: 2023-01-31}\n  - {id: b, jenis: pk_perubahan, urutan: 1}\n",
        "r.yaml"), "r.yaml")
    found = engine.run(report, [rule])
    assert [(f.code, f.kode, f.column, f.location.line) for f in found] == [("XYZ002", "b", "tanggal", 5)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("items: versions", "items: version"), "invalid value 'version'"),
        (("      - present: date\n", "      - presnt: date\n"), "unknown shape 'presnt'"),
        (("      - equal: [signed, date]\n", "      - equal: [signed]\n"), "equal: arguments a, b"),
        (("    expect:\n      - present: date\n      - equal: [signed, date]\n", ""),
         "required key 'expect'"),
    ],
)
def test_bad_declared_rules_name_file_and_line(tmp_path: Path, change: tuple[str, str],
                                               expected: str) -> None:
    message = _error(tmp_path, DECLARED.replace(*change))
    assert "custom.yaml:" in message and expected in message


def test_duplicate_rule_code(tmp_path: Path) -> None:
    assert "rule code XYZ001 is used twice" in _error(tmp_path, GOOD + GOOD)


def test_rule_file_with_alias_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text("a: &a [1, 1]\nrules: [*a, *a]\n", encoding="utf-8")
    with pytest.raises(RuleDefinitionError):
        load_rules([path])


def test_cli_rules_lists_and_documents(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "SUM001" in capsys.readouterr().out
    assert main(["rules", "frm006"]) == 0
    out = capsys.readouterr().out
    assert "tingkat-efisiensi-program" in out and "Contoh yang gagal" in out
    assert main(["rules", "frm006", "--lang", "en"]) == 0
    assert "Failing example" in capsys.readouterr().out
    assert main(["rules", "NOPE999"]) == 2


def test_config_rules_and_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
    config = tmp_path / "lkjip.toml"
    config.write_text('select = ["FRM006"]\nrounding = "nearest"\n', encoding="utf-8")
    assert main(["check", str(seed), "--config", str(config), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert out.count('"code": "FRM006"') == 2 and '"code": "DAT001"' not in out
    config.write_text('selekt = ["FRM006"]\n', encoding="utf-8")
    assert main(["check", str(seed), "--config", str(config), "--lang", "en"]) == 2
    err = capsys.readouterr()
    assert "lkjip.toml:1:1" in err.err and "did you mean 'select'" in err.err
    config.write_text('select = ["FRX"]\n', encoding="utf-8")
    assert main(["check", str(seed), "--config", str(config), "--lang", "en"]) == 2
    assert "unknown rule code 'FRX'" in capsys.readouterr().err


def test_severity_override_and_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
    config = tmp_path / "lkjip.toml"
    config.write_text('select = ["FRM006"]\n[severity]\nFRM006 = "warning"\n', encoding="utf-8")
    assert main(["check", str(seed), "--config", str(config), "--quiet"]) == 0
    assert main(["check", str(seed), "--config", str(config), "--severity", "warning"]) == 1
    capsys.readouterr()


def test_efficiency_method_option_changes_the_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
    config = tmp_path / "lkjip.toml"
    config.write_text('select = ["FRM006"]\n[options]\nefisiensi = "sisa_anggaran"\n', encoding="utf-8")
    main(["check", str(seed), "--config", str(config), "--format", "json"])
    out = capsys.readouterr().out
    # With 100 - absorption, most of Tabel 3.9's efficiency figures no longer agree.
    assert out.count('"code": "FRM006"') > 10


def test_data_repository_adds_its_own_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule file named by `rules` in lkjip.toml is loaded, validated and applied."""
    seed = ROOT / "fixtures" / "pamekasan-dinsos-2023" / "report.yaml"
    (tmp_path / "local-rules").mkdir()
    (tmp_path / "local-rules" / "local.yaml").write_text(
        "rules:\n" + textwrap.dedent("""
          - code: LOC001
            name: program-budget-ceiling
            kind: schema
            severity: warning
            tables: {jenis: anggaran, versi: final}
            check: in_range
            columns: [anggaran]
            max: 10000000000
            message: {id: "{row} melebihi pagu {max}", en: "{row} exceeds the ceiling {max}"}
            doc: {what: a ceiling, why: local policy, fail: x, pass: y}
        """).replace("\n", "\n  ").rstrip() + "\n",
        encoding="utf-8",
    )
    config = tmp_path / "lkjip.toml"
    config.write_text('rules = ["local-rules"]\nselect = ["LOC"]\n', encoding="utf-8")
    args = ["check", str(seed), "--config", str(config), "--format", "json", "--severity", "warning"]
    assert main(args) == 1
    out = capsys.readouterr().out
    # Program 1.06.05 (14.831.287.700) and its kegiatan exceed 10.000.000.000 in Tabel 2.7.
    assert out.count('"code": "LOC001"') == 3
    (tmp_path / "local-rules" / "local.yaml").write_text("rules:\n  - code: LOC001\n    kind: nope\n",
                                                        encoding="utf-8")
    assert main(["check", str(seed), "--config", str(config), "--lang", "en"]) == 2
    assert "local.yaml:3:11" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("expression: realisasi / anggaran * 100",
          "methods: realisasi\n    method_option: efisiensi"), "methods must be mapping of name: expression"),
        (("expression: realisasi / anggaran * 100",
          "indicator_formula: __class__"), "invalid value '__class__'"),
        (("expression: realisasi / anggaran * 100",
          "methods: {a: realisasi}\n    method_option: {x: y}"), "method_option must be text"),
    ],
)
def test_wrongly_typed_parameters_are_definition_errors(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    """Found by the corpus: a `methods` string used to reach the engine and crash it."""
    assert expected in _error(tmp_path, GOOD.replace(*change))
