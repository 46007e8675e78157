"""Conversion between core values and table rows: tuples in the order of ``*_COLUMNS``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from sqlalchemy import Row

from relmap.core.ids import ExchangeId, GoalId, InteractionId, PersonId, SphereId, TieId
from relmap.core.model import (
    Assessment,
    ContactPoint,
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Interaction,
    InteractionKind,
    Person,
    Role,
    Sphere,
    Tie,
    TieKind,
)

_PLAIN = (
    "display_name",
    "given_name",
    "family_name",
    "organisation",
    "title",
    "location",
    "industry",
    "url",
    "notes",
    "how_we_met",
    "introduced_by",
    "internal",
    "cadence_days",
    "source",
    "x",
    "y",
    "pinned",
    "is_me",
    "created",
    "updated",
)
_ASSESSMENT = (
    "trust_given",
    "trust_received",
    "quality",
    "relevance",
    "trust_given_note",
    "trust_received_note",
    "quality_note",
    "relevance_note",
)


PERSON_COLUMNS = ("id", *_PLAIN)
person_row: Callable[[Person], tuple[Any, ...]] = attrgetter(*PERSON_COLUMNS)
ASSESSMENT_COLUMNS = ("person_id", *_ASSESSMENT)
_assessment_values = attrgetter(*_ASSESSMENT)
CONTACT_COLUMNS = ("person_id", "kind", "position", "label", "value")
TIE_COLUMNS = ("id", "a_id", "b_id", "kind", "directed", "strength", "since", "notes", "source")
SPHERE_COLUMNS = ("id", "name", "colour", "description")


def assessment_row(p: Person) -> tuple[Any, ...]:
    return (p.id, *_assessment_values(p.assessment))


def contact_rows(p: Person) -> list[tuple[Any, ...]]:
    rows = [(p.id, "email", i, c.label, c.value) for i, c in enumerate(p.emails)]
    rows += [(p.id, "phone", i, c.label, c.value) for i, c in enumerate(p.phones)]
    return rows


def tie_row(t: Tie) -> tuple[Any, ...]:
    return (t.id, t.a, t.b, t.kind.value, t.directed, t.strength, t.since, t.notes, t.source)


def sphere_row(s: Sphere) -> tuple[Any, ...]:
    return (s.id, s.name, s.colour, s.description)


_KINDS = {k.value: k for k in TieKind}


def to_tie(r: tuple[Any, ...]) -> Tie:
    tid, a, b, kind, directed, strength, since, notes, source = r
    return Tie(
        id=TieId(tid),
        a=PersonId(a),
        b=PersonId(b),
        kind=_KINDS[kind],
        directed=directed,
        strength=strength,
        since=since,
        notes=notes,
        source=source,
    )


def to_sphere(r: Row[Any]) -> Sphere:
    return Sphere(id=SphereId(r.id), name=r.name, colour=r.colour, description=r.description)


def group(rows: Iterable[Row[Any]], key: str) -> dict[int, list[Row[Any]]]:
    groups: dict[int, list[Row[Any]]] = defaultdict(list)
    for r in rows:
        groups[getattr(r, key)].append(r)
    return groups


def to_person(
    r: Row[Any],
    *,
    assessment: Row[Any] | None,
    contacts: Sequence[Row[Any]],
    roles: Sequence[Row[Any]],
    spheres: Sequence[Row[Any]],
) -> Person:
    def points(kind: str) -> tuple[ContactPoint, ...]:
        chosen = sorted((c for c in contacts if c.kind == kind), key=lambda c: c.position)
        return tuple(ContactPoint(c.value, c.label) for c in chosen)

    values = r._asdict()
    del values["id"]
    values["introduced_by"] = None if r.introduced_by is None else PersonId(r.introduced_by)
    return Person(
        id=PersonId(r.id),
        emails=points("email"),
        phones=points("phone"),
        roles=frozenset(Role(x.role) for x in roles),
        spheres=frozenset(SphereId(x.sphere_id) for x in spheres),
        assessment=Assessment(**{n: getattr(assessment, n) for n in _ASSESSMENT})
        if assessment is not None
        else Assessment(),
        **values,
    )


GOAL_COLUMNS = ("id", "title", "kind", "active")
INTERACTION_COLUMNS = ("id", "on", "kind", "summary", "quality")
EXCHANGE_COLUMNS = ("id", "person_id", "gave", "kind", "on", "note")


def goal_row(g: Goal) -> tuple[Any, ...]:
    return (g.id, g.title, g.kind.value, g.active)


def interaction_row(i: Interaction) -> tuple[Any, ...]:
    return (i.id, i.on, i.kind.value, i.summary, i.quality)


def exchange_row(e: Exchange) -> tuple[Any, ...]:
    return (e.id, e.person, e.gave, e.kind.value, e.on, e.note)


def to_goal(r: Row[Any]) -> Goal:
    return Goal(GoalId(r.id), r.title, GoalKind(r.kind), r.active)


def to_interaction(r: Row[Any], participants: Sequence[Row[Any]]) -> Interaction:
    return Interaction(
        InteractionId(r.id),
        r.on,
        InteractionKind(r.kind),
        r.summary,
        r.quality,
        frozenset(PersonId(p.person_id) for p in participants),
    )


def to_exchange(r: Row[Any]) -> Exchange:
    return Exchange(
        ExchangeId(r.id), PersonId(r.person_id), r.gave, ExchangeKind(r.kind), r.on, r.note
    )
