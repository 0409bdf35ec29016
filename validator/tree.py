"""A located document tree: mappings, sequences and scalars that remember their place.

Every reader (YAML, XLSX, CSV) produces this tree; one builder (build.py) turns it into
the report model. So validation and its messages are the same whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from validator.model import Location

if TYPE_CHECKING:
    from validator.read.number_formats import CellDisplay

ScalarKind = Literal["str", "int", "float", "bool", "null", "date"]


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written. ``kind`` is how the format typed it (YAML tag, XLSX cell type)."""

    text: str
    kind: ScalarKind
    location: Location
    quoted: bool = False
    """Written in quotes: the text starts one column after `location`."""
    cell: SheetCell | None = None
    """What a spreadsheet cell adds to its value: its number format's display, its formula."""


@dataclass(frozen=True, slots=True)
class SheetCell:
    """A workbook cell beyond its text (validator/read/xlsx_reader.py)."""

    shown: CellDisplay | None = None
    """A number as the cell's format displays it (the scalar's text is that display)."""
    formula: str | None = None
    """The cell's formula, noted beside its value."""
    failure: str | None = None
    """Why a formula saved without a result could not be computed (a key of
    numbers.REASONS, with ``detail``): the scalar reads as an unreadable figure."""
    detail: str = ""


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
