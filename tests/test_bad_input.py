"""Bad report input: a clear message with the place, exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.cli import main
from validator.errors import InputError
from validator.load import load_report

MINIMAL = """format: lkjip/1
identitas: {instansi: Dinas Sosial, pemda: Kabupaten Contoh, tahun: 2023}
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _problem(tmp_path: Path, text: str | bytes, lang: str = "id") -> str:
    with pytest.raises(InputError) as info:
        load_report(_write(tmp_path, text))
    return info.value.describe(lang)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_report(tmp_path / "absent.yaml")
    assert "berkas tidak ditemukan" in info.value.describe()


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL + "tabell: []\n", "en")
    assert "r.yaml:3:1" in message
    assert "unknown key 'tabell' (did you mean 'tabel'?)" in message


def test_unknown_row_column_with_suggestion(tmp_path: Path) -> None:
    text = MINIMAL + """tabel:
  - id: t
    label: T
    jenis: anggaran
    baris:
      - {kode: "1.06.01", anggarann: "1.000"}
"""
    message = _problem(tmp_path, text)
    assert ":8:27" in message and "'anggarann'" in message and "'anggaran'" in message


def test_missing_required_key(tmp_path: Path) -> None:
    message = _problem(tmp_path, "format: lkjip/1\nidentitas: {instansi: X, pemda: Y}\n", "en")
    assert "required key 'tahun' is missing" in message


def test_wrong_type(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL + "tabel: {id: x}\n", "en")
    assert "r.yaml:3:8" in message and "tabel must be list" in message


def test_wrong_format_version(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL.replace("lkjip/1", "lkjip/9"), "en")
    assert "unknown format 'lkjip/9'" in message


def test_unknown_version_reference(tmp_path: Path) -> None:
    text = MINIMAL + """versi:
  - {id: pk_awal, jenis: pk_awal}
tabel:
  - {id: t, label: T, jenis: anggaran, versi: pk_awl, baris: []}
"""
    message = _problem(tmp_path, text, "en")
    assert "version 'pk_awl'" in message and "did you mean 'pk_awal'" in message


def test_duplicate_keys(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL + "versi: []\nversi: []\n", "en")
    assert "r.yaml:4:1" in message and "key 'versi' appears twice (first on line 3)" in message


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    message = _problem(tmp_path, bomb, "en")
    assert "anchors/aliases are not allowed" in message


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system", "!custom"])
def test_language_tags_are_refused(tmp_path: Path, tag: str) -> None:
    message = _problem(tmp_path, MINIMAL + f"versi: {tag} {{}}\n", "en")
    assert "is not allowed" in message


def test_non_utf8(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL.encode() + b"# caf\xe9\n", "en")
    assert "not UTF-8" in message


def test_bom_is_accepted(tmp_path: Path) -> None:
    report = load_report(_write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode()))
    assert report.identitas.tahun == 2023


def test_empty_and_random_bytes(tmp_path: Path) -> None:
    assert "empty document" in _problem(tmp_path, "", "en")
    assert "not UTF-8" in _problem(tmp_path, bytes(range(256)) * 4, "en")


def test_deep_nesting(tmp_path: Path) -> None:
    message = _problem(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n", "en")
    assert "nested too deeply" in message


def test_yaml_syntax_error_has_place(tmp_path: Path) -> None:
    message = _problem(tmp_path, MINIMAL + "tabel: [\n", "en")
    assert "YAML syntax error" in message and "r.yaml:" in message


def test_not_a_report(tmp_path: Path) -> None:
    path = _write(tmp_path, "x", "notes.md")
    with pytest.raises(InputError) as info:
        load_report(path)
    assert "not an lkjip report" in info.value.describe("en")


def test_text_that_is_not_an_lkjip_document(tmp_path: Path) -> None:
    # A .txt is a document `lkjip check` imports first (validator/imports).
    path = _write(tmp_path, "x", "notes.txt")
    with pytest.raises(InputError) as info:
        load_report(path)
    assert "not an LKjIP document" in info.value.describe("en")


def test_cli_input_error_exit_code_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, MINIMAL + "tabell: []\n")
    before = path.read_bytes()
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.out + captured.err
    assert "tabell" in captured.out + captured.err
    assert path.read_bytes() == before


def test_cli_missing_path_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(tmp_path / "nothing.yaml"), "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2 and "file not found" in captured.out + captured.err


def test_duplicate_kode_and_orphan_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINIMAL + """tabel:
  - id: t
    label: T
    jenis: anggaran
    baris:
      - {kode: "1.06.01", anggaran: "10"}
      - {kode: "1.06.01.2.01", anggaran: "10"}
      - {kode: "1.06.01.2.01", anggaran: "10"}
      - {kode: "1.06.02.2.01", anggaran: "5"}
"""
    path = _write(tmp_path, text)
    code = main(["check", str(path), "--select", "DAT", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    assert '"code": "DAT002"' in out and '"code": "DAT003"' in out
