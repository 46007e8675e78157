"""Communities drawn as clusters: ties inside a community pull harder than ties between.

Forces alone spread a large network into an even disc (a "hairball"): with a hundred groups
and a fifth of the ties between them, no group keeps its members together. The graph's
communities (Leiden, for modularity: Louvain's result, found in a fifth of the time) say
which ties hold a group; giving those ties more pull lets each group gather, as
ForceAtlas2's LinLog mode does, while the ties between groups still decide where the groups
sit.
"""

from __future__ import annotations

import math
import random

import numpy as np

from relmap.layout.graph import BoolArray, Graph, from_edges

# A tie inside a community pulls this much harder than one between communities, from
# FULL_FROM nodes on; graphs up to FLAT_UP_TO nodes, where forces already show their groups,
# are drawn as they are, and the pull grows with the logarithm of the size in between.
# At 10,000 people (the SBM of benchmarks/bench_layout.py) it takes a person's share of
# neighbours among their nearest people from 0.006 to 0.031, at a 5 % higher stress (from
# 0.032 to 0.056 with people of one tie beside their other end, layout/fresh.py). A pull of
# 2 to 3 keeps igraph's stress at five times its share, but draws a hairball again.
COMMUNITY_PULL = 20.0
FLAT_UP_TO = 300
FULL_FROM = 10_000


def community_pull(n: int) -> float:
    """How much harder a tie inside a community pulls in a graph of ``n`` nodes (1: no more)."""
    if n <= FLAT_UP_TO:
        return 1.0
    share = min(math.log(n / FLAT_UP_TO) / math.log(FULL_FROM / FLAT_UP_TO), 1.0)
    return 1.0 + (COMMUNITY_PULL - 1.0) * share


def with_communities(graph: Graph, pull: float, pinned: BoolArray, seed: int) -> Graph:
    """``graph`` with its ties inside a community ``pull`` times stronger (the weights
    normalised again to a mean of 1), but for the ties of ``pinned`` nodes: they hold still,
    so a harder pull would only drag their community onto them (me, pinned in the middle of
    my map and tied to everyone, would gather one community around me)."""
    if pull == 1.0 or graph.m == 0:
        return graph
    import igraph  # imported here: a small map never needs it

    found = igraph.Graph(n=graph.n)
    found.add_edges(np.column_stack([graph.src, graph.dst]))  # 6× faster than Graph(edges=)
    # igraph draws from a module-wide generator: a seeded one for this call only.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        split = found.community_leiden(objective_function="modularity", weights=graph.weight)
        label = np.asarray(split.membership)
    finally:
        igraph.set_random_number_generator(random)
    inside = (label[graph.src] == label[graph.dst]) & ~pinned[graph.src] & ~pinned[graph.dst]
    weight = np.where(inside, pull, 1.0) * graph.weight
    return from_edges(graph.n, graph.src, graph.dst, weight / weight.mean())
