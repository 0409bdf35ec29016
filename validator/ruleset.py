"""Load and validate rule files (rules/*.yaml) into Rule objects.

A rule file is untrusted input: it is read with the same safe YAML reader as reports,
every key is checked against the rule kind's parameters, every expression is parsed by
the rule language (expr.py), and every table or column it names must exist. Problems
are reported with file, line and column, and stop the run (exit code 2).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from validator import build
from validator.errors import Problem, RuleDefinitionError, closest
from validator.expectations import DeclarationError, declared
from validator.expr import ExpressionError, parse
from validator.findings import SEVERITIES
from validator.model import Location
from validator.read.yaml_reader import read_yaml_tree
from validator.tree import MappingNode, Node, Scalar, SequenceNode

CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_PLAIN_NUMBER = re.compile(r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$")
COMMON_KEYS = ("code", "name", "kind", "severity", "tags", "basis", "message", "doc")
REQUIRED_KEYS = ("code", "name", "kind", "severity", "message", "doc")
DOC_SECTIONS = ("what", "why", "fail", "pass")
DOC_KEYS = (*DOC_SECTIONS, "options", "references")
LANGS = ("id", "en")

# Parameters each kind accepts, with their type. The engine module of the kind reads them.
PARAMS: dict[str, dict[str, str]] = {
    "sum": {
        "tables": "selector", "columns": "columns", "parent": "level", "children": "level",
        "mode": "choice:hierarchy,total,mapping,ratio", "source": "selector",
        "column_map": "column_map", "numerator": "column", "denominator": "column",
    },
    "formula": {
        "tables": "selector", "target": "column", "expression": "expression",
        "methods": "expressions", "method_option": "text", "default_method": "text",
        "indicator_formula": "choice:rumus_capaian,rumus_realisasi", "by_direction": "expressions",
        "alternatives": "expressions", "where": "expression",
        "levels": "levels", "cap_option": "text", "labels": "labels",
        "method_declared": "choice:metode_efisiensi", "row_formula": "choice:rumus_nilai_efisiensi",
    },
    "band": {
        "tables": "selector", "score": "columns", "grade": "column",
        "check": "choice:grade,boundary,printed",
    },
    "reconcile": {
        "left": "selector", "right": "selector", "columns": "column_map", "match": "choice:kode,indikator",
        "pairs": "choice:first,same_version", "levels": "levels",
    },
    "aggregate": {
        "statement": "column", "statement_table": "selector", "tables": "selector",
        "column": "column", "aggregate": "choice:sum,mean,count,value", "where": "expression",
        "levels": "levels", "statement_level": "level", "with_statement": "column",
        "consequences": "columns",
    },
    "completeness": {"tables": "selector", "levels": "levels", "when": "columns", "column": "column"},
    "required": {"tables": "selector"},
    "coverage": {"max_unverifiable": "number"},
    "revision": {"tables": "selector", "items": "source", "expect": "expectations",
                 "check": "legacy_check"},
    "schema": {"tables": "selector", "columns": "columns", "items": "source", "expect": "expectations",
               "check": "legacy_check", "min": "number", "max": "number"},
}
KINDS = tuple(PARAMS)
REQUIRED_PARAMS: dict[str, tuple[str, ...]] = {
    "sum": ("tables", "columns"),
    "formula": ("tables", "target"),
    "band": ("tables", "check"),
    "reconcile": ("left", "right", "columns"),
    "aggregate": ("statement", "tables", "column", "aggregate"),
    "schema": ("tables",),
    "revision": (),
    "completeness": ("tables", "column"),
    "required": ("tables",),
    "coverage": ("max_unverifiable",),
}
DECLARED = ("items", "expect")
"""What a schema or revision rule declares: its items and their expectations."""

# The earlier form of schema and revision rules, `check: NAME` (and `min` / `max` for
# in_range), is still read: each name stands for the items and expectations below.
LEGACY_CHECKS: dict[str, dict[str, tuple[str, list[dict[str, Any]]]]] = {
    "schema": {
        "readable": ("figures", [{"missing": "unreadable"}]),
        "unique_kode": ("rows", [{"unique": ["table", "kode"]}]),
        "parent_exists": ("rows", [{"parent_present": {}}]),
        "parent_position": ("rows", [{"equal": ["above", "parent"]}]),
        "known_kode": ("rows", [{"not_in_set": {"column": "level", "values": ["tidak_dikenal"]}}]),
        "in_range": ("figures", [{"between": {"column": "value"}}]),
    },
    "revision": {
        "missing_date": ("versions", [{"present": "date"}]),
        "duplicate_sequence": ("versions", [{"no_repeat": "urutan"}]),
        "order": ("version_pairs", [{"at_least": ["date", "other_date"]}]),
        "final": ("final", [{"in_set": {"column": "finals", "values": [1]}}, {"equal": ["kode", "latest"]}]),
        "signature_date": ("versions", [{"equal": ["signed", "date"]}]),
        "missing_previous": ("revisions", [{"present": "previous"}]),
        "final_attached": ("final_version", [{"in_set": {"column": "attached", "values": [True]}}]),
        "renamed": ("names", [{"equal": ["old_name", "new_name"]}]),
        "target_changed": ("target_changes", [{"present": "reason"}]),
        "final_coverage": ("final_items", [{"present": "found_in"}]),
        "realisation_coverage": ("realised_items", [{"present": "found_in"}]),
    },
}
SELECTOR_KEYS = ("id", "jenis", "versi", "has", "lacks")
TABLE_KINDS = ("anggaran", "kinerja", "pernyataan", "akip", "akip_riwayat", "versi")
LEVELS = (
    "program", "kegiatan", "sub_kegiatan", "kro", "ro", "komponen", "tujuan", "sasaran", "indikator",
    "jumlah", "pernyataan", "akip", "riwayat", "rata_rata",
)
PSEUDO_COLUMNS = (
    *build.STATEMENT_FIGURES, "predikat_akip", "nilai", "predikat", "interpretasi", "target",
    "tahun",
)
KNOWN_COLUMNS = frozenset(
    build.ROW_TEXT["anggaran"] + build.ROW_FIGURES["anggaran"] + build.ROW_TEXT["kinerja"]
    + build.ROW_FIGURES["kinerja"] + PSEUDO_COLUMNS + ("target_{tahun}", "target_{tahun_lalu}")
)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    messages: Mapping[str, str]
    doc: Mapping[str, str]
    params: Mapping[str, Any]
    tags: tuple[str, ...] = ()
    basis: str | None = None
    source: Location = field(default=Location(""), compare=False)


def bundled_rules_dir() -> Path:
    """The rules/ folder: the checkout's in development, the packaged copy when installed."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("validator") / "_bundled" / "rules"))


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def load_rules(paths: Iterable[Path] | None = None) -> list[Rule]:
    """Rules from the bundled folder (default) or the given files and folders."""
    targets = [bundled_rules_dir()] if paths is None else list(paths)
    files: list[Path] = []
    for target in targets:
        files.extend(rule_files(target) if target.is_dir() else [target])
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in files:
        loader = _RuleFileLoader(path)
        rules.extend(loader.load())
        problems.extend(loader.problems)
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in seen:
            problems.append(Problem("rule_duplicate", rule.source, {"code": rule.code}))
        seen[rule.code] = rule
    if problems:
        raise RuleDefinitionError(problems)
    return sorted(rules, key=lambda r: r.code)


class _RuleFileLoader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, location: Location, key: str, /, **params: Any) -> None:
        self.problems.append(Problem(key, location, params))

    def load(self) -> list[Rule]:
        try:
            root = read_yaml_tree(self.path)
        except RuleDefinitionError:
            raise
        except Exception as exc:  # an InputError: re-raise as a definition error
            problems = getattr(exc, "problems", None)
            if problems is None:
                raise
            raise RuleDefinitionError(problems) from exc
        if not isinstance(root, MappingNode) or set(root.items) - {"rules"}:
            self.problem(root.location, "rule_file_shape")
            return []
        entry = root.items.get("rules")
        if entry is None or not isinstance(entry.value, SequenceNode):
            self.problem(root.location, "rule_file_shape")
            return []
        rules = [self.rule(item) for item in entry.value.items]
        return [r for r in rules if r is not None]

    def rule(self, node: Node) -> Rule | None:
        if not isinstance(node, MappingNode):
            self.problem(node.location, "rule_file_shape")
            return None
        kind = _text(node, "kind")
        if kind not in KINDS:
            where = node.items["kind"].value.location if "kind" in node.items else node.location
            self.problem(where, "rule_bad_kind", kind=kind, suggestion=closest(kind or "", KINDS),
                         choices=", ".join(KINDS))
            return None
        allowed = COMMON_KEYS + tuple(PARAMS[kind])
        for key, item in node.items.items():
            if key not in allowed:
                self.problem(item.key_location, "unknown_key", key=key, suggestion=closest(key, allowed))
        declared_here = DECLARED if kind in LEGACY_CHECKS and "check" not in node.items else ()
        for key in REQUIRED_KEYS + REQUIRED_PARAMS[kind] + declared_here:
            if key not in node.items:
                self.problem(node.location, "missing_key", key=key)
        code = _text(node, "code") or ""
        if code and not CODE.match(code):
            self.problem(node.items["code"].value.location, "rule_bad_code", code=code)
        severity = _text(node, "severity") or "error"
        if severity not in SEVERITIES:
            self.problem(node.items["severity"].value.location, "bad_value", key="severity",
                         value=severity, choices=", ".join(SEVERITIES))
        messages = self.text_map(node, "message", LANGS, LANGS)
        for lang, template in messages.items():
            self.check_template(node.items["message"].value.location, lang, template)
        doc = self.text_map(node, "doc", DOC_KEYS, DOC_SECTIONS)
        params = {key: self.param(kind, key, node.items[key].value)
                  for key in PARAMS[kind] if key in node.items}
        if kind in LEGACY_CHECKS and "check" in params:
            params = _expand_legacy(kind, params)
        tags = _plain(node.items["tags"].value) if "tags" in node.items else []
        return Rule(
            code=code, name=_text(node, "name") or "", kind=kind, severity=severity,
            messages=messages, doc=doc, params=params,
            tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
            basis=_text(node, "basis"), source=node.location,
        )

    def text_map(self, node: MappingNode, key: str, allowed: tuple[str, ...],
                 required: tuple[str, ...]) -> dict[str, str]:
        entry = node.items.get(key)
        if entry is None:
            return {}
        if not isinstance(entry.value, MappingNode):
            self.problem(entry.value.location, "wrong_type", key=key, expected="mapping")
            return {}
        result: dict[str, str] = {}
        for sub, item in entry.value.items.items():
            if sub not in allowed:
                self.problem(item.key_location, "unknown_key", key=sub, suggestion=closest(sub, allowed))
            elif isinstance(item.value, Scalar):
                result[sub] = item.value.text
        for sub in required:
            if not result.get(sub, "").strip():
                self.problem(entry.value.location, "missing_key", key=f"{key}.{sub}")
        return result

    def param(self, kind: str, key: str, node: Node) -> Any:
        spec = PARAMS[kind][key]
        value = _plain(node)
        if spec == "selector":
            self.check_selector(node)
        elif spec == "columns":
            for item in _as_list(node):
                self.check_column(item)
        elif spec == "column":
            self.check_column(node)
        elif spec == "column_map":
            value = self.column_map(node)
        elif spec == "expression":
            self.check_expression(node)
        elif spec == "expressions":
            if not isinstance(node, MappingNode):
                self.problem(node.location, "wrong_type", key=key, expected="mapping of name: expression")
            for item in _values(node):
                self.check_expression(item)
        elif spec in ("level", "levels"):
            for item in _as_list(node):
                if isinstance(item, Scalar) and item.text not in LEVELS:
                    self.problem(item.location, "bad_value", key=key, value=item.text,
                                 choices=", ".join(LEVELS))
        elif spec.startswith("choice:"):
            choices = spec.split(":", 1)[1].split(",")
            if not isinstance(node, Scalar) or node.text not in choices:
                self.problem(node.location, "bad_value", key=key, value=value,
                             choices=", ".join(choices))
        elif spec == "legacy_check":
            if not isinstance(node, Scalar) or node.text not in LEGACY_CHECKS[kind]:
                self.problem(node.location, "bad_value", key=key, value=value,
                             choices=", ".join(LEGACY_CHECKS[kind]))
        elif spec == "source":
            self.check_source(kind, key, node)
        elif spec == "expectations":
            try:
                value = declared(value)
            except DeclarationError as exc:
                self.problem(node.location, "wrong_type", key=key, expected=str(exc))
        elif spec == "labels" and not (isinstance(node, MappingNode)
                                       and set(node.items) == {"true", "false"}):
            self.problem(node.location, "wrong_type", key=key, expected="mapping with true and false")
        elif spec == "text" and not isinstance(node, Scalar):
            self.problem(node.location, "wrong_type", key=key, expected="text")
        elif spec == "number" and not (isinstance(node, Scalar) and node.kind in ("int", "float")
                                       and _PLAIN_NUMBER.match(node.text)):
            self.problem(node.location, "wrong_type", key=key, expected="number")
        return value

    def check_source(self, kind: str, key: str, node: Node) -> None:
        """`items:` names one of the kind's item sources (the engine module lists them)."""
        from validator.engine import KINDS as ENGINE_KINDS  # at load time: the engine imports this module

        sources = tuple(ENGINE_KINDS[kind].SOURCES)
        if not isinstance(node, Scalar) or node.text not in sources:
            self.problem(node.location, "bad_value", key=key, value=_plain(node), choices=", ".join(sources))

    def check_selector(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            self.problem(node.location, "wrong_type", key="tables", expected="mapping")
            return
        for key, item in node.items.items():
            if key not in SELECTOR_KEYS:
                self.problem(item.key_location, "unknown_key", key=key,
                             suggestion=closest(key, SELECTOR_KEYS))
            elif key == "jenis":
                for kind in _as_list(item.value):
                    if isinstance(kind, Scalar) and kind.text not in TABLE_KINDS:
                        self.problem(kind.location, "rule_unknown_table", table=kind.text,
                                     suggestion=closest(kind.text, TABLE_KINDS))
            elif key in ("has", "lacks"):
                for column in _as_list(item.value):
                    self.check_column(column)

    def check_column(self, node: Node) -> None:
        if not isinstance(node, Scalar):
            self.problem(node.location, "wrong_type", key="column", expected="text")
        elif node.text not in KNOWN_COLUMNS:
            self.problem(node.location, "rule_unknown_column", column=node.text,
                         suggestion=closest(node.text, KNOWN_COLUMNS))

    def column_map(self, node: Node) -> dict[str, str]:
        """`[a, b]` means a->a, b->b; a mapping `{a: x}` means left column a, right column x."""
        if isinstance(node, SequenceNode):
            for item in node.items:
                self.check_column(item)
            return {str(_plain(i)): str(_plain(i)) for i in node.items}
        if isinstance(node, MappingNode):
            result = {}
            for key, entry in node.items.items():
                self.check_column(Scalar(key, "str", entry.key_location))
                self.check_column(entry.value)
                result[key] = str(_plain(entry.value))
            return result
        self.problem(node.location, "wrong_type", key="columns", expected="list or mapping")
        return {}

    def check_template(self, location: Location, lang: str, template: str) -> None:
        """Message templates may only name fields: no attribute or index access, no
        format spec (a rule file is untrusted; `{row.__class__}` or `{x:>999999999}`
        must not reach str.format)."""
        try:
            parts = list(string.Formatter().parse(template))
        except ValueError as exc:
            self.problem(location, "rule_bad_template", lang=lang, reason=str(exc))
            return
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if not name.isidentifier() or spec or conversion not in (None, "r", "s"):
                shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                self.problem(location, "rule_bad_template", lang=lang, reason=f"{{{shown}}}")

    def check_expression(self, node: Node) -> None:
        if not isinstance(node, Scalar):
            self.problem(node.location, "wrong_type", key="expression", expected="text")
            return
        try:
            parse(node.text)
        except ExpressionError as exc:
            loc = node.location
            start = (loc.column or 1) + (1 if node.quoted else 0)
            column = start + exc.column - 1 if loc.line is not None else None
            where = Location(loc.file, loc.line, column, loc.sheet, loc.cell)
            self.problem(where, "rule_bad_expression", reason=exc.messages)


def _text(node: MappingNode, key: str) -> str | None:
    entry = node.items.get(key)
    return entry.value.text if entry and isinstance(entry.value, Scalar) else None


def _as_list(node: Node) -> list[Node]:
    return list(node.items) if isinstance(node, SequenceNode) else [node]


def _values(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [entry.value for entry in node.items.values()]
    return [node]


def _expand_legacy(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """`check: NAME` (the earlier form) as the items and expectations it stands for."""
    expanded = {k: v for k, v in params.items() if k not in ("check", "min", "max")}
    known = LEGACY_CHECKS[kind].get(params["check"])
    if known is None:
        return expanded  # refused by the parameter check already
    items, expect = known
    bounds = {k: params[k] for k in ("min", "max") if k in params}
    expanded.setdefault("items", items)
    expanded.setdefault("expect", declared([{"between": {**entry["between"], **bounds}} if "between" in entry
                                            else entry for entry in expect]))
    return expanded


def _plain(node: Node) -> Any:
    """Plain Python values (str for every scalar but numbers and booleans)."""
    if isinstance(node, MappingNode):
        return {key: _plain(entry.value) for key, entry in node.items.items()}
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.items]
    if node.kind in ("int", "float") and _PLAIN_NUMBER.match(node.text):
        return int(node.text) if node.kind == "int" else float(node.text)
    if node.kind in ("int", "float"):
        return node.text  # 0x10, .inf, 1:30: left as text, refused by the number check
    if node.kind == "bool":
        return node.text.lower() == "true"
    if node.kind == "null":
        return None
    return node.text
