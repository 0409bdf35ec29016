"""The gx engine: validate a report's frames with GX and build findings from the results.

A session holds one GX data context (ephemeral, or a user's file context) with a pandas
data source `lkjip`, one data asset, suite and validation definition per rule family.
Every report of a `lkjip check` run is validated in the same session, so the Data Docs
built when it closes list them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from validator.bands import BandSet
from validator.coverage import Coverage, measure
from validator.engine.context import Settings
from validator.findings import Finding
from validator.gx import translate
from validator.model import Report
from validator.ruleset import Rule

DOCS_SITE = "lkjip"
_current: list[Session] = []


class Session:
    def __init__(self, data_docs: Path | None = None, context_dir: Path | None = None) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from validator.gx import expectations  # noqa: F401  (registers the custom classes)

        if context_dir is not None:
            self.context = gx.get_context(mode="file", project_root_dir=str(context_dir))
        else:
            self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_or_update_pandas(DOCS_SITE)
        self.keep = data_docs is not None or context_dir is not None
        self.sites: list[str] | None = None
        if data_docs is not None:
            self._add_site(data_docs)
            self.sites = [DOCS_SITE]

    def _add_site(self, folder: Path) -> None:
        config: Any = {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(folder.resolve())},
        }
        if DOCS_SITE in (self.context.get_config().data_docs_sites or {}):
            self.context.update_data_docs_site(DOCS_SITE, config)
        else:
            self.context.add_data_docs_site(DOCS_SITE, config)

    def validate(self, family: str, suite: Any, frame: Any, run_name: str) -> Any:
        """Validate one family's frame; results are stored only when docs are wanted."""
        batch_definition = self._batch_definition(family)
        if not self.keep:
            batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
            return batch.validate(suite, result_format=translate.RESULT_FORMAT)
        import great_expectations as gx
        from great_expectations.core.run_identifier import RunIdentifier

        saved = self.context.suites.add_or_update(suite)
        definition = self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=translate.suite_name(family), data=batch_definition, suite=saved))
        run_id = RunIdentifier(run_name=re.sub(r"[/\\:]+", "_", run_name).strip("_"))  # a store key part
        return definition.run(batch_parameters={"dataframe": frame}, result_format=translate.RESULT_FORMAT,
                              run_id=run_id)

    def _batch_definition(self, family: str) -> Any:
        names = [a.name for a in self.source.assets]
        asset = self.source.get_asset(family) if family in names else self.source.add_dataframe_asset(family)
        try:
            return asset.get_batch_definition("whole")
        except KeyError:
            return asset.add_batch_definition_whole_dataframe("whole")

    def close(self) -> None:
        if self.keep:
            self.context.build_data_docs(site_names=self.sites)


@contextmanager
def open_session(data_docs: Path | None = None, context_dir: Path | None = None) -> Iterator[Session]:
    session = Session(data_docs, context_dir)
    _current.append(session)
    try:
        yield session
        session.close()
    finally:
        _current.remove(session)


def _session() -> Session:
    """The open session, else one quiet ephemeral session kept for the process."""
    if not _current:
        _current.append(Session())
    return _current[-1]


def run_report(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
               band_sets: Mapping[str, BandSet] | None = None) -> list[Finding]:
    """Findings decided by GX: the engine's items as frames, its expectations as GX's."""
    return check_report(report, rules, settings, band_sets)[0]


def check_report(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
                 band_sets: Mapping[str, BandSet] | None = None) -> tuple[list[Finding], Coverage]:
    """The findings GX decides, and what the check covered (counted from the same items
    as natively: validator/engine/plan.py)."""
    current = translate.plan(report, rules, settings, band_sets)
    band_set = current.context.band_set()
    session = _session()
    results: list[dict[str, Any]] = []
    for family in translate.families(current.rules):
        if not current.items.get(family):
            continue  # nothing to check: GX would validate an empty frame
        suite = translate.suite(family, current.rules, band_set)
        result = session.validate(family, suite, current.frame(family), report.source)
        results.extend(translate.result_records(result))
    return translate.findings(current, results), measure(report, current.counts)
