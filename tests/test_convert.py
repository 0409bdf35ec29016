"""`lkjip convert` and `lkjip template`: formats by name, overwriting, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import openpyxl
import pytest
from test_formats import same, write_minimal_report

from validator.cli import main
from validator.load import load_report
from validator.write import atomic, csv_writer, yaml_writer

TEMPLATE_SHEETS = [
    "identitas", "versi", "sasaran", "akip", "akip_pita", "akip_riwayat", "pernyataan",
    "daftar_tabel", "tabel_3_7", "petunjuk",
]
"""The CSV template's files (the XLSX template: tests/test_template.py)."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    return write_minimal_report(tmp_path)


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("name", ["out.xlsx", "out.yaml", "out.yml", "out/", "out", "out.d/"])
def test_output_format_follows_the_name(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    argument = f"{tmp_path}/conv/{name}"
    target = Path(argument)
    code, _ = run(capsys, "convert", str(report_path), argument)
    assert code == 0
    assert same(load_report(report_path), load_report(target))
    if not target.suffix or name.endswith("/"):
        assert (target / "identitas.csv").is_file()


def test_xlsx_to_csv_to_yaml_through_the_cli(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "convert", str(report_path), str(tmp_path / "a.xlsx"))[0] == 0
    assert run(capsys, "convert", str(tmp_path / "a.xlsx"), str(tmp_path / "b"))[0] == 0
    assert run(capsys, "convert", str(tmp_path / "b"), str(tmp_path / "c.yaml"))[0] == 0
    assert same(load_report(report_path), load_report(tmp_path / "c.yaml"))


def test_to_option_forces_the_format(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "laporan.txt"
    assert run(capsys, "convert", str(report_path), str(target), "--to", "yaml")[0] == 0
    assert same(load_report(report_path), load_report(target.rename(tmp_path / "x.yaml")))


def test_unknown_output_suffix_is_refused(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run(capsys, "convert", str(report_path), str(tmp_path / "out.json"))
    assert code == 2 and "--to" in output
    assert not (tmp_path / "out.json").exists()


def test_existing_output_needs_force(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    before = snapshot(report_path)
    code, output = run(capsys, "convert", str(report_path), str(target), "--lang", "en")
    assert code == 2 and "--force" in output
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert snapshot(report_path) == before
    assert run(capsys, "convert", str(report_path), str(target), "--force")[0] == 0
    assert same(load_report(report_path), load_report(target))
    assert snapshot(report_path) == before


def test_output_equal_to_input_is_refused_even_with_force(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(report_path)
    other_spelling = tmp_path / "sub" / ".." / report_path.name
    for target in (report_path, other_spelling):
        code, _ = run(capsys, "convert", str(report_path), str(target), "--force")
        assert code == 2
    assert snapshot(report_path) == before


def test_csv_folder_holding_the_input_is_not_replaced(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "identitas.csv").write_text("kunci,nilai\n", encoding="utf-8")
    before = snapshot(report_path)
    code, _ = run(capsys, "convert", str(report_path), str(tmp_path) + "/", "--force")
    assert code == 2
    assert snapshot(report_path) == before


def test_folder_that_is_not_a_report_is_not_replaced(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    code, _ = run(capsys, "convert", str(report_path), str(folder), "--force")
    assert code == 2
    assert (folder / "thesis.docx").read_bytes() == b"precious"


def test_force_replaces_an_existing_csv_folder(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "csv"
    assert run(capsys, "convert", str(report_path), str(folder))[0] == 0
    (folder / "stale.csv").write_text("x\n", encoding="utf-8")
    assert run(capsys, "convert", str(report_path), str(folder), "--force")[0] == 0
    assert not (folder / "stale.csv").exists()
    assert same(load_report(report_path), load_report(folder))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "report.yaml"]


def test_write_killed_midway_leaves_the_old_output(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old content\n", encoding="utf-8")
    real_dump = yaml_writer.dump_data

    def dump_then_die(data: dict[str, object], stream: object) -> None:
        real_dump({"format": data["format"]}, stream)  # type: ignore[arg-type]
        stream.flush()  # type: ignore[attr-defined]
        assert next(tmp_path.glob(".out.yaml.*.tmp")).stat().st_size > 0  # partial output
        raise KeyboardInterrupt  # as if killed

    monkeypatch.setattr(yaml_writer, "dump_data", dump_then_die)
    code, _ = run(capsys, "convert", str(report_path), str(target), "--force")
    assert code == 2  # click turns the interrupt into "Aborted"
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml", "report.yaml"]


def test_csv_write_killed_midway_leaves_the_old_folder(
    report_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "csv"
    assert run(capsys, "convert", str(report_path), str(folder))[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_sheet_csv = csv_writer.sheet_csv
    calls: list[int] = []

    def fail_on_third(rows: list[list[str]]) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk gone")
        return real_sheet_csv(rows)

    monkeypatch.setattr(csv_writer, "sheet_csv", fail_on_third)
    code, _ = run(capsys, "convert", str(report_path), str(folder), "--force")
    assert code == 3  # an unexpected failure, but the old folder is whole
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "report.yaml"]


def test_atomic_file_keeps_the_original_on_error(tmp_path: Path) -> None:
    target = tmp_path / "data.bin"
    target.write_bytes(b"original")
    with pytest.raises(RuntimeError), atomic.atomic_file(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]


def test_missing_input_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(capsys, "convert", str(tmp_path / "nope.yaml"), str(tmp_path / "out.xlsx"))
    assert code == 2
    assert not (tmp_path / "out.xlsx").exists()


def test_template_xlsx_has_every_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "t.xlsx"
    code, _ = run(capsys, "template", "--xlsx", str(target))
    assert code == 0
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "petunjuk"
    assert set(TEMPLATE_SHEETS) - {"tabel_3_7"} <= set(workbook.sheetnames)
    assert [c.value for c in workbook["identitas"][1]] == ["kunci", "nilai"]
    assert workbook["identitas"]["A1"].font.b
    assert workbook["versi"]["A1"].value == "id"
    assert workbook["daftar_tabel"]["A2"].value == "tabel_2_1"
    help_text = " ".join(str(c.value) for row in workbook["petunjuk"].iter_rows() for c in row)
    assert "wajib" in help_text and "required" in help_text


def test_template_csv_and_overwrite_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "t"
    assert run(capsys, "template", "--csv", str(folder))[0] == 0
    assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(TEMPLATE_SHEETS)
    assert run(capsys, "template", "--csv", str(folder))[0] == 2
    assert run(capsys, "template", "--csv", str(folder), "--force", "--lang", "en")[0] == 0
    assert run(capsys, "template")[0] == 2


def test_output_to_a_device_writes_through_it(tmp_path: Path) -> None:
    """`--output /dev/null` must not replace the device with a regular file."""
    from validator.write.atomic import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    import threading

    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"findings")
    reader.join(timeout=10)
    assert received == [b"findings"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_input_error_survives_pickling() -> None:
    import pickle

    from validator.errors import InputError
    from validator.model import Location

    error = InputError.at(Location("r.yaml", 3, 1), "file_missing")
    copy = pickle.loads(pickle.dumps(error))
    assert copy.describe("en") == error.describe("en")


def test_convert_accepts_what_check_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21: a report folder with one report converts it; one with several needs --to
    and writes each under its relative path, after checking every output first."""
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "pamekasan-dinsos-2023"
    code, _ = run(capsys, "convert", str(seed), str(tmp_path / "seed.xlsx"))
    assert code == 0 and same(load_report(tmp_path / "seed.xlsx"), load_report(seed / "report.yaml"))
    many = tmp_path / "laporan"
    for name in ("a", "b"):
        (many / name).mkdir(parents=True)
        (many / name / "report.yaml").write_bytes((seed / "report.yaml").read_bytes())
    code, out = run(capsys, "convert", str(many), str(tmp_path / "out"), "--lang", "en")
    assert code == 2 and "2 reports: give --to" in out
    (tmp_path / "out" / "b").mkdir(parents=True)
    (tmp_path / "out" / "b" / "report.xlsx").write_bytes(b"keep")
    code, out = run(capsys, "convert", str(many), str(tmp_path / "out"), "--to", "xlsx")
    assert code == 2 and not (tmp_path / "out" / "a" / "report.xlsx").exists()  # nothing written
    code, out = run(capsys, "convert", str(many), str(tmp_path / "out"), "--to", "xlsx", "--force")
    assert code == 0
    for name in ("a", "b"):
        assert same(load_report(tmp_path / "out" / name / "report.xlsx"), load_report(seed / "report.yaml"))
