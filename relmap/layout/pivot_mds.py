"""Pivot MDS start positions (Brandes & Pich 2006): global shape from a few BFS trees."""

from __future__ import annotations

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import FloatArray, Graph, bfs_distances


def pivot_mds(
    graph: Graph, *, pivots: int, rng: np.random.Generator, control: Control
) -> FloatArray:
    """Embed a connected graph in 2-D from hop distances to max-min chosen pivots.

    Parameters
    ----------
    graph : Graph
        A connected graph.
    pivots : int
        Number of BFS sources (capped at ``graph.n``).
    rng : numpy.random.Generator
        Chooses the first pivot.
    control : Control
        Progress (one step per pivot) and cancellation.

    Returns
    -------
    ndarray, shape (n, 2)
        Positions in hop units (one hop is about one unit), centred on the origin.
    """
    n = graph.n
    k = min(pivots, n)
    dist = np.empty((n, k))
    nearest = np.full(n, np.inf)
    source = int(rng.integers(n))
    for c in range(k):
        control.report(c / k)
        dist[:, c] = bfs_distances(graph, source)
        np.minimum(nearest, dist[:, c], out=nearest)
        source = int(np.argmax(nearest))
    control.report(1.0)
    return _embed(dist)


def _embed(dist: FloatArray) -> FloatArray:
    """Classical MDS on the (n, k) pivot distance matrix, scaled to fit the distances."""
    n = dist.shape[0]
    if n < 3:
        return np.column_stack([np.arange(n, dtype=np.float64) - (n - 1) / 2, np.zeros(n)])
    sq = dist**2
    centred = sq - sq.mean(axis=0) - sq.mean(axis=1)[:, None] + sq.mean()
    centred *= -0.5
    vals, vecs = np.linalg.eigh(centred.T @ centred)
    top = vecs[:, ::-1][:, :2]
    # C v = s u with s the singular value; MDS wants u * sqrt(s)-ish axis weights.
    weights = np.maximum(vals[::-1][:2], 1e-12) ** 0.25
    pos = (centred @ top) / weights
    if pos.shape[1] < 2:
        pos = np.column_stack([pos, np.zeros(n)])
    pos -= pos.mean(axis=0)
    # Orient deterministically: largest |coordinate| of each axis is positive.
    for axis in (0, 1):
        if pos[np.argmax(np.abs(pos[:, axis])), axis] < 0:
            pos[:, axis] *= -1
    return _fit_hops(pos, dist)


def _fit_hops(pos: FloatArray, dist: FloatArray) -> FloatArray:
    """Scale ``pos`` so that distances to the pivots match hop counts best (least squares)."""
    k = dist.shape[1]
    pivot_rows = np.argmin(dist, axis=0)  # each pivot is at distance 0 from itself
    lay = np.sqrt(((pos[:, None, :] - pos[pivot_rows][None, :, :]) ** 2).sum(axis=2))
    num = float(np.sum(lay * dist))
    den = float(np.sum(lay * lay))
    return pos * (num / den if den > 0 and k > 0 else 1.0)
