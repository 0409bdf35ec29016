"""Suppressions (inline comments, lkjip.toml) and the baseline: accepted findings keep
their reason and are counted, stale ones are reported, identities survive line shifts."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_REPORT
from validator.cli import main
from validator.read.yaml_reader import inline_suppressions

EFISIENSI_ROW = '        kode: "1.06.04.2.02"\n'  # a row of several tables
EFISIENSI = '        efisiensi: "-98,99%"\n'


def _seed(tmp_path: Path, edit: Any = None) -> Path:
    folder = tmp_path / "laporan"
    folder.mkdir()
    target = folder / "dinsos.yaml"
    text = SEED_REPORT.read_text(encoding="utf-8")
    target.write_text(edit(text) if edit else text, encoding="utf-8")
    return target


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _codes(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(f["code"], f["kode"]) for r in data["reports"] for f in r["findings"]]


def test_comment_on_the_figure_line_suppresses_that_finding_with_its_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path, lambda t: t.replace(
        EFISIENSI, EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006 -- dihitung BPKAD, disepakati\n"))
    _, plain = _json([str(SEED_REPORT)], capsys)
    code, data = _json([str(report)], capsys)
    assert code == 1
    assert ("FRM006", "1.06.04.2.02") not in _codes(data)
    assert ("FRM006", "1.06.04.2.02.0008") in _codes(data)  # the next row is not covered
    assert len(_codes(data)) == len(_codes(plain)) - 1
    (accepted,) = data["reports"][0]["suppressed"]
    assert (accepted["code"], accepted["kode"]) == ("FRM006", "1.06.04.2.02")
    assert accepted["reason"] == "dihitung BPKAD, disepakati"
    assert accepted["suppressed_by"]["line"] == accepted["location"]["line"]
    assert data["summary"]["suppressed"] == 1


def test_comment_above_a_row_covers_the_row_and_at_the_top_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = tmp_path / "row"
    row.mkdir()
    report = _seed(row, lambda t: t.replace(
        '      - "no": "31"\n        kode: "1.06.04.2.02"\n',
        '      # lkjip: abaikan FRM006 -- baris ini\n      - "no": "31"\n        kode: "1.06.04.2.02"\n'))
    _, data = _json([str(report)], capsys)
    assert [s["kode"] for s in data["reports"][0]["suppressed"]] == ["1.06.04.2.02"]
    top = tmp_path / "top"
    top.mkdir()
    report = _seed(top, lambda t: "# lkjip: abaikan FRM006, REV008 -- seluruh berkas\n" + t)
    _, data = _json([str(report)], capsys)
    accepted = {s["code"] for s in data["reports"][0]["suppressed"]}
    assert accepted == {"FRM006", "REV008"}
    assert not {c for c, _ in _codes(data)} & accepted


def test_the_scope_of_a_comment_is_its_node() -> None:
    text = ("format: lkjip/1\ntabel:\n- id: a\n  baris:\n  # lkjip: abaikan SUM001 -- r\n  - kode: 1\n"
            "    target: 10  # lkjip: abaikan FRM006 -- f\n    x: 2\n  - kode: 2\n")
    row, figure = inline_suppressions(text, "a.yaml")
    assert (row.first, row.last) == (6, 8)
    assert (figure.first, figure.last) == (7, 7)
    assert inline_suppressions("format: lkjip/1\n", "a.yaml") == ()


def test_a_comment_without_reason_is_not_applied_and_is_a_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path, lambda t: t.replace(EFISIENSI,
                                                 EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006\n"))
    code, data = _json([str(report), "--lang", "en"], capsys)
    assert code == 1
    assert ("FRM006", "1.06.04.2.02") in _codes(data)  # still reported
    (invalid,) = [f for f in data["reports"][0]["findings"] if f["code"] == "LKJ001"]
    assert invalid["severity"] == "error" and "no reason" in invalid["message"]
    assert data["reports"][0]["suppressed"] == []


def test_a_stale_comment_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path, lambda t: t.replace(
        EFISIENSI_ROW, EFISIENSI_ROW.rstrip("\n") + "  # lkjip: abaikan SUM001 -- tidak ada lagi\n", 1))
    _, data = _json([str(report)], capsys)
    (stale,) = [f for f in data["reports"][0]["findings"] if f["code"] == "LKJ002"]
    assert stale["severity"] == "warning" and "tidak ada lagi" in stale["message"]
    # a rule not in force (--select) is not judged: its comment is not stale
    _, data = _json([str(report), "--select", "FRM,LKJ"], capsys)
    assert "LKJ002" not in {c for c, _ in _codes(data)}
    # the findings about suppressions are selected and ignored like rules
    _, data = _json([str(report), "--ignore", "LKJ002"], capsys)
    assert "LKJ002" not in {c for c, _ in _codes(data)} and _codes(data)


def _workbook(tmp_path: Path) -> Path:
    book = tmp_path / "laporan" / "dinsos.xlsx"
    book.parent.mkdir(parents=True)
    assert main(["convert", str(SEED_REPORT), str(book)]) == 0
    return book


def test_lkjip_toml_suppresses_findings_of_a_workbook(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(tmp_path)
    (tmp_path / "lkjip.toml").write_text(
        '[[suppress]]\npaths = ["laporan/*.xlsx"]\nrules = ["FRM006"]\ntable = "tabel_3_9"\n'
        'kode = "1.06.04.2.02"\nreason = "efisiensi dihitung BPKAD"\n', encoding="utf-8")
    capsys.readouterr()
    _, data = _json([str(book)], capsys)
    (accepted,) = data["reports"][0]["suppressed"]
    assert accepted["kode"] == "1.06.04.2.02" and accepted["location"]["sheet"]
    assert accepted["reason"] == "efisiensi dihitung BPKAD"
    assert accepted["suppressed_by"] == {"file": str(tmp_path / "lkjip.toml"), "line": 1, "column": 1}
    assert ("FRM006", "1.06.04.2.02.0008") in _codes(data)


def test_lkjip_toml_suppression_needs_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(tmp_path)
    (tmp_path / "lkjip.toml").write_text('[[suppress]]\npaths = ["laporan/*"]\nrules = ["FRM006"]\n',
                                         encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(book)]) == 2
    err = capsys.readouterr().err
    assert "lkjip.toml:1" in err and "suppress[0].reason" in err


def test_a_stale_lkjip_toml_suppression_is_reported_once_per_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(tmp_path)
    shutil.copy(book, book.with_name("lain.xlsx"))
    (tmp_path / "lkjip.toml").write_text(
        'lang = "id"\n\n[[suppress]]\npaths = ["laporan/*.xlsx"]\nrules = ["SUM003"]\nreason = "lama"\n',
        encoding="utf-8")
    capsys.readouterr()
    for jobs in ("1", "2"):
        _, data = _json([str(book.parent), "--jobs", jobs], capsys)
        stale = [f for r in data["reports"] for f in r["findings"] if f["code"] == "LKJ002"]
        assert len(stale) == 1, jobs
        assert stale[0]["location"] == {"file": str(tmp_path / "lkjip.toml"), "line": 3, "column": 1}
    _, data = _json([str(book.parent), "--ignore", "LKJ002"], capsys)
    assert not [f for r in data["reports"] for f in r["findings"] if f["code"] == "LKJ002"]


def test_suppressions_are_served_from_the_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LKJIP_NO_CACHE")
    report = _seed(tmp_path, lambda t: t.replace(
        EFISIENSI, EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006 -- disepakati\n"))
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, cold = _json([str(report), *cache], capsys)
    _, warm = _json([str(report), *cache], capsys)
    assert list((tmp_path / "cache").glob("??/*.json"))
    assert warm["reports"][0]["suppressed"] == cold["reports"][0]["suppressed"] != []


def test_reviu_attachment_lists_accepted_findings_with_their_reason(tmp_path: Path) -> None:
    report = _seed(tmp_path, lambda t: t.replace(
        EFISIENSI, EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006 -- dihitung BPKAD, disepakati\n"))
    out = tmp_path / "reviu"
    main(["reviu", str(report), "-o", str(out), "--format", "html,md,xlsx"])
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "Temuan yang Diterima dengan Alasan" in html and "dihitung BPKAD, disepakati" in html
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "dihitung BPKAD, disepakati" in markdown
    from openpyxl import load_workbook

    sheet = load_workbook(next(out.glob("*.xlsx")))["Diterima"]
    assert any(c.value == "dihitung BPKAD, disepakati" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize("fmt", ["markdown", "html", "github", "junit", "sarif"])
def test_every_format_counts_what_was_accepted(fmt: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path, lambda t: t.replace(
        EFISIENSI, EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006 -- disepakati\n"))
    main(["check", "--format", fmt, str(report)])
    out = capsys.readouterr().out
    assert "1 temuan diabaikan dengan alasan" in out or '"justification": "disepakati"' in out


def test_baseline_round_trip_survives_line_shifts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path)
    base = tmp_path / "lkjip-baseline.json"
    assert main(["check", str(report), "--write-baseline", str(base)]) == 0
    written = json.loads(base.read_text(encoding="utf-8"))
    assert sum(e["count"] for e in written["findings"]) == 20
    assert all("line" not in e for e in written["findings"])
    # lines added above every finding: nothing is new
    report.write_text("# catatan baru\n# dua baris\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    code, data = _json([str(report), "--baseline", str(base)], capsys)
    assert code == 0 and _codes(data) == []
    assert data["summary"]["baselined"] == 20
    main(["check", str(report), "--baseline", str(base)])
    assert "20 temuan lama (baseline) tidak dilaporkan" in capsys.readouterr().out


def test_baseline_reports_new_findings_and_stale_entries(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    report = _seed(tmp_path)
    base = tmp_path / "base.json"
    main(["check", str(report), "--write-baseline", str(base)])
    # fix one figure (its FRM006 entry goes stale) and break another (a new finding)
    text = report.read_text(encoding="utf-8").replace(EFISIENSI, '        efisiensi: "-98,90%"\n')
    text = text.replace('efisiensi: "-53,84%"', 'efisiensi: "-50,00%"')
    report.write_text(text, encoding="utf-8")
    capsys.readouterr()
    _, data = _json([str(report), "--baseline", str(base)], capsys)
    codes = _codes(data)
    assert codes == [("FRM006", "1.06.04.2.01.0004"), ("LKJ003", "1.06.04.2.02")]


def test_a_broken_baseline_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.json"
    base.write_text("[1, 2]", encoding="utf-8")
    assert main(["check", str(SEED_REPORT), "--baseline", str(base)]) == 2
    assert "baseline" in capsys.readouterr().err


def test_findings_about_suppressions_are_notes_of_the_reviu(tmp_path: Path) -> None:
    from validator.reviu.document import build_document
    from validator.reviu.statement import default_template
    from validator.runner import check_paths

    report = _seed(tmp_path, lambda t: t.replace(EFISIENSI,
                                                 EFISIENSI.rstrip("\n") + "  # lkjip: abaikan FRM006\n"))
    result = check_paths([report]).reports[0]
    assert result.report is not None
    doc = build_document(result.report, result.findings, {}, default_template("id"), "id",
                         date(2024, 3, 1), result.coverage, result.suppressed)
    assert "LKJ001" not in {row.rule for row in doc.matters}
    assert "LKJ001" in {row.rule for row in doc.notes}
