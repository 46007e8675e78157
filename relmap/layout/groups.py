"""Groups the layout keeps together (an organisation, a sphere): a hub per group, tied to
its members, so that people who share a group gather even when their only tie is to me."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from relmap.layout.graph import BoolArray, FloatArray, Graph, IntArray, build_graph


def with_hubs(
    graph: Graph, start: FloatArray, pinned: BoolArray, radii: FloatArray,
    groups: Sequence[IntArray], weight: float,
) -> tuple[Graph, FloatArray, BoolArray, FloatArray]:
    """``graph`` and its node arrays with a hub node ``graph.n + g`` per group, tied to each
    member of ``groups[g]`` with ``weight`` next to an average tie's 1; the hubs start
    unplaced, free and without a disc. The layout's first ``graph.n`` rows are the nodes'.
    """
    hubs = len(groups)
    pulls = np.concatenate([np.column_stack([rows, np.full(len(rows), graph.n + g)])
                            for g, rows in enumerate(groups)]).astype(np.int64)
    edges = np.vstack([np.column_stack([graph.src, graph.dst]), pulls])
    weights = np.concatenate([graph.weight, np.full(len(pulls), weight)])
    return (
        build_graph(graph.n + hubs, edges, weights),
        np.vstack([start, np.full((hubs, 2), np.nan)]),
        np.concatenate([pinned, np.zeros(hubs, dtype=bool)]),
        np.concatenate([radii, np.zeros(hubs)]),
    )
