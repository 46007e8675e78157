"""Who is central and who bridges: degree, PageRank, 2-step reach, betweenness, Burt's
brokerage and communities, computed among the people I know (me left out).

Everyone on a personal map is tied to me, so with me included I would be the only broker and
everyone would reach everyone in two steps. Every measure here therefore looks at the ties
between my contacts; my own row holds zeros (and NaN where a measure is undefined).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial

import numpy as np
import scipy.sparse

from relmap.analysis.graph import GraphView, graph_view
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.core.turns import wait_for_window

log = logging.getLogger(__name__)
EXACT_BETWEENNESS_UP_TO = 3_000  # people; above this, betweenness is sampled
SAMPLED_SOURCES = 400  # at most; fewer on very large maps, keeping the work bounded:
SAMPLE_BUDGET = 6_000_000  # sources × people (400 sources up to 15,000 people, 60 at 100,000)
MIN_SOURCES = 64
_BATCH = 64  # breadth-first searches run side by side, at most
_BATCH_CELLS = 1_000_000  # and at most this many sources × people: each search keeps a few
# dense (sources × people) arrays, 400 MB for 64 sources at 100,000 people (and a smaller
# batch is quicker: its arrays stay in the processor's cache)
_REACH_ROWS = 10_000  # rows of the two-step reach and of brokerage worked out at a time
# igraph keeps the interpreter for all of Leiden's run: 1 s at 100,000 people, which the window
# would wait for while the measures run beside it. From this many ties between my contacts on
# (30,000 people or so), it runs in a process of its own, which takes a moment to start.
APART_FROM = 150_000


@dataclass(frozen=True, eq=False)
class Measures:
    """Every measure for every row of the network's graph view (``ids``)."""

    ids: tuple[PersonId, ...]
    degree: np.ndarray  # ties to other contacts (a pair counts once)
    weighted_degree: np.ndarray  # the sum of those ties' weights
    pagerank: np.ndarray  # sums to 1 over my contacts
    reach2: np.ndarray  # share of my other contacts within two steps, 0..1
    betweenness: np.ndarray  # normalised as networkx does, 0..1
    betweenness_error: float  # one standard error of the largest value; 0 when exact
    effective_size: np.ndarray  # Burt; NaN for someone with no ties
    constraint: np.ndarray  # Burt; NaN for someone with no ties
    community: np.ndarray  # community (Leiden) per row, -1 for me

    def row(self, person: PersonId) -> int:
        return self.ids.index(person)


def measures(network: Network, *, seed: int = 0) -> Measures:
    """All the measures of ``network``, once per revision and seed.

    Parameters
    ----------
    network
        The map.
    seed
        Seeds the sample of betweenness (above ``EXACT_BETWEENNESS_UP_TO`` people) and the
        communities, so that a result can be repeated.

    Returns
    -------
    Measures
        Rows in the order of ``graph_view(network).ids``.
    """
    return network.derived(f"analysis.measures.{seed}", lambda n: _compute(n, seed),
                            graph_only=True)


def measured_yet(network: Network, *, seed: int = 0) -> bool:
    """Whether :func:`measures` of ``network`` as it is are worked out (they cost nothing)."""
    return network.has_derived(f"analysis.measures.{seed}")


def _compute(network: Network, seed: int) -> Measures:
    view = graph_view(network)
    binary, weighted = contact_graphs(network)
    degree = np.diff(binary.indptr)
    rng = np.random.default_rng(seed)
    betweenness, error = betweenness_centrality(binary, rng=rng, skip=view.me)
    effective_size, constraint = brokerage(binary, weighted)
    return Measures(
        ids=view.ids,
        degree=degree,
        weighted_degree=np.asarray(weighted.sum(axis=1)).ravel(),
        pagerank=pagerank(weighted, skip=view.me),
        reach2=reach_in_two(binary, skip=view.me),
        betweenness=betweenness,
        betweenness_error=error,
        effective_size=effective_size,
        constraint=constraint,
        community=communities(view, weighted, seed=seed),
    )


def contact_graphs(
    network: Network,
) -> tuple[scipy.sparse.csr_array, scipy.sparse.csr_array]:
    """:func:`contact_graph` of the network's graph view, built once per revision."""
    return network.derived("analysis.contact_graph",
                            lambda n: contact_graph(graph_view(n)), graph_only=True)


def contact_graph(view: GraphView) -> tuple[scipy.sparse.csr_array, scipy.sparse.csr_array]:
    """The ties between contacts as symmetric n × n matrices: 0/1, and summed tie weights.

    Parameters
    ----------
    view
        A graph view; the row of me (if any) is left empty.

    Returns
    -------
    tuple of scipy.sparse.csr_array
        The binary and the weighted adjacency, without self-loops.
    """
    n = len(view)
    keep = np.ones(len(view.edges), dtype=bool)
    if view.me is not None:
        keep = (view.edges != view.me).all(axis=1)
    a, b = view.edges[keep, 0], view.edges[keep, 1]
    w = view.weights[keep]
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    weighted = scipy.sparse.csr_array((np.concatenate([w, w]), (rows, cols)), shape=(n, n))
    weighted.sum_duplicates()
    binary = weighted.copy()
    binary.data[:] = 1.0
    return binary, weighted


def betweenness_centrality(
    binary: scipy.sparse.csr_array, *, rng: np.random.Generator, skip: int | None = None
) -> tuple[np.ndarray, float]:
    """Brandes' betweenness on hop counts, many searches at once as sparse products.

    Parameters
    ----------
    binary
        Symmetric 0/1 adjacency.
    rng
        Picks the sources when there are more than ``EXACT_BETWEENNESS_UP_TO`` people.
    skip
        A row left out of the graph (me): never a source, gets 0.

    Returns
    -------
    tuple
        Betweenness per row, normalised like networkx's (undirected, divided by
        (n − 1)(n − 2)); and one standard error of the largest value (0 when exact).
    """
    n_all = binary.shape[0]
    rows = np.array([r for r in range(n_all) if r != skip], dtype=np.int64)
    n = len(rows)
    if n < 3:
        return np.zeros(n_all), 0.0
    exact = n <= EXACT_BETWEENNESS_UP_TO
    k = min(SAMPLED_SOURCES, max(MIN_SOURCES, SAMPLE_BUDGET // n))
    sources = rows if exact else rng.choice(rows, size=k, replace=False)
    total, squares = np.zeros(n_all), np.zeros(n_all)
    batch = max(1, min(_BATCH, _BATCH_CELLS // n_all))
    for start in range(0, len(sources), batch):
        delta = _dependencies(binary, sources[start : start + batch])
        total += delta.sum(axis=0)
        squares += (delta**2).sum(axis=0)
    k = len(sources)
    scale = (n / k) / ((n - 1) * (n - 2))  # each pair counted from both ends: halved twice
    values = total * scale
    if exact:
        return values, 0.0
    top = int(np.argmax(values))
    spread = np.sqrt(max(squares[top] / k - (total[top] / k) ** 2, 0.0))
    return values, float(spread * n / np.sqrt(k) / ((n - 1) * (n - 2)))


def spread(binary: scipy.sparse.csr_array, sources: np.ndarray) -> Iterator[np.ndarray]:
    """Breadth-first from each of ``sources`` at once, a step at a time: for each step (the
    sources themselves first), the number of shortest paths from each source (rows) to each
    node first reached then (columns), 0 elsewhere.

    Each step is one sparse product, a short call: a window beside it keeps its turns, where a
    whole search in one call would hold them for a tenth of a second on a big map (and
    between steps, waits for a window in the midst of a gesture: :mod:`relmap.core.turns`).
    """
    reached = np.zeros((len(sources), binary.shape[0]))
    reached[np.arange(len(sources)), sources] = 1.0
    seen = reached > 0
    while seen.any():
        yield reached
        wait_for_window()
        reached = (binary @ reached.T).T
        reached[seen] = 0.0
        new = reached > 0
        if not new.any():
            return
        seen |= new


def _dependencies(binary: scipy.sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    """(sources × n) Brandes dependencies of every node on each source."""
    s, n = len(sources), binary.shape[0]
    here = np.arange(s)
    sigma = np.zeros((s, n))
    dist = np.full((s, n), -1, dtype=np.int32)
    depth = 0
    for depth, reached in enumerate(spread(binary, sources)):
        dist[reached > 0] = depth
        sigma += reached
    delta = np.zeros((s, n))
    safe = np.where(sigma > 0, sigma, 1.0)
    for level in range(depth - 1, 0, -1):
        wait_for_window()
        coef = np.where(dist == level + 1, (1.0 + delta) / safe, 0.0)
        delta += np.where(dist == level, sigma * (binary @ coef.T).T, 0.0)
    delta[here, sources] = 0.0
    return delta


def pagerank(
    weighted: scipy.sparse.csr_array, *, skip: int | None = None, alpha: float = 0.85,
    tol: float = 1e-10,
) -> np.ndarray:
    """PageRank over weighted ties, as networkx computes it (dangling rows spread evenly).

    Parameters
    ----------
    weighted
        Symmetric weighted adjacency.
    skip
        A row left out (me): 0.
    alpha, tol
        Damping and the L1 change at which the power iteration stops.

    Returns
    -------
    numpy.ndarray
        One value per row, summing to 1 over the rows not skipped.
    """
    n_all = weighted.shape[0]
    alive = np.ones(n_all, dtype=bool)
    if skip is not None:
        alive[skip] = False
    n = int(alive.sum())
    if n == 0:
        return np.zeros(n_all)
    out = np.asarray(weighted.sum(axis=1)).ravel()
    dangling = alive & (out == 0)
    inverse = np.where(out > 0, 1.0 / np.where(out > 0, out, 1.0), 0.0)
    transition = (scipy.sparse.diags_array(inverse) @ weighted).T.tocsr()
    start = alive / n
    rank = start.copy()
    for _ in range(200):
        previous = rank
        rank = alpha * (transition @ rank + rank[dangling].sum() * start) + (1 - alpha) * start
        if np.abs(rank - previous).sum() < n * tol:
            break
    return rank


def reach_in_two(binary: scipy.sparse.csr_array, *, skip: int | None = None) -> np.ndarray:
    """The share of the other contacts each person reaches in one or two steps.

    Parameters
    ----------
    binary
        Symmetric 0/1 adjacency.
    skip
        A row left out (me): neither counted nor reached through.

    Returns
    -------
    numpy.ndarray
        0..1 per row.
    """
    n_all = binary.shape[0]
    others = n_all - (skip is not None) - 1
    if others <= 0:
        return np.zeros(n_all)
    reached = np.zeros(n_all)
    for start, stop in _blocks(n_all):
        block = binary[start:stop]
        two = (block @ binary + block).tocsr()  # path counts: no entry cancels out to 0
        reached[start:stop] = np.diff(two.indptr) - (two.diagonal(k=start) > 0)
    share: np.ndarray = reached / others
    return share


def _blocks(n: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each block of ``_REACH_ROWS`` rows out of ``n``: a two-step product
    is worked out a block at a time, to bound its memory."""
    for start in range(0, n, _REACH_ROWS):
        wait_for_window()
        yield start, min(start + _REACH_ROWS, n)


def brokerage(
    binary: scipy.sparse.csr_array, weighted: scipy.sparse.csr_array
) -> tuple[np.ndarray, np.ndarray]:
    """Burt's effective size (on ties) and constraint (on tie weights), as networkx defines them.

    Parameters
    ----------
    binary, weighted
        Symmetric adjacency, 0/1 and weighted.

    Returns
    -------
    tuple of numpy.ndarray
        Effective size and constraint per row; NaN for someone with no ties. A low
        constraint and a large effective size mark a broker between otherwise separate people.
    """
    n = binary.shape[0]
    degree = np.diff(binary.indptr).astype(float)
    strength = np.asarray(weighted.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        share = scipy.sparse.diags_array(np.where(strength > 0, 1.0 / strength, 0.0)) @ weighted
    triangles, squared = np.zeros(n), np.zeros(n)
    for start, stop in _blocks(n):
        rows, mine = binary[start:stop], share[start:stop]
        triangles[start:stop] = np.asarray((rows @ binary).multiply(rows).sum(axis=1)).ravel()
        local = (mine + (mine @ share).multiply(rows)).tocsr()
        local.data **= 2
        squared[start:stop] = np.asarray(local.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = np.where(degree > 0, degree - triangles / degree, np.nan)
    constraint = np.where(degree > 0, squared, np.nan)
    return effective, constraint


def communities(view: GraphView, weighted: scipy.sparse.csr_array, *, seed: int,
                apart_from: int = APART_FROM) -> np.ndarray:
    """Communities of my contacts (igraph's Leiden for modularity, seeded: Louvain's result,
    refined so that each community holds together, in a fifth of the time), one label a row.

    Parameters
    ----------
    view
        The graph view (for the row of me).
    weighted
        Symmetric weighted adjacency between contacts.
    seed
        Makes the result repeatable.
    apart_from
        From this many ties on, Leiden runs in a process of its own (see :data:`APART_FROM`).

    Returns
    -------
    numpy.ndarray
        Labels 0..c-1, the largest community first; -1 for me.
    """
    upper = scipy.sparse.triu(weighted, k=1).tocoo()
    work = partial(_leiden, len(view), np.column_stack([upper.row, upper.col]), upper.data, seed)
    membership = _apart(work) if len(upper.data) >= apart_from else work()
    groups: dict[int, list[int]] = {}
    for row, group in enumerate(membership):
        groups.setdefault(group, []).append(row)
    found = [g for _, g in sorted(groups.items()) if view.me is None or g != [view.me]]
    labels = np.full(len(view), -1, dtype=np.int64)
    for label, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        labels[members] = label
    return labels


def _leiden(n: int, pairs: np.ndarray, weights: np.ndarray, seed: int) -> list[int]:
    """The community of each of ``n`` rows, ``pairs`` tied with ``weights``."""
    import random

    import igraph

    graph = igraph.Graph(n=n)
    graph.add_edges(pairs)  # 6× faster than Graph(edges=)
    # igraph draws from a module-wide generator: a seeded one for this call only.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = graph.community_leiden(objective_function="modularity", weights=weights)
    finally:
        igraph.set_random_number_generator(random)
    membership: list[int] = found.membership
    return membership


def _apart(work: Callable[[], list[int]]) -> list[int]:
    """``work()`` in a process of its own (started afresh: the window's threads are not
    copied), or here if none can be started."""
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(work).result()
    except (OSError, BrokenProcessPool) as exc:
        log.info("communities worked out in this process: %s", exc)
        return work()
