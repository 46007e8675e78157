"""Frozen domain values and the rules each value must keep."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import IntEnum, StrEnum
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from relmap.core.errors import ValidationError
from relmap.core.i18n import tr, tr_later
from relmap.core.ids import (
    ExchangeId,
    GoalId,
    InteractionId,
    PersonId,
    RemovalId,
    SessionId,
    SphereId,
    TieId,
    ViewId,
)

RATING_MIN, RATING_MAX = 1, 5
Rating = int | None  # 1..5, or None for "unrated"

# No whitespace, no second @, and no control character (U+0000–U+001F, U+007F–U+009F).
_ADDRESS_PART = r"[^@\s\x00-\x1f\x7f-\x9f]+"
_EMAIL = re.compile(rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class Role(StrEnum):
    CUSTOMER = "customer"
    PROSPECT = "prospect"
    COLLEAGUE = "colleague"
    MENTOR = "mentor"
    MENTEE = "mentee"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    INVESTOR = "investor"
    ADVISOR = "advisor"
    STAKEHOLDER = "stakeholder"
    PEER = "peer"
    FRIEND = "friend"


class TieKind(StrEnum):
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    CLIENT = "client"
    REPORTS_TO = "reports-to"
    MENTOR_OF = "mentor-of"
    INTRODUCED = "introduced"
    FAMILY = "family"
    OTHER = "other"


class AssessmentField(StrEnum):
    TRUST_GIVEN = "trust_given"
    TRUST_RECEIVED = "trust_received"
    QUALITY = "quality"
    RELEVANCE = "relevance"


class GoalKind(StrEnum):
    BETTER_KNOWN = "better known"
    BETTER_EQUIPPED = "better equipped"
    BETTER_CONNECTED = "better connected"


class InteractionKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    MEAL = "meal"
    INTRODUCTION = "introduction"


class ExchangeKind(StrEnum):
    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    ADVICE = "advice"
    FAVOUR = "favour"
    GIFT = "gift"
    ENDORSEMENT = "endorsement"
    BUSINESS = "business"


_RATING_NAMES = tuple(f.value for f in AssessmentField)
_RATING_WORDS = {"trust_given": tr_later("trust given"),
                 "trust_received": tr_later("trust received"),
                 "quality": tr_later("quality"), "relevance": tr_later("relevance")}


RATING_WORD = tr_later("rating")
TIE_STRENGTH = tr_later("tie strength")
INTERACTION_QUALITY = tr_later("interaction quality")
EXCHANGE_VALUE = tr_later("exchange value")


def check_rating(value: Rating, *, what: str = RATING_WORD) -> Rating:
    """Return ``value`` if it is 1–5 or None, else raise ValidationError; ``what`` (marked
    with ``tr_later``) names the value in the message."""
    if value is None or (type(value) is int and RATING_MIN <= value <= RATING_MAX):
        return value  # the common case, checked first: loading a map validates every rating
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            tr("{what} must be a whole number from 1 to 5, or unrated").format(what=tr(what))
        )
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValidationError(
            tr("{what} must be from 1 to 5, or unrated (got {value})").format(
                what=tr(what), value=value
            )
        )
    return value


def check_cadence(ideal: int | None, maximum: int | None) -> None:
    """Raise ValidationError unless the windows are positive and the maximum is not shorter."""
    for days in (ideal, maximum):
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days <= 0):
            raise ValidationError(tr("the stay-in-touch cadence must be a positive number of days"))
    if maximum is not None and (ideal is None or maximum < ideal):
        raise ValidationError(tr("the longest gap must be at least the ideal stay-in-touch window"))


def check_email(value: str) -> str:
    """Return a stripped email address, or raise ValidationError if it is malformed."""
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValidationError(tr("'{value}' is not an email address").format(value=value))
    return value


@dataclass(frozen=True, slots=True)
class ContactPoint:
    """One email address or phone number with its label ("work", "home", "mobile"...)."""

    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    """My view of one person on the four axes, each 1–5 or unrated, with an optional note each."""

    trust_given: Rating = None
    trust_received: Rating = None
    quality: Rating = None
    relevance: Rating = None
    trust_given_note: str = ""
    trust_received_note: str = ""
    quality_note: str = ""
    relevance_note: str = ""

    def __post_init__(self) -> None:
        for name in _RATING_NAMES:
            check_rating(getattr(self, name), what=_RATING_WORDS[name])

    def rating(self, which: AssessmentField) -> Rating:
        value: Rating = getattr(self, which.value)
        return value

    def note(self, which: AssessmentField) -> str:
        value: str = getattr(self, f"{which.value}_note")
        return value

    @staticmethod
    def highest(assessments: Iterable[Assessment]) -> Assessment:
        """Each rating at the highest any of ``assessments`` gives (a team's view: who in
        the team knows them best), without the notes."""
        given = list(assessments)

        def top(name: str) -> Rating:
            return max((r for a in given if (r := getattr(a, name)) is not None), default=None)

        return Assessment(top("trust_given"), top("trust_received"), top("quality"),
                          top("relevance"))


@dataclass(frozen=True, slots=True)
class Person:
    """A person on the map; exactly one person of a network is ``is_me``."""

    id: PersonId
    display_name: str
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""
    title: str = ""
    emails: tuple[ContactPoint, ...] = ()
    phones: tuple[ContactPoint, ...] = ()
    location: str = ""
    industry: str = ""
    url: str = ""
    notes: str = ""
    how_we_met: str = ""
    introduced_by: PersonId | None = None
    internal: bool = False
    roles: frozenset[Role] = frozenset()
    cadence_days: int | None = None  # the ideal window; None inherits (see analysis/upkeep)
    cadence_max_days: int | None = None  # past it the contact is overdue; None: 1.5 × ideal
    snoozed_until: date | None = None
    source: str = ""
    x: float | None = None
    y: float | None = None
    pinned: bool = False
    is_me: bool = False
    spheres: frozenset[SphereId] = frozenset()
    assessment: Assessment = field(default_factory=Assessment)
    created: datetime = field(default_factory=datetime.now)
    updated: datetime = field(default_factory=datetime.now)

    def __post_init__(self) -> None:
        if not self.display_name.strip():
            raise ValidationError(tr("a person needs a name"))
        if self.introduced_by == self.id:
            raise ValidationError(tr("a person cannot introduce themselves"))
        check_cadence(self.cadence_days, self.cadence_max_days)
        for email in self.emails:
            check_email(email.value)

    @property
    def placed(self) -> bool:
        return self.x is not None and self.y is not None

    def at(self, x: float | None, y: float | None, pinned: bool) -> Person:
        """This person at another place: ``replace(self, x=x, y=y, pinned=pinned)``, in
        half the time (a layout of a big map moves everyone)."""
        values: tuple[object, ...] = _person_values(self)
        return Person(*(*values[:_X], x, y, pinned, *values[_X + 3:]))  # type: ignore[arg-type]


_person_values = attrgetter(*(f.name for f in fields(Person)))
_X = [f.name for f in fields(Person)].index("x")  # then y and pinned


class _TieValues(NamedTuple):
    id: TieId
    a: PersonId
    b: PersonId
    kind: TieKind = TieKind.OTHER
    directed: bool = False
    strength: int = 3
    since: date | None = None
    notes: str = ""
    source: str = ""
    created: datetime | None = None  # None: when the later of its two people was added


class Tie(_TieValues):
    """A relationship between two people; several ties per pair are allowed.

    A named tuple rather than a frozen dataclass as the other entities: a large map holds
    five ties per person, and the ties a map file holds (which its constraints checked) are
    made at the speed of a tuple (:meth:`stored`), 0.07 s for 500,000 instead of 0.5 s.
    Change one with :func:`replaced`, which checks the new tie.
    """

    __slots__ = ()

    def __new__(cls, id: TieId, a: PersonId, b: PersonId, kind: TieKind = TieKind.OTHER,
                directed: bool = False, strength: int = 3, since: date | None = None,
                notes: str = "", source: str = "", created: datetime | None = None) -> Tie:
        if a == b:
            raise ValidationError(tr("a tie needs two different people"))
        check_rating(strength, what=TIE_STRENGTH)
        return super().__new__(cls, id, a, b, kind, directed, strength, since, notes, source,
                               created)

    @classmethod
    def stored(cls, values: Iterable[tuple[Any, ...]]) -> list[Tie]:
        """Ties of values in the order of the fields, as the database's constraints checked
        them (two different people, a strength of 1 to 5): not checked again."""
        new = tuple.__new__
        return [new(cls, v) for v in values]

    def _replace(self, **changes: Any) -> Tie:
        """This tie with ``changes``, checked as a new one."""
        return Tie(**{**self._asdict(), **changes})


@dataclass(frozen=True, slots=True)
class Sphere:
    """A sphere of influence: an industry, community, company, city, alumni group..."""

    id: SphereId
    name: str
    colour: str = "#4c78a8"
    description: str = ""
    cadence_days: int | None = None  # the stay-in-touch window its members inherit
    cadence_max_days: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(tr("a sphere needs a name"))
        check_cadence(self.cadence_days, self.cadence_max_days)
        if not _COLOUR.match(self.colour):
            raise ValidationError(
                tr("'{colour}' is not a colour like #4c78a8").format(colour=self.colour)
            )


@dataclass(frozen=True, slots=True)
class AssessmentChange:
    """One row of the assessment history: a field went from ``old`` to ``new`` at ``at``."""

    person: PersonId
    field: AssessmentField
    old: Rating
    new: Rating
    at: datetime


@dataclass(frozen=True, slots=True)
class Goal:
    """What I network for (better known, equipped or connected) and the spheres and people it
    needs. A sphere or person no longer on the map is ignored (and back with an undo)."""

    id: GoalId
    title: str
    kind: GoalKind = GoalKind.BETTER_CONNECTED
    active: bool = True
    spheres: frozenset[SphereId] = frozenset()
    people: frozenset[PersonId] = frozenset()

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValidationError(tr("a goal needs a title"))


@dataclass(frozen=True, slots=True)
class Interaction:
    id: InteractionId
    on: date
    kind: InteractionKind
    summary: str = ""
    quality: Rating = None
    participants: frozenset[PersonId] = frozenset()

    def __post_init__(self) -> None:
        check_rating(self.quality, what=INTERACTION_QUALITY)


@dataclass(frozen=True, slots=True)
class Exchange:
    """Something given to or received from a person: the reciprocity ledger."""

    id: ExchangeId
    person: PersonId
    gave: bool
    kind: ExchangeKind
    on: date
    note: str = ""
    value: Rating = None  # how much it was worth, 1–5; unrated counts as 3

    def __post_init__(self) -> None:
        check_rating(self.value, what=EXCHANGE_VALUE)


class Tier(IntEnum):
    """How close a relationship is, from trust both ways and our tie (see analysis/upkeep)."""

    INNER_CIRCLE = 1
    CLOSE = 2
    NETWORK = 3

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()


@dataclass(frozen=True, slots=True)
class TierCadence:
    """The stay-in-touch window of a closeness tier; ``ideal`` None switches the tier off."""

    id: Tier
    ideal: int | None
    maximum: int | None = None

    def __post_init__(self) -> None:
        check_cadence(self.ideal, self.maximum)


# Used while a map stores no cadence of its own for a tier.
DEFAULT_TIER_CADENCES = {
    Tier.INNER_CIRCLE: TierCadence(Tier.INNER_CIRCLE, 14, 21),
    Tier.CLOSE: TierCadence(Tier.CLOSE, 30, 45),
    Tier.NETWORK: TierCadence(Tier.NETWORK, 90, 135),
}


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named way of looking at the map: filter, focus, decoration and viewport.

    ``conditions`` and ``decoration`` are JSON (``relmap.analysis.filters.Condition`` and
    ``relmap.style.Decoration`` read them); ``focus`` with ``depth`` is a neighbourhood;
    ``viewport`` is (x0, y0, x1, y1) in scene units, None for the whole map.
    """

    id: ViewId
    name: str
    conditions: str = "[]"
    hide: bool = False
    focus: frozenset[PersonId] = frozenset()
    depth: int = 1
    decoration: str = "{}"
    viewport: tuple[float, float, float, float] | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(tr("a view needs a name"))


@dataclass(frozen=True, slots=True)
class NextStep:
    """Something agreed with a mentor: a follow-up until it is done."""

    text: str
    done: bool = False

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValidationError(tr("a next step needs some words"))


@dataclass(frozen=True, slots=True)
class MentorSession:
    """A conversation with a mentor about my network: when, with whom, the questions I bring,
    what was said and the next steps agreed. One dated in the future is being prepared."""

    id: SessionId
    on: date
    mentor: str = ""
    questions: str = ""
    notes: str = ""
    next_steps: tuple[NextStep, ...] = ()


class Gone(StrEnum):
    PERSON = "person"
    TIE = "tie"


@dataclass(frozen=True, slots=True)
class Removal:
    """A person taken off the map or a tie that ended: what the time machine keeps once the
    thing itself is gone. Only names and days are kept, none of the person's details."""

    id: RemovalId
    kind: Gone
    ref: int  # the person's or the tie's id
    name: str  # the person's name, or the tie's two names ("Ann Lee and Bo Chan")
    added: datetime
    removed: datetime


class RecordKind(StrEnum):
    """The entries of the relationship log, beside people, ties and spheres."""

    # Hashed as its text, which it equals, in C: a big log's keys are hashed by the 100,000
    # (Enum's own hash is a Python call on the member's name).
    __hash__ = str.__hash__

    GOAL = "goal"
    INTERACTION = "interaction"
    EXCHANGE = "exchange"
    CADENCE = "cadence"
    VIEW = "view"
    SESSION = "session"
    REMOVAL = "removal"


Record = Goal | Interaction | Exchange | TierCadence | SavedView | MentorSession | Removal
_RECORD_KINDS: dict[type, RecordKind] = {
    Goal: RecordKind.GOAL, Interaction: RecordKind.INTERACTION, Exchange: RecordKind.EXCHANGE,
    TierCadence: RecordKind.CADENCE, SavedView: RecordKind.VIEW,
    MentorSession: RecordKind.SESSION, Removal: RecordKind.REMOVAL,
}


def record_kind(record: Record) -> RecordKind:
    return _RECORD_KINDS[type(record)]


E = TypeVar("E")


def replaced(entity: E, **changes: Any) -> E:
    """``entity`` (a tie, or any other entity or value of the model) with ``changes``,
    checked as a new one."""
    if isinstance(entity, Tie):
        return entity._replace(**changes)  # type: ignore[return-value]
    return dataclasses.replace(entity, **changes)  # type: ignore[type-var]


def field_names(entity: object) -> tuple[str, ...]:
    """The names of the fields of an entity or value of the model, in order."""
    if isinstance(entity, Tie):
        return Tie._fields
    return tuple(f.name for f in fields(entity))  # type: ignore[arg-type]
