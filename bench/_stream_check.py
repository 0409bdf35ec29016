"""Check a folder with the batch API, printing progress (used by throughput.py --stream).

python bench/_stream_check.py DIR [--jobs 2] [--every 500]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--every", type=int, default=500)
    args = parser.parse_args()
    from validator.batch import check_many
    from validator.load import find_reports

    paths = list(find_reports([args.folder]))
    start, findings = time.perf_counter(), 0
    for done, result in enumerate(check_many(paths, jobs=args.jobs), 1):
        findings += len(result.findings)
        if done % args.every == 0 or done == len(paths):
            elapsed = time.perf_counter() - start
            print(f"{done} {elapsed:.1f} {done / elapsed:.2f} {findings}", flush=True)


if __name__ == "__main__":
    main()
