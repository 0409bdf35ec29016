"""`lkjip template --xlsx`: the planner's workbook, filled without the docs."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import SEED_REPORT
from tests.workbooks import columns, needs_soffice, rows_by_kode
from validator.cli import main
from validator.load import load_report
from validator.write.template_xlsx import STANDARD_TABLES


@pytest.fixture
def template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "templat.xlsx"
    assert main(["template", "--xlsx", str(path)]) == 0
    capsys.readouterr()
    return path


def _fill_identity(workbook: Any) -> None:
    for row in workbook["identitas"].iter_rows():
        if row[0].value == "instansi":
            row[1].value = "Dinas Sosial Kabupaten Contoh"
        if row[0].value == "pemda":
            row[1].value = "Kabupaten Contoh"


def test_instructions_first_then_every_standard_table(template: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames[0] == "petunjuk"
    for sheet, table_id, *_ in STANDARD_TABLES:
        assert sheet in workbook.sheetnames
        index = [[c.value for c in row] for row in workbook["daftar_tabel"].iter_rows()]
        assert [table_id, sheet] in index


def test_columns_are_named_as_printed_with_widths_frozen_header_and_grey_examples(
    template: Path,
) -> None:
    sheet = openpyxl.load_workbook(template)["Realisasi Anggaran"]
    header, names = columns(sheet)
    assert list(names) == ["No", "Kode", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)",
                           "Capaian Anggaran (%)"]
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.column_dimensions[names["Uraian"]].width >= 40
    example = sheet[f"A{header + 1}"]
    assert example.value == "contoh" and example.font.color.rgb.endswith("808080")
    capaian = sheet[f"{names['Capaian Anggaran (%)']}{header + 1}"]
    assert capaian.value == pytest.approx(0.9447) and capaian.number_format == "0.00%"
    renstra = openpyxl.load_workbook(template)["Renstra"]
    assert any(str(name).startswith("Target 20") for name in columns(renstra)[1])


def test_dropdowns_and_number_checks(template: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    lists = {sheet: [(v.formula1, v.errorStyle, str(v.sqref))
                     for v in workbook[sheet].data_validations.dataValidation]
             for sheet in ("sasaran", "akip", "versi", "Pengukuran Kinerja")}
    formulas = {sheet: [f for f, _, _ in rules] for sheet, rules in lists.items()}
    assert '"tujuan,sasaran,indikator"' in formulas["sasaran"]
    assert '"naik,turun"' in formulas["sasaran"]
    assert '"AA,A,BB,B,CC,C,D"' in formulas["akip"]
    assert any(f and f.startswith('"pk_awal,') for f in formulas["versi"])
    kinerja = lists["Pengukuran Kinerja"]
    assert any(f and "orang" in f and style == "warning" for f, style, _ in kinerja)  # satuan
    numbers = [v for v in workbook["Pengukuran Kinerja"].data_validations.dataValidation
               if v.type == "decimal"]
    assert numbers and all(v.errorStyle == "warning" for v in numbers)  # n/a stays possible


def test_filled_template_reads_without_its_examples(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    workbook = openpyxl.load_workbook(template)
    _fill_identity(workbook)
    sheet = workbook["Realisasi Anggaran"]
    header, names = columns(sheet)
    row = header + 3  # below the two examples, typed as a planner types
    for column, value in (("Kode", "1.06.04"), ("Uraian", "Program Rehabilitasi Sosial"),
                          ("Anggaran (Rp)", 2_000_000_000), ("Realisasi (Rp)", 1_900_000_000),
                          ("Capaian Anggaran (%)", 0.95)):
        sheet[f"{names[column]}{row}"] = value
    sheet[f"{names['Capaian Anggaran (%)']}{row}"].number_format = "0.00%"
    workbook.save(tmp_path / "isi.xlsx")
    report = load_report(tmp_path / "isi.xlsx")
    table = next(t for t in report.tabel if t.id == "tabel_3_7")
    assert [r.kode for r in table.rows] == ["1.06.04"]
    figure = table.rows[0].figure("capaian_anggaran")
    assert figure is not None and figure.raw == "95,00%"
    assert all(not t.rows for t in report.tabel if t.id != "tabel_3_7")  # examples unread


def test_example_typed_over_is_refused_with_its_place(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    workbook = openpyxl.load_workbook(template)
    _fill_identity(workbook)
    sheet = workbook["Realisasi Anggaran"]
    header, names = columns(sheet)
    sheet[f"{names['Anggaran (Rp)']}{header + 1}"] = 2_000_000_000
    workbook.save(tmp_path / "isi.xlsx")
    assert main(["check", str(tmp_path / "isi.xlsx"), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert f"[Realisasi Anggaran!A{header + 1}]" in said and "example row" in said


def test_template_from_a_report_is_prefilled_and_checks_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "isi.xlsx"
    assert main(["template", "--xlsx", str(path), "--from", str(SEED_REPORT)]) == 0
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "petunjuk"
    _, names = columns(workbook["tabel_3_7"])
    assert "Capaian Anggaran (%)" in names and "1.06.04" in rows_by_kode(workbook["tabel_3_7"])
    capsys.readouterr()
    main(["check", str(path), "--format", "json"])
    from_template = capsys.readouterr().out
    main(["check", str(SEED_REPORT), "--format", "json"])
    from_yaml = capsys.readouterr().out
    import json

    def codes(text: str) -> list[tuple[str, str | None, str | None]]:
        findings = json.loads(text)["reports"][0]["findings"]
        return sorted((f["code"], f["kode"], f["column"]) for f in findings)

    assert codes(from_template) == codes(from_yaml) and len(codes(from_yaml)) == 20


def test_from_needs_xlsx_and_never_overwrites_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["template", "--csv", str(tmp_path / "t"), "--from", str(SEED_REPORT)]) == 2
    book = tmp_path / "book.xlsx"
    assert main(["template", "--xlsx", str(book)]) == 0
    before = book.read_bytes()
    assert main(["template", "--xlsx", str(book), "--from", str(book), "--force"]) == 2
    assert book.read_bytes() == before
    capsys.readouterr()


def test_template_opens_in_libreoffice(template: Path, tmp_path: Path) -> None:
    binary = needs_soffice()
    subprocess.run(
        [binary, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(template)],
        check=True, capture_output=True, timeout=180,
    )
    assert (tmp_path / "pdf" / "templat.pdf").read_bytes().startswith(b"%PDF")
