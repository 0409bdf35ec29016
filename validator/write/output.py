"""Choosing and guarding an output path: its format, overwriting, and the input's safety."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from validator.errors import InputError
from validator.load import CSV_MARKER, YAML_SUFFIXES
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


def write_output(target: Path, write: Callable[[], None]) -> None:
    """Run a writer, creating missing parent folders; OS failures become input errors."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as exc:
        raise InputError.at(Location(str(target)), "output_unwritable",
                            reason=exc.strerror or str(exc)) from exc
