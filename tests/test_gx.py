"""The gx engine (issue 7): GX decides, the findings are the native engine's.

- the default `lkjip check` never imports great_expectations;
- parity: the seed and every case of every fixtures/rules/<CODE>.yaml give identical
  findings with both engines;
- `lkjip gx export` round-trips: the exported script loads the suites with GX in a fresh
  process, validates the seed's frames, and its results map back to the same findings;
- Data Docs are built and render in headless Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED, SEED_REPORT
from tests.test_rule_cases import CASES, Case, _settings
from validator import engine
from validator.bands import BandSet
from validator.build import build_report
from validator.cli import main
from validator.engine import shapes
from validator.expectations import SHAPES
from validator.findings import Finding
from validator.formatters.common import decimal_text
from validator.load import load_report
from validator.read.yaml_reader import parse_yaml_tree
from validator.ruleset import KINDS, Rule
from validator.selection import select_rules

HAVE_GX = bool(__import__("importlib.util").util.find_spec("great_expectations"))
needs_gx = pytest.mark.skipif(not HAVE_GX,
                              reason="great_expectations is not installed: pip install -e '.[gx]'")
FAMILIES = sorted(engine.KINDS)  # one suite per rule kind


def _key(f: Finding) -> tuple[Any, ...]:
    return (f.code, f.severity, f.status, f.table, f.kode, f.column, f.stated, decimal_text(f.expected),
            str(f.location))


def _same(native: list[Finding], gx: list[Finding]) -> None:
    assert [_key(f) for f in gx] == [_key(f) for f in native]
    assert gx == native  # messages, ranges, suggestions and all


def _gx_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the native interpreter unusable, so in a gx run only GX decides what fails
    (the rule kinds still compile rules into items: that is shared by construction)."""
    def native(*_args: object) -> None:
        raise AssertionError("an expectation was judged by the native interpreter in a gx run")

    monkeypatch.setattr(shapes, "failing", native)


def test_default_check_never_imports_gx(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from validator.cli import main\n"
        f"main(['check', {str(SEED)!r}, '--format', 'json', '-o', {str(tmp_path / 'out.json')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'great_expectations'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "out.json").exists()


def test_every_shape_has_a_gx_class() -> None:
    from validator.gx.translate import GX_SHAPES

    assert set(GX_SHAPES) == set(SHAPES)


def test_one_list_of_kinds() -> None:
    """The rule file schema (ruleset.PARAMS) and the engine name the same kinds."""
    assert set(engine.KINDS) == set(KINDS)


@needs_gx
def test_seed_parity(rules: list[Rule], band_sets: dict[str, BandSet],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    from validator import gx

    report = load_report(SEED_REPORT)
    native = engine.run(report, rules, band_sets=band_sets)
    assert {f.code[:3] for f in native} >= {"REV"}  # the seed exercises the revision rules too
    _gx_only(monkeypatch)
    _same(native, gx.run(report, rules, band_sets=band_sets))


@needs_gx
@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}_{c.name}" for c in CASES])
def test_rule_case_parity(case: Case, rules: list[Rule], band_sets: dict[str, BandSet],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    from validator import gx

    report = build_report(parse_yaml_tree(case.report, f"{case.code}.yaml"), f"{case.code}.yaml")
    chosen = select_rules(rules, case.codes(), [])
    settings = _settings(case.settings)
    native = engine.run(report, chosen, settings, band_sets)
    _gx_only(monkeypatch)  # every case, REV* included, is decided by GX
    _same(native, gx.run(report, chosen, settings, band_sets))


@needs_gx
def test_not_repeating_earlier_rows_fails_only_the_repeats() -> None:
    """REV002's expectation: the first version with a sequence passes, later ones fail
    (GX's ExpectColumnValuesToBeUnique would fail all of them)."""
    import great_expectations as gx
    import pandas as pd

    from validator.gx.expectations import ExpectColumnValuesToNotRepeatEarlierRows

    frame = pd.DataFrame({"item": [0, 1, 2, 3, 4, 5], "urutan": [2, 2, 1, None, 2, 1]})
    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_pandas("t").add_dataframe_asset("t")
    batch = asset.add_batch_definition_whole_dataframe("w").get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(ExpectColumnValuesToNotRepeatEarlierRows(column="urutan"),
                            result_format={"result_format": "COMPLETE",
                                           "unexpected_index_column_names": ["item"]})
    assert not result.success
    assert [row["item"] for row in result.result["unexpected_index_list"]] == [1, 4, 5]


@needs_gx
def test_cli_json_is_the_same_with_either_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), "--format", "json"]) == 1
    native = json.loads(capsys.readouterr().out)
    assert main(["check", str(SEED), "--format", "json", "--engine", "gx"]) == 1
    assert json.loads(capsys.readouterr().out) == native


def test_data_docs_need_the_gx_engine(tmp_path: Path) -> None:
    assert main(["check", str(SEED), "--data-docs", str(tmp_path)]) == 2


@needs_gx
def test_export_round_trips_in_a_fresh_process(tmp_path: Path, rules: list[Rule],
                                               band_sets: dict[str, BandSet]) -> None:
    from validator.gx import export, translate

    out = tmp_path / "export"
    assert main(["gx", "export", "--output", str(out), "--frames", str(SEED_REPORT)]) == 0
    suites = sorted(p.stem for p in (out / "suites").glob("*.json"))
    assert suites == FAMILIES
    report = load_report(SEED_REPORT)
    frames = export.frames_folder(out, report.source)
    results = tmp_path / "results.json"
    subprocess.run([sys.executable, str(out / export.SCRIPT), str(frames), "--results", str(results)],
                   cwd=tmp_path, check=True, capture_output=True, text=True)
    plan = translate.plan(report, rules, None, band_sets)
    native = engine.run(report, plan.rules, band_sets=band_sets)
    _same(native, translate.findings(plan, json.loads(results.read_text(encoding="utf-8"))))


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path) -> str:
    browser = _chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": profile},
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_gx
def test_data_docs_render_in_chromium(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert main(["check", str(SEED), "--engine", "gx", "--data-docs", str(docs), "-q"]) == 1
    index = docs / "index.html"
    assert index.exists()
    if _chromium() is None:
        pytest.skip("chromium is not installed")
    dom = _dump_dom(index)
    for family in FAMILIES:
        assert f"lkjip.{family}" in dom
    page = next((docs / "validations" / "lkjip" / "formula").rglob("*.html"))
    assert "FRM006 tingkat-efisiensi-program" in _dump_dom(page)


@needs_gx
def test_a_users_file_context_keeps_suites_and_docs(tmp_path: Path) -> None:
    project = tmp_path / "project"
    assert main(["check", str(SEED), "--engine", "gx", "--gx-context", str(project), "-q"]) == 1
    root = project / "gx"
    assert (root / "great_expectations.yml").exists()
    assert (root / "expectations" / "lkjip" / "sum.json").exists()
    assert (root / "uncommitted" / "data_docs" / "local_site" / "index.html").exists()
