"""Atomic output: a write that is killed half-way leaves the previous file intact.

Data goes to a temporary file (or folder) next to the target, is flushed to disk, and
only then renamed over the target, so readers see either the old or the new content.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces path only when the block ends normally.

    A device or a pipe (`--output /dev/null`, a FIFO) is written in place: renaming a
    file over it would replace the device itself.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        with path.open("wb") as stream:
            yield stream
        return
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder that replaces the folder path when the block ends normally.

    Two renames swap an existing folder: if killed between them, the old content is
    still whole under a hidden `.NAME.old-*` name next to it.
    """
    temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield temp
        for child in temp.iterdir():
            _fsync_file(child)
        os.chmod(temp, _mode_for(path, folder=True))
        _swap_in(temp, path)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync_dir(path.parent)


def _swap_in(temp: Path, path: Path) -> None:
    if not path.exists():
        os.rename(temp, path)
        return
    old = path.with_name(f".{path.name}.old-{secrets.token_hex(4)}")
    os.rename(path, old)
    try:
        os.rename(temp, path)
    except BaseException:
        os.rename(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _mode_for(path: Path, folder: bool = False) -> int:
    """Keep an existing target's permissions; new ones follow the umask (mkstemp uses 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
