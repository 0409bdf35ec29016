"""Record a checked report in the register as a draft, and follow its matters up.

A matter is a finding of severity error or warning (info notes are not followed up),
known by its identity within the office: rule, table, kode and column. The line, the
message and the figures are not part of it: they change from draft to draft while the
matter stays the same. Recording a draft:

- a matter not seen before in the office is new (status open);
- one seen before stays open, or is reopened when it had been resolved; an accepted one
  stays accepted;
- an open matter of the office that this draft no longer shows is resolved, unless it
  was last seen in a later year than this report's (recording last year's report does
  not resolve this year's matters).

A draft whose files have the same bytes as the report's latest draft is not recorded
again: the run says it is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from validator.findings import Finding
from validator.read.files import read_bytes
from validator.register.identity import identity, office_key
from validator.register.models import Draft, Event, Matter, Office, Report, Sighting
from validator.reviu.document import MATTER_SEVERITIES, finding_row
from validator.runner import ReportResult


@dataclass
class Outcome:
    """What recording one report did: its draft, and its matters by what happened."""

    source: str
    instansi: str
    tahun: int
    draft: int
    unchanged: bool = False
    new: list[int] = field(default_factory=list)
    still_open: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)
    accepted: list[int] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)


def record(session: Session, item: ReportResult, by: str | None = None,
           now: datetime | None = None) -> Outcome | None:
    """Record one checked report; None when it could not be read (nothing is recorded)."""
    if item.report is None:
        return None
    now = now or datetime.now(UTC)
    ident = item.report.identitas
    office = _office(session, ident.instansi, ident.pemda)
    report = _report(session, office, ident.tahun)
    digest = source_digest(item.path)
    latest = report.drafts[-1] if report.drafts else None
    outcome = Outcome(str(item.path), ident.instansi, ident.tahun, latest.number if latest else 0)
    if latest is not None and latest.digest == digest:
        outcome.unchanged = True
        return outcome
    matters = [f for f in item.findings if f.severity in MATTER_SEVERITIES]
    draft = Draft(report=report, number=(latest.number + 1) if latest else 1, recorded_at=now,
                  source=str(item.path.resolve()), digest=digest,
                  errors=sum(1 for f in matters if f.severity == "error"),
                  warnings=sum(1 for f in matters if f.severity == "warning"),
                  notes=len(item.findings) - len(matters))
    session.add(draft)
    session.flush()
    outcome.draft = draft.number
    seen = _follow(session, office, draft, matters, by, now, outcome)
    _resolve_absent(session, office, draft, seen, by, now, outcome)
    session.flush()
    return outcome


def source_digest(path: Path) -> str:
    """sha256 of the report's bytes (every file of a CSV folder, by name)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}\0".encode())
        digest.update(read_bytes(file))
    return digest.hexdigest()


def _office(session: Session, instansi: str, pemda: str) -> Office:
    key = office_key(instansi, pemda)
    office = session.scalar(select(Office).where(Office.key == key))
    if office is None:
        office = Office(key=key, instansi=" ".join(instansi.split()), pemda=" ".join(pemda.split()))
        session.add(office)
        session.flush()
    return office


def _report(session: Session, office: Office, tahun: int) -> Report:
    report = session.scalar(select(Report).where(Report.office_id == office.id, Report.tahun == tahun))
    if report is None:
        report = Report(office=office, tahun=tahun)
        session.add(report)
        session.flush()
    return report


def _follow(session: Session, office: Office, draft: Draft, findings: Iterable[Finding], by: str | None,
            now: datetime, outcome: Outcome) -> set[int]:
    """Each finding to its matter (created, seen again or reopened) with a sighting."""
    seen: set[int] = set()
    for finding in findings:
        key = identity(finding)
        matter = session.scalar(select(Matter).where(Matter.office_id == office.id, Matter.identity == key))
        if matter is None:
            matter = Matter(office=office, identity=key, rule=finding.code, table_id=finding.table or "",
                            kode=finding.kode or "", column=finding.column or "", status="open",
                            first_draft=draft, last_draft=draft)
            session.add(matter)
            session.flush()
            session.add(Event(matter=matter, at=now, kind="found", status="open", draft=draft, by=by))
            outcome.new.append(matter.id)
        elif matter.id in seen:
            continue  # two findings of one identity in one draft (a repeated kode): one matter
        else:
            _seen_again(session, matter, draft, by, now, outcome)
        seen.add(matter.id)
        session.add(_sighting(matter, draft, finding))
    return seen


def _seen_again(session: Session, matter: Matter, draft: Draft, by: str | None, now: datetime,
                outcome: Outcome) -> None:
    matter.last_draft = draft
    if matter.status == "resolved":
        matter.status = "open"
        session.add(Event(matter=matter, at=now, kind="reopened", status="open", draft=draft, by=by))
        outcome.reopened.append(matter.id)
    elif matter.status == "accepted":
        outcome.accepted.append(matter.id)
    else:
        outcome.still_open.append(matter.id)


def _resolve_absent(session: Session, office: Office, draft: Draft, seen: set[int], by: str | None,
                    now: datetime, outcome: Outcome) -> None:
    tahun = draft.report.tahun
    open_ones = session.scalars(select(Matter).where(Matter.office_id == office.id, Matter.status == "open"))
    for matter in open_ones:
        if matter.id in seen or matter.last_draft.report.tahun > tahun:
            continue
        matter.status = "resolved"
        session.add(Event(matter=matter, at=now, kind="resolved", status="resolved", draft=draft, by=by))
        outcome.resolved.append(matter.id)


def _sighting(matter: Matter, draft: Draft, finding: Finding) -> Sighting:
    shown = finding_row(0, finding, "id")
    return Sighting(matter=matter, draft=draft, severity=finding.severity, message_id=shown.message,
                    message_en=finding_row(0, finding, "en").message, table_label=shown.table,
                    row=" ".join(p for p in (shown.kode, shown.row) if p), stated=shown.stated,
                    expected=shown.expected, location=shown.location)
