"""The number parser on every printed form of the seed and on malformed ones."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SEED_REPORT
from validator.load import load_report
from validator.model import Figure
from validator.numbers import NumberFormatError, format_en, format_id, parse_number, unit_scale

D = Decimal


@pytest.mark.parametrize(
    ("text", "style", "value", "decimals", "percent", "unit", "grade", "nil"),
    [
        ("3.637.682.131,00", "id", D("3637682131.00"), 2, False, None, None, False),
        ("3.637.682.131", "id", D("3637682131"), 0, False, None, None, False),
        ("94,47%", "id", D("94.47"), 2, True, None, None, False),
        ("94.47%", "id", D("94.47"), 2, True, None, None, False),
        ("98%", "id", D("98"), 0, True, None, None, False),
        ("87.5%", "id", D("87.5"), 1, True, None, None, False),
        ("-5,74%", "id", D("-5.74"), 2, True, None, None, False),
        ("-37,87%", "id", D("-37.87"), 2, True, None, None, False),
        ("5,53%", "id", D("5.53"), 2, True, None, None, False),
        ("0,00", "id", D("0.00"), 2, False, None, None, False),
        ("-", "id", D("0"), 0, False, None, None, True),
        ("A (81,50)", "id", D("81.50"), 2, False, None, "A", False),
        ("A (80,15)", "id", D("80.15"), 2, False, None, "A", False),
        ("742 Orang", "id", D("742"), 0, False, "Orang", None, False),
        ("1 Unit Kerja", "id", D("1"), 0, False, "Unit Kerja", None, False),
        ("3 dokumen", "id", D("3"), 0, False, "dokumen", None, False),
        ("112025 Orang", "id", D("112025"), 0, False, "Orang", None, False),
        ("2,17", "id", D("2.17"), 2, False, None, None, False),
        ("1,5", "id", D("1.5"), 1, False, None, None, False),
        ("114.619", "id", D("114619"), 0, False, None, None, False),
        ("Rp. 25.299.819.831,00,-", "id", D("25299819831.00"), 2, False, None, None, False),
        ("Rp 3.436.652.019,00", "id", D("3436652019.00"), 2, False, None, None, False),
        ("3,862,987,429.00", "en", D("3862987429.00"), 2, False, None, None, False),
        ("55.00%", "en", D("55.00"), 2, True, None, None, False),
        ("A (81,50)", "en", D("81.50"), 2, False, None, "A", False),
        ("1.500", "en", D("1.500"), 3, False, None, None, False),
    ],
)
def test_printed_forms(text: str, style: str, value: Decimal, decimals: int, percent: bool,
                       unit: str | None, grade: str | None, nil: bool) -> None:
    parsed = parse_number(text, style)  # type: ignore[arg-type]
    assert (parsed.value, parsed.decimals, parsed.percent, parsed.unit, parsed.grade, parsed.nil) == (
        value, decimals, percent, unit, grade, nil
    )


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("25.000.00", "id"),   # the seed's Tabel 2.5: a last group of two digits
        ("1,234.56", "id"),    # English style in an Indonesian table
        ("1.234,56", "en"),    # Indonesian style in an English table
        ("12..5", "id"),
        ("1e309", "id"),
        ("NaN", "id"),
        ("inf", "id"),
        ("", "id"),
        ("1.2.3", "id"),
        ("1,2,3", "id"),
        ("12,", "id"),
        ("Rp", "id"),
        ("A", "id"),           # a bare grade is not a number (the builder keeps it as a grade)
        ("9" * 40, "id"),
        ("x" * 500, "id"),
        ("=1+1", "id"),
        ("12 34", "id"),
    ],
)
def test_malformed_forms_are_refused(text: str, style: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text, style)  # type: ignore[arg-type]


def test_every_figure_of_the_seed_reads_except_the_two_misprints() -> None:
    report = load_report(SEED_REPORT)
    unreadable = []
    count = 0
    for table in report.tabel:
        rows = (*table.rows, table.total) if table.total else table.rows
        for row in rows:
            for cell in row.cells.values():
                if isinstance(cell, Figure):
                    count += 1
                    if cell.error:
                        unreadable.append(cell.raw)
    assert count > 500
    assert unreadable == ["25.000.00", "25.000.00"]


@given(st.text(max_size=60))
def test_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(NumberFormatError):
        parse_number(text)


@given(st.decimals(min_value=-10**15, max_value=10**15, places=2, allow_nan=False))
def test_format_then_parse_gives_the_same_value(value: Decimal) -> None:
    assert parse_number(format_id(value, 2)).value == value
    assert parse_number(format_en(value, 2), "en").value == value


AMOUNTS = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023}
tabel:
  - id: rupiah
    label: Tabel Rupiah
    jenis: anggaran
    baris:
      - {kode: "1.06.01", anggaran: "6.329.398.300", realisasi: "Rp 1,2 M", capaian_anggaran: "98,5%"}
  - id: ribuan
    label: Tabel (dalam ribuan rupiah)
    jenis: anggaran
    skala: ribuan
    baris:
      - {kode: "1.06.01", anggaran: "6.329.398,3", realisasi: "Rp 500 juta", capaian_anggaran: "98,5%"}
  - id: kinerja
    label: Tabel 3.8
    jenis: kinerja
    skala: miliar
    baris:
      - {kode: S1, target: "100%", realisasi: "12 Orang", anggaran: "21,56", realisasi_anggaran: "-"}
pernyataan:
  - bagian: BAB IV
    total_anggaran: "Rp 25,3 M"
    total_realisasi: "24.620.080.185,00"
    serapan_anggaran: "97,31%"
"""


def test_amounts_read_in_rupiah_with_the_scale_they_were_printed_in() -> None:
    from validator.build import build_report
    from validator.read.yaml_reader import parse_yaml_tree

    report = build_report(parse_yaml_tree(AMOUNTS, "a.yaml"), "a.yaml")
    rupiah, ribuan, kinerja = report.tabel

    def read(table_row: dict[str, object], column: str) -> tuple[object, ...]:
        figure = table_row[column]
        assert isinstance(figure, Figure)
        return figure.value, figure.decimals, figure.scale, figure.error

    assert read(rupiah.rows[0].cells, "anggaran") == (D("6329398300"), 0, 0, None)
    assert read(rupiah.rows[0].cells, "realisasi") == (D("1200000000"), 1, 9, None)
    assert read(rupiah.rows[0].cells, "capaian_anggaran") == (D("98.5"), 1, 0, None)
    assert read(ribuan.rows[0].cells, "anggaran") == (D("6329398300"), 1, 3, None)
    # A unit on a figure of a table with a declared scale: which one applies is a guess.
    assert read(ribuan.rows[0].cells, "realisasi")[0] is None
    assert read(ribuan.rows[0].cells, "capaian_anggaran") == (D("98.5"), 1, 0, None)  # not an amount
    assert read(kinerja.rows[0].cells, "realisasi") == (D("12"), 0, 0, None)  # performance, not money
    assert read(kinerja.rows[0].cells, "anggaran") == (D("21560000000"), 2, 9, None)
    assert read(kinerja.rows[0].cells, "realisasi_anggaran") == (D("0"), 0, 0, None)  # nil stays 0
    statement = report.pernyataan[0].values
    assert read(statement, "total_anggaran") == (D("25300000000"), 1, 9, None)
    assert read(statement, "total_realisasi") == (D("24620080185.00"), 2, 0, None)


@pytest.mark.parametrize(("unit", "power"), [
    ("M", 9), ("miliar", 9), ("Milyar", 9), ("juta", 6), ("jt.", 6), ("rb", 3), ("ribu", 3),
    ("T", 12), ("triliun", 12), ("Orang", 0), (None, 0),
])
def test_unit_scale(unit: str | None, power: int) -> None:
    assert unit_scale(unit) == power


NOT_MEASURED = """\
format: lkjip/1
identitas: {instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023}
tabel:
  - id: kinerja
    label: Tabel 3.1
    jenis: kinerja
    baris:
      - {kode: S1, target: "-", realisasi: "n/a", capaian: "-", anggaran: "-", realisasi_anggaran: "NA"}
      - {kode: S2, realisasi: "Tidak  Diukur", capaian: "belum diukur", pembilang: "n/a"}
  - id: anggaran
    label: Tabel 3.9
    jenis: anggaran
    baris:
      - {kode: "1.06.01", realisasi_kinerja: "N/A", capaian_kinerja: "-", realisasi: "-", anggaran: "n/a"}
"""


def test_not_measured_is_a_state_of_performance_figures_only() -> None:
    from validator.build import build_report
    from validator.read.yaml_reader import parse_yaml_tree

    report = build_report(parse_yaml_tree(NOT_MEASURED, "n.yaml"), "n.yaml")
    kinerja, anggaran = report.tabel

    def state(cells: dict[str, object], column: str) -> tuple[object, ...]:
        figure = cells[column]
        assert isinstance(figure, Figure)
        return figure.value, figure.nil, figure.not_measured, figure.error is not None

    first, second = kinerja.rows[0].cells, kinerja.rows[1].cells
    assert state(first, "realisasi") == (None, False, True, False)
    assert state(first, "capaian") == (None, False, True, False)  # "-" in a kinerja table
    assert state(second, "realisasi") == (None, False, True, False)
    assert state(second, "capaian") == (None, False, True, False)
    assert state(first, "target") == (D(0), True, False, False)  # a target is not measured
    assert state(first, "anggaran") == (D(0), True, False, False)  # an amount: "-" is 0
    assert state(first, "realisasi_anggaran")[3]  # "NA" as an amount cannot be read
    assert state(second, "pembilang")[3]
    budget = anggaran.rows[0].cells
    assert state(budget, "realisasi_kinerja") == (None, False, True, False)
    assert state(budget, "capaian_kinerja") == (D(0), True, False, False)  # "-" in a budget table is 0
    assert state(budget, "realisasi") == (D(0), True, False, False)
    assert state(budget, "anggaran")[3]


def test_qualitative_figures_are_read_as_such() -> None:
    """Issue 15 item 9: a predicate with "Nilai", an index on a scale, words."""
    from validator.numbers import qualitative

    bb = parse_number("BB (Nilai 75)")
    assert (bb.grade, bb.value) == ("BB", Decimal(75))
    index = parse_number("Indeks 3 (Skala 4)")
    assert (index.value, index.unit) == (Decimal(3), "indeks (skala 4)")
    assert parse_number("Indeks 3,25").value == Decimal("3.25")
    assert qualitative("WTP") and qualitative("WTP-DPP") and qualitative("Sangat Baik")
    assert not qualitative("n/a") and not qualitative("12 Orang") and not qualitative("")


def test_unreadable_reasons_in_both_languages() -> None:
    from validator.numbers import REASONS, NumberFormatError, reason_text

    with pytest.raises(NumberFormatError) as caught:
        parse_number("25.000.00")
    assert reason_text(caught.value.reason, "id") == caught.value.reason
    assert reason_text(caught.value.reason, "en") == "invalid thousands grouping"
    assert reason_text("sisa teks tidak dikenal: 'x y'", "en") == "unknown text after the number: 'x y'"
    assert all(set(entry) == {"id", "en"} for entry in REASONS.values())


def test_an_input_used_twice_does_not_widen_the_range() -> None:
    """(2T - R) / T over T = 9,20 and R = 9,53 printed to two decimals: plain interval
    arithmetic gives about 96,20 .. 96,63 and would let 96,54 (which is T / R) pass; split
    over pieces of T the range is about 96,30 .. 96,53, still containing every true value."""
    from validator.expr import evaluate_interval, parse
    from validator.intervals import Interval

    target = Interval(Decimal("9.195"), Decimal("9.205"))
    realisasi = Interval(Decimal("9.525"), Decimal("9.535"))
    got = evaluate_interval(parse("(2 * target - realisasi) / target * 100"),
                            {"target": target, "realisasi": realisasi})
    assert got.high < Decimal("96.535")
    corners = [(2 * t - r) / t * 100
               for t in (target.low, target.high) for r in (realisasi.low, realisasi.high)]
    assert got.low <= min(corners) and max(corners) <= got.high
