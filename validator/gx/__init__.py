"""Great Expectations (GX Core 1.x) as a second engine for the same rules.

`lkjip check --engine gx` turns every rule of rules/ plus the report's tables into
per-family frames (one row per checked item) and expectations over them
(validator/gx/translate.py), lets GX validate them, and maps GX's unexpected rows back
to the findings the native engine would make. GX is an optional extra: nothing here
imports it until a gx run, an export or a session is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from validator.bands import BandSet
    from validator.coverage import Coverage
    from validator.engine.context import Settings
    from validator.findings import Finding
    from validator.model import Report
    from validator.ruleset import Rule

MISSING = {
    "id": "great_expectations belum terpasang: pip install 'lkjip[gx]'",
    "en": "great_expectations is not installed: pip install 'lkjip[gx]'",
}


def available() -> bool:
    """Whether GX can be imported (without importing it)."""
    from importlib.util import find_spec

    return find_spec("great_expectations") is not None


def run(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
        band_sets: Mapping[str, BandSet] | None = None) -> list[Finding]:
    """The findings of `rules` on `report`, decided by GX (see validator/gx/engine.py)."""
    from validator.gx.engine import run_report

    return run_report(report, rules, settings, band_sets)


def check(report: Report, rules: Sequence[Rule], settings: Settings | None = None,
          band_sets: Mapping[str, BandSet] | None = None) -> tuple[list[Finding], Coverage]:
    """`run`, and what the check covered (the same as the native engine's)."""
    from validator.gx.engine import check_report

    return check_report(report, rules, settings, band_sets)


@contextmanager
def session(data_docs: Path | None = None, context_dir: Path | None = None) -> Iterator[None]:
    """Run every gx check inside one GX context; build Data Docs when it closes."""
    from validator.gx.engine import open_session

    with open_session(data_docs, context_dir):
        yield
