"""Findings: what a rule found in a report, as data every formatter can render.

A finding names the rule, the table (id and label as printed), the row (kode and label
as printed), the column, the stated figure and the expected value or range, and the
place in the source file. Its message is rendered in both languages when it is made,
so formatters only choose one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from validator.model import Location, column_words, row_label, table_label

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

STATUS_MISMATCH = "mismatch"
STATUS_UNVERIFIABLE = "unverifiable"
STATUS_TRUNCATION = "truncation"
STATUS_NOTE = "note"


@dataclass(frozen=True)
class Shown:
    """The expected value and the difference as a finding shows them in one language
    (the report's number format, a % where the figure has one)."""

    expected: str
    difference: str


BOOLEAN_WORDS = {"true": {"id": "ya", "en": "yes"}, "false": {"id": "tidak", "en": "no"}}


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    messages: Mapping[str, str]
    report: str
    location: Location
    table: str | None = None
    table_label: str | None = None
    kode: str | None = None
    row: str | None = None
    column: str | None = None
    stated: str | None = None
    expected: Decimal | str | None = None
    expected_low: Decimal | None = None
    expected_high: Decimal | None = None
    difference: Decimal | None = None
    suggestion: str | None = None
    status: str = STATUS_MISMATCH
    display: Mapping[str, Shown] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return self.messages.get(lang) or self.messages["id"]

    def label(self, lang: str = "id") -> str | None:
        """The table's label in `lang` (a table the tool derives is named in it)."""
        return table_label(self.table, self.table_label, lang)

    def row_in(self, lang: str = "id") -> str | None:
        """The row's name in `lang` (the rows the tool names itself are translated)."""
        return row_label(self.table, self.row, lang)

    def column_in(self, lang: str = "id") -> str | None:
        """The column's name in words, in `lang` (the `column` field keeps the key)."""
        return column_words(self.column, lang)

    def stated_in(self, lang: str = "id") -> str | None:
        """The stated value as shown: a version's yes/no key ("true", "false") in words
        (the `stated` field keeps what the report wrote)."""
        if self.table == "versi" and self.stated in BOOLEAN_WORDS:
            return BOOLEAN_WORDS[self.stated][lang]
        return self.stated

    def shown(self, lang: str) -> Shown:
        """The expected value and difference as written in `lang` (blank when none)."""
        return self.display.get(lang) or Shown("", "")

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (
            self.report, loc.file, loc.sheet or "", loc.line or 0, _cell_key(loc.cell),
            loc.column or 0, self.code, self.column or "", self.kode or "",
        )


def _cell_key(cell: str | None) -> tuple[int, str]:
    if not cell:
        return (0, "")
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits or 0), letters)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: by report, place in the file, then rule code."""
    return sorted(findings, key=Finding.sort_key)
