"""The import measured against ground truth: generated reports rendered as DOCX and
PDF (validator/generate/render.py) in every layout, imported back, and compared figure
by figure with the data they were printed from. bench/import_bed.py measures more
reports; here a few, so that a regression fails the suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from validator.generate.corpus import generate_report
from validator.generate.render import LAYOUTS, docx_document, pdf_document, printed_tables
from validator.imports import import_document
from validator.imports.compare import Comparison, compare_figures

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _measure(tmp_path: Path, name: str, data: bytes, truth: dict[str, object]) -> Comparison:
    path = tmp_path / name
    path.write_bytes(data)
    imported = yaml.safe_load(import_document(path).yaml_text)
    return compare_figures(truth, imported, [t["id"] for t in printed_tables(truth)])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_figures_are_imported_exactly(tmp_path: Path, layout: str) -> None:
    total = Comparison()
    for index in range(2):
        truth, _ = generate_report(7, index)
        total.add(_measure(tmp_path, f"r{index}.docx", docx_document(truth, layout), truth))
    assert total.invented == 0, total.differences
    assert total.share >= 0.995, total.differences
    assert total.total > 1000


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium renders the PDFs (CI installs it)")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_figures_are_imported_exactly(tmp_path: Path, layout: str) -> None:
    truth, _ = generate_report(7, 0)
    result = _measure(tmp_path, "r.pdf", pdf_document(truth, layout, CHROMIUM or "chromium"), truth)
    assert result.invented == 0, result.differences
    assert result.share >= 0.995, result.differences
    assert result.total > 500


def test_docx_codes_come_from_the_nomenclature_without_a_code_column(tmp_path: Path) -> None:
    truth, _ = generate_report(7, 1)
    path = tmp_path / "r.docx"
    path.write_bytes(docx_document(truth, "tanpa_kode"))
    imported = {t["id"]: t for t in yaml.safe_load(import_document(path).yaml_text)["tabel"]}
    for table in truth["tabel"]:  # type: ignore[attr-defined]
        if table["id"] in ("tabel_2_5", "tabel_3_9"):
            assert [r["kode"] for r in imported[table["id"]]["baris"]] == [r["kode"] for r in table["baris"]]


def test_scanned_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    from validator.cli import main

    scan = tmp_path / "pindaian.pdf"
    Image.new("RGB", (620, 877), "white").save(scan, "PDF")
    assert main(["import", str(scan), "-o", str(tmp_path / "r.yaml"), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert "PDF without a text layer (scanned)" in out + err
    assert "Traceback" not in out + err
