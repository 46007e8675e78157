"""Name labels that stay readable at any zoom: the most important ones that fit, no overlaps."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont

MAX_LABELS = 160
MAX_CANDIDATES = 1500  # bounds the greedy search on big maps zoomed out
_CHAR_PX, _LINE_PX, _GAP_PX = 7.0, 16.0, 2.0


class LabelLayer:
    """A pool of text items placed under their nodes, chosen greedily by importance."""

    def __init__(self, view: pg.ViewBox) -> None:
        self._view = view
        self._items: list[pg.TextItem] = []
        self._font = QFont()
        self._font.setPointSizeF(9.0)
        self.shown: dict[int, int] = {}  # row -> index of its text item

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
    ) -> None:
        """Show labels for rows in ``order`` (most important first) that fit without overlap.

        ``px`` is the size of one screen pixel in scene units; ``always`` rows (me, the
        selection) are labelled first.
        """
        inside = (
            (pos[:, 0] >= view_rect.left())
            & (pos[:, 0] <= view_rect.right())
            & (pos[:, 1] >= view_rect.top())
            & (pos[:, 1] <= view_rect.bottom())
        )
        candidates = [r for r in always if inside[r]] + [
            int(r) for r in order if inside[r] and int(r) not in always
        ][:MAX_CANDIDATES]
        taken: list[tuple[float, float, float, float]] = []
        chosen: list[int] = []
        for row in candidates:
            if len(chosen) >= MAX_LABELS:
                break
            box = self._box(pos[row], radius[row], names[row], px)
            if row in always or not any(_overlap(box, other) for other in taken):
                taken.append(box)
                chosen.append(row)
        self._show(chosen, pos, radius, names)

    def items_for(self, rows: Iterable[int]) -> list[pg.TextItem]:
        return [self._items[self.shown[r]] for r in rows if r in self.shown]

    def move(self, row: int, xy: np.ndarray, radius: float) -> None:
        if row in self.shown:
            self._items[self.shown[row]].setPos(float(xy[0]), float(xy[1]) + radius)

    def _box(
        self, xy: np.ndarray, radius: float, name: str, px: float
    ) -> tuple[float, float, float, float]:
        half = (len(name) * _CHAR_PX / 2 + _GAP_PX) * px
        top = xy[1] + radius
        return (xy[0] - half, top, xy[0] + half, top + (_LINE_PX + _GAP_PX) * px)

    def _show(self, rows: list[int], pos: np.ndarray, radius: np.ndarray, names: list[str]) -> None:
        while len(self._items) < len(rows):
            item = pg.TextItem(anchor=(0.5, 0.0), color=QColor("#1d2126"))
            item.setFont(self._font)
            item.setZValue(30)
            self._view.addItem(item, ignoreBounds=True)
            self._items.append(item)
        self.shown = {}
        for i, row in enumerate(rows):
            item = self._items[i]
            item.setText(names[row])
            item.setPos(float(pos[row, 0]), float(pos[row, 1] + radius[row]))
            item.setVisible(True)
            self.shown[row] = i
        for item in self._items[len(rows) :]:
            item.setVisible(False)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
