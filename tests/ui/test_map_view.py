"""What the map shows: sphere segments, hulls, decoration, focus, parallel ties, animation."""

from __future__ import annotations

import html
import re
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot

from relmap import style
from relmap.core.edits import AddPeople, MoveNodes, Position, SetAssessment, UpdatePerson
from relmap.core.ids import PersonId, TieId
from relmap.core.model import AssessmentField, Person, Tie, TieKind
from relmap.document.document import Document
from relmap.document.jobs.layout import LayoutJob
from relmap.document.placement import compute_layout, layout_input, moves_from
from relmap.render.rings import EgoRings, zone_bounds
from relmap.style import (
    GROUP_COLOURS,
    NO_GROUP,
    OTHER_GROUP,
    RATING_RAMP,
    Group,
    TieColour,
    group_colours,
)
from relmap.ui import layout_runner, operations
from relmap.ui.canvas.geometry import CURVE_STEPS, edge_segments, nearest_segment, parallel_bends
from relmap.ui.canvas.layers import FADED_ALPHA
from relmap.ui.canvas.tween import TWEEN_MS
from relmap.ui.canvas.view import PanZoomView
from relmap.ui.context_menu import build_context_menu
from relmap.ui.dialogs.export_dialog import ExportDialog
from relmap.ui.main_window import MainWindow
from tests.job_support import held_at_first_progress

from .conftest import contact, stored

pytestmark = pytest.mark.jobs
Q = AssessmentField.QUALITY


def test_people_in_several_spheres_show_every_sphere(window: MainWindow) -> None:
    canvas, net = window.canvas, window.document.network
    multi = [p for p in net.people.values() if len(p.spheres) > 1]
    assert multi
    nodes = canvas.nodes
    for person in multi:
        _, _, wedges = nodes._looks[nodes._look_of[canvas.row[person.id]]]
        assert {QColor(w.color()).name() for w in wedges} == \
            {net.spheres[s].colour for s in person.spheres}
        assert len(wedges) == len(person.spheres)
    single = next(p for p in net.people.values() if len(p.spheres) == 1)
    assert nodes._looks[nodes._look_of[canvas.row[single.id]]][2] == ()  # its fill says it


def test_hulls_toggle_and_are_remembered(window: MainWindow) -> None:
    hulls = window.commands.hulls
    assert hulls.isChecked() and window.canvas.hulls.shown > 0
    hulls.trigger()
    assert window.canvas.hulls.shown == 0
    assert window.settings.value("view/hulls") in (False, "false")
    hulls.trigger()
    canvas = window.canvas
    expected = canvas.hull_cache.polygons(
        window.document.network, canvas.row, canvas.pos, canvas.shown, canvas.focus
    )
    assert canvas.hulls.shown == len(expected) >= 3
    assert {colour for colour, _ in expected} <= {
        s.colour for s in window.document.network.spheres.values()
    }


def test_a_rating_edit_restyles_the_node_at_once(window: MainWindow, document: Document) -> None:
    pid = contact(document)
    row = window.canvas.row[pid]
    document.push(SetAssessment(pid, Q, 1), "small")
    small = window.canvas.radius[row]
    window.canvas.select(frozenset({pid}))
    bar = window.person_pane.assessment.rows[Q].bar
    bar.setFocus()
    QTest.keyClick(bar, Qt.Key.Key_5)
    assert window.canvas.radius[row] > small
    assert window.canvas.nodes.radius[row] == pytest.approx(window.canvas.radius[row])


def test_decoration_menu_colours_and_outlines_by_a_rating(
    window: MainWindow, document: Document
) -> None:
    pid = contact(document)
    document.push(SetAssessment(pid, AssessmentField.RELEVANCE, 4), "rate")
    group = window.commands.decoration["colour_by"]
    next(a for a in group.actions() if a.text() == "Relevance").trigger()
    row = window.canvas.row[pid]
    assert window.canvas.brushes[row].color().name() == RATING_RAMP[3]
    outline = window.commands.decoration["outline_by"]
    next(a for a in outline.actions() if a.text() == "Relevance").trigger()
    thick = window.canvas.pens[row].widthF()
    document.push(SetAssessment(pid, AssessmentField.RELEVANCE, 1), "rate")
    assert window.canvas.pens[row].widthF() < thick
    assert window.settings.value("decoration/colour_by") == "relevance"
    assert "relevance" in window.legend.key.text()


def test_colour_by_location_shows_each_large_one_in_a_colour(
    window: MainWindow, document: Document
) -> None:
    first, second, third = [p for p in document.network.people.values() if not p.is_me][:3]
    document.push(UpdatePerson(first.id, {"location": "Bath & <Wells>"}), "move")
    assert len(group_colours(document.network, Group.LOCATION).largest) < GROUP_COLOURS
    group = window.commands.decoration["colour_by"]
    next(a for a in group.actions() if a.text() == "Location").trigger()
    canvas, legend = window.canvas, window.legend.key.text()
    assert "location" in legend and "Bath &amp; &lt;Wells&gt;" not in legend  # alone
    assert canvas.brushes[canvas.row[first.id]].color().name() == OTHER_GROUP
    # A second person joins: the group takes a colour, on everyone in it and in the legend.
    document.push(UpdatePerson(second.id, {"location": " bath & <wells>"}), "move")
    colour = canvas.brushes[canvas.row[first.id]].color().name()
    assert colour not in (OTHER_GROUP, NO_GROUP)
    assert canvas.brushes[canvas.row[second.id]].color().name() == colour
    legend = window.legend.key.text()
    assert f"color:{colour}'>●</span>" in legend and "Bath &amp; &lt;Wells&gt;</a> (2)" in legend
    nodes = canvas.nodes
    (brush, _), _, _ = nodes._looks[nodes._look_of[canvas.row[first.id]]]
    assert brush.color().name() == colour  # drawn so
    assert window.settings.value("decoration/colour_by") == "location"
    # The group's name in the legend fades everyone else, and back.
    window.legend.key.linkActivated.emit(_link(window.legend.key.text(), "Bath & <Wells>"))
    assert canvas.spotlight == {first.id, second.id}
    assert canvas.alpha[canvas.row[first.id]] == 255
    assert canvas.alpha[canvas.row[third.id]] == FADED_ALPHA
    window.legend.key.linkActivated.emit(_link(window.legend.key.text(), "Bath & <Wells>"))
    assert not canvas.spotlight and (canvas.alpha == 255).all()
    document.push(UpdatePerson(third.id, {"location": " "}), "move")
    window.legend.key.linkActivated.emit(_link(window.legend.key.text(), "not given"))
    assert third.id in canvas.spotlight
    assert canvas.spotlight == {p.id for p in document.network.people.values()
                                if not p.location.strip() and not p.is_me}


def _link(rich_text: str, words: str) -> str:
    """Where the link on ``words`` of ``rich_text`` goes: its href as written, which is what
    Qt hands on (entities and all)."""
    found = re.search(rf"<a href='([^']*)'[^>]*>{re.escape(html.escape(words))}</a>", rich_text)
    assert found is not None, f"no link on {words!r}"
    return found[1]


def test_the_ties_to_me_can_be_left_out(window: MainWindow, document: Document) -> None:
    """Where everyone knows me, my ties hide how the others cluster: View → Ties to Me."""
    net, edges = document.network, window.canvas.edges
    me = net.me
    assert me is not None
    mine = np.array([me.id in (net.ties[t].a, net.ties[t].b) for t in edges.tie_ids])
    assert mine.any() and not mine.all()
    action = window.commands.ties_to_me
    assert action.isChecked() and edges._last is not None and edges._last[2].all()
    canvas = window.canvas
    canvas.draw_edges(only=np.flatnonzero(mine)[:3], moving=True)  # a drag of mine
    assert canvas.edges.moving.drawn > 0
    action.trigger()
    drawn = edges._last[2]
    assert not drawn[mine].any() and drawn[~mine].all()
    assert window.settings.value("view/ties_to_me") in (False, "false")
    assert "Ties to me</b>: not drawn" in window.legend.key.text()  # said, not forgotten
    canvas.draw_edges(only=np.flatnonzero(mine)[:3], moving=True)  # now none of them
    assert canvas.edges.moving.drawn == 0
    action.trigger()
    assert edges._last[2].all() and "Ties to me</b>" not in window.legend.key.text()


def test_where_nearly_everyone_knows_me_my_ties_are_faint(
    window: MainWindow, document: Document
) -> None:
    """Hundreds of spokes from me hid the people at their ends in a grey star."""
    net, edges = document.network, window.canvas.edges
    me = net.me
    assert me is not None
    have = sum(1 for _ in net.ties_of(me.id))
    more = style.FAINT_MINE_FROM - have
    first = net.next_person_id()
    people = tuple(Person(PersonId(first + i), f"Contact {i}", x=900.0 + i, y=900.0)
                   for i in range(more))
    ties = tuple(Tie(TieId(net.next_tie_id() + i), me.id, p.id) for i, p in enumerate(people))

    def faint() -> np.ndarray:
        mine = np.array([me.id in (net.ties[t].a, net.ties[t].b) for t in edges.tie_ids])
        assert edges._last is not None
        code = edges._last[3]
        assert not (code[~mine] % 2).any()  # the others as they were
        return np.asarray(code[mine] % 2 == 1)

    assert not faint().any()
    document.push(AddPeople(people[:-1], ties[:-1]), "Add")  # one short
    assert not faint().any() and "faint" not in window.legend.key.text()
    document.push(AddPeople(people[-1:], ties[-1:]), "Add")
    assert faint().all()
    assert "Ties to me</b>: faint" in window.legend.key.text()
    window.set_decoration("tie_colour_by", TieColour.RECIPROCITY)  # their colours say more
    assert not faint().any() and "faint" not in window.legend.key.text()
    window.set_decoration("tie_colour_by", None)
    assert faint().all()
    document.undo_stack.undo()
    assert not faint().any() and "faint" not in window.legend.key.text()


def test_legend_showcases_then_filters_a_sphere(window: MainWindow, document: Document) -> None:
    net = document.network
    sid = max(net.spheres, key=lambda s: len(net.members(s)))
    canvas = window.canvas
    outsider = next(p for p in net.people.values() if sid not in p.spheres and not p.is_me).id
    member = next(iter(net.members(sid)))
    item = window.legend.item(sid)
    assert item is not None
    item.setSelected(True)
    assert canvas.alpha[canvas.row[outsider]] == FADED_ALPHA
    assert canvas.alpha[canvas.row[member]] == 255
    window.legend.mode.setCurrentIndex(1)
    assert not canvas.nodes.visible[canvas.row[outsider]]
    assert canvas.nodes.visible[canvas.row[member]]
    window.legend.show_all.click()
    assert canvas.nodes.visible.all() and (canvas.alpha == 255).all()


def test_several_ties_between_two_people_bend_apart(window: MainWindow, document: Document) -> None:
    canvas = window.canvas
    t = next(iter(document.network.ties.values()))
    second = operations.connect(document, t.a, t.b, kind=TieKind.FRIEND)
    bends = canvas.edges.bend[
        [canvas.edges.tie_ids.index(t.id), canvas.edges.tie_ids.index(second)]
    ]
    assert sorted(bends.tolist()) == [-0.5, 0.5]
    segs, owner = edge_segments(canvas.pos, canvas.edges.rows, canvas.edges.bend)
    pair = [canvas.edges.tie_ids.index(t.id), canvas.edges.tie_ids.index(second)]
    apex = [segs[owner == i][CURVE_STEPS // 2][0] for i in pair]  # the curves' middles
    assert np.linalg.norm(apex[0] - apex[1]) > 5.0  # drawn apart, both visible
    both = np.concatenate([segs[owner == i] for i in pair])
    for i, point in enumerate(apex):  # each middle is nearer its own curve than the other
        hit = nearest_segment(point, both, 1.0)
        assert hit is not None and hit // CURVE_STEPS == i


def test_geometry_of_bends_and_picking() -> None:
    edges = np.array([[0, 1], [1, 0], [0, 1], [1, 2]])
    bends = parallel_bends(edges)
    assert bends[3] == 0 and sorted(abs(bends[:3]).tolist()) == [0.0, 1.0, 1.0]
    pos = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]])
    segs, _owner = edge_segments(pos, edges[3:], bends[3:])
    assert len(segs) == 1 and nearest_segment(np.array([10.5, 5.0]), segs, 1.0) == 0
    assert nearest_segment(np.array([5.0, 5.0]), segs, 1.0) is None


def test_a_layout_that_spreads_the_map_out_of_view_is_shown_whole(
    window: MainWindow, document: Document
) -> None:
    """An ego layout of a large map draws its rings far wider than the map was: the view
    showed only lines leaving it; the layout after it left the map a dot in the middle."""
    canvas = window.canvas

    def in_view(rows: list[int]) -> bool:
        rect = canvas.view.viewRect()
        return all(rect.contains(QPointF(*canvas.pos[r])) for r in rows)

    everyone = list(range(len(canvas.ids)))
    assert in_view(everyone)
    before = canvas.view.viewRect()
    one = next(p for p in document.network.people.values() if not p.is_me)
    document.push(MoveNodes({one.id: Position(99_000.0, 0.0, False)}), "Move")
    assert canvas.view.viewRect() == before  # one person moved elsewhere: the view stays
    document.undo_stack.undo()
    spread = {p.id: Position(5 * (p.x or 0.0), 5 * (p.y or 0.0), p.pinned)
              for p in document.network.people.values()}
    document.push(MoveNodes(spread), "Auto layout")
    assert in_view(everyone)
    document.undo_stack.undo()  # the map as small as it was: framed again, not a dot
    assert in_view(everyone)
    assert canvas.view.viewRect().width() == pytest.approx(before.width(), rel=0.05)
    canvas.view.setRange(xRange=(0, 50), yRange=(0, 50), padding=0)  # zoomed in on a part
    document.undo_stack.redo()
    assert in_view(everyone)  # widened to show where they went


def test_big_moves_animate_but_are_stored_at_once(
    window: MainWindow, document: Document, demo_db: Path, qtbot: QtBot
) -> None:
    window.commands.animate.setChecked(True)
    canvas = window.canvas
    assert canvas.hulls.shown
    people = [p for p in document.network.people.values() if not p.is_me][:10]
    moves = {p.id: Position((p.x or 0) + 300, (p.y or 0) - 200, False) for p in people}
    document.push(MoveNodes(moves), "Auto layout")
    rows = [canvas.row[p.id] for p in people]
    final = np.array([(m.x, m.y) for m in moves.values()])
    assert stored(demo_db).people[people[0].id].x == moves[people[0].id].x
    animation = canvas.tween._animation
    animation.pause()
    animation.setCurrentTime(TWEEN_MS // 4)  # a frame on the way
    assert not np.allclose(canvas.pos[rows], final)
    # The names go with their people, and no sphere's hull stays behind where they were.
    labels = canvas.labels
    named = set(rows) & labels.shown.keys()
    assert named
    for row in named:
        item = labels.items_for([row])[0]
        assert np.linalg.norm([item.pos().x(), item.pos().y()] - canvas.pos[row]) <= \
            canvas.radius[row] * np.sqrt(2) + 1e-6  # beside their disc
    assert canvas.hulls.shown == 0
    animation.resume()
    qtbot.waitUntil(lambda: bool(np.allclose(canvas.pos[rows], final)))
    qtbot.waitUntil(lambda: canvas.hulls.shown > 0)
    window.commands.animate.setChecked(False)
    document.undo_stack.undo()
    assert np.allclose(canvas.pos[rows], np.array([(p.x, p.y) for p in people], dtype=float))


def test_layout_actions_show_progress_and_cancel(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_class, held = held_at_first_progress(LayoutJob)
    monkeypatch.setattr(layout_runner, "LayoutJob", job_class)
    runner, stack = window.layout_runner, window.document.undo_stack
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert runner.progress.isVisible() and runner.cancel_button.isVisible()
    assert runner.job is not None
    qtbot.waitUntil(held.is_set, timeout=60_000)  # the layout is under way
    with qtbot.waitSignal(runner.job.sig_done, timeout=60_000):
        runner.cancel_button.click()
    assert not runner.progress.isVisible()
    assert window.statusBar().currentMessage() == "Layout cancelled"
    assert stack.count() == 0
    with qtbot.waitSignal(runner.job.sig_done, timeout=60_000):
        window.commands.ego_layout.trigger()
    assert window.statusBar().currentMessage().startswith("Laid out")
    assert stack.undoText() == "Ego layout"


def _close_modal_after(seen: list[str]) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if isinstance(dialog, QDialog):
            dialog.reject()

    QTimer.singleShot(0, close)


@pytest.mark.parametrize(("key", "dialog"), [("I", "ImportDialog"), ("E", "ExportDialog")])
def test_import_and_export_open_their_dialogs(window: MainWindow, key: str, dialog: str) -> None:
    seen: list[str] = []
    window.canvas.select(frozenset({contact(window.document)}))
    _close_modal_after(seen)
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.ControlModifier)
    assert seen == [dialog]
    assert window.document.undo_stack.count() == 0


def test_context_menus(window: MainWindow, document: Document, demo_db: Path) -> None:
    pid = contact(document, spheres=2)
    window.canvas.select(frozenset({pid}))
    menu = build_context_menu(window)
    texts = [a.text() for a in menu.actions()]
    assert "&Connect to…" in texts and "Add to &Sphere…" in texts
    leave = next(a.menu() for a in menu.actions() if a.text() == "Remove from Sphere")
    assert isinstance(leave, QMenu)
    first = leave.actions()[0]
    sphere = next(s for s in document.network.spheres.values() if s.name == first.text())
    first.trigger()
    assert sphere.id not in stored(demo_db).people[pid].spheres
    window.canvas.select(frozenset())
    empty = build_context_menu(window, at=QPointF(1234.0, -987.0))
    n = len(stored(demo_db).people)
    next(a for a in empty.actions() if a.text() == "Add Person Here").trigger()
    added = stored(demo_db).people[max(stored(demo_db).people)]
    assert len(stored(demo_db).people) == n + 1 and (added.x, added.y) == (1234.0, -987.0)
    QApplication.processEvents()


def test_hulls_follow_a_moved_member(window: MainWindow, document: Document) -> None:
    canvas, net = window.canvas, document.network
    sid = max(net.spheres, key=lambda s: len(net.members(s)))
    colour = net.spheres[sid].colour

    def outline() -> np.ndarray:
        drawn = canvas.hull_cache.polygons(net, canvas.row, canvas.pos, canvas.shown, canvas.focus)
        return np.concatenate([poly for c, poly in drawn if c == colour])

    before = outline()
    rightmost = max(net.members(sid), key=lambda p: canvas.pos[canvas.row[p], 0])
    p = net.people[rightmost]
    step = 30.0  # well within the distance that keeps a member in its hull
    document.push(MoveNodes({rightmost: Position((p.x or 0) + step, p.y, True)}), "Move")
    after = outline()
    assert after[:, 0].max() == pytest.approx(before[:, 0].max() + step, abs=1.0)


def test_the_hulls_on_screen_are_the_hulls_worked_out_after_a_move(
    window: MainWindow, document: Document
) -> None:
    canvas, net = window.canvas, document.network
    sid = max(net.spheres, key=lambda s: len(net.members(s)))
    mover = max(net.members(sid), key=lambda p: canvas.pos[canvas.row[p], 0])
    p = net.people[mover]
    document.push(MoveNodes({mover: Position((p.x or 0) + 30.0, p.y, True)}), "Move")

    def corners(rect: QRectF) -> tuple[float, ...]:
        return tuple(round(v, 3) for v in (rect.left(), rect.top(), rect.right(), rect.bottom()))

    shown = sorted(corners(path.boundingRect()) for path in canvas.hulls.paths)
    worked_out = canvas.hull_cache.polygons(net, canvas.row, canvas.pos, canvas.shown,
                                            canvas.focus)
    expected = sorted(corners(QRectF(QPointF(*poly.min(axis=0)), QPointF(*poly.max(axis=0))))
                      for _, poly in worked_out)
    assert shown == expected


def test_the_ego_layout_draws_its_rings_named_and_auto_layout_takes_them_away(
    window: MainWindow, qtbot: QtBot
) -> None:
    canvas = window.canvas
    assert canvas.rings.rings == []
    window.layout_runner.start(ego=True)
    runner = window.layout_runner.job
    assert runner is not None
    qtbot.waitUntil(lambda: bool(canvas.rings.rings), timeout=60_000)
    radii = [radius for radius, _, _ in canvas.rings.rings]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    assert canvas.rings.rings[0][1] == "Inner circle"
    # Each ring has its zone, out to halfway to the next; the closer to me, the darker.
    zones = canvas.rings.zones()
    assert all(zone.isVisible() for zone in zones)
    assert len(zones) == len(radii)
    bounds = zone_bounds(radii)
    assert bounds[0][0] == 0 and all(a[1] == b[0] for a, b in pairwise(bounds))
    for zone, radius, (inner, outer) in zip(zones, radii, bounds, strict=True):
        assert inner < radius < outer
        assert zone.path().boundingRect().width() == pytest.approx(2 * outer)
    alphas = [zone.brush().color().alpha() for zone in zones]
    assert alphas == sorted(alphas, reverse=True) and len(set(alphas)) == len(alphas)
    me = canvas.row[next(p for p in canvas.ids if window.document.network.people[p].is_me)]
    assert canvas.rings.centre == tuple(canvas.pos[me])
    # Everyone but me sits on one of the rings drawn.
    dist = np.linalg.norm(canvas.pos - canvas.pos[me], axis=1)
    others = np.arange(len(dist)) != me
    assert all(min(abs(d - r) for r in radii) < 1e-6 * max(radii) + 1 for d in dist[others])
    # Each ring is named where it runs through the widest gap between its people.
    angle = np.arctan2(*(canvas.pos - canvas.pos[me]).T[::-1])
    for radius, _, at in canvas.rings.rings:
        on = angle[others & (np.abs(dist - radius) < 1.0)]
        nearest = np.min(np.abs((on - at + np.pi) % (2 * np.pi) - np.pi))
        assert nearest >= np.pi / len(on) - 1e-9  # at least half the mean spacing away
    canvas._place_labels()  # and no person's name covers a ring's (mine is shown in any case)
    names = [item.mapRectToView(item.boundingRect())
             for item in canvas.labels.items_for(set(canvas.labels.shown) - {me})]
    rings = canvas.rings.name_boxes()
    assert len(rings) == len(radii) and len(names) >= 15
    boxes = [QRectF(left, top, right - left, bottom - top) for left, top, right, bottom in rings]
    for i, ring in enumerate(boxes):
        assert not any(ring.intersects(name) for name in names)
        assert not any(ring.intersects(other) for other in boxes[i + 1:])  # nor another's
    assert "Rings" in window.legend.key.text()  # the legend says what they mean
    # The export draws them as the map shows them, unless asked not to, or around a person.
    exported: list[EgoRings | None] = []

    def export() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        form = dialog.form
        exported.append(form.options().rings)
        form.ring_box.setChecked(False)
        exported.append(form.options().rings)
        form.ring_box.setChecked(True)
        form.scope.setCurrentIndex(form.scope.findData("focus"))
        assert not form.ring_box.isEnabled()
        exported.append(form.options().rings)
        dialog.reject()

    QTimer.singleShot(0, export)
    window.export_map()
    assert exported == [EgoRings(canvas.rings.centre, tuple(canvas.rings.rings)), None, None]
    # The rings go with the ego layout's undo step: undone, they go; redone, they come back.
    drawn = list(canvas.rings.rings)
    stack = window.document.undo_stack
    stack.undo()
    assert canvas.rings.rings == []
    assert "Rings" not in window.legend.key.text()
    stack.redo()
    assert canvas.rings.rings == drawn
    network = window.document.network
    myself = network.me
    assert myself is not None and myself.x is not None and myself.y is not None
    window.document.push(MoveNodes({myself.id: Position(myself.x + 300.0, myself.y, True)}),
                         "Move me")
    assert canvas.rings.rings == []  # they ring me: moved away, they go
    stack.undo()
    assert canvas.rings.rings == drawn
    someone = next(p for p in canvas.ids if not window.document.network.people[p].is_me)
    window.document.push(UpdatePerson(someone, {"title": "Analyst"}), "Edit title")
    assert canvas.rings.rings == drawn  # a later edit leaves them
    stack.undo()
    stack.undo()
    window.document.push(UpdatePerson(someone, {"title": "Partner"}), "Edit title")
    stack.undo()
    stack.redo()
    assert canvas.rings.rings == []  # the ego layout's step is gone for good
    window.layout_runner.start(ego=True)
    qtbot.waitUntil(lambda: bool(canvas.rings.rings), timeout=60_000)
    with qtbot.waitSignal(runner.sig_done, timeout=60_000):
        window.commands.auto_layout.trigger()
    assert canvas.rings.rings == []


def test_a_rings_name_that_would_cover_mine_is_left_out(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    canvas = window.canvas
    window.layout_runner.start(ego=True)
    qtbot.waitUntil(lambda: bool(canvas.rings.rings), timeout=60_000)
    assert len(canvas.rings.name_boxes()) == len(canvas.rings.rings)
    # Zoomed out as on a large map, the inner ring is a few pixels across.
    inner = canvas.rings.rings[0][0]
    x, y = canvas.rings.centre
    half = inner / 10 * canvas.view.width() / 2  # ten pixels from me
    canvas.view.setRange(xRange=(x - half, x + half), yRange=(y - half, y + half), padding=0)
    QApplication.processEvents()
    canvas._place_labels()
    me = canvas.row[next(p for p in canvas.ids if window.document.network.people[p].is_me)]
    (mine,) = canvas.labels.items_for([me])
    my_name = mine.mapRectToView(mine.boundingRect())
    boxes = [QRectF(QPointF(left, top), QPointF(right, bottom))
             for left, top, right, bottom in canvas.rings.name_boxes()]
    assert 0 < len(boxes) < len(canvas.rings.rings)  # the outer ones are still named
    assert not any(box.intersects(my_name) for box in boxes)
    canvas.fit()
    QApplication.processEvents()
    canvas._place_labels()
    assert len(canvas.rings.name_boxes()) == len(canvas.rings.rings)


def test_a_map_opened_in_its_ego_layout_shows_its_rings_and_ego_layout_again_moves_nobody(
    qtbot: QtBot, demo_db: Path, tmp_path: Path
) -> None:
    def opened() -> MainWindow:
        document = Document.open(demo_db)
        window = MainWindow(document, QSettings(str(tmp_path / "settings.ini"),
                                                QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        with qtbot.waitSignal(document.sig_measured, timeout=60_000):
            window.show()
        return window

    window = opened()  # laid out whole: no rings, once measured too
    assert window.canvas.rings.rings == []
    document = window.document
    data = layout_input(document.network, fresh=True)
    document.push(MoveNodes(moves_from(data, compute_layout(data, ego=True))), "Ego layout")
    window.close()
    document.close()
    window = opened()
    canvas, runner = window.canvas, window.layout_runner
    assert [name for _, name, _ in canvas.rings.rings][:1] == ["Inner circle"]
    me = canvas.row[next(p for p in canvas.ids if window.document.network.people[p].is_me)]
    assert canvas.rings.centre == tuple(canvas.pos[me])
    assert "Rings" in window.legend.key.text()
    shown = EgoRings(canvas.rings.centre, tuple(canvas.rings.rings))
    with qtbot.waitSignal(runner.sig_message, timeout=60_000):
        window.commands.auto_layout.trigger()
    assert canvas.rings.rings == []
    window.document.undo_stack.undo()  # back in the ego layout
    window.close()
    window.document.close()
    # Ego Layout on a map already in it moves nobody, and gives its rings to show.
    document = Document.open(demo_db)
    job = LayoutJob(document)
    said = qtbot.waitSignal(job.sig_done, timeout=60_000)
    rings = qtbot.waitSignal(job.sig_rings, timeout=60_000)
    with said, rings:
        job.start(ego=True)
    assert said.args == ["Ego layout: everyone is on their ring already"]
    assert rings.args is not None and EgoRings.of_bands(*rings.args[0]) == shown
    document.close()


def test_closing_the_map_with_the_rings_on_raises_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.layout_runner.start(ego=True)
    qtbot.waitUntil(lambda: bool(window.canvas.rings.rings), timeout=60_000)
    document = window.document
    window.close()
    document.close()
    document.undo_stack.deleteLater()  # as when the document goes: the stack clears itself
    qtbot.wait(50)


def test_what_waits_for_the_next_paint_runs_after_it_or_soon_if_none_comes(
        qtbot: QtBot) -> None:
    view = PanZoomView()
    view.resize(400, 300)
    qtbot.addWidget(view)
    ran: list[str] = []
    view.after_paint(lambda: ran.append("hidden"))
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["hidden"], timeout=5_000)  # never painted: it runs anyway
    with qtbot.waitExposed(view):
        view.show()
    view.after_paint(lambda: ran.append("shown"))
    assert ran == ["hidden"]
    view.viewport().repaint()
    assert ran == ["hidden", "shown"]
