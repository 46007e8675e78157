"""View → Saved Views: save the filter, focus, decoration and viewport under a name, restore
one in a click, delete one; each change one undo step."""

from __future__ import annotations

import json
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QInputDialog, QMenu

from relmap.analysis.views import conditions_of, decoration_of
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import ViewId
from relmap.core.model import RecordKind, SavedView
from relmap.core.records import DeleteRecords, PutRecords
from relmap.style import decoration_dict

if TYPE_CHECKING:
    from relmap.ui.main_window import MainWindow


def current_view(window: MainWindow, name: str) -> SavedView:
    """What the window shows now, as a view called ``name`` (replacing one of that name)."""
    network, canvas = window.document.network, window.canvas
    same = next((v for v in network.views.values() if v.name.casefold() == name.casefold()),
                None)
    vid = same.id if same else ViewId(network.new_ids(RecordKind.VIEW)[0])
    rect = canvas.view.viewRect()
    focus = canvas.neighbourhood
    return SavedView(
        vid, name.strip(), json.dumps([c.as_dict() for c in window.filter_bar.conditions]),
        window.filter_bar.hide_rest.isChecked(), focus.centre, focus.depth,
        json.dumps(decoration_dict(window.decoration)),
        (rect.left(), rect.top(), rect.right(), rect.bottom()), same.note if same else "")


def restore_view(window: MainWindow, view: SavedView) -> None:
    """Show ``view``: its filter, decoration, focus and viewport."""
    canvas = window.canvas
    window.filter_bar.set_conditions(conditions_of(view), hide=view.hide)
    window.apply_decoration(decoration_of(view))
    centre = view.focus & window.document.network.people.keys()
    if centre:
        canvas.neighbourhood.start(centre, view.depth)
    else:
        canvas.neighbourhood.leave()
    if view.viewport is not None:
        x0, y0, x1, y1 = view.viewport
        canvas.view.setRange(QRectF(x0, y0, x1 - x0, y1 - y0), padding=0)
    window.statusBar().showMessage(tr("View “{name}”").format(name=view.name), 6000)


class ViewsMenu(QMenu):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(tr("Saved &Views"), window)
        self.window_ = window
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        self.addAction(tr("&Save Current View…"), self.save_current)
        views = sorted(self.window_.document.network.views.values(),
                       key=lambda v: v.name.casefold())
        if views:
            self.addSeparator()
        for view in views:
            self.addAction(view.name, partial(restore_view, self.window_, view))
        if views:
            delete = self.addMenu(tr("&Delete View"))
            for view in views:
                delete.addAction(view.name, partial(self.delete, view))

    def save_current(self) -> None:
        name, ok = QInputDialog.getText(self.window_, tr("Save View"), tr("Name of the view:"))
        if ok and name.strip():
            self.save(name)

    def save(self, name: str) -> SavedView | None:
        try:
            view = current_view(self.window_, name)
            self.window_.document.push(
                PutRecords((view,)), tr("Save the view “{name}”").format(name=view.name)
            )
        except KnownError as exc:
            self.window_.statusBar().showMessage(tr("Not saved: {exc}").format(exc=exc), 8000)
            return None
        self.window_.statusBar().showMessage(
            tr("View “{name}” saved: View → Saved Views shows it again.").format(name=view.name),
            6000,
        )
        return view

    def delete(self, view: SavedView) -> None:
        self.window_.document.push(
            DeleteRecords(((RecordKind.VIEW, int(view.id)),)),
            tr("Delete the view “{name}”").format(name=view.name),
        )
