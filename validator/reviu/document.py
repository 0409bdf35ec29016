"""One report's reviu document as data: every text chosen and localised, nothing rendered.

Findings of severity error or warning make the matters of the statement and of the table
of findings; info findings are notes, listed apart and never in the statement, as are the
findings about suppressions (LKJ001-LKJ003). Findings accepted by a suppression are listed
with their reasons in their own section of the attachment. A matter is one root cause
(validator/diagnosis): its statement item asks to correct the root figure, or says that
one of several figures is wrong when the diagnosis cannot tell which; the findings that
follow from it are listed under it in the attachment (numbered 1.1, 1.2, ...) with the
root they follow from instead of an expected value, so the statement never asks to
correct a figure that is right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from validator.coverage import Coverage
from validator.findings import SEVERITY_RANK, Cause, Finding, Suspect, hint_text
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
    sub: int = 0
    """0 for a matter's own row; 1, 2, ... for the findings that follow from it."""
    root: bool = False
    """The row of a root figure no finding sits on (not a finding: not counted)."""

    @property
    def number(self) -> str:
        """As printed: "3" for a matter, "3.1" for a finding that follows from it."""
        return f"{self.no}.{self.sub}" if self.sub else str(self.no)


@dataclass(frozen=True)
class Matter:
    """One matter of the statement: a root cause and its error and warning findings."""

    cause: Cause | None
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> str:
        return max((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK[s])

    @property
    def stated_root(self) -> bool:
        """The root figure needs its own line: no finding sits on it, or it is ambiguous."""
        cause = self.cause
        return cause is not None and cause.diagnosed and (cause.ambiguous or len(cause.suspects) > 1
                                                          or not any(f.at_root for f in self.findings))


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
        found = Counter(row.severity for row in (*self.matters, *self.notes) if not row.root)
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
    matter_findings = [f for f in ordered if f.severity in MATTER_SEVERITIES and f.code not in META]
    matters = group_matters(matter_findings)
    notes = [f for f in ordered if f not in matter_findings]
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
        matters=tuple(row for n, m in enumerate(matters, start=1) for row in matter_rows(n, m, lang)),
        notes=tuple(finding_row(n, f, lang) for n, f in enumerate(notes, start=1)),
        signer=signer, chart=chart_data(report, lang), changes=change_sections(report, lang),
        limited=limited,
        accepted=tuple(AcceptedRow(finding_row(n, s.finding, lang), statement.one_line(s.reason),
                                   str(s.place)) for n, s in enumerate(suppressed, start=1)),
    )


def group_matters(findings: list[Finding]) -> list[Matter]:
    """The findings grouped by root cause, in the order of their first finding; within a
    matter the findings at the root first."""
    grouped: dict[object, list[Finding]] = {}
    causes: dict[object, Cause | None] = {}
    for finding in findings:
        key = finding.cause.id if finding.cause is not None else id(finding)
        grouped.setdefault(key, []).append(finding)
        causes[key] = finding.cause
    return [Matter(causes[key], tuple(sorted(members, key=lambda f: not f.at_root)))
            for key, members in grouped.items()]


def matter_text(matter: Matter, lang: str) -> str:
    """The statement's item for a matter: the root finding's message, or the root figure
    (one of several when ambiguous), then its hints and the findings that follow from it."""
    w = words(lang)
    cause = matter.cause
    if matter.stated_root and cause is not None:
        text = _root_sentence(cause, lang)
    else:
        text = " ".join(dict.fromkeys(f.message(lang) for f in matter.findings if f.at_root))
        hints = [hint_text(h, lang) for s in (cause.suspects if cause else ()) for h in s.hints]
        if hints and cause is not None and cause.diagnosed:
            text += f" {w['hint']}: " + "; ".join(hints) + "."
    following = [f for f in matter.findings if not f.at_root]
    if following:
        listed = "; ".join(f"{f.code} {f.label(lang) or f.table} {f.kode or ''}".strip() for f in following)
        text += " " + w["following"].format(count=len(following), listed=listed)
    return statement.one_line(text)


def _root_sentence(cause: Cause, lang: str) -> str:
    text = _root_words(cause, lang)
    return text[:1].upper() + text[1:]


def _root_words(cause: Cause, lang: str) -> str:
    w = words(lang)
    if cause.ambiguous:
        options = "; ".join(_suspect_text(s, lang, w["if_wrong"]) for s in cause.suspects)
        return f"{w['one_of']}: {options}."
    parts = [_suspect_text(s, lang, w["expected_word"]) for s in cause.suspects]
    text = "; ".join(parts) + "."
    hints = list(dict.fromkeys(hint_text(h, lang) for s in cause.suspects for h in s.hints))
    if hints:
        text += f" {w['hint']}: " + "; ".join(hints) + "."
    return text


def _suspect_text(suspect: Suspect, lang: str, expected_word: str) -> str:
    w = words(lang)
    row = f"{suspect.row_in(lang)} ({suspect.kode})" if suspect.row_in(lang) not in (None, suspect.kode) \
        else suspect.kode
    text = w["figure_at"].format(column=suspect.column_in(lang) or suspect.column, row=row,
                                 table=suspect.label(lang) or suspect.table, stated=suspect.stated or "")
    expected = suspect.expected_in(lang)
    return f"{text}, {expected_word} {expected}" if expected else text


def matter_rows(no: int, matter: Matter, lang: str) -> list[FindingRow]:
    """A matter in the attachment: its root (a row of its own when no finding sits on it),
    then each finding; a finding that follows from the root says so instead of an
    expected value."""
    rows: list[FindingRow] = []
    if matter.stated_root and matter.cause is not None:
        rows.append(_root_row(no, matter, matter.cause, lang))
    for finding in matter.findings:
        row = finding_row(no, finding, lang, sub=len(rows))
        if not finding.at_root:
            row = replace(row, expected=words(lang)["follows"].format(no=no))
        rows.append(row)
    return rows


def _root_row(no: int, matter: Matter, cause: Cause, lang: str) -> FindingRow:
    """The row of a root figure no finding sits on (or of several, one of which is wrong)."""
    one = statement.one_line
    single = cause.suspects[0] if len(cause.suspects) == 1 else None
    return FindingRow(
        no=no, severity=matter.severity, severity_label=words(lang).get(matter.severity, matter.severity),
        table=one(single.label(lang) or single.table) if single else "",
        kode=single.kode if single else "", row=one(single.row_in(lang) or "") if single else "",
        column=one(single.column_in(lang) or "") if single else "",
        message=one(_root_sentence(cause, lang)), stated=one(single.stated or "") if single else "",
        expected=one(single.expected_in(lang)) if single and not cause.ambiguous else "",
        difference="", rule=words(lang)["root_rule"], rule_name=cause.id,
        location=str(single.location) if single and single.location else "", root=True,
    )


def ordered_findings(report: Report, findings: list[Finding]) -> list[Finding]:
    """In the order of the report's tables, then by place in the file."""
    order = {t.id: i for i, t in enumerate(report.tabel)}
    return sorted(findings, key=lambda f: (order.get(f.table or "", len(order)), f.sort_key()))


def _given(reviu: Mapping[str, str], key: str) -> str | None:
    value = statement.one_line(reviu.get(key, ""))
    return value or None


def _fields(report: Report, reviu: Mapping[str, str], signer: Signer, matters: list[Matter],
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
        "jumlah_kesalahan": str(sum(1 for m in matters for f in m.findings if f.severity == "error")),
        "jumlah_peringatan": str(sum(1 for m in matters for f in m.findings if f.severity == "warning")),
        "jumlah_akibat": str(sum(1 for m in matters for f in m.findings if not f.at_root)),
        "jumlah_catatan": str(len(notes)),
        "daftar_temuan": statement.matter_list([matter_text(m, lang) for m in matters]),
        "kesimpulan": conclusions[1] if matters else conclusions[0],
    }


def finding_row(no: int, finding: Finding, lang: str, sub: int = 0) -> FindingRow:
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
        location=finding.location.shown(lang), sub=sub,
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
