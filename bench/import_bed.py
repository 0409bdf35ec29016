"""The import measured against ground truth (issue 17): generated reports rendered as
DOCX and as PDF (headless Chromium) in every layout of validator/generate/render.py,
imported back with validator/imports, and compared figure by figure with the data they
were printed from. Prints, per format and layout, the share of figures imported exactly,
the figures missing and invented (a figure the source does not print there; must be 0),
the budget codes equal, and the time per document (rendering and import).

    python bench/import_bed.py --reports 10 [--seed 17]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from validator.generate.corpus import generate_report
from validator.generate.render import LAYOUTS, docx_document, pdf_document, printed_tables
from validator.imports import import_document
from validator.imports.compare import Comparison, compare_figures


def _codes(truth: dict[str, Any], imported: dict[str, Any]) -> tuple[int, int]:
    by_id = {t["id"]: t for t in imported["tabel"]}
    equal = total = 0
    for table in truth["tabel"]:
        if table["jenis"] == "anggaran" and table["id"] in by_id:
            for a, b in zip(table["baris"], by_id[table["id"]]["baris"], strict=False):
                total += 1
                equal += a["kode"] == b["kode"]
    return equal, total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    formats = ["docx"] + (["pdf"] if chromium else [])
    if not chromium:
        print("chromium not found: PDF not measured")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in formats:
            for layout in LAYOUTS:
                result, codes, seconds_render, seconds_import = Comparison(), [0, 0], 0.0, 0.0
                for index in range(args.reports):
                    truth, _ = generate_report(args.seed, index)
                    start = time.perf_counter()
                    data = docx_document(truth, layout) if fmt == "docx" else \
                        pdf_document(truth, layout, chromium or "chromium")
                    seconds_render += time.perf_counter() - start
                    path = Path(folder) / f"r{index}.{fmt}"
                    path.write_bytes(data)
                    start = time.perf_counter()
                    imported = yaml.safe_load(import_document(path).yaml_text)
                    seconds_import += time.perf_counter() - start
                    result.add(compare_figures(truth, imported, [t["id"] for t in printed_tables(truth)]))
                    equal, total = _codes(truth, imported)
                    codes[0] += equal
                    codes[1] += total
                rows.append((fmt, layout, result, codes, seconds_render / args.reports,
                             seconds_import / args.reports))
                for difference in result.differences[:5]:
                    print(f"  {fmt} {layout}: {difference}")
    print(f"{'format':6} {'layout':11} {'exact':>14} {'share':>8} {'missing':>8} {'invented':>9} "
          f"{'codes equal':>13} {'render s':>9} {'import s':>9}")
    for fmt, layout, result, codes, render, imported_s in rows:
        print(f"{fmt:6} {layout:11} {result.equal:>6}/{result.total:<7} {result.share:>8.2%} "
              f"{result.missing:>8} {result.invented:>9} {codes[0]:>6}/{codes[1]:<6} "
              f"{render:>9.2f} {imported_s:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
