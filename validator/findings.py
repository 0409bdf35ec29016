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


@dataclass(frozen=True)
class Suspect:
    """A figure a root cause points at: where it is, what it states, the value that makes
    every linked rule hold (as a number and as shown in each language), and the auditor's
    hints about how the mistake was probably made (codes of `HINTS`)."""

    table: str
    kode: str
    column: str
    table_label: str | None = None
    row: str | None = None
    stated: str | None = None
    expected: Decimal | str | None = None
    shown: Mapping[str, str] = field(default_factory=dict)
    location: Location | None = None
    hints: tuple[str, ...] = ()

    def place(self) -> tuple[str, str, str]:
        return (self.table, self.kode, self.column)

    def label(self, lang: str = "id") -> str | None:
        return table_label(self.table, self.table_label, lang)

    def row_in(self, lang: str = "id") -> str | None:
        return row_label(self.table, self.row, lang)

    def column_in(self, lang: str = "id") -> str | None:
        return column_words(self.column, lang)

    def expected_in(self, lang: str) -> str:
        return self.shown.get(lang) or self.shown.get("id") or ""


@dataclass(frozen=True)
class Cause:
    """One root cause (validator/diagnosis): the smallest set of figures whose correction
    makes every linked rule hold. `suspects` are all wrong together (one figure, or the
    same figure repeated wrong in every table); `ambiguous`: equally small explanations
    exist and `suspects` lists them, only one of which is wrong ("salah satu dari")."""

    id: str
    suspects: tuple[Suspect, ...]
    ambiguous: bool = False
    diagnosed: bool = True
    """False: the finding's figures are not linked to others by any rule (or the search
    gave up), so it stands alone as its own matter."""


HINTS: dict[str, dict[str, str]] = {
    "transposed_digits": {"id": "dua angka tertukar (selisih habis dibagi 9)",
                          "en": "two digits transposed (the difference is divisible by 9)"},
    "shifted_separator": {"id": "pemisah desimal/ribuan bergeser (x{factor})",
                          "en": "decimal or thousands separator shifted (x{factor})"},
    "copied_from_row_above": {"id": "sama dengan angka baris di atasnya",
                              "en": "equals the figure of the row above"},
    "copied_from_version": {"id": "sama dengan angka versi lain ({other})",
                            "en": "equals the figure of another version ({other})"},
    "agrees_with_version": {"id": "nilai yang benar sama dengan angka versi lain ({other})",
                            "en": "the corrected figure equals the figure of another version ({other})"},
    "truncated": {"id": "dipotong, bukan dibulatkan", "en": "truncated instead of rounded"},
    "same_in_every_table": {"id": "angka keliru yang sama di setiap tabel: periksa data sumbernya",
                            "en": "the same wrong figure in every table: check the source data"},
}


def hint_text(hint: str, lang: str = "id") -> str:
    """A hint code (with its argument after a colon: "shifted_separator:1000") in words."""
    code, _, argument = hint.partition(":")
    words = HINTS.get(code, {}).get(lang) or HINTS.get(code, {}).get("id") or code
    return words.format(factor=argument, other=argument)


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
    cause: Cause | None = None
    """The root cause this finding belongs to (set by validator/diagnosis)."""
    at_root: bool = True
    """The finding sits on its root cause's figure (False: a consequence of it)."""

    @property
    def root(self) -> str | None:
        """The id of this finding's root cause."""
        return self.cause.id if self.cause is not None else None

    @property
    def caused_by(self) -> str | None:
        """The id of the root cause this finding follows from; None when it is at the root."""
        return None if self.at_root or self.cause is None else self.cause.id

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
