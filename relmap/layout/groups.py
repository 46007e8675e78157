"""Groups the layout keeps together (an organisation, a sphere): a hub per group, tied to
its members, so that people who share a group gather even when their only tie is to me."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from relmap.layout.graph import FloatArray, IntArray


def hub_edges(n: int, groups: Sequence[IntArray], weight: float) -> tuple[IntArray, FloatArray]:
    """Edges from each member of ``groups[g]`` to a hub node ``n + g``, each of ``weight``.

    Parameters
    ----------
    n : int
        Number of real nodes: the hubs are numbered after them.
    groups : sequence of int arrays
        Each group's member nodes.
    weight : float
        How hard a hub pulls its members, next to a tie of weight 1.

    Returns
    -------
    (ndarray of shape (m, 2), ndarray of shape (m,))
        The edges and their weights, for a graph of ``n + len(groups)`` nodes.
    """
    if not groups:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    edges = np.concatenate([np.column_stack([rows, np.full(len(rows), n + g)])
                            for g, rows in enumerate(groups)]).astype(np.int64)
    return edges, np.full(len(edges), weight)
