"""The reviu working papers (KKR) and notes (CHR): steps, what lkjip checked per step,
matters with their places and pages, and the three formats."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.test_reviu import HOSTILE, HOSTILE_NAME
from validator.cli import main
from validator.load import load_report
from validator.reviu.papers import build_papers, load_steps, step_of
from validator.ruleset import load_rules
from validator.runner import check_one

SEED = Path("fixtures/pamekasan-dinsos-2023/report.yaml")
STEM = "dinas-sosial-kabupaten-pamekasan-2023"
EMPTY = """\
format: lkjip/1
identitas: {instansi: Dinas Kosong, pemda: Kabupaten Contoh, tahun: 2023}
tabel: []
"""


def _reviu(*args: str | Path) -> int:
    return main(["reviu", *map(str, args), "--date", "2024-03-15"])


def _seed_papers(lang: str = "id", text: str | None = None, tmp: Path | None = None):  # type: ignore[no-untyped-def]
    path = ROOT / SEED
    if text is not None and tmp is not None:
        path = tmp / "report.yaml"
        path.write_text(text, encoding="utf-8")
    result = check_one(path)
    assert result.report is not None
    return build_papers(result.report, result.findings, result.coverage, {}, lang, date(2024, 3, 15),
                        load_steps())


def test_every_bundled_rule_belongs_to_exactly_one_step() -> None:
    steps = load_steps()
    for rule in load_rules():
        owners = [s.id for s in steps if step_of(rule.code, [s]) is not None]
        explicit = [s.id for s in steps if rule.code in s.rules]
        assert len(explicit) == 1 or (not explicit and len(owners) == 1), (rule.code, owners)
        assert step_of(rule.code, steps) is not None


def test_the_seed_papers_follow_the_steps_and_number_every_matter_once() -> None:
    papers = _seed_papers()
    assert [s.no for s in papers.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [m.no for m in papers.matters] == [1, 2, 3, 4, 5, 6, 7]
    assert sorted(n for s in papers.steps for n in s.matters) == [1, 2, 3, 4, 5, 6, 7]
    efficiency = papers.steps[4]
    assert efficiency.title == "Realisasi anggaran dan efisiensi" and efficiency.matters == (3, 4)
    assert efficiency.checked.startswith("16 aturan berlaku atas 1.576 butir (")
    assert "2 butir tidak dapat diverifikasi" in efficiency.checked
    assert efficiency.result == "2 temuan: CHR no. 3, 4; 4 catatan (informasi)"
    assert papers.steps[5].result == "Tidak ada temuan"
    assert papers.steps[6].checked == "Langkah ini tidak diperiksa lkjip." and papers.steps[6].result == ""
    first = papers.matters[0]
    assert first.rule.startswith("DAT001 (") and "titik pemisah ribuan" in first.recommendation
    assert first.place == ("Tabel 2.5 Program dan Kegiatan Dinas Sosial Tahun 2023; 1.06.01.2.07 Pengadaan "
                           "Barang Milik Daerah Penunjang Urusan Pemerintah Daerah; kolom anggaran")
    assert papers.matters[2].stated == "-98,99%" and papers.matters[2].expected == "-98,90%"


def test_a_report_with_nothing_to_check_gets_no_clean_step(tmp_path: Path) -> None:
    report = tmp_path / "kosong.yaml"
    report.write_text(EMPTY, encoding="utf-8")
    result = check_one(report)
    assert result.report is not None
    papers = build_papers(result.report, result.findings, result.coverage, {}, "id", date(2024, 3, 15),
                          load_steps())
    for step in papers.steps[1:6]:  # every step whose rules need tables
        assert step.checked.startswith("Tidak ada yang dapat diperiksa lkjip untuk langkah ini")
        assert "Tidak ada temuan" not in step.result


def test_the_place_of_a_matter_names_the_printed_page_when_the_data_gives_it(tmp_path: Path) -> None:
    text = (ROOT / SEED).read_text(encoding="utf-8")
    label = 'label: "Tabel 3.9 Perbandingan Pencapaian Kinerja dan Anggaran Program dan Kegiatan"'
    assert text.count(label) == 1
    indent = re.search(rf"\n( +){re.escape(label)}", text).group(1)  # type: ignore[union-attr]
    papers = _seed_papers(text=text.replace(label, f"{label}\n{indent}halaman: '47'"), tmp=tmp_path)
    assert papers.matters[2].place.startswith(
        "Tabel 3.9 Perbandingan Pencapaian Kinerja dan Anggaran Program dan Kegiatan (hal. 47); "
        "1.06.04.2.02 ")
    assert papers.matters[2].page == "47" and papers.steps[4].pages == "47"
    tables = load_report(tmp_path / "report.yaml").tabel
    assert [t.halaman for t in tables if t.halaman] == ["47"]


def test_reviu_writes_the_papers_in_every_format(tmp_path: Path) -> None:
    with contextlib.chdir(ROOT):
        assert _reviu(SEED, "-o", tmp_path, "--format", "md", "--papers", "html,docx,xlsx") == 1
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([f"{STEM}.reviu.md", *(f"{STEM}.{k}.{f}" for k in ("kkr", "chr")
                                                   for f in ("html", "docx", "xlsx"))])
    kkr = Document(str(tmp_path / f"{STEM}.kkr.docx"))
    [steps] = kkr.tables[:1]
    assert len(steps.rows) == 8 and steps.rows[0].cells[1].text == "Langkah reviu"
    assert steps.rows[5].cells[3].text == "2 temuan: CHR no. 3, 4; 4 catatan (informasi)"
    assert all(steps.rows[r].cells[5].text == "" for r in range(1, 8))  # the reviewer's conclusion: blank
    chr_doc = Document(str(tmp_path / f"{STEM}.chr.docx"))
    matters = chr_doc.tables[0]
    assert len(matters.rows) == 8 and matters.rows[0].cells[6].text == "Tanggapan instansi"
    assert matters.rows[3].cells[3].text == "-98,99%" and matters.rows[3].cells[6].text == ""
    book = load_workbook(tmp_path / f"{STEM}.chr.xlsx")
    assert book.sheetnames == ["Keterangan", "CHR"]
    rows = [[c.value for c in row] for row in book["CHR"].iter_rows()]
    assert len(rows) == 8 and rows[0][:3] == ["No", "Tingkat", "Langkah reviu"]
    assert load_workbook(tmp_path / f"{STEM}.kkr.xlsx")["KKR"].max_row == 8
    page = (tmp_path / f"{STEM}.chr.html").read_text(encoding="utf-8")
    assert page.count('<tr class="matter">') == 7 and "<script" not in page


def test_english_papers(tmp_path: Path) -> None:
    with contextlib.chdir(ROOT):
        assert _reviu(SEED, "-o", tmp_path, "--format", "md", "--papers", "html", "--lang", "en") == 1
    kkr = (tmp_path / f"{STEM}.kkr.html").read_text(encoding="utf-8")
    chr_page = (tmp_path / f"{STEM}.chr.html").read_text(encoding="utf-8")
    assert "Review Working Papers of the Performance Report" in kkr
    assert "lkjip does not check this step." in kkr
    assert "2 findings: notes no. 3, 4; 4 notes (information)" in kkr
    for word in ("temuan", "Langkah", "aturan berlaku", "Tanggapan", "Rekomendasi", "Tidak ada"):
        assert word not in kkr and word not in chr_page


def test_report_data_is_text_in_every_paper(tmp_path: Path) -> None:
    report = tmp_path / "in" / "hostile.yaml"
    report.parent.mkdir()
    report.write_text(HOSTILE, encoding="utf-8")
    _reviu(report, "-o", tmp_path / "out", "--format", "md", "--papers", "html,docx,xlsx")
    for page in (tmp_path / "out").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "href=" not in text and "&lt;script&gt;" in text
    [chr_book] = (tmp_path / "out").glob("*.chr.xlsx")
    cells = [c for sheet in load_workbook(chr_book) for row in sheet.iter_rows() for c in row if c.value]
    assert all(c.data_type == "s" or isinstance(c.value, int) for c in cells)
    assert any(HOSTILE_NAME in str(c.value) for c in cells)
    [chr_docx] = (tmp_path / "out").glob("*.chr.docx")
    assert HOSTILE_NAME in "\n".join(p.text for p in Document(str(chr_docx)).paragraphs)


def test_an_inspektorat_can_give_its_own_steps(tmp_path: Path) -> None:
    steps = tmp_path / "langkah.yaml"
    steps.write_text("""\
langkah:
  - id: A
    judul: {id: Seluruh angka}
    tujuan: {id: Periksa semua angka}
    aturan: [SUM, FRM, DAT, REV, REC, REQ, AGG, BND, CMP, COV]
    manual: {id: Uji petik}
    rekomendasi: {id: Perbaiki}
""", encoding="utf-8")
    (tmp_path / "lkjip.toml").write_text('[reviu]\nlangkah = "langkah.yaml"\n', encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text((ROOT / SEED).read_text(encoding="utf-8"), encoding="utf-8")
    assert _reviu(report, "-o", tmp_path / "out", "--format", "md", "--papers", "html") == 1
    [kkr] = (tmp_path / "out").glob("*.kkr.html")
    text = kkr.read_text(encoding="utf-8")
    assert text.count('<tr class="step">') == 1 and "7 temuan: CHR no. 1, 2, 3, 4, 5, 6, 7" in text


@pytest.mark.parametrize("content", ["langkah: 3\n", "langkah:\n  - {id: A, judul: x}\n", "langkah: [\n"])
def test_a_bad_steps_file_is_exit_2_with_its_place(tmp_path: Path, content: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "langkah.yaml").write_text(content, encoding="utf-8")
    (tmp_path / "lkjip.toml").write_text('[reviu]\nlangkah = "langkah.yaml"\n', encoding="utf-8")
    report = tmp_path / "report.yaml"
    report.write_text(EMPTY, encoding="utf-8")
    assert _reviu(report, "-o", tmp_path / "out", "--papers", "html") == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'langkah.yaml'}: berkas langkah reviu tidak dapat dipakai" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_the_chr_shows_the_response_recorded_in_the_register(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    with contextlib.chdir(ROOT):
        assert main(["register", "record", str(SEED), "--db", url]) == 0
    assert main(["register", "list", "--db", url]) == 0
    listed = capsys.readouterr().out
    number = next(line.split()[0] for line in listed.splitlines() if "FRM006" in line)
    assert main(["register", "respond", number, "Salah ketik; diperbaiki di draf 2.", "--db", url]) == 0
    with contextlib.chdir(ROOT):
        assert _reviu(SEED, "-o", tmp_path / "out", "--format", "md", "--papers", "html", "--db", url) == 1
    page = (tmp_path / "out" / f"{STEM}.chr.html").read_text(encoding="utf-8")
    assert page.count("<td>Salah ketik; diperbaiki di draf 2.</td>") == 1
