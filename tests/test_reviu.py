"""lkjip reviu: the statement, the documents, their escaping, the index and safe writes.

Golden file: when an intended change alters the seed's document, regenerate with
`LKJIP_UPDATE_GOLDEN=1 pytest tests/test_reviu.py -k golden`, then read the diff.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from validator.cli import main
from validator.config import Config, load_config
from validator.reviu import files
from validator.reviu.document import build_document, ordered_findings
from validator.reviu.statement import default_template, default_template_text, plain_text
from validator.runner import check_paths
from validator.write import atomic

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed.reviu.md"
SEED_RELATIVE = Path("fixtures/pamekasan-dinsos-2023/report.yaml")
SEED_DOC = "dinas-sosial-kabupaten-pamekasan-2023.reviu"
CLEAN_DOC = "dinas-sosial-kabupaten-contoh-2023.reviu"
UPDATE_HINT = ("golden file out of date; if the change is intended: "
               "LKJIP_UPDATE_GOLDEN=1 pytest tests/test_reviu.py -k golden, then read the diff")

SEED_WORDING = (
    "Kami telah mereviu Laporan Kinerja {INSTANSI} untuk tahun anggaran {tahun} sesuai Pedoman "
    "Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi "
    "tanggung jawab manajemen {INSTANSI}. Reviu bertujuan untuk memberikan keyakinan terbatas "
    "Laporan Kinerja telah disajikan secara akurat, andal, dan valid. Berdasarkan reviu kami, "
    "tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini keandalan "
    "informasi yang disajikan di dalam Laporan Kinerja ini."
)

# A clean report has every part an LKjIP must have (REQ001-REQ003): a measurement table,
# a budget realisation table and the AKIP score.
CLEAN = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial Kabupaten Contoh, pemda: Kabupaten Contoh, tahun: 2023}
sasaran:
  - kode: S1
    jenis: sasaran
    uraian: Meningkatnya pelayanan sosial
    indikator:
      - {kode: S1.I1, uraian: Persentase PPKS yang tertangani, satuan: "%"}
akip: {nilai: "81,50", predikat: A}
tabel:
  - id: t
    label: Tabel 3.9 Perbandingan Capaian
    jenis: anggaran
    baris:
      - {kode: "1.06.01", uraian: PROGRAM PENUNJANG, anggaran: "100.000", realisasi: "94.470",
         capaian_kinerja: "100%", capaian_anggaran: "94,47%"}
      - {kode: "1.06.02", uraian: PROGRAM PEMBERDAYAAN, anggaran: "100.000", realisasi: "96.710",
         capaian_kinerja: "90%", capaian_anggaran: "96,71%"}
  - id: k
    label: Tabel 3.1 Capaian Kinerja
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "55%", realisasi: "55%", capaian: "100%"}
"""

HOSTILE_NAME = "Dinas <script>alert(1)</script> | `x` *y* [z](javascript:alert(2)) & $tahun"
HYPERLINK = '=HYPERLINK("http://evil.example","klik")'
HOSTILE = f"""\
format: lkjip/1
identitas: {{instansi: '{HOSTILE_NAME}', pemda: Kabupaten Contoh, tahun: 2023}}
tabel:
  - id: t
    label: Tabel 2.5 Program
    jenis: anggaran
    baris:
      - {{kode: "1.06.01", uraian: '{HYPERLINK}', anggaran: '{HYPERLINK}'}}
      - {{kode: "1.06.01.2.01", uraian: Perencanaan, anggaran: "162.500.000"}}
      - {{kode: "1.06.01.2.01.0001", uraian: Dokumen, anggaran: "150.000.000"}}
      - {{kode: "1.06.01.2.01.0006", uraian: Laporan, anggaran: "10.000.000"}}
"""

REVIU_CONFIG = """\
[reviu]
unit = "Inspektorat Kabupaten Pamekasan"
tempat = "Pamekasan"
inspektur = "Nama Inspektur, S.H."
nip = "19700101 199001 1 001"
jabatan = "Inspektur Kabupaten Pamekasan"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _reviu(*args: str | Path) -> int:
    return main(["reviu", *map(str, args), "--date", "2024-03-15"])


def _config(tmp_path: Path, extra: str = "") -> Path:
    return _write(tmp_path / "cfg", "lkjip.toml", REVIU_CONFIG + extra)


# -- the statement ------------------------------------------------------------------------

def test_clean_statement_is_the_seeds_wording_exactly(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out") == 0
    expected = SEED_WORDING.format(INSTANSI="DINAS SOSIAL KABUPATEN CONTOH", tahun=2023)
    markdown = (tmp_path / "out" / f"{CLEAN_DOC}.md").read_text(encoding="utf-8")
    paragraphs = re.findall(r"^(?:Kami telah|Reviu bertujuan).*$", markdown, flags=re.MULTILINE)
    assert " ".join(paragraphs) == expected
    page = (tmp_path / "out" / f"{CLEAN_DOC}.html").read_text(encoding="utf-8")
    assert " ".join(re.findall(r"<p>((?:Kami telah|Reviu bertujuan).*?)</p>", page)) == expected


def test_the_seeds_own_clean_statement_is_reproduced() -> None:
    # The seed printed this statement for its own (unreviewed) figures: same template, no matters.
    result = check_paths([ROOT / SEED_RELATIVE])
    item = result.reports[0]
    assert item.report is not None
    doc = build_document(item.report, [], {}, default_template("id"), "id", date(2024, 2, 29))
    wording = SEED_WORDING.format(INSTANSI="DINAS SOSIAL KABUPATEN PAMEKASAN", tahun=2023)
    assert plain_text(doc.statement).replace("\n\n", " ") == wording
    assert doc.clean and doc.signer.tanggal == "29 Februari 2024"


def test_statement_with_matters_lists_the_error_and_warning_findings() -> None:
    result = check_paths([ROOT / SEED_RELATIVE])
    item = result.reports[0]
    assert item.report is not None
    doc = build_document(item.report, item.findings, {}, default_template("id"), "id", date(2024, 3, 15))
    matters = [f for f in item.findings if f.severity in ("error", "warning")]
    notes = [f for f in item.findings if f.severity == "info"]
    assert matters and notes
    [listed] = [b for b in doc.statement if b.kind == "ol"]
    # Each of the seed's matters is its own root cause: its item is the finding's message,
    # and the transposed 1,10 -> 1,01 gets the auditor's hint (validator/diagnosis).
    messages = sorted(" ".join(f.message("id").split()) for f in matters)
    assert [any(item.startswith(m) for item in listed.items) for m in messages] == [True] * len(matters)
    assert [i for i in listed.items if "Petunjuk" in i] == [
        next(m for m in messages if "1,01%" in m) + " Petunjuk: dua angka tertukar (selisih habis dibagi 9)."]
    assert listed.numbers == tuple(range(1, len(matters) + 1))
    assert [row.message for row in doc.matters] == [" ".join(f.message("id").split()) for f in
                                                    ordered_findings(item.report, matters)]
    text = plain_text(doc.statement)
    assert "tidak terdapat kondisi" not in text
    assert "Berdasarkan reviu kami, terdapat kondisi atau hal-hal" in text
    assert not any(" ".join(f.message("id").split()) in text for f in notes)
    assert len(doc.notes) == len(notes) and {r.severity for r in doc.notes} == {"info"}


def test_golden_markdown_of_the_seed(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with contextlib.chdir(ROOT):
        code = _reviu(SEED_RELATIVE, "-o", tmp_path / "out", "--format", "md", "--config", config)
    assert code == 1  # the seed has matters
    text = (tmp_path / "out" / f"{SEED_DOC}.md").read_text(encoding="utf-8")
    if os.environ.get("LKJIP_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == text, UPDATE_HINT


def test_signature_block_comes_from_config_and_is_blank_without(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "a", "--config", _config(tmp_path), "--format", "html") == 0
    page = (tmp_path / "a" / f"{CLEAN_DOC}.html").read_text(encoding="utf-8")
    for text in ("Pamekasan, 15 Maret 2024", "Inspektur Kabupaten Pamekasan", "Nama Inspektur, S.H.",
                 "NIP. 19700101 199001 1 001", "Inspektorat Kabupaten Pamekasan"):
        assert text in page
    assert _reviu(report, "-o", tmp_path / "b", "--format", "html") == 0
    blank = (tmp_path / "b" / f"{CLEAN_DOC}.html").read_text(encoding="utf-8")
    assert "NIP. ....................................</p>" in blank
    assert "...................................., 15 Maret 2024" in blank


# -- templates ----------------------------------------------------------------------------

def test_user_template_overrides_both_variants(tmp_path: Path) -> None:
    _write(tmp_path / "cfg", "pernyataan.txt",
           "Bersih: $instansi ($tahun) oleh $unit.\n---\nAda $jumlah_temuan hal pada ${instansi}:\n\n"
           "$daftar_temuan\n")
    config = _config(tmp_path, 'template = "pernyataan.txt"\n')
    clean = _write(tmp_path / "in", "clean.yaml", CLEAN)
    hostile = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    assert _reviu(clean, hostile, "-o", tmp_path / "out", "--config", config, "--format", "md") == 1
    clean_md = (tmp_path / "out" / f"{CLEAN_DOC}.md").read_text(encoding="utf-8")
    assert "Bersih: Dinas Sosial Kabupaten Contoh (2023) oleh Inspektorat Kabupaten Pamekasan." in clean_md
    assert "Kami telah mereviu" not in clean_md
    [hostile_md] = (tmp_path / "out").glob("dinas-script*.md")
    text = hostile_md.read_text(encoding="utf-8")
    assert "Ada 5 hal pada Dinas &lt;script&gt;" in text  # its 2, and REQ001-REQ003 (no parts)
    assert re.search(r"^1\. Angka anggaran pada =HYPERLINK", text, flags=re.MULTILINE)
    # A kegiatan and its two sub kegiatan disagree and nothing else links them: one of the
    # three is wrong, and the statement does not guess which (validator/diagnosis).
    assert re.search(r"^2\. Salah satu dari angka berikut .* Temuan terkait yang mengikutinya \(1\): SUM001 ",
                     text, flags=re.MULTILINE)
    assert re.search(r"^3\. Laporan tidak memuat tabel pengukuran kinerja", text, flags=re.MULTILINE)
    # The template leaves out $lingkup and $batasan: the scope is stated all the same.
    assert "Lingkup reviu: 2 tabel" in clean_md and "Lingkup reviu: 1 tabel" in text


HOSTILE_TEMPLATE = (
    "A {0.__class__} B {instansi} C ${__import__} D $instansi.__class__ E %(instansi)s "
    "F ${instansi.__globals__} G $$tahun H {{7*7}} I $tahun\n"
)


def test_template_fields_are_only_substituted_never_evaluated(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "cfg", "t.txt", HOSTILE_TEMPLATE)
    config = _write(tmp_path / "cfg", "lkjip.toml", '[reviu]\ntemplate = "t.txt"\n')
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out", "--config", config, "--format", "md") == 0
    text = (tmp_path / "out" / f"{CLEAN_DOC}.md").read_text(encoding="utf-8")
    expected = ("A {0.\\_\\_class\\_\\_} B {instansi} C ${\\_\\_import\\_\\_} D Dinas Sosial Kabupaten "
                "Contoh.\\_\\_class\\_\\_ E %(instansi)s F ${instansi.\\_\\_globals\\_\\_} G $tahun "
                "H {{7\\*7}} I 2023")
    assert expected in text
    assert "$__import__" in capsys.readouterr().err  # unknown fields are named, not run


def test_report_data_is_never_treated_as_a_template(tmp_path: Path) -> None:
    # The hostile instansi contains "$tahun": it must stay literally, not become 2023.
    report = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    assert _reviu(report, "-o", tmp_path / "out", "--format", "md") == 1
    [doc] = (tmp_path / "out").glob("*.md")
    assert "&amp; $tahun" in doc.read_text(encoding="utf-8")


def test_missing_template_is_an_input_error_with_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path / "cfg", "lkjip.toml", '[reviu]\ntemplate = "nope.txt"\n')
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out", "--config", config) == 2
    assert "nope.txt" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_default_template_text_round_trips(tmp_path: Path) -> None:
    _write(tmp_path / "cfg", "t.txt", default_template_text("id"))
    config = _write(tmp_path / "cfg", "lkjip.toml", '[reviu]\ntemplate = "t.txt"\n')
    report = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    assert _reviu(report, "-o", tmp_path / "a", "--config", config, "--format", "md") == 1
    assert _reviu(report, "-o", tmp_path / "b", "--format", "md") == 1
    [a], [b] = (tmp_path / "a").glob("*.md"), (tmp_path / "b").glob("*.md")
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_docs_show_the_default_template() -> None:
    docs = (ROOT / "docs" / "reviu.md").read_text(encoding="utf-8")
    for lang in ("id", "en"):
        assert default_template_text(lang).strip() in docs


# -- escaping -----------------------------------------------------------------------------

def test_hostile_report_data_is_text_in_every_format(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    assert _reviu(report, "-o", tmp_path / "out") == 1
    [page] = (tmp_path / "out").glob("*.html")
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)" in html
    assert "href=" not in html and "javascript:alert(2)" in html  # text, never a link
    [doc] = (tmp_path / "out").glob("*.md")
    text = doc.read_text(encoding="utf-8")
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\| \\`x\\` \\*y\\* \\[z\\](javascript:alert(2)) &amp;" in text
    [book] = (tmp_path / "out").glob("*.xlsx")
    _assert_no_formula(book)


def _assert_no_formula(book: Path) -> None:
    workbook = load_workbook(book)
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    hyperlinks = [c for c in cells if c.value == HYPERLINK]
    assert hyperlinks, "the stated figure and the row name are in the workbook"
    for cell in hyperlinks:
        assert cell.data_type == "s" and cell.quotePrefix
    assert not [c for c in cells if c.data_type == "f"]
    names = [c for c in cells if isinstance(c.value, str) and "<script>" in c.value]
    assert names and all(c.data_type == "s" for c in names)


def test_markdown_escape_covers_the_dangerous_characters() -> None:
    from validator.reviu.markdown import md

    assert md("a|b<c>d&e`f") == "a\\|b&lt;c&gt;d&amp;e\\`f"
    assert md("line\nbreak\tand  spaces") == "line break and spaces"


# -- html ---------------------------------------------------------------------------------

def test_html_is_self_contained_printable_and_has_the_chart(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with contextlib.chdir(ROOT):
        assert _reviu(SEED_RELATIVE, "-o", tmp_path / "out", "--config", config, "--format", "html") == 1
    html = (tmp_path / "out" / f"{SEED_DOC}.html").read_text(encoding="utf-8")
    for banned in ("://", "<script", "src=", "href=", "url(", "@import", "<link", "<img", "<iframe"):
        assert banned not in html, banned
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "size: A4" in html and "margin:" in html and "display: table-header-group" in html
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<rect") == 6 * 2 + 2  # six programs, two bars each, two legend keys
    for text in ("Capaian kinerja", "Capaian anggaran", "Capaian (%)", "Program (kode)", "1.06.06"):
        assert text in svg
    assert html.count('<tr class="finding">') == len(check_paths([ROOT / SEED_RELATIVE]).findings)


def test_chart_marks_an_unreadable_figure_instead_of_drawing_zero(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "r.yaml", CLEAN.replace('"94,47%"', '"94,4,7%"'))
    _reviu(report, "-o", tmp_path / "out", "--format", "html")
    html = (tmp_path / "out" / f"{CLEAN_DOC}.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<rect") == 3 + 2 and ">?</text>" in svg
    assert "tidak terbaca (94,4,7%)" in html


def test_english_documents(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out", "--lang", "en", "--format", "md,html") == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{CLEAN_DOC}.html", f"{CLEAN_DOC}.md"]
    text = (tmp_path / "out" / f"{CLEAN_DOC}.md").read_text(encoding="utf-8")
    assert "We have reviewed the Performance Report of DINAS SOSIAL KABUPATEN CONTOH" in text
    assert "15 March 2024" in text


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out", "--format", "html,pdf") == 2
    assert not (tmp_path / "out").exists()


# -- index --------------------------------------------------------------------------------

def test_index_over_several_reports(tmp_path: Path) -> None:
    clean = _write(tmp_path / "in", "clean.yaml", CLEAN)
    hostile = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    broken = _write(tmp_path / "in", "broken.yaml", "format: lkjip/1\nidentitas: [\n")
    assert _reviu(clean, hostile, broken, "-o", tmp_path / "out") == 2  # one report unreadable
    out = tmp_path / "out"
    index_md = (out / "index.md").read_text(encoding="utf-8")
    rows = [line for line in index_md.splitlines() if re.match(r"\| \d", line)]
    assert len(rows) == 3
    assert "| bersih | 0 | 0 | 0 |" in rows[0] and f"[HTML]({CLEAN_DOC}.html)" in rows[0]
    assert "| ada temuan | 4 | 1 | 1 |" in rows[1] and "&lt;script&gt;" in rows[1]  # REQ001-REQ003 too
    assert "tidak terbaca" in rows[2] and rows[2].endswith("| - | - | - | - |")
    for link in re.findall(r"\[(?:HTML|MD|XLSX)\]\(([^)]+)\)", index_md):
        assert (out / link).is_file()
    index_html = (out / "index.html").read_text(encoding="utf-8")
    assert index_html.count("<tr class=\"status-") == 3 and "<script" not in index_html
    for link in re.findall(r'href="([^"]+)"', index_html):
        assert (out / link).is_file()


def test_one_report_writes_no_index(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out") == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"{CLEAN_DOC}.html", f"{CLEAN_DOC}.md", f"{CLEAN_DOC}.xlsx"]


def test_same_instansi_twice_gets_distinct_names(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "r.yaml", CLEAN)
    b = _write(tmp_path / "b", "r.yaml", CLEAN)
    assert _reviu(a, b, "-o", tmp_path / "out", "--format", "md") == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    second = "dinas-sosial-kabupaten-contoh-2023-2.reviu.md"
    assert names == sorted([f"{CLEAN_DOC}.md", second, "index.html", "index.md"])


# -- writes -------------------------------------------------------------------------------

def test_every_file_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    real = files.write_atomic

    def spy(path: Path, data: bytes) -> None:
        written.append(path)
        real(path, data)

    monkeypatch.setattr(files, "write_atomic", spy)
    clean = _write(tmp_path / "in", "clean.yaml", CLEAN)
    hostile = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    assert _reviu(clean, hostile, "-o", tmp_path / "out") == 1
    assert sorted(written) == sorted((tmp_path / "out").iterdir())
    assert len(written) == 3 * 2 + 2


def test_a_failed_render_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out") == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}

    def broken(*args: object) -> bytes:
        raise RuntimeError("a bug in the XLSX renderer")

    monkeypatch.setattr(files.xlsx, "render", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the bug log goes
    assert main(["reviu", str(report), "-o", str(tmp_path / "out"), "--date", "2030-01-01"]) == 3
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_a_failed_write_leaves_every_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out") == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    real, calls = os.replace, []

    def replace_once(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace_once)
    assert main(["reviu", str(report), "-o", str(tmp_path / "out"), "--date", "2030-01-01"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert sorted(after) == sorted(before)  # no temporary file left behind
    first, second = (Path(c).name for c in calls)
    assert after[first] != before[first] and "2030" in after[first].decode("utf-8")
    assert after[second] == before[second]


def test_the_input_is_never_touched(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    stat = report.stat()
    assert _reviu(report, "-o", tmp_path / "in") == 0  # output beside the report
    assert report.read_text(encoding="utf-8") == CLEAN
    assert report.stat().st_mtime_ns == stat.st_mtime_ns


def test_an_output_that_would_replace_an_input_is_refused(tmp_path: Path) -> None:
    # An XLSX report whose name is exactly the document name lkjip would write.
    source = _write(tmp_path / "in", "clean.yaml", CLEAN)
    target = tmp_path / "out" / f"{CLEAN_DOC}.xlsx"
    target.parent.mkdir()
    assert main(["convert", str(source), str(target)]) == 0
    before = target.read_bytes()
    assert _reviu(target, "-o", tmp_path / "out") == 2
    assert target.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [target.name]


def test_an_output_inside_a_csv_report_folder_is_refused(tmp_path: Path) -> None:
    source = _write(tmp_path / "in", "clean.yaml", CLEAN)
    folder = tmp_path / "csv"
    assert main(["convert", str(source), str(folder), "--to", "csv"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert _reviu(folder, "-o", folder / "reviu") == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_config_from_the_report_folder_is_used(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    _write(tmp_path / "in", "lkjip.toml", REVIU_CONFIG)
    config: Config = load_config(tmp_path / "in" / "lkjip.toml")
    assert config.reviu["tempat"] == "Pamekasan"
    assert _reviu(report, "-o", tmp_path / "out", "--format", "md") == 0
    assert "Pamekasan, 15 Maret 2024" in (tmp_path / "out" / f"{CLEAN_DOC}.md").read_text(encoding="utf-8")


# -- changes between versions -------------------------------------------------------------

HOSTILE_VERSIONS = f"""\
format: lkjip/1
identitas: {{instansi: Dinas Contoh, pemda: Kabupaten Contoh, tahun: 2023}}
versi:
  - {{id: awal, jenis: pk_awal, nama: 'PK <b>awal</b>', tanggal: 2023-01-31, urutan: 0}}
  - {{id: akhir, jenis: dpa_perubahan, nama: 'DPA | `P` *x*', tanggal: 2023-12-05, final: true}}
tabel:
  - id: a
    label: Tabel A
    jenis: anggaran
    versi: awal
    baris:
      - {{kode: "1.06.01", uraian: '<script>alert(1)</script>', anggaran: "100.000"}}
      - {{kode: "1.06.02", uraian: 'Hapus | [x](javascript:y)', anggaran: "50.000"}}
  - id: b
    label: Tabel B
    jenis: anggaran
    versi: akhir
    baris:
      - {{kode: "1.06.01", uraian: '{HYPERLINK}', anggaran: "120.000"}}
      - {{kode: "1.06.03", uraian: Baru, anggaran: '=1+2'}}
"""
CHANGES_TITLE = "Perubahan antar versi"


def _seed_diff(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["diff", str(ROOT / SEED_RELATIVE), *args]) == 0
    return capsys.readouterr().out


def _md_cells(line: str) -> list[str]:
    """The cells of a Markdown table row, unescaped back to the report's text."""
    cells = re.split(r"(?<!\\)\|", line)[1:-1]
    unescaped = (re.sub(r"\\(.)", r"\1", c.strip()) for c in cells)
    return [c.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") for c in unescaped]


def _md_comparisons(text: str) -> list[dict[str, Any]]:
    """Each `### title` of the changes section: its change rows, subtotal rows and notes."""
    section = text[text.index(f"## {CHANGES_TITLE}"):]
    comparisons = []
    for block in section.split("\n### ")[1:]:
        title, *lines = block.splitlines()
        tables: list[list[list[str]]] = []
        for line in lines:
            if line.startswith("| ") and not line.startswith("| ---"):
                cells = _md_cells(line)
                if cells[0] in ("Kode", "Program"):
                    tables.append([])
                else:
                    tables[-1].append(cells)
        notes = [_md_cells(f"|{line.strip('_')}|")[0] for line in lines if line.startswith("_Tingkat")]
        comparisons.append({"title": _md_cells(f"|{title}|")[0], "rows": tables[0] if tables else [],
                            "subtotals": tables[1] if len(tables) > 1 else [], "notes": notes})
    return comparisons


def _id_number(text: str) -> Decimal | None:
    return Decimal(text.replace(".", "").replace(",", ".")) if text else None


def test_changes_section_agrees_with_lkjip_diff_row_for_row(capsys: pytest.CaptureFixture[str]) -> None:
    # The golden document's section, read back, against `lkjip diff` of the seed (JSON and terminal).
    expected = json.loads(_seed_diff(capsys, "--format", "json"))["comparisons"]
    terminal = _seed_diff(capsys)
    kinds = {"added": "ditambah", "removed": "dihapus", "renamed": "ganti nama", "changed": "berubah"}
    observed = _md_comparisons(GOLDEN.read_text(encoding="utf-8"))
    # `lkjip diff` titles a comparison by the versions' ids; the document by their titles.
    titles = {"pk_awal": "Perjanjian Kinerja Tahun 2023",
              "pk_perubahan_2": "Perjanjian Kinerja Perubahan Kedua Tahun 2023",
              "perubahan_desember": "Perubahan Perjanjian Kinerja Tahun 2023"}
    assert [c["title"] for c in observed] == [
        re.sub(r"\w+", lambda m: titles.get(m.group(0), m.group(0)), c["title"])
        .replace(" -> ", " → ").replace("(kinerja)", "(target kinerja)") for c in expected]
    assert len(observed) == 4 and sum(len(c["rows"]) for c in observed) == 55
    for got, want in zip(observed, expected, strict=True):
        rows = [[c["kode"], c["level"].replace("_", " "), c["name"] or "", kinds[c["change"]],
                 c["field"] or "",
                 c["before"] or "", c["after"] or "", c["delta"]] for c in want["changes"]]
        assert [[*r[:7], _id_number(r[7])] for r in got["rows"]] == [
            [*r[:7], Decimal(r[7]) if r[7] is not None else None] for r in rows]
        subtotals = {program: [_id_number(v) for v in values] for program, *values in got["subtotals"]}
        levels = ("program", "kegiatan", "sub_kegiatan")
        assert subtotals == {program: [Decimal(by[k]) if k in by else None for k in levels]
                             for program, by in want["program_subtotals"].items()}
    notes = [n for c in observed for n in c["notes"]]
    assert notes == [line.strip().replace("sub_kegiatan", "sub kegiatan")
                     .replace("pk_awal", titles["pk_awal"])
                     for line in terminal.splitlines() if line.startswith("Tingkat ")]
    assert len(notes) == 2


def test_seed_documents_show_the_changes_in_every_format(tmp_path: Path) -> None:
    with contextlib.chdir(ROOT):
        assert _reviu(SEED_RELATIVE, "-o", tmp_path / "out") == 1
    page = (tmp_path / "out" / f"{SEED_DOC}.html").read_text(encoding="utf-8")
    assert f"<h2>{CHANGES_TITLE}</h2>" in page and page.count('<tr class="change ') == 55
    [removed] = [r for r in re.findall(r'<tr class="change change-removed">.*?</tr>', page)
                 if "1.06.04.2.02.0005" in r]
    assert ">dihapus<" in removed and ">15.000.000<" in removed
    assert page.count('<tr class="subtotal">') == 10
    assert "Tingkat sub kegiatan dibandingkan dengan versi Perjanjian Kinerja Tahun 2023" in page
    assert "pk_awal" not in page and "pk_perubahan_2" not in page and "sub_kegiatan" not in page
    sheet = load_workbook(tmp_path / "out" / f"{SEED_DOC}.xlsx")["Perubahan"]
    rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    assert rows[0][:9] == ["Perbandingan", "Kode", "Tingkat", "Uraian", "Perubahan", "Kolom", "Sebelum",
                           "Sesudah", "Selisih"]
    assert ["Perjanjian Kinerja Perubahan Kedua Tahun 2023 → Perubahan Perjanjian Kinerja Tahun 2023",
            "1.06.04.2.02.0005", "sub kegiatan",
            "Pemberian Layanan Kedaruratan", "dihapus", "", "15.000.000", "", ""] in rows
    assert rows[56] == [""] * len(rows[0]) and rows[57][:2] == ["Perbandingan", "Program"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I56"
    assert sum(1 for r in rows if str(r[1]).startswith("Tingkat ")) == 2


def test_english_changes_section(tmp_path: Path) -> None:
    with contextlib.chdir(ROOT):
        assert _reviu(SEED_RELATIVE, "-o", tmp_path / "out", "--lang", "en", "--format", "md") == 1
    text = (tmp_path / "out" / f"{SEED_DOC}.md").read_text(encoding="utf-8")
    assert "## Changes between versions" in text
    assert ("| 1.06.04.2.02.0005 | sub kegiatan | Pemberian Layanan Kedaruratan | removed |  "
            "| 15.000.000 |  |  |") in text
    assert "_Level kegiatan is compared with version Perjanjian Kinerja Tahun 2023" in text


def test_report_without_versions_has_no_changes_section(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert _reviu(report, "-o", tmp_path / "out") == 0
    for suffix in ("md", "html"):
        assert CHANGES_TITLE not in (tmp_path / "out" / f"{CLEAN_DOC}.{suffix}").read_text(encoding="utf-8")
    book = load_workbook(tmp_path / "out" / f"{CLEAN_DOC}.xlsx")
    assert book.sheetnames == ["Ringkasan", "Temuan", "Catatan"]


def test_changes_section_keeps_report_data_as_text(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "versions.yaml", HOSTILE_VERSIONS)
    _reviu(report, "-o", tmp_path / "out")
    [page] = (tmp_path / "out").glob("*.html")
    html = page.read_text(encoding="utf-8")
    changes = html[html.index('<section class="changes">'):]
    assert "<script" not in html and "<b>" not in html and "href=" not in html
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in changes
    assert "PK &lt;b&gt;awal&lt;/b&gt;" in changes and "Hapus | [x](javascript:y)" in changes
    [doc] = (tmp_path / "out").glob("*.md")
    text = doc.read_text(encoding="utf-8")
    assert "| &lt;script&gt;alert(1)&lt;/script&gt; |" in text
    assert "| Hapus \\| \\[x\\](javascript:y) | dihapus |" in text and "DPA \\| \\`P\\` \\*x\\*" in text
    [book] = (tmp_path / "out").glob("*.xlsx")
    _assert_no_formula(book)
    sheet = load_workbook(book)["Perubahan"]
    added = [c for row in sheet.iter_rows() for c in row if c.value == "=1+2"]
    assert added and all(c.data_type == "s" and c.quotePrefix for c in added)


def test_versions_without_changes_say_so(tmp_path: Path) -> None:
    same = HOSTILE_VERSIONS.split("tabel:")[0] + """tabel:
  - {id: a, label: A, jenis: anggaran, versi: awal, baris: [{kode: "1.06.01", uraian: P, anggaran: "1"}]}
  - {id: b, label: B, jenis: anggaran, versi: akhir, baris: [{kode: "1.06.01", uraian: P, anggaran: "1"}]}
"""
    report = _write(tmp_path / "in", "same.yaml", same)
    _reviu(report, "-o", tmp_path / "out", "--format", "md,html")
    [doc] = (tmp_path / "out").glob("*.md")
    section = doc.read_text(encoding="utf-8").split(f"## {CHANGES_TITLE}")[1]
    assert "### PK &lt;b&gt;awal&lt;/b&gt; → DPA \\| \\`P\\` \\*x\\*" in section
    assert "_Tidak ada perubahan._" in section
    assert "| Kode |" not in section
    [page] = (tmp_path / "out").glob("*.html")
    assert '<p class="empty">Tidak ada perubahan.</p>' in page.read_text(encoding="utf-8")


# -- document words and feedback (issue 19) -------------------------------------------------

INTERNAL = re.compile(r"pk_awal|pk_perubahan_2|perubahan_desember|sub_kegiatan|\b(?:True|False|false|true)\b"
                      r"|same-version-tables-agree|sum-of-kegiatan|sum-of-sub-kegiatan")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_documents_use_document_words_only(tmp_path: Path, lang: str) -> None:
    # Version titles, not ids; levels in words; rules by code and in words, never by slug;
    # a yes/no figure in words.
    with contextlib.chdir(ROOT):
        assert _reviu(SEED_RELATIVE, "-o", tmp_path / "out", "--format", "md,html,xlsx", "--lang", lang) == 1
    texts = [(tmp_path / "out" / f"{SEED_DOC}.{ext}").read_text(encoding="utf-8") for ext in ("md", "html")]
    book = load_workbook(tmp_path / "out" / f"{SEED_DOC}.xlsx")
    texts.append("\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row
                           if c.value is not None))
    for text in texts:
        if lang == "en":  # English may name a rule by its name's words, never by its slug
            assert "same version tables agree" in text or "<svg" in text or "Findings" in text
        assert INTERNAL.findall(text.replace("&#x27;", "'")) == []
    if lang == "id":
        assert "REC002 (Tabel program (Bab II) dan lampiran PK versi yang sama): 1" in texts[0]
        assert "Pagu program adalah jumlah pagu kegiatannya (SUM002): tidak dapat diverifikasi" in texts[0]


def test_an_unreadable_report_is_named_on_stderr_with_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = _write(tmp_path / "in", "broken.yaml", "format: lkjip/1\nidentitas: [\n")
    assert _reviu(broken, "-o", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert f"tidak terbaca: {broken}:3:1: sintaks YAML salah" in err
    assert f"1 laporan, 1 tidak terbaca: {broken}" in err.splitlines()[-1]


def test_many_reports_end_with_a_summary_naming_every_unreadable_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = _write(tmp_path / "in", "clean.yaml", CLEAN)
    broken = _write(tmp_path / "in", "broken.yaml", "format: lkjip/1\nidentitas: [\n")
    missing = tmp_path / "in" / "missing.yaml"
    assert _reviu(clean, broken, missing, "-o", tmp_path / "out", "--lang", "en") == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"3 reports, 2 unreadable: {broken}, {missing}"
    assert any(line.startswith(f"unreadable: {missing}: ") for line in err)
    assert "\x1b[" not in "\n".join(err)  # no progress bar drawn into a pipe or CI log


def test_a_clean_run_over_several_reports_says_how_many(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    one = _write(tmp_path / "a", "clean.yaml", CLEAN)
    two = _write(tmp_path / "b", "clean.yaml", CLEAN)
    assert _reviu(one, two, "-o", tmp_path / "out") == 0
    assert capsys.readouterr().err.strip() == "2 laporan"
