"""A window shows its map first and reads the relationship log just after; nothing is edited
or taken in from elsewhere on a map without its log."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from threading import Event

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from relmap.analysis.upkeep import Status, last_contact, standing
from relmap.core.edits import (
    AddTies,
    Batch,
    MoveNodes,
    Position,
    RemovePeople,
    SetAssessment,
)
from relmap.core.ids import InteractionId, TieId
from relmap.core.model import AssessmentField, Interaction, InteractionKind, Tie
from relmap.core.records import PutRecords
from relmap.document.document import Document
from relmap.store.repository import LogRead, Repository
from relmap.ui.main_window import MainWindow

from .conftest import contact, stored


def test_the_window_shows_the_map_then_reads_its_log(
    qtbot: QtBot, demo_db: Path, tmp_path: Path
) -> None:
    full = stored(demo_db)
    assert full.interactions  # the demo has a year of contacts
    document = Document.open(demo_db, log_later=True)
    assert document.log_pending and not document.network.interactions
    assert len(document.network.people) == len(full.people)
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    met = next(iter(next(iter(full.interactions.values())).participants))
    window.selection.set_people(frozenset({met}))  # before their contacts are read
    timeline = window.person_pane.timeline
    assert timeline.entries.count() == 0
    window.show()
    qtbot.waitUntil(lambda: not document.log_pending, timeout=10_000)
    assert document.network.interactions == full.interactions
    assert document.network.goals == full.goals and document.network.sessions == full.sessions
    # The panes heard the whole log come in: the person shown now shows their contacts.
    assert timeline.entries.count() == len(list(full.interactions_of(met))) + len(
        list(full.exchanges_of(met))) > 0
    window.close()
    document.close()


def test_an_edit_reads_the_log_first_so_its_undo_brings_everything_back(demo_db: Path) -> None:
    """Deleting someone deletes their contacts in the database: the undo must know them."""
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    met = [i for i in stored(demo_db).interactions.values() if someone in i.participants]
    assert met
    document.push(RemovePeople((someone,)), "Delete")
    assert not document.log_pending
    document.undo_stack.undo()
    back = stored(demo_db)
    assert someone in back.people
    assert all(back.interactions[i.id] == i for i in met)
    document.close()


def test_news_from_elsewhere_waits_for_the_log(demo_db: Path) -> None:
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    with Repository(demo_db) as other:
        network = other.load()
        new = Interaction(InteractionId(max(network.interactions) + 1), date(2026, 1, 5),
                          InteractionKind.CALL, "from elsewhere", None, frozenset({someone}))
        other.apply(PutRecords((new,)), network, summary="Log a call")
    document.take_news()  # reads the log first, the other window's call with it
    assert not document.log_pending
    assert document.network.interactions[new.id] == new
    assert len(document.network.interactions) == len(stored(demo_db).interactions)
    document.close()


def test_an_edit_while_the_log_is_read_in_the_background_waits_for_it(demo_db: Path) -> None:
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    met = [i for i in stored(demo_db).interactions.values() if someone in i.participants]
    document.read_log_soon()  # as a window does once its map is on screen
    document.push(RemovePeople((someone,)), "Delete")
    assert not document.log_pending and not document.log_reading
    assert document.network == stored(demo_db)  # the log taken in, the edit with it
    document.undo_stack.undo()
    assert met and all(document.network.interactions[i.id] == i for i in met)
    assert document.network == stored(demo_db)
    document.close()


def _held_reading(document: Document) -> Event:
    """Start reading the log of ``document`` in the background, held on its connection until
    the event is set (30 s at most)."""
    release = Event()
    repository = document.repository
    reading = repository._read_tables
    repository._read_tables = (  # type: ignore[method-assign]
        lambda conn, kinds: (release.wait(30), reading(conn, kinds))[1])
    document.read_log_soon()
    return release


def test_a_move_while_the_log_is_read_in_the_background_does_not_wait_for_it(
    demo_db: Path,
) -> None:
    """A drag's drop, or a layout, just after a large map opened held the window until the
    whole log was read (fifteen seconds at 100,000 people): a move touches no record."""
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    release = _held_reading(document)
    document.push(MoveNodes({someone: Position(12.5, -3.0, True)}), "Move")
    assert document.log_reading  # not waited for: the log is still being read
    assert stored(demo_db).people[someone].x == 12.5  # committed all the same
    document.undo_stack.undo()
    assert document.log_reading and stored(demo_db).people[someone].x != 12.5
    # A look at someone meanwhile finds their ties without indexing everyone's a second time
    # beside the worker (1.3 s at 100,000 people).
    network = document.network
    assert sorted(t.id for t in network.ties_of(someone)) == sorted(
        t.id for t in network.ties.values() if someone in (t.a, t.b))
    assert not network.has_derived("ties_by_person")
    release.set()
    document.load_log()
    assert document.network == stored(demo_db)
    # The ties indexed with the log are the map's: moves change no tie.
    assert document.network.has_derived("ties_by_person")
    document.close()


def test_a_rating_while_the_log_is_read_does_not_wait_for_it_a_removal_does(
    demo_db: Path,
) -> None:
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    release = _held_reading(document)
    document.push(Batch((SetAssessment(someone, AssessmentField.QUALITY, 5),)), "Rate")
    assert document.log_reading and stored(demo_db).people[someone].assessment.quality == 5
    release.set()
    document.push(RemovePeople((someone,)), "Delete")  # their contacts go too: it waits
    assert not document.log_pending
    document.undo_stack.undo()
    assert document.network == stored(demo_db)
    document.close()


def test_an_edit_in_the_midst_of_a_gesture_lets_the_log_reading_go_on(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading pauses while a drag is under way; a tie drawn from someone is pushed
    before the gesture ends, and waits for the log: the reading must go on meanwhile, not
    pause at each of its steps."""
    from relmap.core import turns

    monkeypatch.setattr(turns, "PAUSE_S", 5.0)
    document = Document.open(demo_db, log_later=True)
    a, b = [p.id for p in document.network.people.values() if not p.is_me][:2]
    let_go: list[bool] = []
    reading = document.repository.read_log

    def read() -> LogRead:
        let_go.append(turns.wait_for_window())  # in the worker, as each batch read does
        return reading()

    document.repository.read_log = read  # type: ignore[method-assign]
    document.held = True  # a gesture under way
    document.read_log_soon()
    tie = Tie(TieId(max(document.network.ties) + 1), a, b)
    document.push(AddTies((tie,)), "Connect")
    document.held = False
    assert let_go == [True]  # not paused the whole PAUSE_S
    assert document.network == stored(demo_db)
    document.close()


def test_what_was_worked_out_before_the_log_came_is_worked_out_again(demo_db: Path) -> None:
    """Selecting someone while the log is read works out everyone's last contact: without
    the log, nobody has one, and the Drifting list must not keep that once the log is in."""
    document = Document.open(demo_db, log_later=True)
    assert last_contact(document.network) == {}
    document.read_log_soon()
    document.load_log()
    full = stored(demo_db)
    assert last_contact(document.network) == last_contact(full) != {}
    someone = contact(document)
    call = Interaction(InteractionId(max(full.interactions) + 1), date.today(),
                       InteractionKind.CALL, "just now", None, frozenset({someone}))
    document.push(PutRecords((call,)), "Log a call")  # counted into what was worked out
    assert last_contact(document.network)[someone] == date.today()
    document.close()


def test_the_log_read_in_the_background_comes_with_everyones_ties_and_contacts_indexed(
    demo_db: Path,
) -> None:
    """The Person pane lists someone's ties, contacts and exchanges from indexes: built while
    the log is read, they are there at the first look at someone, and right."""
    document = Document.open(demo_db, log_later=True)
    someone = contact(document)
    assert list(document.network.interactions_of(someone)) == []  # no log yet
    document.read_log_soon()
    document.load_log()
    network = document.network
    assert network.has_derived("interactions_by_person")
    assert network.has_derived("exchanges_by_person")
    assert network.has_derived("ties_by_person")
    for pid in network.people:
        assert sorted(t.id for t in network.ties_of(pid)) == sorted(
            t.id for t in network.ties.values() if pid in (t.a, t.b))
        assert sorted(i.id for i in network.interactions_of(pid)) == sorted(
            i.id for i in network.interactions.values() if pid in i.participants)
        assert sorted(e.id for e in network.exchanges_of(pid)) == sorted(
            e.id for e in network.exchanges.values() if e.person == pid)
    assert any(network.interactions_of(someone)) and any(network.exchanges.values())
    document.close()


def test_the_stay_in_touch_rings_follow_the_log_once_it_comes_in(
    qtbot: QtBot, demo_db: Path, tmp_path: Path
) -> None:
    from relmap import style

    document = Document.open(demo_db, log_later=True)
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.set_decoration("outline_by", style.Upkeep.CADENCE)  # before any contact is read
    window.show()
    qtbot.waitUntil(lambda: not document.log_pending, timeout=10_000)
    network, canvas, today = document.network, window.canvas, date.today()
    in_touch = [p for p in network.people
                if (now := standing(network, p, today=today)) and now.status is Status.OK]
    assert in_touch  # the demo has people contacted lately
    assert {canvas.pens[canvas.row[p]].color().name() for p in in_touch} == {
        style.CADENCE_RINGS["ok"]}
    window.close()
    document.close()
