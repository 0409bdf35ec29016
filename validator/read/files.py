"""Reading an input file's bytes safely: regular files only, never past the size limit.

Every reader (YAML, CSV, XLSX, lkjip.toml, rule files) and the result cache's key read
through here, so a FIFO, a device (`/dev/zero`, `/dev/stdin`) or a file that grows while
it is read can neither block a run nor exhaust memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from validator import limits
from validator.errors import InputError
from validator.model import Location

# O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after);
# O_NOCTTY: opening a terminal must not make it ours.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_bytes(path: Path, limit: int = limits.MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError (with the file as
    the place) for a missing, unreadable, oversized or non-regular file."""
    where = Location(str(path))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError.at(where, "file_missing") from None
    except OSError as exc:
        raise InputError.at(where, "file_unreadable", reason=exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            # fstat of the opened file, not stat of the name: the name may be swapped after.
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputError.at(where, "not_regular_file", kind=_kind(info.st_mode))
            if info.st_size > limit:
                raise InputError.at(where, "file_too_large", size=info.st_size, limit=limit)
            data = handle.read(limit + 1)  # a file that grows while it is read stops here
        except OSError as exc:
            raise InputError.at(where, "file_unreadable", reason=exc.strerror or str(exc)) from exc
    if len(data) > limit:
        raise InputError.at(where, "file_too_large", size=f"> {limit}", limit=limit)
    return data


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def stamp(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of each file ((-1, -1) for one that is gone): a
    cache of what was read from them is valid while their stamp is the same (tests and
    long-lived callers edit config and rule files between runs)."""
    stamps = []
    for path in paths:
        try:
            info = path.stat()
            stamps.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((str(path), -1, -1))
    return tuple(stamps)
