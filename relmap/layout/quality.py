"""Layout quality metrics shared by tests and benchmarks: stress and neighbourhood preservation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from relmap.layout.graph import FloatArray, IntArray, bfs_distances, build_graph


def normalized_stress(
    pos: npt.ArrayLike, edges: npt.ArrayLike, *, sources: int = 64, seed: int = 0
) -> float:
    """Normalised stress of a layout against hop distances, at the best uniform scale.

    Parameters
    ----------
    pos : array_like, shape (n, 2)
        Node positions.
    edges : array_like, shape (m, 2)
        The graph's edges.
    sources : int
        Number of BFS sources sampled (all nodes if ``n`` is smaller); every reachable
        node pairs with every source.
    seed : int
        Chooses the sampled sources.

    Returns
    -------
    float
        ``min_a mean((a·|xi - xj| - dij)² / dij²)`` over the sampled connected pairs:
        0 is perfect, 1 is what a layout with all nodes on one point scores.
    """
    p = np.asarray(pos, dtype=np.float64)
    n = p.shape[0]
    graph = build_graph(n, edges)
    if n < 2:
        return 0.0
    rng = np.random.default_rng(seed)
    picks = np.arange(n) if n <= sources else rng.choice(n, size=sources, replace=False)
    ratios: list[FloatArray] = []
    for s in picks:
        d = bfs_distances(graph, int(s))
        ok = np.isfinite(d) & (d > 0)
        lay = np.sqrt(np.sum((p[ok] - p[s]) ** 2, axis=1))
        ratios.append(lay / d[ok])
    u = np.concatenate(ratios)
    if u.size == 0 or not np.any(u > 0):
        return 0.0 if u.size == 0 else 1.0
    # With u = layout/graph distance, the best scale is sum(u)/sum(u²) and the residual
    # collapses to 1 - (sum u)² / (N sum u²).
    return float(max(0.0, 1.0 - u.sum() ** 2 / (u.size * np.sum(u * u))))


def neighborhood_preservation(
    pos: npt.ArrayLike, edges: npt.ArrayLike, *, max_nodes: int = 20_000, seed: int = 0
) -> float:
    """Mean share of a node's graph neighbours among its ``degree`` nearest layout neighbours.

    Parameters
    ----------
    pos : array_like, shape (n, 2)
        Node positions.
    edges : array_like, shape (m, 2)
        The graph's edges.
    max_nodes : int
        Nodes evaluated at most (a seeded sample beyond that).
    seed : int
        Chooses the sample.

    Returns
    -------
    float
        In 0..1 (1 = every node's nearest neighbours are exactly its graph neighbours);
        nodes without edges are skipped.
    """
    p = np.asarray(pos, dtype=np.float64)
    graph = build_graph(p.shape[0], edges)
    nodes = np.flatnonzero(graph.degree > 0)
    if nodes.size == 0:
        return 1.0
    if nodes.size > max_nodes:
        nodes = np.sort(np.random.default_rng(seed).choice(nodes, max_nodes, replace=False))
    tree = cKDTree(p)
    n = p.shape[0]
    keys = np.sort(np.concatenate([graph.src * n + graph.dst, graph.dst * n + graph.src]))
    degree = graph.degree.astype(np.int64)
    hits = np.zeros(n)
    bucket = 1
    while bucket <= int(degree[nodes].max()):
        sel = nodes[(degree[nodes] >= bucket) & (degree[nodes] < 2 * bucket)]
        if sel.size:
            hits[sel] = _bucket_hits(tree, p, keys, sel, degree)
        bucket *= 2
    return float(np.mean(hits[nodes] / degree[nodes]))


def _bucket_hits(
    tree: cKDTree, p: FloatArray, keys: IntArray, sel: IntArray, degree: IntArray
) -> FloatArray:
    """Graph neighbours among the ``degree`` nearest layout neighbours, for nodes ``sel``."""
    n = p.shape[0]
    k = min(int(degree[sel].max()) + 1, n)
    _, near = tree.query(p[sel], k=k)
    near = np.asarray(near).reshape(sel.size, k)
    # Drop the node itself (not always in column 0 when points coincide).
    other = near != sel[:, None]
    rank = np.cumsum(other, axis=1)
    keep = other & (rank <= degree[sel][:, None])
    rows = np.nonzero(keep)[0]
    key = sel[rows] * n + near[keep]
    at = np.minimum(np.searchsorted(keys, key), keys.size - 1)
    found = (keys[at] == key).astype(np.float64)
    hits: FloatArray = np.bincount(rows, found, sel.size).astype(np.float64)
    return hits


def group_cohesion(pos: npt.ArrayLike, groups: list[frozenset[int]], *, k: int = 5,
                   of: Sequence[int] | None = None) -> float:
    """How much a layout keeps groups together: for each node in a group, the share of its
    ``k`` nearest nodes on the map that share one of its groups; the mean over those nodes
    (over those of ``of`` only, if given: people just placed into a map).

    Parameters
    ----------
    pos : array_like, shape (n, 2)
        Node positions.
    groups : list of frozenset of int
        Each node's groups (its organisation and spheres), empty for none.
    k : int
        Nearest nodes looked at.
    of : sequence of int, optional
        The nodes measured (default: all).

    Returns
    -------
    float
        0 when no nearest node shares a group, 1 when every one does.
    """
    p = np.asarray(pos, dtype=np.float64)
    members = [i for i in (range(len(groups)) if of is None else of) if groups[i]]
    if len(p) <= k or not members:
        return 0.0
    _, near = cKDTree(p).query(p[members], k=k + 1)
    shares = [sum(bool(groups[i] & groups[j]) for j in row[1:]) / k
              for i, row in zip(members, near, strict=True)]
    return float(np.mean(shares))
