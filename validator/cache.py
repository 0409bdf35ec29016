"""A cache of check results, so a repository of unchanged reports is not checked twice.

An entry is the result of checking one report (its findings, or the reasons it could not
be read, and its identity and table list for the formatters), stored under a key that
covers everything the result depends on, by value:

- the report's bytes (every file of a CSV folder) and its path as given (findings cite it);
- the lkjip version and a digest of the `validator` package source, so an upgrade or a
  local code change never reuses an old result;
- the chosen rules after selection and severity overrides, the band sets, the engine and
  the settings in effect for this report (lkjip.toml, per-path overrides).

So there is nothing to invalidate: a changed input gives another key. Entries are JSON
files written atomically (concurrent workers and a killed run leave whole files or none),
signed with a secret kept outside the folder (see "signed entries" below); a file that
cannot be read, decoded or verified is a miss and is rewritten. Only the classes listed
in `_CLASSES` can be rebuilt from an entry, with their fields as keyword arguments, so a
tampered cache cannot run code (a pickle could). The folder holds a `.gitignore` and a
`CACHEDIR.TAG`, so it is never committed nor backed up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from validator import __version__
from validator.coverage import Coverage, RuleCount, TableRead
from validator.errors import InputError, Problem
from validator.findings import Cause, Finding, Shown, Suspect
from validator.model import Identity, Location, Report, Suppression, Table
from validator.read.files import read_bytes
from validator.suppress import Suppressed

DEFAULT_FOLDER = ".lkjip_cache"
ENV_FOLDER = "LKJIP_CACHE_DIR"
ENV_OFF = "LKJIP_NO_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # an entry larger than this is not trusted: a miss

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls for cls in (Finding, Shown, Cause, Suspect, Location, Problem, Report, Identity, Table,
                                  Coverage, TableRead, RuleCount, Suppressed, Suppression)
}
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lkjip.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One report's cached result: the slim report (identity and tables, no figures),
    its findings and what the check covered, or the problems that made it unreadable."""

    report: Report | None
    findings: list[Finding]
    problems: list[Problem] | None
    coverage: Coverage | None = None
    suppressed: list[Suppressed] = dataclasses.field(default_factory=list)
    """Findings the report's own comments accepted (lkjip.toml's are applied after the cache)."""


def slim(report: Report | None) -> Report | None:
    """The report without its figures: identity and table ids/labels, what formatters
    show and all an entry keeps (and all a batch worker sends back)."""
    if report is None:
        return None
    tables = tuple(Table(t.id, t.label, t.kind, (), version=t.version) for t in report.tabel)
    return dataclasses.replace(report, versi=(), sasaran=(), akip=None, tabel=tables, pernyataan=(),
                               suppressions=())


class ResultCache:
    """Entries in `folder`, one JSON file each, named by their key."""

    def __init__(self, folder: Path, secret: bytes | None = None) -> None:
        self.folder = folder
        self._secret = secret
        self._prepared = False
        self._asked: dict[str, tuple[Path, str]] = {}

    def key(self, path: Path, context: str) -> str | None:
        """The key of checking `path` in `context`; None when the report cannot be read
        now (the check then reports why, uncached)."""
        key = self._digest(path, context)
        if key is not None:
            self._asked[key] = (path, context)
        return key

    def _digest(self, path: Path, context: str) -> str | None:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{__version__}\0{source_digest()}\0{path}\0{context}\0".encode())
        try:
            for name, data in _report_files(path):
                digest.update(f"{name}\0{len(data)}\0".encode())
                digest.update(data)
        except (OSError, InputError):
            return None  # checked uncached: the reader then says why it cannot be read
        return digest.hexdigest()

    @property
    def secret(self) -> bytes | None:
        """The key entries are signed with: given, else `cache_secret()`."""
        if self._secret is None:
            self._secret = cache_secret()
        return self._secret or None

    def get(self, key: str) -> Entry | None:
        secret = self.secret
        if secret is None:
            return None
        try:
            with self._entry(key).open("rb") as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)
            if len(data) > MAX_ENTRY_BYTES:
                return None
            payload = _verified(data, key, secret)
            if payload is None:
                return None  # written by another secret, or changed since: never trusted
            entry = decode(json.loads(payload))
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        if not isinstance(entry, Entry):
            return None
        with contextlib.suppress(OSError):
            os.utime(self._entry(key))  # its time is its last use: `lkjip cache clean --unused-days`
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store the entry of a key from `key()`, unless the report changed while it was
        checked (the result would then belong to other bytes). A cache that cannot be
        written is simply not used."""
        path, context = self._asked.pop(key, (None, ""))
        secret = self.secret
        if path is None or secret is None or self._digest(path, context) != key:
            return
        try:
            payload = json.dumps(encode(entry), separators=(",", ":")).encode()
            self._prepare()
            target = self._entry(key)
            target.parent.mkdir(exist_ok=True)
            _write_replacing(target, _signed(payload, key, secret))
        except (OSError, TypeError, ValueError):
            return

    def is_lkjip_cache(self) -> bool:
        """The folder exists and holds lkjip's cache tag (cleaning touches nothing else)."""
        try:
            return (self.folder / _TAG).read_text(encoding="utf-8") == _TAG_TEXT
        except OSError:
            return False

    def entries(self) -> list[Path]:
        return sorted(self.folder.glob("??/*.json"))

    def leftovers(self) -> list[Path]:
        """Temporary files of writes that were killed or failed before their rename."""
        return sorted(self.folder.glob("??/.*.tmp"))

    def clean(self, unused_days: float | None = None) -> tuple[int, int]:
        """Delete the entries (those not used for `unused_days`, or all); the count and
        bytes deleted. Only files lkjip wrote are touched, never the folder's tag."""
        cutoff = time.time() - unused_days * 86400 if unused_days is not None else None
        count = size = 0
        for entry in [*self.entries(), *self.leftovers()]:
            try:
                info = entry.stat()
                if cutoff is not None and info.st_mtime >= cutoff:
                    continue
                entry.unlink()
            except OSError:
                continue
            count, size = count + 1, size + info.st_size
        for folder in self.folder.glob("??"):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        return count, size

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by lkjip.\n*\n", encoding="utf-8")
        tag = self.folder / _TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")
        self._prepared = True


# -- signed entries -------------------------------------------------------------------------
# An entry holds a verdict: one whose findings were emptied would pass a broken report. So
# each is signed (HMAC-SHA256) with a secret kept outside the cache folder, over its key and
# its bytes: an entry written by anyone without the secret, or moved to another key, or
# changed, is a miss. What this does not cover is said in docs/security.md.

_HEADER = b"lkjip-cache 2 "
ENV_SECRET = "LKJIP_CACHE_SECRET"
_SECRET_FILE = "cache-secret"


def _signed(payload: bytes, key: str, secret: bytes) -> bytes:
    return _HEADER + _mac(payload, key, secret).encode() + b"\n" + payload


def _verified(data: bytes, key: str, secret: bytes) -> bytes | None:
    header, _, payload = data.partition(b"\n")
    if not header.startswith(_HEADER):
        return None
    stated = header[len(_HEADER):].decode("ascii", "replace")
    return payload if hmac.compare_digest(stated, _mac(payload, key, secret)) else None


def _mac(payload: bytes, key: str, secret: bytes) -> str:
    return hmac.new(secret, key.encode() + b"\0" + payload, hashlib.sha256).hexdigest()


@lru_cache(maxsize=1)
def cache_secret() -> bytes:
    """$LKJIP_CACHE_SECRET (for CI: a repository secret, which a fork's workflow does not
    get), else a random secret made once per user in the user's private cache folder.
    Empty when neither can be had: the cache is then not used."""
    given = os.environ.get(ENV_SECRET, "")
    if given:
        return given.encode()
    import platformdirs

    try:
        return _user_secret(Path(platformdirs.user_cache_dir("lkjip")) / _SECRET_FILE)
    except OSError:
        return b""


def _user_secret(path: Path) -> bytes:
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".secret-", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(32).encode())
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)  # whole or absent; a concurrent first run keeps its own
    finally:
        os.unlink(temp)
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            raise OSError(f"{path}: not a private file of this user")
        secret = handle.read(256).strip()
    if len(secret) < 32:
        raise OSError(f"{path}: too short")
    return secret


def _private(info: os.stat_result) -> bool:
    """Readable by its owner only, and that owner is us (POSIX; elsewhere the folder's ACL)."""
    if not hasattr(os, "getuid"):
        return True
    return not info.st_mode & 0o077 and info.st_uid == os.getuid()


def _write_replacing(target: Path, data: bytes) -> None:
    """Readers see the whole entry or none; a failed write leaves no temporary file."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def default_cache(enabled: bool = True, folder: Path | None = None) -> ResultCache | None:
    """The cache a command uses (see `cache_folder`); none when disabled or
    $LKJIP_NO_CACHE is set."""
    if not enabled or os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    return ResultCache(cache_folder(folder))


def cache_folder(folder: Path | None = None) -> Path:
    """`folder`, else $LKJIP_CACHE_DIR, else .lkjip_cache in the working folder."""
    return folder or Path(os.environ.get(ENV_FOLDER) or DEFAULT_FOLDER)


def context_of(*parts: object) -> str:
    """A digest of what a result depends on besides the report (rules, settings...)."""
    return hashlib.blake2b(_canonical(parts).encode(), digest_size=20).hexdigest()


_DIGESTS: dict[int, tuple[object, str]] = {}


def digest_of(value: object) -> str:
    """context_of(value), remembered for this very object: the rules, band sets and
    settings of a run are the same objects for every report, and are never changed."""
    held = _DIGESTS.get(id(value))
    if held is not None and held[0] is value:
        return held[1]
    if len(_DIGESTS) >= 64:
        _DIGESTS.clear()
    digest = context_of(value)
    _DIGESTS[id(value)] = (value, digest)  # holding the object keeps its id from reuse
    return digest


def _canonical(value: object) -> str:
    """A text that is equal for equal values in every process: sets and mappings sorted
    (a set's repr follows string hashing, which changes between processes)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ",".join(f"{f.name}={_canonical(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"
    if isinstance(value, Mapping):
        items = sorted((_canonical(k), _canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    return repr(value)


@lru_cache(maxsize=1)
def source_digest() -> str:
    """A digest of the package's Python source, read once per process."""
    digest = hashlib.blake2b(digest_size=20)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _report_files(path: Path) -> list[tuple[str, bytes]]:
    """The bytes a report is read from: the file, or every file of a CSV folder. Read as
    the readers do (regular files within the size limit): a device or a FIFO must not
    hang the key before the reader could refuse it."""
    if path.is_dir():
        return [(p.name, read_bytes(p)) for p in sorted(path.iterdir()) if p.is_file()]
    return [("", read_bytes(path))]


# -- JSON codec for the result classes ----------------------------------------------------


def encode(value: Any) -> Any:
    """JSON data for a result: dataclasses of `_CLASSES`, Decimal, date, tuple, list, mapping
    with text keys and JSON scalars; anything else raises TypeError (not cached)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"$f": repr(value)}  # keeps inf and nan, which JSON has no literal for
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, date) and not isinstance(value, datetime):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("mapping keys must be text")
        return {"$m": {key: encode(item) for key, item in value.items()}}
    if isinstance(value, Entry) or type(value).__name__ in _CLASSES:
        fields = {name: encode(item) for name, item in _non_default_fields(value)}
        return {"$c": type(value).__name__, "f": fields}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _non_default_fields(value: Any) -> list[tuple[str, Any]]:
    """The fields whose value is not the default: smaller entries, quicker to read."""
    kept = []
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if f.default is not dataclasses.MISSING and type(item) is type(f.default) and item == f.default:
            continue
        if f.default_factory is not dataclasses.MISSING and item == f.default_factory() and not item:
            continue
        kept.append((f.name, item))
    return kept


def decode(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise ValueError("not a cache value")
    if "$f" in data:
        return float(data["$f"])
    if "$d" in data:
        return Decimal(data["$d"])
    if "$date" in data:
        return date.fromisoformat(data["$date"])
    if "$t" in data:
        return tuple(decode(item) for item in _sequence(data["$t"]))
    if "$m" in data:
        return {str(key): decode(item) for key, item in dict(data["$m"]).items()}
    name = data["$c"]
    cls = Entry if name == "Entry" else _CLASSES[name]
    return cls(**{str(key): decode(item) for key, item in dict(data["f"]).items()})


def _sequence(data: Any) -> Sequence[Any]:
    if not isinstance(data, list):
        raise ValueError("not a cache value")
    return data
