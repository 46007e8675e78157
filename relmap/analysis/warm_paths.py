"""Warm introductions: whom to ask, and through whom, to reach a person, an organisation or a
sphere; each chain ranked by its chance of working and explained (docs/influence.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph

from relmap.analysis.graph import GraphView, graph_view
from relmap.analysis.lookup import find_person, find_sphere
from relmap.analysis.upkeep import last_contact
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.core.turns import wait_for_window

RECENT_DAYS = 180  # a first contact met within this many days is easier to ask
MAX_STEPS = 5  # ties in a chain, me to target


def tie_chance(strength: int) -> float:
    """The chance that someone passes an introduction along a tie of this strength (1–5)."""
    return 0.35 + 0.125 * (strength - 1)


def willingness(trust_received: int | None) -> float:
    """The chance that the first person asked helps, from their trust in me (unrated: 3)."""
    return 0.5 + 0.1 * ((3 if trust_received is None else trust_received) - 1)


@dataclass(frozen=True, slots=True)
class WarmPath:
    """A chain from me to a target: the people in order, its chance, and why, in words."""

    people: tuple[PersonId, ...]  # me first, the target last
    chance: float
    words: str


def targets(
    network: Network, *, person: str | None = None, org: str | None = None,
    sphere: str | None = None,
) -> frozenset[PersonId]:
    """The people a target names: one person, everyone at an organisation, or a sphere.

    Parameters
    ----------
    network
        The map.
    person, org, sphere
        Exactly one of them: a name (the whole name, or the one name containing it), an
        organisation (case does not matter) or a sphere name.

    Returns
    -------
    frozenset[PersonId]
        Never me; a KnownError says what was not found.
    """
    if sum(x is not None for x in (person, org, sphere)) != 1:
        raise KnownError(tr("name one target: a person, an organisation or a sphere"))
    if person is not None:
        found = frozenset({find_person(network, person)})
    elif sphere is not None:
        found = network.members(find_sphere(network, sphere))
    else:
        wanted = (org or "").strip().casefold()
        found = frozenset(p.id for p in network.people.values()
                          if p.organisation.strip().casefold() == wanted)
        if not found:
            raise KnownError(tr("nobody on the map works at '{org}'").format(org=org))
    me = network.me
    return found - {me.id} if me is not None else found


def warm_paths(
    network: Network, goal: frozenset[PersonId], *, k: int = 3, today: date | None = None
) -> list[WarmPath]:
    """The best chain through each person I could ask first, the ``k`` best of them.

    A chain's chance is the product of each tie's chance (from its strength) and the
    willingness of the first person asked (from their trust in me, and, once contacts are
    logged, how recently we met). Direct ties to a target count too ("you know them").

    Parameters
    ----------
    network
        The map; needs a me.
    goal
        The target people (see :func:`targets`).
    k
        How many chains, each starting with a different person.
    today
        The day recency is measured from (default: today).

    Returns
    -------
    list[WarmPath]
        Best first; empty when no chain of ties reaches the goal.
    """
    me = network.me
    if me is None or not goal:
        return []
    ready = network.derived("analysis.warm_paths", _prepare, graph_only=True)
    wait_for_window()  # a search holds the interpreter for 40 ms at 100,000 people
    view, m = ready.view, ready.view.row[me.id]
    goal_rows = np.array(sorted(view.row[p] for p in goal), dtype=np.int64)
    # The costs are symmetric: searched as undirected, they would be transposed first, each
    # time (a quarter of the search at 100,000 people).
    dist, pred, _ = scipy.sparse.csgraph.dijkstra(
        ready.cost, directed=True, indices=goal_rows, min_only=True, return_predecessors=True)
    first_row = ready.strength[[m]]
    firsts, strengths = first_row.indices, first_row.data
    chance = ready.ask[firsts] * _chances(strengths) * np.exp(-dist[firsts])
    chance *= _recency(network, view, firsts, today or date.today())
    found: list[WarmPath] = []
    for i in np.argsort(-chance, kind="stable").tolist():
        if len(found) == k or not chance[i] > 0:
            break
        chain = [int(firsts[i])]
        while chain[-1] not in goal_rows and len(chain) <= MAX_STEPS:
            chain.append(int(pred[chain[-1]]))
        if len(chain) > MAX_STEPS:
            continue
        ids = (me.id, *(view.ids[r] for r in chain))
        words = _words(network, ids, ready.strength, view, float(chance[i]))
        found.append(WarmPath(ids, float(chance[i]), words))
    return found


@dataclass(frozen=True, eq=False)
class _Prepared:
    """What every query on one revision of the map shares."""

    view: GraphView
    strength: scipy.sparse.csr_array  # the strongest tie of each pair
    cost: scipy.sparse.csr_array  # −log chance of each tie, me left out
    ask: np.ndarray  # willingness of each row when asked first


def _prepare(network: Network) -> _Prepared:
    view = graph_view(network)
    strength = _strengths(view)
    cost = scipy.sparse.csr_array(  # sharing the strengths' indices
        (-np.log(_chances(strength.data)), strength.indices, strength.indptr), shape=strength.shape)
    if view.me is not None:
        cost = _without(cost, view.me)
    ask = np.array([willingness(network.people[p].assessment.trust_received) for p in view.ids])
    return _Prepared(view, strength, cost, ask)


def _chances(strengths: np.ndarray) -> np.ndarray:
    """:func:`tie_chance` of each strength."""
    return 0.35 + 0.125 * (np.asarray(strengths, dtype=float) - 1)


def _recency(network: Network, view: GraphView, rows: np.ndarray, today: date) -> np.ndarray:
    """1 for people met within ``RECENT_DAYS``, else 0.8; all 1 while nothing is logged."""
    if not network.interactions:
        return np.ones(len(rows))
    seen = last_contact(network)
    recent = [(met := seen.get(view.ids[r])) is not None and (today - met).days <= RECENT_DAYS
              for r in rows.tolist()]
    return np.where(recent, 1.0, 0.8)


def _strengths(view: GraphView) -> scipy.sparse.csr_array:
    """The strongest tie between each pair, as a symmetric sparse matrix."""
    values = view.strengths.astype(float)
    a, b = view.edges[:, 0], view.edges[:, 1]
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    data = np.concatenate([values, values])
    order = np.lexsort((-data, cols, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    return _csr(rows[first], cols[first], data[first], len(view))


def _csr(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, n: int
         ) -> scipy.sparse.csr_array:
    """An n × n matrix of entries already in row order, with 32-bit indices: half the
    memory, and the shortest-path search takes them as they are instead of copying them."""
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return scipy.sparse.csr_array((data, cols.astype(np.int32), indptr), shape=(n, n))


def _without(matrix: scipy.sparse.csr_array, row: int) -> scipy.sparse.csr_array:
    """``matrix`` with the ties of ``row`` removed (me is never an intermediary)."""
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(matrix.indptr))
    keep = (rows != row) & (matrix.indices != row)
    return _csr(rows[keep], matrix.indices[keep], matrix.data[keep], n)


def _words(
    network: Network, ids: tuple[PersonId, ...], strength: scipy.sparse.csr_array,
    view: GraphView, chance: float,
) -> str:
    people = [network.people[p] for p in ids]

    def tie(a: int, b: int) -> int:
        return int(strength[view.row[ids[a]], view.row[ids[b]]])

    first = people[1]
    trust = first.assessment.trust_received
    trusts = (
        tr("trust in you not rated")
        if trust is None
        else tr("trusts you {trust}/5").format(trust=trust)
    )
    if len(ids) == 2:
        return tr(
            "you know {display_name} already ({trusts}, tie {tie}/5): {chance:.0%} chance"
        ).format(display_name=first.display_name, trusts=trusts, tie=tie(0, 1), chance=chance)
    steps = [
        tr("ask {display_name} ({trusts}, tie {tie}/5)").format(
            display_name=first.display_name, trusts=trusts, tie=tie(0, 1)
        )
    ]
    for i in range(1, len(ids) - 1):
        steps.append(
            tr("who knows {display_name} (tie {tie}/5)").format(
                display_name=people[i + 1].display_name, tie=tie(i, i + 1)
            )
        )
    return ", ".join(steps) + tr(": {chance:.0%} chance").format(chance=chance)
