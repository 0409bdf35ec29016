"""Error localisation in the Fellegi-Holt sense: the smallest set of figures whose
correction makes every linked rule hold.

The violated relations are grouped into components: two belong together when they share
a figure, or when one relation that holds reads figures of both (a realisation and the
absorption computed from it). For each component the search tries every set of its
figures, one figure first, then two, then three, and keeps the cheapest sets that
explain everything:

- the figures of the set are solved from the relations they are in (a sum for a part, an
  equality for a copy, a formula for its result or, numerically, an input); a figure
  stated as a whole number and read exactly (rupiah, a count) must solve to a whole number;
- every relation touching a changed figure must then hold; a relation that held before
  and computes its figure from the changed one (a total, a formula, an average) may
  follow: its figure is recomputed as a consequence, never counted as a second mistake;
- every violated relation of the component must be touched.

Cost: each figure of the set costs `FIGURE`, a consequence that follows `FOLLOWER`
(nothing: a stated average that agrees with a stated capaian says nothing about whether
the capaian or its inputs are wrong); a figure a rule finds wrong on its own (a negative
budget, 9854 %) costs `FLAGGED` less, and one whose correction is a typist's slip (two
digits transposed, a separator shifted) `HINTED` less: only when two explanations are
otherwise equal does that decide, as an auditor would. Equally cheap sets are all
reported (ambiguous). Weights need no table of trust: a figure repeated identically in
three tables is unlikely to be the wrong one because changing it breaks the equalities
that hold, which the search counts; a stated total costs the same as each of its parts.

Deterministic: candidates, relations and sets are visited in sorted order.
"""

from __future__ import annotations

import itertools
import math
from collections import ChainMap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from validator.diagnosis.relations import LABEL, LINEAR, Cell, Relation, Value
from validator.intervals import Interval

FIGURE = 100
FOLLOWER = 0
"""A figure recomputed from a corrected one is a consequence, not a mistake."""
HINTED = 10
FLAGGED = 20
MAX_SIZE = 3
MAX_TRIALS = 4000
"""Sets tried per component at most; beyond it the component is left undiagnosed (each
finding stays its own matter) rather than guessed."""
PAIRS_UP_TO = 60
TRIPLES_UP_TO = 24


@dataclass
class Explanation:
    """One set of figures that explains a component: the figures (`cells`), the values they
    take, the figures that follow as consequences, and its cost."""

    cells: tuple[Cell, ...]
    values: dict[Cell, Value]
    followers: tuple[Cell, ...]
    cost: int


@dataclass
class Component:
    violated: list[int]
    """Indexes of its violated relations."""
    explanations: list[Explanation] = field(default_factory=list)
    """The cheapest explanations (several: ambiguous; none: undiagnosed)."""


class System:
    """The relations of one report, with the figures as stated and which relations fail."""

    def __init__(self, relations: Sequence[Relation], violated: Sequence[bool]) -> None:
        self.relations = list(relations)
        self.violated = list(violated)
        self.stated: dict[Cell, Value] = {}
        """The figures as read, of the relations visited so far (`rel`)."""
        self.by_cell: dict[Cell, list[int]] = {}
        self._read: set[int] = set()
        for index, relation in enumerate(self.relations):
            for cell in relation.cells:
                touching = self.by_cell.setdefault(cell, [])
                if not touching or touching[-1] != index:
                    touching.append(index)

    def rel(self, index: int) -> Relation:
        """A relation, its figures read (intervals made) on first use."""
        relation = self.relations[index]
        if index not in self._read:
            self._read.add(index)
            for cell, known in zip(relation.cells, relation.known, strict=True):
                self.stated.setdefault(cell, known.value)
        return relation

    def components(self) -> list[Component]:
        """The violated relations grouped: sharing a figure, or linked by one relation
        that holds."""
        bad = [i for i, v in enumerate(self.violated) if v]
        parent = {i: i for i in bad}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        # Only the relations touching a violated one's figures can link two of them.
        near = sorted({i for v in bad for c in self.relations[v].cells for i in self.by_cell[c]})
        for index in near:
            linked = sorted({find(i) for c in self.relations[index].cells for i in self.by_cell[c]
                             if self.violated[i]})
            for other in linked[1:]:
                union(linked[0], other)
        groups: dict[int, list[int]] = {}
        for i in bad:
            groups.setdefault(find(i), []).append(i)
        return [Component(sorted(members)) for _, members in sorted(groups.items())]

    def explain(self, component: Component, bonus: Callable[[Cell, Value], int]) -> None:
        """The cheapest explanations of a component (left empty when none is found within
        `MAX_SIZE` figures and `MAX_TRIALS` sets)."""
        candidates = sorted({c for i in component.violated for c in self.relations[i].cells})
        trials = 0
        for size in range(1, MAX_SIZE + 1):
            if len(candidates) > {1: len(candidates), 2: PAIRS_UP_TO, 3: TRIPLES_UP_TO}[size]:
                return
            found: list[Explanation] = []
            for cells in itertools.combinations(candidates, size):
                trials += 1
                if trials > MAX_TRIALS:
                    return
                explanation = self.try_set(cells, component.violated)
                if explanation is not None:
                    explanation.cost -= sum(bonus(c, explanation.values[c]) for c in cells
                                            if c in explanation.values)
                    found.append(explanation)
            if found:
                best = min(e.cost for e in found)
                component.explanations = [e for e in found if e.cost == best]
                return

    def try_set(self, cells: Sequence[Cell], violated: Sequence[int]) -> Explanation | None:
        """Whether correcting `cells` (and recomputing what follows) makes every relation
        hold; the values and consequences if so."""
        changed: dict[Cell, Value] = {}
        view: Mapping[Cell, Value] = ChainMap(changed, self.stated)
        unknown = set(cells)
        self._solve(unknown, changed, view)
        if not all(self._whole(c, changed[c]) for c in cells if c in changed):
            return None
        chosen = set(cells)
        followers: list[Cell] = []
        to_check = sorted({i for c in cells for i in self.by_cell.get(c, ())})
        checked: set[int] = set()
        while to_check:
            index = to_check.pop(0)
            relation = self.rel(index)
            if any(c in unknown for c in relation.cells):
                checked.add(index)
                continue  # a figure left free: the relation can be met by choosing it
            if relation.holds(view):
                checked.add(index)
                continue
            output = relation.output
            if self.violated[index] or not relation.derived or output in chosen or output in followers:
                return None
            value = relation.expected(view)
            if value is None:
                return None
            changed[output] = value  # computed from the corrected figure: a consequence
            followers.append(output)
            checked.add(index)
            again = [i for i in self.by_cell.get(output, ()) if i != index]
            to_check = sorted(set(to_check) | set(again) | (checked & set(again)))
        touched = set(cells) | set(followers)
        if any(not touched.intersection(self.relations[i].cells) for i in violated):
            return None
        cost = FIGURE * len(cells) + FOLLOWER * len(followers)
        return Explanation(tuple(cells), changed, tuple(followers), cost)

    def _whole(self, cell: Cell, value: Value) -> bool:
        """A figure stated as a whole number and read exactly (rupiah, a count of people)
        must be corrected to a whole number: a penyebut of 79,06 people is no correction."""
        first = self.rel(self.by_cell[cell][0])
        known = first.known[first.cells.index(cell)]
        stated = self.stated.get(cell)
        if not isinstance(value, Interval) or not isinstance(stated, Interval) or stated.low != stated.high:
            return True
        if known.figure is None or known.figure.percent or stated.low != int(stated.low):
            return True
        return math.ceil(value.low) <= value.high

    def _solve(self, unknown: set[Cell], changed: dict[Cell, Value], view: Mapping[Cell, Value]) -> None:
        """Solve the unknown figures one by one from relations where each is the only
        unknown, until none can be solved (those left are free)."""
        progress = True
        while unknown and progress:
            progress = False
            for cell in sorted(unknown):
                # A failing relation first (a relation that holds would give the figure
                # back as stated); then a sum or an equality: it gives the value exactly,
                # a formula's input only within the output's printed precision.
                touching = self.by_cell.get(cell, ())
                for index in sorted(touching, key=lambda i: (not self.violated[i],
                                                             self.relations[i].form != LINEAR)):
                    relation = self.rel(index)
                    if relation.form == LABEL and cell != relation.output:
                        continue
                    if sum(1 for c in relation.cells if c in unknown) != 1 or not relation.solvable(cell):
                        continue
                    value = relation.solve(cell, view)
                    if value is None:
                        continue
                    changed[cell] = value
                    unknown.discard(cell)
                    progress = True
                    break
