"""The repository: loads a whole network and commits each change as one transaction."""

from __future__ import annotations

import json
import logging
import os
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    String,
    delete,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.exc import DatabaseError, DBAPIError
from sqlalchemy.orm import Session

from relmap.core.bulk import bulk_objects
from relmap.core.edits import AddPeople, Edit
from relmap.core.i18n import tr
from relmap.core.ids import GoalId, InteractionId, PersonId
from relmap.core.merge import Adopt, Clash, ConflictError, Merged, News, Stamp, merge
from relmap.core.model import (
    Assessment,
    AssessmentChange,
    AssessmentField,
    Goal,
    Interaction,
    Person,
    RecordKind,
    Tie,
)
from relmap.core.network import PERSON, SPHERE, TIE, ChangeSet, IdRanges, Key, Network, RecordKey
from relmap.core.turns import wait_for_window
from relmap.store import rows
from relmap.store.database import CHANNEL, Database, refusals
from relmap.store.engine import mark, reading
from relmap.store.models import (
    AssessmentHistoryRow,
    AssessmentRow,
    ChangeRow,
    ContactPointRow,
    ExchangeRow,
    GoalNeedRow,
    GoalRow,
    IdBlockRow,
    InteractionParticipantRow,
    InteractionRow,
    MentorSessionRow,
    PersonRoleRow,
    PersonRow,
    RemovalRow,
    SavedViewRow,
    SphereMemberRow,
    SphereRow,
    TierCadenceRow,
    TieRow,
)
from relmap.store.positions import SKETCH_FROM, Sketch, read_sketch

log = logging.getLogger("relmap.store")
UNRATED = Assessment()


class Repository(Database):
    """One open database, read into a network. ``apply`` is the only way anything is
    written, but for the positions a layout of the whole map stores
    (:mod:`relmap.store.positions`)."""

    def __init__(self, target: str | os.PathLike[str], *, member: str | None = None) -> None:
        super().__init__(target, member=member)
        self._synced = Synced()
        self._mine: set[int] = set()  # the changes this copy wrote
        self._seen = 0  # the newest change this copy has looked at
        self._data_version: int | None = None
        self.merged: dict[int, Stamp] = {}  # the changes by others the last write merged with

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        self.need_writing()
        with refusals(), Session(self._engine) as session, session.begin():
            yield session

    def team_ratings(self, *people: PersonId) -> dict[PersonId, dict[str, Assessment]]:
        """Every member's ratings of ``people`` (or of everyone) on a team map, by person and
        member: the numbers, as notes stay each member's own. Empty for a map file."""
        if not self.team:
            return {}
        query = "SELECT person_id, member, trust_given, trust_received, quality, relevance " \
                "FROM team_rating"
        if people:
            query += f" WHERE person_id IN ({', '.join(str(int(p)) for p in people)})"
        found: defaultdict[PersonId, dict[str, Assessment]] = defaultdict(dict)
        with reading(self._engine) as conn:
            for pid, member, *ratings in conn.execute(text(query + " ORDER BY member")):
                found[PersonId(pid)][member] = Assessment(*ratings)
        return dict(found)

    def load(self, *, log: bool = True, progress: Progress | None = None,
             sketch: Sketcher | None = None) -> Network:
        """Read the whole network, people and ties in order of id (without the goals,
        interactions, exchanges, views, sessions and removals if not ``log``: on a big map
        they are most of the reading); a damaged map file is moved aside (KnownError).
        ``progress`` hears how far the reading got (done, to do) as it goes; ``sketch`` is
        given the map's sketch first if it has SKETCH_FROM people or more."""
        try:
            return self._load(log, progress, sketch)
        except DatabaseError as exc:
            raise self._refusal(exc) from exc

    def _load(self, log: bool, progress: Progress | None,
              sketch: Sketcher | None) -> Network:
        kinds = [k for k in _READERS if log or k in _GRAPH]
        with bulk_objects(), reading(self._engine) as conn:
            if sketch is not None and (conn.scalar(
                    select(func.count()).select_from(PersonRow.__table__)) or 0) >= SKETCH_FROM:
                sketch(read_sketch(conn))
            network = Network(ids=IdRanges(self._reserve))
            self._synced = Synced()
            with _reporting(progress, lambda: _rows_to_read(conn, kinds, self.who)):
                tables, known = self._read_tables(conn, kinds)
            for kind, table in tables.items():
                network.table(kind).update(table)
            self._synced.track(known)
            self._seen = conn.scalar(select(func.max(ChangeRow.id))) or 0
            self._data_version = _data_version(conn)
            conn.rollback()
        return network

    def read_log(self) -> LogRead:
        """The goals, interactions, exchanges, views, sessions and removals that
        ``load(log=False)`` left out, not yet put into a network (:meth:`take_log`): safe in a
        worker thread (on a connection of its own), while the GUI thread goes on with the
        map. What changed since the map was read comes with it, as it does with news."""
        try:
            with bulk_objects(), reading(self._engine) as conn:
                tables, known = self._read_tables(conn, [k for k in _READERS
                                                         if k not in _GRAPH])
                conn.rollback()
        except DatabaseError as exc:
            raise self._refusal(exc) from exc
        return LogRead({RecordKind(k): t for k, t in tables.items()}, known)

    def take_log(self, network: Network, read: LogRead) -> None:
        """Put a :meth:`read_log` into ``network`` (on the thread that owns it)."""
        network.add_log(read.tables)
        self._synced.track(read.known)

    def _read_tables(self, conn: Connection, kinds: list[str]
                     ) -> tuple[Tables, dict[str, Known]]:
        """Every entity of ``kinds`` by id, and each as read with its version, by kind."""
        tables, known = {}, {}
        for kind in kinds:
            versions = _Versions()
            table = tables[kind] = {e.id: e for e in _READERS[kind](conn, None, self.who,
                                                                     versions)}
            known[kind] = versions.known(table)
        return tables, known

    def apply(self, edit: Edit, network: Network, *, base: Mapping[Key, Any] | None = None,
              summary: str = "", undo: Edit | None = None) -> ChangeSet:
        """Apply ``edit`` to ``network`` and commit it; on failure both stay as they were
        (``undo``: its inverse, if the caller worked it out already; on a large map, finding
        what removing someone takes with them reads the whole log).

        What someone else changed meanwhile is merged in (see :meth:`write`); a clash raises
        :class:`ConflictError` and stores nothing.
        """
        undo = edit.inverse(network) if undo is None else undo
        changes = network.apply(edit)
        try:
            merged = self.write(network, changes, base=base, summary=summary)
        except BaseException:
            network.apply(undo)
            raise
        return changes | merged

    def write(self, network: Network, changes: ChangeSet, *,
              base: Mapping[Key, Any] | None = None, summary: str = "") -> ChangeSet:
        """Commit the state of everything ``changes`` names, as it is in ``network``.

        Each entity is checked against the version this copy last read or wrote. One that
        someone else changed since is merged field by field (from ``base``, else from what
        this copy last read) and the merge is put into ``network``: the change set returned
        names what the merge changed there. A field both changed, or an entity one side
        deleted while the other changed it, raises :class:`ConflictError` and stores nothing.
        """
        grouped = changes.by_kind()
        with self._transaction() as session:
            change = self.log_change(session.connection(), grouped, summary)
            stored = _stored_versions(session, grouped)
            merged = self._merge(session, network, grouped, stored, base or {})
            adopted = network.apply(Adopt(merged)) if merged else ChangeSet()
            self._write_spheres(session, network, changes.spheres, stored, change)
            self._write_people(session, network, changes.people, stored, change)
            self._write_positions(session, network, changes.positions - changes.people,
                                  change)
            self._write_ties(session, network, changes, stored, change)
            self._write_records(session, network, changes.records, stored, change)
            _insert(
                session,
                AssessmentHistoryRow,
                ("person_id", "field", "old", "new", "at", "member"),
                [(h.person, h.field.value, h.old, h.new, h.at, self.who or "")
                 for h in changes.history],
            )
        self._mine.add(change)
        self._synced.record(network, grouped, change)
        return adopted

    def listen(self) -> Listener | None:
        """A connection told of every change committed to a server map (None for a file)."""
        if not self.team:
            return None
        cargs, cparams = self._engine.dialect.create_connect_args(self._engine.url)
        try:
            connection = self._engine.dialect.dbapi.connect(*cargs, **cparams)  # type: ignore[union-attr]
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except Exception as exc:
            log.info("cannot listen for changes: %s", exc)
            return None
        return Listener(connection)

    def _merge(self, session: Session, network: Network, grouped: Grouped, stored: Stored,
               base: Mapping[Key, Any]) -> dict[Key, Any]:
        """Three-way merge of each entity someone else changed since this copy read it, and
        of each one ``base`` says this copy changed from elsewhere (an undo)."""
        self.merged = {}
        synced = self._synced
        unseen = self._unseen_ties(session, network, grouped)
        moved = synced.moved(grouped, stored) | unseen.keys()
        stale = moved | {k for k, v in base.items()
                         if k[1] in grouped.get(k[0], ()) and v != synced.entity(k)}
        if not stale:
            return {}
        theirs = {k: synced.entity(k) for k in stale - moved} | _read_entities(session, moved,
                                                                              self.who)
        merged: dict[Key, Any] = {}
        clashes: list[tuple[Key, Clash]] = []
        for k in sorted(stale):
            mine = network.table(k[0]).get(k[1])
            result = merge(base.get(k, synced.entity(k)), mine, theirs[k])
            if k in unseen and not result.clashes:  # deleting them would take those ties
                result = Merged(theirs[k], (Clash("", synced.entity(k), None, theirs[k]),))
            clashes += [(k, c) for c in result.clashes]
            if result.value != mine:
                merged[k] = result.value
        versions = {k: stored.get(k[0], {}).get(k[1]) for k in theirs} | unseen
        self.merged = _stamps(session, {v for k, v in versions.items() if k in merged and v})
        if clashes:
            keys = [(kind, i) for kind, ids in grouped.items() for i in ids]
            planned = network.entities(keys) | merged
            gone = [k for k, _ in clashes if theirs[k] is None]
            versions |= _removed_by(session, gone)
            clashed = {v for k, _ in clashes if (v := versions.get(k))}
            raise ConflictError(planned, clashes, theirs, versions, _stamps(session, clashed))
        return merged

    def _unseen_ties(self, session: Session, network: Network, grouped: Grouped
                     ) -> dict[Key, int]:
        """People this write removes who have a tie this copy never saw (added elsewhere
        meanwhile), each with the version of such a tie."""
        gone = {i for i in grouped.get(PERSON, ()) if i not in network.people}
        if not gone or not self._synced.tracks(TIE):
            return {}
        found: dict[Key, int] = {}
        for chunk in _chunks(sorted(gone)):
            query = select(TieRow.id, TieRow.a_id, TieRow.b_id, TieRow.version).where(
                or_(TieRow.a_id.in_(chunk), TieRow.b_id.in_(chunk)))
            for tid, a, b, version in session.execute(query):
                if self._synced.version((TIE, tid)) is None:
                    found.update(((PERSON, p), version) for p in (a, b) if p in gone)
        return found

    def settle(self, network: Network, conflict: ConflictError, resolved: Mapping[Key, Any],
               summary: str) -> ChangeSet:
        """Store ``resolved`` (each key of a clashing edit as the user chose) on top of what
        ``conflict`` found stored; a newer change raises ConflictError again."""
        self._synced.update(conflict.theirs, conflict.versions)
        return self.apply(Adopt(resolved), network, summary=summary)

    def news(self) -> News | None:
        """What others committed since this copy last looked (None: nothing). This copy's
        record of what is stored moves on with it: adopt ``entities`` into the network."""
        with reading(self._engine) as conn:
            version = _data_version(conn)
            if version is not None and version == self._data_version:
                return None
            self._data_version = version
            query = select(ChangeRow.id, ChangeRow.member, ChangeRow.at, ChangeRow.summary,
                           ChangeRow.keys).where(ChangeRow.id > self._seen).order_by(ChangeRow.id)
            theirs = [r for r in conn.execute(query) if r.id not in self._mine]
            self._seen = max([self._seen, *(r.id for r in theirs)])
            grouped: defaultdict[str, set[int]] = defaultdict(set)
            for r in theirs:
                for kind, ids in json.loads(r.keys).items():
                    grouped[kind].update(ids)
            stored = _stored_versions(conn, grouped)
            moved = self._synced.moved(grouped, stored)
            entities = _read_entities(conn, moved, self.who)
            conn.rollback()
        if not moved:
            return None
        self._synced.update(entities, {k: stored.get(k[0], {}).get(k[1]) for k in moved})
        return News(entities, tuple(Stamp(r.member, r.at, r.summary) for r in theirs))

    def last_change(self, key: Key) -> Stamp | None:
        """Who last wrote ``key`` (None: not known, or written before changes were kept)."""
        version = self._synced.version(key)
        if not version:
            return None
        with reading(self._engine) as conn:
            return _stamps(conn, [version]).get(version)

    def recent_changes(self, limit: int = 200) -> list[Stamp]:
        """The newest changes to the map by anyone, newest first."""
        query = (select(ChangeRow.member, ChangeRow.at, ChangeRow.summary)
                 .order_by(ChangeRow.id.desc()).limit(limit))
        with reading(self._engine) as conn:
            return [Stamp(*r) for r in conn.execute(query)]

    def _reserve(self, kind: str, count: int) -> int:
        """Set aside ``count`` new ids of ``kind`` for this copy; returns the first."""
        model = VERSIONED[kind]
        with self._transaction() as session:
            highest = session.scalar(select(func.max(model.id))) or 0
            block = session.get(IdBlockRow, str(kind), with_for_update=True)
            if block is None:
                block = IdBlockRow(kind=str(kind), next=1)
                session.add(block)
            start = max(block.next, highest + 1)
            block.next = start + count
        return int(start)

    def history(self, *people: PersonId) -> list[AssessmentChange]:
        """The rating changes of ``people``, or of everyone, oldest first."""
        query = select(AssessmentHistoryRow).order_by(AssessmentHistoryRow.at,
                                                      AssessmentHistoryRow.id)
        if people:
            query = query.where(AssessmentHistoryRow.person_id.in_(people))
        if self.who is not None:
            query = query.where(AssessmentHistoryRow.member == self.who)
        with reading(self._engine) as conn:
            return [
                AssessmentChange(PersonId(r.person_id), AssessmentField(r.field), r.old, r.new,
                                 r.at)
                for r in conn.execute(query)
            ]

    def _write_spheres(self, session: Session, network: Network, ids: Collection[Any],
                       stored: Stored, change: int) -> None:
        if not ids:
            return
        present = [network.spheres[s] for s in ids if s in network.spheres]
        _delete(session, SphereRow.id, [s for s in ids if s not in network.spheres])
        _upsert(session, SphereRow, rows.SPHERE_COLUMNS, [rows.sphere_row(s) for s in present],
                stored, change)

    def _write_people(self, session: Session, network: Network, ids: Collection[Any],
                      stored: Stored, change: int) -> None:
        if not ids:
            return
        present: list[Person] = [network.people[p] for p in ids if p in network.people]
        gone = [p for p in ids if p not in network.people]
        _delete(session, PersonRow.id, gone)
        # Who introduced whom is set once everyone is in: an introducer may come later in
        # ``present`` (restoring two deleted people, one of whom introduced the other).
        referred = [(p.id, p.introduced_by) for p in present if p.introduced_by is not None]
        who = self.who
        values = [rows.person_row(replace(p, introduced_by=None) if p.introduced_by else p)
                  for p in present]
        if who is not None:  # the notes are each member's own, kept with their ratings
            values = [(*v[:_NOTES], "", *v[_NOTES + 1:]) for v in values]
        existing = _upsert(session, PersonRow, rows.PERSON_COLUMNS, values, stored, change)
        _update(session, PersonRow, ("id", "introduced_by"), referred)
        keys = [p.id for p in present if p.id in existing]  # new people have no child rows
        for table in (ContactPointRow, PersonRoleRow, SphereMemberRow):
            _delete(session, table.person_id, keys)
        _delete(session, AssessmentRow.person_id, keys, AssessmentRow.member == (who or ""))
        contacts = [c for p in present if p.emails or p.phones for c in rows.contact_rows(p)]
        _insert(session, ContactPointRow, rows.CONTACT_COLUMNS, contacts)
        roles = [(p.id, r.value) for p in present for r in sorted(p.roles)]
        _insert(session, PersonRoleRow, ("person_id", "role"), roles)
        members = [(p.id, s) for p in present for s in sorted(p.spheres)]
        _insert(session, SphereMemberRow, ("person_id", "sphere_id"), members)
        # No row means unrated: most imported people have no ratings yet.
        rated = [(*rows.assessment_row(p), who or "", p.notes if who is not None else "")
                 for p in present if p.assessment != UNRATED or (who is not None and p.notes)]
        _insert(session, AssessmentRow, (*rows.ASSESSMENT_COLUMNS, "member", "notes"), rated)

    def _write_positions(self, session: Session, network: Network, ids: Collection[Any],
                         change: int) -> None:
        people = [network.people[i] for i in ids]
        _update(session, PersonRow, ("id", "x", "y", "pinned", "version"),
                [(p.id, p.x, p.y, p.pinned, change) for p in people])

    def _write_ties(self, session: Session, network: Network, changes: ChangeSet,
                    stored: Stored, change: int) -> None:
        if not changes.ties:
            return
        gone = [t for t in changes.ties if t not in network.ties]
        _delete(session, TieRow.id, gone)
        present = [network.ties[t] for t in changes.ties if t in network.ties]
        _upsert(session, TieRow, rows.TIE_COLUMNS, [rows.tie_row(t) for t in present], stored,
                change)

    def _write_records(self, session: Session, network: Network, keys: Collection[RecordKey],
                       stored: Stored, change: int) -> None:
        tables: dict[RecordKind, tuple[Any, tuple[str, ...], Any]] = {
            RecordKind.GOAL: (GoalRow, rows.GOAL_COLUMNS, rows.goal_row),
            RecordKind.INTERACTION: (InteractionRow, rows.INTERACTION_COLUMNS,
                                     rows.interaction_row),
            RecordKind.EXCHANGE: (ExchangeRow, rows.EXCHANGE_COLUMNS, rows.exchange_row),
            RecordKind.CADENCE: (TierCadenceRow, rows.CADENCE_COLUMNS, rows.cadence_row),
            RecordKind.VIEW: (SavedViewRow, rows.VIEW_COLUMNS, rows.view_row),
            RecordKind.SESSION: (MentorSessionRow, rows.SESSION_COLUMNS, rows.session_row),
            RecordKind.REMOVAL: (RemovalRow, rows.REMOVAL_COLUMNS, rows.removal_row),
        }
        for kind, (table, columns, to_row) in tables.items():
            records = network.records(kind)
            ids = [rid for k, rid in keys if k == kind]
            _delete(session, table.id, [rid for rid in ids if rid not in records])
            present = [records[rid] for rid in ids if rid in records]
            _upsert(session, table, columns, list(map(to_row, present)), stored, change)
        goals = [GoalId(rid) for k, rid in keys if k == RecordKind.GOAL]
        _delete(session, GoalNeedRow.goal_id, goals)
        _insert(session, GoalNeedRow, ("goal_id", "kind", "ref"),
                [row for g in goals if g in network.goals
                 for row in rows.goal_need_rows(network.goals[g])])
        meetings = [InteractionId(rid) for k, rid in keys if k == RecordKind.INTERACTION]
        _delete(session, InteractionParticipantRow.interaction_id, meetings)
        held = [network.interactions[i] for i in meetings if i in network.interactions]
        _insert(session, InteractionParticipantRow, rows.PARTICIPANT_COLUMNS,
                [(i.id, p) for i in held for p in sorted(i.participants)])


Values = list[tuple[Any, ...]]
_NOTES = rows.PERSON_COLUMNS.index("notes")


@dataclass(frozen=True)
class LogRead:
    """A map's relationship log as read (see :meth:`Repository.read_log`): the records of
    each kind and the version each was read with."""

    tables: dict[RecordKind, dict[Any, Any]]  # each kind's records by id
    known: dict[str, Known]  # each as read, with its version


class Listener:
    """A server connection that hears of changes: watch ``fileno()``, then ``drain()``."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def drain(self) -> int:
        """Read what arrived; returns how many changes were told of."""
        try:
            return sum(1 for _ in self._connection.notifies(timeout=0))
        except Exception as exc:
            log.info("listening stopped: %s", exc)
            return 0

    def close(self) -> None:
        self._connection.close()


class Synced:
    """What this copy last read or wrote of each entity, with the version stored then: the
    base of every merge."""

    def __init__(self) -> None:
        """Tracking nothing yet: see :meth:`track`."""
        self._kinds: dict[str, Known] = {}

    def track(self, known: Mapping[str, Known]) -> None:
        """Track these kinds too, each as read."""
        self._kinds.update(known)

    def tracks(self, kind: str) -> bool:
        return kind in self._kinds

    def entity(self, key: Key) -> Any:
        return self._get(key)[0]

    def version(self, key: Key) -> int | None:
        return self._get(key)[1]

    def _get(self, key: Key) -> tuple[Any, int | None]:
        known = self._kinds.get(key[0])
        return (None, None) if known is None else known.get(key[1])

    def moved(self, grouped: Grouped, stored: Stored) -> set[Key]:
        """The entities whose stored version is not the one this copy last read or wrote."""
        moved: set[Key] = set()
        for kind, ids in grouped.items():
            if kind in self._kinds:
                mine, now = self._kinds[kind], stored.get(kind, {})
                moved.update((kind, i) for i in ids if now.get(i) != mine.get(i)[1])
        return moved

    def record(self, network: Network, grouped: Grouped, version: int) -> None:
        """Note each entity of ``grouped`` as ``network`` has it, stored with ``version``."""
        for kind, ids in grouped.items():
            table = network.table(kind)
            for i in ids:
                self._note(kind, i, table.get(i), version)

    def update(self, entities: Mapping[Key, Any], version: Mapping[Key, int | None]) -> None:
        """Note ``entities`` (None: gone) as stored with each one's ``version``."""
        for (kind, i), value in entities.items():
            self._note(kind, i, value, version.get((kind, i)))

    def _note(self, kind: str, i: int, value: Any, version: int | None) -> None:
        if kind in self._kinds:
            self._kinds[kind].note(i, value, version)


class Known:
    """One kind of entity as this copy last read or wrote it, each with its stored version.

    What was read at once stays in arrays sorted by id, a few bytes an entity (as
    dictionaries they took 140 MB for a map of 100,000 people and its log); what was noted
    since, in a dictionary.
    """

    def __init__(self, ids: array[int], versions: array[int], values: list[Any]) -> None:
        """``values[k]`` was read with ``versions[k]``; ``ids`` ascending."""
        self._ids, self._versions, self._values = ids, versions, values
        self._since: dict[int, tuple[Any, int | None]] = {}

    def get(self, i: int) -> tuple[Any, int | None]:
        """The entity ``i`` and its version; (None, None) if gone or never known."""
        if (noted := self._since.get(i)) is not None:
            return noted
        k = bisect_left(self._ids, i)
        if k < len(self._ids) and self._ids[k] == i:
            return self._values[k], self._versions[k]
        return None, None

    def note(self, i: int, value: Any, version: int | None) -> None:
        """``value`` (None: gone) as stored with ``version``."""
        self._since[i] = (None, None) if value is None or version is None else (value, version)


def _read(conn: Connection | Session, model: Any, columns: tuple[str, ...], order: str = "",
          ids: list[int] | None = None, by: str = "id", member: str | None = None,
          versions: _Versions | None = None) -> Iterator[tuple[Any, ...]]:
    """Every row of a table as tuples of ``columns``; only those whose ``by`` is one of
    ``ids`` if given, and of ``member`` if given; read as they are used (:func:`_fetch`).
    ``versions``, if given, takes each row's id (the first of ``columns``) and version, read
    with it: the rows then come in order of id."""
    table = model.__table__
    if versions is not None:
        columns, order = (*columns, "version"), "id"
    query = select(*(table.c[c] for c in columns))
    if order:
        query = query.order_by(table.c[order])
    if member is not None:
        query = query.where(table.c.member == member)
    if isinstance(conn, Session):
        conn = conn.connection()
    queries = [query] if ids is None else [query.where(table.c[by].in_(chunk))
                                           for chunk in _chunks(ids)]
    return chain.from_iterable(batch for each in queries
                               for batch in _fetch(conn, each, versions))


def _fetch(conn: Connection, query: Select[Any], versions: _Versions | None
           ) -> Iterator[Values]:
    """The rows of ``query`` as lists of plain tuples, fetched from the driver a few thousand
    at a time and converted from what it gives for each column's type (:func:`_converted`);
    their last column taken off into ``versions`` if given.

    A whole log's rows at once would double its memory for a moment, and leave what it was
    read into scattered between what is kept.
    """
    result = conn.execute(query)
    cursor, driver, dialect = result.cursor, conn.dialect.loaded_dbapi, conn.dialect
    try:
        converters = []
        for i, (column, described) in enumerate(
                zip(query.selected_columns, cursor.description, strict=True)):
            process = column.type.dialect_impl(dialect).result_processor(dialect, described[1])
            if process is not None:
                converters.append((i, _Memo(process, _MEMO_VALUES).column))
            elif isinstance(column.type, String):  # texts: shared too
                converters.append((i, _Shared(_MEMO_VALUES).column))
        tick, cost = _TICK.get(), 1  # a row of two columns costs 1
        if tick is not None and len(query.selected_columns) > 2:
            cost = _ROW_COST.get(getattr(query.get_final_froms()[0], "name", ""), 1)
        while fetched := cursor.fetchmany(_FETCH_ROWS):
            wait_for_window()  # a log read beside the window pauses while a drag is under way
            if tick is not None:
                tick(cost * len(fetched))
            yield _converted(fetched, converters, versions)
    except driver.Error as exc:  # as SQLAlchemy would have raised it
        raise DBAPIError.instance(None, None, exc, driver.Error) from exc
    finally:
        result.close()


_FETCH_ROWS = 20_000
Progress = Callable[[int, int], None]  # (done, to do) of the reading
Sketcher = Callable[[Sketch], None]  # given a large map's sketch before it is read
_TICK: ContextVar[Callable[[int], None] | None] = ContextVar("_TICK", default=None)
# What reading a row costs, in rows of a version: a person is built of many columns and of
# rows of other tables, a tie of a few columns.
_ROW_COST = {"person": 20, "tie": 4}


@contextmanager
def _reporting(progress: Progress | None, total: Callable[[], int]) -> Iterator[None]:
    """Tell ``progress`` of the rows :func:`_fetch` reads meanwhile, each by its cost, out
    of ``total()`` (passed if a server map gained rows since it was counted); at the end,
    that all are read."""
    if progress is None:
        yield
        return
    expected, done = total(), 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        progress(done, expected)

    token = _TICK.set(tick)
    try:
        yield
    finally:
        _TICK.reset(token)
    progress(expected, expected)


def _rows_to_read(conn: Connection, kinds: Collection[str], who: str | None) -> int:
    """What reading ``kinds`` costs: their tables' rows (``who``'s ratings; each table
    counted once)."""
    @cache
    def rows(model: Any) -> int:
        query = select(func.count()).select_from(model.__table__)
        if model is AssessmentRow and who is not None:
            query = query.where(AssessmentRow.member == who)
        return conn.scalar(query) or 0

    total = 0
    for kind in kinds:
        for model in _TABLES.get(kind, (VERSIONED[kind],)):
            total += rows(model) * _ROW_COST.get(model.__tablename__, 1)
    return total


# (connection, the ids to read or None for all, whose ratings or None for a map file's,
# what takes each one's version if wanted)
Reader = Callable[[Connection | Session, list[int] | None, str | None, "_Versions | None"],
                  Iterable[Any]]


def _people(conn: Connection | Session, ids: list[int] | None, who: str | None,
            versions: _Versions | None) -> list[Person]:
    """People with ``who``'s ratings and private notes (None: a map file's, the notes on the
    person)."""
    mine = list(_read(conn, AssessmentRow, (*rows.ASSESSMENT_COLUMNS, "notes"), ids=ids,
                      by="person_id", member=who))
    people = rows.to_people(
        _read(conn, PersonRow, rows.PERSON_COLUMNS, "id", ids, versions=versions),
        _read(conn, ContactPointRow, rows.CONTACT_COLUMNS, "position", ids, "person_id"),
        _read(conn, PersonRoleRow, ("person_id", "role"), ids=ids, by="person_id"),
        _read(conn, SphereMemberRow, ("person_id", "sphere_id"), ids=ids, by="person_id"),
        [r[:-1] for r in mine],
    )
    if who is None:
        return people
    notes = {r[0]: r[-1] for r in mine}
    return [replace(p, notes=notes.get(p.id, "")) for p in people]


def _goals(conn: Connection | Session, ids: list[int] | None, _who: str | None,
           versions: _Versions | None) -> list[Goal]:
    needs: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    for goal, what, ref in _read(conn, GoalNeedRow, ("goal_id", "kind", "ref"), ids=ids,
                                 by="goal_id"):
        needs[goal].append((what, ref))
    return [rows.to_goal(r, needs[r[0]]) for r in _read(conn, GoalRow, rows.GOAL_COLUMNS,
                                                         ids=ids, versions=versions)]


def _interactions(conn: Connection | Session, ids: list[int] | None, _who: str | None,
                  versions: _Versions | None) -> list[Interaction]:
    # Both in order of the interaction, so that each finds its people as they come: one
    # set for each group of people that meets, since most contacts repeat the same few.
    ids = None if ids is None else sorted(ids)
    groups = _Memo(frozenset)
    met = groupby(_read(conn, InteractionParticipantRow, rows.PARTICIPANT_COLUMNS,
                        "interaction_id", ids, "interaction_id"), key=itemgetter(0))
    meeting, people = next(met, (None, iter(())))
    found = []
    for values in _read(conn, InteractionRow, rows.INTERACTION_COLUMNS, "id", ids,
                        versions=versions):
        while meeting is not None and meeting < values[0]:
            meeting, people = next(met, (None, iter(())))
        who = tuple(sorted(p for _, p in people)) if meeting == values[0] else ()
        found.append(rows.to_interaction(values, groups[who]))
    return found


def _plain(model: Any, columns: tuple[str, ...], convert: Callable[[Any], Any]) -> Reader:
    def read(conn: Connection | Session, ids: list[int] | None, _who: str | None,
             versions: _Versions | None) -> Iterable[Any]:
        return map(convert, _read(conn, model, columns, ids=ids, versions=versions))
    return read


def _ties(conn: Connection | Session, ids: list[int] | None, _who: str | None,
          versions: _Versions | None) -> list[Tie]:
    return rows.to_ties(_read(conn, TieRow, rows.TIE_COLUMNS, "id", ids, versions=versions))


_READERS: dict[str, Reader] = {  # in the order a network is built
    SPHERE: _plain(SphereRow, rows.SPHERE_COLUMNS, rows.to_sphere),
    PERSON: _people,
    TIE: _ties,
    RecordKind.GOAL: _goals,
    RecordKind.INTERACTION: _interactions,
    RecordKind.EXCHANGE: _plain(ExchangeRow, rows.EXCHANGE_COLUMNS, rows.to_exchange),
    RecordKind.CADENCE: _plain(TierCadenceRow, rows.CADENCE_COLUMNS, rows.to_cadence),
    RecordKind.VIEW: _plain(SavedViewRow, rows.VIEW_COLUMNS, rows.to_view),
    RecordKind.SESSION: _plain(MentorSessionRow, rows.SESSION_COLUMNS, rows.to_session),
    RecordKind.REMOVAL: _plain(RemovalRow, rows.REMOVAL_COLUMNS, rows.to_removal),
}
VERSIONED: dict[str, Any] = {  # each kind of entity and its table
    SPHERE: SphereRow, PERSON: PersonRow, TIE: TieRow, RecordKind.GOAL: GoalRow,
    RecordKind.INTERACTION: InteractionRow, RecordKind.EXCHANGE: ExchangeRow,
    RecordKind.CADENCE: TierCadenceRow, RecordKind.VIEW: SavedViewRow,
    RecordKind.SESSION: MentorSessionRow, RecordKind.REMOVAL: RemovalRow,
}
KIND_OF = {model: kind for kind, model in VERSIONED.items()}
_GRAPH = (SPHERE, PERSON, TIE)  # what a layout reads
_TABLES: dict[str, tuple[Any, ...]] = {  # what each reader reads, where it is not one table
    PERSON: (PersonRow, AssessmentRow, ContactPointRow, PersonRoleRow, SphereMemberRow),
    RecordKind.GOAL: (GoalRow, GoalNeedRow),
    RecordKind.INTERACTION: (InteractionRow, InteractionParticipantRow),
}
Grouped = Mapping[str, Collection[int]]  # ids by kind of entity
Tables = dict[str, dict[Any, Any]]  # entities by id, by kind
Stored = Mapping[str, Mapping[int, int]]  # the stored version of each entity, by kind


def _read_entities(conn: Connection | Session, keys: Collection[Key], who: str | None
                   ) -> dict[Key, Any]:
    """The stored entity of each key (people with ``who``'s ratings); None for one that is
    not stored."""
    wanted: defaultdict[str, list[int]] = defaultdict(list)
    for kind, i in keys:
        wanted[kind].append(i)
    found: dict[Key, Any] = dict.fromkeys(keys)
    for kind, ids in wanted.items():
        found.update(((kind, int(e.id)), e) for e in _READERS[kind](conn, ids, who, None))
    return found


class _Versions:
    """The id and stored version of each row of a kind of entity, in order of id, as its
    reader reads them (:func:`_read`): read with the rows, not in another pass over the
    table (0.6-1 s of opening a map of 100,000 people)."""

    def __init__(self) -> None:
        self.ids, self.versions = array("q"), array("q")

    def take(self, columns: list[tuple[Any, ...]]) -> None:
        """Note the ids (the first of ``columns``) and versions (the last), taken off."""
        self.ids.extend(columns[0])
        self.versions.extend(columns.pop())

    def known(self, table: Mapping[Any, Any]) -> Known:
        """Each entity of ``table`` (by id, as read) with its version."""
        return Known(self.ids, self.versions, list(map(table.__getitem__, self.ids)))


def _stored_versions(conn: Connection | Session, grouped: Grouped) -> dict[str, dict[int, int]]:
    """The stored version of each entity of ``grouped`` that is stored, by kind."""
    found: dict[str, dict[int, int]] = {}
    for kind, ids in grouped.items():
        if not ids:
            continue
        model, wanted = VERSIONED[kind], set(ids)
        low, high = min(ids), max(ids)
        if high - low < _DENSE * len(wanted):
            # One range query: a long IN list costs more to build than the ids it returns.
            queries = [select(model.id, model.version).where(model.id.between(low, high))]
        else:  # a few ids far apart (a person's contacts in a long log): each looked up
            queries = [select(model.id, model.version).where(model.id.in_(chunk))
                       for chunk in _chunks(sorted(wanted))]
        found[kind] = {i: v for query in queries for i, v in conn.execute(query) if i in wanted}
    return found


_DENSE = 4  # ids spread over at most this many times their number are read as one range


def _stamps(conn: Connection | Session, changes: Collection[int]) -> dict[int, Stamp]:
    """Who made each of ``changes``, when, and what it was."""
    query = select(ChangeRow.id, ChangeRow.member, ChangeRow.at, ChangeRow.summary)
    return {i: Stamp(member, at, summary) for chunk in _chunks(sorted(changes))
            for i, member, at, summary in conn.execute(query.where(ChangeRow.id.in_(chunk)))}


def _removed_by(session: Session, keys: list[Key]) -> dict[Key, int]:
    """The change that removed each person or tie of ``keys``, as its removal records it."""
    found: dict[Key, int] = {}
    for kind, ref in keys:
        if kind in (PERSON, TIE):
            query = (select(RemovalRow.version).where(RemovalRow.kind == kind,
                                                      RemovalRow.ref == ref)
                     .order_by(RemovalRow.removed.desc()).limit(1))
            if version := session.scalar(query):
                found[kind, ref] = version
    return found


def _data_version(conn: Connection) -> int | None:
    """SQLite's counter of commits made by other connections (None on a server)."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar() or 0)


def _upsert(session: Session, model: Any, columns: tuple[str, ...], values: Values,
            stored: Stored, change: int) -> set[int]:
    """Update the rows that exist (by id, the first column) and insert the others, each with
    ``change`` as its version.

    Returns the ids that existed.
    """
    if not values:
        return set()
    kind = KIND_OF[model]
    known = stored.get(kind, {})
    existing = {v[0] for v in values if v[0] in known}
    columns, values = (*columns, "version"), [(*v, change) for v in values]
    if existing:
        _update(session, model, columns, [v for v in values if v[0] in existing])
        values = [v for v in values if v[0] not in existing]
    _insert(session, model, columns, values)
    return existing


def _insert(session: Session, model: Any, columns: tuple[str, ...], values: Values) -> None:
    """Insert rows as one driver-level executemany (SQLAlchemy's builds parameters row by
    row, which was most of the cost of a large import)."""
    if not values:
        return
    connection = session.connection()
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(model.__tablename__)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join([mark(connection)] * len(columns))})"
    )
    connection.exec_driver_sql(sql, _bound(connection, model, columns, values))


def _update(session: Session, model: Any, columns: tuple[str, ...], values: Values) -> None:
    """Update rows by id (the first column), as one driver-level executemany."""
    if not values:
        return
    connection = session.connection()
    quote, at = connection.dialect.identifier_preparer.quote, mark(connection)
    sql = (
        f"UPDATE {quote(model.__tablename__)} SET "
        f"{', '.join(f'{quote(c)} = {at}' for c in columns[1:])} WHERE id = {at}"
    )
    bound = _bound(connection, model, columns, values)
    connection.exec_driver_sql(sql, [(*v[1:], v[0]) for v in bound])


def _bound(connection: Connection, model: Any, columns: tuple[str, ...], values: Values) -> Values:
    """``values`` with each column converted as the dialect stores its type."""
    dialect = connection.dialect
    table = model.__table__
    return _converted(values, [
        (i, _Memo(process).column) for i, name in enumerate(columns)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))])


def _converted(values: Sequence[tuple[Any, ...]],
               converters: Sequence[tuple[int, Callable[[tuple[Any, ...]], tuple[Any, ...]]]],
               versions: _Versions | None = None) -> Values:
    """``values`` with column ``i`` converted by ``convert`` for each ``(i, convert)``,
    column by column; the last column taken off into ``versions`` if given."""
    if (versions is None and not converters) or not values:
        return list(values)
    # Taken apart a column at a time: zip(*values) of thousands of rows took twice as long
    # (500,000 ties: 1.3-1.9 s against 0.7-0.8 s)
    by_column = [tuple(map(itemgetter(i), values)) for i in range(len(values[0]))]
    if versions is not None:
        versions.take(by_column)
    for i, convert in converters:
        by_column[i] = convert(by_column[i])
    return list(zip(*by_column, strict=True))


class _Memo(dict[Any, Any]):
    """``process(value)`` for each distinct value, computed once and then shared: a map
    repeats the same few values (a day, a flag, a source, a town) across thousands of rows.
    With a ``limit``, it keeps at most that many, so that a column of names or notes, each
    different, costs no memory."""

    def __init__(self, process: Callable[[Any], Any], limit: int | None = None) -> None:
        super().__init__()
        self.process = process
        self.limit = limit

    def __missing__(self, value: Any) -> Any:
        result = self.process(value)
        if self.limit is None or len(self) < self.limit:
            self[value] = result
        return result

    def column(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """``values``, each processed."""
        return tuple(map(self.__getitem__, values))


class _Shared(dict[Any, Any]):
    """Equal values of a column kept as one object (a town, a source), as :class:`_Memo`
    without a process: by the dictionary's own ``setdefault``, at no Python call per value
    (0.1-0.2 s of reading 100,000 people, whose names are all different). At most ``limit`` are
    remembered: full, it starts afresh before the next batch of rows."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def column(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """``values``, each the first of its equals this one has seen."""
        if len(self) >= self.limit:
            self.clear()
        return tuple(map(self.setdefault, values, values))


_MEMO_VALUES = 10_000  # distinct values a column shares as it is read


def _chunks(ids: list[Any], size: int = 5_000) -> Iterator[list[Any]]:
    """Split long IN lists: SQLite limits the number of bound parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _delete(session: Session, column: Any, ids: list[Any], *also: Any) -> None:
    for chunk in _chunks(ids):
        session.execute(delete(column.class_).where(column.in_(chunk), *also))


def ensure_me(repository: Repository, network: Network, name: str = "") -> None:
    """Give a map without an owner its "me" (named ``name``, else "Me" in the installed
    language), pinned at the centre."""
    if network.me is None:
        me = Person(
            network.next_person_id(), name or tr("Me"), is_me=True, x=0.0, y=0.0, pinned=True
        )
        repository.apply(AddPeople((me,)), network, summary=tr("Start the map"))
