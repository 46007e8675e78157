"""The Document against a real database: push, undo, redo, merge, and what listeners hear."""

from __future__ import annotations

import gc
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from relmap.core import turns
from relmap.core.edits import MoveNodes, Position, RemovePeople, SetAssessment, UpdatePerson
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField
from relmap.core.network import ChangeSet
from relmap.core.turns import wait_for_window
from relmap.document import document
from relmap.document.document import Document
from relmap.store.repository import Repository


def _reloaded(db: Path) -> object:
    with Repository(db) as repo:
        return repo.load()


def _contact(doc: Document) -> PersonId:
    return next(p for p in doc.network.people if not doc.network.people[p].is_me)


def test_push_undo_redo_hit_the_database(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    original = doc.network.copy()
    pid = _contact(doc)
    with qtbot.waitSignal(doc.sig_changed) as blocker:
        doc.push(RemovePeople((pid,)), "Delete", origin="test")
    changes: ChangeSet = blocker.args[0]
    assert pid in changes.people and changes.structural and changes.origin == "test"
    after = doc.network.copy()
    assert _reloaded(demo_db) == after
    doc.undo_stack.undo()
    assert doc.network == original
    assert _reloaded(demo_db) == original
    doc.undo_stack.redo()
    assert _reloaded(demo_db) == after == doc.network
    doc.close()
    assert doc.undo_stack.count() == 0  # its steps deleted while whole, not by a collection


def test_undoing_a_removal_brings_back_the_rating_history(demo_db: Path) -> None:
    """And keeps the removal until then: the time machine names who left."""
    doc = Document.open(demo_db)
    pid = next(p for p in doc.network.people if doc.history(p) and not doc.network.people[p].is_me)
    history, name = doc.history(pid), doc.network.people[pid].display_name
    seeded = _reloaded_removals(demo_db)
    doc.push(RemovePeople((pid,)), "Delete")
    assert doc.history(pid) == [] and pid not in {h.person for h in doc.history()}
    assert _reloaded_removals(demo_db) - seeded == {name}
    doc.undo_stack.undo()
    assert doc.history(pid) == history and _reloaded_removals(demo_db) == seeded
    assert [h for h in doc.history() if h.person == pid] == history
    doc.undo_stack.redo()
    assert _reloaded_removals(demo_db) - seeded == {name}
    doc.close()


def _reloaded_removals(db: Path) -> set[str]:
    with Repository(db) as repo:
        return {r.name for r in repo.load().removals.values()}


def test_edits_of_one_field_merge_into_one_step(demo_db: Path) -> None:
    doc = Document.open(demo_db)
    pid = _contact(doc)
    before = doc.network.people[pid]
    for text in ("N", "No", "Not", "Notes"):
        doc.push(UpdatePerson(pid, {"notes": text}), "Edit notes")
    for value in (1, 2, 3):
        doc.push(SetAssessment(pid, AssessmentField.TRUST_GIVEN, value), "Rate")
    doc.push(UpdatePerson(pid, {"title": "CTO"}), "Edit title")
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.network.people[pid].assessment.trust_given == before.assessment.trust_given
    assert doc.network.people[pid].notes == "Notes"
    doc.undo_stack.undo()
    assert doc.network.people[pid] == before
    assert _reloaded(demo_db) == doc.network
    doc.close()


def test_a_failed_undo_is_reported_not_swallowed(qtbot: QtBot, demo_db: Path) -> None:
    doc = Document.open(demo_db)
    pid = _contact(doc)
    doc.push(MoveNodes({pid: Position(1.0, 2.0, True)}), "Move")
    con = sqlite3.connect(demo_db)  # another program forbids the change behind our back
    con.execute(
        "CREATE TRIGGER frozen BEFORE UPDATE ON person BEGIN SELECT RAISE(ABORT, 'frozen'); END"
    )
    con.commit()
    con.close()
    with qtbot.waitSignal(doc.sig_failed) as blocker:
        doc.undo_stack.undo()
    assert "frozen" in blocker.args[0]
    assert doc.network.people[pid].x == 1.0  # the map still shows what is stored
    assert _reloaded(demo_db) == doc.network
    doc.close()


def test_new_database_gets_me(tmp_path: Path) -> None:
    doc = Document.open(tmp_path / "fresh.db")
    assert doc.network.me is not None
    assert len(doc.network.people) == 1
    assert _reloaded(tmp_path / "fresh.db") == doc.network
    doc.close()


def test_unplaced_people_are_placed_and_stored(tmp_path: Path) -> None:
    from relmap.core.demo import demo_network

    net = demo_network(people=25, seed=5)  # no positions except me
    with Repository(tmp_path / "m.db") as repo:
        repo.write(net, ChangeSet.everything(net))
    doc = Document.open(tmp_path / "m.db")
    heard: list[float] = []
    doc.place_unplaced(progress=heard.append)
    assert heard and heard == sorted(heard) and heard[0] >= 0.0 and heard[-1] <= 1.0
    assert all(p.placed for p in doc.network.people.values())
    assert doc.network.me.x == 0.0 and doc.network.me.y == 0.0  # type: ignore[union-attr]
    assert doc.undo_stack.count() == 0
    assert _reloaded(tmp_path / "m.db") == doc.network
    doc.close()


def test_separate_changes_of_one_field_stay_separate_steps(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import relmap.document.commands as commands

    clock = [1000.0]
    monkeypatch.setattr(commands, "_now", lambda: clock[0])
    doc = Document.open(demo_db)
    pid = _contact(doc)
    doc.push(SetAssessment(pid, AssessmentField.QUALITY, 3), "Rate")
    clock[0] += 0.5
    doc.push(SetAssessment(pid, AssessmentField.QUALITY, 4), "Rate")  # same gesture: merged
    clock[0] += 60
    doc.push(SetAssessment(pid, AssessmentField.QUALITY, 5), "Rate")  # a minute later: new step
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.network.people[pid].assessment.quality == 4
    doc.close()


def test_a_large_map_and_its_log_are_left_out_before_the_collector_walks_them(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its first pass after a read walks all that was read while it paused: 0.27 s of a
    # 100,000-person map's first frame, and 0.7 s once its log is read in the worker, which
    # the window then waits for.
    monkeypatch.setattr(document, "LEFT_OUT_FROM", 1)  # as if many
    passes: list[str] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "stop":
            passes.append(threading.current_thread().name)

    gc.collect()
    gc.callbacks.append(seen)
    try:
        large = Document.open(demo_db, log_later=True)
        large.read_log_soon()
        large.load_log()
    finally:
        gc.callbacks.remove(seen)
    assert passes == []
    large.close()


def test_a_large_map_is_left_out_of_garbage_collections_until_it_is_closed(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = Document.open(demo_db, log_later=True)
    small.load_log()
    assert gc.get_freeze_count() == 0  # a few people: collecting over them costs nothing
    small.close()
    monkeypatch.setattr(document, "LEFT_OUT_FROM", len(small.network.people))  # as if many
    large = Document.open(demo_db, log_later=True)
    read = gc.get_freeze_count()
    assert read >= len(large.network.people) + len(large.network.ties)
    large.load_log()
    assert gc.get_freeze_count() >= read + len(large.network.interactions)  # and its log
    large.close()
    assert gc.get_freeze_count() == 0


def test_a_map_closed_in_the_midst_of_a_drag_lets_the_measures_go_on(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turns, "PAUSE_S", 0.01)  # a worker that waits gives up at once
    doc = Document.open(demo_db)
    doc.held = True  # a drag under way
    with ThreadPoolExecutor(1) as worker:
        assert not worker.submit(wait_for_window).result()
        doc.close()
        assert worker.submit(wait_for_window).result()
