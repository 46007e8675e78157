"""Goals and coverage: for each active goal, how well the spheres and people it needs are
covered, and the gaps in words ("Investors: no one you trust at 3 or more")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from relmap.analysis.warm_paths import warm_paths
from relmap.core.i18n import number, tr
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import Goal, Person
from relmap.core.network import Network
from relmap.core.turns import wait_for_window

TRUSTED = 3  # trusted both ways at this or more counts as covered
LOW_RELEVANCE = 2.5  # a sphere whose rated members average below this is of little use yet


@dataclass(frozen=True, slots=True)
class SphereCoverage:
    """How a goal's sphere is covered."""

    sphere: SphereId
    name: str
    people: int
    trusted: int  # trusted both ways at ``TRUSTED`` or more
    relevance: float | None  # mean relevance of the members rated for it
    direct: int  # members with a tie to me
    bridges: tuple[tuple[PersonId, int], ...]  # my contacts who reach the others, most first
    gaps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonNeed:
    """How I can reach a person a goal needs."""

    person: PersonId
    direct: bool
    words: str


@dataclass(frozen=True, slots=True)
class GoalCoverage:
    goal: Goal
    spheres: tuple[SphereCoverage, ...]
    people: tuple[PersonNeed, ...]

    @property
    def gaps(self) -> tuple[str, ...]:
        """Every gap in words, spheres first; empty when the goal is well covered."""
        return tuple(g for s in self.spheres for g in s.gaps) + tuple(
            p.words for p in self.people if not p.direct and p.words.startswith("no "))


def coverage(network: Network, goal: Goal, *, today: date | None = None) -> GoalCoverage:
    """The coverage of ``goal``'s spheres and people on ``network``.

    Parameters
    ----------
    network
        The map.
    goal
        The goal; spheres and people no longer on the map are left out.
    today
        For the recency of contact in the introduction paths.

    Returns
    -------
    GoalCoverage
        Spheres by name, people by name.
    """
    mine = _my_contacts(network)
    spheres = sorted((network.spheres[s] for s in goal.spheres if s in network.spheres),
                     key=lambda s: s.name.casefold())
    people = sorted((p for p in goal.people if p in network.people),
                    key=lambda p: network.people[p].display_name.casefold())
    return GoalCoverage(
        goal,
        tuple(_sphere(network, s.id, mine) for s in spheres),
        tuple(_person(network, p, mine, today) for p in people),
    )


def goals_coverage(network: Network, *, today: date | None = None) -> list[GoalCoverage]:
    """:func:`coverage` of every active goal, in the order they were made."""
    return [coverage(network, g, today=today)
            for g in sorted(network.goals.values(), key=lambda g: g.id) if g.active]


def _my_contacts(network: Network) -> frozenset[PersonId]:
    me = network.me
    if me is None:
        return frozenset()
    return frozenset(t.b if t.a == me.id else t.a for t in network.ties_of(me.id))


def trusted_both_ways(person: Person, at: int = TRUSTED) -> bool:
    """I trust them and they trust me, each at ``at`` or more."""
    a = person.assessment
    return min(a.trust_given or 0, a.trust_received or 0) >= at


def _sphere(network: Network, sid: SphereId, mine: frozenset[PersonId]) -> SphereCoverage:
    wait_for_window()  # tens of thousands of members on a big map
    name = network.spheres[sid].name
    members = [network.people[p] for p in network.members(sid) if not network.people[p].is_me]
    trusted = sum(1 for p in members if trusted_both_ways(p))
    rated = [p.assessment.relevance for p in members if p.assessment.relevance is not None]
    relevance = sum(rated) / len(rated) if rated else None
    direct = sum(1 for p in members if p.id in mine)
    through: Counter[PersonId] = Counter()
    for p in members:
        if p.id not in mine:
            through.update({other for t in network.ties_of(p.id)
                            if (other := t.b if t.a == p.id else t.a) in mine})
    bridges = tuple(through.most_common(3))
    gaps = []
    if not members:
        gaps.append(tr("{name}: nobody on your map yet").format(name=name))
    elif not trusted:
        gaps.append(
            tr("{name}: no one you trust at {TRUSTED} or more").format(name=name, TRUSTED=TRUSTED)
        )
    indirect = len(members) - direct
    if indirect >= 2 and bridges and bridges[0][1] == indirect and len(through) == 1:
        via = network.people[bridges[0][0]].display_name
        alone = (
            "all"
            if not direct
            else tr("all {indirect} you do not know directly").format(indirect=indirect)
        )
        gaps.append(
            tr("{name}: {n_members} people, {alone} reached through {via}").format(
                name=name, n_members=len(members), alone=alone, via=via
            )
        )
    if relevance is not None and relevance < LOW_RELEVANCE:
        gaps.append(
            tr("{name}: of little relevance so far (mean {relevance} of 5)").format(
                name=name, relevance=number(relevance, 1)
            )
        )
    return SphereCoverage(sid, name, len(members), trusted, relevance, direct, bridges,
                          tuple(gaps))


def _person(network: Network, pid: PersonId, mine: frozenset[PersonId],
            today: date | None) -> PersonNeed:
    person = network.people[pid]
    if pid in mine:
        return PersonNeed(
            pid,
            True,
            tr("{display_name}: you know them directly").format(display_name=person.display_name),
        )
    paths = warm_paths(network, frozenset({pid}), k=1, today=today)
    if not paths:
        return PersonNeed(
            pid,
            False,
            tr("no chain of ties reaches {display_name} yet").format(
                display_name=person.display_name
            ),
        )
    return PersonNeed(pid, False, f"{person.display_name}: {paths[0].words}")
