"""The main window's menus and toolbar: every command reachable by mouse and by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from relmap.core.i18n import tr
from relmap.core.model import AssessmentField
from relmap.style import ColourBy, Group, Measure, NodeBy, TieColour, Upkeep
from relmap.ui.help_menu import build_help_menu
from relmap.ui.language import language_menu
from relmap.ui.maps_menu import RecentMenu, new_map, open_map
from relmap.ui.ratings import GROUP_NAMES, MEASURE_NAMES, RATING_NAMES, meaning
from relmap.ui.scheme import APPEARANCES, ICON_NAME, action_icon
from relmap.ui.views_menu import ViewsMenu

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow

DECORATIONS = {
    "size_by": tr("&Size by"),
    "colour_by": tr("&Colour by"),
    "outline_by": tr("&Outline by"),
    "tie_colour_by": tr("&Tie colour"),
}
NONE_CHOICE = {
    "size_by": tr("All the same"),
    "colour_by": tr("Spheres"),
    "outline_by": tr("Nothing"),
    "tie_colour_by": tr("Plain"),
}


@dataclass
class WindowActions:
    add_person: QAction
    delete: QAction
    connect: QAction
    add_to_sphere: QAction
    spheres: QAction
    hulls: QAction
    ties_to_me: QAction  # off: the map without my ties, which hide how the others cluster
    animate: QAction
    auto_layout: QAction
    ego_layout: QAction
    find: QAction
    introduce: QAction
    focus: QAction
    log: QAction
    as_of: QAction  # the time machine: the map as it was on a day
    team_view: QAction  # a team map drawn with the team's ratings
    decoration: dict[str, QActionGroup]
    rate: QMenu  # Edit → Rate Selected: 1–5 and unrated


def _action(
    w: MainWindow,
    text: str,
    slot: Callable[[], object],
    keys: str | QKeySequence | QKeySequence.StandardKey = "",
    icon: str = "",
) -> QAction:
    action = _with_icon(QAction(text, w), icon)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda *_: slot())
    return action


def _toggle(
    w: MainWindow, text: str, on: bool, slot: Callable[[bool], object], icon: str = ""
) -> QAction:
    action = _with_icon(QAction(text, w, checkable=True), icon)
    action.setChecked(on)
    action.toggled.connect(slot)
    return action


def _with_icon(action: QAction, name: str) -> QAction:
    """``action`` with the toolbar icon ``resources/icons/actions/<name>.svg``, if named."""
    if name:
        action.setProperty(ICON_NAME, name)
        action.setIcon(action_icon(name))
    return action


def build_actions(w: MainWindow) -> WindowActions:
    acts = WindowActions(
        add_person=_action(w, tr("&Add Person"), w.add_person, "Ctrl+N", "add-person"),
        delete=_action(
            w, tr("&Delete Selected…"), w.delete_selected, QKeySequence.StandardKey.Delete, "delete"
        ),
        connect=_action(w, tr("&Connect to…"), w.connect_selected, "Ctrl+K", "connect"),
        add_to_sphere=_action(
            w, tr("Add to &Sphere…"), w.add_selected_to_sphere, "Ctrl+G", "add-to-sphere"
        ),
        spheres=_action(w, tr("&Spheres…"), w.show_sphere_manager, "Ctrl+Shift+G", "spheres"),
        hulls=_toggle(w, tr("Sphere &Hulls"), w.canvas.hulls_on, w.set_hulls, "hulls"),
        ties_to_me=_toggle(w, tr("&Ties to Me"), w.canvas.ties_to_me, w.set_ties_to_me),
        animate=_toggle(w, tr("&Animate Layout Changes"), w.canvas.animate, w.set_animate),
        auto_layout=_action(w, tr("&Auto Layout"), w.layout_runner.start, "Ctrl+L", "auto-layout"),
        ego_layout=_action(w, tr("&Ego Layout"), partial(w.layout_runner.start, ego=True),
                           "Ctrl+Shift+L", "ego-layout"),
        find=_action(w, tr("&Find Person…"), w.find_person, QKeySequence.StandardKey.Find),
        introduce=_action(w, tr("Find an &Introduction…"), w.find_introduction, "Ctrl+Shift+I"),
        focus=_action(w, tr("&Focus on Selection"), w.focus_on_selection, "F"),
        log=_action(w, tr("&Log Interaction…"), w.log_interaction, "Ctrl+J"),
        as_of=_toggle(w, tr("&As Of…"), False, w.show_as_of, "as-of"),
        team_view=_toggle(w, tr("&Team's Ratings"), False, w.show_team_view),
        decoration={},
        rate=_rate_menu(w),
    )
    # Delete and the rating digits must not fire while a text field has the focus, so they
    # live on the map and the list.
    for action in (acts.delete, acts.focus, *acts.rate.actions()):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.canvas.addAction(action)
        w.people_list.table.addAction(action)
    acts.team_view.setEnabled(w.document.repository.team)
    acts.team_view.setToolTip(
        tr("Each person as the team rates them: the highest rating any member gave (a team map)")
    )
    acts.ties_to_me.setToolTip(
        tr("Off: the map without your ties, which hide how the others cluster when everyone "
           "on it knows you")
    )
    acts.as_of.setShortcut(QKeySequence("Ctrl+T"))
    acts.as_of.setToolTip(
        tr("The map as it was on a day: its people, ties and ratings then (Ctrl+T)")
    )
    _file_menu(w)
    _edit_menu(w, acts)
    _map_menu(w, acts)
    _view_menu(w, acts)
    build_help_menu(w)
    _toolbar(w, acts)
    return acts


def _file_menu(w: MainWindow) -> None:
    menu = w.menuBar().addMenu(tr("&File"))
    menu.addAction(_action(w, tr("&New Map…"), partial(new_map, w), "Ctrl+Shift+N"))
    menu.addAction(
        _action(w, tr("&Open Map…"), partial(open_map, w), QKeySequence.StandardKey.Open)
    )
    menu.addMenu(RecentMenu(w))
    menu.addSeparator()
    menu.addAction(_action(w, tr("&Import…"), w.import_data, "Ctrl+I"))
    menu.addAction(_action(w, tr("&Export Map…"), w.export_map, "Ctrl+E"))
    menu.addAction(_action(w, tr("Mentor Session &Pack…"), w.mentor_pack, "Ctrl+Shift+E"))
    menu.addSeparator()
    menu.addAction(_action(w, tr("&Quit"), w.close, QKeySequence.StandardKey.Quit))


def _edit_menu(w: MainWindow, acts: WindowActions) -> None:
    stack = w.document.undo_stack
    undo = stack.createUndoAction(w, tr("&Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(w, tr("&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menu = w.menuBar().addMenu(tr("&Edit"))
    menu.addActions([undo, redo])
    menu.addSeparator()
    menu.addActions([acts.add_person, acts.delete, acts.connect, acts.add_to_sphere])
    menu.addMenu(acts.rate)
    menu.addAction(acts.log)
    menu.addAction(_action(w, tr("Stay-in-&Touch Cadences…"), w.edit_cadences))
    menu.addAction(_action(w, tr("&Mentor Sessions…"), w.mentor_sessions))
    menu.addSeparator()
    menu.addAction(_action(w, tr("Select &All"), w.select_all, QKeySequence.StandardKey.SelectAll))
    menu.addAction(acts.find)


def _rate_menu(w: MainWindow) -> QMenu:
    """Keys 1–5 rate the selected people on the rating that sizes the nodes."""
    menu = QMenu(w)
    for value in (*range(1, 6), None):
        menu.addAction(_action(w, "", partial(w.rate_selected, value), str(value or "")))
    update_rate_menu(menu, w.decoration.size_by)
    return menu


def update_rate_menu(menu: QMenu, size_by: NodeBy | None) -> None:
    """Name the rating the keys set, and what each of its levels means."""
    which = rated_field(size_by)
    menu.setTitle(tr("&Rate Selected: {rating_names}").format(rating_names=RATING_NAMES[which]))
    for value, action in zip((*range(1, 6), None), menu.actions(), strict=True):
        action.setText(f"&{meaning(which, value)}")


def rated_field(size_by: NodeBy | None) -> AssessmentField:
    """What the rating keys rate: the rating the nodes are sized by (quality if none, or
    if they are sized by a measure)."""
    return size_by if isinstance(size_by, AssessmentField) else AssessmentField.QUALITY


def _map_menu(w: MainWindow, acts: WindowActions) -> None:
    menu = w.menuBar().addMenu(tr("&Map"))
    menu.addActions([acts.auto_layout, acts.ego_layout])
    menu.addSeparator()
    menu.addAction(acts.focus)
    menu.addAction(acts.introduce)
    menu.addAction(acts.spheres)


def _view_menu(w: MainWindow, acts: WindowActions) -> None:
    menu = w.menuBar().addMenu(tr("&View"))
    for text, keys, slot in (
        (tr("Zoom &In"), "Ctrl+=", lambda: w.canvas.zoom(1.25)),
        (tr("Zoom &Out"), "Ctrl+-", lambda: w.canvas.zoom(0.8)),
        (tr("&Fit Map"), "Ctrl+0", w.canvas.fit),
    ):
        menu.addAction(_action(w, text, slot, keys))
    menu.addSeparator()
    decorate = menu.addMenu(tr("&Decorate"))
    for key, title in DECORATIONS.items():
        acts.decoration[key] = _decoration_menu(w, decorate.addMenu(title), key)
    menu.addActions([acts.hulls, acts.ties_to_me, acts.animate])
    menu.addMenu(_appearance_menu(w, menu))
    menu.addMenu(language_menu(w, w.settings, menu))
    menu.addSeparator()
    w.views_menu = ViewsMenu(w)
    menu.addMenu(w.views_menu)
    menu.addAction(_action(w, tr("&Walkthrough"), w.walkthrough.start, "F5"))
    menu.addAction(acts.as_of)
    menu.addAction(acts.team_view)
    menu.addAction(_action(w, tr("&Recent Changes…"), w.show_recent_changes, "Ctrl+Shift+H"))
    menu.addSeparator()
    for dock in w.docks:
        menu.addAction(dock.toggleViewAction())


def _appearance_menu(w: MainWindow, parent: QMenu) -> QMenu:
    """View → Appearance: the system's light or dark, or one of them for relmap alone."""
    menu = QMenu(tr("A&ppearance"), parent)
    group = QActionGroup(w)
    current = str(w.settings.value("view/appearance", "system"))
    for key, text in APPEARANCES.items():
        action = QAction(text, group, checkable=True)
        action.setChecked(key == current)
        action.triggered.connect(partial(w.set_appearance, key))
        menu.addAction(action)
    return menu


def _decoration_menu(w: MainWindow, menu: QMenu, key: str) -> QActionGroup:
    group = QActionGroup(w)
    current = getattr(w.decoration, key)
    choices: list[tuple[str, ColourBy | Upkeep | TieColour | None]] = [(NONE_CHOICE[key], None)]
    if key == "tie_colour_by":
        choices += [
            (tr("Give and take with me"), TieColour.RECIPROCITY),
            (tr("Trust both ways (who trusts whom more)"), TieColour.TRUST),
        ]
    else:
        choices += [(RATING_NAMES[f], f) for f in AssessmentField]
        choices += [(MEASURE_NAMES[m], m) for m in Measure]
    if key == "colour_by":
        choices += [(GROUP_NAMES[g], g) for g in Group]
    if key == "outline_by":
        choices.append((tr("Stay-in-touch status"), Upkeep.CADENCE))
    for text, which in choices:
        if which is Group.ORGANISATION:
            menu.addSeparator()  # what people share, after what they are rated
        action = QAction(text, group, checkable=True)
        action.setChecked(which == current)
        action.setData(which.value if which else "")
        action.triggered.connect(partial(w.set_decoration, key, which))
        menu.addAction(action)
    return group


def _toolbar(w: MainWindow, acts: WindowActions) -> None:
    bar = QToolBar(tr("Tools"), w)
    bar.setObjectName("toolbar_main")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(QSize(20, 20))
    bar.addActions([acts.add_person, acts.delete, acts.connect, acts.add_to_sphere])
    bar.addSeparator()
    bar.addActions([acts.spheres, acts.hulls, acts.auto_layout])
    bar.addSeparator()
    bar.addAction(acts.as_of)
    w.addToolBar(bar)
