"""Find and load reports in any supported format into the report model."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from validator.build import build_report
from validator.errors import InputError
from validator.model import Location, Report
from validator.read.yaml_reader import read_yaml_tree

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_MARKER = "identitas.csv"
_YAML_MARKER = "format: lkjip/"


def report_format(path: Path) -> str | None:
    """'yaml', 'xlsx' or 'csv' when path holds a report, else None."""
    if path.is_dir():
        return "csv" if (path / CSV_MARKER).is_file() else None
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    return None


def load_report(path: Path) -> Report:
    """Load one report; raise InputError with places when it cannot be read."""
    if not path.exists():
        raise InputError.at(Location(str(path)), "file_missing")
    fmt = report_format(path)
    if fmt == "yaml":
        return build_report(read_yaml_tree(path), str(path))
    if fmt == "xlsx":
        from validator.read.xlsx_reader import read_xlsx_tree

        return build_report(read_xlsx_tree(path), str(path))
    if fmt == "csv":
        from validator.read.csv_reader import read_csv_tree

        return build_report(read_csv_tree(path), str(path))
    raise InputError.at(Location(str(path)), "not_a_report")


def find_reports(paths: Iterable[Path]) -> Iterator[Path]:
    """Report paths under the given files and folders, in a stable order.

    A folder is searched recursively: YAML files that declare `format: lkjip/...`,
    XLSX workbooks, and CSV folders (holding identitas.csv). Hidden folders (`.git`,
    lkjip's own `.lkjip_cache`) are not searched.
    """
    for path in paths:
        if not path.is_dir() or report_format(path) == "csv":
            yield path
            continue
        found = False
        for candidate in _walk(path):
            if _is_report_file(candidate) or (candidate.is_dir() and report_format(candidate)):
                found = True
                yield candidate
        if not found:
            raise InputError.at(Location(str(path)), "no_reports")


def _walk(folder: Path) -> list[Path]:
    """Every file and folder under `folder`, hidden folders pruned, in path order."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(root)
        found += [base / name for name in (*folders, *files)]
    return sorted(found)


def _is_report_file(path: Path) -> bool:
    if not path.is_file() or any(part.startswith(".") for part in path.parts[-1:]):
        return False
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        # "~$" is Excel's lock file; "*.reviu.xlsx" are lkjip's own findings workbooks.
        return not path.name.startswith("~$") and not path.name.endswith(".reviu.xlsx")
    if suffix in YAML_SUFFIXES:
        try:
            with path.open("rb") as handle:
                head = handle.read(2048).decode("utf-8", "replace")
        except OSError:
            return False
        return _YAML_MARKER in head
    return False
