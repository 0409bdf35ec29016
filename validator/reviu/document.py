"""One report's reviu document as data: every text chosen and localised, nothing rendered.

Findings of severity error or warning are the matters of the statement and of the table
of findings; info findings are notes, listed apart and never in the statement, as are the
findings about suppressions (LKJ001-LKJ003). Findings accepted by a suppression are listed
with their reasons in their own section of the attachment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from validator.coverage import Coverage
from validator.findings import Finding
from validator.model import Report
from validator.reviu import scope, statement
from validator.reviu.changes import ChangeSection, change_sections
from validator.reviu.chart import Chart, chart_data
from validator.reviu.rulewords import finding_message, rule_words
from validator.reviu.statement import Block, StatementTemplate
from validator.reviu.words import BLANK, long_date, words
from validator.suppress import META, Suppressed

MATTER_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class FindingRow:
    no: int
    severity: str
    severity_label: str
    table: str
    kode: str
    row: str
    column: str
    message: str
    stated: str
    expected: str
    difference: str
    rule: str
    rule_name: str
    location: str


@dataclass(frozen=True)
class AcceptedRow:
    """A finding a suppression accepted: printed with its reason and where it was accepted,
    so the auditor sees what was accepted and why."""

    finding: FindingRow
    reason: str
    by: str


@dataclass(frozen=True)
class Signer:
    """The signature block; None where the config gives nothing (a blank to fill in)."""

    tempat: str | None
    tanggal: str
    jabatan: str | None
    nama: str | None
    nip: str | None


@dataclass(frozen=True)
class ReviuDocument:
    lang: str
    source: str
    instansi: str
    pemda: str
    tahun: int
    unit: str | None
    statement: tuple[Block, ...]
    matters: tuple[FindingRow, ...]
    notes: tuple[FindingRow, ...]
    signer: Signer
    chart: Chart | None
    changes: tuple[ChangeSection, ...] = ()
    """The changes between consecutive versions; empty when the report has fewer than two."""
    limited: bool = False
    """Nothing of the report could be checked (reviu/scope.py): never clean."""
    accepted: tuple[AcceptedRow, ...] = ()
    """Findings accepted by a suppression (validator/suppress.py), with their reasons."""

    @property
    def clean(self) -> bool:
        return not self.matters and not self.limited

    def counts(self) -> dict[str, int]:
        found = Counter(row.severity for row in (*self.matters, *self.notes))
        return {severity: found.get(severity, 0) for severity in ("error", "warning", "info")}


def build_document(report: Report, findings: list[Finding], reviu: Mapping[str, str],
                   template: StatementTemplate, lang: str, day: date,
                   coverage: Coverage | None = None,
                   suppressed: Sequence[Suppressed] = ()) -> ReviuDocument:
    """The document of one checked report; with its `coverage`, the statement says the
    scope and limits of the reviu, and a report where nothing could be checked gets no
    clean conclusion."""
    ordered = ordered_findings(report, findings)
    # A suppression that is unusable or unused (LKJ001-LKJ003) is about how the check was
    # set up, not a matter of the report: a note, never part of the statement.
    matters = [f for f in ordered if f.severity in MATTER_SEVERITIES and f.code not in META]
    notes = [f for f in ordered if f not in matters]
    signer = Signer(_given(reviu, "tempat"), long_date(day, lang), _given(reviu, "jabatan"),
                    _given(reviu, "inspektur"), _given(reviu, "nip"))
    fields = _fields(report, reviu, signer, matters, notes, lang)
    fields["lingkup"] = scope.scope_text(coverage, lang)
    fields["batasan"] = scope.limits_text(coverage, lang)
    limited = scope.limited(coverage)
    if limited and not matters:
        fields["daftar_temuan"] = statement.matter_list([scope.NOTHING_MATTER[scope.lang_of(lang)]])
        fields["kesimpulan"] = statement.CONCLUSIONS["en" if lang == "en" else "id"][1]
    ident = report.identitas
    return ReviuDocument(
        lang=lang, source=report.source, instansi=ident.instansi, pemda=ident.pemda,
        tahun=ident.tahun, unit=_given(reviu, "unit"),
        statement=statement.render(template, fields, bool(matters) or limited),
        matters=tuple(finding_row(n, f, lang) for n, f in enumerate(matters, start=1)),
        notes=tuple(finding_row(n, f, lang) for n, f in enumerate(notes, start=1)),
        signer=signer, chart=chart_data(report, lang), changes=change_sections(report, lang),
        limited=limited,
        accepted=tuple(AcceptedRow(finding_row(n, s.finding, lang), statement.one_line(s.reason),
                                   str(s.place)) for n, s in enumerate(suppressed, start=1)),
    )


def ordered_findings(report: Report, findings: list[Finding]) -> list[Finding]:
    """In the order of the report's tables, then by place in the file."""
    order = {t.id: i for i, t in enumerate(report.tabel)}
    return sorted(findings, key=lambda f: (order.get(f.table or "", len(order)), f.sort_key()))


def _given(reviu: Mapping[str, str], key: str) -> str | None:
    value = statement.one_line(reviu.get(key, ""))
    return value or None


def _fields(report: Report, reviu: Mapping[str, str], signer: Signer, matters: list[Finding],
            notes: list[Finding], lang: str) -> dict[str, str]:
    ident = report.identitas
    instansi = statement.one_line(ident.instansi)
    conclusions = statement.CONCLUSIONS["en" if lang == "en" else "id"]
    return {
        "instansi": instansi, "INSTANSI": instansi.upper(),
        "pemda": statement.one_line(ident.pemda), "tahun": str(ident.tahun),
        "unit": _given(reviu, "unit") or BLANK, "tempat": signer.tempat or BLANK,
        "tanggal": signer.tanggal, "inspektur": signer.nama or BLANK, "nip": signer.nip or BLANK,
        "jabatan": signer.jabatan or BLANK,
        "jumlah_temuan": str(len(matters)),
        "jumlah_kesalahan": str(sum(1 for f in matters if f.severity == "error")),
        "jumlah_peringatan": str(sum(1 for f in matters if f.severity == "warning")),
        "jumlah_catatan": str(len(notes)),
        "daftar_temuan": statement.matter_list([finding_message(f, lang) for f in matters]),
        "kesimpulan": conclusions[1] if matters else conclusions[0],
    }


def finding_row(no: int, finding: Finding, lang: str) -> FindingRow:
    """One finding as the documents print it: every text on one line, localised."""
    shown = finding.shown(lang)
    one = statement.one_line
    return FindingRow(
        no=no, severity=finding.severity, severity_label=words(lang).get(finding.severity, finding.severity),
        table=one(finding.label(lang) or finding.table or ""), kode=one(document_kode(finding)),
        row=one(finding.row_in(lang) or ""), column=one(finding.column_in(lang) or ""),
        message=one(finding_message(finding, lang)), stated=one(finding.stated_in(lang) or ""),
        expected=one(str(shown.expected or _expected(finding))),
        difference=one(str(shown.difference or "")),
        rule=finding.code, rule_name=rule_words(finding.code, finding.name, lang),
        location=finding.location.shown(lang),
    )


def document_kode(finding: Finding) -> str:
    """The kode as the printed report shows it: a version's id (`pk_perubahan_2`) is the
    data file's key, not a code of the report; its title is the row."""
    return "" if finding.table == "versi" else finding.kode or ""


def _expected(finding: Finding) -> str:
    # Imported here, not above: the formatters package (its html formatter) imports this module.
    from validator.formatters.common import decimal_text

    if finding.expected is not None:
        return decimal_text(finding.expected) or ""
    if finding.expected_low is not None and finding.expected_high is not None:
        return f"{decimal_text(finding.expected_low)} – {decimal_text(finding.expected_high)}"
    return ""
