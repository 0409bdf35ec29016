"""Choosing and guarding an output path: its format, overwriting, and the input's safety."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from validator.errors import InputError
from validator.load import CSV_MARKER, YAML_SUFFIXES, is_report_file, report_format
from validator.model import Location

FORMATS = ("yaml", "xlsx", "csv")


def output_format(target: str, forced: str | None) -> str:
    """yaml, xlsx or csv from --to, else from the name: a suffix, or a folder for CSV."""
    if forced:
        return forced
    path = Path(target)
    suffix = path.suffix.lower()
    if target.endswith(("/", os.sep)) or path.is_dir() or not suffix:
        return "csv"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix == ".xlsx":
        return "xlsx"
    raise InputError.at(Location(target), "output_format_unknown", name=path.name)


def check_output(target: Path, fmt: str, force: bool, source: Path | None = None) -> None:
    """Refuse to overwrite without --force, to touch the input, or to replace the wrong kind."""
    where = Location(str(target))
    if source is not None and _overlaps(source, target):
        raise InputError.at(where, "same_input_output")
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise InputError.at(where, "output_exists")
    if not _replaceable(target, fmt):
        raise InputError.at(where, "output_not_replaceable")


def _overlaps(source: Path, target: Path) -> bool:
    src, dst = source.resolve(), target.resolve()
    if src == dst or src.is_relative_to(dst):
        return True  # replacing dst (a folder) would remove the input with it
    # a CSV input folder: writing one of its own .csv files would change the input
    return src.is_dir() and dst.parent == src and dst.suffix.lower() == ".csv"


def _replaceable(target: Path, fmt: str) -> bool:
    """--force replaces a file by a file, and a folder only if it is an lkjip CSV folder."""
    if fmt != "csv":
        return target.is_file()
    if not target.is_dir() or target.is_symlink():
        return False
    return (target / CSV_MARKER).is_file() or not any(target.iterdir())


def refuse_input_as_output(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the inputs under any name: the same resolved path
    (`./r.yaml`, `sub/../r.yaml`, a symlink), the same file (a hard link), or a place
    inside an input report folder (CSV). Also refuse replacing any other existing report:
    findings written over a report destroy it just the same."""
    where = Location(str(target))
    resolved = target.resolve()
    identity = _identity(target)
    for source in inputs:
        src = source.resolve()
        inside = source.is_dir() and resolved.is_relative_to(src)
        if resolved == src or inside or (identity is not None and identity == _identity(source)):
            raise InputError.at(where, "output_is_input", input=str(source))
    if target.is_dir() and report_format(target) == "csv":
        raise InputError.at(where, "output_is_report")
    if target.is_file() and report_format(target) and is_report_file(target):
        raise InputError.at(where, "output_is_report")


def refuse_annotate_target(target: Path, inputs: list[Path]) -> None:
    """`check --annotate OUT`: one XLSX workbook is checked, OUT is not that workbook
    under any name (path, link, hard link: its inode), and an existing OUT is replaced
    only when it is itself a copy annotated by lkjip (it has the findings sheet)."""
    where = Location(str(target))
    if len(inputs) != 1 or report_format(inputs[0]) != "xlsx" or target.suffix.lower() != ".xlsx":
        raise InputError.at(where, "annotate_needs_one_workbook", count=len(inputs))
    source = inputs[0]
    identity = _identity(target)
    if target.resolve() == source.resolve() or (identity is not None and identity == _identity(source)):
        raise InputError.at(where, "output_is_input", input=str(source))
    if (target.exists() or target.is_symlink()) and not _annotated_copy(target):
        raise InputError.at(where, "annotate_target_exists")


def _annotated_copy(path: Path) -> bool:
    """Whether a file is a workbook lkjip annotated (its workbook part names the sheet)."""
    import zipfile

    from validator.read.sheets import FINDINGS_SHEET

    if not path.is_file() or path.is_symlink():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 1024 * 1024:
                return False
            return f'name="{FINDINGS_SHEET}"'.encode() in archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def write_bytes_output(target: Path, data: bytes) -> None:
    """Write a command's output file atomically, creating missing folders; a place that
    cannot be written (a file where a folder should be, a full disk) is an input error."""
    from validator.write.atomic import write_atomic

    write_output(target, lambda: write_atomic(target, data))


def write_output(target: Path, write: Callable[[], None]) -> None:
    """Run a writer, creating missing parent folders; OS failures become input errors."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        where = Location(str(target))
        blocker = _file_in_the_way(target)
        if blocker is not None:
            raise InputError.at(where, "output_parent_not_folder", path=str(blocker)) from exc
        raise InputError.at(where, "output_unwritable", reason=exc.strerror or str(exc)) from exc


def _file_in_the_way(target: Path) -> Path | None:
    """The nearest existing ancestor of target when it is not a folder (`-o report.yaml/x`)."""
    for parent in target.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def write_into_folder(folder: Path, write: Callable[[], None]) -> None:
    """Run a writer of several files in `folder` (created if missing); OS failures become
    input errors at the file that failed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        where = Location(str(exc.filename or folder))
        blocker = _file_in_the_way(folder / "_")
        if blocker is not None:
            raise InputError.at(where, "output_parent_not_folder", path=str(blocker)) from exc
        raise InputError.at(where, "output_unwritable", reason=exc.strerror or str(exc)) from exc
