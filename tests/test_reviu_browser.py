"""The reviu HTML in a real browser: headless Chromium (Debian's `chromium`) opens the file
from a file:// URL, and the test checks the rendered DOM and takes an A4-sized screenshot.

Skipped only where chromium is not installed; .ci/run installs it.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from validator.cli import main
from validator.runner import check_paths

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (apt-get install chromium; .ci/run installs it), "
           "so the reviu HTML is not checked in a real browser",
)

SEED_RELATIVE = Path("fixtures/pamekasan-dinsos-2023/report.yaml")
SEED_DOC = "dinas-sosial-kabupaten-pamekasan-2023.reviu.html"
HOSTILE = """\
format: lkjip/1
identitas: {instansi: 'Dinas <script>alert(1)</script>', pemda: Kabupaten Contoh, tahun: 2023}
tabel:
  - id: t
    label: Tabel 2.5 Program
    jenis: anggaran
    baris:
      - {kode: "1.06.01", uraian: '<img src=x onerror=alert(2)>', anggaran: '=HYPERLINK("http://x","y")'}
"""
A4_WINDOW = (1240, 1754)  # A4 at 150 dpi


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reviu")
    config = out / "lkjip.toml"
    config.write_text('[reviu]\nunit = "Inspektorat Kabupaten Pamekasan"\ntempat = "Pamekasan"\n'
                      'inspektur = "Nama Inspektur"\nnip = "19700101 199001 1 001"\n', encoding="utf-8")
    with contextlib.chdir(ROOT):
        assert main(["reviu", str(SEED_RELATIVE), "-o", str(out), "--format", "html",
                     "--config", str(config), "--date", "2024-03-15"]) == 1
    return out / SEED_DOC


def test_rendered_page_shows_statement_findings_and_chart(seed_html: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path / "profile", "--dump-dom", seed_html.as_uri()).stdout
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))
    assert "Pernyataan Telah Direviu" in text
    assert ("Kami telah mereviu Laporan Kinerja DINAS SOSIAL KABUPATEN PAMEKASAN untuk tahun anggaran "
            "2023 sesuai Pedoman Reviu atas Laporan Kinerja.") in text
    assert "Pamekasan, 15 Maret 2024" in text and "NIP. 19700101 199001 1 001" in text
    findings = check_paths([ROOT / SEED_RELATIVE]).findings
    assert dom.count('<tr class="finding">') == len(findings)
    for finding in findings:  # a version is named by its title, never by its id in the data file
        assert finding.code in text and (finding.kode or "" if finding.table != "versi" else "") in text
    assert "pk_perubahan_2" not in text and "perubahan_desember" not in text
    assert "-98,99%" in text and "-98,90%" in text  # the wrong efficiency in Tabel 3.9
    svg = dom[dom.index("<svg"):dom.index("</svg>")]
    assert svg.count("<rect") == 14 and "Capaian anggaran" in svg and "Program (kode)" in svg


def test_rendered_page_shows_the_changes_between_versions(seed_html: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path / "profile", "--dump-dom", seed_html.as_uri()).stdout
    changes = dom[dom.index('<section class="changes">'):]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", changes))
    assert text.startswith(" Perubahan antar versi ")
    for title in ("Perjanjian Kinerja Tahun 2023 → Perjanjian Kinerja Perubahan Kedua Tahun 2023",
                  "Perjanjian Kinerja Perubahan Kedua Tahun 2023 → Perubahan Perjanjian Kinerja Tahun 2023 "
                  "(target kinerja)"):
        assert title in text
    assert "pk_awal" not in text and "sub_kegiatan" not in text
    # The sub kegiatan dropped in the December revision, as `lkjip diff` lists it.
    assert "1.06.04.2.02.0005 sub kegiatan Pemberian Layanan Kedaruratan dihapus 15.000.000" in text
    assert "1.06.05 -8.187.500.000 -8.187.500.000 -8.385.000.000" in text  # a program subtotal row
    assert "Tingkat sub kegiatan dibandingkan dengan versi Perjanjian Kinerja Tahun 2023" in text
    assert changes.count('<tr class="change ') == 55 and "<script" not in dom


def test_screenshot_of_the_a4_page(seed_html: Path, tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    width, height = A4_WINDOW
    _chromium(tmp_path / "profile", f"--screenshot={png}", f"--window-size={width},{height}",
              seed_html.as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == A4_WINDOW
    assert len(data) > 50_000  # a rendered page of text, not a blank image


def test_printed_on_a4_statement_portrait_attachment_landscape(seed_html: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "page.pdf"
    _chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", seed_html.as_uri())
    boxes = re.findall(rb"MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert sizes == {(595, 842), (842, 595)}  # A4 in points, both orientations


def test_hostile_report_data_stays_text_in_the_browser(tmp_path: Path) -> None:
    report = tmp_path / "hostile.yaml"
    report.write_text(HOSTILE, encoding="utf-8")
    assert main(["reviu", str(report), "-o", str(tmp_path / "out"), "--format", "html"]) == 1
    [page] = (tmp_path / "out").glob("*.html")
    dom = _chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert "<script" not in dom and "<img" not in dom  # parsed as text, not as elements
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(2)&gt;" in dom
    assert '=HYPERLINK("http://x","y")' in dom
