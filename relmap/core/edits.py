"""Edits: value objects that change a Network, report what changed, and know their inverse.

``edit.inverse(network)`` is computed against the network *before* ``edit.apply(network)``;
applying the inverse afterwards restores the network exactly. ``apply`` validates before it
mutates, so a refused edit leaves the network untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from relmap.core.edit_base import Batch as Batch  # re-exported: edits are used from here
from relmap.core.edit_base import Edit as Edit
from relmap.core.edit_base import check_fields, need
from relmap.core.errors import ValidationError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, RemovalId, SphereId, TieId
from relmap.core.model import (
    AssessmentChange,
    AssessmentField,
    Exchange,
    Gone,
    Interaction,
    Person,
    Rating,
    Record,
    RecordKind,
    Removal,
    Sphere,
    Tie,
    replaced,
)
from relmap.core.network import ChangeSet, Network, RecordKey, ends
from relmap.core.records import DeleteRecords, PutRecords

# Fields that have their own edit (identity, position, membership, ratings).
_PERSON_LOCKED = {"id", "is_me", "spheres", "assessment", "x", "y", "pinned"}
PERSON_FIELDS = frozenset(f.name for f in fields(Person)) - _PERSON_LOCKED
TIE_FIELDS = frozenset(Tie._fields) - {"id"}
SPHERE_FIELDS = frozenset(f.name for f in fields(Sphere)) - {"id"}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class AddPeople:
    """Add people (with their spheres and ratings) and, optionally, ties among them."""

    people: tuple[Person, ...]
    ties: tuple[Tie, ...] = ()

    def apply(self, network: Network) -> ChangeSet:
        ids = {p.id for p in self.people}
        if len(ids) != len(self.people) or ids & network.people.keys():
            raise ValidationError(tr("person ids must be new and distinct"))
        has_me = network.me is not None
        if sum(p.is_me for p in self.people) + has_me > 1:
            raise ValidationError(tr("a map has exactly one 'me'"))
        for p in self.people:
            if not p.spheres <= network.spheres.keys():
                raise ValidationError(
                    tr("{display_name} is in an unknown sphere").format(display_name=p.display_name)
                )
            if p.introduced_by is not None and p.introduced_by not in ids | network.people.keys():
                raise ValidationError(
                    tr("{display_name} was introduced by an unknown person").format(
                        display_name=p.display_name
                    )
                )
        network.people.update((p.id, p) for p in self.people)
        try:
            tie_changes = network.apply(AddTies(self.ties))
        except ValidationError:
            for pid in ids:
                del network.people[pid]
            raise
        return ChangeSet(people=frozenset(ids), structural=True) | tie_changes

    def inverse(self, network: Network) -> Edit:
        return RemovePeople(tuple(p.id for p in self.people), undoing_add=True)


@dataclass(frozen=True)
class RemovePeople:
    """Remove people with all their ties; people they introduced forget the introducer.
    Each one's name and days are kept as a :class:`Removal` unless this undoes their adding.

    "Me" can only go when this undoes the edit that added me (a new map's first step).
    """

    ids: tuple[PersonId, ...]
    undoing_add: bool = False
    at: datetime = field(default_factory=_now)  # when; a redo removes them at the same time

    def apply(self, network: Network) -> ChangeSet:
        gone = set(self.ids)
        for pid in gone:
            need(network.people, pid, "person")
            if network.people[pid].is_me and not self.undoing_add:
                raise ValidationError(tr("'me' cannot be removed"))
        removed = _ties_of(network, gone)
        ties = {t.id for t in removed}
        touched = {p.id for p in network.people.values() if p.introduced_by in gone} - gone
        for pid in touched:
            network.people[pid] = replace(network.people[pid], introduced_by=None)
        for tid in ties:
            del network.ties[tid]
        records = _forget_in_records(network, gone)
        if not self.undoing_add:
            records |= _note_removals(network, self.at, [
                (Gone.PERSON, pid, network.people[pid].display_name,
                 network.people[pid].created) for pid in self.ids])
        for pid in gone:
            del network.people[pid]
        return ChangeSet(
            people=frozenset(gone | touched),
            ties=frozenset(ties),
            tied=ends(removed),
            records=records,
            structural=True,
        )

    def inverse(self, network: Network) -> Edit:
        gone = set(self.ids)
        people = tuple(network.people[pid] for pid in self.ids)
        ties = _ties_of(network, gone)
        restore = tuple(
            UpdatePerson(p.id, {"introduced_by": p.introduced_by, "updated": p.updated})
            for p in network.people.values()
            if p.introduced_by in gone and p.id not in gone
        )
        logged: tuple[Record, ...] = (
            *_exchanged(network, gone),
            *_met(network, gone),
        )
        return Batch((AddPeople(people, ties), PutRecords(logged), _removals_made(network, self),
                      *restore))


def _note_removals(
    network: Network, at: datetime, gone: list[tuple[Gone, int, str, datetime]]
) -> frozenset[RecordKey]:
    """Keep a :class:`Removal` of each ``(kind, id, name, added)``, removed ``at``."""
    ids = network.new_ids(RecordKind.REMOVAL, len(gone)) if gone else []
    for rid, (kind, ref, name, added) in zip(map(RemovalId, ids), gone, strict=True):
        network.removals[rid] = Removal(rid, kind, ref, name, added, at)
    return frozenset((RecordKind.REMOVAL, rid) for rid in ids)


def _removals_made(network: Network, edit: RemovePeople | RemoveTies) -> DeleteRecords:
    """Forget the removals ``edit`` is about to keep (its undo): they take the next ids."""
    ids = [] if edit.undoing_add or not edit.ids else network.new_ids(RecordKind.REMOVAL,
                                                                        len(edit.ids))
    return DeleteRecords(tuple((RecordKind.REMOVAL, rid) for rid in ids))


def _ties_of(network: Network, gone: Collection[PersonId]) -> tuple[Tie, ...]:
    """The ties of ``gone``, each once (a tie between two of them too)."""
    return tuple({t.id: t for pid in sorted(gone) for t in network.ties_of(pid)}.values())


def _met(network: Network, gone: Collection[PersonId]) -> tuple[Interaction, ...]:
    """The interactions ``gone`` took part in, each once."""
    return tuple({i.id: i for pid in sorted(gone) for i in network.interactions_of(pid)}
                 .values())


def _exchanged(network: Network, gone: Collection[PersonId]) -> list[Exchange]:
    """What ``gone`` gave and received."""
    return [e for pid in sorted(gone) for e in network.exchanges_of(pid)]


def _forget_in_records(network: Network, gone: set[PersonId]) -> frozenset[RecordKey]:
    """Drop the exchanges of removed people and take them out of their interactions."""
    exchanges = [e.id for e in _exchanged(network, gone)]
    for eid in exchanges:
        del network.exchanges[eid]
    met = _met(network, gone)
    for i in met:
        network.interactions[i.id] = replace(i, participants=i.participants - gone)
    return frozenset(
        {(RecordKind.EXCHANGE, int(e)) for e in exchanges}
        | {(RecordKind.INTERACTION, int(i.id)) for i in met}
    )


@dataclass(frozen=True)
class UpdatePerson:
    """Set plain fields of one person (names, organisation, notes, roles, cadence...).

    The person's ``updated`` time is the moment the edit was made, so a redo restores exactly
    the state that was first applied.
    """

    id: PersonId
    changes: Mapping[str, object]
    at: datetime = field(default_factory=datetime.now)

    def apply(self, network: Network) -> ChangeSet:
        need(network.people, self.id, "person")
        check_fields(self.changes, PERSON_FIELDS, "person")
        intro = self.changes.get("introduced_by")
        if intro is not None and intro not in network.people:
            raise ValidationError(tr("introduced by an unknown person"))
        old = network.people[self.id]
        updates = {"updated": self.at, **self.changes}
        network.people[self.id] = replace(old, **updates)  # type: ignore[arg-type]
        return ChangeSet(people=frozenset({self.id}))

    def inverse(self, network: Network) -> Edit:
        old = network.people[self.id]
        return UpdatePerson(self.id, {k: getattr(old, k) for k in (*self.changes, "updated")})


@dataclass(frozen=True)
class AddTies:
    ties: tuple[Tie, ...]

    def apply(self, network: Network) -> ChangeSet:
        ids = {t.id for t in self.ties}
        if len(ids) != len(self.ties) or ids & network.ties.keys():
            raise ValidationError(tr("tie ids must be new and distinct"))
        for t in self.ties:
            if t.a not in network.people or t.b not in network.people:
                raise ValidationError(tr("tie {id} joins an unknown person").format(id=t.id))
        network.ties.update((t.id, t) for t in self.ties)
        return ChangeSet(ties=frozenset(ids), tied=ends(self.ties), structural=bool(ids))

    def inverse(self, network: Network) -> Edit:
        return RemoveTies(tuple(t.id for t in self.ties), undoing_add=True)


@dataclass(frozen=True)
class RemoveTies:
    """Remove ties; each is kept as an ended tie (a :class:`Removal`) unless this undoes
    their adding."""

    ids: tuple[TieId, ...]
    undoing_add: bool = False
    at: datetime = field(default_factory=_now)  # when; a redo ends them at the same time

    def apply(self, network: Network) -> ChangeSet:
        for tid in self.ids:
            need(network.ties, tid, "tie")
        ended = frozenset[RecordKey]()
        if not self.undoing_add:
            people = network.people
            ended = _note_removals(
                network,
                self.at,
                [
                    (
                        Gone.TIE,
                        tid,
                        tr("{display_name} and {display_name2}").format(
                            display_name=people[t.a].display_name,
                            display_name2=people[t.b].display_name,
                        ),
                        network.tie_added(t),
                    )
                    for tid in self.ids
                    if (t := network.ties[tid])
                ],
            )
        tied = ends(network.ties[tid] for tid in self.ids)
        for tid in self.ids:
            del network.ties[tid]
        return ChangeSet(ties=frozenset(self.ids), tied=tied, records=ended, structural=True)

    def inverse(self, network: Network) -> Edit:
        return Batch((AddTies(tuple(network.ties[tid] for tid in self.ids)),
                      _removals_made(network, self)))


@dataclass(frozen=True)
class UpdateTie:
    id: TieId
    changes: Mapping[str, object]

    def apply(self, network: Network) -> ChangeSet:
        need(network.ties, self.id, "tie")
        check_fields(self.changes, TIE_FIELDS, "tie")
        new = replaced(network.ties[self.id], **self.changes)
        if new.a not in network.people or new.b not in network.people:
            raise ValidationError(tr("a tie joins two people of the map"))
        tied = ends((network.ties[self.id], new))
        network.ties[self.id] = new
        return ChangeSet(ties=frozenset({self.id}), tied=tied)

    def inverse(self, network: Network) -> Edit:
        old = network.ties[self.id]
        return UpdateTie(self.id, {k: getattr(old, k) for k in self.changes})


@dataclass(frozen=True)
class AddSphere:
    sphere: Sphere
    members: frozenset[PersonId] = frozenset()

    def apply(self, network: Network) -> ChangeSet:
        if self.sphere.id in network.spheres:
            raise ValidationError(tr("sphere ids must be new"))
        if any(s.name == self.sphere.name for s in network.spheres.values()):
            raise ValidationError(
                tr("there is already a sphere called '{name}'").format(name=self.sphere.name)
            )
        for pid in self.members:
            need(network.people, pid, "person")
        network.spheres[self.sphere.id] = self.sphere
        for pid in self.members:
            p = network.people[pid]
            network.people[pid] = replace(p, spheres=p.spheres | {self.sphere.id})
        return ChangeSet(people=self.members, spheres=frozenset({self.sphere.id}), structural=True)

    def inverse(self, network: Network) -> Edit:
        return DeleteSphere(self.sphere.id)


@dataclass(frozen=True)
class DeleteSphere:
    """Delete a sphere; its people stay on the map."""

    id: SphereId

    def apply(self, network: Network) -> ChangeSet:
        need(network.spheres, self.id, "sphere")
        members = network.members(self.id)
        for pid in members:
            p = network.people[pid]
            network.people[pid] = replace(p, spheres=p.spheres - {self.id})
        del network.spheres[self.id]
        return ChangeSet(people=members, spheres=frozenset({self.id}), structural=True)

    def inverse(self, network: Network) -> Edit:
        return AddSphere(network.spheres[self.id], network.members(self.id))


@dataclass(frozen=True)
class UpdateSphere:
    id: SphereId
    changes: Mapping[str, object]

    def apply(self, network: Network) -> ChangeSet:
        need(network.spheres, self.id, "sphere")
        check_fields(self.changes, SPHERE_FIELDS, "sphere")
        new = replace(network.spheres[self.id], **self.changes)  # type: ignore[arg-type]
        if any(s.name == new.name and s.id != self.id for s in network.spheres.values()):
            raise ValidationError(
                tr("there is already a sphere called '{name}'").format(name=new.name)
            )
        network.spheres[self.id] = new
        return ChangeSet(spheres=frozenset({self.id}))

    def inverse(self, network: Network) -> Edit:
        old = network.spheres[self.id]
        return UpdateSphere(self.id, {k: getattr(old, k) for k in self.changes})


@dataclass(frozen=True)
class SetMembership:
    """Put people into a sphere (``member=True``) or take them out."""

    sphere: SphereId
    people: frozenset[PersonId]
    member: bool = True

    def apply(self, network: Network) -> ChangeSet:
        need(network.spheres, self.sphere, "sphere")
        for pid in self.people:
            need(network.people, pid, "person")
        changed = self._changing(network)
        for pid in changed:
            p = network.people[pid]
            spheres = p.spheres | {self.sphere} if self.member else p.spheres - {self.sphere}
            network.people[pid] = replace(p, spheres=spheres)
        return ChangeSet(people=changed)

    def inverse(self, network: Network) -> Edit:
        return SetMembership(self.sphere, self._changing(network), not self.member)

    def _changing(self, network: Network) -> frozenset[PersonId]:
        return frozenset(
            pid
            for pid in self.people
            if (self.sphere in network.people[pid].spheres) != self.member
        )


@dataclass(frozen=True)
class SetAssessment:
    """Set one rating (1–5 or None) of one person, and optionally its note; the person's
    ``updated`` time becomes ``at`` (so that a redo restores exactly what was applied)."""

    person: PersonId
    field: AssessmentField
    value: Rating
    note: str | None = None
    at: datetime = dataclasses.field(default_factory=datetime.now)  # ``field`` is a rating here

    def apply(self, network: Network) -> ChangeSet:
        need(network.people, self.person, "person")
        p = network.people[self.person]
        old = p.assessment.rating(self.field)
        updates: dict[str, object] = {self.field.value: self.value}
        if self.note is not None:
            updates[f"{self.field.value}_note"] = self.note
        assessment = replace(p.assessment, **updates)  # type: ignore[arg-type]
        network.people[self.person] = replace(p, assessment=assessment, updated=self.at)
        history = (
            ()
            if old == self.value
            else (AssessmentChange(self.person, self.field, old, self.value, datetime.now()),)
        )
        return ChangeSet(people=frozenset({self.person}), history=history)

    def inverse(self, network: Network) -> Edit:
        p = network.people[self.person]
        note = p.assessment.note(self.field) if self.note is not None else None
        return SetAssessment(self.person, self.field, p.assessment.rating(self.field), note,
                             p.updated)


@dataclass(frozen=True)
class Position:
    x: float | None
    y: float | None
    pinned: bool


@dataclass(frozen=True)
class MoveNodes:
    """Move people to new positions; a dragged person becomes pinned."""

    moves: Mapping[PersonId, Position]

    def apply(self, network: Network) -> ChangeSet:
        for pid in self.moves:
            need(network.people, pid, "person")
        for pid, pos in self.moves.items():
            network.people[pid] = network.people[pid].at(pos.x, pos.y, pos.pinned)
        return ChangeSet(positions=frozenset(self.moves))

    def inverse(self, network: Network) -> Edit:
        people = network.people
        return MoveNodes(
            {pid: Position(people[pid].x, people[pid].y, people[pid].pinned) for pid in self.moves}
        )


@dataclass(frozen=True)
class AddHistory:
    """Rating history brought in with the people it belongs to (a full JSON import); undone
    with them, since a person's history goes when the person goes."""

    changes: tuple[AssessmentChange, ...]

    def apply(self, network: Network) -> ChangeSet:
        for change in self.changes:
            need(network.people, change.person, "person")
        return ChangeSet(people=frozenset(c.person for c in self.changes), history=self.changes)

    def inverse(self, network: Network) -> Edit:
        return AddHistory(())


def may_touch_records(edit: Edit) -> bool:
    """Whether ``edit``, applied or undone, may read or change a record of the relationship
    log: all but a move, a rating, a person's or a tie's fields, and batches of these."""
    if isinstance(edit, Batch):
        return any(map(may_touch_records, edit.edits))
    return not isinstance(edit, (MoveNodes, SetAssessment, UpdatePerson, UpdateTie))


def removed_people(edit: Edit) -> tuple[PersonId, ...]:
    """The people ``edit`` takes off the map (not counting an undone add)."""
    if isinstance(edit, RemovePeople):
        return () if edit.undoing_add else edit.ids
    if isinstance(edit, Batch):
        return tuple(p for e in edit.edits for p in removed_people(e))
    return ()
