"""`lkjip check --show-settings PATH`: the configuration in force for one report, as ruff's
`--show-settings` shows it: where it comes from, the rules selected after --select /
--ignore and the lkjip.toml scope (overrides matched by path), severities, options,
project settings, rule sources and the suppressions that apply. TOML-like, one key a line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from validator.config import Config
from validator.ruleset import bundled_rules_dir
from validator.selection import Chosen, Selection, choose

HEADINGS = {
    "id": {"title": "# Pengaturan yang berlaku untuk {path}", "config": "# berkas konfigurasi",
           "none": "(tidak ada: bawaan)", "rules": "# aturan terpilih ({count} dari {book})",
           "settings": "# pengaturan proyek", "sources": "# sumber aturan",
           "suppress": "# pengabaian yang berlaku (lkjip.toml; komentar di laporan tidak dihitung di sini)"},
    "en": {"title": "# Settings in force for {path}", "config": "# configuration file",
           "none": "(none: defaults)", "rules": "# rules selected ({count} of {book})",
           "settings": "# project settings", "sources": "# rule sources",
           "suppress": "# suppressions that apply (lkjip.toml; comments in the report are not listed here)"},
}


def settings_text(path: Path, config: Config, selection: Selection, lang: str) -> str:
    words = HEADINGS.get(lang, HEADINGS["id"])
    chosen = choose(path, config, selection)
    lines = [words["title"].format(path=path), "", words["config"],
             _pair("config", str(config.path) if config.path else words["none"]),
             _pair("lang", config.lang), "",
             words["rules"].format(count=len(chosen.rules), book=len(chosen.book)),
             *_rules(chosen), "", words["settings"], *_settings(chosen), "", words["sources"],
             _pair("rule_sources", [str(bundled_rules_dir()), *(str(p) for p in config.rule_paths)]),
             _pair("band_sets", sorted(chosen.bands)), "", words["suppress"]]
    for suppression in config.suppressions_for(path):
        lines.append(_pair("suppress", {
            "rules": list(suppression.codes), "reason": suppression.reason, "at": str(suppression.place),
            **{k: v for k, v in (("table", suppression.table), ("kode", suppression.kode),
                                 ("column", suppression.column)) if v is not None}}))
    return "\n".join(lines) + "\n"


def _rules(chosen: Chosen) -> list[str]:
    defaults = {rule.code: rule.severity for rule in chosen.book}
    changed = {r.code: r.severity for r in chosen.rules if r.severity != defaults.get(r.code)}
    return [_pair("select", list(chosen.select)), _pair("ignore", list(chosen.ignore)),
            _pair("severity", changed), _pair("rules", [r.code for r in chosen.rules])]


def _settings(chosen: Chosen) -> list[str]:
    settings = chosen.scope.settings
    return [_pair("rounding", settings.rounding), _pair("precision", settings.precision),
            _pair("band_set", settings.band_set or ""), _pair("options", dict(settings.options)),
            _pair("capaian", dict(settings.capaian))]


def _pair(key: str, value: Any) -> str:
    return f"{key} = {json.dumps(value, ensure_ascii=False)}"
