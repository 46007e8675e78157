"""A reviewed plan becomes one edit (a core Batch: one transaction, one undo step) and counts."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import repeat
from operator import attrgetter, call

from relmap.core.bulk import bulk_objects
from relmap.core.edits import (
    PERSON_FIELDS,
    AddHistory,
    AddPeople,
    AddTies,
    Batch,
    Edit,
    MoveNodes,
    Position,
    SetAssessment,
    SetMembership,
    UpdatePerson,
)
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import AssessmentField, Person
from relmap.core.network import PERSON, Network
from relmap.core.records import PutRecords
from relmap.io.pipeline.log_records import resolve_records
from relmap.io.pipeline.matching import ImportPlan
from relmap.io.pipeline.merge import Mode, absorb
from relmap.io.pipeline.plan import Counts, Decision, Duplicate, Issue, PersonDraft, Tally
from relmap.io.pipeline.spheres import SpherePlan, plan_spheres
from relmap.io.pipeline.tie_resolve import TieResult, named, resolve_ties

Target = str | PersonId | None  # a new person (head draft key), someone on the map, skipped


@dataclass(frozen=True)
class Resolution:
    """The single edit of an import and what it will do."""

    edit: Batch
    counts: Counts
    issues: tuple[Issue, ...]

    @property
    def empty(self) -> bool:
        return not self.edit.edits


def resolve(
    plan: ImportPlan, network: Network, decisions: Mapping[str, Decision] | None = None
) -> Resolution:
    """Turn ``plan`` and the user's duplicate ``decisions`` into one edit and exact counts.

    Parameters
    ----------
    plan
        The matched plan (``build_plan``).
    network
        The same network the plan was matched against; it is only read.
    decisions
        Draft key to decision for duplicates; missing ones take the default (merge strong).

    Returns
    -------
    Resolution
        A Batch of AddSphere, AddPeople, UpdatePerson, MoveNodes, SetAssessment,
        SetMembership and AddTies edits, and counts where every record is counted once.
    """
    with bulk_objects():
        return _resolve(plan, network, {**plan.default_decisions(), **(decisions or {})})


def _resolve(plan: ImportPlan, network: Network, chosen: Mapping[str, Decision]) -> Resolution:
    people = _People(plan, network)
    for draft in plan.people:
        people.dispose(draft, chosen)
    ids = people.assign_ids()
    spheres = plan_spheres(plan.parsed.spheres, people.sphere_names(), network)
    new_people = people.new_people(ids, spheres.ids)
    edits: list[Edit] = [*spheres.edits]
    if new_people:
        edits.append(AddPeople(new_people))
    edits += people.update_edits(ids, spheres.ids)
    ties = resolve_ties(plan.parsed.ties, network, ids, new_people)
    if ties.ties:
        edits.append(AddTies(ties.ties))
    added = {p.id for p in new_people}
    history = tuple(replace(change, person=pid) for key, change in plan.parsed.history
                    if (pid := ids.get(key)) is not None and pid in added)
    if history:
        edits.append(AddHistory(history))
    found = named(plan.parsed.log, ids, network, new_people)
    log = resolve_records(plan.parsed.log, network, found, spheres.ids)
    if log.records:
        edits.append(PutRecords(log.records))
    unread = plan.parsed.log_skipped
    counts = people.counts(plan, ties, spheres)
    counts = replace(counts, records_new=len(log.records), records_unchanged=log.unchanged,
                     records_skipped=log.skipped + len(unread), skipped=counts.skipped + unread)
    return Resolution(Batch(tuple(edits)), counts, plan.issues + ties.issues + log.issues)


class _People:
    """Where each record goes, and the people as they will be once merged."""

    def __init__(self, plan: ImportPlan, network: Network) -> None:
        self.plan, self.network = plan, network
        self.duplicates: dict[str, Duplicate] = {d.draft: d for d in plan.duplicates}
        self.target: dict[str, Target] = {}
        self.fresh: dict[str, Person] = {}
        self.heads: dict[str, PersonDraft] = {}
        self.work: dict[PersonId, Person] = {}
        self.spheres: defaultdict[str | PersonId, set[str]] = defaultdict(set)
        self.intro: dict[str | PersonId, str] = {}
        self.tally = {"new": 0, "updated": 0, "merged": 0, "unchanged": 0}
        self.skipped: list[Issue] = []

    def dispose(self, draft: PersonDraft, decisions: Mapping[str, Decision]) -> None:
        update = self.plan.updates.get(draft.key)
        dup = self.duplicates.get(draft.key)
        if update is not None:
            self._into_existing(draft, update, Mode.ALL if draft.authoritative else Mode.NEWER)
        elif dup is None:
            self._new(draft)
        else:
            self._review(draft, dup, decisions.get(draft.key, dup.default))

    def _review(self, draft: PersonDraft, dup: Duplicate, decision: Decision) -> None:
        if decision is Decision.SKIP:
            self.target[draft.key] = None
            self.skipped.append(
                Issue(
                    draft.where,
                    tr("skipped: {reason} as {target_name}").format(
                        reason=dup.reason, target_name=dup.target_name
                    ),
                )
            )
        elif decision is Decision.KEEP_BOTH:
            self._new(draft)
        elif dup.target_person is not None:
            self._into_existing(draft, PersonId(dup.target_person), Mode.FILL)
        else:
            head = self.target.get(dup.target_draft or "")
            if head is None:
                self._new(draft)
            elif isinstance(head, str):
                self.fresh[head] = absorb(self.fresh[head], draft.person, Mode.FILL)
                self.spheres[head].update(draft.spheres)
                self.target[draft.key] = head
                self.tally["merged"] += 1
            else:
                self._into_existing(draft, head, Mode.FILL)

    def _new(self, draft: PersonDraft) -> None:
        self.fresh[draft.key] = draft.person
        self.heads[draft.key] = draft
        if draft.spheres:
            self.spheres[draft.key].update(draft.spheres)
        if draft.introduced_by is not None:
            self.intro[draft.key] = draft.introduced_by
        self.target[draft.key] = draft.key
        self.tally["new"] += 1

    def _into_existing(self, draft: PersonDraft, pid: PersonId, mode: Mode) -> None:
        before = self.work.get(pid, self.network.people[pid])
        after = absorb(before, draft.person, mode)
        self.work[pid] = after
        joins = not self._member_of_all(pid, draft.spheres)
        self.spheres[pid].update(draft.spheres)
        if mode is Mode.ALL and draft.introduced_by is not None:
            self.intro[pid] = draft.introduced_by
        self.target[draft.key] = pid
        if mode is Mode.FILL:
            self.tally["merged"] += 1
        else:
            self.tally["updated" if after != before or joins else "unchanged"] += 1

    def _member_of_all(self, pid: PersonId, names: tuple[str, ...]) -> bool:
        current = self.network.people[pid].spheres
        have = {self.network.spheres[s].name.casefold() for s in current
                if s in self.network.spheres}
        have |= {n.casefold() for n in self.spheres.get(pid, ())}
        return all(n.casefold() in have for n in names)

    def sphere_names(self) -> list[str]:
        return [name for names in self.spheres.values() for name in sorted(names)]

    def assign_ids(self) -> dict[str, PersonId | None]:
        """Ids for every draft key: new people take their preferred ids when all are free."""
        wanted = [self.heads[k].preferred_id for k in self.fresh]
        taken = self.network.people.keys()
        if all(w is not None for w in wanted) and len(set(wanted)) == len(wanted) \
                and not any(PersonId(w or 0) in taken for w in wanted):
            new_ids = [PersonId(w or 0) for w in wanted]
        else:
            new_ids = list(map(PersonId, self.network.new_ids(PERSON, len(self.fresh))))
        by_head = dict(zip(self.fresh, new_ids, strict=True))
        ids: dict[str, PersonId | None] = {}
        for key, target in self.target.items():
            ids[key] = by_head[target] if isinstance(target, str) else target
        return ids

    def new_people(
        self, ids: Mapping[str, PersonId | None], spheres: Mapping[str, SphereId]
    ) -> tuple[Person, ...]:
        people = []
        for key, person in self.fresh.items():
            pid = ids[key]
            assert pid is not None
            intro = ids.get(self.intro.get(key, ""))
            names = self.spheres.get(key)
            people.append(_settled(
                person, pid, intro if intro != pid else None,
                frozenset(spheres[n.casefold()] for n in names) if names else frozenset(),
            ))
        return tuple(people)

    def update_edits(
        self, ids: Mapping[str, PersonId | None], spheres: Mapping[str, SphereId]
    ) -> list[Edit]:
        edits: list[Edit] = []
        moves: dict[PersonId, Position] = {}
        joins: defaultdict[SphereId, set[PersonId]] = defaultdict(set)
        for pid, after in self.work.items():
            intro = ids.get(self.intro.get(pid, ""))
            if intro is not None and intro != pid:
                after = replace(after, introduced_by=intro)
            edits += _person_edits(self.network.people[pid], after, moves)
            for name in self.spheres.get(pid, ()):
                joins[spheres[name.casefold()]].add(pid)
        if moves:
            edits.append(MoveNodes(moves))
        edits += [SetMembership(sid, frozenset(p)) for sid, p in sorted(joins.items())]
        return edits

    def counts(self, plan: ImportPlan, ties: TieResult, spheres: SpherePlan) -> Counts:
        skipped = (*plan.parsed.skipped, *self.skipped)
        people = Tally(skipped=len(skipped), **self.tally)
        tie_skips = len(plan.parsed.ties_skipped) + ties.skipped
        tie_tally = Tally(new=len(ties.ties), merged=ties.merged, unchanged=ties.unchanged,
                          skipped=tie_skips)
        return Counts(plan.parsed.records, people, plan.parsed.tie_records, tie_tally,
                      spheres.new, tuple(skipped))


_SLOTS = Person.__slots__
_VALUES = attrgetter(*_SLOTS)
_SETTERS = [getattr(Person, name).__set__ for name in _SLOTS]
_ID, _INTRO, _SPHERES = (_SLOTS.index(n) for n in ("id", "introduced_by", "spheres"))


def _settled(
    person: Person, pid: PersonId, intro: PersonId | None, spheres: frozenset[SphereId]
) -> Person:
    """``replace(person, id=..., introduced_by=..., spheres=...)``, five times faster.

    Big imports make 30,000 of these. Every other field was validated when the draft was
    made and is copied as it is, slot by slot in C; the caller guarantees ``intro != pid``,
    and AddPeople checks the spheres and the introducer exist.
    """
    values = list(_VALUES(person))
    values[_ID], values[_INTRO], values[_SPHERES] = pid, intro, spheres
    clone = object.__new__(Person)
    deque(map(call, _SETTERS, repeat(clone), values), maxlen=0)
    return clone


def _person_edits(
    before: Person, after: Person, moves: dict[PersonId, Position]
) -> list[Edit]:
    if after is before:  # a re-import that brings nothing new
        return []
    edits: list[Edit] = []
    changes = {f: getattr(after, f) for f in PERSON_FIELDS
               if getattr(after, f) != getattr(before, f)}
    if changes:
        edits.append(UpdatePerson(before.id, changes))
    if (after.x, after.y, after.pinned) != (before.x, before.y, before.pinned):
        moves[before.id] = Position(after.x, after.y, after.pinned)
    old, new = before.assessment, after.assessment
    for which in AssessmentField if old != new else ():
        if (old.rating(which), old.note(which)) != (new.rating(which), new.note(which)):
            edits.append(SetAssessment(before.id, which, new.rating(which), new.note(which)))
    return edits
