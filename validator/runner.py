"""One check run: find reports -> for each, its config and rules -> check it -> results.

`check_one` is the one place where a report is checked (config, rule choice, the result
cache, reading, the engine). `check_paths` checks reports one by one in this process;
`run` is what `lkjip check` calls: one by one for a handful of reports, else the same
`check_one` over many reports in worker processes (validator.batch).

Formatters and commands see only the results; they know nothing about rules beyond
the finding model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from validator.cache import Entry, ResultCache, context_of, digest_of, slim
from validator.config import Config, config_for, load_config
from validator.coverage import Coverage
from validator.diagnosis import diagnose
from validator.engine import plan
from validator.errors import InputError
from validator.findings import SEVERITY_RANK, Finding
from validator.load import find_reports, load_report
from validator.model import Location, Report, Suppression
from validator.ruleset import Rule
from validator.selection import ALL_RULES, Chosen, Selection, choose, code_selected, rules_used
from validator.suppress import META, Suppressed, apply_config, apply_inline, unused_config

HANDFUL = 8  # up to this many reports, one process is faster than starting a pool


@dataclass
class ReportResult:
    path: Path
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    coverage: Coverage | None = None
    """What the check covered (None when the report could not be read)."""
    suppressed: list[Suppressed] = field(default_factory=list)
    """Findings accepted by a suppression, with its reason (validator/suppress.py)."""
    baselined: int = 0
    """Findings left out because the baseline holds them (validator/baseline.py)."""


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

    @property
    def suppressed(self) -> list[Suppressed]:
        return [s for r in self.reports for s in r.suppressed]

    @property
    def baselined(self) -> int:
        return sum(r.baselined for r in self.reports)

    def has_input_errors(self) -> bool:
        return any(r.error for r in self.reports)

    def at_or_above(self, threshold: str) -> list[Finding]:
        rank = SEVERITY_RANK[threshold]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]


def run(paths: Sequence[Path], config_path: Path | None = None, selection: Selection = ALL_RULES,
        engine: str = "native", jobs: int | None = None, cache: ResultCache | None = None) -> RunResult:
    """Check every report found in `paths`: one by one here for a handful (or with the GX
    engine, whose session lives in this process), else in worker processes. Same results
    either way."""
    reports = list(find_reports(paths))
    if engine != "native" or not use_batch(len(reports), jobs):
        return check_paths(reports, config_path, selection, engine, cache)
    from validator import batch  # process pools: only a batch run pays for the import

    explicit = load_config(config_path) if config_path else None
    checked = batch.check_many(reports, explicit, jobs, selection, cache=cache)
    results = list(batch.with_progress(checked, len(reports)))
    configs = [explicit or config_for(path) for path in reports]
    report_unused_suppressions(results, configs, selection)
    return RunResult(results, rules_used(configs))


def use_batch(reports: int, jobs: int | None) -> bool:
    """Batch for more than a handful of reports, or whenever more than one job is asked for."""
    if jobs is not None:
        return jobs > 1 and reports > 1
    return reports > HANDFUL


def check_paths(paths: Sequence[Path], config_path: Path | None = None,
                selection: Selection = ALL_RULES, engine: str = "native",
                cache: ResultCache | None = None) -> RunResult:
    """Check each report found in `paths`, one by one in this process."""
    explicit = load_config(config_path) if config_path else None
    results: list[ReportResult] = []
    configs: list[Config] = []
    for path in find_reports(paths):
        configs.append(explicit or config_for(path))
        results.append(check_one(path, configs[-1], selection, engine, cache))
    report_unused_suppressions(results, configs, selection)
    return RunResult(results, rules_used(configs))


def report_unused_suppressions(results: Sequence[ReportResult], configs: Sequence[Config],
                               selection: Selection = ALL_RULES) -> None:
    """Add a finding for each lkjip.toml suppression that matched no finding of this run,
    to the first report its paths matched (a suppression is a run's matter, not a report's:
    it is judged here, after every report, never cached)."""
    used = {s.place for r in results for s in r.suppressed if not s.inline}
    judged: dict[Location, tuple[str, set[str]]] = {}
    every: dict[Location, Suppression] = {}
    for result, config in zip(results, configs, strict=True):
        if result.coverage is None:
            continue  # not read: nothing can be said about what it would have matched
        in_force = {rule.code for rule in result.coverage.rules}
        for suppression in config.suppressions_for(result.path):
            every.setdefault(suppression.place, suppression)
            source, codes = judged.setdefault(suppression.place, (str(result.path), set()))
            codes.update(in_force)
    by_source = {str(r.path): (r, c) for r, c in zip(results, configs, strict=True)}
    for source, finding in unused_config(every.values(), used, judged):
        result, config = by_source[source]
        if code_selected(finding.code, *selection.in_force(config.scope_for(result.path))):
            result.findings.append(finding)


def check_one(path: Path, config: Config | None = None, selection: Selection = ALL_RULES,
              engine: str = "native", cache: ResultCache | None = None) -> ReportResult:
    """Check one report with `config` (None: the lkjip.toml found from its folder).

    With a `cache`, a report checked before with the same bytes, rules and settings is
    not read again, and its result holds the report's identity and table list only (what
    the formatters show), not its figures. A selection naming unknown rules raises
    RuleDefinitionError.
    """
    config = config or config_for(path)
    chosen = choose(path, config, selection)
    key = cache_key(cache, path, chosen, engine) if cache is not None else None
    if cache is not None and key is not None:
        hit = cache.get(key)
        if hit is not None:
            error = InputError(hit.problems) if hit.problems is not None else None
            cached = ReportResult(path, hit.report, hit.findings, error, hit.coverage, hit.suppressed)
            return _config_suppressed(cached, config)
    try:
        report = load_report(path)
    except InputError as exc:
        result = ReportResult(path, error=exc)
    else:
        findings, coverage = _engine_run(engine, report, chosen)
        in_force = {rule.code for rule in chosen.rules}
        findings, suppressed = apply_inline(findings, report.suppressions, report.source, in_force,
                                            {rule.code for rule in chosen.book})
        findings = [f for f in findings
                    if f.code not in META or code_selected(f.code, chosen.select, chosen.ignore)]
        result = ReportResult(path, report, findings, coverage=coverage, suppressed=suppressed)
    if cache is not None and key is not None:
        problems = result.error.problems if result.error is not None else None
        cache.put(key, Entry(slim(result.report), result.findings, problems, result.coverage,
                             result.suppressed))
    return _config_suppressed(result, config)


def _config_suppressed(result: ReportResult, config: Config) -> ReportResult:
    """The result with lkjip.toml's suppressions for its path applied (after the cache:
    they are the configuration's, not the report's bytes)."""
    suppressions = config.suppressions_for(result.path)
    if not suppressions or result.error is not None:
        return result
    kept, suppressed = apply_config(result.findings, suppressions)
    result.findings, result.suppressed = kept, [*result.suppressed, *suppressed]
    return result


def cache_key(cache: ResultCache, path: Path, chosen: Chosen, engine: str = "native") -> str | None:
    """The cache key of checking `path`: its bytes and everything that decides the
    result (the rule book and band sets by content, the selection, the scope's severity
    overrides and settings, the engine)."""
    context = context_of(engine, digest_of(chosen.book), digest_of(chosen.bands), digest_of(chosen.scope),
                         chosen.select, chosen.ignore)
    return cache.key(path, context)


def _engine_run(name: str, report: Report, chosen: Chosen) -> tuple[list[Finding], Coverage]:
    """The native engine, or GX when asked for (validator.gx imports GX only then): the
    findings, each with its root cause (validator/diagnosis), and what the check covered."""
    if name == "gx":
        from validator import gx

        findings, coverage = gx.check(report, chosen.rules, chosen.scope.settings, chosen.bands)
    else:
        findings, coverage = plan.check(report, chosen.rules, chosen.scope.settings, chosen.bands)
    return diagnose(report, chosen.rules, findings, chosen.scope.settings, chosen.bands), coverage
