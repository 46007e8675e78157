"""Name labels that stay readable at any zoom: the most important ones that fit, measured as
their text items draw them, covering neither another label nor a node."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

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
        self._widths: dict[str, float] = {}  # name -> its label's width in screen pixels
        self.shown: dict[int, int] = {}  # row -> index of its text item
        self.sides: dict[int, int] = {}  # row -> index into SIDES
        self._colour = QColor("#1d2126")

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        for item in self._items:
            item.setColor(self._colour)

    def size_px(self, name: str) -> tuple[float, float]:
        """The width and height of ``name``'s label on screen, as its text item draws it."""
        width = self._widths.get(name)
        if width is None:
            width = self._widths[name] = self._metrics.horizontalAdvance(name) + 2 * self._margin
        return width, self._metrics.height() + 2 * self._margin

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
        for box in kept_clear:
            taken.add(box)
        for row in np.flatnonzero(discs).tolist():
            x, y, r = float(pos[row, 0]), float(pos[row, 1]), float(radius[row])
            taken.add((x - r, y - r, x + r, y + r))
        chosen: dict[int, int] = {}  # row -> side
        view = view_rect.normalized()
        left, top, right, bottom = view.left(), view.top(), view.right(), view.bottom()
        for row in candidates:
            if len(chosen) >= MAX_LABELS:
                break
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
                chosen[row] = side
        self._show(chosen, pos, radius, names)

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
