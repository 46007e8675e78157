"""Many small components laid out at once: batched exact MDS, then exact-force relaxation."""

from __future__ import annotations

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import FloatArray, Graph, IntArray
from relmap.layout.relax import Schedule, relax
from relmap.layout.repulsion import ExactRepulsion


def layout_small(
    graph: Graph, parts: list[IntArray], *, k: float, rng: np.random.Generator,
    control: Control,
) -> FloatArray:
    """Lay out many small components together; each ends up centred on the origin.

    Start positions come from classical MDS of each component's exact hop distances,
    computed for all components of one size in one batch. Repulsion then acts only
    inside each component (all pairs, exactly), so one vectorised relaxation serves
    thousands of tiny components as well as one.
    """
    pos = np.zeros((graph.n, 2))
    multi = [p for p in parts if p.size > 1]
    if not multi:
        return pos
    by_size: dict[int, list[IntArray]] = {}
    for p in multi:
        by_size.setdefault(p.size, []).append(p)
    pairs = []
    for size, group in sorted(by_size.items()):
        rows = np.stack(group)
        pos[rows.ravel()] = _batch_mds(graph, rows).reshape(-1, 2) * k
        a, b = np.triu_indices(size, 1)
        pairs.append(np.stack([rows[:, a].ravel(), rows[:, b].ravel()], axis=1))
    pos += rng.normal(scale=0.05 * k, size=pos.shape)
    repulsion = ExactRepulsion(
        strength=k * k, pairs=np.concatenate(pairs), mass=np.ones(graph.n), min_dist=0.01 * k
    )
    pos = relax(
        pos, graph, repulsion, k=k, schedule=Schedule(80, 0.5 * k, 0.02 * k),
        mobility=np.ones(graph.n), pull=np.ones(graph.n), control=control,
    )
    for p in multi:
        pos[p] -= pos[p].mean(axis=0)
    return pos


def _batch_mds(graph: Graph, rows: IntArray) -> FloatArray:
    """Classical MDS of each row's component: (c, s) node indices -> (c, s, 2) positions."""
    count, size = rows.shape
    local = np.empty(graph.n, dtype=np.int64)
    local[rows] = np.arange(size)[None, :].repeat(count, axis=0)
    owner = np.full(graph.n, -1, dtype=np.int64)
    owner[rows] = np.arange(count)[:, None]
    inside = owner[graph.src] >= 0
    src, dst = graph.src[inside], graph.dst[inside]
    dist = np.full((count, size, size), np.inf)
    dist[:, np.arange(size), np.arange(size)] = 0.0
    dist[owner[src], local[src], local[dst]] = 1.0
    dist[owner[src], local[dst], local[src]] = 1.0
    for via in range(size):  # Floyd-Warshall, all components of this size at once
        np.minimum(dist, dist[:, :, via, None] + dist[:, None, via, :], out=dist)
    sq = dist**2
    centred = sq - sq.mean(axis=1, keepdims=True) - sq.mean(axis=2, keepdims=True)
    centred = -0.5 * (centred + sq.mean(axis=(1, 2), keepdims=True))
    vals, vecs = np.linalg.eigh(centred)
    top = np.maximum(vals[:, ::-1][:, :2], 0.0)
    out: FloatArray = vecs[:, :, ::-1][:, :, :2] * np.sqrt(top)[:, None, :]
    return out
