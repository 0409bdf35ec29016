"""Project configuration: lkjip.toml, found by walking up from a report.

It selects and ignores rules by code or prefix, overrides severities, sets the rounding
convention, the precision reading, the tingkat efisiensi method and other rule options,
the capaian formulas by direction, the band set and the language, and may override any
of these for reports matching path patterns. Unknown keys are errors with their place.

This module reads configuration and says which one applies to a report (`config_for`);
which rules a report is then checked with is validator.selection's job.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from validator.engine.context import Settings
from validator.errors import InputError, Problem, RuleDefinitionError, closest
from validator.expr import ExpressionError, parse
from validator.findings import SEVERITIES
from validator.messages import both
from validator.model import Location, Suppression
from validator.read.files import read_bytes, stamp

CONFIG_NAME = "lkjip.toml"
ROUNDINGS = ("nearest", "truncate", "either")
PRECISIONS = ("column", "printed")
LANGS = ("id", "en")
SCOPED_KEYS = (
    "select", "ignore", "severity", "rounding", "precision", "options", "capaian", "band_set",
)
TOP_KEYS = (*SCOPED_KEYS, "rules", "lang", "override", "reviu", "suppress", "register")
SUPPRESS_KEYS = ("paths", "rules", "reason", "table", "kode", "column")
OVERRIDE_KEYS = ("paths", *SCOPED_KEYS)
REVIU_KEYS = ("unit", "tempat", "inspektur", "nip", "jabatan", "template", "langkah")
REGISTER_KEYS = ("url",)
"""[register] url: the findings register's database (validator/register/); a file path
is relative to lkjip.toml."""


@dataclass(frozen=True)
class Scope:
    """Settings that can differ per report."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Override:
    patterns: tuple[str, ...]
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    base: Scope = field(default_factory=Scope)
    overrides: tuple[Override, ...] = ()
    rule_paths: tuple[Path, ...] = ()
    lang: str = "id"
    reviu: Mapping[str, str] = field(default_factory=dict)
    suppressions: tuple[Suppression, ...] = ()
    """The `[[suppress]]` entries, for reports that cannot carry a comment."""
    register: Mapping[str, str] = field(default_factory=dict)

    def scope_for(self, report: Path) -> Scope:
        """The base settings with every override whose paths match the report applied."""
        scope = self.base
        relative = self._relative(report)
        for override in self.overrides:
            if any(fnmatch.fnmatch(relative, pattern) for pattern in override.patterns):
                scope = _apply(scope, override.values)
        return scope

    def suppressions_for(self, report: Path) -> tuple[Suppression, ...]:
        """The `[[suppress]]` entries whose paths match the report."""
        if not self.suppressions:
            return ()
        relative = self._relative(report)
        return tuple(s for s in self.suppressions
                     if any(fnmatch.fnmatch(relative, pattern) for pattern in s.paths))

    def _relative(self, report: Path) -> str:
        """The report's path from the config's folder (the working folder without one)."""
        root = self.path.parent if self.path else Path.cwd()
        try:
            return report.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return report.as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest lkjip.toml in start's folder or above."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def config_for(report: Path) -> Config:
    """The configuration of a report: the lkjip.toml found from its folder up (a folder's
    own, for a CSV report), read once while the file is unchanged."""
    path = find_config(report)
    return _load_cached(path, stamp([path] if path else []))


@lru_cache(maxsize=32)
def _load_cached(path: Path | None, stamped: tuple[tuple[str, int, int], ...]) -> Config:
    return load_config(path)


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    where = Location(str(path))
    try:
        # Same reading rules as a report: size limit, regular file, a BOM accepted.
        text = read_bytes(path).decode("utf-8-sig")
        data = tomllib.loads(text)
    except InputError as exc:
        raise RuleDefinitionError(exc.problems) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleDefinitionError([Problem("config_bad", where, {"reason": str(exc)})]) from exc
    checker = _Checker(path, text)
    checker.keys(data, TOP_KEYS, "")
    base = _apply(Scope(), checker.scoped(data, ""))
    overrides = []
    for i, item in enumerate(data.get("override", [])):
        if not isinstance(item, dict):
            checker.bad(both(f"override[{i}] harus berupa tabel", f"override[{i}] must be a table"),
                        "override")
            continue
        checker.keys(item, OVERRIDE_KEYS, f"override[{i}].")
        patterns = item.get("paths", [])
        if not isinstance(patterns, list) or not patterns:
            checker.bad(both(f"override[{i}].paths harus daftar pola berkas",
                             f"override[{i}].paths must be a list of file patterns"), "paths")
        values = checker.scoped(item, f"override[{i}].")
        overrides.append(Override(tuple(str(p) for p in patterns), values))
    rule_paths = tuple((path.parent / str(p)) for p in checker.string_list(data, "rules"))
    lang = data.get("lang", "id")
    if lang not in LANGS:
        checker.bad(both(f"lang harus salah satu dari {', '.join(LANGS)}",
                         f"lang must be one of {', '.join(LANGS)}"), "lang")
    reviu = data.get("reviu", {})
    if isinstance(reviu, dict):
        checker.keys(reviu, REVIU_KEYS, "reviu.")
    suppressions = checker.suppressions(data.get("suppress", []))
    register = data.get("register", {})
    if isinstance(register, dict):
        checker.keys(register, REGISTER_KEYS, "register.")
    else:
        checker.bad(both("register harus berupa tabel", "register must be a table"), "register")
    checker.raise_if_any()
    return Config(path, base, tuple(overrides), rule_paths, str(lang),
                  {k: str(v) for k, v in reviu.items()} if isinstance(reviu, dict) else {},
                  suppressions,
                  {k: str(v) for k, v in register.items()} if isinstance(register, dict) else {})


def key_location(path: Path, key: str) -> Location:
    """The first line of a config file that sets `key` (tomllib keeps no positions)."""
    try:
        lines = read_bytes(path).decode("utf-8-sig").splitlines()
    except (InputError, UnicodeDecodeError):
        return Location(str(path))
    return _find_key(path, lines, key)


def _find_key(path: Path, lines: list[str], key: str) -> Location:
    short = key.rsplit(".", 1)[-1]
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith((short + " ", short + "=", f"[{short}]", f"[[{short}]]")):
            return Location(str(path), number, line.index(short) + 1)
    return Location(str(path))


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def where(self, key: str) -> Location:
        return _find_key(self.path, self.lines, key)

    def bad(self, reason: str | dict[str, str], key: str) -> None:
        self.problems.append(Problem("config_bad", self.where(key), {"reason": reason}))

    def keys(self, data: Mapping[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                self.problems.append(Problem("unknown_key", self.where(key),
                                             {"key": prefix + key, "suggestion": closest(key, allowed)}))

    def string_list(self, data: Mapping[str, Any], key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(both(f"{key} harus daftar teks", f"{key} must be a list of text"), key)
            return []
        return list(value)

    def scoped(self, data: Mapping[str, Any], prefix: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in ("select", "ignore"):
            if key in data:
                values[key] = tuple(self.string_list(data, key))
        for key, choices in (("rounding", ROUNDINGS), ("precision", PRECISIONS)):
            if key in data:
                if data[key] not in choices:
                    self.bad(both(f"{prefix}{key} harus salah satu dari {', '.join(choices)}",
                                  f"{prefix}{key} must be one of {', '.join(choices)}"), key)
                else:
                    values[key] = data[key]
        if "band_set" in data:
            values["band_set"] = str(data["band_set"])
        for key in ("severity", "options", "capaian"):
            if key in data:
                table = data[key]
                if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                    self.bad(both(f"{prefix}{key} harus tabel berisi teks",
                                  f"{prefix}{key} must be a table of text"), key)
                    continue
                values[key] = dict(table)
        for code, severity in values.get("severity", {}).items():
            if severity not in SEVERITIES:
                self.bad(both(f"severity {code} harus salah satu dari {', '.join(SEVERITIES)}",
                              f"severity {code} must be one of {', '.join(SEVERITIES)}"), code)
        if "capaian" in values:
            self.keys(values["capaian"], ("naik", "turun"), f"{prefix}capaian.")
            for direction, formula in values["capaian"].items():
                try:
                    parse(formula)
                except ExpressionError as exc:
                    self.bad(both(f"{prefix}capaian.{direction}: {exc}",
                                  f"{prefix}capaian.{direction}: {exc.messages['en']}"), direction)
        return values

    def suppressions(self, items: Any) -> tuple[Suppression, ...]:
        """`[[suppress]]`: paths, rules and a reason, each required (an entry without a
        reason is a configuration error: an auditor must see why a finding was accepted),
        optionally the table, kode and column of the findings."""
        if not isinstance(items, list):
            self.bad(both("suppress harus daftar tabel [[suppress]]",
                          "suppress must be a list of [[suppress]] tables"), "suppress")
            return ()
        starts = [n for n, line in enumerate(self.lines, start=1) if line.strip().startswith("[[suppress]]")]
        found = []
        for i, item in enumerate(items):
            line = starts[i] if i < len(starts) else None
            where = Location(str(self.path), line, 1) if line else self.where("suppress")
            name = f"suppress[{i}]"
            if not isinstance(item, dict):
                self.problems.append(Problem("config_bad", where, {"reason": both(
                    f"{name} harus berupa tabel", f"{name} must be a table")}))
                continue
            self.keys(item, SUPPRESS_KEYS, name + ".")
            paths, codes = item.get("paths"), item.get("rules")
            reason = item.get("reason")
            for key, value in (("paths", paths), ("rules", codes)):
                if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                    self.problems.append(Problem("config_bad", where, {"reason": both(
                        f"{name}.{key} harus daftar teks yang tidak kosong",
                        f"{name}.{key} must be a non-empty list of text")}))
            if not isinstance(reason, str) or not reason.strip():
                self.problems.append(Problem("config_bad", where, {"reason": both(
                    f"{name}.reason wajib: tulis alasan temuan ini diterima",
                    f"{name}.reason is required: say why these findings are accepted")}))
            table, kode, column = (str(item[k]) if k in item else None for k in ("table", "kode", "column"))
            if isinstance(paths, list) and isinstance(codes, list) and isinstance(reason, str):
                found.append(Suppression(tuple(str(c).upper() for c in codes), reason.strip(), where,
                                         paths=tuple(str(p) for p in paths), table=table, kode=kode,
                                         column=column, inline=False))
        return tuple(found)

    def raise_if_any(self) -> None:
        if self.problems:
            raise RuleDefinitionError(self.problems)


def _apply(scope: Scope, values: Mapping[str, Any]) -> Scope:
    settings = scope.settings
    if "rounding" in values:
        settings = replace(settings, rounding=values["rounding"])
    if "precision" in values:
        settings = replace(settings, precision=values["precision"])
    if "band_set" in values:
        settings = replace(settings, band_set=values["band_set"])
    if "options" in values:
        settings = replace(settings, options={**settings.options, **values["options"]})
    if "capaian" in values:
        settings = replace(settings, capaian={**settings.capaian, **values["capaian"]})
    return Scope(
        select=values.get("select", scope.select), ignore=values.get("ignore", scope.ignore),
        severity={**scope.severity, **values.get("severity", {})}, settings=settings,
    )
