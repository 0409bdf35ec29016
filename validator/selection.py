"""Which rules check a report: the rule book (bundled and extra rules, band sets) and the
selection in force for the report (--select/--ignore, else its lkjip.toml scope, with its
severity overrides and settings).

A selection naming a code no rule has, or a rule option value no rule knows, is a
RuleDefinitionError: silently checking less would look like a clean report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from validator.bands import BandSet, load_band_sets
from validator.config import Config, Scope, key_location
from validator.errors import Problem, RuleDefinitionError, closest
from validator.model import Location
from validator.read.files import stamp
from validator.ruleset import Rule, bundled_rules_dir, load_rules
from validator.suppress import META

META_CODES = tuple(META)
"""The codes of the findings about suppressions (LKJ001-LKJ003): selectable and ignorable
like rules (`--ignore LKJ002`), though they are not rules of the book."""


@dataclass(frozen=True)
class Selection:
    """Rule selection given on the command line; it replaces the config's."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None

    def in_force(self, scope: Scope) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The select and ignore lists for a report: these, else its scope's."""
        select = self.select if self.select is not None else scope.select
        ignore = self.ignore if self.ignore is not None else scope.ignore
        return select, ignore


ALL_RULES = Selection()  # no --select / --ignore


@dataclass(frozen=True)
class Chosen:
    """The rules one report is checked with, and everything else that decides its result."""

    rules: list[Rule]
    """The selected rules, with the scope's severity overrides, in rule-book order."""
    book: list[Rule]
    """Every rule of the report's rule book (selected or not)."""
    bands: dict[str, BandSet]
    scope: Scope
    select: tuple[str, ...]
    ignore: tuple[str, ...]


def choose(path: Path, config: Config, selection: Selection = ALL_RULES) -> Chosen:
    """The rules `path` is checked with under `config` and `selection`."""
    book, bands = rule_book(config.rule_paths)
    scope = config.scope_for(path)
    select, ignore = selection.in_force(scope)
    _check_codes([*select, *ignore], book, config, META_CODES)
    _check_codes([c for s in config.suppressions for c in s.codes], book, config)
    rules = select_rules(book, select, ignore, scope.severity)
    _check_options(rules, scope.settings.options, config)
    return Chosen(rules, book, bands, scope, select, ignore)


def code_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether a code passes the select and ignore prefixes (select empty: every code)."""
    select, ignore = tuple(select), tuple(ignore)
    return (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))


def select_rules(rules: Iterable[Rule], select: Iterable[str], ignore: Iterable[str],
                 severity: Mapping[str, str] | None = None) -> list[Rule]:
    """Rules whose code matches a select prefix (all when empty) and no ignore prefix."""
    chosen = []
    select, ignore = tuple(select), tuple(ignore)
    for rule in rules:
        if select and not rule.code.startswith(select):
            continue
        if ignore and rule.code.startswith(ignore):
            continue
        override = (severity or {}).get(rule.code)
        chosen.append(replace(rule, severity=override) if override else rule)
    return chosen


def unknown_codes(codes: Iterable[str], rules: Iterable[Rule],
                  extra: Sequence[str] = ()) -> list[tuple[str, str | None]]:
    """Codes or prefixes that match no rule (nor an `extra` code), each with the closest known code."""
    known = [*(r.code for r in rules), *extra]
    return [(c, closest(c, known)) for c in codes if not any(k.startswith(c) for k in known)]


def rule_book(extra: tuple[Path, ...] = ()) -> tuple[list[Rule], dict[str, BandSet]]:
    """Bundled and extra rules and band sets; read once while none of their files changes
    (tests and long-lived callers edit rule files between runs)."""
    files = [f for folder in (bundled_rules_dir(), *extra) for f in _rule_and_band_files(folder)]
    return _rule_book_cached(extra, stamp(files))


def rules_used(configs: Iterable[Config]) -> list[Rule]:
    """Every rule of the rule books of these configs (the union), by code: what a run's
    summary and rule catalogue (SARIF, JUnit) list."""
    found: dict[str, Rule] = {}
    for extra in dict.fromkeys(c.rule_paths for c in configs):  # each distinct book once, in order
        found.update({r.code: r for r in rule_book(extra)[0]})
    return sorted(found.values(), key=lambda r: r.code)


def _check_codes(codes: Iterable[str], rules: Sequence[Rule], config: Config,
                 extra: Sequence[str] = ()) -> None:
    where = Location(str(config.path)) if config.path else Location("--select/--ignore")
    problems = [Problem("unknown_rule_code", where, {"code": code, "suggestion": hint})
                for code, hint in unknown_codes(codes, rules, extra)]
    if problems:
        raise RuleDefinitionError(problems)


def _check_options(rules: Sequence[Rule], options: Mapping[str, str], config: Config) -> None:
    """An option value that no rule's methods know (efisiensi = "selisihh") is an error:
    silently falling back would switch the check off."""
    problems = []
    for rule in rules:
        option = rule.params.get("method_option")
        value = options.get(option) if option else None
        methods = rule.params.get("methods", {})
        if option and value is not None and value not in methods:
            where = key_location(config.path, option) if config.path else Location("lkjip.toml")
            reason = f"options.{option} = {value!r}: {rule.code} knows {', '.join(sorted(methods))}"
            problems.append(Problem("config_bad", where, {"reason": reason}))
    if problems:
        raise RuleDefinitionError(problems[:1])


def _rule_and_band_files(target: Path) -> list[Path]:
    if not target.is_dir():
        return [target]
    return sorted([*target.glob("*.yaml"), *target.glob("bands/*.yaml")])


@lru_cache(maxsize=16)
def _rule_book_cached(extra: tuple[Path, ...], stamped: tuple[tuple[str, int, int], ...]) -> tuple[
        list[Rule], dict[str, BandSet]]:
    bundled = bundled_rules_dir()
    rules = load_rules([bundled, *extra])
    bands = load_band_sets(bundled / "bands")
    for folder in extra:
        if (folder / "bands").is_dir():
            bands.update(load_band_sets(folder / "bands"))
    return rules, bands
