"""Conversion between core values and table rows (plain dicts for bulk statements)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
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


def person_row(p: Person) -> dict[str, Any]:
    return {"id": p.id, **{name: getattr(p, name) for name in _PLAIN}}


def assessment_row(p: Person) -> dict[str, Any]:
    return {"person_id": p.id, **{name: getattr(p.assessment, name) for name in _ASSESSMENT}}


def contact_rows(p: Person) -> list[dict[str, Any]]:
    rows = []
    for kind, points in (("email", p.emails), ("phone", p.phones)):
        rows += [
            {"person_id": p.id, "kind": kind, "position": i, "label": c.label, "value": c.value}
            for i, c in enumerate(points)
        ]
    return rows


def tie_row(t: Tie) -> dict[str, Any]:
    return {
        "id": t.id,
        "a_id": t.a,
        "b_id": t.b,
        "kind": t.kind.value,
        "directed": t.directed,
        "strength": t.strength,
        "since": t.since,
        "notes": t.notes,
        "source": t.source,
    }


def sphere_row(s: Sphere) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "colour": s.colour, "description": s.description}


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


def goal_row(g: Goal) -> dict[str, Any]:
    return {"id": g.id, "title": g.title, "kind": g.kind.value, "active": g.active}


def interaction_row(i: Interaction) -> dict[str, Any]:
    return {
        "id": i.id,
        "on": i.on,
        "kind": i.kind.value,
        "summary": i.summary,
        "quality": i.quality,
    }


def exchange_row(e: Exchange) -> dict[str, Any]:
    return {
        "id": e.id,
        "person_id": e.person,
        "gave": e.gave,
        "kind": e.kind.value,
        "on": e.on,
        "note": e.note,
    }


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
