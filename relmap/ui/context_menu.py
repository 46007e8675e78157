"""Right-click menus of the map and of the people list."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from relmap.core.edits import RemoveTies
from relmap.core.i18n import tr
from relmap.core.ids import TieId
from relmap.ui import operations
from relmap.ui.panes.people_model import sphere_icon

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow


def build_context_menu(
    w: MainWindow, *, at: QPointF | None = None, tie: TieId | None = None
) -> QMenu:
    """What can be done with the selection, the tie under the cursor, or the empty map at ``at``."""
    menu = QMenu(w)
    people = w.selection.people
    if tie is not None:
        menu.addAction(tr("Edit Tie"), w.tie_dock.raise_)
        menu.addAction(tr("Delete Tie"), partial(_delete_tie, w, tie))
    elif people:
        _people_items(w, menu)
    if at is not None and tie is None:
        if people:
            menu.addSeparator()
        menu.addAction(tr("Add Person Here"), partial(w.add_person, at=(at.x(), at.y())))
        menu.addAction(tr("Fit Map"), w.canvas.fit)
    return menu


def _people_items(w: MainWindow, menu: QMenu) -> None:
    people = w.selection.people
    net = w.document.network
    if len(people) == 1:
        pid = next(iter(people))
        menu.addAction(
            tr("Centre on {display_name}").format(display_name=net.people[pid].display_name),
            partial(w.canvas.centre_on, pid),
        )
        menu.addAction(w.commands.connect)
        if not net.people[pid].is_me:
            menu.addAction(
                tr("Find an Introduction to {display_name}…").format(
                    display_name=net.people[pid].display_name
                ),
                partial(w.find_introduction, pid),
            )
    menu.addAction(w.commands.add_to_sphere)
    menu.addAction(w.commands.log)
    shared = sorted(
        {s for p in people for s in net.people[p].spheres}, key=lambda s: net.spheres[s].name
    )
    if shared:
        leave = menu.addMenu(tr("Remove from Sphere"))
        for sphere in shared:
            item = net.spheres[sphere]
            leave.addAction(
                sphere_icon((item.colour,)),
                item.name,
                partial(w.run, operations.set_membership, sphere, people, False),
            )
    menu.addSeparator()
    menu.addAction(w.commands.delete)


def _delete_tie(w: MainWindow, tie: TieId) -> None:
    w.run(lambda document: document.push(RemoveTies((tie,)), tr("Delete a tie")))
