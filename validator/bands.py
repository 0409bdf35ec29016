"""Band tables (score -> predicate), versioned as data in rules/bands/."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from validator.errors import Problem, RuleDefinitionError
from validator.model import Location
from validator.read.yaml_reader import read_yaml_tree
from validator.tree import MappingNode, Scalar, SequenceNode

DEFAULT_BAND_SET = "permenpanrb-88-2021"


@dataclass(frozen=True)
class GradeBand:
    predikat: str
    interpretasi: str
    bawah: Decimal
    atas: Decimal


@dataclass(frozen=True)
class BandSet:
    id: str
    name: str
    lower_exclusive: bool
    bands: tuple[GradeBand, ...]

    def grade(self, score: Decimal) -> GradeBand | None:
        for band in self.bands:
            above = score > band.bawah if self.lower_exclusive else score >= band.bawah
            below = score <= band.atas if self.lower_exclusive else score < band.atas
            if above and below:
                return band
        top = max(self.bands, key=lambda b: b.atas, default=None)
        if top is not None and not self.lower_exclusive and score == top.atas:
            return top
        return None

    def on_boundary(self, score: Decimal) -> bool:
        return any(score in (b.bawah, b.atas) for b in self.bands)


def load_band_sets(folder: Path) -> dict[str, BandSet]:
    sets: dict[str, BandSet] = {}
    for path in sorted(folder.glob("*.yaml")):
        band_set = _load(path)
        sets[band_set.id] = band_set
    return sets


def _load(path: Path) -> BandSet:
    root = read_yaml_tree(path)
    where = Location(str(path), 1, 1)
    if not isinstance(root, MappingNode):
        raise RuleDefinitionError([Problem("rule_file_shape", where)])
    values = {k: e.value for k, e in root.items.items()}
    bands_node = values.get("bands")
    if not isinstance(bands_node, SequenceNode):
        raise RuleDefinitionError([Problem("missing_key", where, {"key": "bands"})])
    bands = []
    for item in bands_node.items:
        if not isinstance(item, MappingNode):
            problem = Problem("wrong_type", item.location, {"key": "bands[]", "expected": "mapping"})
            raise RuleDefinitionError([problem])
        fields = {k: e.value.text for k, e in item.items.items() if isinstance(e.value, Scalar)}
        try:
            bands.append(GradeBand(fields["predikat"], fields.get("interpretasi", ""),
                                   Decimal(fields["bawah"]), Decimal(fields["atas"])))
        except (KeyError, ArithmeticError) as exc:
            params = {"key": "bands[]", "expected": "predikat, bawah, atas"}
            raise RuleDefinitionError([Problem("wrong_type", item.location, params)]) from exc
    def text(key: str, default: str) -> str:
        node = values.get(key)
        return node.text if isinstance(node, Scalar) else default
    return BandSet(text("id", path.stem), text("name", path.stem),
                   text("lower_bound", "exclusive") == "exclusive", tuple(bands))
