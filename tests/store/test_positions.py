"""A layout's own read and write: the same arrays as from the whole map, and positions stored
as one change that other copies see, on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from relmap.core.edits import (
    AddPeople,
    AddSphere,
    AddTies,
    MoveNodes,
    Position,
    RemovePeople,
    SetAssessment,
    UpdatePerson,
)
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.model import Assessment, AssessmentField, Person, Sphere, Tie, TieKind
from relmap.core.network import Network
from relmap.document.placement import LayoutInput, layout_input, layout_input_of
from relmap.store import positions, repository
from relmap.store.database import Database
from relmap.store.engine import reading
from relmap.store.models import Base
from relmap.store.positions import (
    PERSON,
    RATING,
    SPHERE,
    SPHERE_MEMBER,
    TIE,
    Sketch,
    read_graph,
    read_sketch,
    write_positions,
)
from relmap.store.repository import Repository, ensure_me


def _map(url: str) -> tuple[Repository, Network, dict[str, PersonId]]:
    """Me and four people: organisations with and without their legal form, two spheres,
    ratings both ways, one pinned, one without a place, and ties of several kinds (two
    between me and Ada)."""
    repo = Repository(url)
    net = repo.load()
    ensure_me(repo, net)
    for sid, name in ((1, "Telecom"), (2, "Friends")):
        repo.apply(AddSphere(Sphere(SphereId(sid), name, "#1f77b4")), net)
    first = int(net.next_person_id())
    ids = {name: PersonId(first + i) for i, name in enumerate(("Ada", "Bob", "Cy", "Di"))}
    people = (
        Person(ids["Ada"], "Ada", organisation="Ericsson AB", x=10.0, y=20.0,
               spheres=frozenset({SphereId(1)}),
               assessment=Assessment(trust_given=4, trust_received=5, quality=3)),
        Person(ids["Bob"], "Bob", organisation="ericsson", x=-5.0, y=7.5, pinned=True,
               spheres=frozenset({SphereId(2), SphereId(1)}),
               assessment=Assessment(trust_received=2)),
        Person(ids["Cy"], "Cy", organisation="Acme"),
        Person(ids["Di"], "Di", organisation="Acme Ltd", x=3.0, y=-4.0,
               spheres=frozenset({SphereId(2)}), assessment=Assessment(quality=5)),
    )
    repo.apply(AddPeople(people), net)
    me = net.me
    assert me is not None
    t = int(net.next_tie_id())
    repo.apply(AddTies((
        Tie(TieId(t), me.id, ids["Ada"], TieKind.FRIEND, strength=4),
        Tie(TieId(t + 1), ids["Ada"], me.id, TieKind.CLIENT, strength=2),
        Tie(TieId(t + 2), ids["Ada"], ids["Bob"], TieKind.COLLEAGUE, strength=3),
        Tie(TieId(t + 3), ids["Bob"], ids["Cy"], TieKind.INTRODUCED, strength=1),
        Tie(TieId(t + 4), me.id, ids["Di"], TieKind.OTHER, strength=5),
    )), net)
    return repo, repo.load(), ids


def _stored(url: str) -> Network:
    with Repository(url) as repo:
        return repo.load()


def _equal(a: LayoutInput, b: LayoutInput) -> list[str]:
    """The fields where ``a`` and ``b`` differ, in value or in type."""
    differ = []
    for name in LayoutInput.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if name == "groups":
            same = len(x) == len(y) and all(np.array_equal(g, h) for g, h in zip(x, y,
                                                                                strict=True))
        elif isinstance(x, np.ndarray):
            same = x.dtype == y.dtype and np.array_equal(x, y, equal_nan=x.dtype.kind == "f")
        else:
            same = x == y
        if not same:
            differ.append(name)
    return differ


@pytest.mark.parametrize("fresh", [True, False])
def test_a_layout_reads_the_arrays_the_whole_map_gives(url: str, fresh: bool) -> None:
    repo, net, ids = _map(url)
    with Repository(url, member="bob") as bob:  # on a team map, ratings of his own
        bob.apply(SetAssessment(ids["Ada"], AssessmentField.TRUST_GIVEN, 1), bob.load())
    net = repo.load()
    with Database(url) as db:
        read = read_graph(db)
    whole = layout_input(net, fresh=fresh)
    assert _equal(layout_input_of(read, fresh=fresh), whole) == []
    assert len(whole.groups) == 4  # Ericsson, Acme and the two spheres
    assert whole.fixed.sum() == 2 and np.isnan(whole.was).any()
    repo.close()


def test_the_demo_map_reads_the_same_arrays(demo_db: object) -> None:
    with Repository(str(demo_db)) as repo:
        net = repo.load(log=False)
    with Database(str(demo_db)) as db:
        read = read_graph(db)
    assert len(read.people) == len(net.people) and len(read.ties) == len(net.ties)
    assert _equal(layout_input_of(read, fresh=True), layout_input(net, fresh=True)) == []


def test_a_sketch_holds_the_placed_people_their_first_sphere_and_their_ties(url: str) -> None:
    repo, net, _ids = _map(url)
    repo.close()
    with Database(url) as db, reading(db.engine) as conn:
        sketch = read_sketch(conn)
    placed = [p for _, p in sorted(net.people.items()) if p.placed]  # all but Cy
    assert len(placed) == len(net.people) - 1
    row = {p.id: i for i, p in enumerate(placed)}
    assert sketch.points.tolist() == [[p.x, p.y] for p in placed]
    assert net.me is not None and sketch.me == row[net.me.id]
    spheres = sorted(net.spheres)
    assert sketch.colours == [net.spheres[s].colour for s in spheres]
    assert sketch.sphere.tolist() == [spheres.index(min(p.spheres)) if p.spheres else -1
                                      for p in placed]  # Bob's first is Telecom
    assert sorted(map(tuple, sketch.ends.tolist())) == sorted(
        (row[t.a], row[t.b]) for t in net.ties.values() if t.a in row and t.b in row)
    assert len(sketch.ends) == len(net.ties) - 1  # Bob and Cy's tie: Cy has no place


def test_a_sketch_of_many_ties_draws_an_even_share_of_them(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository(demo_db) as repo:
        net = repo.load(log=False)
    monkeypatch.setattr(positions, "SKETCH_TIES", len(net.ties) // 4)  # a few too many
    with Database(str(demo_db)) as db, reading(db.engine) as conn:
        sketch = read_sketch(conn)
    row = {pid: i for i, pid in enumerate(sorted(net.people))}  # everyone placed
    tie_of = {(row[t.a], row[t.b]): t.id for t in net.ties.values()}
    drawn = [tie_of[a, b] for a, b in sketch.ends.tolist()]  # each a tie of the map
    assert len(net.ties) / 6 <= len(drawn) <= len(net.ties) / 4
    assert np.ptp(drawn) > 0.9 * np.ptp(list(net.ties))  # from first to last


def test_a_large_map_is_sketched_before_it_is_read(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[object] = []
    with Repository(demo_db) as repo:
        people = len(repo.load(progress=lambda *_: heard.append("read"), sketch=heard.append)
                     .people)
        assert set(heard) == {"read"}  # a small map is not sketched
        heard.clear()
        monkeypatch.setattr(repository, "SKETCH_FROM", people)  # as large as a large one
        repo.load(progress=lambda *_: heard.append("read"), sketch=heard.append)
    sketch, *read = heard
    assert isinstance(sketch, Sketch) and len(sketch.points) == people
    assert read and set(read) == {"read"}


def test_the_columns_read_are_those_of_the_schema() -> None:
    for light in (PERSON, TIE, RATING, SPHERE_MEMBER, SPHERE):
        assert set(light.c.keys()) <= set(Base.metadata.tables[light.name].c.keys())


def test_positions_are_one_change_another_open_copy_is_told_of(url: str) -> None:
    repo, _net, ids = _map(url)
    other, stale = Repository(url), Repository(url)
    other.load()
    stale_net = stale.load()
    with Database(url, member="layout") as db:
        write_positions(db, read_graph(db), {ids["Ada"]: (1.5, 2.5), ids["Cy"]: (-3.0, 4.0)},
                        "Auto layout")
    news = other.news()
    assert news is not None
    assert [(s.member, s.summary) for s in news.stamps] == [("layout", "Auto layout")]
    stored = {key[1]: person for key, person in news.entities.items()}
    assert set(stored) == {ids["Ada"], ids["Cy"]}
    assert (stored[ids["Ada"]].x, stored[ids["Ada"]].y) == (1.5, 2.5)
    assert stored[ids["Ada"]].assessment.trust_given == 4  # nothing but the place changed
    # a copy that read the map before, and has not looked since, merges with the layout
    stale.apply(UpdatePerson(ids["Cy"], {"title": "Founder"}), stale_net)
    cy = _stored(url).people[ids["Cy"]]
    assert (cy.x, cy.y, cy.title, cy.pinned) == (-3.0, 4.0, "Founder", False)
    for each in (repo, other, stale):
        each.close()


def test_a_person_moved_meanwhile_refuses_the_layout_and_nothing_is_stored(url: str) -> None:
    repo, net, ids = _map(url)
    with Database(url) as db:
        read = read_graph(db)
        repo.apply(MoveNodes({ids["Ada"]: Position(100.0, 100.0, True)}), net)
        changes = len(repo.recent_changes())
        with pytest.raises(KnownError, match=r"^1 person moved by someone else while "
                           r"the layout ran: nothing was stored; lay out again$"):
            write_positions(db, read, {ids["Ada"]: (1.0, 1.0), ids["Di"]: (2.0, 2.0)},
                            "Auto layout")
    stored = _stored(url)
    assert (stored.people[ids["Ada"]].x, stored.people[ids["Di"]].x) == (100.0, 3.0)
    assert len(repo.recent_changes()) == changes
    repo.close()


def test_other_changes_meanwhile_are_kept(url: str) -> None:
    repo, net, ids = _map(url)
    with Database(url) as db:
        read = read_graph(db)
        repo.apply(UpdatePerson(ids["Ada"], {"title": "CTO"}), net)
        repo.apply(RemovePeople((ids["Di"],)), net)
        write_positions(db, read, {ids["Ada"]: (1.0, 1.0), ids["Di"]: (2.0, 2.0)},
                        "Auto layout")
    stored = _stored(url)
    ada = stored.people[ids["Ada"]]
    assert (ada.title, ada.x, ada.y) == ("CTO", 1.0, 1.0)
    assert ids["Di"] not in stored.people
    repo.close()


def test_a_write_the_database_refuses_says_why_and_stores_nothing(demo_db: Path) -> None:
    with Repository(demo_db) as repo:
        changes = len(repo.recent_changes())
    with Database(demo_db) as db:
        read = read_graph(db)
        with db.writing() as conn:
            conn.exec_driver_sql("CREATE TRIGGER frozen BEFORE UPDATE OF x ON person "
                                 "BEGIN SELECT RAISE(ABORT, 'the map is frozen'); END")
        someone, x = read.people[1][:2]
        with pytest.raises(KnownError, match=r"^the change breaks a rule of the database: the "
                           r"map is frozen$"):
            write_positions(db, read, {someone: (x + 1.0, 2.0)}, "Auto layout")
    with Repository(demo_db) as repo:
        assert len(repo.recent_changes()) == changes
        assert repo.load().people[someone].x == x
