"""The network in a few figures: size, density, components, distances, spheres, internal share."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from operator import attrgetter

import numpy as np
import scipy.sparse.csgraph

from relmap.analysis.graph import graph_view
from relmap.analysis.measures import Measures, contact_graphs, spread
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import Network
from relmap.core.turns import wait_for_window

PATH_SOURCES = 200  # breadth-first searches that estimate the average distance, at most:
PATH_BUDGET = 4_000_000  # sources × people (200 up to 20,000 people, 40 at 100,000)


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures about my contacts and the ties between them (ties to me are left out)."""

    people: int  # my contacts
    ties: int  # ties between my contacts
    ties_to_me: int
    density: float  # ties / possible ties between contacts
    components: int  # groups of contacts connected by ties, a lone contact counting as one
    largest_component: int
    average_distance: float  # steps between two contacts of the largest group (NaN if none)
    ties_within_spheres: int  # both people share a sphere
    ties_across_spheres: int  # both people are in spheres, none shared
    internal: int
    external: int

    def as_dict(self) -> dict[str, float | int | None]:
        """The figures by name; None for one that cannot be worked out (the average distance
        when no two contacts are tied), since JSON has no NaN."""
        return {k: None if isinstance(v, float) and math.isnan(v) else v
                for k, v in asdict(self).items()}


def summary(network: Network, *, seed: int = 0) -> Summary:
    """The figures of :class:`Summary` for ``network``.

    Parameters
    ----------
    network
        The map.
    seed
        Picks the sources of the average distance on maps larger than ``PATH_SOURCES``.

    Returns
    -------
    Summary
        Every figure leaves me out.
    """
    view = graph_view(network)
    binary, _ = contact_graphs(network)
    contacts = np.array([i for i in range(len(view)) if i != view.me], dtype=np.int64)
    n = len(contacts)
    ties = int(binary.nnz // 2)
    sub = binary[contacts][:, contacts]
    wait_for_window()  # as between each of the steps below: see relmap.core.turns
    count, labels = scipy.sparse.csgraph.connected_components(sub, directed=False)
    sizes = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    wait_for_window()
    within, across = _sphere_ties(network)
    wait_for_window()
    others = [p for p in network.people.values() if not p.is_me]
    return Summary(
        people=n,
        ties=ties,
        ties_to_me=0 if view.me is None else int((view.edges == view.me).any(axis=1).sum()),
        density=2 * ties / (n * (n - 1)) if n > 1 else 0.0,
        components=int(count) if n else 0,
        largest_component=int(sizes.max(initial=0)),
        average_distance=_average_distance(sub, labels, sizes, seed=seed),
        ties_within_spheres=within,
        ties_across_spheres=across,
        internal=sum(p.internal for p in others),
        external=sum(not p.internal for p in others),
    )


def _average_distance(
    sub: scipy.sparse.csr_array, labels: np.ndarray, sizes: np.ndarray, *, seed: int
) -> float:
    if not len(sizes) or sizes.max() < 2:
        return float("nan")
    members = np.flatnonzero(labels == int(np.argmax(sizes)))
    rng = np.random.default_rng(seed)
    k = min(PATH_SOURCES, max(16, PATH_BUDGET // len(members)))
    sources = members if len(members) <= k else rng.choice(members, k, replace=False)
    total = count = 0
    for few in np.array_split(sources, -(-len(sources) // 8)):  # 8 searches at a time
        for steps, reached in enumerate(spread(sub, few)):  # within the largest component
            found = int(np.count_nonzero(reached)) if steps else 0
            total, count = total + steps * found, count + found
    return total / count


def _sphere_ties(network: Network) -> tuple[int, int]:
    """How many ties between contacts join two people in a sphere they share, and how many
    join two people in spheres but none in common."""
    view = graph_view(network)
    # By the sets of spheres people are in (a few dozen on a big map), not tie by tie.
    spheres = list(map(attrgetter("spheres"), network.people.values()))
    kinds = {s: i for i, s in enumerate(set(spheres))}
    kind = np.fromiter(map(kinds.__getitem__, spheres), dtype=np.int64, count=len(spheres))
    edges = view.edges if view.me is None else view.edges[(view.edges != view.me).all(axis=1)]
    pairs, counts = np.unique(kind[edges[:, 0]] * len(kinds) + kind[edges[:, 1]],
                              return_counts=True)
    sets = list(kinds)
    within = across = 0
    for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
        a, b = sets[pair // len(kinds)], sets[pair % len(kinds)]
        if a & b:
            within += count
        elif a and b:
            across += count
    return within, across


def community_groups(found: Measures) -> list[tuple[PersonId, ...]]:
    """The people of each community of ``found`` (two people or more: one alone, tied to
    no other contact, is no community), the largest community first."""
    members: dict[int, list[PersonId]] = {}
    for pid, label in zip(found.ids, found.community.tolist(), strict=True):
        if label >= 0:
            members.setdefault(int(label), []).append(pid)
    return sorted((tuple(group) for group in members.values() if len(group) > 1), key=len,
                  reverse=True)


def community_lines(
    network: Network, groups: Sequence[tuple[PersonId, ...]],
    sphere_name: Callable[[SphereId], str], *, top: int,
) -> tuple[list[str], int]:
    """"23 people, mostly Fintech, Founders Circle" for each of the ``top`` largest
    communities, and how many smaller ones are left out. People or spheres no longer on the
    map are passed over."""
    lines = []
    for group in groups[:top]:
        spheres = Counter(s for p in group if p in network.people
                          for s in network.people[p].spheres if s in network.spheres)
        named = ", ".join(sphere_name(s) for s, _ in spheres.most_common(2))
        lines.append(
            tr("{n_group} people").format(n_group=number(len(group)))
            + (tr(", mostly {named}").format(named=named) if named else "")
        )
    return lines, max(0, len(groups) - top)
