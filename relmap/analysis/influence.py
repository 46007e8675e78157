"""Who is influential, and why: a score from trust both ways, quality, reach and brokerage,
with each factor's share in words and numbers (the formula: docs/influence.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np

from relmap.analysis.graph import graph_view
from relmap.analysis.measures import measures
from relmap.core.bulk import one_of
from relmap.core.i18n import percent, tr, tr_later
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.core.turns import in_turns

# Points out of 100 that each factor gives at its best.
WEIGHTS = {"trust": 35.0, "quality": 25.0, "reach": 25.0, "brokerage": 15.0}
UNRATED = 0.25  # an unrated trust or quality counts as a 2 out of 5: not known to be good


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of a score: its name, the points it gives, and why, in words."""

    name: str
    points: float
    words: str


@dataclass(frozen=True, slots=True)
class Influence:
    """A person's influence score (0–100) and the factors it is made of."""

    person: PersonId
    score: float
    factors: tuple[Factor, ...]

    @property
    def explanation(self) -> str:
        return "; ".join(f.words for f in self.factors)


def influence(network: Network, *, top: int | None = None, seed: int = 0) -> list[Influence]:
    """Everyone but me, the most influential first.

    Parameters
    ----------
    network
        The map.
    top
        At most this many (the words of each factor are worked out only for them).
    seed
        Passed to :func:`relmap.analysis.measures.measures`.

    Returns
    -------
    list[Influence]
        One entry per contact; the points of the factors add up to the score. Computed once
        per change of people, ties or spheres.
    """
    return network.derived(f"analysis.influence.{seed}.{top}",
                           lambda n: _explained(n, _ranking(n, seed), seed, top),
                           graph_only=True)


def influence_scores(network: Network, *, seed: int = 0) -> dict[PersonId, float]:
    """Each contact's influence score (0–100), as :func:`influence` ranks them."""
    ranking = _ranking(network, seed)
    return dict(zip(ranking.ids, ranking.scores.tolist(), strict=True))


NOBODY_STANDS_OUT = tr_later(
    "Nobody stands out yet: everyone scores the same. Rating how far you trust people and "
    "their quality, and adding who knows whom, sets them apart.")  # said where nobody_stands_out


def nobody_stands_out(network: Network, *, seed: int = 0) -> bool:
    """Whether every contact scores the same, as scores are shown (whole points): on a
    fresh LinkedIn import, everyone unrated and tied to me alone, a ranking would list the
    first few by name."""
    scores = _ranking(network, seed).scores
    return len(scores) > 1 and float(scores.max() - scores.min()) < 0.5


def influence_yet(network: Network, *, seed: int = 0) -> bool:
    """Whether :func:`influence` of ``network`` as it is is worked out (it costs nothing)."""
    return network.has_derived(f"analysis.influence.{seed}")


@dataclass(frozen=True)
class _Ranking:
    """Everyone but me, the most influential first: each one's row of the measures and the
    points of each factor of :data:`WEIGHTS`, in that order."""

    ids: tuple[PersonId, ...]
    rows: np.ndarray  # (n,)
    points: np.ndarray  # (n, 4)
    scores: np.ndarray  # (n,) the sum of each one's points


def _ranking(network: Network, seed: int) -> _Ranking:
    return network.derived(f"analysis.influence.{seed}", lambda n: _influence(n, seed),
                           graph_only=True)


def _influence(network: Network, seed: int) -> _Ranking:
    # Everyone at once, in arrays: on a big map the measures run beside the window, and a
    # line of Python per person there makes each of the window's steps wait for its turn.
    found = measures(network, seed=seed)
    rows = np.arange(len(found.ids))
    if (me := graph_view(network).me) is not None:
        rows = np.delete(rows, me)
    ids = np.array(found.ids, dtype=np.int64)[rows]
    people = list(in_turns(ids.tolist(), network.people.__getitem__))
    rated = [np.array(list(in_turns(people, attrgetter(f"assessment.{name}"))), dtype=float)
             for name in ("trust_given", "trust_received", "quality")]
    given, received, quality = (np.where(np.isnan(r), UNRATED, (r - 1) / 4) for r in rated)
    points = np.column_stack([
        WEIGHTS["trust"] * (given + received) / 2,
        WEIGHTS["quality"] * quality,
        WEIGHTS["reach"] * _of_best(found.reach2, rows),
        WEIGHTS["brokerage"] * _of_best(found.betweenness, rows),
    ])
    score = ((points[:, 0] + points[:, 1]) + points[:, 2]) + points[:, 3]  # as sum() adds
    # By score, then by name where scores are equal (stable sorts: equal names keep the
    # map's order). Not all the names at once: that one sort held the interpreter for 50 ms
    # at 100,000 people, which the window waited for (relmap.core.turns).
    order = np.argsort(-score, kind="stable")
    starts = np.flatnonzero(np.diff(score[order], prepend=np.nan, append=np.nan))
    for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
        if b - a > 1:
            order[a:b] = sorted(order[a:b].tolist(), key=lambda r: people[r].display_name)
    return _Ranking(tuple(ids[order].tolist()), rows[order], points[order], score[order])


def _of_best(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values`` of ``rows`` as a share of the largest of all (0 if that is 0)."""
    best = float(values.max(initial=0.0))
    share: np.ndarray = values[rows] / best if best > 0 else np.zeros(len(rows))
    return share


def _explained(network: Network, ranking: _Ranking, seed: int, top: int | None
               ) -> list[Influence]:
    found = measures(network, seed=seed)
    result = []
    # Most people share their trust, their quality and the words of the rest with many
    # others: one object each.
    shared: dict[Any, Any] = {}
    for pid, row, (_, _, reach, brokerage) in zip(
            ranking.ids[:top], ranking.rows[:top].tolist(), ranking.points[:top].tolist(),
            strict=True):
        person = network.people[pid]
        words = tr("reaches {reach2} of the map in two steps").format(
            reach2=percent(found.reach2[row]))
        factors = (
            one_of(shared, trust_factor(person)),
            one_of(shared, _quality(person)),
            Factor("reach", reach, one_of(shared, words)),
            Factor("brokerage", brokerage, one_of(shared, bridging(network, pid))),
        )
        result.append(Influence(pid, sum(f.points for f in factors), factors))
    return result


def _share(rating: int | None) -> float:
    return UNRATED if rating is None else (rating - 1) / 4


def trust_factor(person: Person) -> Factor:
    given, received = person.assessment.trust_given, person.assessment.trust_received
    points = WEIGHTS["trust"] * (_share(given) + _share(received)) / 2
    if given is None and received is None:
        words = tr("trust not rated")
    elif given == received:
        words = tr("trusted both ways {given}/5").format(given=given)
    else:
        mine = tr("not rated") if given is None else f"{given}/5"
        theirs = tr("not rated") if received is None else f"{received}/5"
        words = tr("you trust them {mine}, they trust you {theirs}").format(
            mine=mine, theirs=theirs
        )
    return Factor("trust", points, words)


def _quality(person: Person) -> Factor:
    rating = person.assessment.quality
    words = (
        tr("quality not rated")
        if rating is None
        else tr("quality {rating}/5").format(rating=rating)
    )
    return Factor("quality", WEIGHTS["quality"] * _share(rating), words)


def bridging(network: Network, person: PersonId) -> str:
    """What ``person`` bridges, in words: the two spheres most of their contacts are in.

    Parameters
    ----------
    network
        The map.
    person
        Anyone but me.

    Returns
    -------
    str
        For example "bridges Fintech and Investors", "ties within Fintech" or "no ties
        to your other contacts".
    """
    view = graph_view(network)
    me = network.me
    neighbours = [p for p in view.neighbours(person) if me is None or p != me.id]
    if not neighbours:
        return tr("no ties to your other contacts")
    spheres = Counter(s for p in neighbours for s in network.people[p].spheres)
    names = [network.spheres[s].name for s, _ in spheres.most_common(2) if s in network.spheres]
    if len(names) == 2:
        return tr("bridges {names} and {names2}").format(names=names[0], names2=names[1])
    if names:
        return tr("ties within {names}").format(names=names[0])
    return tr("ties to {n_neighbours} of your contacts").format(n_neighbours=len(neighbours))


def brokers(network: Network, *, top: int | None = None, seed: int = 0
            ) -> list[tuple[PersonId, float, str]]:
    """Contacts by betweenness, highest first, with what each bridges.

    Parameters
    ----------
    network
        The map.
    top
        At most this many (what each bridges is worked out only for them).
    seed
        Passed to :func:`relmap.analysis.measures.measures`.

    Returns
    -------
    list of (person, betweenness, words)
        Only people with a betweenness above 0.
    """
    found = measures(network, seed=seed)
    order = np.argsort(-found.betweenness, kind="stable")
    order = order[found.betweenness[order] > 0][:top]
    return [(found.ids[r], float(found.betweenness[r]), bridging(network, found.ids[r]))
            for r in order.tolist()]
