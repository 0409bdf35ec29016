"""XLSX and CSV formats: lossless round trips, cited places, and refused inputs."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from validator import limits
from validator.cli import main
from validator.errors import InputError
from validator.load import load_report
from validator.model import Figure, Report
from validator.write.csv_writer import sheet_csv, write_csv
from validator.write.xlsx_writer import write_xlsx
from validator.write.yaml_writer import write_yaml

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures/pamekasan-dinsos-2023/report.yaml"

MINIMAL_REPORT = """\
format: lkjip/1
identitas:
  instansi: "Dinas Sosial Kabupaten Contoh"
  pemda: "Kabupaten Contoh"
  tahun: 2023
  tanggal: 2024-02-29
  urusan: "1.06"
versi:
  - id: pk_awal
    jenis: pk_awal
    urutan: 0
    dilampirkan: true
  - id: dpa_p
    jenis: dpa_perubahan
    tanggal: 2023-12-05
    final: true
    catatan: "Perubahan, 5 Desember"
sasaran:
  - kode: T1
    jenis: tujuan
    uraian: "Meningkatnya kesejahteraan PPKS"
    indikator:
      - kode: T1.I1
        uraian: "Persentase penurunan PPKS"
  - kode: S1
    uraian: "Meningkatnya pelayanan sosial"
    program: ["1.06.04", "1.06.05"]
    indikator:
      - kode: S1.I1
        uraian: "Persentase PPKS yang tertangani"
        satuan: "%"
        arah: turun
        rumus_realisasi: "pembilang / penyebut * 100"
akip:
  nilai: "80,15"
  predikat: "A"
  interpretasi: "Memuaskan"
  target: "A (81,50)"
  pita_dicetak:
    - {bawah: 90, atas: 100, predikat: "AA", interpretasi: "Sangat Memuaskan"}
    - {bawah: "80,5", atas: 90, predikat: "A"}
  riwayat:
    - {tahun: 2022, nilai: "80,90"}
    - {tahun: 2023, nilai: "80,15"}
tabel:
  - id: tabel_3_7
    label: "Tabel 3.7 Capaian Anggaran Program dan Kegiatan"
    jenis: anggaran
    versi: dpa_p
    sumber: "DPA Perubahan 2023"
    baris:
      - "no": "1"
        kode: "1.06.04"
        uraian: "Program Rehabilitasi Sosial"
        anggaran: "3.637.682.131,00"
        realisasi: "3.436.523.100,00"
        capaian_anggaran: "94,47%"
        keterangan: "=SUM(A1:A2)"
      - kode: "1.06.04.2.01"
        uraian: "+Kegiatan @rumah"
        anggaran: "-"
        realisasi: "25.000.00"
        catatan: "-5,74% dicetak"
    jumlah:
      kode: "1.06"
      uraian: "Jumlah"
      anggaran: "3.637.682.131,00"
  - id: tabel_3_8_pengukuran_kinerja_sasaran_strategis
    label: "Tabel 3.8 Pengukuran Kinerja"
    jenis: kinerja
    angka: en
    baris:
      - kode: S1.I1
        satuan: "%"
        target: "55"
        target_2022: "50"
        realisasi: "1,234.5"
        capaian: "-5.74%"
        pembilang: 12
        penyebut: 1.5
        catatan: "'=already quoted"
      - kode: S1
        uraian: "@sasaran"
    jumlah:
      uraian: "Jumlah"
      realisasi: "2,000.00"
pernyataan:
  - bagian: "BAB III A"
    kutipan: "-rata-rata capaian 94,47%"
    rata_rata_capaian: "94,47%"
    predikat_akip: "A"
"""


def write_minimal_report(folder: Path, text: str = MINIMAL_REPORT) -> Path:
    """A small valid report with every section and two tables with a jumlah row."""
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def same(a: Report, b: Report) -> bool:
    """Equal models: locations are not compared, and the source path differs by design."""
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


def problem_keys(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.key for p in exc.value.problems]


def assert_cli_refuses(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lkjip convert` of a refused input: exit 2, a message, never a traceback."""
    code = main(["convert", str(path), str(path.parent / "out.yaml")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip()
    assert "Traceback" not in captured.out + captured.err


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    return write_minimal_report(tmp_path)


# -- round trips ------------------------------------------------------------------------------


def test_yaml_xlsx_yaml_round_trip(report_path: Path, tmp_path: Path) -> None:
    original = load_report(report_path)
    write_xlsx(original, tmp_path / "r.xlsx")
    from_xlsx = load_report(tmp_path / "r.xlsx")
    write_yaml(from_xlsx, tmp_path / "back.yaml")
    back = load_report(tmp_path / "back.yaml")
    assert same(original, from_xlsx)
    assert same(original, back)


def test_yaml_csv_yaml_round_trip(report_path: Path, tmp_path: Path) -> None:
    original = load_report(report_path)
    write_csv(original, tmp_path / "csv")
    from_csv = load_report(tmp_path / "csv")
    write_yaml(from_csv, tmp_path / "back.yaml")
    back = load_report(tmp_path / "back.yaml")
    assert same(original, from_csv)
    assert same(original, back)


def test_yaml_writer_is_stable(report_path: Path, tmp_path: Path) -> None:
    write_yaml(load_report(report_path), tmp_path / "a.yaml")
    write_yaml(load_report(tmp_path / "a.yaml"), tmp_path / "b.yaml")
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'anggaran: "3.637.682.131,00"' in text  # figures stay quoted as printed


def test_fixture_round_trips(tmp_path: Path) -> None:
    original = load_report(FIXTURE)
    write_xlsx(original, tmp_path / "r.xlsx")
    write_csv(original, tmp_path / "csv")
    write_yaml(original, tmp_path / "r.yaml")
    for converted in (tmp_path / "r.xlsx", tmp_path / "csv", tmp_path / "r.yaml"):
        assert same(original, load_report(converted)), converted


def test_long_table_id_gets_a_valid_sheet_name(report_path: Path, tmp_path: Path) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    names = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True).sheetnames
    assert all(len(name) <= 31 for name in names)
    assert "tabel_3_8_pengukuran_kinerja_sa" in names


def test_typed_cells_read_like_yaml_scalars(report_path: Path, tmp_path: Path) -> None:
    original = load_report(report_path)
    write_xlsx(original, tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    identitas, table = workbook["identitas"], workbook["tabel_3_7"]
    identitas[_find(identitas, "2023")] = 2023
    identitas[_find(identitas, "2024-02-29")] = datetime(2024, 2, 29)
    table[_find(table, "3.637.682.131,00")] = 3637682131.0
    workbook.save(tmp_path / "r.xlsx")
    typed = load_report(tmp_path / "r.xlsx")
    figure = typed.tabel[0].rows[0].figure("anggaran")
    assert figure is not None and figure.raw == "3637682131" and figure.value == 3637682131
    assert typed.identitas == original.identitas


# -- places ---------------------------------------------------------------------------------


def test_xlsx_figure_is_cited_by_sheet_and_cell(report_path: Path, tmp_path: Path) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    figure = load_report(tmp_path / "r.xlsx").tabel[0].rows[0].figure("anggaran")
    assert figure is not None
    where = figure.location
    assert where.sheet == "tabel_3_7" and where.cell is not None
    assert f"tabel_3_7!{where.cell}" in str(where)
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["tabel_3_7"]
    assert sheet[where.cell].value == "3.637.682.131,00"


def test_csv_figure_is_cited_by_file_and_line(report_path: Path, tmp_path: Path) -> None:
    write_csv(load_report(report_path), tmp_path / "csv")
    figure = load_report(tmp_path / "csv").tabel[0].rows[0].figure("anggaran")
    assert figure is not None
    where = figure.location
    assert where.file == str(tmp_path / "csv" / "tabel_3_7.csv")
    assert where.line is not None and where.column is not None
    lines = (tmp_path / "csv" / "tabel_3_7.csv").read_text(encoding="utf-8").splitlines()
    cells = next(csv.reader([lines[where.line - 1]]))
    assert cells[where.column - 1] == "3.637.682.131,00"
    assert str(where) == f"{where.file}:{where.line}:{where.column}"


def test_indicator_rows_nest_under_their_sasaran(report_path: Path, tmp_path: Path) -> None:
    write_csv(load_report(report_path), tmp_path / "csv")
    report = load_report(tmp_path / "csv")
    assert [t.kode for t in report.sasaran] == ["T1", "S1"]
    assert [i.kode for i in report.sasaran[1].indikator] == ["S1.I1"]
    assert report.sasaran[1].program == ("1.06.04", "1.06.05")


# -- formula-like text ----------------------------------------------------------------------


def test_formula_text_stays_a_string_in_xlsx(report_path: Path, tmp_path: Path) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cell = workbook["tabel_3_7"][_find(workbook["tabel_3_7"], "=SUM(A1:A2)")]
    assert cell.data_type == "s"
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    row = load_report(tmp_path / "r.xlsx").tabel[0].rows[0]
    assert row.text("keterangan") == "=SUM(A1:A2)"


def test_formula_text_round_trips_through_csv(report_path: Path, tmp_path: Path) -> None:
    original = load_report(report_path)
    write_csv(original, tmp_path / "csv")
    text = (tmp_path / "csv" / "tabel_3_7.csv").read_text(encoding="utf-8")
    assert "'=SUM(A1:A2)" in text and "'+Kegiatan @rumah" in text
    kinerja = (tmp_path / "csv" / "tabel_3_8_pengukuran_kinerja_sa.csv").read_text(encoding="utf-8")
    assert "''=already quoted" in kinerja
    back = load_report(tmp_path / "csv")
    assert back.tabel[0].rows[0].text("keterangan") == "=SUM(A1:A2)"
    assert back.tabel[0].rows[1].uraian == "+Kegiatan @rumah"
    assert back.tabel[1].rows[0].text("catatan") == "'=already quoted"
    assert same(original, back)


def test_number_typed_figure_keeps_its_value(tmp_path: Path) -> None:
    # As a YAML number 1.234 is 1.234; as text in an `id` table it would be 1234.
    text = MINIMAL_REPORT.replace('realisasi: "3.436.523.100,00"', "realisasi: 1.234")
    original = load_report(write_minimal_report(tmp_path, text))
    write_xlsx(original, tmp_path / "r.xlsx")
    write_yaml(original, tmp_path / "r2.yaml")
    assert same(original, load_report(tmp_path / "r.xlsx"))
    assert same(original, load_report(tmp_path / "r2.yaml"))
    with pytest.raises(InputError) as exc:
        write_csv(original, tmp_path / "csv")
    assert problem_keys(exc) == ["figure_needs_number"]
    assert not (tmp_path / "csv").exists()


# -- refused inputs ---------------------------------------------------------------------------


def _csv_folder(report_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    write_csv(load_report(report_path), folder)
    return folder


def test_missing_sheet_is_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    del workbook["tabel_3_7"]
    workbook.save(tmp_path / "r.xlsx")
    with pytest.raises(InputError) as exc:
        load_report(tmp_path / "r.xlsx")
    assert problem_keys(exc) == ["sheet_missing"]
    assert "tabel_3_7" in exc.value.describe("en")
    assert exc.value.problems[0].location.sheet == "daftar_tabel"
    assert_cli_refuses(tmp_path / "r.xlsx", capsys)


def test_missing_csv_file_is_refused(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    (folder / "tabel_3_7.csv").unlink()
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert problem_keys(exc) == ["sheet_missing"]


def test_misnamed_column_suggests_the_known_one(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    header = _find(workbook["tabel_3_7"], "uraian")
    workbook["tabel_3_7"][header] = "uraain"
    workbook.save(tmp_path / "r.xlsx")
    with pytest.raises(InputError) as exc:
        load_report(tmp_path / "r.xlsx")
    assert problem_keys(exc) == ["unknown_column"]
    problem = exc.value.problems[0]
    assert problem.location.sheet == "tabel_3_7" and problem.location.cell == header
    assert "did you mean 'uraian'" in problem.describe("en")
    assert "maksud Anda 'uraian'" in problem.describe("id")
    assert_cli_refuses(tmp_path / "r.xlsx", capsys)


def test_misnamed_csv_column_is_cited_by_line(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / "versi.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("urutan", "urutn", 1), "utf-8")
    with pytest.raises(InputError) as exc:
        load_report(folder)
    problem = exc.value.problems[0]
    assert problem.key == "unknown_column" and problem.params["suggestion"] == "urutan"
    assert problem.location.file == str(path) and problem.location.line == 1


def test_missing_column_is_refused(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / "daftar_tabel.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("id,lembar", "kode,lembar"), "utf-8")
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert "column_missing" in problem_keys(exc)


def test_unknown_sheet_is_refused(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    (folder / "tabel_9_9.csv").write_text("kunci,nilai\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert problem_keys(exc) == ["unknown_sheet"]


def test_unknown_key_in_a_row_is_reported_by_the_builder(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / "identitas.csv"
    path.write_text(path.read_text(encoding="utf-8") + "instnsi,x\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_report(folder)
    problem = exc.value.problems[0]
    assert problem.key == "unknown_key" and problem.params["suggestion"] == "instansi"
    assert problem.location.file == str(path)


def test_random_bytes_are_not_an_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(InputError) as exc:
        load_report(path)
    assert problem_keys(exc) == ["file_unreadable"]
    assert_cli_refuses(path, capsys)


def test_zip_without_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError) as exc:
        load_report(path)
    assert problem_keys(exc) == ["file_unreadable"]


def test_highly_compressed_member_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(InputError) as exc:
        load_report(path)
    assert problem_keys(exc) == ["xlsx_unsafe"]
    assert_cli_refuses(path, capsys)


def test_oversized_uncompressed_total_is_refused(
    report_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_XLSX_BYTES", 10_000)
    with pytest.raises(InputError) as exc:
        load_report(tmp_path / "r.xlsx")
    assert problem_keys(exc) == ["xlsx_unsafe"]


@pytest.mark.parametrize("declaration", [
    b'<!DOCTYPE lol [<!ENTITY a "aaaaaaaa">]>',
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd">',
])
def test_xml_entity_declarations_are_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], declaration: bytes
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(tmp_path / "r.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b"?>" + declaration + rest
            target.writestr(info, data)
    with pytest.raises(InputError) as exc:
        load_report(path)
    assert problem_keys(exc) == ["xlsx_unsafe"]
    assert_cli_refuses(path, capsys)


def test_non_utf8_csv_is_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / "identitas.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Contoh", "Contóh").encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert problem_keys(exc) == ["not_utf8"]
    assert_cli_refuses(folder, capsys)


def test_csv_with_bom_is_accepted(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / "identitas.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert same(load_report(report_path), load_report(folder))


def test_too_many_columns_is_refused(report_path: Path, tmp_path: Path) -> None:
    folder = _csv_folder(report_path, tmp_path)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["kode", *(f"c{i}" for i in range(limits.MAX_COLUMNS + 1))])
    (folder / "versi.csv").write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert problem_keys(exc) == ["too_many_columns"]


def test_too_many_rows_is_refused(
    report_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    folder = _csv_folder(report_path, tmp_path)
    monkeypatch.setattr(limits, "MAX_ROWS", -95)  # five rows per sheet
    for path in (tmp_path / "r.xlsx", folder):
        with pytest.raises(InputError) as exc:
            load_report(path)
        assert problem_keys(exc) == ["too_many_rows"]


def _find(sheet: object, value: str) -> str:
    """The address of the first cell holding value."""
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.value == value:
                return str(cell.coordinate)
    raise AssertionError(f"{value!r} not found")


# -- lossless CSV and XLSX (issue 13, item 7) ---------------------------------------------------

CORPUS_BASE = Path(__file__).resolve().parent / "corpus/base/report.yaml"
# Texts pasted from PDFs and spreadsheets: line ends of every kind, tabs, formula starts,
# quotes and both delimiters.
TRICKY_TEXTS = [
    "Penyediaan\r=1+1 Permakanan", "akhir\r", "\r=awal", "baris\nbaru", "baris\r\nbaru",
    "a\tb", "=1+1", "+62 812", "-5,74%", "@SUM(A1)", 'kata "dikutip"', "a;b,c", "x\n\n",
]


def _report_with_texts(folder: Path, texts: list[str]) -> Path:
    """The minimal report plus a table and statements holding each text in several places."""
    rows = "".join(
        f'      - {{kode: "9.{i}", uraian: {json.dumps(t)}, keterangan: {json.dumps(t)}}}\n'
        for i, t in enumerate(texts, start=1)
    )
    table = (f'  - id: tabel_teks\n    label: "Teks"\n    jenis: anggaran\n'
             f"    sumber: {json.dumps(texts[0])}\n    baris:\n{rows}")
    statements = "".join(
        f'  - {{bagian: "BAB T{i}", kutipan: {json.dumps(t)}}}\n' for i, t in enumerate(texts)
    )
    text = MINIMAL_REPORT.replace("pernyataan:\n", table + "pernyataan:\n") + statements
    return write_minimal_report(folder, text)


def test_csv_quotes_every_field_that_would_split_a_row() -> None:
    # Python < 3.11.9 quotes only the characters of the line terminator: a bare CR in an
    # unquoted field ended the row on reading.
    data = sheet_csv([["a\rb", "c\nd", 'e"f', "g,h", "i;j", "k\tl"]])
    assert data == b'"a\rb","c\nd","e""f","g,h",i;j,k\tl\r\n'


def test_any_text_round_trips_yaml_csv_yaml(tmp_path: Path) -> None:
    original = load_report(_report_with_texts(tmp_path, TRICKY_TEXTS))
    table = original.tabel[-1]
    assert [row.uraian for row in table.rows] == TRICKY_TEXTS  # the texts arrived as written
    write_csv(original, tmp_path / "csv")
    cells = [
        cell for path in sorted((tmp_path / "csv").glob("*.csv"))
        for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""))
        for cell in row
    ]
    # Read as a spreadsheet reads it, no cell starts a formula (`=1+1` after a CR did).
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    from_csv = load_report(tmp_path / "csv")
    write_yaml(original, tmp_path / "a.yaml")
    write_yaml(from_csv, tmp_path / "b.yaml")
    assert same(original, from_csv)
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()


def test_cr_in_a_quotation_gives_no_false_finding_after_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CORPUS_BASE.read_text(encoding="utf-8").replace(
        '  - bagian: "BAB III A"\n',
        '  - bagian: "BAB III A"\n    kutipan: "Rata-rata capaian\\r=1+1 sasaran"\n',
    )
    report = tmp_path / "report.yaml"
    report.write_text(text, encoding="utf-8")
    assert main(["check", str(report), "--lang", "en"]) == 0
    assert main(["convert", str(report), str(tmp_path / "csv"), "--to", "csv"]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "csv"), "--lang", "en"]) == 0, capsys.readouterr().out


def _rewrite_csv(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    edit(rows)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


@pytest.mark.parametrize(("name", "line", "fields", "expected"), [
    ("tabel_3_7", 10, 3, 8),  # a table row without its last five fields
    ("identitas", 7, 1, 2),   # a key without the field for its value (urusan)
])
def test_csv_row_with_too_few_fields_is_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    name: str, line: int, fields: int, expected: int,
) -> None:
    folder = _csv_folder(report_path, tmp_path)
    path = folder / f"{name}.csv"

    def cut(rows: list[list[str]]) -> None:
        assert len(rows[line - 1]) == expected
        rows[line - 1] = rows[line - 1][:fields]

    _rewrite_csv(path, cut)
    with pytest.raises(InputError) as exc:
        load_report(folder)
    assert problem_keys(exc) == ["csv_short_row"]
    where = exc.value.problems[0].location
    assert (where.file, where.line, where.column) == (str(path), line, fields + 1)
    assert f"only {fields} fields but its header has {expected}" in exc.value.describe("en")
    assert f"hanya berisi {fields} kolom" in exc.value.describe("id")
    assert main(["check", str(folder), "--lang", "en"]) == 2
    assert f"{path}:{line}:{fields + 1}: this row has only" in capsys.readouterr().out


def _inject_into_sheet(source: Path, target: Path, sheet: str, after: str, text: str) -> None:
    """A copy of the workbook with text inserted into one sheet's XML after a marker."""
    member = f"xl/worksheets/sheet{openpyxl.load_workbook(source).sheetnames.index(sheet) + 1}.xml"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                head, marker, rest = data.decode("utf-8").partition(after)
                assert marker, f"{after!r} not in {member}"
                data = (head + marker + text + rest).encode("utf-8")
            new.writestr(info, data)


@pytest.mark.parametrize(("after", "text", "key", "cell"), [
    ("<t>3.637.682.131,00</t></is></c>", '<c r="D10" t="inlineStr"><is><t>9,00</t></is></c>',
     "xlsx_duplicate_cell", "D10"),
    ("<sheetData>", '<row r="0"><c r="C0" t="inlineStr"><is><t>x</t></is></c></row>',
     "xlsx_bad_row_number", None),
    ('<row r="10">', '<c r="A0" t="inlineStr"><is><t>7</t></is></c>', "xlsx_cell_outside_row",
     "A0"),
    ("</row>", '<row r="1"><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>',
     "xlsx_row_order", None),
    ('<row r="10">', '<c r="Q10" t="inlineStr"><is><t>x</t></is></c>', "xlsx_cell_order", "A10"),
], ids=["duplicate_cell", "row_zero", "cell_in_row_zero", "repeated_row", "cells_out_of_order"])
def test_xlsx_cells_openpyxl_would_drop_or_move_are_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    after: str, text: str, key: str, cell: str | None,
) -> None:
    write_xlsx(load_report(report_path), tmp_path / "r.xlsx")
    path = tmp_path / "bad.xlsx"
    _inject_into_sheet(tmp_path / "r.xlsx", path, "tabel_3_7", after, text)
    with pytest.raises(InputError) as exc:
        load_report(path)
    assert problem_keys(exc) == [key]
    where = exc.value.problems[0].location
    assert (where.sheet, where.cell) == ("tabel_3_7", cell)
    assert_cli_refuses(path, capsys)


@pytest.mark.parametrize(("text", "key"), [
    ("x" * 32_768, "xlsx_text_too_long"),
    ("Penyediaan\r\nPermakanan", "xlsx_carriage_return"),
    ("tab\x0bvertikal", "xlsx_illegal_text"),
], ids=["too_long", "carriage_return", "control_character"])
def test_xlsx_writer_refuses_text_a_cell_would_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str
) -> None:
    source = MINIMAL_REPORT.replace('"+Kegiatan @rumah"', json.dumps(text))
    report = write_minimal_report(tmp_path, source)
    with pytest.raises(InputError) as exc:
        write_xlsx(load_report(report), tmp_path / "r.xlsx")
    assert problem_keys(exc) == [key]
    line = source.splitlines().index('      - kode: "1.06.04.2.01"') + 1
    assert str(exc.value.problems[0].location) == f"{report}:{line}:9"  # the row in the report
    assert main(["convert", str(report), str(tmp_path / "r.xlsx"), "--lang", "en"]) == 2
    assert f"{report}:{line}:9: text " in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


def test_xlsx_writer_refuses_a_number_it_would_change(tmp_path: Path) -> None:
    # As a plain YAML number 12.500 has three decimals; an XLSX number cell keeps 12.5.
    source = MINIMAL_REPORT.replace('realisasi: "3.436.523.100,00"', "realisasi: 12.500")
    report = write_minimal_report(tmp_path, source)
    with pytest.raises(InputError) as exc:
        write_xlsx(load_report(report), tmp_path / "r.xlsx")
    assert problem_keys(exc) == ["xlsx_number_changes"]
    assert "keeps it as 12.5" in exc.value.describe("en")
    line = source.splitlines().index("        realisasi: 12.500") + 1
    assert str(exc.value.problems[0].location) == f"{report}:{line}:20"
    assert not (tmp_path / "r.xlsx").exists()


def test_scaled_amounts_round_trip(tmp_path: Path) -> None:
    # A table in millions and an amount printed in miliar keep their text, their rupiah
    # value and their scale through every format; "1.234" stays text (1.234 million).
    # A capaian "tidak diukur" stays not measured.
    text = MINIMAL_REPORT.replace('    sumber: "DPA Perubahan 2023"\n',
                                  '    sumber: "DPA Perubahan 2023"\n    skala: jutaan\n')
    text = text.replace('anggaran: "3.637.682.131,00"\n        realisasi: "3.436.523.100,00"',
                        'anggaran: "3.637,7"\n        realisasi: "1.234"')
    text = text.replace('    predikat_akip: "A"\n',
                        '    predikat_akip: "A"\n    total_anggaran: "Rp 3,6 M"\n')
    text = text.replace('capaian: "-5.74%"', 'capaian: "tidak diukur"')
    original = load_report(write_minimal_report(tmp_path, text))
    table = original.tabel[0]
    assert table.skala == "jutaan"
    realisasi = table.rows[0].figure("realisasi")
    assert realisasi is not None and (realisasi.value, realisasi.scale) == (1234000000, 6)
    total = original.pernyataan[0].values["total_anggaran"]
    assert isinstance(total, Figure) and (total.value, total.scale, total.decimals) == (3600000000, 9, 1)
    capaian = original.tabel[1].rows[0].figure("capaian")
    assert capaian is not None and capaian.not_measured
    write_xlsx(original, tmp_path / "r.xlsx")
    write_csv(original, tmp_path / "csv")
    write_yaml(original, tmp_path / "r.yaml")
    assert 'realisasi: "1.234"' in (tmp_path / "r.yaml").read_text(encoding="utf-8")
    for converted in (tmp_path / "r.xlsx", tmp_path / "csv", tmp_path / "r.yaml"):
        assert same(original, load_report(converted)), converted
