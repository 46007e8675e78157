"""Which people an exported map shows: everyone, one sphere, a selection, or a neighbourhood."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from relmap.analysis.graph import graph_view
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
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
    name: str = ""  # a saved view's, printed on the map

    @classmethod
    def of_sphere(cls, sphere: SphereId) -> Scope:
        return cls(ScopeKind.SPHERE, sphere=sphere)

    @classmethod
    def of_people(cls, people: frozenset[PersonId]) -> Scope:
        return cls(ScopeKind.PEOPLE, people=people)

    @classmethod
    def of_view(cls, people: frozenset[PersonId], name: str) -> Scope:
        return cls(ScopeKind.PEOPLE, people=people, name=name)

    @classmethod
    def around(cls, focus: PersonId, depth: int = 1) -> Scope:
        if depth < 0:
            raise KnownError(tr("the depth must be 0 or more steps"))
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
            raise KnownError(tr("that sphere is not on the map"))
        return network.members(scope.sphere)
    if scope.kind is ScopeKind.PEOPLE:
        return frozenset(scope.people) & network.people.keys()
    if scope.kind is ScopeKind.FOCUS:
        if scope.focus not in network.people:
            raise KnownError(tr("the focus person is not on the map"))
        return graph_view(network).within(scope.focus, scope.depth)
    return frozenset(network.people)
