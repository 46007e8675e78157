"""The people list: rows follow the Document, search as you type, shared selection, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from relmap.core.edits import AddTies, MoveNodes, Position, SetAssessment, UpdatePerson
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField, ContactPoint, Tie
from relmap.document.document import Document
from relmap.ui import operations
from relmap.ui.main_window import MainWindow
from relmap.ui.panes.people_list import PeopleList
from relmap.ui.panes.people_model import COLUMNS, FIRST_RATING, ID_ROLE, SORT_ROLE, PeopleFilter
from relmap.ui.selection import Selection

from .conftest import contact


@pytest.fixture
def people(qtbot: QtBot, document: Document, selection: Selection) -> PeopleList:
    widget = PeopleList(document, selection)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def shown_ids(widget: PeopleList) -> list[PersonId]:
    proxy = widget.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def cell(widget: PeopleList, pid: PersonId, column: int) -> str:
    model = widget.model
    return str(model.index(model.row[pid], column).data())


def test_one_row_per_person_with_every_column(people: PeopleList, document: Document) -> None:
    assert people.model.rowCount() == len(document.network.people)
    assert people.model.columnCount() == len(COLUMNS) == 10
    pid = contact(document, spheres=2)
    p = document.network.people[pid]
    assert cell(people, pid, 1) == p.organisation
    assert all(document.network.spheres[s].name in cell(people, pid, 3) for s in p.spheres)
    assert cell(people, pid, 8) in ("Internal", "External")


def test_the_list_opens_by_name_going_through_each_row_once(
        qtbot: QtBot, document: Document, selection: Selection,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    accepts = PeopleFilter.filterAcceptsRow

    def counted(self: PeopleFilter, row: int, parent: QModelIndex) -> bool:
        seen.append(row)
        return accepts(self, row, parent)

    monkeypatch.setattr(PeopleFilter, "filterAcceptsRow", counted)
    widget = PeopleList(document, selection)
    qtbot.addWidget(widget)
    names = [document.network.people[pid].display_name.casefold() for pid in shown_ids(widget)]
    assert names == sorted(names) and len(names) == len(document.network.people)
    assert sorted(seen) == list(range(len(names)))  # a large map's list opens a pass sooner


def test_a_change_refreshes_only_that_row(people: PeopleList, document: Document) -> None:
    pid = contact(document)
    changed: list[tuple[int, int]] = []
    people.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    document.push(SetAssessment(pid, AssessmentField.QUALITY, 5), "rate")
    row = people.model.row[pid]
    assert changed == [(row, row)]
    assert cell(people, pid, FIRST_RATING + 2) == "5"


def test_search_filters_as_you_type_over_name_org_email_and_notes(
    people: PeopleList, document: Document
) -> None:
    pid = contact(document)
    document.push(
        UpdatePerson(
            pid, {"emails": (ContactPoint("zed@quasar.io", "work"),), "notes": "loves sailing"}
        ),
        "edit",
    )
    organisation = document.network.people[pid].organisation
    people.search.setFocus()
    QTest.keyClicks(people.search, "quasar")
    assert shown_ids(people) == [pid]
    assert people.count.text() == f"1 of {len(document.network.people)}"
    people.search.clear()
    QTest.keyClicks(people.search, "SAILING")
    assert shown_ids(people) == [pid]
    people.search.clear()
    QTest.keyClicks(people.search, organisation.lower())
    expected = {p.id for p in document.network.people.values() if p.organisation == organisation}
    assert pid in shown_ids(people) and set(shown_ids(people)) >= expected
    people.search.clear()
    assert len(shown_ids(people)) == len(document.network.people)


def test_sorting_by_a_rating_column(people: PeopleList, document: Document) -> None:
    column = FIRST_RATING + 2  # quality
    people.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    values = [document.network.people[p].assessment.quality or 0 for p in shown_ids(people)]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]


def test_selection_is_shared_both_ways(
    people: PeopleList, document: Document, selection: Selection
) -> None:
    a, b = list(document.network.people)[2:4]
    selection.set_people(frozenset({a, b}))
    assert people.selected_ids() == {a, b}
    row = people.proxy.mapFromSource(people.model.index(people.model.row[a], 0))
    people.table.scrollTo(row)
    # A plain click, its modifiers stated: selectRow would read whatever keys the last
    # input event of an earlier test left pressed.
    QTest.mouseClick(people.table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, people.table.visualRect(row).center())
    assert selection.people == {a}


def test_keyboard_only_search_then_down_then_enter(
    people: PeopleList, document: Document, selection: Selection, qtbot: QtBot
) -> None:
    pid = contact(document)
    name = document.network.people[pid].display_name
    people.focus_search()
    QTest.keyClicks(people.search, name)
    QTest.keyClick(people.search, Qt.Key.Key_Down)
    assert people.table.hasFocus() or people.table.currentIndex().isValid()
    assert selection.people == {pid}
    with qtbot.waitSignal(people.sig_activated) as activated:
        QTest.keyClick(people.table, Qt.Key.Key_Return)
    assert activated.args == [pid]


def test_enter_in_the_search_opens_the_highlighted_row_not_the_first(
    people: PeopleList, document: Document, qtbot: QtBot
) -> None:
    organisation = document.network.people[contact(document)].organisation
    people.focus_search()
    QTest.keyClicks(people.search, organisation)
    assert people.proxy.rowCount() >= 2
    QTest.keyClick(people.search, Qt.Key.Key_Down)  # into the list, on the first row
    QTest.keyClick(people.table, Qt.Key.Key_Down)  # the second row
    second = people.table.currentIndex().data(ID_ROLE)
    people.search.setFocus()
    with qtbot.waitSignal(people.sig_activated) as activated:
        QTest.keyClick(people.search, Qt.Key.Key_Return)
    assert activated.args == [second] and second != shown_ids(people)[0]


def test_rows_come_and_go_with_people(people: PeopleList, document: Document) -> None:
    n = people.model.rowCount()
    pid = operations.add_person(document, at=(0.0, 0.0), name="Zoë Newcomer")
    assert people.model.rowCount() == n + 1 and pid in shown_ids(people)
    operations.delete_people(document, {pid})
    assert people.model.rowCount() == n and pid not in shown_ids(people)
    model = people.model
    gone = sorted(document.network.people)[n // 3 : n // 3 + 2]  # rows after theirs move up
    operations.delete_people(document, set(gone))
    assert len(model.row) == len(model.ids) == n - 2
    assert [model.row[p] for p in model.ids] == list(range(n - 2))
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert pid in shown_ids(people)
    assert people.model.index(people.model.row[pid], 0).data() == "Zoë Newcomer"
    assert people.model.rowCount(people.model.index(0, 0)) == 0  # a table, not a tree


def test_enter_in_the_list_centres_the_map(window: MainWindow, document: Document) -> None:
    pid = contact(document)
    window.canvas.zoom(4.0)
    window.people_list.focus_search()
    QTest.keyClicks(window.people_list.search, document.network.people[pid].display_name)
    QTest.keyClick(window.people_list.search, Qt.Key.Key_Return)
    centre = window.canvas.view.viewRect().center()
    x, y = window.canvas.pos[window.canvas.row[pid]]
    assert abs(centre.x() - x) < 1.0 and abs(centre.y() - y) < 1.0
    assert window.canvas.selection == {pid}


def test_the_sort_order_holds_as_values_change(people: PeopleList, document: Document) -> None:
    people.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # organisation
    pid = shown_ids(people)[0]
    document.push(UpdatePerson(pid, {"organisation": "Zzz Last Ltd"}), "edit")
    assert shown_ids(people)[-1] == pid
    organisations = [document.network.people[p].organisation.casefold() for p in shown_ids(people)]
    assert organisations == sorted(organisations)
    selection_row = people.proxy.mapFromSource(people.model.index(people.model.row[pid], 0))
    assert selection_row.row() == people.proxy.rowCount() - 1


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_few_people_changed_move_to_their_places_without_sorting_everyone(
    people: PeopleList, document: Document, selection: Selection, order: Qt.SortOrder
) -> None:
    people.table.sortByColumn(0, order)
    people.search.setText("a")
    model, ids = people.model, list(document.network.people)
    selection.set_people(frozenset({ids[3]}))
    resorted: list[object] = []
    model.layoutChanged.connect(resorted.append)
    twin = document.network.people[ids[6]].display_name  # the same name as someone's
    for pid, name in ((ids[1], "Aaron First"), (ids[2], "Zara Last"), (ids[4], "Mia Middle"),
                      (ids[5], twin), (ids[3], "Ada Selected")):
        document.push(UpdatePerson(pid, {"display_name": name}), "rename")
        keys = [model.index(r, 0).data(SORT_ROLE) for r in range(model.rowCount())]
        assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
        assert [model.row[p] for p in model.ids] == list(range(len(model.ids)))
    assert not resorted  # each moved to its place: no pass over every row
    assert people.selected_ids() == {ids[3]}
    (row,) = people.table.selectionModel().selectedRows()
    assert people.table.viewport().rect().intersects(people.table.visualRect(row))  # in sight
    assert shown_ids(people) == [p for p in model.ids if "a" in model.search_text(model.row[p])]


def test_moves_and_ties_leave_the_list_in_order_for_the_next_edit(
    people: PeopleList, document: Document
) -> None:
    """A drag or a new tie changes no cell: a rename after it still moves one row to its
    place, instead of sorting every row again (0.3 s at 100,000 people)."""
    people.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model, (a, b, c) = people.model, list(document.network.people)[1:4]
    resorted: list[object] = []
    model.layoutChanged.connect(lambda *args: resorted.append(args))
    document.push(MoveNodes({a: Position(10.0, 20.0, False)}), "drag")
    document.push(AddTies((Tie(document.network.next_tie_id(), a, b),)), "connect")
    document.push(UpdatePerson(c, {"display_name": "Zoe Last"}), "rename")
    assert not resorted
    assert model.ids[-1] == c


def test_the_total_follows_an_import_and_its_undo_while_a_search_is_on(
    people: PeopleList, document: Document
) -> None:
    from relmap.core.edits import AddPeople
    from relmap.core.model import Person

    people.search.setText("a")
    shown, total = people.proxy.rowCount(), len(document.network.people)
    assert people.count.text() == f"{shown:,} of {total:,}"
    first = PersonId(max(document.network.people) + 1)
    document.push(AddPeople((Person(first, "Zara Anders"), Person(PersonId(first + 1),
                                                                      "Zed Amani"))), "Import")
    assert people.count.text() == f"{shown + 2:,} of {total + 2:,}"
    document.undo_stack.undo()
    assert people.count.text() == f"{shown:,} of {total:,}"
