"""`lkjip check book.xlsx --annotate out.xlsx`: the findings written back into a copy."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.workbooks import ANGGARAN, address, needs_soffice, planner_workbook, put
from validator.cli import main
from validator.read.sheets import FINDINGS_SHEET
from validator.write.annotate import SEVERITY_FILLS


def _wrong_total(workbook: Any) -> None:
    first = address(workbook, ANGGARAN, "1.06.04.2.01", "anggaran")
    last = address(workbook, ANGGARAN, "1.06.04.2.02", "anggaran")
    put(workbook, ANGGARAN, "JUMLAH", "anggaran", f"=SUM({first}:{last})+1000000")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return planner_workbook(tmp_path, _wrong_total)


def test_findings_are_written_on_their_cells(book: Path, tmp_path: Path) -> None:
    before = _digest(book)
    out = tmp_path / "out.xlsx"
    assert main(["check", str(book), "--annotate", str(out)]) == 1
    assert _digest(book) == before  # the input is never written
    workbook = openpyxl.load_workbook(out)
    cell = workbook[ANGGARAN]["D10"]
    assert cell.comment is not None and "SUM003" in cell.comment.text
    assert "Rp 1.501.000.000" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith(SEVERITY_FILLS["error"])
    assert cell.value == "=SUM(D8:D9)+1000000"  # the planner's formula is kept
    assert cell.comment.text.endswith("Rumus sel: =SUM(D8:D9)+1000000")
    findings = workbook[FINDINGS_SHEET]
    assert workbook.sheetnames[0] == FINDINGS_SHEET
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "SUM003" and rows[0][-1] == f"{ANGGARAN}!D10"
    link = findings.cell(2, findings.max_column).hyperlink
    assert link is not None and link.location == f"'{ANGGARAN}'!D10"


def test_annotated_copy_reads_back_with_the_same_findings(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out.xlsx"
    main(["check", str(book), "--annotate", str(out), "--format", "json"])
    first = capsys.readouterr().out.replace(str(book), "X")
    # Checking the copy skips its findings sheet and gives the same findings; annotating
    # the copy again replaces the earlier annotated copy.
    again = tmp_path / "again.xlsx"
    main(["check", str(out), "--annotate", str(again), "--format", "json"])
    second = capsys.readouterr().out.replace(str(out), "X")
    assert first == second
    assert main(["check", str(book), "--annotate", str(out)]) == 1


def test_clean_workbook_gets_an_empty_findings_sheet(tmp_path: Path) -> None:
    book = planner_workbook(tmp_path)
    out = tmp_path / "out.xlsx"
    assert main(["check", str(book), "--annotate", str(out)]) == 0
    assert openpyxl.load_workbook(out)[FINDINGS_SHEET].max_row == 1


def test_english_annotation(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    main(["check", str(book), "--annotate", str(out), "--lang", "en"])
    workbook = openpyxl.load_workbook(out)
    comment = workbook[ANGGARAN]["D10"].comment
    assert comment is not None and comment.text.startswith("[error] SUM003: The anggaran total")
    assert workbook[FINDINGS_SHEET]["B1"].value == "Severity"


@pytest.mark.parametrize("target", ["same", "link", "hard_link"])
def test_annotate_never_writes_the_input(
    target: str, book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    before = _digest(book)
    out = {"same": book, "link": tmp_path / "link.xlsx", "hard_link": tmp_path / "hard.xlsx"}[target]
    if target == "link":
        out.symlink_to(book)
    elif target == "hard_link":
        os.link(book, out)
    assert main(["check", str(book), "--annotate", str(out)]) == 2
    assert _digest(book) == before
    assert "book.xlsx" in capsys.readouterr().err


def test_annotate_refuses_another_existing_file(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    other = tmp_path / "other.xlsx"
    other.write_bytes(b"the planner's other workbook")
    assert main(["check", str(book), "--annotate", str(other)]) == 2
    assert other.read_bytes() == b"the planner's other workbook"
    assert main(["check", str(book), "--annotate", str(tmp_path / "out.yaml")]) == 2
    assert not (tmp_path / "out.yaml").exists()
    capsys.readouterr()


def test_annotated_copy_opens_in_libreoffice(book: Path, tmp_path: Path) -> None:
    # openpyxl reading its own output proves little: LibreOffice must open the copy
    # (comments, fills, the hyperlinked findings sheet) and render it.
    binary = needs_soffice()
    out = tmp_path / "out.xlsx"
    main(["check", str(book), "--annotate", str(out)])
    subprocess.run(
        [binary, "--headless", "--norestore",
         f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "pdf" / "out.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
