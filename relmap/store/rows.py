"""Conversion between core values and table rows: tuples in the order of ``*_COLUMNS``."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from relmap.core.bulk import one_of
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import (
    Assessment,
    ContactPoint,
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Gone,
    Interaction,
    InteractionKind,
    MentorSession,
    NextStep,
    Person,
    Removal,
    Role,
    SavedView,
    Sphere,
    Tie,
    TieKind,
    Tier,
    TierCadence,
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
    "cadence_max_days",
    "snoozed_until",
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
TIE_COLUMNS = ("id", "a_id", "b_id", "kind", "directed", "strength", "since", "notes", "source",
               "created")
SPHERE_COLUMNS = ("id", "name", "colour", "description", "cadence_days", "cadence_max_days")


def assessment_row(p: Person) -> tuple[Any, ...]:
    return (p.id, *_assessment_values(p.assessment))


def contact_rows(p: Person) -> list[tuple[Any, ...]]:
    rows = [(p.id, "email", i, c.label, c.value) for i, c in enumerate(p.emails)]
    rows += [(p.id, "phone", i, c.label, c.value) for i, c in enumerate(p.phones)]
    return rows


def tie_row(t: Tie) -> tuple[Any, ...]:
    return (t.id, t.a, t.b, t.kind.value, t.directed, t.strength, t.since, t.notes, t.source,
            t.created)


def sphere_row(s: Sphere) -> tuple[Any, ...]:
    return (s.id, s.name, s.colour, s.description, s.cadence_days, s.cadence_max_days)


_KINDS = {k.value: k for k in TieKind}
_ROLES = {r.value: r for r in Role}
UNRATED = Assessment()  # immutable: shared by everyone without ratings


def to_ties(values: Iterable[Sequence[Any]]) -> list[Tie]:
    """Ties from rows in the order of TIE_COLUMNS, as stored (see :meth:`Tie.stored`)."""
    kinds = _KINDS
    same: dict[PersonId, PersonId] = {}  # one object per person: a hub has 100,000 ties
    return Tie.stored(
        (tid, same.setdefault(a, a), same.setdefault(b, b), kinds[kind], directed, strength,
         since, notes, source, created)
        for tid, a, b, kind, directed, strength, since, notes, source, created in values
    )


def to_sphere(r: Sequence[Any]) -> Sphere:
    return Sphere(*r)


def to_people(
    people: Iterable[Sequence[Any]],
    contacts: Iterable[Sequence[Any]],
    roles: Iterable[Sequence[Any]],
    members: Iterable[Sequence[Any]],
    assessments: Iterable[Sequence[Any]],
) -> list[Person]:
    """People from rows of each table, in the order of its ``*_COLUMNS``.

    ``contacts`` come in order of position; every other table in any order.
    """
    points: dict[tuple[int, str], list[ContactPoint]] = defaultdict(list)
    for pid, kind, _position, label, value in contacts:
        points[pid, kind].append(ContactPoint(value, label))
    role_sets: dict[int, set[Role]] = defaultdict(set)
    for pid, role in roles:
        role_sets[pid].add(_ROLES[role])
    sphere_sets: dict[int, set[SphereId]] = defaultdict(set)
    for pid, sid in members:
        sphere_sets[pid].add(sid)
    rated = {r[0]: Assessment(*r[1:]) for r in assessments}
    shared: dict[frozenset[Any], frozenset[Any]] = {}  # most people share a few sets
    # By position, in Person's order of fields (PERSON_FIELDS): half the time of building each
    # by keyword, 0.35 s of reading 100,000 people.
    return [
        Person(*(  # the arguments as one tuple, which mypy does not count
            *r[:6],
            tuple(points.get((r[0], "email"), ())),
            tuple(points.get((r[0], "phone"), ())),
            *r[6:13],
            one_of(shared, frozenset(role_sets.get(r[0], ()))),
            *r[13:21],
            one_of(shared, frozenset(sphere_sets.get(r[0], ()))),
            rated.get(r[0], UNRATED),
            *r[21:],
        ))
        for r in people
    ]


# Person's fields in order: its columns, with what the other tables give put between them.
PERSON_FIELDS = (*PERSON_COLUMNS[:6], "emails", "phones", *PERSON_COLUMNS[6:13], "roles",
                 *PERSON_COLUMNS[13:21], "spheres", "assessment", *PERSON_COLUMNS[21:])


GOAL_COLUMNS = ("id", "title", "kind", "active")
INTERACTION_COLUMNS = ("id", "on", "kind", "summary", "quality")
EXCHANGE_COLUMNS = ("id", "person_id", "gave", "kind", "on", "note", "value")
CADENCE_COLUMNS = ("id", "ideal", "maximum")
VIEW_COLUMNS = ("id", "name", "conditions", "hide", "focus", "depth", "decoration", "x0", "y0",
                "x1", "y1", "note")
PARTICIPANT_COLUMNS = ("interaction_id", "person_id")


def goal_row(g: Goal) -> tuple[Any, ...]:
    return (g.id, g.title, g.kind.value, g.active)


def interaction_row(i: Interaction) -> tuple[Any, ...]:
    return (i.id, i.on, i.kind.value, i.summary, i.quality)


def exchange_row(e: Exchange) -> tuple[Any, ...]:
    return (e.id, e.person, e.gave, e.kind.value, e.on, e.note, e.value)


def view_row(v: SavedView) -> tuple[Any, ...]:
    x0, y0, x1, y1 = v.viewport or (None, None, None, None)
    focus = " ".join(str(p) for p in sorted(v.focus))
    return (v.id, v.name, v.conditions, v.hide, focus, v.depth, v.decoration, x0, y0, x1, y1,
            v.note)


def to_view(r: Sequence[Any]) -> SavedView:
    vid, name, conditions, hide, focus, depth, decoration, x0, y0, x1, y1, note = r
    viewport = None if None in (x0, y0, x1, y1) else (x0, y0, x1, y1)
    people = frozenset(PersonId(int(p)) for p in focus.split())
    return SavedView(vid, name, conditions, hide, people, depth, decoration, viewport, note)


SESSION_COLUMNS = ("id", "on", "mentor", "questions", "notes", "next_steps")


def session_row(s: MentorSession) -> tuple[Any, ...]:
    steps = json.dumps([{"text": n.text, "done": n.done} for n in s.next_steps])
    return (s.id, s.on, s.mentor, s.questions, s.notes, steps)


def to_session(r: Sequence[Any]) -> MentorSession:
    sid, on, mentor, questions, notes, steps = r
    return MentorSession(sid, on, mentor, questions, notes,
                         tuple(NextStep(n["text"], bool(n["done"])) for n in json.loads(steps)))


REMOVAL_COLUMNS = ("id", "kind", "ref", "name", "added", "removed")


def removal_row(r: Removal) -> tuple[Any, ...]:
    return (r.id, r.kind.value, r.ref, r.name, r.added, r.removed)


def to_removal(r: Sequence[Any]) -> Removal:
    rid, kind, ref, name, added, removed = r
    return Removal(rid, Gone(kind), ref, name, added, removed)


def cadence_row(c: TierCadence) -> tuple[Any, ...]:
    return (int(c.id), c.ideal, c.maximum)


def to_goal(r: Sequence[Any], needs: Iterable[tuple[str, int]] = ()) -> Goal:
    gid, title, kind, active = r
    wanted = list(needs)
    return Goal(gid, title, GoalKind(kind), active,
                frozenset(SphereId(ref) for what, ref in wanted if what == "sphere"),
                frozenset(PersonId(ref) for what, ref in wanted if what == "person"))


def goal_need_rows(g: Goal) -> list[tuple[int, str, int]]:
    return ([(g.id, "sphere", s) for s in sorted(g.spheres)]
            + [(g.id, "person", p) for p in sorted(g.people)])


def to_interaction(r: Sequence[Any], participants: Iterable[PersonId]) -> Interaction:
    iid, on, kind, summary, quality = r
    return Interaction(iid, on, InteractionKind(kind), summary, quality, frozenset(participants))


def to_exchange(r: Sequence[Any]) -> Exchange:
    eid, person, gave, kind, on, note, value = r
    return Exchange(eid, person, gave, ExchangeKind(kind), on, note, value)


def to_cadence(r: Sequence[Any]) -> TierCadence:
    tier, ideal, maximum = r
    return TierCadence(Tier(tier), ideal, maximum)
