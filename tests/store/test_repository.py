"""The repository against real SQLite files: round trips, pragmas, permissions, refusals."""

from __future__ import annotations

import sqlite3
import stat
from array import array
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from relmap.core.demo import demo_network
from relmap.core.edits import RemovePeople, SetAssessment, UpdatePerson, UpdateTie
from relmap.core.errors import KnownError, ValidationError
from relmap.core.ids import ExchangeId, GoalId, InteractionId, PersonId
from relmap.core.model import (
    AssessmentField,
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Interaction,
    InteractionKind,
    Person,
    RecordKind,
)
from relmap.core.network import ChangeSet, Network
from relmap.core.records import PutRecords
from relmap.store import repository, rows
from relmap.store.engine import reading
from relmap.store.migrate import HEAD, head_revision
from relmap.store.repository import Repository, ensure_me


def test_write_close_reopen_compare(tmp_path: Path) -> None:
    net = demo_network(people=80, seed=4)
    a, b = [p for p in net.people if not net.people[p].is_me][:2]
    PutRecords(
        (
            Goal(GoalId(1), "Be known in fintech", GoalKind.BETTER_KNOWN),
            Interaction(
                InteractionId(1),
                date(2026, 5, 1),
                InteractionKind.EVENT,
                "meetup",
                3,
                frozenset({a, b}),
            ),
            Exchange(ExchangeId(1), a, True, ExchangeKind.REFERRAL, date(2026, 5, 2), "to Acme"),
        )
    ).apply(net)
    with Repository(tmp_path / "map.db") as repo:
        repo.write(net, ChangeSet.everything(net))
    with Repository(tmp_path / "map.db") as repo:
        assert repo.load() == net


def test_people_are_read_into_their_own_fields() -> None:
    # People are built by position (rows.to_people): a field added to Person, or a column
    # added to its table, has to take its place in the order of both.
    assert tuple(f.name for f in fields(Person)) == rows.PERSON_FIELDS


def test_each_interaction_is_read_back_with_exactly_its_people(tmp_path: Path) -> None:
    net = demo_network(people=30, seed=2)
    a, b, c = [p for p in net.people if not net.people[p].is_me][:3]
    met = {9: {a}, 2: set(), 7: {a, b, c}, 5: {b, c}, 11: set(), 3: {b, c}}  # ids out of order
    PutRecords(tuple(
        Interaction(InteractionId(i), date(2026, 5, i), InteractionKind.CALL, "", None,
                    frozenset(people)) for i, people in met.items())).apply(net)
    with Repository(tmp_path / "map.db") as repo:
        repo.write(net, ChangeSet.everything(net))
    with Repository(tmp_path / "map.db") as repo:
        read = repo.load()
    assert {i: read.interactions[InteractionId(i)].participants for i in met} == met
    assert read == net


def _logged(people: int, seed: int) -> Network:
    """A demo map whose log repeats a few summaries, as a real log repeats "Coffee"."""
    net = demo_network(people=people, seed=seed)
    others = [p for p in net.people if not net.people[p].is_me]
    PutRecords(tuple(
        Interaction(InteractionId(i), date(2026, 5, 1 + i % 20), InteractionKind.CALL,
                    f"coffee {i % 3}", None, frozenset({others[i % 7]})) for i in range(1, 61)
    )).apply(net)
    return net


def test_a_value_repeated_across_rows_is_read_as_one_object(tmp_path: Path) -> None:
    with Repository(tmp_path / "map.db") as repo:
        repo.write(_logged(60, 3), ChangeSet.everything(_logged(60, 3)))
    with Repository(tmp_path / "map.db") as repo:
        read = repo.load()
    people = [p for p in read.people.values() if not p.is_me]
    for values in ([i.summary for i in read.interactions.values()],
                   [p.location for p in people], [p.spheres for p in people]):
        for value in set(values):
            assert len({id(v) for v in values if v == value}) == 1


def test_a_column_of_more_distinct_values_than_are_shared_reads_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository, "_MEMO_VALUES", 2)
    net = _logged(40, 5)
    with Repository(tmp_path / "map.db") as repo:
        repo.write(net, ChangeSet.everything(net))
    with Repository(tmp_path / "map.db") as repo:
        assert repo.load() == net


def test_edits_are_committed_and_survive_reopen(tmp_path: Path) -> None:
    db = tmp_path / "map.db"
    net = demo_network(people=30, seed=4)
    with Repository(db) as repo:
        repo.write(net, ChangeSet.everything(net))
        pid = next(p for p in net.people if not net.people[p].is_me)
        repo.apply(UpdatePerson(pid, {"notes": "met at the fintech breakfast"}), net)
        repo.apply(SetAssessment(pid, AssessmentField.QUALITY, 5), net)
        repo.apply(SetAssessment(pid, AssessmentField.QUALITY, 2), net)
        victim = next(p for p in net.people if p != pid and not net.people[p].is_me)
        name = net.people[victim].display_name
        repo.apply(RemovePeople((victim,)), net)
        other = next(p for p in net.people if p not in (pid, victim) and not net.people[p].is_me)
        undo = RemovePeople((other,)).inverse(net)
        repo.apply(RemovePeople((other,)), net)
        repo.apply(undo, net)
    with Repository(db) as repo:
        again = repo.load()
        assert again == net
        assert [r.name for r in again.removals.values()] == [name]  # other's was undone
        assert [(h.old, h.new) for h in repo.history(pid)][-1] == (5, 2)
        assert [h.new for h in repo.history(pid)][-2:] == [5, 2]


def test_refused_edit_leaves_database_and_network_unchanged(tmp_path: Path) -> None:
    net = demo_network(people=10, seed=1)
    with Repository(tmp_path / "map.db") as repo:
        repo.write(net, ChangeSet.everything(net))
        before = net.copy()
        with pytest.raises(ValidationError):
            repo.apply(RemovePeople((net.me.id,)), net)  # type: ignore[union-attr]
        assert net == before
        assert repo.load() == before


def test_failed_commit_rolls_back_the_network(tmp_path: Path) -> None:
    net = demo_network(people=10, seed=1)
    with Repository(tmp_path / "map.db") as repo:
        repo.write(net, ChangeSet.everything(net))
        before = net.copy()
        with repo._engine.begin() as conn:  # a constraint the core does not know about
            conn.execute(
                text(
                    "CREATE TRIGGER no_acme BEFORE UPDATE ON person WHEN NEW.organisation = 'Acme' "
                    "BEGIN SELECT RAISE(ABORT, 'no Acme here'); END"
                )
            )
        pid = next(p for p in net.people if not net.people[p].is_me)
        with pytest.raises(KnownError, match="no Acme"):
            repo.apply(UpdatePerson(pid, {"organisation": "Acme"}), net)
        assert net == before
        assert repo.load() == before


def test_file_is_private_and_pragmas_are_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relmap.store.engine import data_folder

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db = data_folder() / "map.db"  # relmap's own folder: made on demand, private
    with pytest.raises(KnownError, match="does not exist"):
        Repository(tmp_path / "elsewhere" / "map.db")  # any other missing folder: refused
    with Repository(db) as repo:
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        with repo._engine.connect() as conn:
            values = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in (
                    "journal_mode",
                    "synchronous",
                    "foreign_keys",
                    "busy_timeout",
                    "trusted_schema",
                    "secure_delete",
                )
            }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "trusted_schema": 0,
        "secure_delete": 1,
    }


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with Repository(tmp_path / "map.db") as repo:
        ensure_me(repo, repo.load())
        with pytest.raises(Exception, match="FOREIGN KEY"), repo._engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO tie (id, a_id, b_id, kind, directed, strength, notes, source) "
                    "VALUES (1, 1, 42, 'friend', 0, 3, '', '')"
                )
            )


def test_writes_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    db = tmp_path / "map.db"
    with Repository(db) as repo:
        net = repo.load()
        ensure_me(repo, net)
        other = sqlite3.connect(db, isolation_level=None, timeout=0.1)
        other.execute("BEGIN IMMEDIATE")  # someone else is writing
        repo._engine.dispose()
        with pytest.raises(KnownError, match="locked"), repo._transaction() as session:
            session.connection()  # BEGIN IMMEDIATE waits for the busy timeout, then gives up
        other.rollback()
        other.close()


def test_a_read_beside_the_window_has_a_connection_of_its_own_and_the_window_keeps_one(
    tmp_path: Path,
) -> None:
    """A large map's log is read in a worker while the window writes: with one connection
    a drop waited for the whole reading. Once both exist, the window goes on with the one
    it used last: taking them in turn, each write began with a cache the other had made
    stale."""
    db = tmp_path / "map.db"
    with Repository(db) as repo:
        net = repo.load()
        ensure_me(repo, net)
        engine = repo._engine
        reader = reading(engine)  # the worker's, held
        reader.exec_driver_sql("SELECT 1")
        writing = engine.connect()  # not waiting for it
        writing.exec_driver_sql("SELECT 1")
        writing.close()
        reader.close()
        used = set()
        for _ in range(4):
            with engine.connect() as conn:
                used.add(id(conn.connection.dbapi_connection))
        assert len(used) == 1


def test_reads_go_on_while_another_process_writes(tmp_path: Path) -> None:
    """Opening, loading and reading the history take no write lock, so they neither wait
    for a writer nor fail with 'locked'."""
    db = tmp_path / "map.db"
    net = demo_network(people=20, seed=3)
    with Repository(db) as repo:
        repo.write(net, ChangeSet.everything(net))
    other = sqlite3.connect(db, isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")  # someone else is writing, not yet committed
    other.execute("UPDATE person SET notes = 'half done'")
    try:
        with Repository(db) as repo:
            assert repo.load() == net
            assert repo.history() == []
    finally:
        other.rollback()
        other.close()


def test_newer_schema_is_refused_and_untouched(future_db: Path) -> None:
    db = future_db
    before = db.read_bytes()
    with pytest.raises(KnownError, match="newer version of relmap"):
        Repository(db)
    assert db.read_bytes() == before


def test_baseline_migration_creates_the_schema(tmp_path: Path) -> None:
    db = tmp_path / "map.db"
    with Repository(db):
        pass
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert {
        "person",
        "tie",
        "sphere",
        "sphere_member",
        "assessment",
        "assessment_history",
        "contact_point",
        "person_role",
        "goal",
        "interaction",
        "exchange",
    } <= tables
    assert version == head_revision()
    assert head_revision() == HEAD  # the one query at start knows the newest schema


def test_a_folder_or_bad_url_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="folder"):
        Repository(tmp_path)
    with pytest.raises(KnownError):
        Repository("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_failed_first_me_is_rolled_back_with_the_real_reason(tmp_path: Path) -> None:
    with Repository(tmp_path / "map.db") as repo:
        with repo._engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE TRIGGER no_people BEFORE INSERT ON person "
                    "BEGIN SELECT RAISE(ABORT, 'read-only map'); END"
                )
            )
        net = repo.load()
        with pytest.raises(KnownError, match="read-only map"):
            ensure_me(repo, net)
        assert net.people == {}


def test_a_map_of_the_first_schema_is_migrated_with_its_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from relmap.store import migrate

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrate._SCRIPTS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO person (id, display_name, given_name, family_name, organisation, "
                "title, location, industry, url, notes, how_we_met, internal, cadence_days, "
                "source, pinned, is_me, created, updated) VALUES (1, 'Me', '', '', '', '', '', "
                "'', '', '', '', 1, NULL, '', 0, 1, '2026-01-01 00:00:00', "
                "'2026-01-01 00:00:00'), (2, 'Ana', '', '', '', '', '', '', '', '', '', 0, 30, "
                "'', 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    con.execute("INSERT INTO exchange VALUES (1, 2, 1, 'advice', '2026-02-01', 'pricing')")
    con.execute("INSERT INTO tie VALUES (1, 1, 2, 'friend', 0, 4, NULL, '', '')")
    con.commit()
    con.close()
    with Repository(db) as repo:
        network = repo.load()
    ana = network.people[PersonId(2)]
    assert (ana.cadence_days, ana.cadence_max_days, ana.snoozed_until) == (30, None, None)
    assert [(e.note, e.value) for e in network.exchanges.values()] == [("pricing", None)]
    assert network.cadences == {} and network.sessions == {}
    (tie,) = network.ties.values()
    assert (tie.strength, tie.created) == (4, None)  # counts from when Ana was added
    from relmap.store.backup import backup_folder, backups

    (_, saved), = backups(backup_folder(db), "old")  # the old file was backed up first
    assert sqlite3.connect(saved).execute("SELECT version_num FROM alembic_version").fetchone() \
        == ("0001",)


def test_someone_introduced_by_a_person_stored_in_the_same_write(tmp_path: Path) -> None:
    from relmap.core.edits import AddPeople
    from relmap.core.model import Person

    with Repository(tmp_path / "map.db") as repo:
        network = repo.load()
        ensure_me(repo, network)
        first, second = PersonId(50), PersonId(60)
        repo.apply(AddPeople((Person(first, "Ana", introduced_by=second),
                              Person(second, "Ben", introduced_by=first))), network)
        edit = RemovePeople((first, second))
        undo = edit.inverse(network)
        repo.apply(edit, network)
        repo.apply(undo, network)
        again = repo.load()
    assert again.people[first].introduced_by == second
    assert again.people[second].introduced_by == first


def test_a_map_read_without_its_log_has_everything_else(demo_db: Path) -> None:
    with Repository(demo_db) as repo:
        full, bare = repo.load(), repo.load(log=False)
    assert full.interactions and full.goals
    assert (bare.people, bare.ties, bare.spheres) == (full.people, full.ties, full.spheres)
    assert not (bare.interactions or bare.exchanges or bare.goals or bare.sessions)


def test_a_map_is_known_with_the_version_each_entity_was_stored_with(demo_db: Path) -> None:
    with Repository(demo_db) as repo:  # some entities of each kind changed since the first
        net = repo.load()
        people, ties = sorted(net.people)[::7], sorted(net.ties)[::5]
        repo.apply(UpdatePerson(people[0], {"notes": "later"}), net)
        repo.apply(SetAssessment(people[1], AssessmentField.QUALITY, 4), net)
        for tid in ties[:3]:
            repo.apply(UpdateTie(tid, {"strength": 5}), net)
        repo.apply(PutRecords(tuple(replace(net.interactions[i], summary="later")
                                    for i in sorted(net.interactions)[:2])), net)
    with Repository(demo_db) as repo:
        repo.load()
        with reading(repo.engine) as conn:
            for kind, table in (("person", "person"), ("tie", "tie"),
                                (RecordKind.INTERACTION, "interaction")):
                query = text(f"SELECT id, version FROM {table}")
                stored: dict[int, int] = {i: v for i, v in conn.execute(query)}
                assert len(set(stored.values())) > 1
                assert {i: repo._synced.version((kind, i)) for i in stored} == stored


def test_what_a_copy_knows_of_each_entity_is_found_by_id() -> None:
    known = repository.Known(array("q", [2, 5, 9]), array("q", [7, 7, 8]), ["b", "e", "i"])
    assert [known.get(i) for i in (1, 2, 5, 6, 9, 10)] == [
        (None, None), ("b", 7), ("e", 7), (None, None), ("i", 8), (None, None)]
    known.note(5, None, 9)  # gone
    known.note(6, "f", 9)  # added
    known.note(9, "I", None)  # no longer stored
    assert [known.get(i) for i in (5, 6, 9)] == [(None, None), ("f", 9), (None, None)]


@pytest.mark.parametrize("log", [False, True])
def test_reading_a_map_says_how_far_it_got_to_the_end(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch, log: bool) -> None:
    monkeypatch.setattr(repository, "_FETCH_ROWS", 10)  # many steps, even on a small map
    heard: list[tuple[int, int]] = []
    with Repository(demo_db) as repo:
        read = repo.load(log=log, progress=lambda done, total: heard.append((done, total)))
        assert read == repo.load(log=log)
    (total,) = {total for _, total in heard}
    done = [d for d, _ in heard]
    assert len(done) > 20 and 0 < done[0] < total and done == sorted(done)
    assert done[-2:] == [total, total]  # what was counted is exactly what was read


def test_the_stored_versions_of_ids_close_together_or_far_apart_are_found(demo_db: Path) -> None:
    with Repository(demo_db) as repo, repo.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, version FROM interaction")).all()
        stored: dict[int, int] = dict(rows)
        ids = sorted(stored)
        close = ids[10:30]  # read as one range
        apart = [*ids[:: len(ids) // 4], max(ids) * 10]  # looked up one by one, one not stored
        for wanted in (close, apart):
            found = repository._stored_versions(conn, {RecordKind.INTERACTION: wanted})
            assert found == {RecordKind.INTERACTION: {i: stored[i] for i in wanted if i in stored}}
