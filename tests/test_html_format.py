"""`lkjip check --format html`: one self-contained page of the findings of a run.

The page reuses the reviu documents' page, CSS and Content-Security-Policy; the browser
test opens it in headless Chromium (Debian's `chromium`, same flags as the reviu browser
test) and is skipped only where chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import contextlib
import re
import struct
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_reviu_browser import CHROMIUM, _chromium
from validator.cli import main
from validator.formatters import FORMATS, NAMES
from validator.runner import check_paths

SEED_RELATIVE = Path("fixtures/pamekasan-dinsos-2023/report.yaml")
HOSTILE = """\
format: lkjip/1
identitas: {instansi: 'Dinas "Contoh" & <b>Kota</b>', pemda: Kabupaten Contoh, tahun: 2023}
tabel:
  - id: t
    label: 'Tabel <img src=x onerror=alert(2)>'
    jenis: anggaran
    baris:
      - {kode: "1.06.01", uraian: '<script>alert(1)</script>', anggaran: "25.000.00"}
"""
# Clean: every part an LKjIP must have (REQ001-REQ003), and nothing wrong in them.
CLEAN = """\
format: lkjip/1
identitas: {instansi: Dinas Bersih, pemda: Kabupaten Contoh, tahun: 2023}
sasaran:
  - {kode: S1, jenis: sasaran, uraian: Sasaran, indikator: [{kode: S1.I1, uraian: Indikator, satuan: "%"}]}
akip: {nilai: "81,50", predikat: A}
tabel:
  - id: t
    label: Tabel 3.7 Realisasi Anggaran
    jenis: anggaran
    baris:
      - {kode: "1.06.01", uraian: Program, anggaran: "100.000", realisasi: "95.000", capaian_anggaran: "95%"}
  - id: k
    label: Tabel 3.1 Capaian Kinerja
    jenis: kinerja
    baris:
      - {kode: S1.I1, target: "55%", realisasi: "55%", capaian: "100%"}
"""
BANNED = ("://", "<script", "src=", "href=", "url(", "@import", "<link", "<img", "<iframe")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _check_html(out: Path, *args: str | Path) -> tuple[int, str]:
    code = main(["check", *map(str, args), "--format", "html", "--output", str(out)])
    return code, out.read_text(encoding="utf-8")


@pytest.fixture
def three_reports(tmp_path: Path) -> list[Path]:
    """The seed (findings), a clean report and an unreadable one, in this order."""
    clean = _write(tmp_path / "in", "clean.yaml", CLEAN)
    broken = _write(tmp_path / "in", "broken.yaml", "format: lkjip/1\nidentitas: [\n")
    return [ROOT / SEED_RELATIVE, clean, broken]


def test_html_is_a_check_format() -> None:
    assert "html" in FORMATS and "html" in NAMES


def test_a_script_row_label_is_shown_as_text(tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    code, page = _check_html(tmp_path / "out.html", report)
    assert code == 1  # the unreadable figure is an error
    for tag in ("<script", "<img", "<b>"):
        assert tag not in page, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<h3 class=\"table\">Tabel &lt;img src=x onerror=alert(2)&gt;</h3>" in page
    assert "Dinas &quot;Contoh&quot; &amp; &lt;b&gt;Kota&lt;/b&gt; 2023" in page


def test_one_section_per_report_with_findings_grouped_by_table(
        tmp_path: Path, three_reports: list[Path]) -> None:
    code, page = _check_html(tmp_path / "out.html", *three_reports)
    assert code == 2  # one report could not be read
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    assert "Content-Security-Policy" in page and "default-src 'none'" in page and "size: A4" in page
    for banned in BANNED:
        assert banned not in page, banned
    sections = re.findall(r'<section class="report status-(\w+)">', page)
    assert sections == ["has_findings", "clean", "unreadable"]
    seed = check_paths([ROOT / SEED_RELATIVE]).reports[0]
    assert seed.report is not None
    first = page[page.index("<section"):page.index("</section>")]
    assert first.count('<tr class="finding">') == len(seed.findings)
    numbers = [int(n) for n in re.findall(r'<tr class="finding"><td class="num">(\d+)</td>', first)]
    assert numbers == list(range(1, len(seed.findings) + 1))
    headings = re.findall(r'<h3 class="table">(.*?)</h3>', first)
    labels = [t.label for t in seed.report.tabel]
    assert len(headings) == len(set(headings))  # each table once
    tables = [h for h in headings if h in labels]
    assert tables and tables == sorted(tables, key=labels.index)  # in the order of the report
    for finding in seed.findings:
        assert finding.code in first and f"report.yaml:{finding.location.line}" in first
    # stated / expected / difference of the wrong efficiency figure in Tabel 3.9
    assert '<td class="num">1,01%</td><td class="num">1,10%</td><td class="num">-0,09%</td>' in first
    assert f"{len(seed.findings)} temuan (" in page and "3 laporan, 1 tidak terbaca" in page
    assert "Tidak ada temuan." in page and "broken.yaml" in page


def test_english_and_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = _write(tmp_path / "in", "clean.yaml", CLEAN)
    assert main(["check", str(report), "--format", "html", "--lang", "en"]) == 0
    page = capsys.readouterr().out
    assert '<html lang="en">' in page and "Performance Report Check Results" in page
    assert "No findings." in page and "0 findings (0 error, 0 warning, 0 info)" in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium; "
                    ".ci/run installs it), so the check page is not opened in a real browser")
def test_page_in_a_real_browser(tmp_path: Path, three_reports: list[Path]) -> None:
    hostile = _write(tmp_path / "in", "hostile.yaml", HOSTILE)
    with contextlib.chdir(ROOT):
        code, _ = _check_html(tmp_path / "out.html", *three_reports, hostile)
    assert code == 2
    page = (tmp_path / "out.html").as_uri()
    dom = _chromium(tmp_path / "profile", "--dump-dom", page).stdout
    assert "<script" not in dom and "<img" not in dom  # parsed as text, not as elements
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))
    assert "Hasil Pemeriksaan Laporan Kinerja" in text
    assert f"{SEED_RELATIVE.as_posix()} — Dinas Sosial Kabupaten Pamekasan 2023" in text
    assert "Tabel 3.9 Perbandingan Pencapaian Kinerja dan Anggaran Program dan Kegiatan" in text
    assert dom.count('<section class="report') == 4
    png = tmp_path / "page.png"
    _chromium(tmp_path / "profile", f"--screenshot={png}", "--window-size=1240,1754", page)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1240, 1754)
    assert len(data) > 50_000  # a rendered page of text, not a blank image
