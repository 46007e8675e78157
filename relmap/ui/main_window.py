"""The main window: the map in the middle, panes in docks, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QPoint,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from relmap import style
from relmap.analysis.filters import Condition, Field
from relmap.core.errors import KnownError
from relmap.core.i18n import ntr, tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.merge import News, Stamp
from relmap.core.network import ChangeSet
from relmap.core.words import counted
from relmap.document.demo import demo_map
from relmap.document.document import Document
from relmap.resources import resource_path
from relmap.style import ColourBy, Decoration, TieColour, Upkeep
from relmap.ui import modal, operations
from relmap.ui.canvas.geometry import free_spot
from relmap.ui.canvas.network_canvas import CanvasContext, NetworkCanvas
from relmap.ui.context_menu import build_context_menu
from relmap.ui.decoration import load_decoration, save_decoration
from relmap.ui.dialogs.cadence_dialog import CadenceDialog
from relmap.ui.dialogs.conflict_dialog import RecentChangesDialog, settle_by_asking
from relmap.ui.dialogs.export_dialog import ExportDialog
from relmap.ui.dialogs.import_dialog import ImportDialog
from relmap.ui.dialogs.intro_dialog import IntroDialog
from relmap.ui.dialogs.log_dialog import LogDialog
from relmap.ui.dialogs.pack_dialog import PackDialog
from relmap.ui.dialogs.sessions_dialog import SessionsDialog
from relmap.ui.dialogs.sphere_dialog import AddToSphereDialog
from relmap.ui.dialogs.sphere_manager import SphereManager
from relmap.ui.filter_bar import FilterBar
from relmap.ui.first_steps import FirstSteps
from relmap.ui.layout_runner import LayoutRunner
from relmap.ui.maps_menu import read_log, switch_map
from relmap.ui.panes.drifting_pane import DriftingPane
from relmap.ui.panes.insight_pane import InsightPane
from relmap.ui.panes.legend_pane import LegendPane
from relmap.ui.panes.people_list import PeopleList
from relmap.ui.panes.person_pane import PersonPane
from relmap.ui.panes.person_picker import PickPersonDialog
from relmap.ui.panes.then_now_pane import ThenNowPane
from relmap.ui.panes.tie_pane import TiePane
from relmap.ui.scheme import map_theme, refresh_icons, set_appearance
from relmap.ui.selection import Selection
from relmap.ui.time_bar import TimeBar
from relmap.ui.views_menu import ViewsMenu
from relmap.ui.walkthrough import Walkthrough
from relmap.ui.wheel_guard import install_wheel_guard
from relmap.ui.window_actions import build_actions, rated_field, update_rate_menu

_RIGHT, _LEFT, _BOTTOM = (
    Qt.DockWidgetArea.RightDockWidgetArea,
    Qt.DockWidgetArea.LeftDockWidgetArea,
    Qt.DockWidgetArea.BottomDockWidgetArea,
)


STATE_VERSION = 4  # bump when the docks change, so an old layout is not restored onto new docks
LOG_AFTER_MS = 30  # the relationship log's reading starts this long after the map shows


def _scrolled(pane: QWidget) -> QScrollArea:
    """``pane`` in a frameless scroll area: a tall pane never sets the window's height."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(pane)
    return area


def _flag(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    return value in (True, "true", "1", 1)


def _dropped(data: QMimeData) -> Path | None:
    """The one local file ``data`` carries, else None."""
    urls = data.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())


class MainWindow(QMainWindow):
    """One window per open Document; remembers its geometry, docks and view options."""

    views_menu: ViewsMenu  # View → Saved Views, made with the menus

    def __init__(self, document: Document, settings: QSettings) -> None:
        super().__init__()
        self.document, self.settings = document, settings
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_wheel_guard(app)
        self.setWindowTitle(tr("relmap — {name}").format(name=document.repository.name))
        self.setWindowIcon(QIcon(str(resource_path("icons", "relmap.svg"))))
        set_appearance(str(settings.value("view/appearance", "system")))
        self.selection = Selection(self)
        self.decoration = load_decoration(settings)
        self.canvas = NetworkCanvas(
            document,
            self,
            selection=self.selection,
            decoration=self.decoration,
            hulls=_flag(settings, "view/hulls", True),
            animate=_flag(settings, "view/animate", True),
            ties_to_me=_flag(settings, "view/ties_to_me", True),
        )
        self.filter_bar = FilterBar(document, self.canvas)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.filter_bar)
        column.addWidget(self.canvas, 1)
        self.time_bar = TimeBar(document, self.canvas)
        column.addWidget(self.time_bar)
        self.setCentralWidget(centre)
        self._build_docks()
        self.first_steps = FirstSteps(document, self.canvas, import_data=self.import_data,
                                      add_person=self.add_person, open_demo=self.open_demo)
        self.layout_runner = LayoutRunner(document, self.statusBar(), self)
        self.sphere_manager: SphereManager | None = None
        self.context_menu: QMenu | None = None  # the open right-click menu
        self.walkthrough = Walkthrough(self)
        self.commands = build_actions(self)
        if document.read_only:
            self._show_read_only()
        self._connect()
        document.watch()  # changes made in another window or by another member show here
        self.statusBar().showMessage(self._summary())
        self._on_measuring(self.canvas.measuring)  # it may have begun with the window
        self.exported: Path | None = None  # the last map exported, for "Open Folder"
        self.open_folder = QPushButton(tr("Open Folder"))
        self.open_folder.setFlat(True)
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.statusBar().addPermanentWidget(self.open_folder)
        self.statusBar().messageChanged.connect(self._on_status_message)
        self.resize(1400, 900)
        self._restore()
        self.canvas.setFocus()  # the map has the keyboard first (F, 1–5, Delete…)

    def _show_read_only(self) -> None:
        """A viewer looks and exports: no command or field that would change the map."""
        acts = self.commands
        for action in (acts.add_person, acts.delete, acts.connect, acts.add_to_sphere,
                       acts.auto_layout, acts.ego_layout, acts.log, acts.rate.menuAction()):
            action.setEnabled(False)
        for pane in (self.person_pane, self.tie_pane):
            for field in pane.findChildren(QLineEdit) + pane.findChildren(QPlainTextEdit):
                field.setReadOnly(True)
            for widget in (pane.findChildren(QComboBox) + pane.findChildren(QAbstractButton)
                           + pane.findChildren(QAbstractSpinBox)):
                widget.setEnabled(False)
        for part in (self.person_pane.assessment, self.person_pane.spheres):
            part.setEnabled(False)  # the rating buttons and sphere ticks, drawn greyed
        badge = QLabel(tr("Read-only: you can look and export, not edit"))
        badge.setAccessibleName(tr("This map is read-only for you"))
        self.statusBar().addPermanentWidget(badge)
        self.setWindowTitle(tr("{windowTitle} (read-only)").format(windowTitle=self.windowTitle()))

    def _build_docks(self) -> None:
        self.person_pane = PersonPane(self.document, self.selection)
        self.tie_pane = TiePane(self.document, self.selection)
        self.people_list = PeopleList(self.document, self.selection)
        self.legend = LegendPane(self.document)
        self.legend.set_decoration(self.decoration)
        self.legend.set_ties_to_me(self.canvas.ties_to_me)
        self.legend.set_mine_faint(self.canvas.mine_faint)
        self.canvas.sig_mine_faint.connect(self.legend.set_mine_faint)
        self.person_dock = self._dock(tr("Person"), self.person_pane, "person", _RIGHT)
        self.tie_dock = self._dock(tr("Tie"), _scrolled(self.tie_pane), "tie", _RIGHT)
        self.tabifyDockWidget(self.person_dock, self.tie_dock)
        self.person_dock.raise_()
        self.people_dock = self._dock(tr("People"), self.people_list, "people", _BOTTOM)
        self.legend_dock = self._dock(tr("Legend"), self.legend, "legend", _LEFT)
        self.insight = InsightPane(self.document)
        self.insight_dock = self._dock(tr("Insight"), _scrolled(self.insight), "insight", _LEFT)
        self.tabifyDockWidget(self.legend_dock, self.insight_dock)
        self.drifting = DriftingPane(self.document)
        self.drifting_dock = self._dock(tr("Drifting"), _scrolled(self.drifting), "drifting", _LEFT)
        self.tabifyDockWidget(self.insight_dock, self.drifting_dock)
        self.then_now = ThenNowPane(self.document)
        self.then_now_dock = self._dock(tr("Then/Now"), _scrolled(self.then_now), "then_now", _LEFT)
        self.tabifyDockWidget(self.drifting_dock, self.then_now_dock)
        self.legend_dock.raise_()
        self.setCorner(Qt.Corner.BottomRightCorner, _RIGHT)
        self.setCorner(Qt.Corner.BottomLeftCorner, _LEFT)
        self.docks = [self.person_dock, self.tie_dock, self.people_dock, self.legend_dock,
                      self.insight_dock, self.drifting_dock, self.then_now_dock]
        self.resizeDocks([self.person_dock], [400], Qt.Orientation.Horizontal)
        # Wide enough for the left docks' tabs to be read whole, in any language, also when
        # a window state saved in another language is restored.
        left = (self.legend_dock, self.insight_dock, self.drifting_dock, self.then_now_dock)
        tabs = sum(self.fontMetrics().horizontalAdvance(d.windowTitle()) + 28 for d in left)
        for dock in left:
            dock.setMinimumWidth(tabs)
        self.resizeDocks([self.legend_dock], [320], Qt.Orientation.Horizontal)
        self.resizeDocks([self.people_dock], [210], Qt.Orientation.Vertical)

    def _dock(self, title: str, widget: QWidget, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.canvas.sig_failed.connect(self.show_error)
        self.canvas.sig_context_menu.connect(self._on_canvas_context_menu)
        self.canvas.sig_person_activated.connect(self._on_canvas_person_activated)
        self.canvas.sig_person_added.connect(self._on_canvas_person_activated)
        self.canvas.sig_measuring.connect(self._on_measuring)
        self.people_list.sig_activated.connect(self._on_people_list_activated)
        self.insight.sig_activated.connect(self._on_insight_activated)
        self.drifting.sig_activated.connect(self._on_insight_activated)
        self.people_list.sig_filter_map.connect(
            lambda text: self.filter_bar.add(Condition(Field.TEXT, (text,))))
        self.drifting.sig_spotlight.connect(self._on_spotlight_requested)
        self.drifting_dock.visibilityChanged.connect(self.drifting.set_on_screen)
        self.then_now.sig_activated.connect(self._on_insight_activated)
        self.then_now.sig_spotlight.connect(self._on_spotlight_requested)
        self.then_now.sig_as_of.connect(self._on_as_of_requested)
        self.time_bar.sig_day.connect(self._on_time_bar_day)
        self.then_now_dock.visibilityChanged.connect(self.then_now.set_on_screen)
        self.people_list.sig_context_menu.connect(self._on_people_list_context_menu)
        self.person_pane.sig_connect_requested.connect(self._on_person_pane_connect_requested)
        self.person_pane.sig_log_requested.connect(self.log_interaction)
        self.person_pane.sig_spotlight_requested.connect(self._on_spotlight_requested)
        self.legend.sig_focus_changed.connect(self._on_legend_focus_changed)
        self.legend.sig_manage_requested.connect(self.show_sphere_manager)
        self.legend.sig_group_picked.connect(self._on_legend_group_picked)
        self.legend.sig_colour_by.connect(partial(self.set_decoration, "colour_by"))
        self.layout_runner.sig_message.connect(self._on_layout_runner_message)
        self.layout_runner.sig_rings.connect(self.canvas.show_rings)
        self.layout_runner.sig_rings.connect(self.legend.set_rings)
        self.canvas.neighbourhood.sig_changed.connect(self._on_neighbourhood_changed)
        self.selection.sig_changed.connect(self._on_selection_changed)
        self.document.sig_failed.connect(self.show_error)
        self.document.sig_changed.connect(self._on_document_changed)
        self.document.sig_news.connect(self._on_document_news)
        self.document.sig_merged.connect(self._on_document_merged)
        self.document.sig_log_read.connect(self._on_log_read)
        self.document.settle = settle_by_asking(self)

    # ----- commands ---------------------------------------------------------------------------

    def run(self, operation: Callable[..., Any], *args: Any) -> Any:
        """Run ``operation(document, *args)``; a refused edit is shown, never raised."""
        try:
            return operation(self.document, *args)
        except KnownError as exc:
            self.show_error(str(exc))
            return None

    def add_person(self, *, at: tuple[float, float] | None = None) -> None:
        """Add a person at ``at`` (scene units; by default the free spot nearest the middle of
        the view, clear of everyone: not on top of me) and name them."""
        if at is None:
            centre = self.canvas.view.viewRect().center()
            x, y = free_spot(self.canvas.pos, np.array([centre.x(), centre.y()]),
                             4 * style.NODE_RADIUS)
            at = (float(x), float(y))
        try:
            pid = operations.add_person(self.document, at=at)
        except KnownError as exc:
            self.show_error(str(exc))
            return
        self.canvas.select(frozenset({pid}))
        self._on_canvas_person_activated(pid)

    def delete_selected(self) -> None:
        net = self.document.network
        people = operations.removable(net, self.selection.people)
        if not people:
            if self.selection.people:
                self.show_error(tr("'Me' stays on the map: there is nobody else to delete."))
            return
        ties = operations.ties_of_people(net, people)
        who = (
            net.people[next(iter(people))].display_name
            if len(people) == 1
            else (tr("{n_people} people").format(n_people=len(people)))
        )
        question = ntr(
            "Delete {who} and {ties} tie with them?",
            "Delete {who} and {ties} ties with them?",
            ties,
        ).format(who=who, ties=ties)
        if len(people) < len(self.selection.people):
            question += tr("\n(You stay on the map.)")
        if modal.ask(self, tr("Delete"), question + tr("\nYou can undo this.")):
            self.run(operations.delete_people, people)

    def connect_selected(self) -> None:
        pid = self.selection.person
        if pid is None:
            self.show_error(tr("Select one person to connect from."))
            return
        self._on_person_pane_connect_requested(pid)

    def add_selected_to_sphere(self) -> None:
        if not self.selection.people:
            self.show_error(
                tr("Select the people to add first (Ctrl-drag on the map selects many).")
            )
            return
        modal.run(AddToSphereDialog(self.document, self.selection.people, self))

    def rate_selected(self, value: int | None) -> None:
        """Rate the selected people on the rating that sizes the nodes (one undo step)."""
        people = self.selection.people
        if not people:
            self.statusBar().showMessage(tr("Select the people to rate first."), 5000)
            return
        which = rated_field(self.decoration.size_by)
        try:
            operations.rate_people(self.document, people, which, value)
        except KnownError as exc:
            self.show_error(str(exc))
            return
        self.statusBar().showMessage(self.document.undo_stack.undoText(), 5000)

    def select_all(self) -> None:
        self.canvas.select(frozenset(self.document.network.people))

    def find_person(self) -> None:
        self.people_dock.show()
        self.people_dock.raise_()
        self.people_list.focus_search()

    def show_sphere_manager(self) -> None:
        if self.sphere_manager is None:
            self.sphere_manager = SphereManager(self.document, self)
        self.sphere_manager.show()
        self.sphere_manager.raise_()

    def edit_cadences(self) -> None:
        if modal.run(CadenceDialog(self.document, self)) == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(
                tr("Stay-in-touch cadences saved. Ctrl+Z undoes it."), 6000
            )

    def import_data(self, path: Path | None = None) -> None:
        """Import a file (``path``, or one the user chooses); the people it adds to a map
        that had others than me are selected, so that the map shows where they landed. Into
        a map of me alone they are the map: selected, thousands of them hid its groups under
        one colour, and 1–5 would have rated them all at once."""
        before = frozenset(self.document.network.people)
        dialog = ImportDialog(self.document, self, path=path)
        modal.run(dialog)
        if dialog.outcome:
            network = self.document.network
            added = frozenset(network.people) - before
            others = before - {me.id} if (me := network.me) else before
            if added and others:
                self.canvas.select(added)
                self.canvas.bring_into_view(added)
                self.canvas.setFocus()  # Esc lets them go, 1–5 rate them (the card had it)
            elif added:
                self.canvas.fit()
            self.statusBar().showMessage(dialog.outcome, 15000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A map file dropped on the window opens in its place; any other file is imported
        (after the drop: a dialog opened during it would hold the application it came from)."""
        path = _dropped(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        if path.suffix.casefold() == ".db":
            QTimer.singleShot(0, partial(switch_map, self, path))
        else:
            QTimer.singleShot(0, partial(self.import_data, path))

    def export_map(self) -> None:
        dialog = ExportDialog(self.document, self.settings, selection=self.canvas.selection,
                              decoration=self.decoration, rings=self.canvas.rings.shown(),
                              ties_to_me=self.canvas.ties_to_me,
                              parent=self)
        dialog.sig_exported.connect(self._on_exported)
        modal.run(dialog)

    def mentor_pack(self) -> None:
        dialog = PackDialog(self.document, self.settings, parent=self)
        dialog.sig_written.connect(partial(self._on_exported, what=tr("Mentor session pack")))
        modal.run(dialog)

    def open_demo(self) -> None:
        """Open the demo map (written on first use) in place of this one."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = demo_map()
        except KnownError as exc:
            self.show_error(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        switch_map(self, path)

    def mentor_sessions(self) -> None:
        modal.run(SessionsDialog(self.document, self))

    def _on_exported(self, path: str, what: str = tr("Map")) -> None:
        """Say where the file went, with a way to open its folder."""
        self.exported = Path(path)
        self.statusBar().showMessage(
            tr("{what} written to {path}").format(what=what, path=path), 30_000
        )
        self.open_folder.show()

    def _on_open_folder_clicked(self) -> None:
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.parent)))

    # ----- view options -----------------------------------------------------------------------

    def set_decoration(self, key: str, which: ColourBy | Upkeep | TieColour | None) -> None:
        self.apply_decoration(replace(self.decoration, **{key: which}))  # type: ignore[arg-type]

    def apply_decoration(self, decoration: Decoration) -> None:
        """Decorate the map, its legend and the menus' ticks with ``decoration``."""
        self.decoration = decoration
        for key, group in self.commands.decoration.items():
            value = getattr(decoration, key)
            for action in group.actions():
                action.setChecked(action.data() == (value.value if value else ""))
        save_decoration(self.decoration, self.settings)
        self.canvas.set_decoration(self.decoration)
        self.legend.set_decoration(self.decoration)
        update_rate_menu(self.commands.rate, self.decoration.size_by)

    def set_hulls(self, on: bool) -> None:
        self.settings.setValue("view/hulls", on)
        self.canvas.set_hulls(on)

    def set_ties_to_me(self, on: bool) -> None:
        self.settings.setValue("view/ties_to_me", on)
        self.canvas.set_ties_to_me(on)
        self.legend.set_ties_to_me(on)

    def set_animate(self, on: bool) -> None:
        self.settings.setValue("view/animate", on)
        self.canvas.animate = on

    # ----- reactions --------------------------------------------------------------------------

    def _on_canvas_context_menu(self, context: CanvasContext) -> None:
        at = context.scene if context.person is None else None
        self.context_menu = build_context_menu(self, at=at, tie=context.tie)
        self.context_menu.popup(context.screen)

    def _on_people_list_context_menu(self, screen: QPoint) -> None:
        self.context_menu = build_context_menu(self)
        self.context_menu.popup(screen)

    def _on_canvas_person_activated(self, pid: PersonId) -> None:
        self.person_dock.show()
        self.person_dock.raise_()
        self.person_pane.focus_name()

    def log_interaction(self) -> None:
        """Log a meeting, call... with the selected people (me left out)."""
        me = self.document.network.me
        people = self.selection.people - ({me.id} if me is not None else set())
        if not people:
            self.statusBar().showMessage(tr("Select the people you met, then log it"), 4000)
            return
        logged = modal.run(LogDialog(self.document, frozenset(people), self))
        if logged == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(
                tr("{undoText}. Ctrl+Z undoes it.").format(
                    undoText=self.document.undo_stack.undoText()
                ),
                6000,
            )

    def focus_on_selection(self) -> None:
        """Fade everyone but the selected people and their neighbours (+/− for more steps)."""
        if self.selection.people:
            self.canvas.neighbourhood.start(self.selection.people)
            self.canvas.setFocus()
        else:
            self.statusBar().showMessage(tr("Select a person to focus on"), 4000)

    def _on_neighbourhood_changed(self, text: str) -> None:
        self.statusBar().showMessage(text or self._summary())

    def find_introduction(self, target: PersonId | None = None) -> None:
        """Open Find an Introduction (to ``target``); the chosen chain is lit on the map."""
        dialog = IntroDialog(self.document, parent=self)
        dialog.sig_path_chosen.connect(self._on_intro_path_chosen)
        dialog.finished.connect(dialog.deleteLater)
        if target is not None:
            dialog.search_for(target)
        # Not modal, and beside the map rather than over it: the map shows the chain.
        frame = self.geometry()
        dialog.move(frame.right() - dialog.width() - 16, frame.top() + 60)
        dialog.show()

    def _on_intro_path_chosen(self, people: tuple[PersonId, ...]) -> None:
        self.canvas.set_spotlight(frozenset(people))
        if people:
            self.canvas.centre_on(people[len(people) // 2])

    def _on_insight_activated(self, pid: PersonId) -> None:
        self.selection.set_people(frozenset({pid}), origin=self.sender())
        self.canvas.centre_on(pid)

    def _on_color_scheme_changed(self, *_: object) -> None:
        self.canvas.set_theme(map_theme())
        refresh_icons(self)

    def set_appearance(self, choice: str) -> None:
        """View → Appearance: follow the system, or light or dark; remembered."""
        self.settings.setValue("view/appearance", choice)
        set_appearance(choice)
        self._on_color_scheme_changed()

    def _on_as_of_requested(self, day: date | None) -> None:
        if day is None:
            self.time_bar.close_bar()
        else:
            self.time_bar.show_day(day)

    def _on_time_bar_day(self, day: date | None) -> None:
        if day is not None and self.document.team_view:  # one other map at a time
            self.commands.team_view.setChecked(False)
        with QSignalBlocker(self.commands.as_of):
            self.commands.as_of.setChecked(day is not None)
        if day is None:
            self.then_now.leave_as_of()
        else:
            self.then_now.show_as_of(day)

    def show_team_view(self, on: bool) -> None:
        """Draw the map with the team's ratings (the highest any member gave) or mine."""
        self.document.team_view = on
        if on:
            self.time_bar.close_bar()
            self.statusBar().showMessage(
                tr(
                    "The map shows each person as the team rates them, the highest rating any "
                    "member gave; the Person pane still edits your own"
                ),
                10_000,
            )
        self.canvas.set_as_of(self.document.shown() if on else None)
        self.insight.refresh()

    def show_as_of(self, on: bool) -> None:
        """Open the time machine on the Then/Now dock's day (the last session), or close it."""
        if on:
            self.time_bar.show_day(self.time_bar.shown_day() or self.then_now.day())
        else:
            self.time_bar.close_bar()

    def _on_spotlight_requested(self, people: frozenset[PersonId]) -> None:
        self.canvas.set_spotlight(people)

    def _on_legend_group_picked(self, people: frozenset[PersonId]) -> None:
        """Fade all but a group the legend names; the same group again shows everyone."""
        self.canvas.set_spotlight(frozenset() if people == self.canvas.spotlight else people)

    def _on_people_list_activated(self, pid: PersonId) -> None:
        self.canvas.centre_on(pid)

    def _on_person_pane_connect_requested(self, pid: PersonId) -> None:
        name = self.document.network.people[pid].display_name
        dialog = PickPersonDialog(
            self.document.network, title=tr("Connect"), prompt=tr("Connect {name} to:").format(
                name=name), exclude={pid},
            parent=self,
        )  # fmt: skip
        if modal.run(dialog) and dialog.picker.person is not None:
            tie = self.run(operations.connect, pid, dialog.picker.person)
            if tie is not None:
                self.selection.set_tie(tie)

    def _on_legend_focus_changed(self, spheres: frozenset[SphereId], filters: bool) -> None:
        self.canvas.set_focus(spheres, filters=filters)

    def _on_layout_runner_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_selection_changed(self, _origin: object) -> None:
        if self.selection.tie is not None:
            self.tie_dock.show()
            self.tie_dock.raise_()
        elif self.selection.people:
            self.person_dock.raise_()

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if self.document.team_view:
            self.canvas.set_as_of(self.document.shown())
        if changes.structural:
            self.statusBar().showMessage(self._summary())
            if self.time_bar.shown_day() is not None:  # what was added today would not show
                self.time_bar.close_bar()
                self.statusBar().showMessage(
                    tr("{_summary}: back to today's map, where the change was made").format(
                        _summary=self._summary()
                    ),
                    8000,
                )

    def _on_document_news(self, news: News) -> None:
        last = news.stamps[-1]
        more = len(news.stamps) - 1
        also = (
            ntr(" (and {n} more change)", " (and {n} more changes)", more).format(n=more)
            if more
            else ""
        )
        self.statusBar().showMessage(
            f"{last.member}: {last.summary or tr('a change')}{also}", 10_000
        )

    def _on_log_read(self) -> None:  # a method: no call once the window is gone
        read_log(self)

    def _on_document_merged(self, stamps: list[Stamp]) -> None:
        who = ", ".join(sorted({s.member for s in stamps}))
        self.statusBar().showMessage(
            tr("Merged with what {who} changed meanwhile: both changes are kept").format(who=who),
            10_000,
        )

    def show_recent_changes(self) -> None:
        repository = self.document.repository
        RecentChangesDialog(repository.recent_changes(), repository.member, self).exec()

    def _on_status_message(self, text: str) -> None:
        self.open_folder.setVisible(" written to " in text)
        if not text:  # a passing message is gone: the map's counts again, not an empty bar
            self.statusBar().showMessage(self._summary())

    def _on_measuring(self, on: bool) -> None:
        """While the map is measured for the view, say why people are not sized by it yet."""
        waiting = tr("Measuring the network in the background: the map shows the measures "
                     "once they are in.")
        if on:
            self.statusBar().showMessage(waiting)
        elif self.statusBar().currentMessage() == waiting:
            self.statusBar().showMessage(self._summary())

    def _summary(self) -> str:
        net = self.document.network
        return " · ".join((counted(len(net.people), "person"), counted(len(net.ties), "tie"),
                           counted(len(net.spheres), "sphere")))

    def show_error(self, message: str) -> None:
        modal.warn(self, "relmap", message)

    def _restore(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        state = self.settings.value("main_window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, STATE_VERSION)
        # Qt keeps the tab bar of a group of docks it has since built again (the left docks'
        # first two, each group of a state restored) and shows it, over the docks in a
        # picture of the window. Hidden, the ones in use are shown again as the docks are
        # laid out, and only those.
        for bar in self.findChildren(QTabBar):
            bar.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.document.log_pending:  # the map first, then its log, read in the background
            QTimer.singleShot(LOG_AFTER_MS, self, self.document.read_log_soon)

    def retire(self) -> None:
        """Let go of this window, closed, and its map once another window has taken its
        place: its background work stopped, its map closed, itself deleted. Only hidden, it
        would keep its map in memory (1.4 GB at 100,000 people) and go on looking for news
        of it."""
        layout, insight = self.layout_runner.job, self.insight.job
        if layout is not None:  # it writes to the map: stopped before the map closes
            layout.sig_finished.disconnect()
            layout.cancel()
            layout.wait()  # short: a layout stops at its next step
        if insight is not None:  # it measures a copy: it ends on its own, then goes
            insight.sig_finished.disconnect()  # its end would start the next measurement
            insight.cancel()
            if insight.running:
                insight.sig_finished.connect(insight.deleteLater)
            else:
                insight.deleteLater()
        self.document.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.person_pane.flush()
        self.tie_pane.notes.flush()
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState(STATE_VERSION))
        self.settings.sync()
        super().closeEvent(event)
