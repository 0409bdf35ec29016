"""Compare an imported report with the report it should be, figure by figure: how
many figures were imported exactly, which are missing, and which were invented (a
figure in the import that the source does not print there).

Used by the tests (the seed's text against its hand-made fixture) and the import bench
(generated reports rendered as DOCX and PDF against their data).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FIGURES = ("target", "realisasi_kinerja", "capaian_kinerja", "anggaran", "realisasi",
           "capaian_anggaran", "efisiensi", "capaian")


@dataclass
class Comparison:
    equal: int = 0
    total: int = 0
    """Figures in either report, in the compared tables."""
    missing: int = 0
    invented: int = 0
    """Figures in the import that differ from the source or that it does not print."""
    differences: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.equal / self.total if self.total else 1.0

    def add(self, other: Comparison) -> None:
        self.equal += other.equal
        self.total += other.total
        self.missing += other.missing
        self.invented += other.invented
        self.differences += other.differences


def _key(row: dict[str, Any]) -> str:
    return re.sub(r"[^a-z0-9]", "", str(row.get("uraian") or row.get("catatan") or "").lower())[:40]


def table_rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    return list(table.get("baris", [])) + ([table["jumlah"]] if "jumlah" in table else [])


def compare_figures(truth: dict[str, Any], imported: dict[str, Any],
                    table_ids: Iterable[str]) -> Comparison:
    """Tables are paired by id, or (when the import names a table otherwise, as a
    version's lampiran) by caption and kind in order; rows by their printed names in
    order (difflib), then positionally within what is left; a figure on one side only
    is missing or invented."""
    result = Comparison()
    truth_tables = {t["id"]: t for t in truth.get("tabel", [])}
    imported_tables = _paired(truth.get("tabel", []), imported.get("tabel", []))
    for table_id in table_ids:
        left = table_rows(truth_tables.get(table_id, {}))
        right = table_rows(imported_tables.get(table_id, {}))
        for a, b in pair_rows(left, right):
            for column in sorted({c for c in (*a, *b) if c in FIGURES}):
                result.total += 1
                stated = str(a[column]) if column in a else None
                read = str(b[column]) if column in b else None
                if stated == read:
                    result.equal += 1
                    continue
                if read is None:
                    result.missing += 1
                else:
                    result.invented += 1
                result.differences.append((table_id, a.get("no") or b.get("no") or a.get("uraian"),
                                           column, stated, read))
    return result


def _paired(truth: list[dict[str, Any]], imported: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each truth table's id -> the imported table of the same id, else the next one of
    the same caption and kind."""
    by_id = {t["id"]: t for t in imported}
    used = {t["id"] for t in truth if t["id"] in by_id}
    paired: dict[str, dict[str, Any]] = {}
    for table in truth:
        if table["id"] in by_id:
            paired[table["id"]] = by_id[table["id"]]
            continue
        match = next((t for t in imported if t["id"] not in used
                      and " ".join(str(t.get("label", "")).split()).lower()
                      == " ".join(str(table.get("label", "")).split()).lower()
                      and t.get("jenis") == table.get("jenis")), None)
        if match is not None:
            used.add(match["id"])
            paired[table["id"]] = match
    return paired


def pair_rows(left: list[dict[str, Any]], right: list[dict[str, Any]]
              ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Rows paired by their printed names in order (difflib), then positionally within
    what is left; a row on one side only is paired with {}."""
    matcher = difflib.SequenceMatcher(None, [_key(r) for r in left], [_key(r) for r in right],
                                      autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    rest_left, rest_right = set(range(len(left))), set(range(len(right)))
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs.append((block.a + k, block.b + k))
            rest_left.discard(block.a + k)
            rest_right.discard(block.b + k)
    lone_left, lone_right = sorted(rest_left), sorted(rest_right)
    pairs += list(zip(lone_left, lone_right, strict=False))
    pairs += [(i, None) for i in lone_left[len(lone_right):]]
    pairs += [(None, j) for j in lone_right[len(lone_left):]]
    return [(left[i] if i is not None else {}, right[j] if j is not None else {}) for i, j in pairs]
