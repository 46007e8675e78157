"""Which people an exported map shows: everyone, one sphere, a selection, or a neighbourhood."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from relmap.analysis.graph import graph_view
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import Network


class ScopeKind(StrEnum):
    ALL = "all"
    SPHERE = "sphere"
    PEOPLE = "people"
    FOCUS = "focus"


@dataclass(frozen=True, slots=True)
class Scope:
    """The part of the map to draw; build one with the class methods."""

    kind: ScopeKind = ScopeKind.ALL
    sphere: SphereId | None = None
    people: frozenset[PersonId] = frozenset()
    focus: PersonId | None = None
    depth: int = 1

    @classmethod
    def of_sphere(cls, sphere: SphereId) -> Scope:
        return cls(ScopeKind.SPHERE, sphere=sphere)

    @classmethod
    def of_people(cls, people: frozenset[PersonId]) -> Scope:
        return cls(ScopeKind.PEOPLE, people=people)

    @classmethod
    def around(cls, focus: PersonId, depth: int = 1) -> Scope:
        if depth < 0:
            raise KnownError("the depth must be 0 or more steps")
        return cls(ScopeKind.FOCUS, focus=focus, depth=depth)


def people_in_scope(network: Network, scope: Scope) -> frozenset[PersonId]:
    """The ids of the people ``scope`` selects from ``network``.

    Parameters
    ----------
    network
        The whole map.
    scope
        Everyone, the members of one sphere, a given set of ids (unknown ids are ignored), or
        a focus person with everyone within ``depth`` ties of them.

    Returns
    -------
    frozenset[PersonId]
        The people to draw; ties are drawn when both ends are among them.
    """
    if scope.kind is ScopeKind.SPHERE:
        if scope.sphere not in network.spheres:
            raise KnownError("that sphere is not on the map")
        return network.members(scope.sphere)
    if scope.kind is ScopeKind.PEOPLE:
        return frozenset(scope.people) & network.people.keys()
    if scope.kind is ScopeKind.FOCUS:
        if scope.focus not in network.people:
            raise KnownError("the focus person is not on the map")
        return graph_view(network).within(scope.focus, scope.depth)
    return frozenset(network.people)


def find_sphere(network: Network, name: str) -> SphereId:
    """The sphere called ``name`` (case does not matter), or a KnownError listing the names."""
    wanted = name.strip().casefold()
    for sphere in network.spheres.values():
        if sphere.name.casefold() == wanted:
            return sphere.id
    known = ", ".join(sorted(s.name for s in network.spheres.values())) or "none"
    raise KnownError(f"unknown sphere '{name}' (spheres: {known})")


def find_person(network: Network, name: str) -> PersonId:
    """The one person whose name is ``name``, or else the one whose name contains it."""
    wanted = name.strip().casefold()
    if not wanted:
        raise KnownError("give a name to focus on")
    exact = [p.id for p in network.people.values() if p.display_name.casefold() == wanted]
    matches = exact or [
        p.id for p in network.people.values() if wanted in p.display_name.casefold()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise KnownError(f"nobody on the map is called '{name}'")
    raise KnownError(f"{len(matches)} people match '{name}'; give the full name")
