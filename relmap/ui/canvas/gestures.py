"""Drags that start on a node: move it (or the selection), or draw a tie to another node."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from relmap import style
from relmap.core.edits import MoveNodes, Position
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.ui import operations

if TYPE_CHECKING:
    from relmap.ui.canvas.network_canvas import NetworkCanvas

TIE_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier


class MoveGesture:
    """Moves overlay copies of the dragged nodes and their edges (the static layers stay
    cached), then pushes ONE MoveNodes command on release."""

    def __init__(self, canvas: NetworkCanvas, row: int, at: np.ndarray) -> None:
        self.canvas = c = canvas
        c.document.held = True  # changes made elsewhere wait for the drop
        c.holding = self
        c.tween.stop()
        pid = c.ids[row]
        if pid not in c.selection:
            c.select(frozenset({pid}))  # dragging someone picks them, as a click would
        group = c.selection
        self.rows = np.array(sorted(c.row[p] for p in group), dtype=int)
        self.start = c.pos[self.rows].copy()
        self.anchor = at
        self.edges = c.edges.touching(self.rows)
        c.hide_rows(self.rows)
        c.draw_edges(exclude=self.edges)
        self.brushes, self.pens = c.node_styles(self.rows)  # once: a frame only moves them
        live = [c.moving_nodes, c.moving_segments.item, c.ring, *c.labels.items_for(self.rows)]
        c.freeze(live)

    def move(self, at: np.ndarray) -> None:
        c, rows = self.canvas, self.rows
        c.pos[rows] = self.start + (at - self.anchor)
        c.moving_nodes.setData(
            pos=c.pos[rows], size=2 * c.radius[rows], brush=self.brushes, pen=self.pens
        )
        c.moving_segments.set_segments(c.pos, c.radius, rows.tolist(), c.colours, c.alpha)
        c.draw_edges(only=self.edges, moving=True)
        c.draw_selection()
        for r in rows:
            c.labels.move(int(r), c.pos[r], float(c.radius[r]))

    def finish(self, at: np.ndarray, row: int | None) -> None:
        try:
            self._drop()
        finally:  # once the drop is drawn: what waited for it would slow its drawing down
            self.canvas.after_paint(self._release)

    def _release(self) -> None:
        if self.canvas.holding is self:  # not a drag begun since
            self.canvas.holding = None
            self.canvas.document.held = False

    def _drop(self) -> None:
        c, rows = self.canvas, self.rows
        c.thaw()
        c.moving_nodes.clear()
        c.moving_segments.clear()
        c.edges.moving.clear()
        c.edges.moving_many.clear()
        if np.allclose(c.pos[rows], self.start):
            c.draw()
            return
        moves = {c.ids[r]: Position(float(c.pos[r, 0]), float(c.pos[r, 1]), True) for r in rows}
        text = (
            tr("Move {n_moves} people").format(n_moves=len(moves))
            if len(moves) > 1
            else tr("Move {names}").format(names=c.names[rows[0]])
        )
        try:
            c.document.push(MoveNodes(moves), text, origin=c)
        except KnownError as exc:
            c.pos[rows] = self.start
            c.draw()
            c.sig_failed.emit(str(exc))


class TieGesture:
    """A rubber line from a node to the cursor; releasing on another node connects the two."""

    def __init__(self, canvas: NetworkCanvas, row: int) -> None:
        self.canvas, self.row = canvas, row
        pen = QPen(QColor(style.SELECTED))
        pen.setCosmetic(True)
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        self.line = pg.PlotCurveItem(pen=pen, antialias=True)
        self.line.setZValue(25)
        self.target = pg.ScatterPlotItem(pxMode=False, brush=QBrush(Qt.BrushStyle.NoBrush))
        self.target.setZValue(25)
        for item in (self.line, self.target):
            canvas.view.addItem(item, ignoreBounds=True)

    def move(self, at: np.ndarray) -> None:
        c = self.canvas
        start = c.pos[self.row]
        self.line.setData([start[0], at[0]], [start[1], at[1]])
        over = c.nodes.row_at(pg.Point(float(at[0]), float(at[1])))
        if over is not None and over != self.row:
            ring = QPen(QColor(style.SELECTED))
            ring.setCosmetic(True)
            ring.setWidthF(3.0)
            self.target.setData(pos=c.pos[[over]], size=[2 * c.radius[over] + 8], pen=ring)
        else:
            self.target.clear()

    def finish(self, at: np.ndarray, row: int | None) -> None:
        c = self.canvas
        for item in (self.line, self.target):
            c.view.removeItem(item)
        if row is None or row == self.row:
            return
        try:
            tie = operations.connect(c.document, c.ids[self.row], c.ids[row])
        except KnownError as exc:
            c.sig_failed.emit(str(exc))
            return
        c.selected.set_tie(tie)


def gesture_for(
    canvas: NetworkCanvas, row: int, modifiers: Qt.KeyboardModifier, at: np.ndarray
) -> MoveGesture | TieGesture | None:
    if canvas.document.read_only:  # a viewer pans; nothing moves
        return None
    if modifiers & TIE_MODIFIERS:
        return TieGesture(canvas, row)
    return MoveGesture(canvas, row, at)
