"""What a layout reads and writes, without the rest of the map: positions, ties and what
groups people, column by column (``relmap layout``; docs/architecture.md §3); and the sketch
of a large map a window shows while the map is read.

SQLAlchemy Core alone: a layout of the whole map neither builds a person or a tie nor
imports the models the repository reads them with.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import Connection, Select, column, func, select, table

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.words import counted
from relmap.store.database import Database
from relmap.store.engine import mark, reading

PERSON = table("person", column("id"), column("x"), column("y"), column("pinned"),
               column("is_me"), column("organisation"), column("version"))
TIE = table("tie", column("id"), column("a_id"), column("b_id"), column("kind"),
            column("strength"))
RATING = table("assessment", column("person_id"), column("member"), column("trust_given"),
               column("trust_received"), column("quality"))
SPHERE_MEMBER = table("sphere_member", column("person_id"), column("sphere_id"))
SPHERE = table("sphere", column("id"), column("colour"))
SKETCH_FROM = 25_000  # people: 2 s or more to its first frame; such a map is sketched first
# A sketch draws about this many ties, an even share of a map's: at the size of a window
# more only fill the same pixels, and reading and drawing all 500,000 of a 100,000-person
# map took 1.2 s of the two the sketch took to show.
SKETCH_TIES = 100_000


@dataclass(frozen=True)
class GraphRows:
    """The people and ties of a map as a layout reads them, each in order of id.

    ``people``: (id, x, y, pinned, is_me, organisation, version), x and y None where the
    person has no place yet. ``ratings``: (trust_given, trust_received, quality) by person, of
    the people rated (on a team map, by the member who lays out). ``spheres``: (person, sphere)
    pairs. ``ties``: (id, a, b, kind, strength).
    """

    people: list[tuple[Any, ...]]
    ratings: dict[int, tuple[int | None, int | None, int | None]]
    spheres: list[tuple[int, int]]
    ties: list[tuple[Any, ...]]


def read_graph(db: Database) -> GraphRows:
    """The map of ``db`` as a layout reads it, from one snapshot."""
    ratings = select(RATING.c.person_id, RATING.c.trust_given, RATING.c.trust_received,
                     RATING.c.quality)
    if db.who is not None:
        ratings = ratings.where(RATING.c.member == db.who)
    with reading(db.engine) as conn:
        found = GraphRows(
            people=_rows(conn, select(PERSON).order_by(PERSON.c.id)),
            ratings={pid: tuple(rated) for pid, *rated in _rows(conn, ratings)},
            spheres=_rows(conn, select(SPHERE_MEMBER).order_by(SPHERE_MEMBER.c.person_id,
                                                              SPHERE_MEMBER.c.sphere_id)),
            ties=_rows(conn, select(TIE).order_by(TIE.c.id)),
        )
        conn.rollback()
    return found


@dataclass(frozen=True)
class Sketch:
    """Where a map's people stand and who is tied to whom, read as plain columns in a tenth of
    the time the whole map takes.

    ``points``: (n, 2) x and y of each placed person, in order of id. ``sphere``: each one's
    first sphere (by id) as an index into ``colours``, -1 for none. ``me``: my index, -1
    unless I am placed. ``ends``: (m, 2) the two people each tie between placed people joins,
    as indices into ``points``: of a map of more than SKETCH_TIES ties, an even share of
    them.
    """

    points: np.ndarray
    sphere: np.ndarray
    colours: list[str]
    me: int
    ends: np.ndarray


def read_sketch(conn: Connection) -> Sketch:
    """The :class:`Sketch` of the map ``conn`` reads."""
    placed = select(PERSON.c.id, PERSON.c.x, PERSON.c.y, PERSON.c.is_me).where(
        PERSON.c.x.is_not(None), PERSON.c.y.is_not(None)).order_by(PERSON.c.id)
    people = _array(conn, placed, float)
    ids = people[:, 0].astype(np.int64)
    colours = dict(_rows(conn, select(SPHERE.c.id, SPHERE.c.colour).order_by(SPHERE.c.id)))
    first = _array(conn, select(SPHERE_MEMBER.c.person_id, func.min(SPHERE_MEMBER.c.sphere_id))
                   .group_by(SPHERE_MEMBER.c.person_id), np.int64)
    sphere = np.full(len(ids), -1, dtype=np.int64)
    at, found = _indices(ids, first[:, 0])
    sphere[at[found]] = np.searchsorted(list(colours), first[found, 1])
    ties = select(TIE.c.a_id, TIE.c.b_id)
    count = conn.scalar(select(func.count()).select_from(TIE)) or 0
    if count > SKETCH_TIES:  # ids are mostly consecutive: every so many is an even share
        ties = ties.where(TIE.c.id % math.ceil(count / SKETCH_TIES) == 0)
    ends, found = _indices(ids, _array(conn, ties, np.int64))
    me = np.flatnonzero(people[:, 3])
    return Sketch(points=people[:, 1:3], sphere=sphere, colours=list(colours.values()),
                  me=int(me[0]) if len(me) else -1, ends=ends[found.all(axis=1)])


def _indices(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``wanted`` is in the sorted ``ids``, and whether it is there at all."""
    at = np.searchsorted(ids, wanted).clip(0, max(len(ids) - 1, 0))
    return at, ids[at] == wanted if len(ids) else np.zeros(wanted.shape, dtype=bool)


def _array(conn: Connection, query: Select[Any], dtype: type) -> np.ndarray:
    """The rows of ``query`` as one array, a row of it for each."""
    rows = _rows(conn, query)
    width = len(query.selected_columns)
    return np.fromiter(chain.from_iterable(rows), dtype, count=width * len(rows)).reshape(
        -1, width)


def _rows(conn: Connection, query: Select[Any]) -> list[Any]:
    """The driver's own tuples: SQLAlchemy's rows would cost as much again to build."""
    return list(conn.execute(query).cursor.fetchall())


def write_positions(db: Database, read: GraphRows,
                    moves: Mapping[int, tuple[float | None, float | None]],
                    summary: str) -> None:
    """Store ``moves`` (x, y by person) as one change.

    A person someone else moved since ``read`` refuses the whole change (KnownError), as a
    clash does in the app; one since removed is left out; any other change someone made to a
    person is kept, since only the position is written.
    """
    if not moves:
        return
    was = {pid: (x, y, pinned, version) for pid, x, y, pinned, _me, _org, version in read.people
           if pid in moves}
    with db.writing() as conn:
        # Logged first: on a server the change's lock keeps other writers out from here on.
        change = db.log_change(conn, {"person": list(moves)}, summary)
        query = select(PERSON.c.id, PERSON.c.x, PERSON.c.y, PERSON.c.pinned, PERSON.c.version
                       ).where(PERSON.c.id.between(min(moves), max(moves)))
        now = {pid: (x, y, pinned, version) for pid, x, y, pinned, version in _rows(conn, query)
               if pid in moves}
        moved = [pid for pid, stored in now.items()
                 if stored[3] != was[pid][3] and stored[:3] != was[pid][:3]]
        if moved:
            raise KnownError(tr("{people} moved by someone else while the layout ran: nothing "
                                "was stored; lay out again").format(
                                    people=counted(len(moved), "person")))
        # by the driver at once: SQLAlchemy would build each row's parameters in Python
        at = mark(conn)
        conn.exec_driver_sql(f"UPDATE person SET x = {at}, y = {at}, version = {at} "
                             f"WHERE id = {at}", [(x, y, change, pid)
                                                  for pid, (x, y) in moves.items() if pid in now])
