"""The Drifting dock, the ledger and timeline edits in the person pane, the cadence fields:
each change stored, shown at once and undoable."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from relmap.analysis.upkeep import Status, cadences, drifting, standing
from relmap.core.edits import AddPeople, SetAssessment
from relmap.core.ids import PersonId, TieId
from relmap.core.model import AssessmentField, ExchangeKind, Person, RecordKind, Tie, Tier
from relmap.document.document import Document
from relmap.ui.dialogs.log_dialog import ExchangeDialog, LogDialog
from relmap.ui.main_window import MainWindow
from relmap.ui.panes.drifting_pane import DriftingPane

from .conftest import stored


@pytest.fixture(autouse=True)
def _drifting_shown(window: MainWindow) -> None:
    """The Drifting tab in front: a pane behind another tab reads the map only when shown."""
    window.drifting_dock.raise_()
    QApplication.processEvents()


def _choose(window: MainWindow, row: int = 0) -> PersonId:
    pane = window.drifting
    pane.due.setCurrentRow(row)
    chosen = pane.chosen()
    assert chosen is not None
    return chosen


def test_the_drifting_dock_logs_a_contact_in_one_click(window: MainWindow, demo_db: Path) -> None:
    pane, network = window.drifting, window.document.network
    due = drifting(network, today=date.today())
    assert due and pane.due.count() == len(due)  # the demo map has people drifting
    assert f"{len(due)} due for contact" in pane.status.text()
    pid = _choose(window)
    assert pid == due[0].person
    pane.log_button.menu().actions()[1].trigger()  # Call
    QApplication.processEvents()
    assert pid not in [pane.due.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(pane.due.count())]
    assert pane.due.count() == len(due) - 1
    latest = max(stored(demo_db).interactions.values(), key=lambda i: i.id)
    assert (latest.kind.value, latest.participants, latest.on) == (
        "call", frozenset({pid}), date.today())
    window.document.undo_stack.undo()
    QApplication.processEvents()
    assert pane.due.count() == len(due)


def test_a_map_nobody_has_a_cadence_on_says_how_one_is_set(tmp_path: Path) -> None:
    """A fresh import: nobody rated, so nobody has a cadence; "everyone with a cadence was met
    within it" read as if all were well."""
    document = Document.open(tmp_path / "map.db")
    me = document.network.me
    assert me is not None
    people = tuple(Person(PersonId(i + 2), f"Contact {i}") for i in range(3))
    document.push(AddPeople(people, tuple(Tie(TieId(i + 1), me.id, p.id)
                                          for i, p in enumerate(people))), "Import")
    pane = DriftingPane(document)
    pane.read_map()
    assert pane.status.text().startswith("Nobody to keep in touch with yet")
    document.push(SetAssessment(PersonId(2), AssessmentField.TRUST_GIVEN, 4), "Rate")
    pane.read_map()
    assert pane.status.text().startswith("Nobody is due")  # a cadence now, not yet run out
    pane.deleteLater()
    document.close()


def test_snooze_hides_until_the_day_chosen(window: MainWindow, demo_db: Path) -> None:
    pane = window.drifting
    count = pane.due.count()
    pid = _choose(window, 1)
    pane.snooze_button.menu().actions()[1].trigger()  # for two weeks
    QApplication.processEvents()
    assert stored(demo_db).people[pid].snoozed_until == date.today() + timedelta(days=14)
    assert pane.due.count() == count - 1 and "1 snoozed" in pane.status.text()
    assert window.document.undo_stack.undoText().startswith("Snooze ")


def test_the_map_can_show_only_the_people_drifting(window: MainWindow) -> None:
    pane = window.drifting
    everyone = drifting(window.document.network, today=date.today())
    pane.spotlight.setCurrentIndex(1)
    assert window.canvas.spotlight == {d.person for d in everyone}
    pane.spotlight.setCurrentIndex(2)
    overdue = {d.person for d in everyone if d.standing.status is Status.OVERDUE}
    assert window.canvas.spotlight == overdue and overdue
    pane.spotlight.setCurrentIndex(0)
    assert window.canvas.spotlight == frozenset()


def test_an_exchange_is_recorded_edited_and_shown_with_the_balance(
    window: MainWindow, demo_db: Path
) -> None:
    network = window.document.network
    person = next(p for p in network.people.values()
                  if not p.is_me and not any(e.person == p.id for e in network.exchanges.values()))
    window.selection.set_people(frozenset({person.id}))
    timeline = window.person_pane.timeline

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExchangeDialog)
        dialog.direction.setCurrentIndex(1)  # they gave me
        dialog.kind.setCurrentIndex(dialog.kind.findData("referral"))
        dialog.value.setCurrentIndex(dialog.value.findData(5))
        dialog.note.setText("sent me a client")
        dialog.accept()

    QTimer.singleShot(0, fill)
    timeline.exchange_button.click()
    mine = [e for e in stored(demo_db).exchanges.values() if e.person == person.id]
    assert [(e.gave, e.kind, e.value, e.note, e.on) for e in mine] == [
        (False, ExchangeKind.REFERRAL, 5, "sent me a client", date.today())]
    assert window.document.undo_stack.undoText() == (
        f"Record referral received from {person.display_name}")
    assert "received referral: sent me a client · worth 5/5" in timeline.entries.item(0).text()
    assert "I mostly take (-5.0)" in timeline.summary.text()
    assert person.id in [window.drifting.owed.item(i).data(Qt.ItemDataRole.UserRole)
                         for i in range(window.drifting.owed.count())]

    def edit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExchangeDialog) and dialog.note.text() == "sent me a client"
        dialog.direction.setCurrentIndex(0)
        dialog.accept()

    timeline.entries.setCurrentRow(0)
    QTimer.singleShot(0, edit)
    timeline.edit_current()
    mine = [e for e in stored(demo_db).exchanges.values() if e.person == person.id]
    assert [e.gave for e in mine] == [True] and "I mostly give" in timeline.summary.text()
    window.document.undo_stack.undo()
    assert [e.gave for e in stored(demo_db).exchanges.values() if e.person == person.id] == [False]


def test_an_interaction_is_edited_from_the_timeline(window: MainWindow, demo_db: Path) -> None:
    network = window.document.network
    first = min(network.interactions.values(), key=lambda i: i.id)
    pid = min(first.participants)
    window.selection.set_people(frozenset({pid}))
    timeline = window.person_pane.timeline
    row = next(r for r in range(timeline.entries.count())
               if timeline.entries.item(r).data(Qt.ItemDataRole.UserRole)
               == (RecordKind.INTERACTION, int(first.id)))
    timeline.entries.setCurrentRow(row)

    def edit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LogDialog) and dialog.windowTitle() == "Edit Interaction"
        dialog.summary.setText("edited summary")
        dialog.accept()

    QTimer.singleShot(0, edit)
    timeline.edit_current()
    assert stored(demo_db).interactions[first.id].summary == "edited summary"
    assert len(stored(demo_db).interactions) == len(network.interactions)
    assert window.document.undo_stack.undoText().startswith(f"Edit a {first.kind.value} with ")


def test_the_cadence_fields_set_the_window_and_say_where_it_comes_from(
    window: MainWindow, demo_db: Path
) -> None:
    network = window.document.network
    person = next(p for p in network.people.values() if not p.is_me and p.cadence_days is None
                  and standing(network, p.id, today=date.today()) is not None)
    window.selection.set_people(frozenset({person.id}))
    form, timeline = window.person_pane.form, window.person_pane.timeline
    assert "sphere" in timeline.summary.text() or "tier" in timeline.summary.text()
    form.cadence.setValue(10)
    form.cadence_max.setValue(12)
    form.flush()
    saved = stored(demo_db).people[person.id]
    assert (saved.cadence_days, saved.cadence_max_days) == (10, 12)
    assert "Every 10 days, at most 12 (set for them)" in timeline.summary.text()
    form.cadence_max.setValue(5)
    form.flush()
    assert "at least the ideal" in form.cadence_error.text()
    assert stored(demo_db).people[person.id].cadence_max_days == 12
    now = standing(window.document.network, person.id, today=date.today())
    assert now is not None and now.status in Status


def test_the_wheel_scrolls_the_pane_instead_of_editing_a_field(
    window: MainWindow, demo_db: Path
) -> None:
    network = window.document.network
    person = next(p for p in network.people.values() if not p.is_me)
    window.selection.set_people(frozenset({person.id}))
    box = window.person_pane.form.network
    before = box.currentIndex()
    window.canvas.setFocus()
    centre = QPointF(box.rect().center())
    event = QWheelEvent(centre, QPointF(box.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(box, event)
    assert box.currentIndex() == before
    assert stored(demo_db).people[person.id].internal == person.internal
    box.setFocus()
    QApplication.sendEvent(box, event)
    assert box.currentIndex() != before  # once chosen, the wheel works as usual


def test_a_real_wheel_over_a_field_scrolls_the_pane_and_leaves_the_field_alone(
    window: MainWindow, demo_db: Path
) -> None:
    """A wheel from the window system gives a field that takes the focus by wheel (a combo
    box does, in Qt) the focus before anyone sees the wheel: such a field would then take it
    as chosen. Sent as the window system sends it, the wheel scrolls the pane."""
    network = window.document.network
    person = next(p for p in network.people.values() if not p.is_me)
    window.selection.set_people(frozenset({person.id}))
    window.canvas.setFocus()
    box = window.person_pane.form.network
    pane = window.person_pane
    QApplication.processEvents()
    pane.ensureWidgetVisible(box)
    assert window.rect().contains(window.mapFromGlobal(box.mapToGlobal(box.rect().center())))
    before, scrolled = box.currentIndex(), pane.verticalScrollBar().value()
    handle = window.windowHandle()
    assert handle is not None
    at = window.mapFromGlobal(box.mapToGlobal(box.rect().center()))
    for _ in range(3):
        QTest.wheelEvent(handle, QPointF(at), QPoint(0, -120))
        QApplication.processEvents()
    assert box.currentIndex() == before and not box.hasFocus()
    assert pane.verticalScrollBar().value() != scrolled
    assert stored(demo_db).people[person.id].internal == person.internal


def test_tier_and_sphere_cadences_are_saved_as_one_undo_step(
    window: MainWindow, demo_db: Path
) -> None:
    from relmap.core.model import Tier
    from relmap.ui.dialogs.cadence_dialog import CadenceDialog

    network = window.document.network
    investors = next(s.id for s in network.spheres.values() if s.name == "Investors")
    dialog = CadenceDialog(window.document, window)
    assert dialog.edit() is None  # nothing changed yet
    dialog.tiers[Tier.NETWORK][0].setValue(0)  # switch the network tier off
    dialog.spheres[investors][0].setValue(20)
    dialog.spheres[investors][1].setValue(10)
    dialog.accept()
    assert "at least the ideal" in dialog.error.text()
    dialog.spheres[investors][1].setValue(30)
    dialog.accept()
    saved = stored(demo_db)
    assert saved.cadences[Tier.NETWORK].ideal is None
    assert (saved.spheres[investors].cadence_days, saved.spheres[investors].cadence_max_days) == (
        20, 30)
    assert "from the network tier" not in {c.source for c in cadences(network).values()}
    window.document.undo_stack.undo()
    assert stored(demo_db).cadences == {} and stored(demo_db).spheres[investors].cadence_days == 45


def test_how_we_met_shows_the_referral_chain_and_lights_it_on_the_map(window: MainWindow) -> None:
    from relmap.analysis.referrals import introducers, referral_tree

    network = window.document.network
    person = max((p for p in network.people.values() if p.introduced_by is not None),
                 key=lambda p: len(introducers(network, p.id)))
    chain = introducers(network, person.id)
    assert len(chain) >= 2  # the demo map has a referral chain
    window.selection.set_people(frozenset({person.id}))
    pane = window.person_pane
    names = [network.people[p].display_name for p in reversed(chain)]
    assert " → ".join([*names, person.display_name]) in pane.referrals.text()
    pane.referral_button.click()
    assert window.canvas.spotlight == referral_tree(network, person.id)
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.spotlight == frozenset()


def test_the_cadence_ring_on_the_map_follows_a_logged_contact(window: MainWindow) -> None:
    from relmap import style

    window.set_decoration("outline_by", style.Upkeep.CADENCE)
    canvas, pane = window.canvas, window.drifting
    overdue = next(d.person for d in drifting(window.document.network, today=date.today())
                   if d.standing.status is Status.OVERDUE)
    row = canvas.row[overdue]
    assert canvas.pens[row].color().name() == style.CADENCE_RINGS["overdue"]
    assert "Ring" in window.legend.key.text()
    pane.due.setCurrentRow(next(i for i in range(pane.due.count())
                                if pane.due.item(i).data(Qt.ItemDataRole.UserRole) == overdue))
    pane.log_button.menu().actions()[0].trigger()
    assert canvas.pens[row].color().name() == style.CADENCE_RINGS["ok"]
    window.set_decoration("outline_by", None)
    assert canvas.pens[row].color().name() != style.CADENCE_RINGS["ok"]


def test_an_edit_restyles_everyone_whose_ring_or_fifth_it_moves(window: MainWindow) -> None:
    """An edit styles again only the people whose ring or fifth it moved: all of them, as a
    fresh drawing of the map would."""
    from relmap import style
    from relmap.core.edits import AddTies
    from relmap.core.model import Tie, TierCadence
    from relmap.core.records import PutRecords

    window.set_decoration("outline_by", style.Upkeep.CADENCE)
    window.set_decoration("size_by", style.Measure.TIES)
    document, canvas = window.document, window.canvas
    network = document.network
    today = date.today()

    def drawn() -> tuple[list[str], list[float]]:
        return [pen.color().name() for pen in canvas.pens], canvas.radius.tolist()

    def tier_of(status: Status) -> list[PersonId]:
        return [p for p in network.people if (s := standing(network, p, today=today))
                and s.status is status and "tier" in s.cadence.source]

    kept = tier_of(Status.OK)
    assert len(kept) > 1  # the demo has people in touch by their tier's cadence
    # A tier's window made a day long: everyone in it and not seen today is overdue.
    document.push(PutRecords(tuple(TierCadence(t, 1, 1) for t in Tier)), "Every day")
    assert set(kept) & set(tier_of(Status.OVERDUE))
    shown = drawn()
    canvas.rebuild()
    assert drawn() == shown
    # A hub tied to a loner: the loner climbs a fifth by ties, and others' fifths may move.
    loner = min((p for p in network.people.values() if not p.is_me),
                key=lambda p: sum(1 for _ in network.ties_of(p.id)))
    near = {t.a for t in network.ties_of(loner.id)} | {t.b for t in network.ties_of(loner.id)}
    others = [p for p in network.people if p not in near and not network.people[p].is_me]
    document.push(AddTies(tuple(Tie(TieId(network.next_tie_id() + i), loner.id, p)
                                for i, p in enumerate(others[:12]))), "Connect")
    shown = drawn()
    canvas.rebuild()
    assert drawn() == shown


def test_the_tie_to_me_takes_the_colour_of_the_balance(window: MainWindow) -> None:
    from relmap import style
    from relmap.core.ids import ExchangeId
    from relmap.core.model import Exchange
    from relmap.core.records import PutRecords

    network, canvas = window.document.network, window.canvas
    me = network.me
    assert me is not None
    tie = next(t for t in network.ties_of(me.id)
               if not any(e.person in (t.a, t.b) for e in network.exchanges.values()))
    other = tie.b if tie.a == me.id else tie.a
    window.set_decoration("tie_colour_by", style.TieColour.RECIPROCITY)
    index = canvas.edges.index[tie.id]
    assert canvas.edges.tone[index] == 0  # nothing exchanged: plain
    gift = Exchange(ExchangeId(max(network.exchanges) + 1), other, True, ExchangeKind.GIFT,
                    date.today(), value=5)
    window.document.push(PutRecords((gift,)), "Record a gift")
    assert canvas.edges.tone[index] == 5  # I mostly give: the last of the ramp
    assert "Tie to me" in window.legend.key.text()
    window.set_decoration("tie_colour_by", None)
    assert canvas.edges.tone[index] == 0


def test_a_tab_behind_another_reads_the_map_only_once_shown(window: MainWindow) -> None:
    window.legend_dock.raise_()
    QApplication.processEvents()
    pane = window.drifting
    count = pane.due.count()
    pid = next(d.person for d in drifting(window.document.network, today=date.today()))
    from relmap.core.edits import UpdatePerson

    window.document.push(UpdatePerson(pid, {"snoozed_until": date.today() + timedelta(days=9)}),
                         "Snooze")
    QApplication.processEvents()
    assert pane.due.count() == count  # hidden: not read yet
    window.drifting_dock.raise_()
    QApplication.processEvents()
    assert pane.due.count() == count - 1
