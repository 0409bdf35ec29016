"""What every rule kind needs: the report's tables (real and derived), settings,
intervals of printed figures, and one way to make a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from validator.bands import DEFAULT_BAND_SET, BandSet
from validator.findings import (
    STATUS_MISMATCH,
    STATUS_TRUNCATION,
    STATUS_UNVERIFIABLE,
    Finding,
    Shown,
)
from validator.intervals import Interval, Rounding, printed_interval, round_half_up
from validator.model import (
    DERIVED_LABELS,
    Figure,
    Location,
    Report,
    Row,
    Table,
    Text,
    Version,
    column_words,
    row_label,
    table_label,
    version_titles,
)
from validator.numbers import UNROUNDED_DECIMALS, format_en, format_id
from validator.ruleset import Rule

T = TypeVar("T")

ENGINE_MESSAGES = {
    STATUS_UNVERIFIABLE: {
        "id": "{name}: tidak dapat diverifikasi karena {reason}",
        "en": "{name}: cannot verify because {reason}",
    },
    STATUS_TRUNCATION: {
        "id": "{message} Nilai tertulis hanya konsisten bila angka dipotong (bukan dibulatkan).",
        "en": "{message} The stated value is consistent only if figures were truncated, not rounded.",
    },
}
UNREADABLE_REASON = {
    "id": "nilai {column} pada {row} tidak terbaca ({raw!r})",
    "en": "the {column} figure of {row} cannot be read ({raw!r})",
}


@dataclass(frozen=True)
class Settings:
    """Options a project sets in lkjip.toml (see config.py)."""

    rounding: Rounding = "nearest"
    precision: str = "column"
    options: Mapping[str, str] = field(default_factory=dict)
    capaian: Mapping[str, str] = field(default_factory=dict)
    """The project's capaian formulas by direction (`[capaian]`); unset, the report's
    declaration and then the rule's `by_direction` apply (FRM001)."""
    band_set: str | None = None
    exact: Mapping[str, frozenset[str]] = field(default_factory=lambda: EXACT_COLUMNS)


# Figures are read as the interval their printing stands for, except amounts, counts
# and targets. Budget and realisation amounts are whole rupiah whether printed
# "6.329.398.300" or "6.329.398.300,00", so a total 1 rupiah off is wrong (an amount
# printed in thousands or as "Rp 1,2 M" has a `scale` and stays a rounded interval); a
# count of people or documents and a planned target are not rounded either, so
# "24 Orang" is 24, not 23,5 to 24,5.
EXACT_COLUMNS: Mapping[str, frozenset[str]] = {
    "anggaran": frozenset({"target", "realisasi_kinerja", "anggaran", "realisasi"}),
    "kinerja": frozenset({"target", "pembilang", "penyebut", "anggaran", "realisasi_anggaran"}),
    "pernyataan": frozenset({"total_anggaran", "total_realisasi"}),
    "akip": frozenset({"nilai", "target"}),
    "akip_riwayat": frozenset({"nilai", "tahun"}),
}


class Context:
    def __init__(self, report: Report, settings: Settings,
                 band_sets: Mapping[str, BandSet] | None = None) -> None:
        self.report = report
        self.settings = settings
        self.band_sets = dict(band_sets or {})
        self.tables: list[Table] = list(report.tabel) + derived_tables(report)
        self.indicators = report.indicators()
        self.targets = {t.kode: t for t in report.sasaran}
        self._decimals: dict[tuple[str, str, int], int] = {}
        self._selected: dict[str, list[Table]] = {}
        self._columns: dict[int, tuple[set[str], Table]] = {}
        self._once: dict[Hashable, Any] = {}
        self._intervals: dict[tuple[int, str, str, int], tuple[Interval, Figure]] = {}
        self.listing = False
        """Compiling for the diagnosis (validator/diagnosis): items name the figures they
        compare, and the values only an interpreter judges (ranges) are not computed."""

    # -- tables ---------------------------------------------------------------------------

    def select(self, selector: Mapping[str, Any]) -> list[Table]:
        """The tables a selector chooses. Remembered per selector: many rules share one
        (`{jenis: anggaran}`), and matching reads every row's columns."""
        key = repr(sorted(selector.items()))
        chosen = self._selected.get(key)
        if chosen is None:
            chosen = self._selected[key] = [t for t in self.tables if self.matches(t, selector)]
        return list(chosen)

    def matches(self, table: Table, selector: Mapping[str, Any]) -> bool:
        ids = selector.get("id")
        if ids is not None and table.id not in (ids if isinstance(ids, list) else [ids]):
            return False
        kinds = selector.get("jenis")
        if kinds is not None and table.kind not in (kinds if isinstance(kinds, list) else [kinds]):
            return False
        if "versi" in selector and not self.version_matches(table, str(selector["versi"])):
            return False
        present = self.columns(table)
        has = [self.column_name(c) for c in selector.get("has", [])]
        lacks = [self.column_name(c) for c in selector.get("lacks", [])]
        return all(c in present for c in has) and not any(c in present for c in lacks)

    def columns(self, table: Table) -> set[str]:
        """The columns any row of a table states (the Jumlah row included), read once."""
        known = self._columns.get(id(table))
        if known is None:
            # The table is kept with its columns, so its id cannot name another table.
            known = self._columns[id(table)] = (columns_of(table), table)
        return known[0]

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value of this report several rules share (a table's row entries), computed
        by the first that asks. Keys with a table use its id: the context's tables live
        as long as it does."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]  # type: ignore[no-any-return]

    def version_matches(self, table: Table, wanted: str) -> bool:
        if wanted == "none":
            return table.version is None
        if wanted == "any":
            return table.version is not None
        if wanted == "final":
            final = self.report.final_version()
            return final is not None and table.version == final.id
        return table.version == wanted

    def column_name(self, name: str) -> str:
        """Expand {tahun} and {tahun_lalu} in a column name (Renstra `target_{tahun}`)."""
        year = self.report.identitas.tahun
        return name.replace("{tahun}", str(year)).replace("{tahun_lalu}", str(year - 1))

    def band_set(self) -> BandSet | None:
        """The band set named by the project config, else by the report, else the default."""
        wanted = self.settings.band_set or (self.report.akip.pita if self.report.akip else None)
        return self.band_sets.get(wanted or DEFAULT_BAND_SET)

    # -- figures as intervals ---------------------------------------------------------------

    def decimals(self, table: Table, column: str, figure: Figure) -> int:
        """Decimals a figure stands for.

        With precision "column" (the default) a figure printed with fewer decimals than
        others in its column had its trailing zeros dropped: Tabel 3.9 prints 98,90 as
        "98.9%" and 0,00 as "0%" beside "141.18%". Only figures printed in the same unit
        (`scale`) are compared: "Rp 25,3 M" has one decimal of a miliar.

        Precision is per cell where the figure says it: a workbook cell's number format
        (`own_precision`), or an unrounded result (more than UNROUNDED_DECIMALS decimals,
        101,333333333333): that one is judged at UNROUNDED_DECIMALS, which float noise
        cannot fail, and never sets its column's precision, so one formula left
        unrounded does not turn every rounded capaian beside it into an error.
        """
        if figure.decimals > UNROUNDED_DECIMALS:
            return UNROUNDED_DECIMALS
        if self.settings.precision != "column" or figure.own_precision:
            return figure.decimals
        key = (table.id, column, figure.scale)
        if key not in self._decimals:
            rows = (*table.rows, table.total) if table.total else table.rows
            printed = [f.decimals for r in rows
                       if (f := r.figure(column)) and f.value is not None and f.scale == figure.scale
                       and f.decimals <= UNROUNDED_DECIMALS]
            self._decimals[key] = max(printed, default=0)
        return max(figure.decimals, self._decimals[key])

    def interval(self, table: Table, column: str, figure: Figure,
                 rounding: Rounding | None = None) -> Interval:
        """The values a printed figure stands for under a rounding (the project's unless
        given). Remembered: most figures are read by several rules (a figure and its
        sum, its capaian, the same figure in another table)."""
        rounding = rounding or self.settings.rounding
        key = (id(figure), column, rounding, id(table))
        known = self._intervals.get(key)
        if known is None:
            # The figure is kept with its interval, so its id cannot name another figure.
            known = self._intervals[key] = (self._interval(table, column, figure, rounding), figure)
        return known[0]

    def _interval(self, table: Table, column: str, figure: Figure, rounding: Rounding) -> Interval:
        assert figure.value is not None
        if figure.nil:
            return Interval.point(Decimal(0))
        if figure.scale:
            # An amount printed in thousands or miliar: rounded to its unit's decimals.
            decimals = self.decimals(table, column, figure) - figure.scale
            return printed_interval(figure.value, decimals, rounding or self.settings.rounding)
        if _is_target(column) and figure.decimals and table.kind != "anggaran":
            # A target printed with decimals is a rate rounded like any other ("0,16" per
            # 1.000 for 162 per 100.000): its printing is all the report says of it.
            return printed_interval(figure.value, figure.decimals, rounding)
        if column in self.settings.exact.get(table.kind, frozenset()) or _is_target(column):
            return Interval.point(figure.value)
        decimals = self.decimals(table, column, figure)
        return printed_interval(figure.value, decimals, rounding)

    # -- findings -----------------------------------------------------------------------------

    def finding(
        self, rule: Rule, table: Table, row: Row, column: str | None, *,
        figure: Figure | None = None, expected: Decimal | str | None = None,
        expected_range: Interval | None = None, status: str = STATUS_MISMATCH,
        reason: Mapping[str, str] | None = None, suggestion: str | None = None,
        fields: Mapping[str, Any] | None = None, severity: str | None = None,
        location: Location | None = None, stated: str | None = None, exact: bool = False,
    ) -> Finding:
        """A finding about `row` of `table`. The expected value is rounded half-up to the
        stated figure's decimals unless `exact` (a value quoted from another table)."""
        decimals = self.decimals(table, column, figure) if figure and column else 2
        if figure is not None and figure.scale:
            decimals = max(0, decimals - figure.scale)  # an expected amount in whole rupiah
        if stated is None and figure is not None:
            stated = _shorten(figure.raw)
        if isinstance(expected, Decimal) and not exact:
            expected = round_half_up(expected, decimals)
        difference = None
        if figure is not None and figure.value is not None and isinstance(expected, Decimal):
            difference = figure.value - expected
        messages = {}
        display: dict[str, Shown] = {}
        for lang in ("id", "en"):
            values = {
                "table": table_label(table.id, table.label, lang), "table_id": table.id, "kode": row.kode,
                "row": row_label(table.id, row.uraian, lang) or row.kode,
                "column": column_words(column, lang) or "",
                "stated": stated if stated is not None else (figure.raw if figure else ""),
                "expected": expected if isinstance(expected, str)
                else self.number(expected, _places(expected, decimals, exact), lang, figure),
                "difference": self.number(difference, decimals, lang, figure),
                "low": self.number(expected_range.low if expected_range else None, decimals + 2, lang),
                "high": self.number(expected_range.high if expected_range else None, decimals + 2, lang),
                **{k: (v[lang] if isinstance(v, dict) else v) for k, v in (fields or {}).items()},
            }
            if isinstance(values.get("formula"), str):
                values["formula"] = in_words(values["formula"])
            display[lang] = Shown(values["expected"], values["difference"])
            if status == STATUS_UNVERIFIABLE and reason is not None:
                messages[lang] = ENGINE_MESSAGES[status][lang].format(name=rule.name, reason=reason[lang])
                continue
            template = rule.messages.get(lang) or rule.messages["id"]
            text = template.format_map(_Blank(values))
            if status == STATUS_TRUNCATION:
                text = ENGINE_MESSAGES[status][lang].format(message=text)
            messages[lang] = text
        where = location or (figure.location if figure else row.location)
        return Finding(
            code=rule.code, name=rule.name,
            severity=severity or ("info" if status != STATUS_MISMATCH else rule.severity),
            messages=messages, report=self.report.source, location=where, table=table.id,
            table_label=table.label, kode=row.kode, row=row.uraian, column=column,
            stated=stated if stated is not None else (figure.raw if figure else None), expected=expected,
            expected_low=expected_range.low if expected_range else None,
            expected_high=expected_range.high if expected_range else None,
            difference=difference, suggestion=suggestion, status=status,
            display=display,
        )

    def unreadable(self, rule: Rule, table: Table, row: Row, column: str | None,
                   bad_row: Row, bad_column: str, bad: Figure, target: Figure | None,
                   suggestion: str | None = None) -> Finding:
        derived = {"akip": "akip", "riwayat": "akip_riwayat"}.get(bad_row.level)
        reason = {
            lang: UNREADABLE_REASON[lang].format(
                column=column_words(bad_column, lang),
                row=row_label(derived, bad_row.uraian, lang) or bad_row.kode, raw=bad.raw)
            for lang in ("id", "en")
        }
        return self.finding(rule, table, row, column, figure=target, status=STATUS_UNVERIFIABLE,
                            reason=reason, suggestion=suggestion)

    @staticmethod
    def number(value: Decimal | None, decimals: int, lang: str, like: Figure | None = None) -> str:
        if value is None:
            return ""
        text = format_id(value, decimals) if lang == "id" else format_en(value, decimals)
        return text + ("%" if like is not None and like.percent else "")


_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def in_words(text: str) -> str:
    """A formula or column name as a reader writes it: `capaian_kinerja - capaian_anggaran`
    -> "capaian kinerja - capaian anggaran", `realisasi / target * 100` -> "realisasi /
    target x 100"."""
    return _NAME.sub(lambda m: m[0].replace("_", " "), text).replace(" * ", " x ")


MAX_QUOTED = 120
"""A figure printed longer than this is quoted shortened (a 5 MB 'figure' is not a number)."""


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


def _is_target(column: str) -> bool:
    return column == "target" or column.startswith("target_")


def _places(value: Decimal | None, decimals: int, exact: bool) -> int:
    """Decimals to show: the stated figure's, or all of an exact quoted value's."""
    if not exact or value is None:
        return decimals
    exponent = value.as_tuple().exponent
    return max(decimals, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


class _Blank(dict[str, Any]):
    """Fields a rule's message names but this finding lacks are left blank."""

    def __missing__(self, key: str) -> str:
        return ""


def _version_cells(version: Version) -> dict[str, Figure | Text]:
    def place(key: str) -> Location:
        return version.places.get(key, version.location)

    cells: dict[str, Figure | Text] = {"jenis": Text(version.jenis, place("jenis"))}
    for key in ("tanggal", "tanggal_tanda_tangan"):
        value = getattr(version, key)
        if value is not None:
            cells[key] = Text(value.isoformat(), place(key))
    for key in ("dilampirkan", "final"):
        cells[key] = Text(str(getattr(version, key)).lower(), place(key))
    if version.urutan is not None:
        cells["urutan"] = Figure(str(version.urutan), Decimal(version.urutan), location=place("urutan"))
    return cells


def columns_of(table: Table) -> set[str]:
    present: set[str] = set()
    for row in table.rows:
        present.update(row.cells)
    if table.total:
        present.update(table.total.cells)
    return present


def derived_tables(report: Report) -> list[Table]:
    """The text statements and the AKIP section, seen as tables so rules can address them."""
    tables: list[Table] = []
    if report.pernyataan:
        rows = tuple(
            Row(kode=s.bagian, level="pernyataan", uraian=s.bagian, cells=dict(s.values),
                location=s.location)
            for s in report.pernyataan
        )
        tables.append(Table("pernyataan", DERIVED_LABELS["pernyataan"]["id"], "pernyataan", rows))
    if report.versi:
        titles = version_titles(report.versi)
        rows = tuple(
            Row(kode=v.id, level="versi", uraian=titles[v.id], cells=_version_cells(v), location=v.location)
            for v in report.versi
        )
        tables.append(Table("versi", DERIVED_LABELS["versi"]["id"], "versi", rows))
    akip = report.akip
    if akip is not None:
        cells: dict[str, Figure | Text] = {}
        for name in ("nilai", "target", "predikat", "interpretasi"):
            value = getattr(akip, name)
            if value is not None:
                cells[name] = value
        row = Row("AKIP", "akip", "Nilai LHE AKIP", cells, location=akip.location)
        tables.append(Table("akip", DERIVED_LABELS["akip"]["id"], "akip", (row,), location=akip.location))
        history = tuple(
            Row(str(h.tahun), "riwayat", f"Nilai AKIP {h.tahun}",
                {"nilai": h.nilai, "tahun": Figure(str(h.tahun), Decimal(h.tahun), location=h.location)},
                location=h.location)
            for h in akip.riwayat
        )
        if history:
            label = DERIVED_LABELS["akip_riwayat"]["id"]
            tables.append(Table("akip_riwayat", label, "akip_riwayat", history))
    return tables
