"""Finding a sphere or a person on the map by the name a user typed."""

from __future__ import annotations

from relmap.core.errors import KnownError
from relmap.core.ids import PersonId, SphereId
from relmap.core.network import Network


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
