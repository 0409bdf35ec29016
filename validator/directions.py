"""The direction of an indicator the report does not state (issue 15 item 4).

An indicator without `arah` is higher-is-better (`naik`) unless its name says otherwise:
"Angka Kematian Bayi", "Prevalensi stunting", "Tingkat Pengangguran Terbuka", "Jumlah
temuan BPK" are lower-is-better. The words are data (`rules/arah/turun.yaml`): a name
with a `turun` word and no `naik` word ("... yang tertangani", "cakupan ...") is `turun`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from validator.model import Indicator
from validator.ruleset import bundled_rules_dir


@dataclass(frozen=True)
class Words:
    turun: tuple[str, ...]
    naik: tuple[str, ...]


@lru_cache(maxsize=4)
def words(path: Path | None = None) -> Words:
    """The direction words of `rules/arah/turun.yaml` (or of `path`)."""
    import yaml  # the bundled word list (data of the package, not a report): read once

    source = path or bundled_rules_dir() / "arah" / "turun.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return Words(tuple(str(w).lower() for w in data.get("turun") or ()),
                 tuple(str(w).lower() for w in data.get("naik") or ()))


def _normal(text: str) -> str:
    return " " + " ".join(re.findall(r"[0-9a-z]+", text.lower())) + " "


def _has(name: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        if _normal(phrase) in name:
            return phrase
    return None


@lru_cache(maxsize=1024)
def inferred_from_name(name: str) -> str | None:
    """The `turun` word a name contains (the reason it is lower-is-better), or None."""
    normal = _normal(name)
    table = words()
    if _has(normal, table.naik):
        return None
    return _has(normal, table.turun)


def direction(indicator: Indicator | None) -> tuple[str, str | None]:
    """The indicator's direction and, when inferred from its name, the word that says so.
    No indicator, or one stating its `arah`: its direction (default naik), no word."""
    if indicator is None or indicator.arah_dinyatakan:
        return (indicator.arah if indicator else "naik"), None
    word = inferred_from_name(indicator.uraian or "")
    return ("turun", word) if word else ("naik", None)
