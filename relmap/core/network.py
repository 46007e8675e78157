"""The in-memory network: every entity by id, plus the change set an edit reports."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, TypeVar

from relmap.core.bulk import bulk_objects
from relmap.core.errors import ValidationError
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
from relmap.core.model import (
    AssessmentChange,
    Exchange,
    Goal,
    Interaction,
    MentorSession,
    Person,
    RecordKind,
    Removal,
    SavedView,
    Sphere,
    Tie,
    Tier,
    TierCadence,
)

if TYPE_CHECKING:
    from relmap.core.edit_base import Edit

T = TypeVar("T")
RecordKey = tuple[RecordKind, int]
Key = tuple[str, int]  # ("person" | "tie" | "sphere" | a RecordKind, id): any one entity
PERSON, TIE, SPHERE = "person", "tie", "sphere"
Updater = Callable[["Network", Any, "ChangeSet"], Any]


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What an edit changed, so that views refresh only that.

    ``people``/``ties``/``spheres`` hold ids whose whole state changed (added, removed or
    updated); ``tied`` holds the people at either end of those ties, as they were and as they
    are (a removed tie's too); ``positions`` holds people of whom only x, y or pinned changed;
    ``structural`` is true when something was added or removed; ``records`` names goals,
    interactions and exchanges that changed, and ``log`` says that a whole relationship log
    came in, read after the map: any record may be new, and none is named (freeing the names
    of a million contacts held the window 0.3 s). ``origin`` is whoever initiated the change,
    so a view can skip its own echo.
    """

    people: frozenset[PersonId] = frozenset()
    positions: frozenset[PersonId] = frozenset()
    ties: frozenset[TieId] = frozenset()
    tied: frozenset[PersonId] = frozenset()
    spheres: frozenset[SphereId] = frozenset()
    history: tuple[AssessmentChange, ...] = ()
    records: frozenset[RecordKey] = frozenset()
    log: bool = False
    structural: bool = False
    origin: object | None = None

    @classmethod
    def everything(
        cls, network: Network, *, history: tuple[AssessmentChange, ...] = ()
    ) -> ChangeSet:
        """Names every entity of ``network``: writing it stores the whole map."""
        return cls(
            people=frozenset(network.people),
            ties=frozenset(network.ties),
            spheres=frozenset(network.spheres),
            records=network.record_keys(),
            history=history,
            structural=True,
        )

    @property
    def any_records(self) -> bool:
        """True when a record may have changed: one named, or a whole log come in."""
        return self.log or bool(self.records)

    def by_kind(self) -> dict[str, set[int]]:
        """The ids of every entity this change set names (a moved person too), by kind."""
        kinds: dict[str, set[int]] = {PERSON: set(self.people | self.positions),
                                      TIE: set(self.ties), SPHERE: set(self.spheres)}
        for kind, rid in self.records:
            kinds.setdefault(str(kind), set()).add(rid)
        return {kind: ids for kind, ids in kinds.items() if ids}

    def keys(self) -> set[Key]:
        """Every entity this change set names (a moved person too)."""
        return {(kind, i) for kind, ids in self.by_kind().items() for i in ids}

    @property
    def log_only(self) -> bool:
        """True when only records or positions changed, not people, ties, spheres or ratings."""
        return not (self.people or self.ties or self.spheres or self.history or self.structural)

    @property
    def moves_only(self) -> bool:
        """True when only positions changed (a drag, a layout)."""
        return self.log_only and not self.any_records

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            people=self.people | other.people,
            positions=(self.positions | other.positions) - self.people - other.people,
            ties=self.ties | other.ties,
            tied=self.tied | other.tied,
            spheres=self.spheres | other.spheres,
            history=self.history + other.history,
            records=self.records | other.records,
            log=self.log or other.log,
            structural=self.structural or other.structural,
            origin=self.origin if self.origin is not None else other.origin,
        )


def ends(ties: Iterable[Tie]) -> frozenset[PersonId]:
    """The people at either end of ``ties``: a change set's ``tied``."""
    return frozenset(chain.from_iterable((t.a, t.b) for t in ties))


_RECORDS = {  # the field of each kind of record
    RecordKind.GOAL: "goals", RecordKind.INTERACTION: "interactions",
    RecordKind.EXCHANGE: "exchanges", RecordKind.CADENCE: "cadences", RecordKind.VIEW: "views",
    RecordKind.SESSION: "sessions", RecordKind.REMOVAL: "removals",
}


@dataclass(slots=True)
class Network:
    """Every entity of one map, by id. Edits are the only writers (see ``relmap.core.edits``).

    Once built, a network changes only through :meth:`apply`, which bumps ``revision`` and
    drops what was derived from the old state (:meth:`derived`).
    """

    people: dict[PersonId, Person] = field(default_factory=dict)
    ties: dict[TieId, Tie] = field(default_factory=dict)
    spheres: dict[SphereId, Sphere] = field(default_factory=dict)
    goals: dict[GoalId, Goal] = field(default_factory=dict)
    interactions: dict[InteractionId, Interaction] = field(default_factory=dict)
    exchanges: dict[ExchangeId, Exchange] = field(default_factory=dict)
    cadences: dict[Tier, TierCadence] = field(default_factory=dict)
    views: dict[ViewId, SavedView] = field(default_factory=dict)
    sessions: dict[SessionId, MentorSession] = field(default_factory=dict)
    removals: dict[RemovalId, Removal] = field(default_factory=dict)
    revision: int = field(default=0, compare=False)
    _derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    _of_graph: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    _updaters: dict[str, Updater] = field(default_factory=dict, compare=False, repr=False)
    ids: IdRanges | None = field(default=None, compare=False, repr=False)
    # While a worker indexes everyone's ties (Document.read_log_soon), a look at someone
    # finds theirs by a pass over all ties (40 ms at 500,000) instead of building the index
    # beside it in the window's thread (1.3 s).
    ties_indexed_apart: bool = field(default=False, compare=False, repr=False)

    def apply(self, edit: Edit) -> ChangeSet:
        """Apply ``edit`` (all or nothing) and forget everything derived from the old state
        (nothing derived reads positions: what a move changes keeps it all)."""
        changes = None
        try:
            changes = edit.apply(self)
            return changes
        finally:
            self.revision += 1
            if changes is None or not changes.moves_only:
                self._forget(changes)

    def _forget(self, changes: ChangeSet | None) -> None:
        if changes is None:
            self._derived, self._of_graph, self._updaters = {}, {}, {}
            return
        derived, graph = dict(self._derived), dict(self._of_graph)  # as before ``changes``
        self._derived = self._updated(derived, self._derived, changes)
        if not changes.log_only:  # what reads only the graph outlives edits of the log
            self._of_graph = self._updated(graph, self._of_graph, changes)
        self._updaters = {key: update for key, update in self._updaters.items()
                          if key in self._derived or key in self._of_graph}

    def _updated(self, was: dict[str, object], cache: dict[str, object],
                 changes: ChangeSet) -> dict[str, object]:
        """What of ``was`` (``cache`` before ``changes``) its ``update`` functions bring up to
        date, and what an update derived anew meanwhile into ``cache``, of the network as it
        is now; the rest is built again when next asked for.

        What an update reads of the other results may be as it was before ``changes`` (the
        graph's are brought up to date after the others): it reads only those that
        ``changes`` leave as they were."""
        updaters = dict(self._updaters)  # an update may derive something anew meanwhile
        kept: dict[str, object] = {}
        for key, old in was.items():
            if (update := updaters.get(key)) is not None and (
                    new := update(self, old, changes)) is not None:
                kept[key] = new
        kept.update((key, value) for key, value in list(cache.items()) if key not in was)
        return kept

    def add_log(self, tables: Mapping[RecordKind, dict[Any, Any]]) -> None:
        """Put in the records of a log read after the map (by kind, by id), forgetting what
        was derived from the log without them; what only the graph shapes is kept.

        A table of a kind this network has no records of yet becomes its own, not a copy
        (a log of a million contacts, 45 MB and a tenth of a second less on the window's
        thread): the caller lets go of ``tables``.
        """
        for kind, table in tables.items():
            if records := self.records(kind):
                records.update(table)
            else:
                setattr(self, _RECORDS[kind], table)
        self.revision += 1
        self._derived = {}
        self._updaters = {key: u for key, u in self._updaters.items() if key in self._of_graph}

    def derived(self, key: str, build: Callable[[Network], T], *, graph_only: bool = False,
                update: Callable[[Network, T, ChangeSet], T | None] | None = None) -> T:
        """``build(self)``, computed once per revision: indexes, graph views, measures.

        ``build`` must not read positions: a move keeps every result. ``graph_only``
        declares that it reads people, ties and spheres but no records, so its result
        outlives edits of the log too (logging a contact does not recompute betweenness).
        ``update(network, old, changes)``, if given, brings the old result up to date after
        an edit (of the graph, for a ``graph_only`` one), or returns None to have it built
        again.
        """
        cache = self._of_graph if graph_only else self._derived
        if key not in cache:
            cache[key] = build(self)
            if update is not None:
                self._updaters[key] = update
        return cache[key]  # type: ignore[return-value]

    def has_derived(self, key: str) -> bool:
        """Whether :meth:`derived` has ``key`` for this revision (asking for it is free)."""
        return key in self._of_graph or key in self._derived

    def take_derived(self, copy: Network, *, log: bool = False) -> None:
        """Keep what ``copy``, a copy of this network as it still is (or the network this one
        is a copy of), derived from its graph: measured once, it is not measured again. With
        ``log``, what it derived from its log too (the log must be the same as well)."""
        # Each read in one step (list(...)): a worker takes them while the window may add
        # to them.
        updaters = dict(copy._updaters)
        taken = [(self._of_graph, list(copy._of_graph.items()))]
        if log:
            taken.append((self._derived, list(copy._derived.items())))
        for cache, items in taken:
            for key, value in items:
                cache.setdefault(key, value)
                if key in updaters:
                    self._updaters.setdefault(key, updaters[key])

    def record_keys(self) -> frozenset[RecordKey]:
        """Every record of the log, as (kind, id)."""
        return frozenset(chain.from_iterable(
            zip(repeat(kind), map(int, self.records(kind))) for kind in RecordKind))

    def records(self, kind: RecordKind) -> dict[Any, Any]:
        """The goals, interactions, exchanges or tier cadences, by id: the one registry of
        record kinds."""
        records: dict[Any, Any] = getattr(self, _RECORDS[kind])
        return records

    def table(self, kind: str) -> dict[Any, Any]:
        """The entities of one kind (see :data:`Key`), by id."""
        if kind == PERSON:
            return self.people
        if kind == TIE:
            return self.ties
        if kind == SPHERE:
            return self.spheres
        return self.records(RecordKind(kind))

    def entities(self, keys: Iterable[Key]) -> dict[Key, Any]:
        """The entity of each key as it is now; None for one not on the map."""
        tables: dict[str, dict[Any, Any]] = {}
        found: dict[Key, Any] = {}
        for key in keys:
            kind = key[0]
            table = tables.get(kind)
            if table is None:
                table = tables[kind] = self.table(kind)
            found[key] = table.get(key[1])
        return found

    def new_ids(self, kind: str, count: int = 1) -> list[int]:
        """``count`` ids for new entities of ``kind``: from the ranges the database set aside
        for this copy of the map, else (a map only in memory) after the highest."""
        used = self.table(kind).keys()
        if self.ids is not None:
            return self.ids.take(kind, used, count)
        start = max(used, default=0) + 1
        return list(range(start, start + count))

    def tie_added(self, tie: Tie) -> datetime:
        """When ``tie`` was put on the map (for ties stored without that day: when the later
        of its two people was)."""
        if tie.created is not None:
            return tie.created
        return max(self.people[tie.a].created, self.people[tie.b].created)

    @property
    def me(self) -> Person | None:
        me = self.derived(
            "me", lambda n: next((p.id for p in n.people.values() if p.is_me), None),
            graph_only=True)
        return None if me is None else self.people.get(me)

    def ties_of(self, person: PersonId) -> Iterator[Tie]:
        """The ties of ``person``, from an index kept up to date across edits (see
        ``ties_indexed_apart``)."""
        if self.ties_indexed_apart and not self.has_derived(_TIES.key):
            return (t for t in self.ties.values() if person in (t.a, t.b))
        return _TIES.of(self, person)

    def interactions_of(self, person: PersonId) -> Iterator[Interaction]:
        """The interactions ``person`` took part in, from an index kept up to date across
        edits: on a large map, a scan of a million contacts at every look at someone."""
        return _INTERACTIONS.of(self, person)

    def exchanges_of(self, person: PersonId) -> Iterator[Exchange]:
        """What ``person`` gave and received, from an index kept up to date across edits."""
        return _EXCHANGES.of(self, person)

    def know_indexes(self, indexes: Mapping[str, PeopleIndex], *, ties: bool = True) -> None:
        """Take the indexes :func:`index_apart` built of exactly this network's log, and of
        its ties unless not ``ties`` (they may have changed since), so that the first look at
        someone does not build them."""
        for by in (_TIES, _INTERACTIONS, _EXCHANGES) if ties else (_INTERACTIONS, _EXCHANGES):
            if by.key in indexes:
                self.derived(by.key, partial(_given, indexes[by.key]), update=by.update)

    def members(self, sphere: SphereId) -> frozenset[PersonId]:
        """The people in ``sphere``, from an index built once per revision."""
        return self.derived("members", _members, graph_only=True).get(sphere, frozenset())

    def next_person_id(self) -> PersonId:
        return PersonId(self.new_ids(PERSON)[0])

    def next_tie_id(self) -> TieId:
        return TieId(self.new_ids(TIE)[0])

    def next_sphere_id(self) -> SphereId:
        return SphereId(self.new_ids(SPHERE)[0])

    def validate(self) -> None:
        """Raise ValidationError unless every cross-reference and the "one me" rule hold."""
        mes = [p.id for p in self.people.values() if p.is_me]
        if self.people and len(mes) != 1:
            raise ValidationError(f"a map has exactly one 'me' (found {len(mes)})")
        for p in self.people.values():
            if p.introduced_by is not None and p.introduced_by not in self.people:
                raise ValidationError(f"{p.display_name} was introduced by an unknown person")
            if not p.spheres <= self.spheres.keys():
                raise ValidationError(f"{p.display_name} is in an unknown sphere")
        for t in self.ties.values():
            if t.a not in self.people or t.b not in self.people:
                raise ValidationError(f"tie {t.id} joins an unknown person")
        for i in self.interactions.values():
            if not i.participants <= self.people.keys():
                raise ValidationError(f"interaction {i.id} names an unknown person")
        for e in self.exchanges.values():
            if e.person not in self.people:
                raise ValidationError(f"exchange {e.id} names an unknown person")

    def copy(self, copied: Callable[[dict[Any, Any]], dict[Any, Any]] = dict) -> Network:
        """A copy of the map (its entities shared: they never change), each of its tables
        copied by ``copied`` (a worker's: :func:`relmap.core.turns.copied`)."""
        return Network(
            people=copied(self.people),
            ties=copied(self.ties),
            spheres=copied(self.spheres),
            goals=copied(self.goals),
            interactions=copied(self.interactions),
            exchanges=copied(self.exchanges),
            cadences=copied(self.cadences),
            views=copied(self.views),
            sessions=copied(self.sessions),
            removals=copied(self.removals),
            ids=self.ids,
        )


class IdRanges:
    """Ranges of ids the database set aside for one copy of a map: two windows or team
    members adding at the same moment never pick the same id.

    ``reserve(kind, count)`` sets aside ``count`` ids and returns the first. An id is taken
    after the highest one used in a range, so the same question asked twice of an unchanged
    map gets the same answer (an edit's undo names the ids its apply will take).
    """

    BLOCK = 1_000

    def __init__(self, reserve: Callable[[str, int], int]) -> None:
        self._reserve = reserve
        self._ranges: dict[str, list[range]] = {}

    def take(self, kind: str, used: Collection[int], count: int) -> list[int]:
        ranges = self._ranges.setdefault(kind, [])
        for r in ranges:
            # Its ids looked up from the top (a range is a block; a pass over 500,000 tie
            # ids took 50 ms of each tie added).
            top = next((i for i in reversed(r) if i in used), r.start - 1)
            if r.stop - 1 - top >= count:
                return list(range(top + 1, top + 1 + count))
        size = max(count, self.BLOCK)
        start = self._reserve(kind, size)
        ranges.append(range(start, start + size))
        return list(range(start, start + count))


# Each person's ties (or interactions, or exchanges) by id, in the order they came. An edit
# adds the ids it names under the people they now concern, and the ids of one that was gone or
# moved stay where they were: the lookups skip them, and see each id once.
PeopleIndex = dict[PersonId, list[int]]
_PATCHED_UP_TO = 1_000  # entities changed at once that an index takes in; more: built again


def _index(pairs: Iterable[tuple[PersonId, int]]) -> PeopleIndex:
    index: PeopleIndex = {}
    with bulk_objects():  # a list for each of 100,000 people
        for person, i in pairs:
            index.setdefault(person, []).append(i)
    return index


def _patched(old: PeopleIndex, pairs: Iterable[tuple[PersonId, int]]) -> PeopleIndex:
    """``old`` with ``pairs`` added: a new index (a copy of the network measured in the
    background reads the old one), sharing the lists of the people it leaves alone."""
    index = dict(old)
    copied: set[PersonId] = set()
    for person, i in pairs:
        if person not in copied:
            index[person] = list(index.get(person, ()))
            copied.add(person)
        index[person].append(i)
    return index


@dataclass(frozen=True)
class _ByPerson:
    """The index ``key`` of the entities of one ``table`` (ties, interactions, exchanges) by
    the ``people`` each concerns; ``changed`` names those of them a change set changed."""

    key: str
    table: Callable[[Network], Mapping[Any, Any]]
    changed: Callable[[ChangeSet], Collection[int]]
    people: Callable[[Any], Collection[PersonId]]

    def of(self, network: Network, person: PersonId) -> Iterator[Any]:
        """The entities that concern ``person``, each once."""
        index = network.derived(self.key, lambda n: self.build(self.table(n).values()),
                                update=self.update)
        table = self.table(network)
        return (e for i in dict.fromkeys(index.get(person, ()))
                if (e := table.get(i)) is not None and person in self.people(e))

    def build(self, entities: Iterable[Any]) -> PeopleIndex:
        return _index((p, e.id) for e in entities for p in self.people(e))

    def update(self, network: Network, old: PeopleIndex, changes: ChangeSet
               ) -> PeopleIndex | None:
        """``old`` brought up to date (see ``PeopleIndex``); None, to build it again. The
        ties index, once dropped at every edit, made the first look at someone after an edit
        on a map of 100,000 take 0.4 s more."""
        ids = self.changed(changes)
        if not ids:
            return old
        if len(ids) > _PATCHED_UP_TO:
            return None
        table = self.table(network)
        return _patched(old, ((p, e.id) for i in ids if (e := table.get(i))
                              for p in self.people(e)))


def _changed_records(kind: RecordKind) -> Callable[[ChangeSet], list[int]]:
    return lambda changes: [i for k, i in changes.records if k == kind]


_TIES = _ByPerson("ties_by_person", lambda n: n.ties, lambda c: c.ties, lambda t: (t.a, t.b))
_INTERACTIONS = _ByPerson("interactions_by_person", lambda n: n.interactions,
                          _changed_records(RecordKind.INTERACTION), lambda i: i.participants)
_EXCHANGES = _ByPerson("exchanges_by_person", lambda n: n.exchanges,
                       _changed_records(RecordKind.EXCHANGE), lambda e: (e.person,))


def _given(index: PeopleIndex, _network: Network) -> PeopleIndex:
    return index


def index_apart(ties: Iterable[Tie], tables: Mapping[RecordKind, Mapping[Any, Any]]
                ) -> dict[str, PeopleIndex]:
    """Each person's ties, interactions and exchanges, of a map's ties and its log read
    apart from it (in a worker: a second and a half on 100,000 people and a million
    contacts); see :meth:`Network.know_indexes`."""
    return {_TIES.key: _TIES.build(ties),
            _INTERACTIONS.key: _INTERACTIONS.build(tables.get(RecordKind.INTERACTION, {}).values()),
            _EXCHANGES.key: _EXCHANGES.build(tables.get(RecordKind.EXCHANGE, {}).values())}


def _members(network: Network) -> dict[SphereId, frozenset[PersonId]]:
    index: dict[SphereId, set[PersonId]] = {}
    for person in network.people.values():
        for sphere in person.spheres:
            index.setdefault(sphere, set()).add(person.id)
    return {sphere: frozenset(people) for sphere, people in index.items()}
