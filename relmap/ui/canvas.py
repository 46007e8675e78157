"""The map canvas: draws the Document's network and turns drags and clicks into edits."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPen, QPixmapCache
from PySide6.QtWidgets import QWidget

from relmap.core.edits import MoveNodes, Position
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.network import ChangeSet
from relmap.document.document import Document
from relmap.render import style
from relmap.ui.canvas_items import DragHandler, EdgeLayers, MapViewBox, NodesItem
from relmap.ui.labels import LabelLayer

_ZOOM_STEP = 1.25
_PAN_STEP = 0.1  # share of the visible width per arrow key


class NetworkCanvas(pg.GraphicsView):  # type: ignore[misc]
    """The interactive map. Selection is a set of person ids shared through signals."""

    sig_selection_changed = Signal(object)  # frozenset[PersonId]
    sig_failed = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="#f7f8fa")
        QPixmapCache.setCacheLimit(256 * 1024)  # room for the cached layers (KiB)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document = document
        self.selection: frozenset[PersonId] = frozenset()
        self.view = MapViewBox()
        self.setCentralItem(self.view)
        self.edges = EdgeLayers(self.view, z=0)
        self.nodes = NodesItem(DragHandler(self._drag_start, self._drag_move, self._drag_finish))
        self.nodes.setZValue(10)
        self.view.addItem(self.nodes)
        self._moving_edges = EdgeLayers(self.view, z=5, cached=False)
        self._moving_nodes = pg.ScatterPlotItem(pxMode=False, antialias=True)
        self._moving_nodes.setZValue(20)
        self._selected = pg.ScatterPlotItem(pxMode=False, antialias=True, brush=None)
        self._selected.setZValue(15)
        for item in (self._moving_nodes, self._selected):
            self.view.addItem(item)
        self.labels = LabelLayer(self.view)
        self._drag_rows: np.ndarray = np.empty(0, dtype=int)
        self._drag_from: np.ndarray = np.empty((0, 2))
        self._label_timer = QTimer(self, singleShot=True, interval=40)
        self._label_timer.timeout.connect(self._place_labels)
        self.view.sigRangeChanged.connect(self._label_timer.start)
        self.view.sig_background_clicked.connect(self._on_background_clicked)
        self.nodes.sig_node_clicked.connect(self._on_node_clicked)
        document.sig_changed.connect(self._on_document_changed)
        self.rebuild()
        self.fit()

    # ----- model → arrays -------------------------------------------------------------------

    def rebuild(self) -> None:
        """Recompute every array from the network (after structural changes)."""
        net = self.document.network
        self.ids = list(net.people)
        self.row = {pid: i for i, pid in enumerate(self.ids)}
        people = [net.people[p] for p in self.ids]
        self.pos = np.array([(p.x or 0.0, p.y or 0.0) for p in people], dtype=float).reshape(-1, 2)
        ties = list(net.ties.values())
        self.edge_rows = np.array([(self.row[t.a], self.row[t.b]) for t in ties], dtype=int)
        self.edge_rows = self.edge_rows.reshape(-1, 2)
        self.edge_width = np.array([style.edge_width(t) for t in ties], dtype=float)
        self.edge_dashed = np.array([t.kind in style.DASHED_KINDS for t in ties], dtype=bool)
        degree = np.bincount(self.edge_rows.ravel(), minlength=len(people))
        self.names = [p.display_name for p in people]
        imp = np.array([style.importance(p, int(d)) for p, d in zip(people, degree, strict=True)])
        self.label_order = np.argsort(-imp, kind="stable")
        self._restyle_rows(range(len(people)))
        self._draw()

    def _restyle_rows(self, rows: range | list[int]) -> None:
        net = self.document.network
        if isinstance(rows, range):
            self.radius = np.zeros(len(self.ids))
            self.brushes: list[QBrush] = [QBrush()] * len(self.ids)
            self.pens: list[QPen] = [QPen()] * len(self.ids)
        for r in rows:
            person = net.people[self.ids[r]]
            self.radius[r] = style.node_radius(person)
            self.brushes[r] = QBrush(QColor(style.node_colour(person, net)))
            pen = QPen(QColor(style.ME_RING if person.is_me else "#ffffff"))
            pen.setWidthF(3.5 if person.is_me else 1.2)
            pen.setCosmetic(True)  # symbols are scaled by their size; outlines are not
            self.pens[r] = pen

    def _draw(self) -> None:
        self.nodes.setData(
            pos=self.pos,
            size=2 * self.radius,
            brush=self.brushes,
            pen=self.pens,
            symbol="o",
        )
        self.edges.set_edges(self.pos, self.edge_rows, self.edge_width, self.edge_dashed)
        self._draw_selection()
        self._label_timer.start()

    def _draw_selection(self) -> None:
        rows = [self.row[p] for p in self.selection if p in self.row]
        pen = QPen(QColor(style.SELECTED))
        pen.setWidthF(3.0)
        pen.setCosmetic(True)
        self._selected.setData(
            pos=self.pos[rows], size=2 * self.radius[rows] + 8, pen=pen, brush=None
        )

    def _place_labels(self) -> None:
        rect = self.view.viewRect()
        px = rect.width() / max(1.0, self.view.width())
        always = frozenset(self.row[p] for p in self.selection if p in self.row)
        me = self.document.network.me
        if me is not None:
            always |= {self.row[me.id]}
        self.labels.place(
            pos=self.pos,
            radius=self.radius,
            names=self.names,
            order=self.label_order,
            view_rect=rect,
            px=px,
            always=always,
        )

    def _on_document_changed(self, changes: ChangeSet) -> None:
        if changes.structural or changes.spheres:
            self.rebuild()
            self.select(self.selection & set(self.row))
            return
        net = self.document.network
        for pid in changes.people | changes.positions:
            person = net.people[pid]
            self.pos[self.row[pid]] = (person.x or 0.0, person.y or 0.0)
        self._restyle_rows([self.row[p] for p in changes.people])
        self._draw()

    # ----- selection --------------------------------------------------------------------------

    def select(self, ids: frozenset[PersonId]) -> None:
        if ids == self.selection:
            return
        self.selection = ids
        self._draw_selection()
        self._label_timer.start()
        self.sig_selection_changed.emit(ids)

    def _on_node_clicked(self, row: int, modifiers: Qt.KeyboardModifier) -> None:
        pid = self.ids[row]
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            self.select(self.selection ^ {pid})
        else:
            self.select(frozenset({pid}))

    def _on_background_clicked(self, _pos: QPointF) -> None:
        self.select(frozenset())

    # ----- dragging ---------------------------------------------------------------------------

    def _drag_start(self, row: int) -> None:
        pid = self.ids[row]
        group = self.selection if pid in self.selection else frozenset({pid})
        self._drag_rows = np.array(sorted(self.row[p] for p in group), dtype=int)
        self._drag_from = self.pos[self._drag_rows].copy()
        self._drag_anchor = self.pos[row].copy()
        # Move the dragged nodes and their edges to uncached overlay items, once.
        moving = np.isin(self.edge_rows, self._drag_rows).any(axis=1)
        self._drag_edges = moving
        hidden = list(self.brushes)
        for r in self._drag_rows:
            hidden[r] = QBrush(Qt.BrushStyle.NoBrush)
        pens = list(self.pens)
        for r in self._drag_rows:
            pens[r] = QPen(Qt.PenStyle.NoPen)
        self.nodes.setData(pos=self.pos, size=2 * self.radius, brush=hidden, pen=pens)
        self.edges.set_edges(
            self.pos, self.edge_rows[~moving], self.edge_width[~moving], self.edge_dashed[~moving]
        )
        self._drag_move(self._drag_anchor)

    def _drag_move(self, target: np.ndarray) -> None:
        if not len(self._drag_rows):
            return
        self.pos[self._drag_rows] = self._drag_from + (target - self._drag_anchor)
        rows = self._drag_rows
        self._moving_nodes.setData(
            pos=self.pos[rows],
            size=2 * self.radius[rows],
            brush=[self.brushes[r] for r in rows],
            pen=[self.pens[r] for r in rows],
        )
        m = self._drag_edges
        self._moving_edges.set_edges(
            self.pos, self.edge_rows[m], self.edge_width[m], self.edge_dashed[m]
        )
        self._selected.setData(pos=self.pos[[self.row[p] for p in self.selection if p in self.row]])
        for r in rows:
            self.labels.move(int(r), self.pos[r], float(self.radius[r]))

    def _drag_finish(self) -> None:
        rows, start = self._drag_rows, self._drag_from
        self._drag_rows = np.empty(0, dtype=int)
        self._moving_nodes.clear()
        self._moving_edges.clear()
        if np.allclose(self.pos[rows], start):
            self._draw()
            return
        moves = {
            self.ids[r]: Position(float(self.pos[r, 0]), float(self.pos[r, 1]), True) for r in rows
        }
        try:
            self.document.push(
                MoveNodes(moves),
                f"Move {len(moves)} people" if len(moves) > 1 else f"Move {self.names[rows[0]]}",
            )
        except KnownError as exc:
            self.pos[rows] = start
            self._draw()
            self.sig_failed.emit(str(exc))

    # ----- view -------------------------------------------------------------------------------

    def fit(self) -> None:
        if len(self.pos):
            pad = float(self.radius.max()) * 3
            lo, hi = self.pos.min(axis=0) - pad, self.pos.max(axis=0) + pad
            self.view.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0.02)

    def centre_on(self, pid: PersonId) -> None:
        if pid in self.row:
            rect = self.view.viewRect()
            x, y = self.pos[self.row[pid]]
            self.view.setRange(
                xRange=(x - rect.width() / 2, x + rect.width() / 2),
                yRange=(y - rect.height() / 2, y + rect.height() / 2),
                padding=0,
            )

    def zoom(self, factor: float) -> None:
        self.view.scaleBy((1 / factor, 1 / factor))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        rect = self.view.viewRect()
        step_x, step_y = rect.width() * _PAN_STEP, rect.height() * _PAN_STEP
        pans: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left: (-step_x, 0),
            Qt.Key.Key_Right: (step_x, 0),
            Qt.Key.Key_Up: (0, -step_y),
            Qt.Key.Key_Down: (0, step_y),
        }
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(_ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / _ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in pans:
            self.view.translateBy(x=pans[key][0], y=pans[key][1])
        elif key == Qt.Key.Key_Escape:
            self.select(frozenset())
        else:
            super().keyPressEvent(event)
