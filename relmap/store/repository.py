"""The repository: loads a whole network and commits each change as one transaction."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from relmap.core.bulk import bulk_objects
from relmap.core.edits import AddPeople, Edit
from relmap.core.errors import KnownError
from relmap.core.ids import GoalId, InteractionId, PersonId
from relmap.core.model import Assessment, AssessmentChange, AssessmentField, Person, RecordKind
from relmap.core.network import ChangeSet, Network, RecordKey
from relmap.store import rows
from relmap.store.backup import make_backup
from relmap.store.damage import file_problem, refuse, set_aside
from relmap.store.engine import database_url, make_engine, reading, sqlite_path
from relmap.store.migrate import upgrade
from relmap.store.models import (
    AssessmentHistoryRow,
    AssessmentRow,
    ContactPointRow,
    ExchangeRow,
    GoalNeedRow,
    GoalRow,
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

log = logging.getLogger("relmap.store")
UNRATED = Assessment()


class Repository:
    """One open database. ``apply`` is the only way anything is written."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.url = database_url(target)
        self.path = sqlite_path(self.url)
        if self.path is not None and (problem := file_problem(self.path)):
            raise set_aside(self.path, problem)
        self._engine = make_engine(self.url)
        try:
            upgrade(self._engine, before=self.backup)
        except DatabaseError as exc:
            raise self._refusal(exc) from exc

    def _refusal(self, error: DatabaseError) -> KnownError:
        """Why the database could not be read: a damaged map file is moved aside."""
        self._engine.dispose()
        if self.path is None:
            return KnownError(f"cannot read the database: {error.orig}")
        return refuse(self.path, error)

    def backup(self) -> Path | None:
        """A verified backup of a SQLite map (None for a shared server database)."""
        return make_backup(self.path) if self.path is not None else None

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except IntegrityError as exc:
            raise KnownError(f"the change breaks a rule of the database: {exc.orig}") from exc
        except OperationalError as exc:
            raise KnownError(f"the database refused the change: {exc.orig}") from exc

    def load(self, *, log: bool = True) -> Network:
        """Read the whole network (without the goals, interactions, exchanges, views, sessions
        and removals if not ``log``: a layout needs none of them, and on a big map they are
        most of the reading); a damaged map file is moved aside (KnownError)."""
        try:
            return self._load(log)
        except DatabaseError as exc:
            raise self._refusal(exc) from exc

    def _load(self, log: bool) -> Network:
        with bulk_objects(), reading(self._engine) as conn:
            network = Network()
            people = rows.to_people(
                _read(conn, PersonRow, rows.PERSON_COLUMNS),
                _read(conn, ContactPointRow, rows.CONTACT_COLUMNS, order="position"),
                _read(conn, PersonRoleRow, ("person_id", "role")),
                _read(conn, SphereMemberRow, ("person_id", "sphere_id")),
                _read(conn, AssessmentRow, rows.ASSESSMENT_COLUMNS),
            )
            network.people.update((p.id, p) for p in people)
            ties = rows.to_ties(_read(conn, TieRow, rows.TIE_COLUMNS))
            network.ties.update((t.id, t) for t in ties)
            spheres = map(rows.to_sphere, _read(conn, SphereRow, rows.SPHERE_COLUMNS))
            network.spheres.update((s.id, s) for s in spheres)
            if log:
                _read_records(conn, network)
            conn.rollback()
        return network

    def apply(self, edit: Edit, network: Network) -> ChangeSet:
        """Apply ``edit`` to ``network`` and commit it; on failure both stay as they were."""
        undo = edit.inverse(network)
        changes = network.apply(edit)
        try:
            self.write(network, changes)
        except BaseException:
            network.apply(undo)
            raise
        return changes

    def write(self, network: Network, changes: ChangeSet) -> None:
        """Commit the state of everything ``changes`` names, as it is in ``network``."""
        with self._transaction() as session:
            self._write_spheres(session, network, changes.spheres)
            self._write_people(session, network, changes.people)
            self._write_positions(session, network, changes.positions)
            self._write_ties(session, network, changes)
            self._write_records(session, network, changes.records)
            _insert(
                session,
                AssessmentHistoryRow,
                ("person_id", "field", "old", "new", "at"),
                [(h.person, h.field.value, h.old, h.new, h.at) for h in changes.history],
            )

    def history(self, *people: PersonId) -> list[AssessmentChange]:
        """The rating changes of ``people``, or of everyone, oldest first."""
        query = select(AssessmentHistoryRow).order_by(AssessmentHistoryRow.at,
                                                      AssessmentHistoryRow.id)
        if people:
            query = query.where(AssessmentHistoryRow.person_id.in_(people))
        with reading(self._engine) as conn:
            return [
                AssessmentChange(PersonId(r.person_id), AssessmentField(r.field), r.old, r.new,
                                 r.at)
                for r in conn.execute(query)
            ]

    def _write_spheres(self, session: Session, network: Network, ids: Collection[Any]) -> None:
        if not ids:
            return
        present = [network.spheres[s] for s in ids if s in network.spheres]
        _delete(session, SphereRow.id, [s for s in ids if s not in network.spheres])
        _upsert(session, SphereRow, rows.SPHERE_COLUMNS, [rows.sphere_row(s) for s in present])

    def _write_people(self, session: Session, network: Network, ids: Collection[Any]) -> None:
        if not ids:
            return
        present: list[Person] = [network.people[p] for p in ids if p in network.people]
        gone = [p for p in ids if p not in network.people]
        _delete(session, PersonRow.id, gone)
        # Who introduced whom is set once everyone is in: an introducer may come later in
        # ``present`` (restoring two deleted people, one of whom introduced the other).
        referred = [(p.id, p.introduced_by) for p in present if p.introduced_by is not None]
        values = [rows.person_row(replace(p, introduced_by=None) if p.introduced_by else p)
                  for p in present]
        existing = _upsert(session, PersonRow, rows.PERSON_COLUMNS, values)
        _update(session, PersonRow, ("id", "introduced_by"), referred)
        keys = [p.id for p in present if p.id in existing]  # new people have no child rows
        for table in (ContactPointRow, PersonRoleRow, SphereMemberRow, AssessmentRow):
            _delete(session, table.person_id, keys)
        contacts = [c for p in present if p.emails or p.phones for c in rows.contact_rows(p)]
        _insert(session, ContactPointRow, rows.CONTACT_COLUMNS, contacts)
        roles = [(p.id, r.value) for p in present for r in sorted(p.roles)]
        _insert(session, PersonRoleRow, ("person_id", "role"), roles)
        members = [(p.id, s) for p in present for s in sorted(p.spheres)]
        _insert(session, SphereMemberRow, ("person_id", "sphere_id"), members)
        # No row means unrated: most imported people have no ratings yet.
        rated = [rows.assessment_row(p) for p in present if p.assessment != UNRATED]
        _insert(session, AssessmentRow, rows.ASSESSMENT_COLUMNS, rated)

    def _write_positions(self, session: Session, network: Network, ids: Collection[Any]) -> None:
        people = [network.people[i] for i in ids]
        _update(session, PersonRow, ("id", "x", "y", "pinned"),
                [(p.id, p.x, p.y, p.pinned) for p in people])

    def _write_ties(self, session: Session, network: Network, changes: ChangeSet) -> None:
        if not changes.ties:
            return
        gone = [t for t in changes.ties if t not in network.ties]
        _delete(session, TieRow.id, gone)
        present = [network.ties[t] for t in changes.ties if t in network.ties]
        _upsert(session, TieRow, rows.TIE_COLUMNS, [rows.tie_row(t) for t in present])

    def _write_records(
        self, session: Session, network: Network, keys: Collection[RecordKey]
    ) -> None:
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
            _upsert(session, table, columns, list(map(to_row, present)))
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


def _read(conn: Connection, model: Any, columns: tuple[str, ...], order: str = "") -> Values:
    """Every row of a table as tuples of ``columns``."""
    table = model.__table__
    query = select(*(table.c[c] for c in columns))
    if order:
        query = query.order_by(table.c[order])
    return [tuple(r) for r in conn.execute(query)]


def _read_records(conn: Connection, network: Network) -> None:
    needs: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    for goal, what, ref in _read(conn, GoalNeedRow, ("goal_id", "kind", "ref")):
        needs[goal].append((what, ref))
    goals = [rows.to_goal(r, needs[r[0]]) for r in _read(conn, GoalRow, rows.GOAL_COLUMNS)]
    network.goals.update((g.id, g) for g in goals)
    participants: defaultdict[int, set[PersonId]] = defaultdict(set)
    for meeting, person in _read(conn, InteractionParticipantRow, rows.PARTICIPANT_COLUMNS):
        participants[meeting].add(person)
    for values in _read(conn, InteractionRow, rows.INTERACTION_COLUMNS):
        meeting = rows.to_interaction(values, participants[values[0]])
        network.interactions[meeting.id] = meeting
    exchanges = map(rows.to_exchange, _read(conn, ExchangeRow, rows.EXCHANGE_COLUMNS))
    network.exchanges.update((e.id, e) for e in exchanges)
    cadences = map(rows.to_cadence, _read(conn, TierCadenceRow, rows.CADENCE_COLUMNS))
    network.cadences.update((c.id, c) for c in cadences)
    views = map(rows.to_view, _read(conn, SavedViewRow, rows.VIEW_COLUMNS))
    network.views.update((v.id, v) for v in views)
    sessions = map(rows.to_session, _read(conn, MentorSessionRow, rows.SESSION_COLUMNS))
    network.sessions.update((s.id, s) for s in sessions)
    removals = map(rows.to_removal, _read(conn, RemovalRow, rows.REMOVAL_COLUMNS))
    network.removals.update((r.id, r) for r in removals)


def _upsert(session: Session, model: Any, columns: tuple[str, ...], values: Values) -> set[int]:
    """Update the rows that exist (by id, the first column) and insert the others.

    Returns the ids that existed.
    """
    if not values:
        return set()
    ids = [v[0] for v in values]
    # One range query: a long IN list costs more to build than the ids it returns.
    in_range = session.scalars(select(model.id).where(model.id.between(min(ids), max(ids))))
    existing = set(in_range) & set(ids)
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
        f"VALUES ({', '.join([_mark(connection)] * len(columns))})"
    )
    connection.exec_driver_sql(sql, _bound(connection, model, columns, values))


def _update(session: Session, model: Any, columns: tuple[str, ...], values: Values) -> None:
    """Update rows by id (the first column), as one driver-level executemany."""
    if not values:
        return
    connection = session.connection()
    quote, mark = connection.dialect.identifier_preparer.quote, _mark(connection)
    sql = (
        f"UPDATE {quote(model.__tablename__)} SET "
        f"{', '.join(f'{quote(c)} = {mark}' for c in columns[1:])} WHERE id = {mark}"
    )
    bound = _bound(connection, model, columns, values)
    connection.exec_driver_sql(sql, [(*v[1:], v[0]) for v in bound])


def _mark(connection: Connection) -> str:
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def _bound(connection: Connection, model: Any, columns: tuple[str, ...], values: Values) -> Values:
    """``values`` with each column converted as the dialect stores its type.

    Conversion goes column by column through a memo: an import repeats the same few values
    (one creation time, a handful of flags) across thousands of rows.
    """
    dialect = connection.dialect
    table = model.__table__
    processors = [
        (i, process) for i, name in enumerate(columns)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    if not processors:
        return values
    by_column = list(zip(*values, strict=True))
    for i, process in processors:
        by_column[i] = tuple(map(_Memo(process).__getitem__, by_column[i]))
    return list(zip(*by_column, strict=True))


class _Memo(dict[Any, Any]):
    """``process(value)`` for each distinct value, computed once."""

    def __init__(self, process: Callable[[Any], Any]) -> None:
        super().__init__()
        self.process = process

    def __missing__(self, value: Any) -> Any:
        result = self[value] = self.process(value)
        return result


def _chunks(ids: list[Any], size: int = 5_000) -> Iterator[list[Any]]:
    """Split long IN lists: SQLite limits the number of bound parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _delete(session: Session, column: Any, ids: list[Any]) -> None:
    for chunk in _chunks(ids):
        session.execute(delete(column.class_).where(column.in_(chunk)))


def ensure_me(repository: Repository, network: Network, name: str = "Me") -> None:
    """Give a map without an owner its "me", pinned at the centre."""
    if network.me is None:
        me = Person(network.next_person_id(), name, is_me=True, x=0.0, y=0.0, pinned=True)
        repository.apply(AddPeople((me,)), network)
