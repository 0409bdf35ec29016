"""Read a YAML report into a located tree, safely.

PyYAML composes the node graph only (no object construction), so no tag can run code;
this module then refuses aliases (billion-laughs), non-core tags, duplicate keys and
excessive depth, and keeps the line and column of every scalar.
"""

from __future__ import annotations

import stat
from pathlib import Path

import yaml

from validator import limits
from validator.errors import InputError, Problem
from validator.model import Location
from validator.tree import Entry, MappingNode, Node, Scalar, ScalarKind, SequenceNode

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_KINDS: dict[str, ScalarKind] = {
    _CORE + "str": "str",
    _CORE + "int": "int",
    _CORE + "float": "float",
    _CORE + "bool": "bool",
    _CORE + "null": "null",
    _CORE + "timestamp": "date",
}


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing missing, unreadable and oversized files."""
    where = Location(str(path))
    if not path.exists():
        raise InputError.at(where, "file_missing")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block forever and /dev/zero never ends: only regular files.
            raise InputError.at(where, "file_unreadable", reason="not a regular file")
        if info.st_size > limits.MAX_FILE_BYTES:
            raise InputError.at(where, "file_too_large", size=info.st_size, limit=limits.MAX_FILE_BYTES)
        with path.open("rb") as handle:
            data = handle.read(limits.MAX_FILE_BYTES + 1)  # a file that grows while read
        if len(data) > limits.MAX_FILE_BYTES:
            raise InputError.at(where, "file_too_large", size=len(data), limit=limits.MAX_FILE_BYTES)
        return data
    except OSError as exc:
        raise InputError.at(where, "file_unreadable", reason=exc.strerror or str(exc)) from exc


def decode_text(data: bytes, where: Location) -> str:
    """UTF-8 text (a BOM is accepted and dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(where, "not_utf8", offset=exc.start) from exc


def read_yaml_tree(path: Path) -> Node:
    text = decode_text(read_bytes(path), Location(str(path)))
    return parse_yaml_tree(text, str(path))


def parse_yaml_tree(text: str, filename: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_Loader)
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

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.filename, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int) -> Node:
        location = self.where(node)
        if id(node) in self.seen:
            # A composed alias is the very same node object: refusing it defeats
            # exponential expansion ("billion laughs") before it starts.
            raise InputError.at(location, "yaml_alias")
        self.seen.add(id(node))
        if len(self.seen) > limits.MAX_NODES:
            raise InputError.at(location, "too_many_nodes", limit=limits.MAX_NODES)
        if depth > limits.MAX_DEPTH:
            raise InputError.at(location, "too_deep", limit=limits.MAX_DEPTH)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, location)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, "seq", location)
            return SequenceNode(location, [self.convert(item, depth + 1) for item in node.value])
        if isinstance(node, yaml.MappingNode):
            self.check_tag(node, "map", location)
            return self.mapping(node, location, depth)
        raise InputError.at(location, "yaml_tag", tag=str(node.tag))  # pragma: no cover

    def check_tag(self, node: yaml.Node, expected: str, location: Location) -> None:
        if node.tag != _CORE + expected:
            raise InputError.at(location, "yaml_tag", tag=node.tag)

    def scalar(self, node: yaml.ScalarNode, location: Location) -> Scalar:
        kind = _KINDS.get(node.tag)
        if kind is None:
            raise InputError.at(location, "yaml_tag", tag=node.tag)
        if kind != "str" and node.style in ("'", '"'):
            kind = "str"  # pragma: no cover - quoted scalars resolve to str already
        return Scalar(node.value, kind, location, quoted=node.style in ("'", '"'))

    def mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> MappingNode:
        result = MappingNode(location)
        problems: list[Problem] = []
        for key_node, value_node in node.value:
            key_location = self.where(key_node)
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _CORE + "merge":
                raise InputError.at(key_location, "yaml_alias")
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError.at(key_location, "wrong_type", key="key", expected="text")
            key = str(key_node.value)
            if key in result.items:
                first = result.items[key].key_location.line
                problems.append(
                    Problem("yaml_duplicate_key", key_location, {"key": key, "first_line": first})
                )
                continue
            result.items[key] = Entry(key_location, self.convert(value_node, depth + 1))
        if problems:
            raise InputError(problems)
        return result
