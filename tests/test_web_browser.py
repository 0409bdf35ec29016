"""`lkjip serve` in a real browser: Playwright drives Debian's Chromium through the main
journeys (log in, browse, mark a matter resolved, record a response, upload a report and
see its findings, download a document) and takes the screenshots of docs/reviu.md
(`LKJIP_UPDATE_SCREENSHOTS=1` to refresh them).

Skipped only where chromium or the playwright package is not installed; .ci/run installs
both (Playwright drives the system Chromium: no browser is downloaded).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.web_server import PASSWORDS, SEED, running, seeded_register
from validator.web.app import Settings

CHROMIUM = shutil.which("chromium")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
SHOTS = ROOT / "docs" / "img"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    with running(Settings(seeded_register(tmp_path), "id", login=True)) as base:
        yield base


def _login(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/")
    assert page.url.endswith("/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_an_auditor_logs_in_browses_marks_a_matter_resolved_and_records_a_response(
    browser: Any, site: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}/")
    page.fill("#name", "auditor")
    page.fill("#password", "salah-sekali")
    page.click("button[type=submit]")
    assert page.inner_text("#login-failed") == "Nama pengguna atau kata sandi salah."
    _login(page, site, "auditor")
    assert page.locator("#offices tbody tr").count() == 2
    page.click("text=Dinas Sosial Kabupaten Pamekasan")
    assert page.locator("#matters tbody tr").count() == 7
    _shot(page, "serve-office.png")
    page.click("#matters tbody tr:has-text('tertulis -98,99%') a")  # the wrong efficiency in Tabel 3.9
    assert "-98,99%" in page.inner_text("#matter") and page.inner_text("#status") == "baru"
    page.select_option("#status-choice", "resolved")
    page.fill("#note", "Diperbaiki pada draf 2")
    page.click("#status-form button")
    assert page.inner_text("#status") == "selesai" and page.is_visible("#saved")
    page.fill("#response-text", "Angka efisiensi diketik ulang dari DPA.")
    page.click("#response-form button")
    assert page.inner_text("#response") == "Angka efisiensi diketik ulang dari DPA."
    history = page.inner_text("#history")
    assert "status diubah" in history and "Diperbaiki pada draf 2" in history and "auditor" in history
    _shot(page, "serve-matter.png")
    page.goto(f"{site}/office/1?status=resolved")
    assert page.locator("#matters tbody tr").count() == 1
    page.close()


def test_a_planner_uploads_a_report_and_sees_its_findings(browser: Any, site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, site, "planner")
    assert page.locator("#offices tbody tr").count() == 1  # only their own office
    page.click("text=Periksa laporan")
    page.set_input_files("#report", str(SEED))
    page.click("form.box button")
    page.wait_for_selector("#findings")
    assert "Dinas Sosial Kabupaten Pamekasan 2023" in page.inner_text("#result-title")
    table = page.inner_text("#findings")
    assert "-98,99%" in table and "laporan.yaml:" in table
    assert page.locator("#findings tbody tr").count() == 20  # the seed's 20 findings
    _shot(page, "serve-upload.png")
    page.close()


def test_a_document_is_downloaded(browser: Any, site: str, tmp_path: Path) -> None:
    from docx import Document

    page = browser.new_page(accept_downloads=True)
    _login(page, site, "auditor")
    page.click("text=Dinas Sosial Kabupaten Pamekasan")
    with page.expect_download() as download:
        page.click("a.chr-docx")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "dinas-sosial-kabupaten-pamekasan-2023-draf-1.chr.docx"
    assert len(Document(str(target)).tables[0].rows) == 8  # the head row and the seed's 7 matters
    page.close()


def _shot(page: Any, name: str) -> None:
    """A screenshot: into docs/img for docs/reviu.md with LKJIP_UPDATE_SCREENSHOTS=1, else
    only taken (the page renders) and thrown away."""
    data = page.screenshot(full_page=False)
    assert data.startswith(b"\x89PNG")
    if os.environ.get("LKJIP_UPDATE_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        (SHOTS / name).write_bytes(data)
