"""The map canvas: draws the Document's network and turns drags and clicks into edits."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import compress, islice
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QContextMenuEvent, QKeyEvent, QPen, QPixmapCache
from PySide6.QtWidgets import QWidget

from relmap import style
from relmap.analysis.filters import measured
from relmap.analysis.importance import label_importance
from relmap.analysis.tie_levels import tie_levels
from relmap.core.bulk import bulk_objects, release_freed_memory
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.network import ChangeSet, Network
from relmap.document.commands import EditCommand
from relmap.document.document import Document
from relmap.render.rings import EgoRings
from relmap.render.scene import cadence_statuses
from relmap.render.theme import Theme
from relmap.style import Decoration
from relmap.ui import operations
from relmap.ui.canvas.edges import SMOOTH_EDGES_UP_TO, EdgeSet
from relmap.ui.canvas.focus import NeighbourhoodFocus
from relmap.ui.canvas.geometry import elsewhere
from relmap.ui.canvas.gestures import MoveGesture, gesture_for
from relmap.ui.canvas.hulls import HullCache
from relmap.ui.canvas.items import NodesItem, NodeStyle, Wedges
from relmap.ui.canvas.labels import LabelLayer
from relmap.ui.canvas.layers import (
    FADED_ALPHA,
    HullLayer,
    SegmentsLayer,
    disc_box,
    wedge_fill,
)
from relmap.ui.canvas.rings import RingGuides
from relmap.ui.canvas.tween import TWEEN_MIN_PEOPLE, PositionTween
from relmap.ui.canvas.view import PanZoomView
from relmap.ui.scheme import map_theme
from relmap.ui.selection import Selection

if TYPE_CHECKING:
    from relmap.document.placement import Rings

_PICK_PX = 6.0  # how close (screen pixels) a click must come to an edge to select it
# A selected person's ring is this wide on screen at least: a large map seen whole draws each
# disc smaller than a pixel, and a ring just around it showed nobody where they were.
RING_MIN_PX = 14.0
Marks = tuple[dict[PersonId, str], style.Measured]  # everyone's ring and fifths of measures


@lru_cache(maxsize=512)
def _fill(colour: str) -> QBrush:
    """One brush per colour, shared by every node of that colour (never changed in place)."""
    return QBrush(QColor(colour))


@lru_cache(maxsize=512)
def _outline(colour: str, width: float) -> QPen:
    """One pen per outline, shared like the brushes."""
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)  # symbols are scaled by their size; outlines are not
    return pen


@dataclass(frozen=True)
class CanvasContext:
    """Where a context menu was asked for: on a person, a tie, or the empty map."""

    person: PersonId | None
    tie: TieId | None
    scene: QPointF
    screen: QPoint


class NetworkCanvas(PanZoomView):
    """The interactive map. The selection is a shared ``Selection`` object."""

    sig_selection_changed = Signal(object)  # frozenset[PersonId]
    sig_failed = Signal(str)
    sig_context_menu = Signal(object)  # CanvasContext
    sig_person_activated = Signal(object)  # PersonId: double-clicked
    sig_person_added = Signal(object)  # PersonId: placed by a double-click on the empty map
    sig_measuring = Signal(bool)  # waiting for the measures a view draws (True), or done
    sig_mine_faint = Signal(bool)  # my ties are drawn faint now (True), or no longer
    degree: np.ndarray  # each row's ties among those drawn
    alpha: np.ndarray  # each row's opacity: 255 shown, FADED_ALPHA faded, 0 hidden

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        *,
        selection: Selection | None = None,
        decoration: Decoration | None = None,
        hulls: bool = False,
        animate: bool = False,
        ties_to_me: bool = True,
    ) -> None:
        super().__init__(parent)
        QPixmapCache.setCacheLimit(256 * 1024)  # room for the cached layers (KiB)
        self.document = document
        self.selected = selection if selection is not None else Selection(self)
        self.decoration = decoration or Decoration()
        self.hulls_on = hulls
        self.animate = animate
        self.ties_to_me = ties_to_me
        self.mine_faint = False  # my ties drawn faint (style.faint_ties_of_mine)
        self.focus: frozenset[SphereId] = frozenset()
        self.focus_filters = False  # True: hide the rest; False: fade it
        self.spotlight: frozenset[PersonId] = frozenset()  # when set, everyone else fades
        self.theme = map_theme()  # the map's colours: light or dark
        self.as_of: Network | None = None  # the map as it was on a day: its people, ratings
        self.as_of_day: date | None = None  # that day
        self.filtered: frozenset[PersonId] | None = None  # the filter bar's people (me too)
        self.hide_rest = False  # the spotlight and the filter hide the rest instead
        self.measuring = False  # drawn without the measures it needs until they are in
        self._measured: style.Measured = style.NOT_MEASURED  # the map's, as last measured
        self._marked: Marks = ({}, style.NOT_MEASURED)  # what the rows were last styled with
        self._grouped: Mapping[str, str] | None = None  # ... and the colours of the groups
        self.neighbourhood = NeighbourhoodFocus(self)
        self.setAccessibleName(tr("Map of your network"))
        self.setAccessibleDescription(
            tr(
                "People as discs and ties as lines; the arrow keys pan, "
                "+ and - zoom, Tab and the People list select"
            )
        )
        self._build_layers()
        self.setBackground(self.theme.background)
        self.labels.set_colour(self.theme.text)
        self.rings.set_colour(self.theme.muted, self.theme.background)
        self.tween = PositionTween(self._on_tween_frame, self.draw, self)
        self.holding: MoveGesture | None = None  # the drag holding the map till its drop is drawn
        self._label_timer = QTimer(self, singleShot=True, interval=40)
        self._label_timer.timeout.connect(self._place_labels)
        self._connect()
        self.rebuild()
        self.fit()

    def _build_layers(self) -> None:
        self.hulls = HullLayer(self.view, z=-10)
        self.rings = RingGuides(self.view, z=-20, label_z=4)
        self.hull_cache = HullCache()
        self.edges = EdgeSet(self.view)
        self.nodes = NodesItem(lambda row, mods, at: gesture_for(self, row, mods, at))
        self.nodes.setZValue(10)
        self.view.addItem(self.nodes)
        self.moving_nodes = pg.ScatterPlotItem(pxMode=False, antialias=True)
        self.moving_nodes.setZValue(20)
        self.moving_segments = SegmentsLayer(self.view, z=21)
        self.ring = pg.ScatterPlotItem(pxMode=False, antialias=True, brush=None)
        self.ring.setZValue(15)
        self._ring_px = 0.0  # the size of a pixel the rings were last drawn for
        for item in (self.moving_nodes, self.ring):
            self.view.addItem(item)
        self.labels = LabelLayer(self.view)

    def _connect(self) -> None:
        self.view.sigRangeChanged.connect(self._label_timer.start)
        self.view.sigRangeChanged.connect(self._fit_rings)
        self.view.sig_background_clicked.connect(self._on_view_clicked)
        self.view.sig_background_double_clicked.connect(self._on_view_double_clicked)
        self.view.sig_context_requested.connect(self._on_view_context_requested)
        self.view.sig_rubber_band.connect(self._on_view_rubber_band)
        self.nodes.sig_node_clicked.connect(self._on_nodes_clicked)
        self.nodes.sig_node_double_clicked.connect(self._on_nodes_double_clicked)
        self.nodes.sig_node_context.connect(self._on_nodes_context)
        self.selected.sig_changed.connect(self._on_selection_changed)
        self.document.sig_changed.connect(self._on_document_changed)
        self.document.sig_measured.connect(self._on_measured)

    # ----- model → arrays -------------------------------------------------------------------

    @property
    def selection(self) -> frozenset[PersonId]:
        return self.selected.people

    def rebuild(self) -> None:
        """Recompute every array from the network (after structural changes)."""
        with bulk_objects():  # a row's worth of objects per person, none of them in cycles
            self._rebuild()

    def _rebuild(self) -> None:
        self.tween.stop()
        self.hull_cache.forget()
        net = self.document.network
        self.ids = list(net.people)
        self.row = {pid: i for i, pid in enumerate(self.ids)}
        people = [net.people[p] for p in self.ids]
        self.pos = np.array([(p.x or 0.0, p.y or 0.0) for p in people], dtype=float).reshape(-1, 2)
        self.names = [p.display_name for p in people]
        self._rebuild_edges()
        self.radius = np.zeros(len(self.ids))
        self.colours: list[list[str]] = [[]] * len(self.ids)
        self.brushes: list[QBrush] = [QBrush()] * len(self.ids)
        self.pens: list[QPen] = [QPen()] * len(self.ids)
        self.importance = np.zeros(len(self.ids))
        self._restyle_rows(range(len(self.ids)))
        self._apply_focus()
        self.draw()

    def _add_rows(self, changes: ChangeSet) -> int:
        """Give the people ``changes`` added rows after everyone else's, as a rebuild would
        (their looks and ties follow); how many. 0 when people went too, or were not added
        last: a rebuild then."""
        net = self.document.network
        new = [p for p in changes.people if p not in self.row]
        if (not new or self.as_of is not None or len(net.people) != len(self.ids) + len(new)
                or set(islice(reversed(net.people), len(new))) != set(new)):
            return 0
        new = list(islice(net.people, len(self.ids), None))  # in the network's order
        people = [net.people[p] for p in new]
        self.row.update((pid, len(self.ids) + i) for i, pid in enumerate(new))
        self.ids += new
        self.names += [p.display_name for p in people]
        self.pos = np.vstack([self.pos, [(p.x or 0.0, p.y or 0.0) for p in people]])
        self.colours += [[]] * len(new)
        self.brushes += [QBrush()] * len(new)
        self.pens += [QPen()] * len(new)
        none = np.zeros(len(new), dtype=int)  # hidden, unsized, untied until restyled
        self.radius = np.concatenate([self.radius, none])
        self.importance = np.concatenate([self.importance, none])
        self.degree = np.concatenate([self.degree, none])
        self.alpha = np.concatenate([self.alpha, none])
        self.nodes.add_rows(len(new))
        return len(new)

    def _remove_rows(self, changes: ChangeSet) -> int:
        """Take away the rows of the people ``changes`` removed, the rows after theirs moving
        up, as a rebuild would number them; how many. 0 when people came too: a rebuild."""
        net = self.document.network
        people = [p for p in changes.people if p in self.row and p not in net.people]
        gone = [self.row[p] for p in people]
        if not gone or self.as_of is not None or len(net.people) != len(self.ids) - len(gone):
            return 0
        self.tween.stop()
        keep = np.ones(len(self.ids), dtype=bool)
        keep[gone] = False
        new_row = np.cumsum(keep) - 1
        new_row[~keep] = -1
        kept = keep.tolist()
        self.ids = list(compress(self.ids, kept))
        for pid in people:
            del self.row[pid]
        first = min(gone)  # the rows before it keep their number (all of them, when the
        # last one added goes: numbering every row again took 56 ms at 100,000 people)
        self.row.update((pid, i) for i, pid in enumerate(self.ids[first:], start=first))
        self.names = list(compress(self.names, kept))
        self.colours = list(compress(self.colours, kept))
        self.brushes = list(compress(self.brushes, kept))
        self.pens = list(compress(self.pens, kept))
        self.pos, self.radius, self.importance, self.degree, self.alpha = (
            self.pos[keep], self.radius[keep], self.importance[keep], self.degree[keep],
            self.alpha[keep])
        self.label_order = np.argsort(-self.importance, kind="stable")
        self.edges.renumber(new_row)
        self.hull_cache.renumber(new_row)
        self.nodes.remove_rows(keep)
        return len(gone)

    def _rebuild_edges(self, ties: Collection[TieId] | None = None) -> None:
        """The ties' arrays from the network shown, only ``ties`` read again if given."""
        if ties is None or self.as_of is not None:
            self.edges.rebuild(self.as_of or self.document.network, self.row)
        else:
            self.edges.update(self.document.network, self.row, ties)
        self._tone_edges()
        self.degree = np.bincount(self.edges.rows.ravel(), minlength=len(self.ids))
        self.preview_moves = len(self.edges.tie_ids) > SMOOTH_EDGES_UP_TO

    def _tone_edges(self) -> None:
        net, which = self.as_of or self.document.network, self.decoration.tie_colour_by
        if which is None:
            self.edges.set_tones({})
        else:
            self.edges.set_tones(tie_levels(net, which, today=self.as_of_day or date.today()),
                                 style.TIE_RAMPS[which])

    def _marks(self) -> Marks:
        """Everyone's stay-in-touch status and fifths of the measures, as drawn now."""
        source = self.as_of or self.document.network
        return (cadence_statuses(source, self.decoration, self.as_of_day or date.today()),
                self._fifths(source))

    def _marks_moved(self, marks: Marks) -> set[PersonId]:
        """Who has another ring or fifth in ``marks`` than when their row was last styled."""
        if marks is self._marked:  # not worked out again (a move): nobody's moved
            return set()
        (status, fifths), (was, were) = marks, self._marked
        # Who has an entry in one and not the same in the other, the items compared in C
        # (compared one by one in Python, 60 ms of an edit at 100,000 people).
        moved = {p for p, _ in status.items() ^ was.items()}
        for measure in (fifths.keys() | were.keys()) if fifths is not were else ():
            moved |= {p for p, _ in fifths.get(measure, {}).items() ^ were.get(measure, {}).items()}
        return moved

    def _restyle_rows(self, rows: range | list[int], marks: Marks | None = None) -> None:
        """Style ``rows`` afresh; ``marks``: :meth:`_marks`, if worked out already."""
        net, deco = self.document.network, self.decoration
        source = self.as_of or net
        status, fifths = self._marked = self._marks() if marks is None else marks
        self._grouped = self._group_colours()
        then = self.as_of.people if self.as_of is not None else net.people
        for r in rows:
            person = then.get(self.ids[r]) or net.people[self.ids[r]]
            self.names[r] = person.display_name
            self.radius[r] = style.node_radius(person, deco, fifths)
            self.colours[r] = style.fill_colours(person, source, deco, fifths)
            fill = self.theme.me_fill if person.is_me else self.colours[r][0]
            self.brushes[r] = _fill(fill)
            line, width = style.outline(person, deco, status.get(person.id), fifths)
            self.pens[r] = _outline(self.theme.outline(line), width)
            self.importance[r] = label_importance(person, int(self.degree[r]))
        self.label_order = np.argsort(-self.importance, kind="stable")

    def _group_colours(self) -> Mapping[str, str] | None:
        """The colour of each group, when the decoration colours people by group."""
        by = self.decoration.colour_by
        if not isinstance(by, style.Group):
            return None
        return style.group_colours(self.as_of or self.document.network, by).colour

    def _fifths(self, source: Network) -> style.Measured:
        """Each person's fifth of the measures the decoration draws, for ``source``.

        A large map is measured in the background, as the insight pane does (seconds at
        100,000 people, in the window's thread a freeze): until the measures are in, people
        keep their fifths of the last measures (none at first), and are redrawn when they come
        (``sig_measured``): an edit does not make every size jump twice.
        """
        needed = self.decoration.measures()
        later = source is self.document.network and not self.document.measures_ready(needed)
        if later != self.measuring:
            self.measuring = later
            self.sig_measuring.emit(later)
        if later:
            kept = self._measured
            return kept if all(m in kept for m in needed) else style.NOT_MEASURED
        fifths = measured(source, needed)
        if source is self.document.network:
            self._measured = fifths
        return fifths

    def _on_measured(self) -> None:
        if self.measuring:
            self._restyle_rows(range(len(self.ids)))
            self.draw()

    def _apply_focus(self) -> None:
        """Which rows are shown and which are faded: the spotlight, else the sphere focus;
        then the filter."""
        n, net = len(self.ids), self.document.network
        self.shown, self.faded = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)

        def keep_only(keep: np.ndarray, hide: bool) -> None:
            if hide:
                self.shown &= keep
            else:
                self.faded |= ~keep

        if self.spotlight:
            keep_only(np.array([p in self.spotlight for p in self.ids], dtype=bool),
                      self.hide_rest)
        elif self.focus:
            keep_only(np.array([bool(net.people[p].spheres & self.focus)
                                or net.people[p].is_me for p in self.ids], dtype=bool),
                      self.focus_filters)
        if self.filtered is not None:
            kept = self.filtered
            keep_only(np.array([p in kept or net.people[p].is_me for p in self.ids], dtype=bool),
                      self.hide_rest)
        if self.as_of is not None:
            self.shown &= np.array([p in self.as_of.people for p in self.ids], dtype=bool)
        self.alpha = np.where(self.shown, np.where(self.faded, FADED_ALPHA, 255), 0)

    # ----- arrays → items ---------------------------------------------------------------------

    def node_styles(self, rows: np.ndarray | None = None) -> tuple[list[QBrush], list[QPen]]:
        """Brushes and pens of ``rows`` (all if None), faded and hidden ones dimmed."""
        alpha = self.alpha if rows is None else self.alpha[rows]
        brushes = self.brushes if rows is None else [self.brushes[r] for r in rows.tolist()]
        pens = self.pens if rows is None else [self.pens[r] for r in rows.tolist()]
        dim = np.flatnonzero(alpha < 255)
        if not len(dim):
            return brushes, pens
        brushes, pens = list(brushes), list(pens)
        for i in dim.tolist():
            fill, line = QColor(brushes[i].color()), QColor(pens[i].color())
            fill.setAlpha(int(alpha[i]))
            line.setAlpha(int(alpha[i]))
            brushes[i] = QBrush(fill)
            pen = QPen(pens[i])
            pen.setColor(line)
            pens[i] = pen
        return brushes, pens

    def draw(self, *, rows: np.ndarray | None = None) -> None:
        """Everything; only the nodes of ``rows`` when given (a drop, an edit of a few
        people: the others are drawn as they were)."""
        if rows is None:
            self.draw_nodes()
        else:
            self.show_rows(rows)
        self.draw_edges()
        self._draw_hulls()
        self.draw_selection()
        self._place_labels()
        if rows is None and len(self.edges.tie_ids) > SMOOTH_EDGES_UP_TO:
            release_freed_memory()  # what the last drawing of a large map was made of

    def draw_nodes(self) -> None:
        """All nodes, restyled."""
        styles, wedges = self._looks(np.arange(len(self.ids)))
        self.nodes.set_nodes(self.pos, self.radius, styles, self.shown.copy(), wedges)

    def _looks(self, rows: np.ndarray) -> tuple[list[NodeStyle], list[Wedges]]:
        """How each of ``rows`` is drawn: brush and pen, and the sphere segments over it."""
        brushes, pens = self.node_styles(rows)
        colours = [self.colours[r] for r in rows.tolist()]
        wedges = [tuple(wedge_fill(c, alpha) for c in each) if len(each) > 1 else ()
                  for each, alpha in zip(colours, self.alpha[rows].tolist(), strict=True)]
        return list(zip(brushes, pens, strict=True)), wedges

    def hide_rows(self, rows: np.ndarray) -> None:
        """Take a few rows off the node layer (a drag moves them on its overlay)."""
        self.nodes.set_rows(rows, visible=False)

    def show_rows(self, rows: np.ndarray) -> None:
        """Put ``rows`` back on the node layer where they are now, as they look now."""
        styles, wedges = self._looks(rows)
        self.nodes.set_rows(rows, visible=self.shown[rows], pos=self.pos[rows],
                            looks=(styles, self.radius[rows], wedges))

    def draw_edges(
        self,
        *,
        only: np.ndarray | None = None,
        exclude: np.ndarray | None = None,
        moving: bool = False,
    ) -> None:
        me = self.document.network.me
        mine = None if me is None else self.row.get(me.id)
        faded = self.faded
        faint = mine is not None and style.faint_ties_of_mine(int(self.degree[mine]),
                                                              self.decoration)
        if faint:
            faded = faded.copy()
            faded[mine] = True  # read for the ties alone: mine are drawn faint
        if faint != self.mine_faint:
            self.mine_faint = faint
            self.sig_mine_faint.emit(faint)
        self.edges.draw(
            self.pos, self.radius, self.shown, faded, only=only, exclude=exclude,
            moving=moving, without=None if self.ties_to_me else mine,
        )

    def _draw_hulls(self) -> None:
        if not self.hulls_on or len(self.ids) < 2:
            self.hulls.set_hulls([])
            return
        self.hulls.set_hulls(
            self.hull_cache.polygons(
                self.document.network, self.row, self.pos, self.shown, self.focus
            )
        )

    def draw_selection(self) -> None:
        rows = [self.row[p] for p in self.selection if p in self.row]
        pen = QPen(QColor(style.SELECTED))
        pen.setWidthF(3.0)
        pen.setCosmetic(True)
        self._ring_px = self.pixel()
        # 4 units clear of each disc, and RING_MIN_PX wide on screen at least
        size = np.maximum(2 * self.radius[rows] + 8, RING_MIN_PX * self._ring_px)
        self.ring.setData(pos=self.pos[rows], size=size, pen=pen, brush=None)
        self.edges.draw_highlight(self.selected.tie, self.pos)

    def _fit_rings(self) -> None:
        """The selection's rings drawn again for a zoom (a pan leaves them as they are)."""
        if self.selection and self.pixel() != self._ring_px:
            self.draw_selection()

    def end_preview(self) -> None:
        if self.previewing:
            super().end_preview()
            self._place_labels()

    def _place_labels(self) -> None:
        if self.previewing:
            return  # placed for the view reached, when the preview ends
        always = frozenset(self.row[p] for p in self.selection if p in self.row)
        me = self.document.network.me
        mine = [self.row[me.id]] if me is not None and self.shown[self.row[me.id]] else []
        always |= set(mine)
        order = self.label_order[(self.alpha == 255)[self.label_order]]
        self.rings.clear_of([])  # every ring named: people's names keep clear of them all
        self.labels.place(
            pos=self.pos,
            radius=self.radius,
            names=self.names,
            order=order,
            view_rect=self.view.viewRect(),
            px=self.pixel(),
            always=always,
            drawn=self.alpha > 0,
            kept_clear=self.rings.name_boxes(),
        )
        self.rings.clear_of([disc_box(self.pos[mine], self.radius[mine]), *(  # and none on me
            item.mapRectToView(item.boundingRect()) for item in self.labels.items_for(mine))])

    # ----- reacting to the document and the selection ----------------------------------------

    def _on_document_changed(self, changes: ChangeSet) -> None:
        structural = changes.structural and changes.people and not changes.spheres
        added = self._add_rows(changes) if structural else 0
        removed = self._remove_rows(changes) if structural and not added else 0
        if changes.spheres or (structural and not added and not removed):
            self.rebuild()
            self.selected.prune(self.document.network)
            return
        deco = self.decoration
        if changes.log_only and not changes.positions and deco.outline_by is not \
                style.Upkeep.CADENCE and deco.tie_colour_by is None:
            return  # a contact logged, a goal set: nothing on the map shows it
        degree = self.degree
        if changes.ties:
            self._rebuild_edges(changes.ties)
        if changes.ties or removed:  # a selected tie or person gone
            self.selected.prune(self.document.network)
        net = self.document.network
        moved = {p for p in changes.people | changes.positions if p in self.row}
        target = self.pos.copy()
        for pid in moved:
            person = net.people[pid]
            target[self.row[pid]] = (person.x or 0.0, person.y or 0.0)
        # Anyone's ring or fifth may move with an edit: only theirs are styled again.
        marks = self._marks() if changes.any_records or changes.people or changes.ties \
            else self._marked
        restyled = sorted(
            {self.row[p] for p in changes.people | self._marks_moved(marks) if p in self.row}
            | set(np.flatnonzero(degree != self.degree).tolist()))  # labels rank by degree
        if changes.people and self._group_colours() != self._grouped:
            restyled = list(range(len(self.ids)))  # a group gained or lost its colour
        if restyled:  # a move restyles nobody
            self._restyle_rows(restyled, marks)
        if (changes.any_records or changes.people) and self.decoration.tie_colour_by is not None:
            self._tone_edges()
        if len(moved) > len(self.ids) // 10:
            self.hull_cache.forget()  # a big move: the typical gap between people changed too
        self.hull_cache.forget_people(net, changes.people | changes.positions)
        alpha = self.alpha
        if changes.people:
            self._apply_focus()
        if changes.origin is not self:
            self._follow_layout(target)
        tween = self.animate and changes.origin is not self
        if tween and len(changes.positions) >= TWEEN_MIN_PEOPLE:
            self.hulls.set_hulls([])  # drawn again where the people land, not left behind
            self.tween.start(self.pos.copy(), target)
            return
        self.tween.stop()
        self.pos = target
        # Only the nodes of these rows look different or stand elsewhere (the sphere focus
        # or a filter may have shown, hidden or faded others).
        few = np.union1d(np.fromiter((self.row[p] for p in moved), dtype=np.intp),
                         np.union1d(np.asarray(restyled, dtype=np.intp),
                                    np.flatnonzero(alpha != self.alpha)))
        everyone = len(few) > len(self.ids) // 10
        self.draw(rows=None if everyone else few)
        if added and isinstance(changes.origin, EditCommand):
            # People an undo or a redo brings back come back selected, as they went; once
            # the map shows them (their pane takes a while to fill on a large map).
            QTimer.singleShot(0, self, partial(self._select_back, frozenset(self.ids[-added:])))

    def _select_back(self, people: frozenset[PersonId]) -> None:
        net = self.document.network
        self.selected.set_people(frozenset(p for p in people if p in net.people), origin=self)

    def _on_tween_frame(self, positions: np.ndarray) -> None:
        if positions.shape == self.pos.shape:
            self.pos = positions
            self.draw_nodes()
            self.draw_edges()
            self.draw_selection()
            for row in self.labels.shown:  # the names shown go with their people
                self.labels.move(row, positions[row], float(self.radius[row]))

    def _on_selection_changed(self, _origin: object) -> None:
        self.draw_selection()
        self._place_labels()
        self.sig_selection_changed.emit(self.selection)

    def select(self, ids: frozenset[PersonId]) -> None:
        self.selected.set_people(frozenset(ids), origin=self)

    def set_decoration(self, deco: Decoration) -> None:
        self.decoration = deco
        self._restyle_rows(range(len(self.ids)))
        self._tone_edges()
        self.draw()

    def set_theme(self, theme: Theme) -> None:
        """Draw the map in ``theme``'s colours (the system went dark, say)."""
        self.theme = theme
        self.setBackground(theme.background)
        self.labels.set_colour(theme.text)
        self.rings.set_colour(theme.muted, theme.background)
        self._restyle_rows(range(len(self.ids)))
        self.draw()
        self._place_labels()

    def show_rings(self, rings: Rings | None) -> None:
        """The ego layout's rings around me (placement.Rings), each named by its
        closeness where it runs through the widest gap between its people; None clears them.
        """
        if rings is None:
            self.rings.clear()
            return
        named = EgoRings.of_bands(*rings)
        self.rings.show(named.centre, named.rings)
        self._place_labels()

    def set_hulls(self, on: bool) -> None:
        self.hulls_on = on
        self._draw_hulls()

    def set_ties_to_me(self, on: bool) -> None:
        """Draw my ties, or leave them out: where everyone knows me, they hide how the others
        cluster."""
        self.ties_to_me = on
        self.draw_edges()

    def set_spotlight(self, people: frozenset[PersonId]) -> None:
        """Fade everyone but ``people`` (an introduction path, say); empty: back to normal."""
        self.spotlight = frozenset(people)
        self._apply_focus()
        self.draw()

    def set_as_of(self, then: Network | None, day: date | None = None) -> None:
        """Draw the people and ties of ``then`` (the map at the end of ``day``): the people's
        ratings, stay-in-touch rings and measures as they were; None: the map as it is."""
        self.as_of, self.as_of_day = then, day if then is not None else None
        self.hull_cache.forget()
        self._rebuild_edges()
        self._restyle_rows(range(len(self.ids)))
        self._apply_focus()
        self.draw()

    def set_filter(self, people: frozenset[PersonId] | None, *, hide: bool) -> None:
        """Show only ``people`` (and me), fading or hiding the rest; None: everyone. ``hide``
        applies to the spotlight and the neighbourhood focus too."""
        if (people, hide) == (self.filtered, self.hide_rest):
            return  # as shown already (the filter bar applies its conditions on start)
        self.filtered, self.hide_rest = people, hide
        self._apply_focus()
        self.draw()

    def set_focus(self, spheres: frozenset[SphereId], *, filters: bool = False) -> None:
        """Showcase (fade the rest) or filter (hide the rest) to these spheres; empty: all."""
        self.focus, self.focus_filters = frozenset(spheres), filters
        self.hull_cache.forget()
        self._apply_focus()
        self.draw()

    # ----- mouse ------------------------------------------------------------------------------

    def _on_nodes_clicked(self, row: int, modifiers: Qt.KeyboardModifier) -> None:
        pid = self.ids[row]
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            self.select(self.selection ^ {pid})
        else:
            self.select(frozenset({pid}))

    def _on_nodes_double_clicked(self, row: int) -> None:
        self.select(frozenset({self.ids[row]}))
        self.sig_person_activated.emit(self.ids[row])

    def _on_nodes_context(self, row: int, screen: QPoint) -> None:
        pid = self.ids[row]
        if pid not in self.selection:
            self.select(frozenset({pid}))
        x, y = self.pos[row]
        self.sig_context_menu.emit(CanvasContext(pid, None, QPointF(x, y), screen))

    def tie_at(self, at: QPointF) -> TieId | None:
        return self.edges.tie_at(np.array([at.x(), at.y()]), _PICK_PX * self.pixel())

    def _on_view_clicked(self, at: QPointF) -> None:
        tie = self.tie_at(at)
        if tie is None:
            self.selected.clear(origin=self)
        else:
            self.selected.set_tie(tie, origin=self)

    def _on_view_double_clicked(self, at: QPointF) -> None:
        try:
            pid = operations.add_person(self.document, at=(at.x(), at.y()))
        except KnownError as exc:
            self.sig_failed.emit(str(exc))
            return
        self.select(frozenset({pid}))
        self.sig_person_added.emit(pid)

    def _on_view_context_requested(self, at: QPointF, screen: QPoint) -> None:
        tie = self.tie_at(at)
        if tie is not None:
            self.selected.set_tie(tie, origin=self)
        self.sig_context_menu.emit(CanvasContext(None, tie, at, screen))

    def _on_view_rubber_band(self, rect: QRectF, modifiers: Qt.KeyboardModifier) -> None:
        x, y = self.pos[:, 0], self.pos[:, 1]
        inside = (x >= rect.left()) & (x <= rect.right()) & (y >= rect.top()) & (y <= rect.bottom())
        picked = frozenset(self.ids[r] for r in np.flatnonzero(inside & self.shown))
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            picked |= self.selection
        self.select(picked)

    # ----- view -------------------------------------------------------------------------------

    def fit(self, pos: np.ndarray | None = None) -> None:
        """Frame the whole map (as it is, or at ``pos``)."""
        pos = self.pos if pos is None else pos
        if len(pos):
            self.frame(pos[self.shown] if self.shown.any() else pos, 3 * self.radius.max())

    def _follow_layout(self, target: np.ndarray) -> None:
        """Where more than a tenth of the map moves to ``target`` (a layout, its undo): the
        whole map framed again if it was in view, else the view widened to show where they
        went. An ego layout drew its rings far wider than the map was, and the layout after
        it shrank the map to a dot in the middle."""
        shifted = elsewhere(target, self.pos)
        if shifted.sum() <= len(self.ids) // 10:
            return
        if self._in_view(self.pos[self.shown]):
            self.fit(target)
        else:
            self._widen_to(target[shifted], float(self.radius.max()))

    def bring_into_view(self, people: Collection[PersonId]) -> None:
        """Zoom out as far as it takes to show ``people`` too, if some are out of view: an
        import into a new map lands thousands around me, seen at the zoom of me alone."""
        rows = [self.row[p] for p in people if p in self.row]
        if rows:
            self._widen_to(self.pos[rows], float(self.radius[rows].max()))

    def _widen_to(self, pos: np.ndarray, radius: float) -> None:
        """Zoom out as far as it takes to show ``pos`` too (discs of ``radius``), if some
        are out of view: where a layout puts everyone, say."""
        if not self._in_view(pos):
            self.frame(np.vstack([pos, self._seen()]), 3 * radius)

    def _seen(self) -> np.ndarray:
        """The corners of the view, in scene units."""
        rect = self.view.viewRect()
        return np.array([[rect.left(), rect.top()], [rect.right(), rect.bottom()]])

    def _in_view(self, pos: np.ndarray) -> bool:
        seen = self._seen()
        return bool(((pos >= seen[0]) & (pos <= seen[1])).all())

    def centre_on(self, pid: PersonId) -> None:
        if pid in self.row:
            self.centre_at(*self.pos[self.row[pid]])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The Menu key (or Shift+F10) opens the selection's menu; the mouse has its own."""
        if event.reason() != QContextMenuEvent.Reason.Keyboard:
            return
        rows = [self.row[p] for p in self.selection if p in self.row]
        centre = self.pos[rows].mean(axis=0) if rows else None
        scene = QPointF(*centre) if centre is not None else self.view.viewRect().center()
        at = self.mapFromScene(self.view.mapViewToScene(scene))
        person = self.selected.person
        self.sig_context_menu.emit(CanvasContext(person, None, scene, self.mapToGlobal(at)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, focus = event.key(), self.neighbourhood
        if focus.active and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            focus.deepen(-1 if key == Qt.Key.Key_Minus else 1)  # while focused, +/- are steps
        elif key == Qt.Key.Key_Escape and focus.active:
            focus.leave()
        elif key == Qt.Key.Key_Escape and self.spotlight:
            self.set_spotlight(frozenset())
        elif key == Qt.Key.Key_Escape:
            self.selected.clear(origin=self)
        else:
            super().keyPressEvent(event)
