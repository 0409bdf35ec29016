"""`lkjip schema export`: the DAT rules' pandera schemas as YAML load back with pandera
and judge a table frame the way the rules do."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_REPORT
from validator import engine, schemas
from validator.bands import BandSet
from validator.cli import main
from validator.commands.schema import FIGURES, register_checks, table_schema
from validator.engine.context import Context, Settings
from validator.load import load_report
from validator.model import Figure, Report, Row, Table
from validator.ruleset import Rule
from validator.selection import select_rules

FRAME_RULES = ["DAT002", "DAT003", "DAT005", "DAT006", "DAT007"]
Place = tuple[str, str, "str | None"]


def _load(path: Path) -> Any:
    from pandera.io.pandas_io import from_yaml

    register_checks()
    return from_yaml(path.read_text(encoding="utf-8"))


def _failures(schema: Any, table: Table) -> set[Place]:
    """(table, kode, column) of every failure; None for checks about the whole row."""
    rows = (*table.rows, table.total) if table.total else table.rows
    figures = [c for c in schema.columns if c not in schemas.FRAME_COLUMNS]
    frame = schemas.table_frame(table, figures, rows)
    found = set()
    for position, column in schemas.failing_rows(frame, schema):
        found.add((table.id, rows[position].kode, column if column in figures else None))
    return found


def _native(report: Report, rules: list[Rule], band_sets: dict[str, BandSet]) -> set[Place]:
    findings = engine.run(report, select_rules(rules, FRAME_RULES, []), Settings(), band_sets)
    return {(f.table or "", f.kode or "", f.column) for f in findings}


def _schema_failures(out: Path, report: Report) -> set[Place]:
    found: set[Place] = set()
    for table in Context(report, Settings()).tables:
        if table.kind in FIGURES:
            found |= _failures(_load(out / f"{table.kind}.yaml"), table)
    return found


def _broken(report: Report) -> Report:
    """The seed with a duplicate kode, a negative budget, an unknown level and an orphan."""
    index, table = next((i, t) for i, t in enumerate(report.tabel)
                        if t.kind == "anggaran" and len(t.rows) > 4)
    rows = list(table.rows)
    rows[1] = dataclasses.replace(rows[1], kode=rows[0].kode)
    minus = Figure("-5.000.000", Decimal(-5000000), location=rows[2].location)
    rows[2] = dataclasses.replace(rows[2], cells={**rows[2].cells, "anggaran": minus})
    rows[3] = dataclasses.replace(rows[3], level="tidak_dikenal")
    rows.append(Row("1.06.99.2.01", "kegiatan", "Tanpa program", {}, location=rows[-1].location))
    tables = list(report.tabel)
    tables[index] = dataclasses.replace(table, rows=tuple(rows))
    return dataclasses.replace(report, tabel=tuple(tables))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("schemas")
    assert main(["schema", "export", "--output", str(out)]) == 0
    return out


def test_one_yaml_per_table_kind(exported: Path) -> None:
    assert sorted(p.stem for p in exported.glob("*.yaml")) == sorted(FIGURES)


def test_yaml_loads_back_as_the_same_schema(exported: Path, rules: list[Rule]) -> None:
    for kind in FIGURES:
        loaded = _load(exported / f"{kind}.yaml")
        assert loaded.to_yaml() == table_schema(kind, rules).to_yaml()
    anggaran = (exported / "anggaran.yaml").read_text(encoding="utf-8")
    assert "lkjip_parent_exists" in anggaran and "unique: true" in anggaran


def test_seed_frames_are_judged_as_the_rules_judge_them(exported: Path, rules: list[Rule],
                                                        band_sets: dict[str, BandSet]) -> None:
    report = load_report(SEED_REPORT)
    assert _schema_failures(exported, report) == _native(report, rules, band_sets)


def test_broken_frames_fail_where_the_rules_fail(exported: Path, rules: list[Rule],
                                                 band_sets: dict[str, BandSet]) -> None:
    report = _broken(load_report(SEED_REPORT))
    native = _native(report, rules, band_sets)
    assert {code for code in FRAME_RULES if code in {f.code for f in engine.run(
        report, select_rules(rules, FRAME_RULES, []), Settings(), band_sets)}} == {
        "DAT002", "DAT003", "DAT005", "DAT006"}
    assert _schema_failures(exported, report) == native
