"""SQLAlchemy table models. Rows never leave ``relmap.store``; the repository converts them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _rating(name: str) -> CheckConstraint:
    return CheckConstraint(f"{name} IS NULL OR {name} BETWEEN 1 AND 5", name=f"ck_{name}")


_PERSON = "person.id"


class PersonRow(Base):
    __tablename__ = "person"
    __table_args__ = (
        Index(
            "ix_person_one_me",
            "is_me",
            unique=True,
            sqlite_where=text("is_me"),
            postgresql_where=text("is_me"),
        ),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="ck_cadence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    display_name: Mapped[str] = mapped_column(String(400))
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(400), default="")
    title: Mapped[str] = mapped_column(String(400), default="")
    location: Mapped[str] = mapped_column(String(400), default="")
    industry: Mapped[str] = mapped_column(String(400), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    how_we_met: Mapped[str] = mapped_column(Text, default="")
    introduced_by: Mapped[int | None] = mapped_column(
        ForeignKey(_PERSON, ondelete="SET NULL"), default=None
    )
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    cadence_max_days: Mapped[int | None] = mapped_column(Integer, default=None)
    snoozed_until: Mapped[date | None] = mapped_column(Date, default=None)
    source: Mapped[str] = mapped_column(Text, default="")
    x: Mapped[float | None] = mapped_column(Float, default=None)
    y: Mapped[float | None] = mapped_column(Float, default=None)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime)
    updated: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class ContactPointRow(Base):
    """An email or phone of a person, in the order the user gave them."""

    __tablename__ = "contact_point"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "email" | "phone"
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100), default="")
    value: Mapped[str] = mapped_column(String(400))


class PersonRoleRow(Base):
    __tablename__ = "person_role"

    person_id: Mapped[int] = mapped_column(
        ForeignKey(_PERSON, ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)


class AssessmentRow(Base):
    """One member's ratings of a person and private notes about them (on a map file, the one
    member is ``""`` and the notes live on the person)."""

    __tablename__ = "assessment"
    __table_args__ = tuple(
        _rating(name) for name in ("trust_given", "trust_received", "quality", "relevance")
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey(_PERSON, ondelete="CASCADE"), primary_key=True
    )
    member: Mapped[str] = mapped_column(String(200), primary_key=True)
    trust_given: Mapped[int | None] = mapped_column(Integer, default=None)
    trust_received: Mapped[int | None] = mapped_column(Integer, default=None)
    quality: Mapped[int | None] = mapped_column(Integer, default=None)
    relevance: Mapped[int | None] = mapped_column(Integer, default=None)
    trust_given_note: Mapped[str] = mapped_column(Text, default="")
    trust_received_note: Mapped[str] = mapped_column(Text, default="")
    quality_note: Mapped[str] = mapped_column(Text, default="")
    relevance_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class AssessmentHistoryRow(Base):
    __tablename__ = "assessment_history"
    __table_args__ = (_rating("old"), _rating("new"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[int | None] = mapped_column(Integer)
    new: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    member: Mapped[str] = mapped_column(String(200), default="", server_default="")


class SphereRow(Base):
    __tablename__ = "sphere"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    colour: Mapped[str] = mapped_column(String(7))
    description: Mapped[str] = mapped_column(Text, default="")
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    cadence_max_days: Mapped[int | None] = mapped_column(Integer, default=None)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class SphereMemberRow(Base):
    __tablename__ = "sphere_member"

    sphere_id: Mapped[int] = mapped_column(
        ForeignKey("sphere.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey(_PERSON, ondelete="CASCADE"), primary_key=True, index=True
    )


class TieRow(Base):
    __tablename__ = "tie"
    __table_args__ = (
        CheckConstraint("a_id <> b_id", name="ck_tie_two_people"),
        _rating("strength"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    a_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    directed: Mapped[bool] = mapped_column(Boolean, default=False)
    strength: Mapped[int] = mapped_column(Integer)
    since: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class GoalRow(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class GoalNeedRow(Base):
    """A sphere or a person a goal needs. No foreign key to them: a deleted sphere or person
    stays named by the goal, ignored until an undo brings them back."""

    __tablename__ = "goal_need"

    goal_id: Mapped[int] = mapped_column(
        ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)  # "sphere" | "person"
    ref: Mapped[int] = mapped_column(Integer, primary_key=True)


class InteractionRow(Base):
    __tablename__ = "interaction"
    __table_args__ = (_rating("quality"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    quality: Mapped[int | None] = mapped_column(Integer, default=None)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class InteractionParticipantRow(Base):
    __tablename__ = "interaction_participant"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey(_PERSON, ondelete="CASCADE"), primary_key=True, index=True
    )


class ExchangeRow(Base):
    __tablename__ = "exchange"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    gave: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[int | None] = mapped_column(Integer, default=None)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class SavedViewRow(Base):
    """A saved view; ``focus`` lists person ids separated by spaces (no foreign key: someone
    deleted drops out of the view until an undo brings them back)."""

    __tablename__ = "saved_view"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    conditions: Mapped[str] = mapped_column(Text, default="[]")
    hide: Mapped[bool] = mapped_column(Boolean, default=False)
    focus: Mapped[str] = mapped_column(Text, default="")
    depth: Mapped[int] = mapped_column(Integer, default=1)
    decoration: Mapped[str] = mapped_column(Text, default="{}")
    x0: Mapped[float | None] = mapped_column(Float, default=None)
    y0: Mapped[float | None] = mapped_column(Float, default=None)
    x1: Mapped[float | None] = mapped_column(Float, default=None)
    y1: Mapped[float | None] = mapped_column(Float, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class MentorSessionRow(Base):
    """A mentoring session; ``next_steps`` is a JSON list of ``{"text", "done"}``."""

    __tablename__ = "mentor_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    on: Mapped[date] = mapped_column(Date)
    mentor: Mapped[str] = mapped_column(String(200), default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="[]")
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class RemovalRow(Base):
    """A person taken off the map or a tie that ended: names and days only."""

    __tablename__ = "removal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, default="")
    added: Mapped[datetime] = mapped_column(DateTime)
    removed: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class TierCadenceRow(Base):
    """The stay-in-touch window of a closeness tier (1 inner circle, 2 close, 3 network)."""

    __tablename__ = "tier_cadence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ideal: Mapped[int | None] = mapped_column(Integer, default=None)
    maximum: Mapped[int | None] = mapped_column(Integer, default=None)
    version: Mapped[int] = mapped_column(Integer, default=0)  # the change that wrote it


class ChangeRow(Base):
    """One committed write: who made it, when, what it was (the undo text) and which entities
    it touched (JSON: kind → ids). Every row it wrote carries its id as ``version``."""

    __tablename__ = "change"
    # ids never reused: they are versions
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    member: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    keys: Mapped[str] = mapped_column(Text, default="{}")


class IdBlockRow(Base):
    """The next id to set aside, per kind of entity: new ids come from here, never from one
    window's copy of the map."""

    __tablename__ = "id_block"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    next: Mapped[int] = mapped_column(Integer)
