"""Find and load reports in any supported format into the report model."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from validator.build import build_report
from validator.errors import InputError
from validator.model import Location, Report
from validator.read.files import read_bytes
from validator.read.yaml_reader import declares_report, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_MARKER = "identitas.csv"
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt", ".text")
"""Documents `lkjip check` imports first (validator/imports); named on the command line
only: a folder is never searched for them."""
_REPORT_LINE = re.compile(rb"^(format[ \t]*:[ \t]*[\"']?lkjip|identitas[ \t]*:)",
                          re.IGNORECASE | re.MULTILINE)
"""A top-level `format: lkjip...` or `identitas:` line, for YAML too broken to parse."""


def report_format(path: Path) -> str | None:
    """'yaml', 'xlsx' or 'csv' when path holds a report, else None."""
    if path.is_dir():
        return "csv" if (path / CSV_MARKER).is_file() else None
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    return None


def load_report(path: Path) -> Report:
    """Load one report; raise InputError with places when it cannot be read."""
    if not path.exists():
        raise InputError.at(Location(str(path)), "file_missing")
    fmt = report_format(path)
    if fmt == "yaml":
        tree, suppressions = read_yaml(path)
        report = build_report(tree, str(path))
        return replace(report, suppressions=suppressions) if suppressions else report
    if fmt == "xlsx":
        from validator.read.xlsx_reader import read_xlsx_tree

        return build_report(read_xlsx_tree(path), str(path))
    if fmt == "csv":
        from validator.read.csv_reader import read_csv_tree

        return build_report(read_csv_tree(path), str(path))
    if fmt == "document":
        return load_document(path)
    raise InputError.at(Location(str(path)), "not_a_report")


def imported_name(path: Path) -> str:
    """The name findings give the YAML imported from a document: the file `lkjip import
    DOCUMENT -o DOCUMENT.yaml` writes, line for line the same."""
    return f"{path}.yaml"


def load_document(path: Path) -> Report:
    """Import a PDF, DOCX or text document and build its report (`lkjip check
    laporan.pdf`): findings cite the imported YAML's lines and the document's pages."""
    from validator.imports import import_document
    from validator.read.yaml_reader import parse_yaml_tree

    imported = import_document(path)
    name = imported_name(path)
    return build_report(parse_yaml_tree(imported.yaml_text, name), name)


def find_reports(paths: Iterable[Path], skipped: list[Path] | None = None) -> Iterator[Path]:
    """Report paths under the given files and folders, in a stable order.

    A folder is searched recursively: YAML files that are reports (`is_report_file`),
    XLSX workbooks, and CSV folders (holding identitas.csv). Hidden files and folders
    (`.git`, lkjip's own `.lkjip_cache`) are not searched. YAML files found that are not
    reports are appended to `skipped`, so that a run can say what it did not check.
    """
    for path in paths:
        if not path.is_dir() or report_format(path) == "csv":
            yield path
            continue
        found = False
        for candidate in _walk(path):
            if candidate.is_dir():
                if report_format(candidate):
                    found = True
                    yield candidate
            elif is_report_file(candidate):
                found = True
                yield candidate
            elif skipped is not None and _is_visible_yaml(candidate):
                skipped.append(candidate)
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


def is_report_file(path: Path) -> bool:
    """Whether a file is a report to check: a workbook (not Excel's lock file nor lkjip's
    own `*.reviu.xlsx`), or a YAML file whose parsed top level declares a report
    (`yaml_reader.declares_report`), never a text sniff: a quoted `format: "lkjip/1"`
    is a report and a workflow that merely mentions `format: lkjip/1` is not."""
    if path.name.startswith("."):
        return False
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return not path.name.startswith("~$") and not path.name.endswith(".reviu.xlsx")
    if suffix in YAML_SUFFIXES:
        return _yaml_is_report(path)
    return False


def _yaml_is_report(path: Path) -> bool:
    try:
        data = read_bytes(path)
    except InputError as exc:
        # A dangling link is nothing to check; a FIFO, a device or an oversized file is
        # checked, so that the reader says why it cannot be read instead of passing it.
        return not any(p.key == "file_missing" for p in exc.problems)
    try:
        decided = declares_report(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        decided = None
    # Not parseable before its keys are known: a report if a line at the top level says so,
    # so that a broken report fails with its syntax error rather than being skipped.
    return _REPORT_LINE.search(data) is not None if decided is None else decided


def _is_visible_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and not path.name.startswith(".")
