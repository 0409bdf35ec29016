"""Shared test helpers: the fixture report, the bundled rules and a one-call check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.bands import BandSet, load_band_sets
from validator.ruleset import Rule, bundled_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "pamekasan-dinsos-2023"
SEED_REPORT = SEED / "report.yaml"


@pytest.fixture(scope="session")
def rules() -> list[Rule]:
    return load_rules()


@pytest.fixture(scope="session")
def band_sets() -> dict[str, BandSet]:
    return load_band_sets(bundled_rules_dir() / "bands")


def pytest_configure(config: pytest.Config) -> None:
    """The user cache folder (the cache secret, bug logs) is a private temporary one:
    the suite never writes into the home of whoever runs it."""
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lkjip-test-cache-home-")


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks in tests do not use the result cache (tests/test_cache.py turns it on): a
    cached result would hide what a test changes in the engine or its inputs."""
    monkeypatch.setenv("LKJIP_NO_CACHE", "1")
