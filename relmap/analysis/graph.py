"""One read-only graph view of a network: rows, adjacency, tie weights, CSR arrays, networkx."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from relmap.core.ids import PersonId, TieId
from relmap.core.model import TieKind
from relmap.core.network import IdRanges, Network
from relmap.core.turns import in_turns, wait_for_window

if TYPE_CHECKING:
    import networkx as nx
    import scipy.sparse

# How much a tie of each kind pulls, beside its strength and the trust across it: a tie that
# only records an introduction, or one of unknown kind, says less about closeness.
KIND_WEIGHT: Mapping[TieKind, float] = {kind: 1.0 for kind in TieKind} | {
    TieKind.INTRODUCED: 0.8,
    TieKind.OTHER: 0.9,
}


_TRUST = attrgetter("assessment.trust_given")
_COMPACT = 4  # ids spread over at most this many times their number are looked up densely
_KIND_INDEX: dict[str, int] = {kind: i for i, kind in enumerate(KIND_WEIGHT)}
_KIND_WEIGHTS = np.array(list(KIND_WEIGHT.values()))


def tie_weight(strength: int, trust: int | None, kind: TieKind) -> float:
    """How strongly a tie binds its two people: larger binds closer.

    Parameters
    ----------
    strength
        The tie's strength, 1–5.
    trust
        My trust in the more trusted of its two people (1–5), or None when unrated, which
        counts as a middling 3.
    kind
        The kind of tie; introductions and ties of unknown kind weigh a little less.

    Returns
    -------
    float
        ``strength × (1 + 0.15 × (trust − 3)) × KIND_WEIGHT[kind]``: a 5 with trust 5 weighs
        6.5 for a colleague, a 1 with trust 1 weighs 0.7.
    """
    return strength * (1.0 + 0.15 * ((trust or 3) - 3)) * KIND_WEIGHT[kind]


@dataclass(frozen=True, eq=False)
class GraphView:
    """The people of a network as rows 0..n-1 and its ties as undirected weighted edges.

    Build it with :func:`graph_view`, which keeps one per network revision. Several ties
    between one pair stay separate edges here; :meth:`to_networkx` and :meth:`csr` sum them.
    """

    ids: tuple[PersonId, ...]
    row: Mapping[PersonId, int]
    me: int | None  # the row of me
    tie_ids: tuple[TieId, ...]
    edges: np.ndarray  # (m, 2) int64 rows
    strengths: np.ndarray  # (m,) int8, each tie's strength (1–5)
    weights: np.ndarray  # (m,) float, see tie_weight
    indptr: np.ndarray  # CSR: the neighbours of row i are indices[indptr[i]:indptr[i + 1]]
    indices: np.ndarray
    _nx: dict[str, object] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def degree(self) -> np.ndarray:
        """Ties per row (a pair with two ties counts twice)."""
        return np.diff(self.indptr)

    def neighbours(self, person: PersonId) -> list[PersonId]:
        """The people tied to ``person``, once each, in row order."""
        i = self.row[person]
        rows = np.unique(self.indices[self.indptr[i] : self.indptr[i + 1]])
        return [self.ids[r] for r in rows.tolist()]

    def within(self, centre: PersonId, depth: int) -> frozenset[PersonId]:
        """``centre`` and everyone within ``depth`` ties of them (ties followed both ways).

        Parameters
        ----------
        centre
            A person of the network.
        depth
            How many steps out; 0 is ``centre`` alone.

        Returns
        -------
        frozenset[PersonId]
            The neighbourhood, ``centre`` included.
        """
        seen = np.zeros(len(self.ids), dtype=bool)
        frontier = np.array([self.row[centre]])
        seen[frontier] = True
        for _ in range(depth):
            if not len(frontier):
                break
            spans = [self.indices[self.indptr[i] : self.indptr[i + 1]] for i in frontier.tolist()]
            reached = np.unique(np.concatenate(spans)) if spans else frontier[:0]
            frontier = reached[~seen[reached]]
            seen[frontier] = True
        return frozenset(self.ids[r] for r in np.flatnonzero(seen).tolist())

    def csr(self) -> scipy.sparse.csr_array:
        """The symmetric weighted adjacency matrix (n × n), parallel ties summed."""
        import scipy.sparse

        n = len(self.ids)
        rows = np.concatenate([self.edges[:, 0], self.edges[:, 1]])
        cols = np.concatenate([self.edges[:, 1], self.edges[:, 0]])
        data = np.concatenate([self.weights, self.weights])
        return scipy.sparse.csr_array((data, (rows, cols)), shape=(n, n))

    def to_networkx(self) -> nx.Graph:
        """An undirected networkx graph on person ids; ``weight`` sums parallel ties.

        Built once per view; treat it as read-only.
        """
        if "graph" not in self._nx:
            import networkx as nx

            graph = nx.Graph()
            graph.add_nodes_from(self.ids)
            for (a, b), weight in zip(self.edges.tolist(), self.weights.tolist(), strict=True):
                u, v = self.ids[a], self.ids[b]
                if graph.has_edge(u, v):
                    graph[u][v]["weight"] += weight
                else:
                    graph.add_edge(u, v, weight=weight)
            self._nx["graph"] = graph
        return self._nx["graph"]


def graph_view(network: Network) -> GraphView:
    """The graph view of ``network`` as it is now; built once per revision.

    Parameters
    ----------
    network
        Any network; changes made through ``Network.apply`` give a new view.

    Returns
    -------
    GraphView
        Rows in the order of ``network.people``.
    """
    return network.derived("analysis.graph", _build, graph_only=True)


def _build(network: Network) -> GraphView:
    # Column by column, without a line of Python per tie, and in turns (in_turns): on a big
    # map the insight measures build this beside the window, which waits for its turn.
    ties, people = list(network.ties.values()), list(network.people.values())
    m = len(ties)
    me = network.me
    return view_of(
        tuple(network.people),
        np.array(list(in_turns(people, _TRUST)), dtype=float),
        None if me is None else me.id,
        tuple(in_turns(ties, attrgetter("id"))),
        np.column_stack([np.fromiter(in_turns(ties, attrgetter(end)), dtype=np.int64, count=m)
                         for end in "ab"]),
        np.fromiter(in_turns(ties, attrgetter("strength")), dtype=np.int8, count=m),
        in_turns(ties, attrgetter("kind")),
    )


def rows_of(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The place in ``ids`` (distinct person ids) of each id of ``wanted`` (any shape, each
    one of ``ids``).

    Looked up through one array where ids come in compact ranges, as a map's do, else by a
    sorted search: of a million tie ends, one long call, which the window waits a tenth of a
    second for while the measures run beside it.
    """
    if ids.max(initial=0) < _COMPACT * (len(ids) + IdRanges.BLOCK):
        place = np.zeros(int(ids.max(initial=0)) + 1, dtype=np.int64)
        place[ids] = np.arange(len(ids))
        found: np.ndarray = place[wanted]
        return found
    by_id = np.argsort(ids)
    found = by_id[np.searchsorted(ids, wanted, sorter=by_id)]
    return found


def view_of(ids: tuple[PersonId, ...], trust: np.ndarray, me: PersonId | None,
            tie_ids: tuple[TieId, ...], ends: np.ndarray, strengths: np.ndarray,
            kinds: Iterable[str]) -> GraphView:
    """A graph view from columns, as a map read without its people and ties gives them.

    Parameters
    ----------
    ids
        The people, in the order of the view's rows.
    trust
        (n,) my trust in each (``trust_given``), NaN where unrated.
    me
        Who I am, or None.
    tie_ids
        The ties, in the order of the view's edges.
    ends
        (m, 2) the ids of the two people of each tie.
    strengths
        (m,) each tie's strength, 1–5.
    kinds
        Each tie's kind (a :class:`TieKind` or its value).

    Returns
    -------
    GraphView
        The view :func:`graph_view` gives for a network of these people and ties.
    """
    row = {pid: i for i, pid in enumerate(ids)}
    wait_for_window()  # as between each of the steps below: see relmap.core.turns
    edges = rows_of(np.fromiter(ids, dtype=np.int64, count=len(ids)), ends)
    wait_for_window()
    # None (unrated) became NaN, then 0, below every rating
    trust = np.nan_to_num(trust)
    best = np.maximum(trust[edges[:, 0]], trust[edges[:, 1]])
    strength = strengths.astype(np.int8)
    kind = np.fromiter(map(_KIND_INDEX.__getitem__, kinds), dtype=np.int64,
                       count=len(tie_ids))
    # tie_weight, for every tie at once
    weights = strength * (1.0 + 0.15 * (np.where(best > 0, best, 3.0) - 3.0)) * _KIND_WEIGHTS[kind]
    wait_for_window()
    ends_rows = np.concatenate([edges[:, 0], edges[:, 1]])
    others = np.concatenate([edges[:, 1], edges[:, 0]])
    order = np.argsort(ends_rows, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(ends_rows, minlength=len(ids)))])
    return GraphView(
        ids=ids,
        row=row,
        me=None if me is None else row[me],
        tie_ids=tie_ids,
        edges=edges,
        strengths=strength,
        weights=weights,
        indptr=indptr.astype(np.int64),
        indices=others[order],
    )
