"""Two copies of one map (two windows, two team members, the app and a command): no edit is
lost unseen, on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from relmap.core.edits import (
    AddPeople,
    AddTies,
    RemovePeople,
    SetAssessment,
    SetMembership,
    UpdatePerson,
    UpdateTie,
)
from relmap.core.ids import PersonId, SphereId
from relmap.core.merge import ConflictError
from relmap.core.model import AssessmentField, Person, Sphere, Tie, TieKind
from relmap.core.network import PERSON, TIE, Network
from relmap.store.repository import Repository, ensure_me


def _start(url: str) -> tuple[Repository, Network, PersonId]:
    """A map with me, Ada and one sphere; returns a copy of it and Ada's id."""
    repo = Repository(url)
    net = repo.load()
    ensure_me(repo, net)
    sid = net.next_sphere_id()
    repo.apply(AddPeople((Person(net.next_person_id(), "Ada Lovelace"),)), net)
    from relmap.core.edits import AddSphere
    repo.apply(AddSphere(Sphere(sid, "Maths", "#1f77b4")), net)
    ada = next(p for p in net.people if not net.people[p].is_me)
    return repo, net, ada


def _copy(url: str) -> tuple[Repository, Network]:
    repo = Repository(url)
    return repo, repo.load()


def _stored(url: str) -> Network:
    with Repository(url) as repo:
        return repo.load()


def test_stale_edits_of_different_fields_both_survive(url: str) -> None:
    alice, a_net, ada = _start(url)
    bob, b_net = _copy(url)
    alice.apply(UpdatePerson(ada, {"title": "Analyst"}), a_net)
    alice.apply(SetAssessment(ada, AssessmentField.QUALITY, 5), a_net)
    alice.apply(SetMembership(SphereId(1), frozenset({ada}), True), a_net)
    # Bob's copy is stale: his edits merge with Alice's instead of reverting them.
    bob.apply(UpdatePerson(ada, {"notes": "Met at the Analytical Society"}), b_net)
    assert [s.member for s in bob.merged.values()] == [alice.member]
    bob.apply(SetAssessment(ada, AssessmentField.TRUST_GIVEN, 4), b_net)
    assert b_net.people[ada].title == "Analyst"  # the merge reached Bob's copy
    stored = _stored(url).people[ada]
    assert (stored.title, stored.notes) == ("Analyst", "Met at the Analytical Society")
    assert (stored.assessment.quality, stored.assessment.trust_given) == (5, 4)
    assert stored.spheres == {SphereId(1)}
    alice.close()
    bob.close()


def test_the_same_field_changed_twice_is_a_conflict_and_keeps_the_stored_value(url: str) -> None:
    alice, a_net, ada = _start(url)
    bob, b_net = _copy(url)
    alice.apply(UpdatePerson(ada, {"title": "Analyst"}), a_net, summary="Edit title of Ada")
    alice.apply(SetAssessment(ada, AssessmentField.QUALITY, 5), a_net)
    with pytest.raises(ConflictError) as caught:
        bob.apply(UpdatePerson(ada, {"title": "Countess", "notes": "poet's daughter"}), b_net)
    conflict = caught.value
    [(key, clash)] = conflict.clashes
    assert key == (PERSON, ada) and (clash.field, clash.mine, clash.theirs) == (
        "title", "Countess", "Analyst")
    stamp = conflict.stamp(key)
    assert stamp is not None and stamp.member == alice.member
    assert "also changed the title of Ada Lovelace" in str(conflict)
    assert conflict.planned[key].notes == "poet's daughter"  # what merged is kept for a choice
    with pytest.raises(ConflictError):
        bob.apply(SetAssessment(ada, AssessmentField.QUALITY, 2), b_net)
    stored = _stored(url).people[ada]
    assert (stored.title, stored.notes, stored.assessment.quality) == ("Analyst", "", 5)
    assert b_net.people[ada].title == ""  # Bob's copy is as it was: nothing half-applied
    alice.close()
    bob.close()


def test_stale_edits_of_one_tie_merge_field_by_field(url: str) -> None:
    alice, a_net, ada = _start(url)
    me = a_net.me
    assert me is not None
    tid = a_net.next_tie_id()
    alice.apply(AddTies((Tie(tid, me.id, ada, TieKind.FRIEND, strength=3),)), a_net)
    bob, b_net = _copy(url)
    alice.apply(UpdateTie(tid, {"strength": 5}), a_net)
    bob.apply(UpdateTie(tid, {"notes": "met at the Society"}), b_net)  # stale: merged
    stored = _stored(url).ties[tid]
    assert (stored.strength, stored.notes) == (5, "met at the Society")
    assert b_net.ties[tid] == stored
    alice.apply(UpdateTie(tid, {"kind": TieKind.COLLEAGUE}), a_net)
    with pytest.raises(ConflictError) as caught:
        bob.apply(UpdateTie(tid, {"kind": TieKind.FAMILY}), b_net)
    [(key, clash)] = caught.value.clashes
    assert key == (TIE, tid) and (clash.field, clash.mine, clash.theirs) == (
        "kind", TieKind.FAMILY, TieKind.COLLEAGUE)
    assert _stored(url).ties[tid].kind is TieKind.COLLEAGUE
    alice.close()
    bob.close()


def test_a_deleted_person_never_comes_back_unseen(url: str) -> None:
    alice, a_net, ada = _start(url)
    bob, b_net = _copy(url)
    alice.apply(RemovePeople((ada,)), a_net)
    with pytest.raises(ConflictError, match=f"^{alice.member} .*deleted Ada Lovelace, which "
                       "you changed"):
        bob.apply(UpdatePerson(ada, {"notes": "stale"}), b_net)
    assert ada not in _stored(url).people
    alice.close()
    bob.close()


def test_deleting_someone_another_copy_just_changed_is_a_conflict(url: str) -> None:
    alice, a_net, ada = _start(url)
    bob, b_net = _copy(url)
    alice.apply(UpdatePerson(ada, {"title": "Analyst"}), a_net)
    with pytest.raises(ConflictError, match="changed Ada Lovelace, which you deleted"):
        bob.apply(RemovePeople((ada,)), b_net)
    assert _stored(url).people[ada].title == "Analyst"
    alice.close()
    bob.close()


def test_deleting_someone_takes_no_tie_another_copy_added_unseen(url: str) -> None:
    alice, a_net, ada = _start(url)
    bob, b_net = _copy(url)
    me = a_net.me
    assert me is not None
    alice.apply(AddTies((Tie(a_net.next_tie_id(), me.id, ada, TieKind.FRIEND, strength=4),)),
                a_net, summary="Connect")
    with pytest.raises(ConflictError, match="changed Ada Lovelace, which you deleted"):
        bob.apply(RemovePeople((ada,)), b_net)
    stored = _stored(url)
    assert ada in stored.people and len(stored.ties) == 1
    alice.close()
    bob.close()


def test_people_added_at_the_same_moment_get_different_ids(url: str) -> None:
    alice, a_net, _ = _start(url)
    bob, b_net = _copy(url)
    for n in range(3):
        alice.apply(AddPeople((Person(a_net.next_person_id(), f"Alice's {n}"),)), a_net)
        bob.apply(AddPeople((Person(b_net.next_person_id(), f"Bob's {n}"),)), b_net)
    names = {p.display_name for p in _stored(url).people.values()}
    assert {f"{who}'s {n}" for who in ("Alice", "Bob") for n in range(3)} <= names
    alice.close()
    bob.close()


def test_a_command_run_while_the_map_is_open_loses_nothing(url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    alice, a_net, _ = _start(url)
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,Company,Position\n" + "".join(
        f"Imported,Person {n},Acme,Engineer\n" for n in range(7)))
    done = subprocess.run([sys.executable, "-m", "relmap", "import", "--db", url, "linkedin",
                           str(csv)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for n in range(3):  # the open copy adds after the import, from its own ids
        alice.apply(AddPeople((Person(a_net.next_person_id(), f"Added {n}"),)), a_net)
    names = [p.display_name for p in _stored(url).people.values()]
    assert sum(n.startswith("Imported Person") for n in names) == 7
    assert sum(n.startswith("Added") for n in names) == 3
    alice.close()


_WORKER = textwrap.dedent("""
    import sys
    from relmap.core.edits import AddPeople, SetAssessment, UpdatePerson
    from relmap.core.merge import ConflictError
    from relmap.core.model import AssessmentField, Person
    from relmap.store.repository import Repository
    url, field, rating, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    repo = Repository(url)
    net = repo.load()
    people = sorted(p for p, person in net.people.items()
                    if not person.is_me and " new " not in person.display_name)
    for n in range(rounds):
        pid = people[n % len(people)]
        repo.apply(UpdatePerson(pid, {field: f"{field} {n}"}), net)
        repo.apply(SetAssessment(pid, AssessmentField(rating), 1 + n % 5), net)
        if n % 5 == 0:
            repo.apply(AddPeople((Person(net.next_person_id(), f"{field} new {n}"),)), net)
    print("ok")
""")


def test_two_processes_editing_at_once_lose_no_edit(url: str) -> None:
    repo, net, _ = _start(url)
    repo.apply(AddPeople(tuple(Person(PersonId(i), f"Person {i}")
                               for i in net.new_ids(PERSON, 9))), net)
    repo.close()
    rounds = 60
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, url, field, rating, str(rounds)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for field, rating in (("title", "trust_given"), ("notes", "quality"))]
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0 and out.strip() == "ok", err
    stored = _stored(url)
    added = [p.display_name for p in stored.people.values() if " new " in p.display_name]
    assert len(added) == 2 * len(range(0, rounds, 5))
    people = [stored.people[p] for p in sorted(stored.people)
              if not stored.people[p].is_me and " new " not in stored.people[p].display_name]
    assert len(people) == 10
    # Each person's last edit by each process is there: the two never overwrote each other.
    for i, person in enumerate(people):
        last = max(n for n in range(rounds) if n % len(people) == i)
        assert (person.title, person.notes) == (f"title {last}", f"notes {last}")
        assert person.assessment.trust_given == person.assessment.quality == 1 + last % 5
