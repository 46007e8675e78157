"""Label placement: each label beside its node, never over another label or any node."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from relmap.render.occupancy import DiscRaster, RectGrid

_D = 0.7071
# Directions of a label from its node, best first: below, above, right, left, diagonals.
_DIRECTIONS = np.array([
    (0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (_D, _D), (-_D, _D), (_D, -_D), (-_D, -_D),
])
_LEADER_RINGS = (1.4, 2.6)  # extra distances (in label heights) tried with a leader line
_MAX_RASTER_CELLS = 1_500_000
Rect = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True, eq=False)
class Placement:
    """Placed labels: ``rows`` into the inputs, their rectangles and optional leader lines.

    ``rects`` and ``leaders`` are ``(k, 4)`` arrays of ``x0, y0, x1, y1``; a label without a
    leader line has NaN in its leader row.
    """

    rows: np.ndarray
    rects: np.ndarray
    leaders: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


def candidate_rects(
    centres: np.ndarray, radii: np.ndarray, sizes: np.ndarray, gap: float,
    rings: tuple[float, ...],
) -> np.ndarray:
    """``(n, len(rings) * 8, 4)`` label rectangles around every node, in trial order."""
    out = []
    w, h = sizes[:, 0], sizes[:, 1]
    for ring in rings:
        dist = radii + gap + ring * h
        for dx, dy in _DIRECTIONS:
            # The label's edge or corner that faces the node sits at ``dist`` from the centre.
            x, y = centres[:, 0], centres[:, 1]
            left = x + dx * dist - (w if dx < 0 else 0.0) if dx else x - w / 2
            top = y + dy * dist - (h if dy < 0 else 0.0) if dy else y - h / 2
            out.append(np.column_stack([left, top, left + w, top + h]))
    return np.stack(out, axis=1).reshape(len(centres), len(out), 4)


def place_labels(
    centres: np.ndarray,
    radii: np.ndarray,
    sizes: np.ndarray,
    order: np.ndarray,
    *,
    bounds: Rect,
    gap: float,
    leader_lines: bool = True,
    taken: Sequence[Rect] = (),
) -> Placement:
    """Place as many labels as fit, most important first, in page units.

    Parameters
    ----------
    centres, radii
        ``(n, 2)`` node centres and ``(n,)`` radii: every node is an obstacle.
    sizes
        ``(n, 2)`` label width and height; a row with width 0 gets no label.
    order
        Rows to label, most important first; the least important are dropped when no
        position is free.
    bounds
        ``(x0, y0, x1, y1)``: labels never cross it (nothing is clipped).
    gap
        Least space between a node and its label.
    leader_lines
        Also try positions further out, joined to the node by a line.
    taken
        Rectangles no label may overlap (other names already on the map).

    Returns
    -------
    Placement
        Labels that overlap no other label and no node, all inside ``bounds``.
    """
    if len(centres) == 0:
        return Placement(np.empty(0, np.int64), np.empty((0, 4)), np.empty((0, 4)))
    area = max(1.0, (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
    cell = max(gap / 2.5, float(np.sqrt(area / _MAX_RASTER_CELLS)), 1e-3)
    gap = max(gap, 2.5 * cell)  # so a label is never refused because of its own node
    rings = (0.0, *_LEADER_RINGS) if leader_lines else (0.0,)
    rects = candidate_rects(centres, radii, sizes, gap, rings)
    flat = rects.reshape(-1, 4)
    inside = (
        (flat[:, 0] >= bounds[0]) & (flat[:, 1] >= bounds[1])
        & (flat[:, 2] <= bounds[2]) & (flat[:, 3] <= bounds[3])
    )
    static = np.zeros(len(flat), dtype=bool)
    static[inside] = DiscRaster(centres, radii, bounds, cell).free(flat[inside])
    static = static.reshape(rects.shape[:2]) & (sizes[:, :1] > 0)
    return _greedy(centres, radii, rects, static, order, taken)


def _greedy(
    centres: np.ndarray, radii: np.ndarray, rects: np.ndarray, static: np.ndarray,
    order: np.ndarray, taken: Sequence[Rect],
) -> Placement:
    heights = rects[:, 0, 3] - rects[:, 0, 1]
    grid = RectGrid(2.0 * max(float(np.median(heights)), float(radii.max()), 1e-3))
    nodes = RectGrid(grid.cell)
    for i, ((x, y), r) in enumerate(zip(centres.tolist(), radii.tolist(), strict=True)):
        nodes.add(i, x - r, y - r, x + r, y + r)
    placed: list[Rect] = list(taken)  # the labels placed follow them
    for i, box in enumerate(placed):
        grid.add(i, *box)
    rows: list[int] = []
    leaders: list[Rect] = []
    per_ring = len(_DIRECTIONS)
    for row in order.tolist():
        for k in np.flatnonzero(static[row]).tolist():
            rect: Rect = tuple(rects[row, k].tolist())
            if not _clear(rect, grid, placed):
                continue
            leader = _NO_LEADER
            if k >= per_ring:
                leader = _leader(centres[row], float(radii[row]), rect)
                if not _line_clear(leader, row, grid, placed, nodes, centres, radii):
                    continue
            grid.add(len(placed), *rect)
            placed.append(rect)
            rows.append(row)
            leaders.append(leader)
            break
    return Placement(
        np.array(rows, dtype=np.int64),
        np.array(placed[len(taken):], dtype=float).reshape(-1, 4),
        np.array(leaders, dtype=float).reshape(-1, 4),
    )


_NO_LEADER: Rect = (float("nan"),) * 4


def _clear(rect: Rect, grid: RectGrid, placed: list[Rect]) -> bool:
    x0, y0, x1, y1 = rect
    for j in grid.near(x0, y0, x1, y1):
        o = placed[j]
        if x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:
            return False
    return True


def _leader(centre: np.ndarray, radius: float, rect: Rect) -> Rect:
    """From the node's edge towards the nearest point of its label."""
    x, y = float(centre[0]), float(centre[1])
    ex, ey = min(max(x, rect[0]), rect[2]), min(max(y, rect[1]), rect[3])
    length = max(float(np.hypot(ex - x, ey - y)), 1e-9)
    return (x + (ex - x) / length * radius, y + (ey - y) / length * radius, ex, ey)


def _line_clear(
    line: Rect, own: int, grid: RectGrid, placed: list[Rect], nodes: RectGrid,
    centres: np.ndarray, radii: np.ndarray,
) -> bool:
    """True if a leader line crosses no other node and no placed label (sampled)."""
    x0, y0, x1, y1 = line
    for t in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9):
        x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        for j in nodes.near(x, y, x, y):
            cx, cy = centres[j]
            if j != own and (x - cx) ** 2 + (y - cy) ** 2 < radii[j] ** 2:
                return False
        for j in grid.near(x, y, x, y):
            o = placed[j]
            if o[0] <= x <= o[2] and o[1] <= y <= o[3]:
                return False
    return True
