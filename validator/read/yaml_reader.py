"""Read a YAML report into a located tree, safely.

PyYAML composes the node graph only (no object construction), so no tag can run code;
this module then refuses aliases (billion-laughs), non-core tags, duplicate keys and
excessive depth, and keeps the line and column of every scalar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from validator import collector, limits
from validator.errors import InputError, Problem
from validator.model import Location, Suppression
from validator.read.files import read_bytes
from validator.tree import Entry, MappingNode, Node, Scalar, ScalarKind, SequenceNode

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_KINDS: dict[str, ScalarKind] = {
    _CORE + "str": "str",
    _CORE + "int": "int",
    _CORE + "float": "float",
    _CORE + "bool": "bool",
    _CORE + "null": "null",
    _CORE + "timestamp": "date",
}
_MERGE = _CORE + "merge"
_QUOTED = frozenset(("'", '"'))
_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode
_MappingNode = yaml.MappingNode

_STR_TAG: str = _BaseLoader.DEFAULT_SCALAR_TAG
_SEQ_TAG: str = _BaseLoader.DEFAULT_SEQUENCE_TAG
_MAP_TAG: str = _BaseLoader.DEFAULT_MAPPING_TAG
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    if first is not None
}
"""PyYAML's implicit resolvers of the loader, by first character, wildcards appended (as it tries them)."""
_PLAIN_TAGS: dict[str, str] = {}
"""Tags already resolved for short plain scalars (numbers, booleans, repeated keys)."""
_PLAIN_TAGS_MAX = 4096
_PLAIN_TAG_LENGTH = 64


def resolve_plain(value: str) -> str:
    """The tag PyYAML's resolver gives a plain (unquoted, untagged) scalar: the same table, in
    the same order, without its per-call list building; short values are remembered."""
    resolvers = _IMPLICIT.get(value[:1], _WILDCARD)  # "" for the empty scalar, like PyYAML
    if not resolvers:
        return _STR_TAG
    tag = _PLAIN_TAGS.get(value)
    if tag is not None:
        return tag
    tag = _STR_TAG
    for candidate, regexp in resolvers:
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= _PLAIN_TAG_LENGTH:
        if len(_PLAIN_TAGS) >= _PLAIN_TAGS_MAX:
            _PLAIN_TAGS.clear()
        _PLAIN_TAGS[value] = tag
    return tag


class _FastLoader(_BaseLoader):
    """The safe loader with a cheaper resolver: libyaml calls it for every node.

    The same tags as PyYAML's ``Resolver.resolve`` for a loader without path resolvers
    (the safe loader has none), so the two methods that only serve path resolvers do not
    resolve; the composer calls ``descend_resolver`` before every node but the root, which
    is where nodes are counted: a document of too many nodes is refused while it is being
    composed, not after the whole graph is built (minutes and gigabytes for 20 MB of `1, `).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is _ScalarNode:
            # implicit is (plain, quoted): only a plain scalar is resolved, others are text.
            return resolve_plain(value) if implicit[0] else _STR_TAG  # type: ignore[arg-type]
        return _SEQ_TAG if kind is _SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.nodes += 1  # keys and values alike: each is a node held in memory
        if self.nodes > limits.MAX_NODES:
            raise _TooManyNodes(current_node)
        return None

    def ascend_resolver(self) -> None:
        return None


_Loader: type[_BaseLoader] = _BaseLoader if _BaseLoader.yaml_path_resolvers else _FastLoader


class _TooManyNodes(Exception):
    """Raised by the composer's node count; carries the container being filled."""

    def __init__(self, parent: yaml.Node) -> None:
        super().__init__()
        self.parent = parent


def _setters(cls: type[Any], *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of a frozen, slotted dataclass: they bypass its refusing __setattr__."""
    return tuple(vars(cls)[name].__set__ for name in names)


_new = object.__new__
_LOCATION_ORIGIN, = _setters(Location, "origin")
_LOCATION_FILE, _LOCATION_LINE, _LOCATION_COLUMN, _LOCATION_SHEET, _LOCATION_CELL = _setters(
    Location, "file", "line", "column", "sheet", "cell"
)
_SCALAR_TEXT, _SCALAR_KIND, _SCALAR_LOCATION, _SCALAR_QUOTED, _SCALAR_CELL = _setters(
    Scalar, "text", "kind", "location", "quoted", "cell"
)
_ENTRY_KEY_LOCATION, _ENTRY_VALUE = _setters(Entry, "key_location", "value")


def _location(file: str, line: int, column: int) -> Location:
    """``Location(file, line, column)``, twice as fast as the frozen dataclass __init__ (one
    ``object.__setattr__`` per field): there is one per key and per value."""
    location = _new(Location)
    _LOCATION_FILE(location, file)
    _LOCATION_LINE(location, line)
    _LOCATION_COLUMN(location, column)
    _LOCATION_SHEET(location, None)
    _LOCATION_CELL(location, None)
    _LOCATION_ORIGIN(location, None)
    return location


def _scalar(text: str, kind: ScalarKind, location: Location, quoted: bool) -> Scalar:
    """``Scalar(text, kind, location, quoted=quoted)``, built the fast way like ``_location``."""
    scalar = _new(Scalar)
    _SCALAR_TEXT(scalar, text)
    _SCALAR_KIND(scalar, kind)
    _SCALAR_LOCATION(scalar, location)
    _SCALAR_QUOTED(scalar, quoted)
    _SCALAR_CELL(scalar, None)
    return scalar


def _entry(key_location: Location, value: Node) -> Entry:
    """``Entry(key_location, value)``, built the fast way like ``_location``."""
    entry = _new(Entry)
    _ENTRY_KEY_LOCATION(entry, key_location)
    _ENTRY_VALUE(entry, value)
    return entry


def decode_text(data: bytes, where: Location) -> str:
    """UTF-8 text (a BOM is accepted and dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(where, "not_utf8", offset=exc.start) from exc


def read_yaml_tree(path: Path) -> Node:
    text = decode_text(read_bytes(path), Location(str(path)))
    return parse_yaml_tree(text, str(path))


def read_yaml(path: Path) -> tuple[Node, tuple[Suppression, ...]]:
    """The located tree and the report's `# lkjip: abaikan` comments (the parsed tree
    keeps no comments, so they are found in the raw lines, only when there is one)."""
    text = decode_text(read_bytes(path), Location(str(path)))
    tree = parse_yaml_tree(text, str(path))
    return tree, inline_suppressions(text, str(path))


# -- `# lkjip: abaikan CODE[,CODE] -- alasan` comments ---------------------------------------
# What a comment covers (docs/configuration.md#suppressions):
# - at the end of a line: that line's node: the line and the lines below it indented
#   deeper (a figure's line; on a `- kode:` line, the whole row);
# - on a line of its own: the node on the next content line, the same way;
# - above the first content line of the file: the whole file.
_SUPPRESS_MARK = re.compile(r"#[ \t]*lkjip:")
_SUPPRESS_LINE = re.compile(r"(?:^|[ \t])#[ \t]*lkjip:(?P<body>.*)$")
_SUPPRESS_BODY = re.compile(
    r"^\s*(?P<verb>\S+)\s*(?P<codes>[^-]*?)\s*(?:--\s*(?P<reason>.*?))?\s*$")
_SUPPRESS_VERBS = ("abaikan", "ignore")
_RULE_CODE = re.compile(r"^[A-Z]{3}\d{3}$")


def inline_suppressions(text: str, filename: str) -> tuple[Suppression, ...]:
    # Nearly every report has none: one regex scan (about 0.1 ms for the seed's 84 KB, a few
    # percent of parsing it), no line split.
    if _SUPPRESS_MARK.search(text) is None:
        return ()
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = _SUPPRESS_LINE.search(line) if "lkjip:" in line else None
        if match is None:
            continue
        where = Location(filename, index + 1, line.index("#", match.start()) + 1)
        first, last = _covered(lines, index, trailing=bool(line[: match.start()].strip()))
        found.append(_suppression(match.group("body"), where, first, last))
    return tuple(found)


def _suppression(body: str, where: Location, first: int | None, last: int | None) -> Suppression:
    parts = _SUPPRESS_BODY.match(body)
    if parts is None or parts.group("verb").lower() not in _SUPPRESS_VERBS:
        return Suppression((), "", where, first, last, problem="bad_form")
    codes = tuple(c.upper() for c in re.split(r"[,\s]+", parts.group("codes")) if c)
    reason = (parts.group("reason") or "").strip()
    if not codes or not all(_RULE_CODE.match(c) for c in codes):
        return Suppression(codes, reason, where, first, last, problem="bad_form")
    return Suppression(codes, reason, where, first, last, problem=None if reason else "no_reason")


def _covered(lines: list[str], index: int, trailing: bool) -> tuple[int | None, int | None]:
    """The first and last line (1-based) a comment on line `index` covers; (None, None)
    for the whole file."""
    if not trailing:
        if not any(_is_content(line) for line in lines[:index]):
            return None, None
        following = [i for i in range(index + 1, len(lines)) if _is_content(lines[i])]
        if not following:
            return index + 1, index + 1  # covers nothing but its own line: reported unused
        index = following[0]
    anchor = lines[index]
    indent = _indent(anchor)
    in_list = anchor.lstrip().startswith("-")
    last = index
    for i in range(index + 1, len(lines)):
        line = lines[i]
        if not _is_content(line):
            continue
        deeper = _indent(line) > indent
        # `key:` followed by `- item` lines at the same indent: the items are its value.
        items = not in_list and _indent(line) == indent and line.lstrip().startswith("- ")
        if not (deeper or items):
            break
        last = i
    return index + 1, last + 1


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(("#", "---", "...", "%"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parse_yaml_tree(text: str, filename: str) -> Node:
    with collector.paused():  # see validator/collector.py: half the reading time otherwise
        return _parse_yaml_tree(text, filename)


def _parse_yaml_tree(text: str, filename: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except _TooManyNodes as exc:
        mark = exc.parent.start_mark
        where = Location(filename, mark.line + 1, mark.column + 1)
        raise InputError.at(where, "too_many_nodes", limit=limits.MAX_NODES) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        raise InputError.at(where, "yaml_syntax", reason=exc.problem or str(exc)) from exc
    except yaml.reader.ReaderError as exc:
        # A control character: the reader gives an offset, not a mark.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        reason = f"unacceptable character #x{code:04x}: {exc.reason}"
        raise InputError.at(Location(filename, line, column), "yaml_syntax", reason=reason) from exc
    except yaml.YAMLError as exc:
        raise InputError.at(Location(filename), "yaml_syntax", reason=str(exc)) from exc
    except RecursionError as exc:
        raise InputError.at(Location(filename), "too_deep", limit=limits.MAX_DEPTH) from exc
    if root is None:
        raise InputError.at(Location(filename, 1, 1), "empty_document")
    return _Converter(filename).convert(root, 0)


class _Converter:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int) -> Node:
        mark = node.start_mark
        location = _location(self.filename, mark.line + 1, mark.column + 1)
        seen = self.seen
        if id(node) in seen:
            # A composed alias is the very same node object: refusing it defeats
            # exponential expansion ("billion laughs") before it starts.
            raise InputError.at(location, "yaml_alias")
        seen.add(id(node))
        if len(seen) > limits.MAX_NODES:
            raise InputError.at(location, "too_many_nodes", limit=limits.MAX_NODES)
        if depth > limits.MAX_DEPTH:
            raise InputError.at(location, "too_deep", limit=limits.MAX_DEPTH)
        node_type = type(node)  # the composer makes these very classes: no isinstance chain
        if node_type is not _ScalarNode and node_type is not _MappingNode and node_type is not _SequenceNode:
            node_type = next(  # pragma: no cover - a subclass, not made by the composer
                (t for t in (_ScalarNode, _SequenceNode, _MappingNode) if isinstance(node, t)), node_type
            )
        if node_type is _ScalarNode:
            kind = _KINDS.get(node.tag)
            if kind is None:
                raise InputError.at(location, "yaml_tag", tag=node.tag)
            quoted = node.style in _QUOTED  # type: ignore[attr-defined]
            if quoted and kind != "str":
                kind = "str"  # pragma: no cover - quoted scalars resolve to str already
            return _scalar(node.value, kind, location, quoted)
        if node_type is _SequenceNode:
            if node.tag != _SEQ_TAG:
                raise InputError.at(location, "yaml_tag", tag=node.tag)
            convert = self.convert
            depth += 1
            return SequenceNode(location, [convert(item, depth) for item in node.value])
        if node_type is _MappingNode:
            if node.tag != _MAP_TAG:
                raise InputError.at(location, "yaml_tag", tag=node.tag)
            return self.mapping(node, location, depth)  # type: ignore[arg-type]
        raise InputError.at(location, "yaml_tag", tag=str(node.tag))  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> MappingNode:
        result = MappingNode(location)
        items = result.items
        problems: list[Problem] = []
        filename = self.filename
        convert = self.convert
        depth += 1
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            key_location = _location(filename, mark.line + 1, mark.column + 1)
            if type(key_node) is not _ScalarNode and not isinstance(key_node, _ScalarNode):
                raise InputError.at(key_location, "wrong_type", key="key", expected="text")
            if key_node.tag == _MERGE:
                raise InputError.at(key_location, "yaml_alias")
            key = str(key_node.value)
            first = items.get(key)
            if first is not None:
                problems.append(
                    Problem(
                        "yaml_duplicate_key",
                        key_location,
                        {"key": key, "first_line": first.key_location.line},
                    )
                )
                continue
            items[key] = _entry(key_location, convert(value_node, depth))
        if problems:
            raise InputError(problems)
        return result


_REPORT_KEYS = frozenset(("versi", "sasaran", "akip", "tabel", "pernyataan"))
"""Top-level keys of a report besides `format` and `identitas` (docs/format.md)."""


def declares_report(text: str) -> bool | None:
    """Whether a YAML text is an lkjip report, by its parsed top-level keys: a `format`
    whose value starts with `lkjip`, or (a report whose `format` is missing or mistyped)
    `identitas` with another report key. None when the YAML cannot be parsed before that
    is known. Parsing stops at a report's `format` value, which is usually its first key."""
    keys: set[str] = set()
    depth, at_key, key = 0, True, None
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return False  # a list or a scalar document is not a report
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    break
                if depth == 1:
                    if not at_key and key == "format":
                        return True  # `format:` holds a list or mapping: a broken report
                    at_key = not at_key
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                value = event.value if isinstance(event, yaml.ScalarEvent) else None
                if at_key:
                    key = value
                    keys.add(value or "")
                elif key == "format" and (value or "").strip().lower().startswith("lkjip"):
                    return True
                at_key = not at_key
    except yaml.YAMLError:
        return None
    return "identitas" in keys and bool(keys & _REPORT_KEYS)
