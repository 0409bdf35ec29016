"""Excel habits of planners, each in a workbook made the way Excel and LibreOffice save it.

Every case gives exactly the findings it should and no false one: % cells holding
fractions, the displayed decimals as the printed precision, formulas saved with their
results (by LibreOffice) and without (by a script, openpyxl), one unrounded formula
result among rounded capaian, and formulas that cannot be computed. See
tests/workbooks.py for how the workbooks are made.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.workbooks import (
    ANGGARAN,
    KINERJA,
    address,
    planner_workbook,
    put,
    saved_by_libreoffice,
)
from validator.cli import main
from validator.load import load_report
from validator.read.formulas import FormulaFailure, evaluate
from validator.read.number_formats import shown

SAVED_BY = ["script", "libreoffice"]


def _book(tmp_path: Path, saved_by: str, *edits: Any) -> Path:
    path = planner_workbook(tmp_path, *edits)
    return saved_by_libreoffice(path, tmp_path / "lo") if saved_by == "libreoffice" else path


def _findings(path: Path, capsys: pytest.CaptureFixture[str],
              lang: str = "id") -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", str(path), "--format", "json", "--severity", "info", "--lang", lang])
    data = json.loads(capsys.readouterr().out)
    report = data["reports"][0]
    assert "error" not in report or not report["error"], report
    return code, [{"code": f["code"], "table": f["table"], "kode": f["kode"],
                   "column": f["column"], "stated": f["stated"],
                   "cell": f["location"].get("cell")} for f in report["findings"]]


# -- number formats ---------------------------------------------------------------------


@pytest.mark.parametrize("saved_by", SAVED_BY)
def test_excel_typed_workbook_has_no_false_findings(
    saved_by: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # Capaian as fractions in 0.00% cells, amounts in "Rp"#,##0 and #,##0 cells, totals
    # and capaian anggaran as formulas: every figure agrees, as in the YAML it came from.
    # Before cell formats were read, this gave 10 errors ("0.9467 should be 94,67").
    code, findings = _findings(_book(tmp_path, saved_by), capsys)
    assert (code, findings) == (0, [])


def test_percent_cell_reads_as_the_percentage_it_shows(tmp_path: Path) -> None:
    report = load_report(planner_workbook(tmp_path))
    row = next(r for r in report.tabel[0].rows if r.kode == "S1.I2")
    figure = row.figure("capaian")
    assert figure is not None
    assert (figure.raw, str(figure.value), figure.decimals, figure.percent) == (
        "94,67%", "94.67", 2, True)
    assert figure.own_precision
    amounts = next(r for r in report.tabel[1].rows if r.kode == "1.06.04.2.01")
    anggaran = amounts.figure("anggaran")
    assert anggaran is not None and anggaran.raw == "Rp 900.000.000"


@pytest.mark.parametrize(("stored", "number_format", "findings"), [
    # 1.417.000.000 / 1.500.000.000 = 94,4666...%. The stored float is not what is
    # judged: the cell shows 94,47 %, and 94,47 at two decimals is right.
    (0.944744, "0.00%", []),
    # shown 94,5 %: one decimal, and 94,4666 rounds to 94,5.
    (0.9446, "0.0%", []),
    # shown 94,40 %: wrong at the two decimals it shows.
    (0.944, "0.00%", ["94,40%"]),
])
def test_displayed_decimals_are_the_printed_precision(
    stored: float, number_format: str, findings: list[str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def capaian(workbook: Any) -> None:
        put(workbook, ANGGARAN, "1.06.04.2.01", "capaian_anggaran", stored, number_format)

    path = planner_workbook(tmp_path, capaian)
    _, found = _findings(path, capsys)
    assert [f["stated"] for f in found] == findings
    assert all(f["code"] == "FRM004" and f["kode"] == "1.06.04.2.01" for f in found)


@pytest.mark.parametrize(("value", "number_format", "text", "decimals"), [
    (0.9467, "0.00%", "94,67%", 2),
    (0.94666666, "0%", "95%", 0),
    (0.9425, "0.0%", "94,3%", 1),  # half away from zero, as Excel shows it
    (3637682131, "#,##0.00", "3.637.682.131,00", 2),
    (3637682131, '"Rp"#,##0', "Rp 3.637.682.131", 0),
    (3637682131, "[$Rp-421]#,##0.00;[Red]-[$Rp-421]#,##0.00", "Rp 3.637.682.131,00", 2),
    (-1234.5, "#,##0.00;(#,##0.00)", "-1.234,50", 2),
    (98.9, "0.##", "98,90", 2),
    (1234.5678, "0.00", "1234,57", 2),
])
def test_number_formats_show_what_excel_shows(
    value: float, number_format: str, text: str, decimals: int,
) -> None:
    display = shown(value, number_format)
    assert display is not None
    assert (display.text(), display.decimals) == (text, decimals)


@pytest.mark.parametrize("number_format", ["General", "@", "0.00E+00", "# ?/?", "#,##0,",
                                           '[>1000]#,##0;0.00', "dd/mm/yyyy", None])
def test_formats_not_interpreted_keep_the_stored_number(number_format: str | None) -> None:
    assert shown(1234.5, number_format) is None


@pytest.mark.parametrize("value", [1e300, -1e30, float("inf"), float("nan")])
def test_absurd_numbers_are_left_to_the_figure_reader(value: float) -> None:
    assert shown(value, "#,##0.00") is None


# -- formulas ---------------------------------------------------------------------------


def _wrong_total(workbook: Any) -> None:
    first = address(workbook, ANGGARAN, "1.06.04.2.01", "anggaran")
    last = address(workbook, ANGGARAN, "1.06.04.2.02", "anggaran")
    put(workbook, ANGGARAN, "JUMLAH", "anggaran", f"=SUM({first}:{last})+1000000")


@pytest.mark.parametrize("saved_by", SAVED_BY)
def test_wrong_total_in_a_formula_is_found_at_its_cell(
    saved_by: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # Saved by a script the =SUM has no result and is computed; saved by LibreOffice its
    # result is read. Either way the planted total is one error at its cell, never empty.
    code, findings = _findings(_book(tmp_path, saved_by, _wrong_total), capsys)
    assert code == 1
    assert findings == [{"code": "SUM003", "table": ANGGARAN, "kode": "JUMLAH",
                         "column": "anggaran", "stated": "Rp 1.501.000.000", "cell": "D10"}]


@pytest.mark.parametrize("saved_by", SAVED_BY)
def test_formula_is_noted_beside_its_value(saved_by: str, tmp_path: Path) -> None:
    report = load_report(_book(tmp_path, saved_by))
    total = report.tabel[1].total
    assert total is not None
    figure = total.figure("anggaran")
    assert figure is not None and figure.value == 1_500_000_000
    assert figure.formula == "=SUM(D8:D9)"


@pytest.mark.parametrize(("formula", "saved_by", "reason"), [
    ("=FOO(1)", "script", "FOO"),  # a function the evaluator does not know
    ("=[1]Sheet1!A1", "script", "[1]SHEET1!A1"),  # a link to another workbook
    ("=1/0", "libreoffice", "#DIV/0!"),  # an Excel error saved as the result
    ("=1/0", "script", "#DIV/0!"),  # the same error, computed
])
def test_formula_without_a_value_is_a_finding_at_its_cell(
    formula: str, saved_by: str, reason: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def capaian(workbook: Any) -> None:
        put(workbook, KINERJA, "S1.I2", "capaian", formula)

    path = _book(tmp_path, saved_by, capaian)
    code, findings = _findings(path, capsys, lang="en")
    assert code == 1
    assert findings == [{"code": "DAT001", "table": KINERJA, "kode": "S1.I2",
                         "column": "capaian", "stated": formula, "cell": "G8"}]
    report = load_report(path)
    figure = next(r for r in report.tabel[0].rows if r.kode == "S1.I2").figure("capaian")
    assert figure is not None and figure.value is None and reason in (figure.error or "")


def test_formulas_that_could_exhaust_memory_are_refused() -> None:
    # REPT builds 10 GB from one short formula; text doubled cell after cell grows past
    # any limit within 40 cells. Neither is computed: each is a failure with its reason.
    def text(sheet: str, row: int, column: int) -> str:
        return "x" * 20_000

    sheets = {"S": "S"}
    assert evaluate('=REPT("x",1E10)', "S", sheets, text) == FormulaFailure(
        "formula_unsupported", "REPT")
    assert evaluate("=A1&A1", "S", sheets, text) == FormulaFailure(
        "formula_unsupported", "text longer than 32767")
    assert evaluate('=IF(A1="REPT(",1,2)', "S", sheets, text) == 2  # a name inside a text


def test_too_many_formulas_without_results_are_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import validator.read.xlsx_reader as reader

    monkeypatch.setattr(reader, "MAX_COMPUTED", 2)  # the script-saved book has 8 formulas
    report = load_report(planner_workbook(tmp_path))
    errors = [f.error for t in report.tabel for r in (*t.rows, *([t.total] if t.total else []))
              for f in r.cells.values() if getattr(f, "error", None)]
    assert errors and all("save the workbook" not in e and "simpan buku kerja" in e for e in errors)


def test_text_beginning_with_equals_is_never_run_as_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # A text cell "=1+1" (lkjip writes formula-like text so) referenced by a formula is
    # text: the formula gives #VALUE!, a finding, never 2.
    def referenced(workbook: Any) -> None:
        text = workbook[KINERJA][address(workbook, KINERJA, "S1.I4", "uraian")]
        text.value, text.data_type = "=1+1", "s"
        put(workbook, KINERJA, "S1.I2", "capaian", f"={text.coordinate}*1")

    report = load_report(planner_workbook(tmp_path, referenced))
    figure = next(r for r in report.tabel[0].rows if r.kode == "S1.I2").figure("capaian")
    assert figure is not None and figure.value is None and "#VALUE!" in (figure.error or "")


def test_circular_formula_is_a_finding_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    def circular(workbook: Any) -> None:
        own = address(workbook, KINERJA, "S1.I2", "capaian")
        other = address(workbook, KINERJA, "S1.I3", "capaian")
        put(workbook, KINERJA, "S1.I2", "capaian", f"={other}")
        put(workbook, KINERJA, "S1.I3", "capaian", f"={own}")

    code, findings = _findings(planner_workbook(tmp_path, circular), capsys)
    assert code == 1
    assert [(f["code"], f["kode"], f["cell"]) for f in findings] == [
        ("DAT001", "S1.I2", "G8"), ("DAT001", "S1.I3", "G9")]


# -- one unrounded result among rounded ones ---------------------------------------------


def _points_with_one_formula(plus: str = "") -> Any:
    """Capaian anggaran typed in percentage points, rounded (General cells, as typed from
    a printed table), except the program row: =realisasi/anggaran*100 left unrounded
    (94,4666666666667). Amounts are exact, so precision decides every verdict here."""

    def change(workbook: Any) -> None:
        for kode in ("1.06.04.2.01", "1.06.04.2.02", "JUMLAH"):
            put(workbook, ANGGARAN, kode, "capaian_anggaran", 94.47, "General")
        anggaran = address(workbook, ANGGARAN, "1.06.04", "anggaran")
        realisasi = address(workbook, ANGGARAN, "1.06.04", "realisasi")
        put(workbook, ANGGARAN, "1.06.04", "capaian_anggaran",
            f"={realisasi}/{anggaran}*100{plus}", "General")

    return change


@pytest.mark.parametrize("saved_by", SAVED_BY)
def test_one_unrounded_result_does_not_fail_its_column(
    saved_by: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    # Before precision was per cell, the 13 decimals of 94,4666666666667 became the
    # column's precision and every correctly rounded 94,47 beside it was an error. The
    # unrounded cell itself is the exact result of its formula: it is right, no finding.
    code, findings = _findings(_book(tmp_path, saved_by, _points_with_one_formula()), capsys)
    assert (code, findings) == (0, [])


def test_unrounded_result_that_is_wrong_is_the_only_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = _book(tmp_path, "libreoffice", _points_with_one_formula("+1"))
    code, findings = _findings(path, capsys)
    assert code == 1
    assert [(f["code"], f["kode"], f["cell"]) for f in findings] == [("FRM004", "1.06.04", "F7")]
    assert findings[0]["stated"] == "95.4666666666667"
