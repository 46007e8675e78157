"""Multilevel coarsening by heavy-edge matching, and prolongation back to finer levels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from relmap.layout.graph import FloatArray, Graph, IntArray, from_edges

COARSEST = 60  # stop coarsening below this many nodes
MIN_SHRINK = 0.8  # stop when a level keeps more than this share of the nodes


@dataclass(frozen=True)
class Level:
    """One graph of the hierarchy, with each node's mass (how many original nodes it holds)
    and, for all but the finest level, the coarse node each node of the finer level joined."""

    graph: Graph
    mass: FloatArray
    parent: IntArray | None


def hierarchy(graph: Graph, rng: np.random.Generator) -> list[Level]:
    """Coarsen until the graph is small or stops shrinking; finest level first."""
    graphs, parents = [graph], []
    masses: list[FloatArray] = [np.ones(graph.n)]
    while graphs[-1].n > COARSEST:
        parent = match_groups(graphs[-1], masses[-1], rng)
        count = int(parent.max()) + 1
        if count > MIN_SHRINK * graphs[-1].n:
            break
        parents.append(parent)
        masses.append(np.bincount(parent, masses[-1], count).astype(np.float64))
        graphs.append(contract(graphs[-1], parent, count))
    return [
        Level(g, m, parents[i] if i < len(parents) else None)
        for i, (g, m) in enumerate(zip(graphs, masses, strict=True))
    ]


def match_groups(graph: Graph, mass: FloatArray, rng: np.random.Generator) -> IntArray:
    """Group nodes by heavy-edge matching; return each node's group index.

    Nodes pair up with the neighbour of best ``weight / (mass_i · mass_j)`` (light
    partners first, so groups stay balanced) over a few handshake rounds. A node left
    unmatched joins the group of its best matched neighbour, which folds the leaves of a
    star into their hub's group instead of stalling the coarsening.
    """
    n = graph.n
    adj = graph.adjacency
    rows = np.repeat(np.arange(n), np.diff(adj.indptr))
    cols = adj.indices
    score = _entry_weights(graph) / (mass[rows] * mass[cols])
    score *= 1.0 + 1e-6 * rng.random(score.size)  # break ties at random, reproducibly
    partner = np.full(n, -1, dtype=np.int64)
    for _ in range(4):
        free = partner < 0
        best = _row_argmax(adj, np.where(free[rows] & free[cols], score, -1.0))
        chose = np.flatnonzero(best >= 0)
        mutual = chose[best[best[chose]] == chose]
        partner[mutual] = best[mutual]
    root = np.where(partner >= 0, np.minimum(np.arange(n), partner), np.arange(n))
    matched = partner >= 0
    best = _row_argmax(adj, np.where(matched[cols], score, -1.0))
    join = ~matched & (best >= 0)
    root[join] = root[best[join]]
    _, group = np.unique(root, return_inverse=True)
    result: IntArray = group.astype(np.int64)
    return result


def _entry_weights(graph: Graph) -> FloatArray:
    """Edge weights aligned with the entries of ``graph.adjacency`` (CSR order)."""
    n = graph.n
    weighted = sparse.csr_matrix(
        (
            np.concatenate([graph.weight, graph.weight]),
            (np.concatenate([graph.src, graph.dst]), np.concatenate([graph.dst, graph.src])),
        ),
        shape=(n, n),
    )
    weighted.sort_indices()
    data: FloatArray = weighted.data
    return data


def _row_argmax(adj: sparse.csr_matrix, values: FloatArray) -> IntArray:
    """Per row, the column of the largest positive entry of ``values`` (CSR order), or -1."""
    n = adj.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    counts = np.diff(adj.indptr)
    rows = np.flatnonzero(counts)
    if rows.size == 0:
        return out
    top = np.full(n, -np.inf)
    top[rows] = np.maximum.reduceat(values, adj.indptr[rows])
    owner = np.repeat(np.arange(n), counts)
    hit = np.flatnonzero((values == top[owner]) & (values > 0))
    first_rows, first = np.unique(owner[hit], return_index=True)
    out[first_rows] = adj.indices[hit[first]]
    return out


def contract(graph: Graph, parent: IntArray, count: int) -> Graph:
    """The quotient graph: one node per centre, edge weights summed over merged edges."""
    a, b = parent[graph.src], parent[graph.dst]
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    key = lo * count + hi
    uniq, inverse = np.unique(key, return_inverse=True)
    weight = np.bincount(inverse, graph.weight[keep], uniq.size)
    mean = float(weight.mean()) if weight.size else 1.0
    return from_edges(count, uniq // count, uniq % count, weight / max(mean, 1e-12))


def prolong(
    coarse_pos: FloatArray, fine: Level, spacing: float, rng: np.random.Generator
) -> FloatArray:
    """Start positions on the finer level from the coarse layout.

    A node starts between its own centre and the centres of its neighbours' groups (its
    own group counted three times), jittered by ``spacing``; centres keep their spot.
    """
    assert fine.parent is not None
    base = coarse_pos[fine.parent]
    adj = fine.graph.adjacency
    own = 3.0
    pos: FloatArray = (adj @ base + own * base) / (fine.graph.degree + own)[:, None]
    pos += rng.normal(scale=spacing, size=pos.shape)
    return pos
