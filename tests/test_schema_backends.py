"""The engine's schema checks (rows as items, judged by validator/engine/shapes.py on every
`lkjip check`) and the pandera schemas (`lkjip schema export`, `bench/stages.py`) fail the
same rows: on the seed, on every rule fixture case, on a generated corpus with defects of
every family, and on random tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_REPORT
from validator import schemas
from validator.build import build_report
from validator.engine import shapes
from validator.engine.items import Items
from validator.engine.schema import figures_of, rows_of
from validator.errors import InputError
from validator.expectations import Expect
from validator.findings import Finding
from validator.generate.corpus import GenerateOptions, generate_corpus
from validator.load import find_reports, load_report
from validator.model import Figure, Report, Row, Table, budget_level
from validator.read.yaml_reader import parse_yaml_tree

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
RANGES = (  # (columns, min, max) of DAT006 and DAT007
    (["anggaran", "realisasi", "realisasi_anggaran"], 0.0, None),
    (["capaian", "capaian_kinerja", "capaian_anggaran", "serapan_anggaran", "rata_rata_capaian"],
     0.0, 1000.0),
)


def _flags(shape: str, items: Items, args: dict[str, object] | None = None) -> list[bool]:
    return shapes.failing(Expect("check", shape, args or {}), items.column)


def duplicate_positions(rows: tuple[Row, ...]) -> list[int]:
    items = rows_of([Table("t", "", "anggaran", rows)], _no_finding)
    return [p for p, fails in enumerate(_flags("unique", items, {"columns": ["kode"]})) if fails]


def orphan_positions(rows: tuple[Row, ...], struktur: str = "pemda") -> list[int]:
    items = rows_of([Table("t", "", "anggaran", rows, struktur=struktur)], _no_finding)
    return [p for p, fails in enumerate(_flags("parent_present", items)) if fails]


def out_of_range(rows: tuple[Row, ...], columns: list[str], low: float | None,
                 high: float | None) -> list[tuple[int, str]]:
    """(row position, column) of every figure out of range, as the `figures` items are judged."""
    table = Table("t", "", "anggaran", rows)
    items = figures_of([table], sorted(columns), _no_finding)
    flags = _flags("between", items, {"column": "value", "min": low, "max": high})
    position = {id(row): p for p, row in enumerate(rows)}
    failing = [entry for entry, fails in zip(items.entries, flags, strict=True) if fails]
    return sorted((position[id(entry[1])], entry[2]) for entry in failing)


def _no_finding(_entry: object, _status: str) -> Finding:
    raise AssertionError("not asked for")


def _pandera_positions(table: Table) -> tuple[list[int], list[int]]:
    frame = schemas.table_frame(table)
    unique = [p for p, _ in schemas.failing_rows(frame, schemas.unique_kode_schema())]
    orphans = [p for p, _ in schemas.failing_rows(frame, schemas.parent_exists_schema())]
    return unique, orphans


def _pandera_ranges(rows: tuple[Row, ...], columns: list[str], low: float | None,
                    high: float | None) -> list[tuple[int, str | None]]:
    frame = schemas.table_frame(Table("", "", "anggaran", ()), columns, rows)
    return schemas.failing_rows(frame, schemas.in_range_schema(columns, low, high))


def _assert_same(table: Table) -> None:
    unique, orphans = _pandera_positions(table)
    assert duplicate_positions(table.rows) == unique, table.id
    assert orphan_positions(table.rows, table.struktur) == orphans, table.id
    rows = (*table.rows, table.total) if table.total else table.rows
    for wanted, low, high in RANGES:
        columns = [c for c in wanted if any(c in r.cells for r in rows)]
        if columns:
            expected = _pandera_ranges(rows, columns, low, high)
            assert out_of_range(rows, columns, low, high) == expected, table.id


def _case_reports() -> list[Report]:
    reports = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            try:
                reports.append(build_report(parse_yaml_tree(case["report"], "case.yaml"), "case.yaml"))
            except InputError:
                continue  # cases of unreadable input have no tables to check
    return reports


def test_seed_tables() -> None:
    for table in load_report(SEED_REPORT).tabel:
        _assert_same(table)


def test_every_fixture_case() -> None:
    reports = _case_reports()
    assert len(reports) > 200
    failing = 0
    for report in reports:
        for table in report.tabel:
            _assert_same(table)
            failing += bool(duplicate_positions(table.rows) or orphan_positions(table.rows))
    assert failing >= 5  # the DAT002 and DAT003 cases do fail rows


def test_generated_corpus_with_defects(tmp_path: Path) -> None:
    generate_corpus(GenerateOptions(reports=20, seed=7, output=tmp_path, defects=1.0))
    for path in find_reports([tmp_path]):
        for table in load_report(path).tabel:
            _assert_same(table)


KODES = ["1.06", "1.06.04", "1.06.05", "1.06.04.2.01", "1.06.04.2.02", "1.06.05.2.01",
         "1.06.04.2.01.0001", "1.06.04.2.01.0002", "1.06.04.2.02.0001", "1.06.05.2.01.0001", "IKU-1"]
VALUES = st.one_of(
    st.none(),
    st.decimals(min_value=-2000, max_value=2000, places=2, allow_nan=False),
    st.sampled_from([Decimal("1E+400"), Decimal("-1E+400"), Decimal("0"), Decimal("-0.00"),
                     Decimal("1000"), Decimal("1000.0000001")]),
)


def _row(kode: str, anggaran: Decimal | None, capaian: Decimal | None) -> Row:
    cells = {}
    if anggaran is not None:
        cells["anggaran"] = Figure(str(anggaran), anggaran)
    if capaian is not None:
        cells["capaian"] = Figure(str(capaian), capaian, percent=True)
    return Row(kode, budget_level(kode) or "tidak_dikenal", None, cells)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KODES), VALUES, VALUES), max_size=12))
def test_random_tables(rows: list[tuple[str, Decimal | None, Decimal | None]]) -> None:
    table = Table("t", "Tabel", "anggaran", tuple(_row(*row) for row in rows))
    _assert_same(table)
