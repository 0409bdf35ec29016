"""Diagnosis: which figure is wrong when several findings share figures.

Rules find, diagnosis localises (as Statistics Netherlands' `validate` / `errorlocate`).
After the rules ran, `diagnose` reads the relations the rules compare (a sum and its
parts, the same figure in two tables, a formula and its inputs, a category of a
condition: validator/diagnosis/relations.py, built by the rule kinds themselves), marks
those the findings say fail, and searches each group of linked failures for the smallest
set of figures whose correction makes every rule hold (validator/diagnosis/search.py).

Each finding then carries its root cause (`Finding.cause`, a `Cause` of one or more
`Suspect` figures with the value they should have and the auditor's hints,
validator/diagnosis/hints.py) and whether it sits on that figure (`at_root`) or is a
consequence of it. Equally small explanations are reported as such (`ambiguous`: one of
these figures is wrong), never guessed. A finding whose figures no rule links to others
is its own matter.

`validator/runner.py` `check_one` calls this once per report for every engine, before
the result is cached, so cached and batch results carry it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from types import ModuleType
from typing import Any

from validator import collector
from validator.bands import BandSet
from validator.diagnosis import hints as hint_rules
from validator.diagnosis.relations import FUNCTION, Cell, Known, Relation, Value
from validator.diagnosis.search import FLAGGED, HINTED, Component, Explanation, System
from validator.findings import STATUS_MISMATCH, Cause, Finding, Suspect, sort_findings
from validator.intervals import Interval, round_half_up
from validator.model import Report
from validator.ruleset import Rule

ALARM = ("error", "warning")


def diagnose(report: Report, rules: Sequence[Rule], findings: Sequence[Finding], settings: object = None,
             band_sets: Mapping[str, BandSet] | None = None) -> list[Finding]:
    """The findings, each with its root cause (same order, same fields otherwise)."""
    if not findings:
        return list(findings)
    from validator.engine.context import Context, Settings  # the engine imports the relations

    failing = {_key(f) for f in findings if _linkable(f)}
    relational = [r for r in rules if _kind(r) is not None]
    relations: list[Relation] = []
    # Many small lasting objects, next to no cycles: see validator/collector.py.
    with collector.paused():
        if failing and any(r.code in {k[0] for k in failing} for r in relational):
            ctx = Context(report, settings if isinstance(settings, Settings) else Settings(), band_sets)
            ctx.listing = True
            relations = _read_relations(ctx, relational, failing)
        system = System(relations, _violated(relations, failing))
        flagged = _flagged(findings, relations)
        components = system.components()
        for component in components:
            system.explain(component, lambda cell, value: _bonus(system, cell, value, report, flagged))
        return _attach(report, findings, system, components)


SELECTORS = ("tables", "left", "right", "source", "statement_table")
"""The parameters by which a relational rule chooses its tables."""


def _read_relations(ctx: Any, rules: Sequence[Rule], failing: set[Key]) -> list[Relation]:
    """The relations the search can reach: those of the failing rules, then of the rules
    reading a table they touch, then once more of the tables those touch (a figure
    recomputed as a consequence lies at most one relation further). Rules on other tables
    are not compiled again: they cannot bear on these failures."""
    codes = {key[0] for key in failing}
    done = {r.code for r in rules if r.code in codes}
    relations = [rel for r in rules if r.code in codes for rel in _relations_of(r, ctx)]
    reached = {c[0] for rel in relations for c in rel.cells}
    for _ in range(2):
        more = [r for r in rules if r.code not in done and _reads(r, ctx, reached)]
        done.update(r.code for r in more)
        relations += [rel for r in more for rel in _relations_of(r, ctx)]
        reached = {c[0] for rel in relations for c in rel.cells}
    return relations


def _relations_of(rule: Rule, ctx: Any) -> Iterator[Relation]:
    kind = _kind(rule)
    assert kind is not None
    yield from kind.relations(rule, ctx)


def _reads(rule: Rule, ctx: Any, tables: set[str]) -> bool:
    selectors = [rule.params[name] for name in SELECTORS if isinstance(rule.params.get(name), Mapping)]
    if rule.kind == "aggregate" and "statement_table" not in rule.params:
        selectors.append({"jenis": "pernyataan"})  # the statements it compares
    return any(t.id in tables for selector in selectors for t in ctx.select(selector))


def _kind(rule: Rule) -> ModuleType | None:
    from validator.engine import KINDS

    kind = KINDS.get(rule.kind)
    return kind if kind is not None and hasattr(kind, "relations") else None


Key = tuple[str, str, str, str]


def _key(finding: Finding) -> Key:
    return (finding.code, finding.table or "", finding.kode or "", finding.column or "")


def _linkable(finding: Finding) -> bool:
    return finding.status == STATUS_MISMATCH and finding.severity in ALARM and finding.column is not None


def _violated(relations: Sequence[Relation], failing: set[Key]) -> list[bool]:
    """A relation fails when a finding of its rule sits on its figure; among relations of
    one rule on one figure (a figure compared with two tables), those that do not hold
    over the stated figures."""
    codes = {key[0] for key in failing}
    keyed: dict[Key, list[int]] = {}
    for index, relation in enumerate(relations):
        if relation.code in codes:
            keyed.setdefault((relation.code, *relation.output), []).append(index)
    violated = [False] * len(relations)
    for key, indexes in keyed.items():
        if key not in failing:
            continue
        stated = {c: k.value for i in indexes
                  for c, k in zip(relations[i].cells, relations[i].known, strict=True)}
        failed = [i for i in indexes if not relations[i].holds(stated)] or indexes
        for i in failed:
            violated[i] = True
    return violated


def _flagged(findings: Sequence[Finding], relations: Sequence[Relation]) -> set[Cell]:
    """Figures a rule finds wrong on their own (a negative budget, a percentage of 9854 %):
    direct evidence, which outweighs a tie."""
    keys = {(r.code, *r.output) for r in relations}
    return {(f.table or "", f.kode or "", f.column or "") for f in findings
            if _linkable(f) and _key(f) not in keys}


def _known(system: System, cell: Cell) -> Known:
    relation = system.relations[system.by_cell[cell][0]]
    return relation.known[relation.cells.index(cell)]


def _bonus(system: System, cell: Cell, value: Value, report: Report, flagged: set[Cell]) -> int:
    """A figure a rule finds wrong on its own, or whose correction is a typist's slip,
    breaks a tie in its favour; each independent slip that fits counts (a transposition
    whose correction also equals the other version's figure beats a transposition alone)."""
    if cell in flagged:
        return FLAGGED
    expected = _point(value)
    if expected is None:
        return 0
    found = hint_rules.hints(_known(system, cell), expected, report)
    return HINTED * sum(1 for h in found if hint_rules.strong((h,)))


def _point(value: Value) -> Decimal | None:
    return value.mid if isinstance(value, Interval) else None


# -- attaching causes to findings ----------------------------------------------------------


class _Causes:
    """Makes the suspects of a report's causes (their figures, values and hints)."""

    def __init__(self, report: Report, system: System) -> None:
        self.report, self.system = report, system

    def suspect(self, cell: Cell, value: Value | None, extra: tuple[str, ...] = (),
                option: bool = False) -> Suspect:
        """A figure of a cause; as one `option` of several, only the hints that do not
        presume it is the wrong one (a transposition, a shifted separator)."""
        suspect = _suspect(_known(self.system, cell), value, self.report, extra, _exact(self.system, cell))
        if option:
            suspect = replace(suspect, hints=tuple(h for h in suspect.hints if hint_rules.strong((h,))))
        return suspect


def _attach(report: Report, findings: Sequence[Finding], system: System,
            components: Sequence[Component]) -> list[Finding]:
    causes = _Causes(report, system)
    assigned: dict[int, tuple[Cause, bool]] = {}  # id(finding) -> cause, at root
    relation_findings = _findings_of_relations(system, findings)
    for component in components:
        members = [f for i in component.violated for f in relation_findings.get(i, [])]
        for finding, cause, at_root in _explained(causes, system, component, members):
            assigned.setdefault(id(finding), (cause, at_root))
    made = _unique(a[0] for a in assigned.values())
    certain = {s.place(): c for c in made for s in c.suspects if not c.ambiguous}
    options = {s.place(): c for c in made for s in c.suspects if c.ambiguous}
    result: list[Finding] = []
    alone: dict[tuple[str, str, str], Cause] = {}  # findings standing alone, by figure
    for finding in findings:
        place = (finding.table or "", finding.kode or "", finding.column or "")
        if id(finding) in assigned:
            cause, at_root = assigned[id(finding)]
        elif place in certain:
            cause, at_root = certain[place], True
        elif place in options:
            cause, at_root = options[place], False
        elif finding.column is not None and place in alone:
            cause, at_root = alone[place], True
        else:
            cause, at_root = _own(finding), True
            alone[place] = cause
        result.append(replace(finding, cause=cause, at_root=at_root))
    return _numbered(result)


def _unique(causes: Iterable[Cause]) -> list[Cause]:
    seen: dict[int, Cause] = {}
    for cause in causes:
        seen.setdefault(id(cause), cause)
    return list(seen.values())


def _findings_of_relations(system: System, findings: Sequence[Finding]) -> dict[int, list[Finding]]:
    by_key: dict[Key, list[Finding]] = {}
    for finding in findings:
        if _linkable(finding):
            by_key.setdefault(_key(finding), []).append(finding)
    found: dict[int, list[Finding]] = {}
    for index, relation in enumerate(system.relations):
        if system.violated[index]:
            found[index] = by_key.get((relation.code, *relation.output), [])
    return found


def _explained(causes: _Causes, system: System, component: Component,
               members: list[Finding]) -> Iterator[tuple[Finding, Cause, bool]]:
    """Each finding of a component with its cause and whether it sits on the cause's figure."""
    explanations = component.explanations
    if not explanations:
        return  # undiagnosed: each finding stays its own matter
    if len(explanations) > 1:
        yield from _ambiguous(causes, system, component, members)
        return
    explanation = explanations[0]
    groups = _same_figure(system, explanation)
    made: dict[Cell, Cause] = {}
    for group in groups:
        extra = ("same_in_every_table",) if len(group) > 1 else ()
        suspects = [causes.suspect(c, explanation.values.get(c), extra) for c in group]
        if extra:  # the other tables state the same wrong figure: not a copy of a right one
            tables = {c[0] for c in group}
            suspects = [replace(s, hints=tuple(h for h in s.hints if not (
                h.startswith("copied_from_version:") and h.split(":", 1)[1] in tables))) for s in suspects]
        cause = Cause("", tuple(suspects))
        for cell in group:
            made[cell] = cause
    for finding in members:
        place = (finding.table or "", finding.kode or "", finding.column or "")
        if place in made:
            yield finding, made[place], True
            continue
        relation_cells = _cells_of(system, finding)
        owner = next((made[c] for c in explanation.cells if c in relation_cells), None)
        yield finding, owner or made[explanation.cells[0]], False


def _cells_of(system: System, finding: Finding) -> set[Cell]:
    key = _key(finding)
    return {c for i, r in enumerate(system.relations) if system.violated[i] and (r.code, *r.output) == key
            for c in r.cells}


def _same_figure(system: System, explanation: Explanation) -> list[list[Cell]]:
    """The figures of an explanation, those of one row and column stating the same figure
    and needing the same value grouped (a mistake in the source data, repeated)."""
    groups: dict[tuple[str, str, object, object], list[Cell]] = {}
    for cell in explanation.cells:
        known = _known(system, cell)
        figure = known.figure
        value = explanation.values.get(cell)
        stated = figure.value if figure is not None else known.text
        key = (cell[1], cell[2], stated, _point(value) if value else None)  # 2.685 = 2.685,00
        groups.setdefault(key, []).append(cell)
    return list(groups.values())


def _ambiguous(causes: _Causes, system: System, component: Component,
               members: list[Finding]) -> Iterator[tuple[Finding, Cause, bool]]:
    """Equally small explanations: each part of the component (violated relations whose
    candidate figures overlap) is its own matter, certain where all explanations agree on
    its figure, else "one of" its candidates. Three rows each failing on its own, linked
    only by an average that holds, are three matters, not one ambiguity over nine figures."""
    explanations = component.explanations
    values: dict[Cell, Value] = {}
    for explanation in explanations:
        for cell in explanation.cells:
            if cell in explanation.values:
                values.setdefault(cell, explanation.values[cell])
    options = {i: sorted({c for e in explanations for c in e.cells
                          if c in system.relations[i].cells or c in e.followers})
               for i in component.violated}
    parts: list[tuple[set[Cell], list[int]]] = []
    for index in component.violated:
        mine = set(options[index]) or {c for e in explanations for c in e.cells}
        joined = [p for p in parts if p[0] & mine]
        for part in joined:
            parts.remove(part)
            mine |= part[0]
        parts.append((mine, [i for p in joined for i in p[1]] + [index]))
    by_relation: dict[int, tuple[Cause, set[Cell]]] = {}
    for cells, indexes in parts:
        ambiguous = len(cells) > 1
        cause = Cause("", tuple(causes.suspect(c, values.get(c), option=ambiguous) for c in sorted(cells)),
                      ambiguous=ambiguous)
        for index in indexes:
            by_relation[index] = (cause, cells)
    for finding in members:
        place = (finding.table or "", finding.kode or "", finding.column or "")
        found = [i for i in component.violated
                 if (system.relations[i].code, *system.relations[i].output) == _key(finding)]
        cause, cells = by_relation[found[0]] if found else next(iter(by_relation.values()))
        yield finding, cause, not cause.ambiguous and place in cells


def _exact(system: System, cell: Cell) -> Decimal | None:
    """The unrounded value of the formula a figure is the result of, over the stated inputs."""
    for index in system.by_cell.get(cell, ()):
        relation = system.rel(index)
        if relation.output == cell and relation.form == FUNCTION:
            value = relation.expected(system.stated)
            if isinstance(value, Interval):
                return value.mid
    return None


def _suspect(known: Known, value: Value | None, report: Report, extra: tuple[str, ...] = (),
             exact: Decimal | None = None) -> Suspect:
    figure = known.figure
    stated = figure.raw if figure is not None else known.text
    expected: Decimal | str | None = None
    shown: dict[str, str] = {}
    found: tuple[str, ...] = ()
    if isinstance(value, Interval):
        decimals = max(0, known.decimals - (figure.scale or 0)) if figure is not None else known.decimals
        expected = round_half_up(value.mid, decimals)
        for lang in ("id", "en"):
            shown[lang] = _number(expected, decimals, lang, figure)
        found = hint_rules.hints(known, value.mid, report, exact)
    elif isinstance(value, str):
        expected = value
        shown = {"id": value, "en": value}
    cell = known.row.cells.get(known.column)
    location = figure.location if figure is not None else cell.location if cell is not None else None
    return Suspect(known.table.id, known.row.kode, known.column, known.table.label,
                   known.row.uraian or known.row.kode, stated, expected, shown,
                   location or known.row.location, (*found, *extra))


def _number(value: Decimal, decimals: int, lang: str, like: object) -> str:
    from validator.engine.context import Context

    return Context.number(value, decimals, lang, like)  # type: ignore[arg-type]


def _own(finding: Finding) -> Cause:
    """A finding that stands alone: its own figure, as the rule stated it."""
    shown = {lang: finding.shown(lang).expected for lang in ("id", "en") if finding.shown(lang).expected}
    suspect = Suspect(finding.table or "", finding.kode or "", finding.column or "", finding.table_label,
                      finding.row, finding.stated, finding.expected, shown, finding.location)
    return Cause("", (suspect,), diagnosed=False)


def _numbered(findings: list[Finding]) -> list[Finding]:
    """Number the causes A1, A2, ... in the order of the findings (which is sorted)."""
    names: dict[int, Cause] = {}
    for finding in sort_findings(list(findings)):
        cause = finding.cause
        if cause is not None and id(cause) not in names:
            names[id(cause)] = replace(cause, id=f"A{len(names) + 1}")
    return [replace(f, cause=names[id(f.cause)]) if f.cause is not None else f for f in findings]
