"""Root-cause diagnosis (validator/diagnosis): one mistake is one matter, at its figure.

The cases are the seed report with one real-looking mistake typed into it, the way an
office makes them: a transposed amount, a shifted separator, a figure copied from the row
above or from the PK awal, a percentage cut instead of rounded, one wrong figure in every
table, and a total whose parts cannot tell which of them is wrong.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SEED_REPORT
from validator.cache import ResultCache
from validator.cli import main
from validator.diagnosis import hints
from validator.findings import Finding
from validator.runner import ReportResult, check_one, check_paths

SEED_TEXT = SEED_REPORT.read_text(encoding="utf-8")
ALARM = ("error", "warning")


def _typed(tmp_path: Path, *changes: tuple[int, str, str]) -> Path:
    """The seed with each (line, old, new) typed in; the old text must be on that line."""
    lines = SEED_TEXT.splitlines(keepends=True)
    for line, old, new in changes:
        assert old in lines[line - 1], (line, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(old, new)
    path = tmp_path / "report.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _new(result: ReportResult) -> list[Finding]:
    """The error and warning findings the change added to the seed's own."""
    seed = {(f.code, f.table, f.kode, f.column) for f in check_one(SEED_REPORT).findings}
    return [f for f in result.findings
            if f.severity in ALARM and (f.code, f.table, f.kode, f.column) not in seed]


def _one_root(findings: list[Finding]) -> tuple[str, str, str]:
    causes = {f.root for f in findings}
    assert len(causes) == 1, [(f.code, f.table, f.kode, f.root) for f in findings]
    cause = findings[0].cause
    assert cause is not None and cause.diagnosed and not cause.ambiguous
    [suspect] = cause.suspects
    return suspect.place()


def test_transposed_sub_kegiatan_in_tabel_2_7_is_one_root_with_its_knock_on_findings(tmp_path: Path) -> None:
    # 49.000.000 typed 94.000.000: Tabel 2.7's kegiatan no longer adds up, and Tabel 3.7 and
    # 3.9 (right) no longer match the final version. One matter, at the Tabel 2.7 cell.
    new = _new(check_one(_typed(tmp_path, (596, "49.000.000", "94.000.000"))))
    assert {(f.code, f.table) for f in new} == {("SUM001", "tabel_2_7"), ("REC003", "tabel_3_7"),
                                                ("REC003", "tabel_3_9")}
    assert _one_root(new) == ("tabel_2_7", "1.06.01.2.01.0001", "anggaran")
    suspect = new[0].cause.suspects[0]  # type: ignore[union-attr]
    assert suspect.expected == Decimal("49000000") and suspect.expected_in("id") == "49.000.000"
    assert suspect.hints[0] == "transposed_digits"
    assert all(f.caused_by == f.root for f in new)  # none sits on the root figure


def test_shifted_separator_in_a_realisation(tmp_path: Path) -> None:
    # 47.868.000,00 typed 478.680.000,00 in Tabel 3.7: its absorption, its kegiatan's sum and
    # Tabel 3.9's realisation all disagree with it.
    new = _new(check_one(_typed(tmp_path, (949, "47.868.000,00", "478.680.000,00"))))
    assert {f.code for f in new} >= {"FRM004", "SUM001", "REC001"}
    assert _one_root(new) == ("tabel_3_7", "1.06.01.2.01.0001", "realisasi")
    assert "shifted_separator:10" in new[0].cause.suspects[0].hints  # type: ignore[union-attr]


def test_copied_from_the_row_above(tmp_path: Path) -> None:
    new = _new(check_one(_typed(tmp_path, (954, "12.400.500,00", "47.868.000,00"))))
    assert _one_root(new) == ("tabel_3_7", "1.06.01.2.01.0006", "realisasi")
    suspect = new[0].cause.suspects[0]  # type: ignore[union-attr]
    assert "copied_from_row_above" in suspect.hints and suspect.expected_in("id") == "12.400.500,00"


def test_copied_from_another_version(tmp_path: Path) -> None:
    # Tabel 3.7 states the PK awal budget (Tabel 2.5, 150.000.000) instead of the final one.
    new = _new(check_one(_typed(tmp_path, (948, "49.000.000,00", "150.000.000,00"))))
    assert _one_root(new) == ("tabel_3_7", "1.06.01.2.01.0001", "anggaran")
    suspect = new[0].cause.suspects[0]  # type: ignore[union-attr]
    assert "copied_from_version:tabel_2_5" in suspect.hints
    assert "agrees_with_version:tabel_2_7" in suspect.hints


def test_truncated_instead_of_rounded(tmp_path: Path) -> None:
    # 47.868.000 / 49.000.000 = 97,6897...%: Tabel 3.7 prints 97,69%, Tabel 3.9 cuts it to 97%
    # (rounded it would be 98%); its efficiency and Tabel 3.7 no longer agree with it.
    new = _new(check_one(_typed(tmp_path, (1257, "97.69%", "97%"))))
    assert {f.code for f in new} == {"FRM004", "FRM006", "REC001"}
    assert _one_root(new) == ("tabel_3_9", "1.06.01.2.01.0001", "capaian_anggaran")
    assert "truncated" in new[0].cause.suspects[0].hints  # type: ignore[union-attr]


def test_the_same_wrong_figure_in_every_table(tmp_path: Path) -> None:
    # Kegiatan 1.06.01.2.02 has one sub kegiatan; its budget is typed the same wrong way in
    # Tabel 2.7, 3.7 and 3.9: a mistake in the source data, one matter.
    report = check_one(SEED_REPORT).report
    assert report is not None
    places = []
    for table_id in ("tabel_2_7", "tabel_3_7", "tabel_3_9"):
        table = report.table(table_id)
        assert table is not None
        figure = table.by_kode()["1.06.01.2.02.0001"].figure("anggaran")
        assert figure is not None
        places.append((figure.location.line or 0, figure.raw, figure.raw.replace("2.685", "2.658")))
    new = _new(check_one(_typed(tmp_path, *places)))
    assert {(f.code, f.table) for f in new} == {("SUM001", "tabel_2_7"), ("SUM001", "tabel_3_7"),
                                                ("SUM001", "tabel_3_9"), ("FRM004", "tabel_3_7"),
                                                ("FRM004", "tabel_3_9")}
    [cause] = {f.root: f.cause for f in new}.values()
    assert cause is not None and not cause.ambiguous
    assert sorted(s.table for s in cause.suspects) == ["tabel_2_7", "tabel_3_7", "tabel_3_9"]
    assert all("same_in_every_table" in s.hints and "transposed_digits" in s.hints for s in cause.suspects)


def test_equally_small_explanations_are_ambiguous_never_guessed(tmp_path: Path) -> None:
    # A sub kegiatan of Tabel 2.5 (the PK awal) appears in no other table: the kegiatan total
    # says one of its parts is wrong, not which one. 60.000.000 -> 65.000.000 is no slip.
    line = _line("tabel_2_5", "1.06.01.2.08.0002")
    new = _new(check_one(_typed(tmp_path, (line, "60.000.000", "65.000.000"))))
    [finding] = new
    assert finding.code == "SUM001" and finding.caused_by == finding.root
    cause = finding.cause
    assert cause is not None and cause.ambiguous and len(cause.suspects) > 1
    assert ("tabel_2_5", "1.06.01.2.08.0002", "anggaran") in [s.place() for s in cause.suspects]
    assert all(not s.hints for s in cause.suspects)


def _line(table_id: str, kode: str, column: str = "anggaran") -> int:
    report = check_one(SEED_REPORT).report
    assert report is not None
    table = report.table(table_id)
    assert table is not None
    figure = table.by_kode()[kode].figure(column)
    assert figure is not None and figure.location.line is not None
    return figure.location.line


def test_the_seed_findings_each_stand_alone_but_the_transposed_efficiency_gets_its_hint() -> None:
    findings = check_one(SEED_REPORT).findings
    assert len(findings) == 20 and all(f.root is not None for f in findings)
    assert not [f for f in findings if f.caused_by]
    [swapped] = [f for f in findings if f.code == "FRM006" and f.stated == "1,01%"]
    assert swapped.cause is not None and swapped.cause.suspects[0].hints == ("transposed_digits",)


def test_cached_and_batch_results_carry_the_diagnosis(tmp_path: Path) -> None:
    path = _typed(tmp_path, (596, "49.000.000", "94.000.000"))
    cache = ResultCache(tmp_path / "cache", secret=b"k" * 32)
    first = check_one(path, cache=cache)
    again = check_one(path, cache=cache)
    assert again.report is not None and again.report.tabel and not again.report.tabel[0].rows  # a hit
    assert [(f.root, f.caused_by, f.cause) for f in again.findings] == \
        [(f.root, f.caused_by, f.cause) for f in first.findings]
    from validator.batch import check_many

    [batched] = list(check_many([path], jobs=2))
    assert [(f.root, f.caused_by) for f in batched.findings] == \
        [(f.root, f.caused_by) for f in first.findings]


def test_json_names_the_root_of_each_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _typed(tmp_path, (596, "49.000.000", "94.000.000"))
    main(["check", str(path), "--format", "json", "--lang", "en"])
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1.2"
    [report] = data["reports"]
    roots = {r["id"]: r for r in report["roots"]}
    assert all(f["root"] in roots for f in report["findings"])
    following = [f for f in report["findings"] if f["caused_by"]]
    assert {f["code"] for f in following} == {"SUM001", "REC003"}
    root = roots[following[0]["caused_by"]]
    assert root["consequences"] == 3 and not root["ambiguous"]
    assert root["figures"][0]["table"] == "tabel_2_7" and root["figures"][0]["expected"] == "49000000"
    assert root["figures"][0]["hints"][0]["code"] == "transposed_digits"


def test_terminal_lists_consequences_under_their_root(tmp_path: Path) -> None:
    from rich.console import Console

    from validator.formatters import terminal

    result = check_paths([_typed(tmp_path, (596, "49.000.000", "94.000.000"))])
    console = Console(width=400, record=True, color_system=None)
    terminal.show(result, "id", console)
    text = console.export_text()
    root = next(line for line in text.splitlines() if "akar masalah" in line and "94.000.000" in line)
    assert "seharusnya 49.000.000" in root and "dua angka tertukar" in root
    following = [line for line in text.splitlines() if "akibat dari" in line]
    assert len(following) == 3 and not any("seharusnya" in line for line in following)


@pytest.mark.parametrize(("stated", "right", "decimals", "expected"), [
    ("96800000000", "69800000000", 0, True),  # 96,8 M for 69,8 M: the issue's own example
    ("1.01", "1.10", 2, True),  # the seed's efficiency
    ("165200000", "162500000", 0, True),
    ("162500001", "162500000", 0, False),
    ("-2437000000", "2437000000", 0, False),  # a sign is not a transposition
])
def test_transposed_digits(stated: str, right: str, decimals: int, expected: bool) -> None:
    assert hints.transposed(Decimal(stated), Decimal(right), decimals) is expected


@pytest.mark.parametrize(("stated", "right", "factor"), [
    ("9854", "98.54", 100), ("4786800", "47868000", 10), ("1250000000", "1250000", 1000),
    ("98.55", "98.54", None),
])
def test_shifted_separator(stated: str, right: str, factor: int | None) -> None:
    assert hints.shifted(Decimal(stated), Decimal(right)) == factor


def test_truncated() -> None:
    assert hints.truncated(Decimal("54.20"), Decimal("54.2093"), 2)
    assert not hints.truncated(Decimal("54.21"), Decimal("54.2093"), 2)
    assert not hints.truncated(Decimal("54.20"), Decimal("54.2049"), 2)  # rounding gives 54,20 too


def test_a_mistyped_pembilang_is_never_put_on_the_realisasi(tmp_path: Path) -> None:
    # Issue 16: "a mistyped pembilang was reported on realisasi". 114.619 typed 104.619: the
    # realisasi agrees with the measurement table, so the root is the pembilang or, as the
    # counts are large, the penyebut (both solve to whole numbers): one of the two.
    line = next(n for n, text in enumerate(SEED_TEXT.splitlines(), 1) if 'pembilang: "114.619"' in text)
    findings = check_one(_typed(tmp_path, (line, "114.619", "104.619"))).findings
    [finding] = [f for f in findings if f.code == "FRM003" and f.severity in ALARM]
    assert finding.code == "FRM003" and finding.column == "realisasi" and finding.caused_by == finding.root
    cause = finding.cause
    assert cause is not None and cause.ambiguous
    assert sorted(s.column for s in cause.suspects) == ["pembilang", "penyebut"]


def test_rows_failing_on_their_own_are_separate_matters() -> None:
    # A real report: two indicators of Tabel 3.8 each miss their capaian formula (a third,
    # S5.I1, holds since its rounded target is read as rounded), and a stated average
    # (which agrees with the capaian) links them. Two matters, each "one of" its own row's
    # capaian, realisasi or target; not one matter over six figures.
    findings = check_one(Path("fixtures/real/manggaraitimur-2019.yaml")).findings
    formula = [f for f in findings if f.code == "FRM001"]
    assert len(formula) == 2 and len({f.root for f in formula}) == 2
    for finding in formula:
        cause = finding.cause
        assert cause is not None and cause.ambiguous
        assert {s.kode for s in cause.suspects} == {finding.kode}
        assert sorted(s.column for s in cause.suspects) == ["capaian", "realisasi", "target"]


def test_a_predicate_follows_from_the_score_it_is_stated_with(tmp_path: Path) -> None:
    # The text's AKIP score 80,15 typed 78,15: it no longer matches the AKIP table, and its
    # predicate A (right) no longer fits it. One matter at the score; the predicate follows.
    new = _new(check_one(_typed(tmp_path, (1969, "80,15", "78,15"))))
    assert {f.code for f in new} == {"AGG010", "BND002"}
    assert _one_root(new) == ("pernyataan", "BAB III B", "nilai_akip")
    [predicate] = [f for f in new if f.code == "BND002"]
    assert predicate.caused_by == predicate.root
