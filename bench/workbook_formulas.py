"""Reading a workbook whose formulas were saved without results (a script wrote it).

Builds a kinerja table of N indicator rows whose capaian are `=realisasi/target*100`
formulas without saved results, and times load_report on it against the same workbook
with every capaian a number: the difference is what computing formulas costs
(validator/read/formulas.py, the `formulas` library). Run:
`python bench/workbook_formulas.py [N ...]` (default 50 500).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from validator.load import load_report
from validator.write.xlsx_writer import write_xlsx

HEADER = ("kode", "uraian", "satuan", "target", "realisasi", "capaian")


def report(rows: int) -> str:
    indicators = "\n".join(
        f"      - {{kode: S1.I{i}, uraian: Indikator {i}, satuan: orang}}" for i in range(1, rows + 1))
    lines = "\n".join(
        f'      - {{kode: S1.I{i}, target: "100", realisasi: "{90 + i % 20}", '
        f'capaian: "{90 + i % 20},00%"}}' for i in range(1, rows + 1))
    return (
        "format: lkjip/1\nidentitas: {instansi: Dinas Contoh, pemda: Kabupaten Contoh, tahun: 2023}\n"
        f"sasaran:\n  - kode: S1\n    uraian: Sasaran\n    indikator:\n{indicators}\n"
        f"tabel:\n  - id: tabel_3_1\n    label: Tabel 3.1\n    jenis: kinerja\n    baris:\n{lines}\n"
    )


def workbook(folder: Path, rows: int, formulas: bool) -> Path:
    (folder / "r.yaml").write_text(report(rows), encoding="utf-8")
    path = folder / f"r-{rows}-{formulas}.xlsx"
    write_xlsx(load_report(folder / "r.yaml"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["tabel_3_1"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "kode" for c in r))
    letters = {c.value: c.column_letter for c in header}
    for number in range(header[0].row + 1, sheet.max_row + 1):
        target, realisasi = f"{letters['target']}{number}", f"{letters['realisasi']}{number}"
        sheet[target].value = float(sheet[target].value)
        sheet[realisasi].value = float(sheet[realisasi].value)
        cell = sheet[f"{letters['capaian']}{number}"]
        cell.value = f"={realisasi}/{target}*100" if formulas else float(sheet[realisasi].value)
    book.save(path)
    return path


def seconds(path: Path, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        load_report(path)
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for rows in sizes:
            plain = seconds(workbook(folder, rows, False))
            computed = seconds(workbook(folder, rows, True))
            print(f"{rows:6d} rows: numbers {plain * 1000:8.1f} ms, formulas without results "
                  f"{computed * 1000:8.1f} ms ({(computed - plain) / rows * 1000:.2f} ms per formula)")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [50, 500])
