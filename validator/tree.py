"""A located document tree: mappings, sequences and scalars that remember their place.

Every reader (YAML, XLSX, CSV) produces this tree; one builder (build.py) turns it into
the report model. So validation and its messages are the same whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from validator.model import Location

ScalarKind = Literal["str", "int", "float", "bool", "null", "date"]


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written. ``kind`` is how the format typed it (YAML tag, XLSX cell type)."""

    text: str
    kind: ScalarKind
    location: Location
    quoted: bool = False
    """Written in quotes: the text starts one column after `location`."""


@dataclass(frozen=True, slots=True)
class Entry:
    key_location: Location
    value: Node


@dataclass
class MappingNode:
    location: Location
    items: dict[str, Entry] = field(default_factory=dict)


@dataclass
class SequenceNode:
    location: Location
    items: list[Node] = field(default_factory=list)


Node = Scalar | MappingNode | SequenceNode


def describe_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return node.kind
