"""Reading and updating the register: matters as the commands and the recap show them.

A matter is shown "new" while it is open and was first seen in the latest draft recorded
for its office; otherwise by its status (open, resolved, accepted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from validator.errors import InputError
from validator.model import Location, column_words, table_label
from validator.register.models import STATUSES, Draft, Event, Matter, Office, Report, Sighting


@dataclass(frozen=True)
class MatterView:
    number: int
    status: str
    """new, open, resolved or accepted."""
    office_id: int
    instansi: str
    pemda: str
    first_year: int
    first_draft: int
    last_year: int
    last_draft: int
    rule: str
    severity: str
    table_id: str
    table: str
    row: str
    column: str
    message_id: str
    message_en: str
    stated: str
    expected: str
    location: str
    response: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_id

    def table_in(self, lang: str) -> str:
        """The table's label; a table the tool derives (the list of versions) in `lang`."""
        return table_label(self.table_id, self.table, lang) or ""

    def column_in(self, lang: str) -> str:
        """The column in words (`tanggal tanda tangan`), as the documents name it."""
        return column_words(self.column, lang) or ""


@dataclass(frozen=True)
class Filters:
    instansi: str | None = None
    tahun: int | None = None
    status: str | None = None
    """new, open (including new), resolved or accepted."""
    office_id: int | None = None


def matters(session: Session, filters: Filters = Filters()) -> list[MatterView]:
    """Every matter matching `filters`, by office, then number."""
    query = (
        select(Matter)
        .join(Office)
        .order_by(Office.pemda, Office.instansi, Matter.id)
        .options(selectinload(Matter.sightings), selectinload(Matter.office))
    )
    if filters.instansi:
        query = query.where(func.lower(Office.instansi).contains(filters.instansi.lower()))
    if filters.office_id is not None:
        query = query.where(Matter.office_id == filters.office_id)
    latest = _latest_drafts(session)
    views = [view(m, latest) for m in session.scalars(query)]
    if filters.tahun is not None:
        views = [v for v in views if v.first_year <= filters.tahun <= v.last_year]
    if filters.status == "open":
        views = [v for v in views if v.status in ("new", "open")]
    elif filters.status:
        views = [v for v in views if v.status == filters.status]
    return views


def matter(session: Session, number: int) -> Matter:
    found = session.get(Matter, number)
    if found is None:
        raise InputError.at(Location(""), "register_unknown_matter", number=number)
    return found


def view(item: Matter, latest: dict[int, int]) -> MatterView:
    last = item.sightings[-1]
    new = item.status == "open" and item.first_draft_id == latest.get(item.office_id)
    first, final = item.first_draft, item.last_draft
    return MatterView(
        number=item.id,
        status="new" if new else item.status,
        office_id=item.office_id,
        instansi=item.office.instansi,
        pemda=item.office.pemda,
        first_year=first.report.tahun,
        first_draft=first.number,
        last_year=final.report.tahun,
        last_draft=final.number,
        rule=item.rule,
        severity=last.severity,
        table_id=item.table_id,
        table=last.table_label,
        row=last.row,
        column=item.column,
        message_id=last.message_id,
        message_en=last.message_en,
        stated=last.stated,
        expected=last.expected,
        location=last.location,
        response=item.response or "",
    )


def view_of(session: Session, item: Matter) -> MatterView:
    return view(item, _latest_drafts(session))


def history(item: Matter) -> tuple[list[Sighting], list[Event]]:
    return list(item.sightings), list(item.events)


def set_status(
    session: Session, number: int, status: str, note: str | None = None, by: str | None = None
) -> Matter:
    if status not in STATUSES:
        raise ValueError(status)  # the command only passes known statuses
    item = matter(session, number)
    item.status = status
    session.add(Event(matter=item, at=datetime.now(UTC), kind="status", status=status, note=note, by=by))
    return item


def respond(session: Session, number: int, text: str, accept: bool = False, by: str | None = None) -> Matter:
    """Record the office's response; `accept` also accepts it (status accepted)."""
    item = matter(session, number)
    item.response = text
    if accept:
        item.status = "accepted"
    session.add(
        Event(matter=item, at=datetime.now(UTC), kind="response", status=item.status, note=text, by=by)
    )
    return item


def responses(session: Session) -> dict[str, dict[str, str]]:
    """Every recorded response: by office key, by matter identity."""
    found: dict[str, dict[str, str]] = {}
    query = (
        select(Office.key, Matter.identity, Matter.response).join(Office).where(Matter.response.is_not(None))
    )
    for office, identity, text in session.execute(query):
        found.setdefault(office, {})[identity] = text or ""
    return found


@dataclass(frozen=True)
class RecapRow:
    instansi: str
    pemda: str
    tahun: int
    drafts: int
    found: int
    new: int
    open: int
    resolved: int
    accepted: int


def recap(session: Session) -> list[RecapRow]:
    """Per office and year: drafts, and the matters seen that year by their status now;
    `new` counts the matters first found that year."""
    rows: list[RecapRow] = []
    query = (
        select(Report)
        .join(Office)
        .order_by(Office.pemda, Office.instansi, Report.tahun)
        .options(selectinload(Report.drafts), selectinload(Report.office))
    )
    reports = session.scalars(query)
    for report in reports:
        draft_ids = [d.id for d in report.drafts]
        seen = list(
            session.scalars(select(Matter).join(Sighting).where(Sighting.draft_id.in_(draft_ids)).distinct())
        )
        statuses = [m.status for m in seen]
        rows.append(
            RecapRow(
                report.office.instansi,
                report.office.pemda,
                report.tahun,
                len(report.drafts),
                len(seen),
                sum(1 for m in seen if m.first_draft_id in draft_ids),
                statuses.count("open"),
                statuses.count("resolved"),
                statuses.count("accepted"),
            )
        )
    return rows


def _latest_drafts(session: Session) -> dict[int, int]:
    """Per office, its latest recorded draft's id."""
    query = select(Report.office_id, func.max(Draft.id)).join(Draft).group_by(Report.office_id)
    rows = session.execute(query)
    return {office: draft for office, draft in rows}
