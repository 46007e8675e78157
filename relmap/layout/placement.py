"""Incremental layouts: where new nodes start and how freely old nodes may move."""

from __future__ import annotations

import numpy as np

from relmap.layout.graph import BoolArray, FloatArray, Graph

# Step-limit multipliers of old nodes by hop distance to the nearest new node: the map
# gives way around the newcomers and stays put elsewhere.
OLD_MOBILITY = (0.05, 0.01)


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


def existing_scale(graph: Graph, pos: FloatArray, placed: BoolArray, default: float) -> float:
    """The natural edge length ``K`` the placed part of a map is balanced for.

    In a force equilibrium the springs' radial work ``Σ w d³ / K`` matches the repulsion's
    ``K² · pairs`` (see :func:`relmap.layout.relax.natural_scale`), so ``K`` follows from
    the placed edges alone. Unlike a median edge length this stays right on maps whose
    edges are long because the graph is expander-like. Kept within 4x of ``default``.
    """
    both = placed[graph.src] & placed[graph.dst]
    count = int(placed.sum())
    if int(both.sum()) < 3:
        return default
    d = pos[graph.dst[both]] - pos[graph.src[both]]
    springs = float(np.sum(graph.weight[both] * np.sum(d * d, axis=1) ** 1.5))
    k = float((springs / (0.5 * count * (count - 1))) ** (1.0 / 3.0))
    return min(max(k, default / 4.0), default * 4.0)


def turned_to(pos: FloatArray, was: FloatArray, about: int) -> FloatArray:
    """``pos`` turned about row ``about``, and mirrored where that fits better, to lie as
    near as it can to ``was`` (orthogonal Procrustes over the rows placed in both; NaN:
    nowhere). A layout worked out afresh then keeps the map's orientation: each group ends
    near where it was, as far as its new shape allows, instead of wherever the forces
    happened to turn the whole. A row it brings within a millionth of a unit of where it
    was is put exactly there: the same layout again moves nobody."""
    both: BoolArray = np.asarray(np.isfinite(np.hstack([was, pos])).all(axis=1), dtype=bool)
    both[about] = False
    if np.count_nonzero(both) < 2 or not np.isfinite(was[about]).all():
        return pos
    centre = pos[about]
    u, _, vt = np.linalg.svd((pos[both] - centre).T @ (was[both] - was[about]))
    turned: FloatArray = centre + (pos - centre) @ (u @ vt)
    same = (np.abs(turned - was) <= 1e-6).all(axis=1)  # NaN: nowhere before
    turned[same] = was[same]
    return turned
