"""Two windows on one map: each sees the other's changes within a second, and an undo never
silently reverts what the other did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from relmap.core.edits import AddPeople, RemovePeople, UpdatePerson
from relmap.core.merge import Choice, ConflictError, resolve
from relmap.core.model import Person
from relmap.core.network import PERSON, Key
from relmap.document.document import ELSEWHERE, Document


def _two(tmp_path: Path) -> tuple[Document, Document]:
    db = tmp_path / "map.db"
    alice = Document.open(db)
    alice.push(AddPeople((Person(alice.network.next_person_id(), "Ada Lovelace"),)), "Add Ada")
    return alice, Document.open(db)


def _ada(document: Document) -> Person:
    return next(p for p in document.network.people.values() if p.display_name == "Ada Lovelace")


def test_a_change_in_one_window_reaches_the_other(qtbot: QtBot, tmp_path: Path) -> None:
    alice, bob = _two(tmp_path)
    ada = _ada(alice).id
    bob.watch()
    seen: list[object] = []
    bob.sig_changed.connect(lambda changes: seen.append(changes.origin))
    with qtbot.waitSignal(bob.sig_news, timeout=10_000) as news:
        alice.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title of Ada Lovelace")
    assert bob.network.people[ada].title == "Analyst"
    [stamp] = news.args[0].stamps
    assert stamp.summary == "Edit title of Ada Lovelace"
    assert seen == [ELSEWHERE]
    with qtbot.waitSignal(bob.sig_news, timeout=10_000):
        alice.push(RemovePeople((ada,)), "Delete Ada Lovelace")
    assert ada not in bob.network.people
    assert not alice.take_news()  # a window never hears its own changes back
    alice.close()
    bob.close()


def test_news_waits_while_held(qtbot: QtBot, tmp_path: Path) -> None:
    alice, bob = _two(tmp_path)
    ada = _ada(alice).id
    bob.held = True  # a drag in progress
    alice.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title")
    assert not bob.take_news()
    bob.held = False
    assert bob.take_news() and bob.network.people[ada].title == "Analyst"
    alice.close()
    bob.close()


def test_undo_after_someone_else_changed_the_field_is_a_conflict(tmp_path: Path) -> None:
    alice, bob = _two(tmp_path)
    ada = _ada(alice).id
    alice.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title")
    assert bob.take_news()
    bob.push(UpdatePerson(ada, {"title": "Countess"}), "Edit title")
    assert alice.take_news() and alice.network.people[ada].title == "Countess"
    failures: list[str] = []
    alice.sig_failed.connect(failures.append)
    alice.undo_stack.undo()  # would put "" back over Bob's "Countess"
    assert failures and "also changed the title of Ada Lovelace" in failures[0]
    assert Document.open(tmp_path / "map.db").network.people[ada].title == "Countess"
    # An undo of a field nobody else touched goes through, keeping Bob's change.
    alice.push(UpdatePerson(ada, {"notes": "poet's daughter"}), "Edit notes")
    alice.undo_stack.undo()
    stored = Document.open(tmp_path / "map.db").network.people[ada]
    assert (stored.title, stored.notes) == ("Countess", "")
    alice.close()
    bob.close()


def test_a_settled_conflict_stores_the_choice_and_undoes_to_theirs(tmp_path: Path) -> None:
    alice, bob = _two(tmp_path)
    ada = _ada(alice).id
    alice.push(UpdatePerson(ada, {"title": "Analyst", "notes": "from Alice"}), "Edit Ada")
    asked: list[ConflictError] = []

    def choose(conflict: ConflictError) -> dict[Key, Any]:
        asked.append(conflict)
        return resolve(conflict, {((PERSON, ada), "title"): Choice.MINE,
                                  ((PERSON, ada), "notes"): Choice.BOTH})

    bob.settle = choose
    bob.push(UpdatePerson(ada, {"title": "Countess", "notes": "from Bob"}), "Edit Ada")
    assert len(asked) == 1
    stored = Document.open(tmp_path / "map.db").network.people[ada]
    assert (stored.title, stored.notes) == ("Countess", "from Alice\n\nfrom Bob")
    assert bob.network.people[ada] == stored
    bob.undo_stack.undo()  # back to what was stored before Bob's choice: Alice's
    stored = Document.open(tmp_path / "map.db").network.people[ada]
    assert (stored.title, stored.notes) == ("Analyst", "from Alice")
    alice.close()
    bob.close()


def test_a_declined_conflict_stores_nothing_and_leaves_no_undo_step(tmp_path: Path) -> None:
    alice, bob = _two(tmp_path)
    ada = _ada(alice).id
    alice.push(UpdatePerson(ada, {"title": "Analyst"}), "Edit title")
    steps = bob.undo_stack.count()
    try:
        bob.push(UpdatePerson(ada, {"title": "Countess"}), "Edit title")
    except ConflictError as conflict:
        assert conflict.clashes[0][1].theirs == "Analyst"
    else:
        raise AssertionError("a clash was stored")
    assert bob.undo_stack.count() == steps
    assert Document.open(tmp_path / "map.db").network.people[ada].title == "Analyst"
    alice.close()
    bob.close()
