"""Name labels that stay readable at any zoom: the most important ones that fit, measured as
their text items draw them, covering neither another label nor a node."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from relmap.ui.canvas.geometry import elsewhere

MAX_LABELS = 160
MAX_CANDIDATES = 1500  # bounds the greedy search on big maps zoomed out
_GAP_PX = 2.0
_REACH_PX = 400.0  # how far past the view's edge a label may reach, in screen pixels
OBSTACLE_PX = 3.0  # the radius on screen from which a node keeps labels off
# Where a label may go, in order of preference: (direction from the node's centre, the text
# item's anchor). Below first, as on most maps; the others when below is taken.
SIDES = (((0, 1), (0.5, 0.0)), ((0, -1), (0.5, 1.0)), ((1, 0), (0.0, 0.5)), ((-1, 0), (1.0, 0.5)))


class LabelLayer:
    """A pool of text items placed beside their nodes, chosen greedily by importance."""

    def __init__(self, view: pg.ViewBox) -> None:
        self._view = view
        self._items: list[pg.TextItem] = []
        # What each item shows: its text, side and anchor point (None: nothing yet).
        self._looks: list[tuple[str, int, tuple[float, float]] | None] = []
        self._font = QFont()
        self._font.setPointSizeF(9.0)
        self._metrics = QFontMetricsF(self._font)
        probe = pg.TextItem()  # the margin its text document keeps around the text
        self._margin = probe.textItem.document().documentMargin()
        self._sizes: dict[str, tuple[float, float]] = {}  # name -> size_px(name)
        self.shown: dict[int, int] = {}  # row -> index of its text item
        self.sides: dict[int, int] = {}  # row -> index into SIDES
        self._last: _Run | None = None  # the last placement
        self._colour = QColor("#1d2126")

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        for item in self._items:
            item.setColor(self._colour)

    def size_px(self, name: str) -> tuple[float, float]:
        """The width and height of ``name``'s label on screen, as its text item draws it."""
        size = self._sizes.get(name)
        if size is None:
            size = self._sizes[name] = (self._metrics.horizontalAdvance(name) + 2 * self._margin,
                                        self._metrics.height() + 2 * self._margin)
        return size

    def place(
        self,
        *,
        pos: np.ndarray,
        radius: np.ndarray,
        names: list[str],
        order: np.ndarray,
        view_rect: QRectF,
        px: float,
        always: frozenset[int] = frozenset(),
        drawn: np.ndarray | None = None,
        kept_clear: Iterable[Box] = (),
    ) -> None:
        """Show labels for rows in ``order`` (most important first) that fit without covering
        another label, any drawn node (``drawn`` rows; all by default) or a box of
        ``kept_clear`` (the names of the ego layout's rings).

        ``px`` is the size of one screen pixel in scene units; ``always`` rows (me, the
        selection) are labelled first, in ``order``, over a node if need be but never over
        another name.
        """
        inside = _within(pos, view_rect)
        first = np.isin(order, list(always))
        candidates = (order[inside[order] & first].tolist()
                      + order[inside[order] & ~first][:MAX_CANDIDATES].tolist())
        cell = 4 * (self.size_px("")[1] + _GAP_PX) * px
        taken, named = _Taken(cell), _Taken(cell)  # what labels keep off; the labels alone
        # A label may reach past the view's edge: the discs there are in its way too. A
        # disc drawn smaller than OBSTACLE_PX (a big map seen whole) hides too little to
        # keep every name off it.
        r = float(radius.max(initial=0.0)) + _REACH_PX * px
        discs = _within(pos, view_rect.adjusted(-r, -r, r, r)) & (radius >= OBSTACLE_PX * px)
        if drawn is not None:
            discs &= drawn
        kept_clear = list(kept_clear)  # compared with the last placement's
        for box in kept_clear:
            taken.add(box)
        for row in np.flatnonzero(discs).tolist():
            taken.add(_disc(pos, radius, row))
        view = view_rect.normalized()
        left, top, right, bottom = view.left(), view.top(), view.right(), view.bottom()
        run = _Run(view=(left, top, right, bottom), px=px, candidates=candidates,
                   always=always, kept_clear=kept_clear, pos=pos.copy(), radius=radius.copy(),
                   discs=discs, names=[names[row] for row in candidates])
        last = self._last if self._last is not None and run.given_as(self._last) else None
        changed = _Changes(run, last, self.size_px)
        for k, row in enumerate(candidates):
            if len(run.chosen) >= MAX_LABELS:
                run.reached = k
                break
            if changed.same(k):  # as it was placed last time: nothing near it changed
                kept = changed.was(row)
                if kept is not None:
                    taken.add(kept[1])
                    named.add(kept[1])
                    run.place(row, *kept)
                continue
            boxes = _boxes(pos[row], float(radius[row]), self.size_px(names[row]), px)
            # The first side whose box lies wholly in the view (a name cut by the view's
            # edge is not shown) and is free; a plain loop: thousands of candidates.
            side = spare = None
            for i, box in enumerate(boxes):
                x0, y0, x1, y1 = box
                if not (left <= x0 and x1 <= right and top <= y0 and y1 <= bottom):
                    continue
                if not taken.hits(box):
                    side = i
                    break
                if spare is None and row in always and not named.hits(box):
                    spare = i  # me and the selection even over a node, but over no other
                    # name: of thousands selected, the names that fit
            side = spare if side is None else side
            if side is not None:
                taken.add(boxes[side])
                named.add(boxes[side])
                run.place(row, side, boxes[side])
            changed.placed(k, row, None if side is None else boxes[side])
        self._last = run
        self._show(run.chosen, pos, radius, names)

    def items_for(self, rows: Iterable[int]) -> list[pg.TextItem]:
        return [self._items[self.shown[r]] for r in rows if r in self.shown]

    def move(self, row: int, xy: np.ndarray, radius: float) -> None:
        if row in self.shown:
            i = self.shown[row]
            self._items[i].setPos(*_anchor_point(xy, radius, self.sides[row]))
            self._looks[i] = None  # placed anew next time

    def _show(
        self, rows: dict[int, int], pos: np.ndarray, radius: np.ndarray, names: list[str]
    ) -> None:
        while len(self._items) < len(rows):
            item = pg.TextItem(anchor=SIDES[0][1], color=self._colour)
            item.setFont(self._font)
            item.setZValue(30)
            self._view.addItem(item, ignoreBounds=True)
            self._items.append(item)
            self._looks.append(None)
        self.shown, self.sides = {}, rows
        for i, (row, side) in enumerate(rows.items()):
            item = self._items[i]
            looks = (names[row], side, _anchor_point(pos[row], float(radius[row]), side))
            if self._looks[i] != looks:  # most labels stay as they were: a drop moves a few
                item.setText(looks[0])
                item.setAnchor(SIDES[side][1])
                item.setPos(*looks[2])
                self._looks[i] = looks
            item.setVisible(True)
            self.shown[row] = i
        for item in self._items[len(rows) :]:
            item.setVisible(False)


Box = tuple[float, float, float, float]  # left, top, right, bottom in scene units


def _boxes(xy: np.ndarray, radius: float, size: tuple[float, float], px: float) -> list[Box]:
    """The label's box on each of the SIDES, for a label of ``size`` screen pixels."""
    x, y = float(xy[0]), float(xy[1])
    w, h = (size[0] + 2 * _GAP_PX) * px, (size[1] + _GAP_PX) * px
    return [
        (x - w / 2, y + radius, x + w / 2, y + radius + h),  # below (y grows downwards)
        (x - w / 2, y - radius - h, x + w / 2, y - radius),  # above
        (x + radius, y - h / 2, x + radius + w, y + h / 2),  # right
        (x - radius - w, y - h / 2, x - radius, y + h / 2),  # left
    ]


def _disc(pos: np.ndarray, radius: np.ndarray, row: int) -> Box:
    x, y, r = float(pos[row, 0]), float(pos[row, 1]), float(radius[row])
    return x - r, y - r, x + r, y + r


@dataclass
class _Run:
    """A placement: what it was given, and the side and box of each name it showed."""

    view: Box
    px: float
    candidates: list[int]  # rows, in order
    always: frozenset[int]
    kept_clear: list[Box]
    pos: np.ndarray
    radius: np.ndarray
    discs: np.ndarray  # which nodes labels kept off
    names: list[str]  # each candidate's
    chosen: dict[int, int] = field(default_factory=dict)  # row -> side
    boxes: dict[int, Box] = field(default_factory=dict)  # row -> its label's box
    reached: int | None = None  # the candidate it stopped at, once the names were many

    def given_as(self, other: _Run) -> bool:
        """Whether it was given the view, candidates and boxes to keep clear of ``other``,
        among as many people."""
        return (len(self.pos), self.view, self.px, self.candidates, self.always,
                self.kept_clear) == (len(other.pos), other.view, other.px, other.candidates,
                                     other.always, other.kept_clear)

    def place(self, row: int, side: int, box: Box) -> None:
        self.chosen[row] = side
        self.boxes[row] = box


class _Changes:
    """Which candidates of a placement may be placed otherwise than in the ``last`` with
    the same inputs: those that moved, grew or were renamed, and those whose labels could
    touch a box that is there now and was not then, or the other way round (a node that
    moved, a label placed otherwise). The others are placed as they were: a drop on a
    large map places again the few names near where it was and is."""

    def __init__(self, run: _Run, last: _Run | None,
                 size_px: Callable[[str], tuple[float, float]]) -> None:
        self._all = last is None
        if last is None:
            return
        self._last = last
        self._reached = len(last.candidates) if last.reached is None else last.reached
        rows = np.array(run.candidates, dtype=np.intp)
        moved = elsewhere(run.pos, last.pos) | (run.radius != last.radius)
        renamed = np.array([a != b for a, b in zip(run.names, last.names, strict=True)], bool)
        self._own = moved[rows] | renamed.reshape(-1)
        # Around each candidate, every box its label could have, on any side.
        sizes = np.array([size_px(name) for name in run.names]).reshape(-1, 2)
        reach = run.radius[rows, None] + (sizes + 2 * _GAP_PX) * run.px
        xy = run.pos[rows]
        self._around = np.column_stack([xy - reach, xy + reach])
        self._near = np.zeros(len(rows), dtype=bool)
        for row in np.flatnonzero((run.discs != last.discs) | (
                (run.discs | last.discs) & moved)).tolist():  # nodes labels keep off
            self._touch(0, _disc(last.pos, last.radius, row), _disc(run.pos, run.radius, row))

    def same(self, k: int) -> bool:
        """Whether the ``k``th candidate is placed as last time (which got as far)."""
        return not self._all and k < self._reached and not (self._own[k] or self._near[k])

    def was(self, row: int) -> tuple[int, Box] | None:
        """The side and box of ``row``'s name last time, if it was shown."""
        side = self._last.chosen.get(row)
        return None if side is None else (side, self._last.boxes[row])

    def placed(self, k: int, row: int, box: Box | None) -> None:
        """The ``k``th candidate, ``row``, placed afresh: in ``box``, or nowhere if None."""
        if self._all:
            return
        was = self._last.boxes.get(row)
        if box != was:
            self._touch(k + 1, was, box)

    def _touch(self, start: int, *boxes: Box | None) -> None:
        """Candidates from ``start`` on whose labels could touch any of ``boxes``."""
        around = self._around[start:]
        for box in boxes:
            if box is not None:
                x0, y0, x1, y1 = box
                self._near[start:] |= ((around[:, 0] <= x1) & (x0 <= around[:, 2])
                                       & (around[:, 1] <= y1) & (y0 <= around[:, 3]))


def _within(pos: np.ndarray, rect: QRectF) -> np.ndarray:
    return ((pos[:, 0] >= rect.left()) & (pos[:, 0] <= rect.right())
            & (pos[:, 1] >= rect.top()) & (pos[:, 1] <= rect.bottom()))


def _anchor_point(xy: np.ndarray, radius: float, side: int) -> tuple[float, float]:
    dx, dy = SIDES[side][0]
    return float(xy[0]) + dx * radius, float(xy[1]) + dy * radius


class _Taken:
    """The boxes placed so far, in a grid of ``cell``-sized squares: a test looks only at
    the boxes of the squares it covers (thousands of tests per placement on a big map)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.squares: defaultdict[tuple[int, int], list[Box]] = defaultdict(list)

    def hits(self, box: Box) -> bool:
        # The squares of _keys walked in place: thousands of tests per placement.
        squares, c = self.squares, self.cell
        x0, y0, x1, y1 = box
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                for other in squares.get((i, j), ()):
                    if x0 < other[2] and other[0] < x1 and y0 < other[3] and other[1] < y1:
                        return True
        return False

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.squares[key].append(box)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [(i, j) for i in range(int(box[0] // c), int(box[2] // c) + 1)
                for j in range(int(box[1] // c), int(box[3] // c) + 1)]
