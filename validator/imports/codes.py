"""Give budget rows that print no code their Permendagri 90/2019 code, from their names.

Most LKjIP print program, kegiatan and sub kegiatan names without codes; the checks
match rows across tables by code. A row is placed in the hierarchy by its name:
PROGRAM rows (upper case or "Program ..."), then kegiatan and sub kegiatan by the
nomenclature (exactly, else the closest name of the same program when it is close
enough, with a note). A name the nomenclature does not know gets a code made up by the
import, the same in every table of the report (so the tables still compare), and
flagged: such a code is the importer's, never the report's.

A kegiatan and one of its own sub kegiatan can share a name ("Pengelolaan Data Fakir
Miskin Cakupan Daerah Kabupaten/Kota"): the first is the kegiatan, a repeat of the
name right under it is the sub kegiatan.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from validator.generate.nomenclature import KegiatanTemplate, ProgramTemplate, load_nomenclature
from validator.imports.tables import normal

CLOSE_ENOUGH = 0.86
"""The least similarity (difflib ratio of the names' letters) for a name to take the
code of a nomenclature name it does not equal ("Rehabilitas i" for "Rehabilitasi",
PMKS for PPKS); below it the import makes up a code and says so."""


@dataclass(frozen=True)
class Placement:
    kode: str
    level: str
    how: str
    """`nomenklatur` (the name is the nomenclature's), `mirip` (a close name),
    `dari_kegiatan` (a program named by the kegiatan under it: its own name cannot be
    read), `disusun` (made up by the import: no nomenclature name is close)."""
    known_as: str | None = None
    """The nomenclature's name when the printed one differs."""


@dataclass
class _Node:
    kode: str
    nama: str
    children: list[_Node] = field(default_factory=list)


def _program_node(urusan: str, program: ProgramTemplate) -> _Node:
    code = f"{urusan}.{program.kode}"
    return _Node(code, program.nama, [_kegiatan_node(code, k) for k in program.kegiatan])


def _kegiatan_node(program_code: str, kegiatan: KegiatanTemplate) -> _Node:
    code = f"{program_code}.{kegiatan.kode}"
    return _Node(code, kegiatan.nama, [_Node(f"{code}.{s.kode}", s.nama) for s in kegiatan.sub])


def _urusan_programs() -> dict[str, list[_Node]]:
    book = load_nomenclature()
    return {d.urusan: [_program_node(d.urusan, book.penunjang)]
            + [_program_node(d.urusan, p) for p in d.program] for d in book.dinas}


def is_program_name(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(letters) >= 4 and (letters.isupper() or name.strip().lower().startswith("program "))


def _key(name: str) -> str:
    key = normal(name)
    return key[len("program"):] if key.startswith("program") else key


def _closest(name: str, nodes: list[_Node]) -> tuple[_Node | None, bool]:
    """The node of this name (exact: True), else the closest close enough (False)."""
    key = _key(name)
    if not key:
        return None, False
    for node in nodes:
        if _key(node.nama) == key:
            return node, True
    best, best_ratio = None, 0.0
    for node in nodes:
        ratio = difflib.SequenceMatcher(None, key, _key(node.nama)).ratio()
        if ratio > best_ratio:
            best, best_ratio = node, ratio
    return (best, False) if best_ratio >= CLOSE_ENOUGH else (None, False)


class Placer:
    """Places the budget rows of every table of one report, with one set of made-up
    codes for the whole report."""

    def __init__(self, urusan: str | None = None) -> None:
        self.by_urusan = _urusan_programs()
        self.urusan = urusan
        self.made_up: dict[tuple[str, str], str] = {}

    def guess_urusan(self, program_names: list[str]) -> str | None:
        """The urusan whose own programs (not the shared penunjang one) the names are."""
        votes: dict[str, int] = {}
        for urusan, programs in self.by_urusan.items():
            for name in program_names:
                node, _ = _closest(name, programs[1:])
                if node is not None:
                    votes[urusan] = votes.get(urusan, 0) + 1
        if not votes:
            return None
        return max(votes, key=lambda u: votes[u])

    def place(self, names: list[str], sub_level: bool,
              programs_marked: list[bool] | None = None) -> list[Placement]:
        """One placement per row name, in order; `sub_level` is False for a table
        that lists programs and kegiatan only (a PK lampiran); `programs_marked` says
        which rows the table marks as programs otherwise than by their name (the
        only numbered rows of a table that numbers its programs only)."""
        urusan = self.urusan or "0.00"
        programs = self.by_urusan.get(urusan, [])
        marked = programs_marked or [False] * len(names)
        program: _Node | None = None
        kegiatan: _Node | None = None
        out: list[Placement] = []
        for index, name in enumerate(names):
            if is_program_name(name) or marked[index] or not out:
                node, exact = _closest(name, programs)
                if node is None:
                    by_child = self._program_of_next(names[index + 1:index + 2], programs)
                    if by_child is not None:
                        program, kegiatan = by_child, None
                        out.append(Placement(by_child.kode, "program", "dari_kegiatan",
                                             known_as=by_child.nama))
                        continue
                program = node or self._made_up(urusan, name, "program")
                kegiatan = None
                out.append(self._placement(program, "program", node, exact, name))
                continue
            candidates = program.children if program else []
            node, exact = _closest(name, candidates)
            if node is not None and node is not kegiatan:
                kegiatan = node
                out.append(self._placement(node, "kegiatan", node, exact, name))
                continue
            if sub_level and kegiatan is not None:
                sub, sub_exact = _closest(name, kegiatan.children)
                if sub is None:
                    sub, sub_exact = self._sub_elsewhere(name, candidates)
                made = sub or self._made_up(kegiatan.kode, name, "sub")
                out.append(self._placement(made, "sub_kegiatan", sub, sub_exact, name))
                continue
            parent = program.kode if program else urusan
            made = self._made_up(parent, name, "kegiatan")
            kegiatan = made
            out.append(self._placement(made, "kegiatan", None, False, name))
        return out

    def _program_of_next(self, following: list[str], programs: list[_Node]) -> _Node | None:
        # A program row whose name cannot be read ("# 1000 CO 1000" in the seed) is the
        # program of the kegiatan printed right under it.
        for name in following:
            for program in programs:
                node, _ = _closest(name, program.children)
                if node is not None:
                    return program
        return None

    def _sub_elsewhere(self, name: str, kegiatan: list[_Node]) -> tuple[_Node | None, bool]:
        for node in kegiatan:
            sub, exact = _closest(name, node.children)
            if sub is not None:
                return sub, exact
        return None, False

    def _placement(self, node: _Node, level: str, matched: _Node | None, exact: bool,
                   name: str) -> Placement:
        if matched is None:
            return Placement(node.kode, level, "disusun")
        if exact:
            return Placement(node.kode, level, "nomenklatur")
        return Placement(node.kode, level, "mirip", known_as=matched.nama)

    def _made_up(self, parent: str, name: str, level: str) -> _Node:
        key = (parent, _key(name))
        if key not in self.made_up:
            taken = sum(1 for (p, _) in self.made_up if p == parent)
            suffix = {"program": f"{91 + taken:02d}", "kegiatan": f"2.{91 + taken:02d}",
                      "sub": f"{9001 + taken:04d}"}[level]
            self.made_up[key] = f"{parent}.{suffix}"
        return _Node(self.made_up[key], name)
