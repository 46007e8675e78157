"""Spheres: the manager (rename, recolour, describe, merge, delete), tagging, legend, palette."""

from __future__ import annotations

from itertools import combinations, pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from relmap.core.edits import SetMembership, UpdateSphere
from relmap.core.ids import SphereId
from relmap.document.document import Document
from relmap.style import SPHERE_PALETTE, lightness, next_sphere_colour
from relmap.ui.dialogs.sphere_dialog import AddToSphereDialog
from relmap.ui.dialogs.sphere_manager import DESCRIPTION, MEMBERS, NAME, SphereManager
from relmap.ui.panes.legend_pane import FILTER, LegendPane
from relmap.ui.panes.sphere_tags import SphereTags

from .conftest import stored


@pytest.fixture
def manager(qtbot: QtBot, document: Document) -> SphereManager:
    dialog = SphereManager(document)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def biggest(document: Document) -> SphereId:
    net = document.network
    return max(net.spheres, key=lambda s: len(net.members(s)))


def row_of(manager: SphereManager, sphere: SphereId) -> int:
    manager.select(sphere)
    return manager.table.currentRow()


def _cell(manager: SphereManager, row: int, column: int) -> QTableWidgetItem:
    item = manager.table.item(row, column)
    assert item is not None
    return item


def test_manager_lists_spheres_with_counts_and_follows_the_model(
    manager: SphereManager, document: Document
) -> None:
    net = document.network
    assert manager.table.rowCount() == len(net.spheres)
    sid = biggest(document)
    row = row_of(manager, sid)
    assert _cell(manager, row, MEMBERS).text() == str(len(net.members(sid)))
    document.push(UpdateSphere(sid, {"name": "Zeta Guild"}), "rename")
    assert _cell(manager, row_of(manager, sid), NAME).text() == "Zeta Guild"


def test_rename_and_describe_in_place(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    sid = biggest(document)
    row = row_of(manager, sid)
    _cell(manager, row, NAME).setText("Renamed Circle")
    _cell(manager, row_of(manager, sid), DESCRIPTION).setText("Who I meet on Fridays")
    sphere = stored(demo_db).spheres[sid]
    assert (sphere.name, sphere.description) == ("Renamed Circle", "Who I meet on Fridays")
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert stored(demo_db).spheres[sid] == document.network.spheres[sid]
    assert stored(demo_db).spheres[sid].name != "Renamed Circle"


def test_a_duplicate_or_empty_name_is_refused(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    a, b = list(document.network.spheres)[:2]
    taken = document.network.spheres[b].name
    _cell(manager, row_of(manager, a), NAME).setText(taken)
    assert manager.error.isVisibleTo(manager) and "already" in manager.error.text()
    _cell(manager, row_of(manager, a), NAME).setText("  ")
    assert "name" in manager.error.text()
    assert stored(demo_db).spheres[a].name == document.network.spheres[a].name != taken
    assert _cell(manager, row_of(manager, a), NAME).text() == document.network.spheres[a].name


def test_recolour_from_the_palette(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    sid = biggest(document)
    manager.select(sid)
    manager.colour_menu.aboutToShow.emit()
    pick = next(a for a in manager.colour_menu.actions() if a.text() == SPHERE_PALETTE[3])
    before = stored(demo_db).spheres[sid].colour
    pick.trigger()
    assert stored(demo_db).spheres[sid].colour == SPHERE_PALETTE[3] != before
    document.undo_stack.undo()
    assert stored(demo_db).spheres[sid].colour == before


def test_new_sphere_gets_an_unused_palette_colour(
    manager: SphereManager, document: Document
) -> None:
    used = [s.colour for s in document.network.spheres.values()]
    manager.new_button.click()
    sid = manager.current
    assert sid is not None and sid in document.network.spheres
    assert document.network.spheres[sid].colour == next_sphere_colour(used)
    assert document.network.spheres[sid].colour not in used


def test_merge_two_spheres_is_one_undo_step(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    net = document.network
    source, target = sorted(net.spheres, key=lambda s: len(net.members(s)))[-2:]
    union = net.members(source) | net.members(target)
    before = stored(demo_db)
    manager.select(source)
    manager.merge_menu.aboutToShow.emit()
    name = net.spheres[target].name
    next(a for a in manager.merge_menu.actions() if a.text() == name).trigger()
    after = stored(demo_db)
    assert source not in after.spheres
    assert after.members(target) == union
    assert len(after.people) == len(before.people)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    restored = stored(demo_db)
    assert restored.spheres == before.spheres
    assert restored.members(source) == before.members(source)
    assert restored.members(target) == before.members(target)


def test_delete_sphere_keeps_its_people(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    sid = biggest(document)
    members = document.network.members(sid)
    manager.select(sid)
    manager.delete_button.click()
    after = stored(demo_db)
    assert sid not in after.spheres and members <= after.people.keys()
    document.undo_stack.undo()
    assert stored(demo_db).members(sid) == members


def test_tagging_several_people_at_once(qtbot: QtBot, document: Document, demo_db: Path) -> None:
    tags = SphereTags(document)
    qtbot.addWidget(tags)
    net = document.network
    sid = biggest(document)
    inside = next(iter(net.members(sid)))
    outside = [p for p in net.people if sid not in net.people[p].spheres][:2]
    people = frozenset({inside, *outside})
    tags.show_people(people)
    item = tags.item(sid)
    assert item is not None and item.checkState() == Qt.CheckState.PartiallyChecked
    item.setCheckState(Qt.CheckState.Checked)
    assert people <= stored(demo_db).members(sid)
    assert document.undo_stack.count() == 1
    item = tags.item(sid)
    assert item is not None and item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not people & stored(demo_db).members(sid)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert stored(demo_db).members(sid) == net.members(sid) and inside in net.members(sid)


def test_tags_can_make_a_new_sphere(qtbot: QtBot, document: Document, demo_db: Path) -> None:
    tags = SphereTags(document)
    qtbot.addWidget(tags)
    people = frozenset(list(document.network.people)[1:4])
    tags.show_people(people)
    tags.new_name.setText("Rowing Club")
    tags.add_button.click()
    made = next(s for s in stored(demo_db).spheres.values() if s.name == "Rowing Club")
    assert stored(demo_db).members(made.id) == people
    assert tags.item(made.id) is not None


def test_add_to_sphere_dialog(qtbot: QtBot, document: Document, demo_db: Path) -> None:
    people = frozenset(list(document.network.people)[5:9])
    dialog = AddToSphereDialog(document, people)
    qtbot.addWidget(dialog)
    dialog.apply()
    assert dialog.error.text()  # nothing chosen yet
    sid = biggest(document)
    dialog.choose(sid)
    dialog.apply()
    assert people <= stored(demo_db).members(sid)
    assert document.undo_stack.count() == 1


def test_in_no_sphere_counts_people_added_without_one(qtbot: QtBot, document: Document) -> None:
    from relmap.core.edits import AddPeople
    from relmap.core.ids import PersonId
    from relmap.core.model import Person

    legend = LegendPane(document)
    qtbot.addWidget(legend)
    before = sum(1 for p in document.network.people.values() if not p.spheres and not p.is_me)
    assert legend.unsphered.text() == f"In no sphere: {before}"
    pid = PersonId(max(document.network.people) + 1)
    document.push(AddPeople((Person(pid, "Zara Anders"),)), "Import")
    assert legend.unsphered.text() == f"In no sphere: {before + 1}"
    document.undo_stack.undo()
    assert legend.unsphered.text() == f"In no sphere: {before}"


def test_a_map_with_no_spheres_is_offered_colouring_by_organisation(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A fresh LinkedIn import has organisations and no spheres: the legend was an empty list
    and "In no sphere: 3000", and colouring by organisation four menus away."""
    from PySide6.QtCore import QSettings

    from relmap.core.edits import AddPeople
    from relmap.core.ids import PersonId, TieId
    from relmap.core.model import Person, Tie
    from relmap.style import Group
    from relmap.ui.main_window import MainWindow

    document = Document.open(tmp_path / "map.db")
    me = document.network.me
    assert me is not None
    people = tuple(Person(PersonId(i + 2), f"P{i}", organisation=("Initech", "Globex")[i % 2])
                   for i in range(6))
    document.push(AddPeople(people, tuple(Tie(TieId(i + 1), me.id, p.id)
                                          for i, p in enumerate(people))), "Import")
    window = MainWindow(document, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    label = window.legend.unsphered
    assert "colour them by organisation" in label.text()
    label.linkActivated.emit("organisation")
    assert window.decoration.colour_by is Group.ORGANISATION
    assert "Initech" in window.legend.key.text()  # the key names the organisations
    assert label.text() == "In no sphere: 6"  # offered no longer
    window.set_decoration("colour_by", None)
    assert "colour them by organisation" in label.text()
    window.close()
    document.close()


def test_legend_counts_and_focus(qtbot: QtBot, document: Document) -> None:
    legend = LegendPane(document)
    qtbot.addWidget(legend)
    sid = biggest(document)
    me = document.network.me
    assert me is not None
    document.push(SetMembership(sid, frozenset({me.id})), "Tag me")
    item = legend.item(sid)
    assert item is not None
    # Counted as the exported legend counts: the sphere's members other than me.
    assert item.text().endswith(f"({len(document.network.members(sid)) - 1})")
    with qtbot.waitSignal(legend.sig_focus_changed) as focus:
        item.setSelected(True)
    assert focus.args == [frozenset({sid}), False]
    with qtbot.waitSignal(legend.sig_focus_changed) as focus:
        legend.mode.setCurrentIndex(FILTER)
    assert focus.args == [frozenset({sid}), True]
    with qtbot.waitSignal(legend.sig_focus_changed) as focus:
        legend.show_all.click()
    assert focus.args == [frozenset(), True]


def test_palette_stays_apart_in_greyscale_and_in_colour() -> None:
    first = SPHERE_PALETTE[:12]
    assert len(set(SPHERE_PALETTE)) == len(SPHERE_PALETTE) >= 12
    greys = sorted(lightness(c) for c in first)
    assert min(b - a for a, b in pairwise(greys)) >= 4.5
    for a, b in combinations(first, 2):
        rgb = [int(c[i : i + 2], 16) for c in (a, b) for i in (1, 3, 5)]
        assert sum(abs(rgb[i] - rgb[i + 3]) for i in range(3)) > 60


def test_print_safe_colours_in_one_step(
    manager: SphereManager, document: Document, demo_db: Path
) -> None:
    before = {s.id: s.colour for s in stored(demo_db).spheres.values()}
    manager.print_safe.click()
    after = {s.id: s.colour for s in stored(demo_db).spheres.values()}
    assert set(after.values()) == set(SPHERE_PALETTE[: len(after)])
    net = document.network
    biggest_first = sorted(net.spheres, key=lambda s: (-len(net.members(s)), s))
    assert after[biggest_first[0]] == SPHERE_PALETTE[0]
    greys = sorted(lightness(c) for c in after.values())
    assert min(b - a for a, b in pairwise(greys)) >= 4.5
    document.undo_stack.undo()
    assert {s.id: s.colour for s in stored(demo_db).spheres.values()} == before


def test_a_new_sphere_takes_the_most_distinct_colour_left() -> None:
    near_blue = "#0a6cab"  # a custom colour all but equal to the palette's first blue
    chosen = next_sphere_colour([near_blue])
    assert chosen != SPHERE_PALETTE[0]
    from relmap.style import lab

    def gap(colour: str) -> float:
        import math

        return math.dist(lab(colour), lab(near_blue))

    assert gap(chosen) == max(gap(c) for c in SPHERE_PALETTE)
    assert next_sphere_colour([]) == SPHERE_PALETTE[0]
    assert next_sphere_colour(SPHERE_PALETTE) == SPHERE_PALETTE[0]  # all taken: it cycles
