"""Incremental layouts: where new nodes start and how freely old nodes may move."""

from __future__ import annotations

import numpy as np

from relmap.layout.graph import BoolArray, FloatArray, Graph

# Step-limit multipliers of old nodes by hop distance to the nearest new node: the map
# gives way around the newcomers and stays put elsewhere.
OLD_MOBILITY = (0.05, 0.02)


def place_new(
    graph: Graph, pos: FloatArray, placed: BoolArray, *, k: float, rng: np.random.Generator
) -> tuple[FloatArray, BoolArray]:
    """Put unplaced nodes at the mean of their placed neighbours, ring by ring.

    A node with one placed neighbour lands about ``0.6 k`` from it in a seeded random
    direction; with several it lands near their mean, slightly jittered. Nodes that reach
    no placed node stay NaN.

    Returns
    -------
    tuple of ndarray
        New positions and the new placed mask.
    """
    pos = pos.copy()
    placed = placed.copy()
    adj = graph.adjacency
    while True:
        count = adj @ placed.astype(np.float64)
        front = np.flatnonzero(~placed & (count > 0))
        if front.size == 0:
            return pos, placed
        safe = np.where(placed[:, None], pos, 0.0)
        mean = (adj @ safe)[front] / count[front, None]
        angle = rng.uniform(0.0, 2.0 * np.pi, front.size)
        radius = np.where(count[front] > 1, 0.2, 0.6) * k * rng.uniform(0.7, 1.0, front.size)
        pos[front] = mean + radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
        placed[front] = True


def mobility_around(graph: Graph, new: BoolArray, fixed: BoolArray) -> FloatArray:
    """Step-limit multipliers: 1 for new nodes, falling with hop distance for old ones."""
    mobility = np.where(new, 1.0, 0.0)
    reached = new.copy()
    adj = graph.adjacency
    for level in OLD_MOBILITY:
        ring = ~reached & ((adj @ reached.astype(np.float64)) > 0)
        mobility[ring] = level
        reached |= ring
    mobility[fixed] = 0.0
    return mobility


def existing_edge_length(graph: Graph, pos: FloatArray, placed: BoolArray, default: float) -> float:
    """Median length of edges between placed nodes, kept within 4x of ``default``."""
    both = placed[graph.src] & placed[graph.dst]
    if int(both.sum()) < 3:
        return default
    d = pos[graph.dst[both]] - pos[graph.src[both]]
    median = float(np.median(np.sqrt(np.sum(d * d, axis=1))))
    return min(max(median, default / 4.0), default * 4.0)
