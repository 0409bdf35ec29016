"""The pipeline of one check run: find reports -> load -> rules -> findings.

Formatters and commands see only the results; they know nothing about rules beyond
the finding model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from validator import engine
from validator.bands import BandSet, load_band_sets
from validator.cache import Entry, ResultCache, context_of, digest_of
from validator.config import (
    Config,
    Scope,
    find_config,
    key_location,
    load_config,
    select_rules,
    unknown_codes,
)
from validator.engine.context import Settings
from validator.errors import InputError, Problem, RuleDefinitionError
from validator.findings import SEVERITY_RANK, Finding
from validator.load import find_reports, load_report
from validator.model import Location, Report, Table
from validator.ruleset import Rule, bundled_rules_dir, load_rules


@dataclass
class ReportResult:
    path: Path
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None


@dataclass
class RunResult:
    reports: list[ReportResult]
    rules: list[Rule]
    skipped: list[Path] = field(default_factory=list)
    """Files given or found that are not reports (YAML without an lkjip top level), so a
    summary can say what was not checked."""

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings]

    def has_input_errors(self) -> bool:
        return any(r.error for r in self.reports)

    def at_or_above(self, threshold: str) -> list[Finding]:
        rank = SEVERITY_RANK[threshold]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]


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


def check_paths(paths: Sequence[Path], config_path: Path | None = None,
                selection: Selection = Selection(), engine: str = "native",
                cache: ResultCache | None = None) -> RunResult:
    """Check each report. With a `cache`, a report checked before with the same bytes,
    rules and settings is not read again, and its result holds the report's identity and
    table list only (what the formatters show), not its figures."""
    explicit = load_config(config_path) if config_path else None
    results: list[ReportResult] = []
    all_rules: dict[str, Rule] = {}
    books = RuleBooks()
    for path in find_reports(paths):
        config = explicit or _config_for(path)
        rules, bands = books.get(config.rule_paths)
        all_rules.update({r.code: r for r in rules})
        results.append(check_one(path, config, rules, bands, selection, engine, cache))
    return RunResult(results, sorted(all_rules.values(), key=lambda r: r.code))


def check_one(path: Path, config: Config, rules: Sequence[Rule], bands: dict[str, BandSet],
              selection: Selection = Selection(), engine: str = "native",
              cache: ResultCache | None = None) -> ReportResult:
    scope = config.scope_for(path)
    select, ignore = selection.in_force(scope)
    _check_codes([*select, *ignore], rules, config)
    chosen = select_rules(rules, select, ignore, scope.severity)
    _check_options(chosen, scope.settings.options, config)
    key = cache_key(cache, path, rules, bands, scope, selection, engine) if cache is not None else None
    if cache is not None and key is not None:
        hit = cache.get(key)
        if hit is not None:
            error = InputError(hit.problems) if hit.problems is not None else None
            return ReportResult(path, hit.report, hit.findings, error)
    try:
        report = load_report(path)
    except InputError as exc:
        result = ReportResult(path, error=exc)
    else:
        result = ReportResult(path, report, _run(engine, report, chosen, scope.settings, bands))
    if cache is not None and key is not None:
        cache.put(key, _entry(result))
    return result


class RuleBooks:
    """The rules and band sets of each set of rule folders, looked up once per run."""

    def __init__(self) -> None:
        self._books: dict[tuple[Path, ...], tuple[list[Rule], dict[str, BandSet]]] = {}

    def get(self, extra: tuple[Path, ...]) -> tuple[list[Rule], dict[str, BandSet]]:
        if extra not in self._books:
            self._books[extra] = _rules_for(extra)
        return self._books[extra]


def cache_key(cache: ResultCache, path: Path, rules: Sequence[Rule], bands: dict[str, BandSet],
              scope: Scope, selection: Selection, engine: str = "native") -> str | None:
    """The cache key of checking `path`: its bytes and everything that decides the
    result (the rules and band sets by content, the selection, the scope's severity
    overrides and settings, the engine)."""
    select, ignore = selection.in_force(scope)
    context = context_of(engine, digest_of(rules), digest_of(bands), digest_of(scope), select, ignore)
    return cache.key(path, context)


def slim(report: Report | None) -> Report | None:
    """The report without its figures: identity and table ids/labels, for formatters
    (what a batch result and a cache entry keep)."""
    if report is None:
        return None
    tables = tuple(Table(t.id, t.label, t.kind, (), version=t.version) for t in report.tabel)
    return replace(report, versi=(), sasaran=(), akip=None, tabel=tables, pernyataan=())


def _entry(result: ReportResult) -> Entry:
    problems = result.error.problems if result.error is not None else None
    return Entry(slim(result.report), result.findings, problems)


def _run(name: str, report: Report, rules: Sequence[Rule], settings: Settings,
         bands: dict[str, BandSet]) -> list[Finding]:
    """The native engine, or GX when asked for (validator.gx imports GX only then)."""
    if name == "gx":
        from validator import gx

        return gx.run(report, rules, settings, bands)
    return engine.run(report, rules, settings, bands)


def _check_codes(codes: Iterable[str], rules: Sequence[Rule], config: Config) -> None:
    where = Location(str(config.path)) if config.path else Location("--select/--ignore")
    problems = [Problem("unknown_rule_code", where, {"code": code, "suggestion": hint})
                for code, hint in unknown_codes(codes, rules)]
    if problems:
        raise RuleDefinitionError(problems)


def _config_for_folder(folder: Path) -> Config:
    path = find_config(folder)
    return _load_config_cached(path, _stamp([path] if path else []))


def _config_for(path: Path) -> Config:
    return _config_for_folder(path.resolve().parent if path.is_file() else path.resolve())


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


@lru_cache(maxsize=32)
def _load_config_cached(path: Path | None, stamp: tuple[tuple[str, int, int], ...]) -> Config:
    return load_config(path)


def _rules_for(extra: tuple[Path, ...]) -> tuple[list[Rule], dict[str, BandSet]]:
    """Bundled and extra rules; cached while none of their files changes (tests and
    long-lived callers edit rule files between runs)."""
    files = [f for folder in (bundled_rules_dir(), *extra) for f in _rule_and_band_files(folder)]
    return _rules_cached(extra, _stamp(files))


def _rule_and_band_files(target: Path) -> list[Path]:
    if not target.is_dir():
        return [target]
    return sorted([*target.glob("*.yaml"), *target.glob("bands/*.yaml")])


def _stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in files:
        try:
            info = path.stat()
            stamps.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((str(path), -1, -1))
    return tuple(stamps)


@lru_cache(maxsize=16)
def _rules_cached(extra: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]) -> tuple[
        list[Rule], dict[str, BandSet]]:
    bundled = bundled_rules_dir()
    rules = load_rules([bundled, *extra])
    bands = load_band_sets(bundled / "bands")
    for folder in extra:
        if (folder / "bands").is_dir():
            bands.update(load_band_sets(folder / "bands"))
    return rules, bands
