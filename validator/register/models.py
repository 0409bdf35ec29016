"""The register's tables (SQLAlchemy 2, typed). The schema is created and changed only by
the Alembic migrations in `migrations/versions/`; `tests/test_register.py` fails when the
models and the migrations disagree.

A root cause (the diagnosis step) will become a nullable `matter.root` column in a later
migration; nothing here depends on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STATUSES = ("open", "resolved", "accepted")
"""A matter is open (in the latest draft, no accepted response), resolved (absent from a
later draft, or marked so), or accepted (the office's response was accepted)."""

EVENTS = ("found", "reopened", "resolved", "status", "response")


class Base(DeclarativeBase):
    pass


class Office(Base):
    """An instansi of a pemda, as its reports name it (identitas)."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    """pemda and instansi, case and spacing folded: the same office in every year."""
    instansi: Mapped[str] = mapped_column(String(400))
    pemda: Mapped[str] = mapped_column(String(400))
    reports: Mapped[list[Report]] = relationship(back_populates="office", order_by="Report.tahun")


class Report(Base):
    """One office's report of one year; each recorded run of it is a draft."""

    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("office_id", "tahun"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    tahun: Mapped[int] = mapped_column(Integer)
    office: Mapped[Office] = relationship(back_populates="reports")
    drafts: Mapped[list[Draft]] = relationship(back_populates="report", order_by="Draft.number")


class Draft(Base):
    """A version of a report as it was checked: its file, its bytes' digest, its counts."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("report_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"))
    number: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(1000))
    digest: Mapped[str] = mapped_column(String(64))
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[Report] = relationship(back_populates="drafts")


class Matter(Base):
    """A finding followed across drafts and years, by its identity within the office."""

    __tablename__ = "matter"
    __table_args__ = (UniqueConstraint("office_id", "identity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    identity: Mapped[str] = mapped_column(String(64))
    """sha256 of rule, table, kode and column (validator/register/record.py identity)."""
    rule: Mapped[str] = mapped_column(String(20))
    table_id: Mapped[str] = mapped_column(String(300), default="")
    kode: Mapped[str] = mapped_column(String(300), default="")
    column: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    response: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The office's response (tanggapan), as recorded by the reviewer."""
    first_draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id"))
    last_draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id"))
    """The latest draft the matter was seen in."""
    office: Mapped[Office] = relationship()
    first_draft: Mapped[Draft] = relationship(foreign_keys=[first_draft_id])
    last_draft: Mapped[Draft] = relationship(foreign_keys=[last_draft_id])
    sightings: Mapped[list[Sighting]] = relationship(back_populates="matter", order_by="Sighting.id")
    events: Mapped[list[Event]] = relationship(back_populates="matter", order_by="Event.id")


class Sighting(Base):
    """A matter as one draft showed it: its words, figures and place then."""

    __tablename__ = "sighting"
    __table_args__ = (UniqueConstraint("matter_id", "draft_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id"), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    message_id: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    table_label: Mapped[str] = mapped_column(Text, default="")
    row: Mapped[str] = mapped_column(Text, default="")
    stated: Mapped[str] = mapped_column(Text, default="")
    expected: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    matter: Mapped[Matter] = relationship(back_populates="sightings")
    draft: Mapped[Draft] = relationship()


ROLES = ("auditor", "planner")
"""An auditor sees and updates every office; a planner sees only their own office."""


class WebUser(Base):
    """A user of `lkjip serve` when it is opened to the office network."""

    __tablename__ = "web_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    """werkzeug.security's salted hash (scrypt); never the password."""
    role: Mapped[str] = mapped_column(String(16))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"), nullable=True)
    office: Mapped[Office | None] = relationship()


class Event(Base):
    """What happened to a matter, when, in which draft, by whom and why."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    """The matter's status after the event."""
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id"), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    matter: Mapped[Matter] = relationship(back_populates="events")
    draft: Mapped[Draft | None] = relationship()
