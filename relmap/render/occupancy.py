"""Spatial indexes for label placement: a hash of rectangles and a raster of node discs."""

from __future__ import annotations

import numpy as np


class RectGrid:
    """A uniform spatial hash of rectangles: finds the few that can touch a query rectangle."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}

    def add(self, index: int, x0: float, y0: float, x1: float, y1: float) -> None:
        c = self.cell
        for ix in range(int(x0 // c), int(x1 // c) + 1):
            for iy in range(int(y0 // c), int(y1 // c) + 1):
                self.cells.setdefault((ix, iy), []).append(index)

    def near(self, x0: float, y0: float, x1: float, y1: float) -> set[int]:
        c, cells, found = self.cell, self.cells, set()
        for ix in range(int(x0 // c), int(x1 // c) + 1):
            for iy in range(int(y0 // c), int(y1 // c) + 1):
                hit = cells.get((ix, iy))
                if hit:
                    found.update(hit)
        return found


class DiscRaster:
    """Node discs rasterised into cells, with a summed-area table for O(1) rectangle tests.

    A cell is marked when any part of a disc reaches into it, so a rectangle reported free
    is certainly clear of every disc (the test errs on the safe side by at most one cell).
    """

    def __init__(
        self, centres: np.ndarray, radii: np.ndarray, bounds: tuple[float, float, float, float],
        cell: float,
    ) -> None:
        self.origin = (bounds[0], bounds[1])
        self.cell = cell
        cols = max(1, int(np.ceil((bounds[2] - bounds[0]) / cell)))
        rows = max(1, int(np.ceil((bounds[3] - bounds[1]) / cell)))
        occupied = np.zeros((rows, cols), dtype=bool)
        self._stamp(occupied, centres - np.array(self.origin), np.asarray(radii, dtype=float))
        table = np.zeros((rows + 1, cols + 1), dtype=np.int32)
        np.cumsum(occupied, axis=0, dtype=np.int32, out=table[1:, 1:])
        np.cumsum(table[1:, 1:], axis=1, out=table[1:, 1:])
        self.table = table

    def _stamp(self, grid: np.ndarray, xy: np.ndarray, radii: np.ndarray) -> None:
        """Mark every cell that some disc reaches into (all discs at once)."""
        if not len(xy):
            return
        c = self.cell
        span = int(np.ceil(2 * float(radii.max()) / c)) + 2
        steps = np.arange(span)
        ix = np.floor((xy[:, 0] - radii) / c).astype(np.int64)[:, None] + steps  # (n, span)
        iy = np.floor((xy[:, 1] - radii) / c).astype(np.int64)[:, None] + steps
        dx = np.maximum(np.maximum(ix * c - xy[:, :1], xy[:, :1] - (ix + 1) * c), 0.0)
        dy = np.maximum(np.maximum(iy * c - xy[:, 1:], xy[:, 1:] - (iy + 1) * c), 0.0)
        hit = dy[:, :, None] ** 2 + dx[:, None, :] ** 2 < (radii ** 2)[:, None, None]
        rows, cols = grid.shape
        hit &= ((iy >= 0) & (iy < rows))[:, :, None] & ((ix >= 0) & (ix < cols))[:, None, :]
        n, yy, xx = np.nonzero(hit)
        grid[iy[n, yy], ix[n, xx]] = True

    def free(self, rects: np.ndarray) -> np.ndarray:
        """For ``(k, 4)`` rectangles inside the bounds: True where no disc touches them."""
        c, table = self.cell, self.table
        rows, cols = table.shape[0] - 1, table.shape[1] - 1
        ix0 = np.clip(np.floor((rects[:, 0] - self.origin[0]) / c), 0, cols).astype(np.int64)
        iy0 = np.clip(np.floor((rects[:, 1] - self.origin[1]) / c), 0, rows).astype(np.int64)
        ix1 = np.clip(np.ceil((rects[:, 2] - self.origin[0]) / c), 0, cols).astype(np.int64)
        iy1 = np.clip(np.ceil((rects[:, 3] - self.origin[1]) / c), 0, rows).astype(np.int64)
        total = table[iy1, ix1] - table[iy0, ix1] - table[iy1, ix0] + table[iy0, ix0]
        return np.asarray(total == 0)
